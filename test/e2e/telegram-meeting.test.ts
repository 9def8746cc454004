// A meeting held in a Telegram group, end to end: the real bot on a real database, the real telegraf
// client polling a fake Bot API server. Members press the buttons the bot sent; the test reads what the
// group sees and what was stored.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from 'telegraf/types';
import { createBot, type Bot } from '../../src/bot.ts';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import type { InboundEvent } from '../../src/channels/channel.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { FakeTelegram, type SentCall } from '../support/fake-telegram.ts';

const TOKEN = '123456:E2E-TOKEN';
const vn = (local: string) => new Date(`${local}:00+07:00`);
const PROMPT_CLOSED = 'Câu hỏi này đã được trả lời hoặc đã đóng.';

describe('a meeting in a Telegram group', () => {
  let fake: FakeTelegram;
  let db: TestDatabase;
  let bot: Bot;
  let channel: TelegramChannel;
  let clock: ManualClock;
  const group = { id: -100555, title: 'Chi bộ Khu phố 3' };
  let binh: User, hoa: User, cuong: User, dung: User;

  beforeEach(async () => {
    fake = await new FakeTelegram().start();
    db = await createTestDatabase();
    clock = new ManualClock(vn('2026-12-01T08:00'));
    channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: pino({ level: 'silent' }) });
    bot = createBot({ store: db.store, clock, channels: [channel], log: pino({ level: 'silent' }) });
    await bot.start();
    binh = fake.user(2001, 'Nguyễn Văn', 'binh_nv');
    binh = { ...binh, last_name: 'Bình' };
    hoa = { ...fake.user(2002, 'Trần Thị'), last_name: 'Hoa' };
    cuong = { ...fake.user(2003, 'Lê Văn'), last_name: 'Cường' };
    dung = { ...fake.user(2004, 'Phạm Thị'), last_name: 'Dung' };
  });

  afterEach(async () => {
    await bot.stop();
    await fake.stop();
    await db.cleanup();
  });

  const groupChat = () => fake.group(group.id, group.title);

  /** Sends a message as `from` in the group and waits until the bot has handled it. */
  async function say(from: User, text: string): Promise<string[]> {
    const before = fake.sent.length;
    fake.injectMessage(groupChat(), from, text);
    await settle();
    return fake.sent.slice(before).filter((c) => c.method === 'sendMessage' || c.method === 'editMessageText').map((c) => String(c.payload.text));
  }

  /** Waits until polling has delivered everything and the bot (router and outbound queue) is idle. */
  async function settle(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await bot.idle();
      if (fake.pendingUpdates === 0 && (await quiet())) return;
    }
    throw new Error('the bot did not settle');
  }
  let lastCount = -1;
  async function quiet(): Promise<boolean> {
    const count = fake.sent.length;
    const same = count === lastCount;
    lastCount = count;
    return same;
  }

  /** The newest button with this label in the group, as the bot sent it. */
  function button(label: string): { call: SentCall; data: string } {
    const call = [...fake.sent].reverse().find((c) => c.method === 'sendMessage' && ((c.payload.reply_markup?.inline_keyboard ?? []) as { text: string }[][]).flat().some((b) => b.text === label));
    if (!call) throw new Error(`no button "${label}"`);
    const data = ((call.payload.reply_markup.inline_keyboard as { text: string; callback_data: string }[][]).flat().find((b) => b.text === label))!.callback_data;
    return { call, data };
  }

  async function press(from: User, label: string, data?: string): Promise<{ update: number; answers: string[] }> {
    const { call, data: real } = button(label);
    const message = [...fake.messagesIn(group.id)].reverse().find((m) => m.text === call.payload.text)!;
    const answersBefore = fake.callbackAnswers.length;
    const update = fake.injectCallback(from, message, data ?? real).update_id;
    await settle();
    return { update, answers: fake.callbackAnswers.slice(answersBefore).map((a) => String(a.text ?? '')) };
  }

  async function link(user: User, fullName: string) {
    const cell = (await db.store.cells.findByChat('telegram', String(group.id)))!;
    const member = (await db.store.members.listCurrent(cell.id)).find((m) => m.fullName === fullName)!;
    await db.store.identities.link(cell.id, member.id, { channel: 'telegram', externalId: String(user.id), displayName: fullName }, null, clock.now());
  }

  it('announces, takes RSVPs and a vote by buttons, announces the result; a replayed or forged press changes nothing', async () => {
    expect(await say(binh, '/taochibo@ChiBoBot Chi bộ Khu phố 3 | Đảng bộ phường Bến Thành')).toEqual([expect.stringContaining('Chi bộ Khu phố 3')]);
    await say(binh, '/nhapdv Họ và tên,Đảng viên,Chức vụ\nNguyễn Văn Bình,Chính thức,Bí thư\nTrần Thị Hoa,Chính thức,Phó bí thư\nLê Văn Cường,Chính thức,\nPhạm Thị Dung,Dự bị,');
    for (const [user, name] of [[hoa, 'Trần Thị Hoa'], [cuong, 'Lê Văn Cường'], [dung, 'Phạm Thị Dung']] as const) await link(user, name);

    // A command addressed to another bot in the same group is not ours.
    expect(await say(binh, '/lich@OtherBot')).toEqual([]);

    const announcement = await say(binh, '/lichhop thường kỳ | 10/12/2026 19:30 | Nhà văn hoá khu phố 3');
    expect(announcement.join('\n')).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
    await press(hoa, 'Tham dự');
    await press(cuong, 'Tham dự');
    const cell = (await db.store.cells.findByChat('telegram', String(group.id)))!;
    const meeting = (await db.store.meetings.bySeq(cell.id, 1))!;
    expect((await db.store.meetings.attendance(meeting.id)).filter((a) => a.rsvp === 'YES')).toHaveLength(2);

    clock.set(vn('2026-12-10T19:30'));
    await say(binh, '/batdauhop thư ký: Trần Thị Hoa');
    expect((await say(binh, '/diemdanh có mặt: 1-4')).join('\n')).toContain('Có mặt (4)');
    const ballot = await say(binh, '/bieuquyet Thông qua nghị quyết tháng 12');
    expect(ballot.join('\n')).toContain('BIỂU QUYẾT số 1');

    const first = await press(hoa, 'Tán thành');
    expect(first.answers).toEqual(['Đã ghi: tán thành — biểu quyết số 1. Có thể đổi đến khi kết thúc.']);
    await press(cuong, 'Tán thành');
    await press(binh, 'Không tán thành');
    // The progress line is edited in place, not sent again.
    expect(fake.messagesIn(group.id).some((m) => m.text === 'Biểu quyết số 1: đã biểu quyết 3/3.')).toBe(true);

    // Telegram redelivers an update (a restart before it was confirmed): nothing changes, nothing is said.
    const sentBefore = fake.sent.filter((c) => c.method === 'sendMessage').length;
    fake.replay(first.update);
    await settle();
    expect(fake.sent.filter((c) => c.method === 'sendMessage').length).toBe(sentBefore);
    // A press with forged callback data is answered as closed and counts for nothing.
    const forged = button('Không tán thành').data.replace(/\|[^|]+$/, '|AAAAAAAAAA');
    expect((await press(hoa, 'Không tán thành', forged)).answers).toEqual([PROMPT_CLOSED]);
    // The probationary member is refused.
    expect((await press(dung, 'Tán thành')).answers[0]).toContain('Đảng viên dự bị không có quyền biểu quyết');

    const counts = await db.store.votes.counts((await db.store.votes.ofMeeting(meeting.id))[0]!.id);
    expect(counts).toEqual({ yes: 2, no: 1 });

    const result = (await say(binh, '/ketthucbieuquyet')).join('\n');
    expect(result).toContain('KẾT QUẢ BIỂU QUYẾT số 1');
    expect(result).toContain('Tán thành: 2/3 đồng chí, đạt 66,67% — THÔNG QUA, quá 1/2');
    // A press after the close is refused and not counted.
    expect((await press(cuong, 'Không tán thành')).answers).toEqual([PROMPT_CLOSED]);
    expect(await db.store.votes.counts((await db.store.votes.ofMeeting(meeting.id))[0]!.id)).toEqual({ yes: 2, no: 1 });
    // Every press was answered, so no member's button kept spinning.
    const presses = fake.sent.filter((c) => c.method === 'answerCallbackQuery').length;
    expect(presses).toBeGreaterThanOrEqual(8);
  });

  it('publishes the command menu from the registry', async () => {
    const { commandMenu } = await import('../../src/commands/help.commands.ts');
    await channel.publishCommands(commandMenu(bot.router.commands));
    const call = fake.sent.find((c) => c.method === 'setMyCommands')!;
    const commands = call.payload.commands as { command: string; description: string }[];
    expect(commands.map((c) => c.command)).toContain('lichhop');
    expect(commands.find((c) => c.command === 'bieuquyet')!.description.length).toBeGreaterThan(3);
    for (const c of commands) expect(c.description.length).toBeLessThanOrEqual(256);
  });

  it('gives members it cannot write to privately the t.me link, instead of failing the secret ballot', async () => {
    await say(binh, '/taochibo Chi bộ Khu phố 3 | Đảng bộ phường Bến Thành');
    await say(binh, '/nhapdv Họ và tên,Đảng viên,Chức vụ\nNguyễn Văn Bình,Chính thức,Bí thư\nTrần Thị Hoa,Chính thức,Phó bí thư\nLê Văn Cường,Chính thức,');
    await link(hoa, 'Trần Thị Hoa');
    await link(cuong, 'Lê Văn Cường');
    // Hoa opened a private chat with the bot; Cường and the bí thư never did.
    fake.injectMessage(fake.privateChat(hoa), hoa, '/start');
    await settle();
    await say(binh, '/caidat phiếu kín điện tử: bật');
    await say(binh, '/lichhop bất thường | 10/12/2026 19:30 | Nhà văn hoá');
    clock.set(vn('2026-12-10T19:30'));
    await say(binh, '/batdauhop');
    await say(binh, '/diemdanh có mặt: 1-3');
    const opened = (await say(binh, '/bophieukin Thông qua phương án sửa nhà văn hoá')).join('\n');
    expect(opened).toContain('Bot chưa nhắn riêng được cho: Nguyễn Văn Bình, Lê Văn Cường.');
    expect(opened).toContain('https://t.me/ChiBoBot?start=phieu');
    // Hoa's ballot reached her private chat.
    expect(fake.messagesIn(hoa.id).some((m) => m.text?.startsWith('PHIẾU KÍN'))).toBe(true);
    // Cường follows the link: Telegram sends "/start phieu" in his new private chat, and his ballot comes.
    fake.injectMessage(fake.privateChat(cuong), cuong, '/start phieu');
    await settle();
    expect(fake.messagesIn(cuong.id).some((m) => m.text?.startsWith('PHIẾU KÍN'))).toBe(true);
  });
});

