// The behaviour every channel adapter owes the bot (docs/decisions/0002-channel-interface.md),
// written once and run against each adapter through a small harness that drives it the way its
// platform would. The suite branches only on the channel's declared capabilities, never on its name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChatRef, InboundEvent, OutboundPrompt, UserRef } from '../../src/channels/channel.ts';

/** One thing the channel put in front of the user: a message, an edit or a question with its options. */
export interface SentItem {
  chatId: string;
  text: string;
  options?: string[];
}

export interface ChannelHarness {
  channel: Channel;
  group: ChatRef;
  privateChat(user: UserRef): ChatRef;
  injectCommand(user: UserRef, chat: ChatRef, name: string, args: string): Promise<InboundEvent>;
  injectText(user: UserRef, chat: ChatRef, text: string): Promise<InboundEvent>;
  injectChoice(user: UserRef, chat: ChatRef, promptId: string, optionId: string): Promise<InboundEvent>;
  /** Re-delivers the last event as the platform would (a webhook retry, a re-sent update). */
  replayLast(): Promise<InboundEvent>;
  /** Events the channel delivered to its handler, oldest first. */
  received(): InboundEvent[];
  /** What the channel sent, as the user sees it, oldest first. */
  sent(): SentItem[];
  close(): Promise<void>;
}

function expectNormalisedBase(event: InboundEvent, chat: ChatRef): void {
  expect(typeof event.eventId).toBe('string');
  expect(event.eventId.length).toBeGreaterThan(0);
  expect(event.at).toBeInstanceOf(Date);
  expect(Number.isNaN(event.at.getTime())).toBe(false);
  expect(event.chat.chatId).toBe(chat.chatId);
  expect(event.chat.kind).toBe(chat.kind);
  expect(event.chat.channel).toBe(chat.channel);
}

function narrow<K extends InboundEvent['kind']>(event: InboundEvent, kind: K): Extract<InboundEvent, { kind: K }> {
  expect(event.kind).toBe(kind);
  return event as Extract<InboundEvent, { kind: K }>;
}

