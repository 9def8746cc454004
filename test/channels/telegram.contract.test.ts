// The channel contract for Telegram, driven through a fake Bot API server used as telegraf's apiRoot:
// users' messages and button presses are updates the fake hands out on getUpdates; what the bot sent
// is read back from the calls it made.
import pino from 'pino';
import type { Chat, User } from 'telegraf/types';
import type { ChatRef, InboundEvent, UserRef } from '../../src/channels/channel.ts';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { FakeTelegram, type SentCall } from '../support/fake-telegram.ts';
import { describe, expect, it } from 'vitest';
import { describeChannelContract, type ChannelHarness, type SentItem } from './contract.ts';

export const TOKEN = '123456:TEST-TOKEN';

/** Waits until `count()` passes `n` (events reach the handler asynchronously through polling). */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out waiting for the channel');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What a person sees of a bot call: the text (with a document's caption and name) and the buttons. */
export function shown(call: SentCall): SentItem | null {
  const p = call.payload;
  if (call.error) return null;
  if (call.method === 'sendMessage') {
    const keyboard = (p.reply_markup?.inline_keyboard ?? []) as { text: string }[][];
    return { chatId: String(p.chat_id), text: String(p.text), ...(keyboard.length ? { options: keyboard.flat().map((b) => b.text) } : {}) };
  }
  if (call.method === 'editMessageText') return { chatId: String(p.chat_id), text: String(p.text) };
  if (call.method === 'sendDocument') return { chatId: String(p.chat_id), text: `${p.caption ?? ''}\n${p.document?.name ?? p.document?.filename ?? ''}` };
  if (call.method === 'sendPhoto') return { chatId: String(p.chat_id), text: `${p.caption ?? ''}\n${p.photo?.name ?? p.photo?.filename ?? ''}` };
  return null;
}

function callbackData(call: SentCall, promptId: string, optionId: string): string | undefined {
  const buttons = ((call.payload.reply_markup?.inline_keyboard ?? []) as { callback_data?: string }[][]).flat();
  return buttons.find((b) => b.callback_data?.startsWith(`${promptId}|${optionId}|`))?.callback_data;
}

async function telegramHarness(): Promise<ChannelHarness> {
  const fake = await new FakeTelegram().start();
  const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: pino({ level: 'silent' }) });
  const events: InboundEvent[] = [];
  await channel.start(async (event) => {
    events.push(event);
  });
  const groupChat = fake.group(-100123, 'Chi bộ Khu phố 3');
  const group: ChatRef = { channel: 'telegram', chatId: String(groupChat.id), kind: 'group', title: 'Chi bộ Khu phố 3' };
  // The contract's people get Telegram's numeric ids.
  const users = new Map<string, User>();
  const userOf = (u: UserRef): User => {
    if (!users.has(u.userId)) users.set(u.userId, fake.user(1000 + users.size, u.displayName));
    return users.get(u.userId)!;
  };
  const chatOf = (chat: ChatRef, from: User): Chat => (chat.kind === 'group' ? groupChat : fake.privateChat(from));
  let lastUpdate = 0;
  const deliver = async (inject: () => { update_id: number }): Promise<InboundEvent> => {
    const before = events.length;
    lastUpdate = inject().update_id;
    await until(() => events.length > before);
    return events.at(-1)!;
  };
  return {
    channel,
    group,
    privateChat: (u) => ({ channel: 'telegram', chatId: String(userOf(u).id), kind: 'private' }),
    injectCommand: (u, chat, name, args) => deliver(() => fake.injectMessage(chatOf(chat, userOf(u)), userOf(u), `/${name}${args ? ` ${args}` : ''}`)),
    injectText: (u, chat, text) => deliver(() => fake.injectMessage(chatOf(chat, userOf(u)), userOf(u), text)),
    injectChoice: (u, chat, promptId, optionId) => {
      // The button carries the callback data the bot put on it; a late press on a closed question still
      // sends it (the client had not refreshed), so it is looked up in what the bot sent.
      const ask = [...fake.sent].reverse().find((c) => c.method === 'sendMessage' && String(c.payload.chat_id) === chat.chatId && callbackData(c, promptId, optionId));
      const message = ask && [...fake.messagesIn(Number(chat.chatId))].reverse().find((m) => m.text === ask.payload.text);
      if (!ask || !message) throw new Error(`no button ${promptId}/${optionId}`);
      return deliver(() => fake.injectCallback(userOf(u), message, callbackData(ask, promptId, optionId)!));
    },
    replayLast: () => deliver(() => (fake.replay(lastUpdate), { update_id: lastUpdate })),
    received: () => [...events],
    sent: () => fake.sent.map(shown).filter((s): s is SentItem => s !== null),
    async close() {
      await channel.stop();
      await fake.stop();
    },
  };
}

describeChannelContract('telegram', telegramHarness);

describe('telegram: flood control', () => {
  it("waits out a 429's retry_after and delivers the message once, in order", async () => {
    const fake = await new FakeTelegram().start();
    const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: pino({ level: 'silent' }) });
    await channel.start(async () => undefined);
    try {
      const chat: ChatRef = { channel: 'telegram', chatId: '-100900', kind: 'group' };
      fake.group(-100900, 'Chi bộ');
      fake.injectFlood('sendMessage', 1, 1);
      await Promise.all([channel.send(chat, { text: 'Tin thứ nhất' }), channel.send(chat, { text: 'Tin thứ hai' })]);
      const calls = fake.sent.filter((c) => c.method === 'sendMessage');
      expect(calls.map((c) => [c.payload.text, c.error?.error_code ?? 'ok'])).toEqual([
        ['Tin thứ nhất', 429],
        ['Tin thứ nhất', 'ok'],
        ['Tin thứ hai', 'ok'],
      ]);
      expect(fake.messagesIn(-100900).map((m) => m.text)).toEqual(['Tin thứ nhất', 'Tin thứ hai']);
    } finally {
      await channel.stop();
      await fake.stop();
    }
  });
});

describe('telegram: pictures', () => {
  it('sends a chart as a photo with its caption, and a spreadsheet as a document', async () => {
    const fake = await new FakeTelegram().start();
    const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: pino({ level: 'silent' }) });
    await channel.start(async () => undefined);
    try {
      const chat: ChatRef = { channel: 'telegram', chatId: '-100901', kind: 'group' };
      fake.group(-100901, 'Chi bộ');
      await channel.sendFile(chat, { name: 'bieu-do-du-hop.png', mimeType: 'image/png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }, 'Tỷ lệ dự họp — năm 2025');
      await channel.sendFile(chat, { name: 'bao-cao.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: new Uint8Array([1]) });
      expect(fake.sent.filter((c) => !c.error && c.method.startsWith('send')).map((c) => [c.method, c.payload.caption ?? null])).toEqual([
        ['sendPhoto', 'Tỷ lệ dự họp — năm 2025'],
        ['sendDocument', null],
      ]);
    } finally {
      await channel.stop();
      await fake.stop();
    }
  });
});