describe('Telegram by webhook', () => {
  it('receives updates posted with the secret token, and the fake gets them confirmed', async () => {
    const fake = await new FakeTelegram().start();
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const channel = new TelegramChannel({
      token: TOKEN, apiRoot: fake.apiRoot, log: pino({ level: 'silent' }),
      webhook: { url: `http://127.0.0.1:${port}/telegram`, secretToken: 'bi-mat-chi-bo', port },
    });
    const events: InboundEvent[] = [];
    await channel.start(async (event) => {
      events.push(event);
    });
    try {
      expect(fake.webhook?.url).toBe(`http://127.0.0.1:${port}/telegram`);
      fake.injectMessage(fake.group(-100777, 'Chi bộ'), fake.user(3001, 'Hoa'), '/lich');
      for (let i = 0; i < 200 && !events.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(events).toEqual([expect.objectContaining({ kind: 'command', name: 'lich', chat: expect.objectContaining({ chatId: '-100777', kind: 'group' }) })]);
      // A request without the secret is refused by the webhook handler.
      const forged = await fetch(`http://127.0.0.1:${port}/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ update_id: 99, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'X' }, text: '/lich' } }) });
      expect(forged.status).toBe(403);
      expect(events).toHaveLength(1);
    } finally {
      await channel.stop();
      await fake.stop();
    }
  });
});