export function describeChannelContract(name: string, makeHarness: () => Promise<ChannelHarness>): void {
  describe(`channel contract: ${name}`, () => {
    let h: ChannelHarness;
    let an: UserRef;
    let binh: UserRef;

    beforeEach(async () => {
      h = await makeHarness();
      an = { channel: h.group.channel, userId: 'contract-an', displayName: 'Nguyễn Văn An' };
      binh = { channel: h.group.channel, userId: 'contract-binh', displayName: 'Trần Thị Bình' };
    });

    afterEach(async () => {
      await h?.close();
    });

    const prompt = (promptId: string): OutboundPrompt => ({
      promptId,
      question: 'Đồng chí có dự họp chi bộ ngày 05/12 không?',
      options: [
        { id: 'co', label: 'Có dự' },
        { id: 'vang', label: 'Vắng, có lý do' },
        { id: 'chua-ro', label: 'Chưa rõ' },
      ],
      multiple: false,
    });

    describe('inbound events', () => {
      it('delivers a command with its name (no slash), arguments, group chat, sender and time', async () => {
        const event = await h.injectCommand(an, h.group, 'nhapdv', 'Lê Văn Tám | chính thức');
        const command = narrow(event, 'command');
        expectNormalisedBase(command, h.group);
        expect(command.name).toBe('nhapdv');
        expect(command.args).toBe('Lê Văn Tám | chính thức');
        expect(command.chat.kind).toBe('group');
        expect(command.from.displayName).toBe('Nguyễn Văn An');
        expect(h.received().at(-1)).toEqual(command);
      });

      it('delivers a command without arguments with empty args', async () => {
        const command = narrow(await h.injectCommand(binh, h.group, 'huongdan', ''), 'command');
        expect(command.name).toBe('huongdan');
        expect(command.args).toBe('');
        expect(command.from.displayName).toBe('Trần Thị Bình');
      });

      it('delivers plain text as a text event, unchanged', async () => {
        const text = narrow(await h.injectText(binh, h.group, 'Tôi xin phép vắng buổi họp tối nay.'), 'text');
        expectNormalisedBase(text, h.group);
        expect(text.text).toBe('Tôi xin phép vắng buổi họp tối nay.');
        expect(text.from.displayName).toBe('Trần Thị Bình');
        expect(h.received()).toHaveLength(1);
      });

      it('delivers a pressed option of a question as a choice with the prompt id and option id', async () => {
        await h.channel.ask(h.group, prompt('diem-danh-1'));
        const choice = narrow(await h.injectChoice(an, h.group, 'diem-danh-1', 'vang'), 'choice');
        expectNormalisedBase(choice, h.group);
        expect(choice.promptId).toBe('diem-danh-1');
        expect(choice.optionIds).toEqual(['vang']);
        expect(choice.from.displayName).toBe('Nguyễn Văn An');
      });

      it('identifies the same person by the same userId and different people by different ones', async () => {
        const first = narrow(await h.injectText(an, h.group, 'một'), 'text');
        const other = narrow(await h.injectText(binh, h.group, 'hai'), 'text');
        const again = narrow(await h.injectCommand(an, h.group, 'huongdan', ''), 'command');
        expect(again.from.userId).toBe(first.from.userId);
        expect(other.from.userId).not.toBe(first.from.userId);
      });

      it('gives every new event a distinct eventId, even for identical content', async () => {
        await h.channel.ask(h.group, prompt('p-distinct'));
        const events = [
          await h.injectText(an, h.group, 'Đồng ý'),
          await h.injectText(an, h.group, 'Đồng ý'),
          await h.injectCommand(an, h.group, 'huongdan', ''),
          await h.injectCommand(binh, h.group, 'huongdan', ''),
          await h.injectChoice(binh, h.group, 'p-distinct', 'co'),
          await h.injectChoice(binh, h.group, 'p-distinct', 'co'),
        ];
        const ids = events.map((e) => e.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(h.received().map((e) => e.eventId)).toEqual(ids);
      });

      it('keeps the eventId of a re-delivered event, so the bot can drop the duplicate', async () => {
        const original = await h.injectCommand(an, h.group, 'diemdanh', '');
        const replayed = await h.replayLast();
        expect(replayed.eventId).toBe(original.eventId);
        expect(replayed.kind).toBe(original.kind);
        const received = h.received();
        expect(received).toHaveLength(2);
        expect(received[1]!.eventId).toBe(received[0]!.eventId);
      });
    });

    describe('outbound messages', () => {
      it('send() returns a reference to the message in that chat, and the user sees the text', async () => {
        const ref = await h.channel.send(h.group, { text: 'Kính gửi các đồng chí: họp chi bộ lúc 19 giờ.' });
        expect(ref.chat.chatId).toBe(h.group.chatId);
        expect(ref.chat.kind).toBe('group');
        expect(typeof ref.messageId).toBe('string');
        expect(ref.messageId.length).toBeGreaterThan(0);
        expect(h.sent()).toContainEqual(
          expect.objectContaining({ chatId: h.group.chatId, text: 'Kính gửi các đồng chí: họp chi bộ lúc 19 giờ.' }),
        );

        const second = await h.channel.send(h.group, { text: 'Tin thứ hai.' });
        expect(second.messageId).not.toBe(ref.messageId);
      });

      it('ask() shows the question and every option label', async () => {
        const ref = await h.channel.ask(h.group, prompt('diem-danh-2'));
        expect(ref.chat.chatId).toBe(h.group.chatId);
        const shown = h.sent().at(-1)!;
        expect(shown.chatId).toBe(h.group.chatId);
        expect(shown.text).toContain('Đồng chí có dự họp chi bộ ngày 05/12 không?');
        const visible = [shown.text, ...(shown.options ?? [])].join('\n');
        for (const label of ['Có dự', 'Vắng, có lý do', 'Chưa rõ']) expect(visible).toContain(label);
        if (shown.options) expect(shown.options).toEqual(['Có dự', 'Vắng, có lý do', 'Chưa rõ']);
      });

      it('renders a mention of everyone where the channel can (and still sends the text otherwise)', async () => {
        const text = 'Đề nghị các đồng chí xác nhận dự họp.';
        const before = h.sent().length;
        await h.channel.send(h.group, { text, mentions: 'all' });
        const shown = h.sent().slice(before);
        const item = shown.find((s) => s.text.includes(text));
        expect(item).toBeDefined();
        expect(item!.chatId).toBe(h.group.chatId);
        if (h.channel.capabilities.mentionAll) {
          // something beyond the bare text tells everyone they are meant
          expect(shown.map((s) => s.text).join('\n').length).toBeGreaterThan(text.length);
        }
      });

      it('splits a text longer than maxTextLength into parts that fit and join back to the original', async (ctx) => {
        const max = h.channel.capabilities.maxTextLength;
        if (max > 10_000) ctx.skip();
        const lines: string[] = [];
        for (let i = 1; lines.join('\n').length <= max * 2.5; i++) {
          lines.push(`${i}. Đồng chí số ${i} — đã đóng đảng phí quý IV, dự họp đủ ${i % 4} buổi.`);
        }
        const text = lines.join('\n');
        const before = h.sent().length;
        const ref = await h.channel.send(h.group, { text });
        expect(ref.chat.chatId).toBe(h.group.chatId);
        const parts = h.sent().slice(before);
        expect(parts.length).toBeGreaterThan(1);
        for (const part of parts) {
          expect(part.chatId).toBe(h.group.chatId);
          expect(part.text.length).toBeLessThanOrEqual(max);
        }
        expect(parts.map((p) => p.text).join('\n')).toBe(text);
      });

      it('edit() changes the message where the channel can, else sends a new one; the new text is visible', async () => {
        const ref = await h.channel.send(h.group, { text: 'Dự thảo: họp lúc 19 giờ.' });
        const before = h.sent().length;
        const edited = await h.channel.edit(ref, 'Đã sửa: họp lúc 19 giờ 30.');
        expect(edited.chat.chatId).toBe(h.group.chatId);
        if (h.channel.capabilities.editMessages) expect(edited.messageId).toBe(ref.messageId);
        else expect(edited.messageId).not.toBe(ref.messageId);
        expect(h.sent().slice(before)).toContainEqual(
          expect.objectContaining({ chatId: h.group.chatId, text: 'Đã sửa: họp lúc 19 giờ 30.' }),
        );
      });

      it('acknowledge() and closeAsk() complete without error', async () => {
        const ref = await h.channel.ask(h.group, prompt('p-close'));
        // An answer the platform holds until closing comes back here; nobody answered this one.
        await expect(h.channel.closeAsk(ref)).resolves.toEqual([]);
        const event = await h.injectChoice(an, h.group, 'p-close', 'co');
        await expect(h.channel.acknowledge(event)).resolves.toBeUndefined();
        await expect(h.channel.acknowledge(event, 'Đã ghi nhận.')).resolves.toBeUndefined();
      });
    });

    describe('files', () => {
      it('sends a document to the chat, under its name, with its caption', async (ctx) => {
        if (!h.channel.capabilities.files) ctx.skip();
        const file = { name: 'bien-ban-so-3.md', mimeType: 'text/markdown', bytes: new TextEncoder().encode('# BIÊN BẢN SINH HOẠT CHI BỘ') };
        const ref = await h.channel.sendFile(h.group, file, 'Biên bản cuộc họp số 3');
        expect(ref.chat.chatId).toBe(h.group.chatId);
        const last = h.sent().at(-1)!;
        expect(last.chatId).toBe(h.group.chatId);
        expect(last.text).toContain('bien-ban-so-3.md');
        expect(last.text).toContain('Biên bản cuộc họp số 3');
      });
    });

    describe('private chat', () => {
      it('puts messages to and from a member privately in a chat of kind private', async (ctx) => {
        if (!h.channel.capabilities.privateChat) ctx.skip();
        const dm = h.privateChat(an);
        expect(dm.kind).toBe('private');
        expect(dm.chatId).not.toBe(h.group.chatId);
        expect(h.privateChat(binh).chatId).not.toBe(dm.chatId);

        const inbound = narrow(await h.injectText(an, dm, 'Tôi muốn hỏi về đảng phí.'), 'text');
        expectNormalisedBase(inbound, dm);
        expect(inbound.chat.kind).toBe('private');
        expect(inbound.from.displayName).toBe('Nguyễn Văn An');

        const command = narrow(await h.injectCommand(an, dm, 'toila', 'Nguyễn Văn An'), 'command');
        expect(command.chat.kind).toBe('private');
        expect(command.chat.chatId).toBe(dm.chatId);

        const ref = await h.channel.send(dm, { text: 'Đảng phí quý IV của đồng chí: 30.000 đồng.' });
        expect(ref.chat.kind).toBe('private');
        expect(ref.chat.chatId).toBe(dm.chatId);
        expect(h.sent().at(-1)).toEqual(
          expect.objectContaining({ chatId: dm.chatId, text: 'Đảng phí quý IV của đồng chí: 30.000 đồng.' }),
        );
      });
    });
  });
}
