// A meeting held in a Zalo group, end to end: the real bot on a real database, the real zca-js API
// talking to a fake Zalo Web server over HTTP and WebSocket. Members answer the native reminder and the
// native polls the bot created; the test reads what the group sees and what was stored.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot.ts';
import { ZaloChannel } from '../../src/channels/zalo/zalo-channel.ts';
import { FileZaloStateStore } from '../../src/channels/zalo/zalo-state.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { connectZaloApi, FakeZaloServer } from '../support/fake-zalo-server.ts';

const vn = (local: string) => new Date(`${local}:00+07:00`);
const GROUP = 'g-chibo-kp3';
const BINH = '7001';
const HOA = '7002';
const CUONG = '7003';
const DUNG = '7004';
const NO_LIMITS = { perChatPerSecond: Infinity, perGroupPerMinute: Infinity, globalPerSecond: Infinity };

describe('a meeting in a Zalo group', () => {
  let server: FakeZaloServer;
  let db: TestDatabase;
  let bot: Bot;
  let clock: ManualClock;

  beforeEach(async () => {
    server = await new FakeZaloServer().start();
    for (const [uid, name] of [[BINH, 'Nguyễn Văn Bình'], [HOA, 'Trần Thị Hoa'], [CUONG, 'Lê Văn Cường'], [DUNG, 'Phạm Thị Dung']] as const) server.addUser(uid, name);
    server.addGroup(GROUP, 'Chi bộ Khu phố 3', [BINH, HOA, CUONG, DUNG, server.ownId]);
    db = await createTestDatabase();
    clock = new ManualClock(vn('2026-12-01T08:00'));
    const channel = new ZaloChannel({
      api: await connectZaloApi(server),
      state: new FileZaloStateStore(join(mkdtempSync(join(tmpdir(), 'zalo-e2e-')), 'state.json')),
      log: pino({ level: 'silent' }),
      now: () => clock.now(),
      limits: NO_LIMITS,
      jitterMs: 0,
      pollWatch: { minMs: 25, maxMs: 100 },
    });
    bot = createBot({ store: db.store, clock, channels: [channel], log: pino({ level: 'silent' }) });
    await bot.start();
  });

  afterEach(async () => {
    await bot.stop();
    await server.stop();
    await db.cleanup();
  });

  /** Waits until `check` holds, the bot is idle and the group has been quiet for a moment. */
  async function settle(check: () => boolean | Promise<boolean> = () => true): Promise<void> {
    let count = -1;
    for (let i = 0; i < 500; i++) {
      await new Promise((r) => setTimeout(r, 20));
      await bot.idle();
      const quiet = server.sent.length === count;
      count = server.sent.length;
      if (quiet && i > 10 && (await check())) return;
    }
    throw new Error('the bot did not settle');
  }

  const groupTexts = (from = 0) => server.sent.slice(from).filter((m) => m.threadId === GROUP).map((m) => m.text);

  async function say(uid: string, text: string): Promise<string[]> {
    const before = server.sent.length;
    server.pushGroupMessage(GROUP, uid, text);
    await settle();
    return groupTexts(before);
  }

  async function link(uid: string, fullName: string) {
    const cell = (await db.store.cells.findByChat('zalo', GROUP))!;
    const member = (await db.store.members.listCurrent(cell.id)).find((m) => m.fullName === fullName)!;
    await db.store.identities.link(cell.id, member.id, { channel: 'zalo', externalId: uid, displayName: fullName }, null, clock.now());
  }

  const option = (pollId: number, label: string) => server.getPoll(pollId)!.options.find((o) => o.content === label)!.option_id;

  async function rsvps(): Promise<Record<string, string | null>> {
    const cell = (await db.store.cells.findByChat('zalo', GROUP))!;
    const meeting = (await db.store.meetings.bySeq(cell.id, 1))!;
    const members = await db.store.members.listCurrent(cell.id);
    const rows = await db.store.meetings.attendance(meeting.id);
    return Object.fromEntries(members.map((m) => [m.fullName, rows.find((r) => r.memberId === m.id)?.rsvp ?? null]));
  }

  it('announces with a poll and a nhắc hẹn, takes RSVPs from both, a vote by poll, and announces the exact result', async () => {
    expect((await say(BINH, '/taochibo Chi bộ Khu phố 3 | Đảng bộ phường Bến Thành')).join('\n')).toContain('Chi bộ Khu phố 3');
    await say(BINH, '/nhapdv Họ và tên,Đảng viên,Chức vụ\nNguyễn Văn Bình,Chính thức,Bí thư\nTrần Thị Hoa,Chính thức,Phó bí thư\nLê Văn Cường,Chính thức,\nPhạm Thị Dung,Dự bị,');
    await link(HOA, 'Trần Thị Hoa');
    await link(CUONG, 'Lê Văn Cường');
    await link(DUNG, 'Phạm Thị Dung');

    // The announcement: the full text in the group, a native poll and a native reminder for the meeting time.
    const announcement = await say(BINH, '/lichhop thường kỳ | 10/12/2026 19:30 | Nhà văn hoá khu phố 3');
    expect(announcement.join('\n')).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
    const [rsvpPoll] = server.allPolls();
    expect(rsvpPoll).toMatchObject({ question: expect.stringMatching(/^Đồng chí có dự họp số 1 — Sinh hoạt chi bộ thường kỳ tháng 12\/2026/), is_anonymous: false, closed: false });
    expect(rsvpPoll!.options.map((o) => o.content)).toEqual(['Tham dự', 'Vắng có lý do', 'Chưa chắc']);
    const [reminder] = server.allReminders();
    expect(reminder).toMatchObject({ groupId: GROUP, title: 'Họp chi bộ số 1 — Sinh hoạt chi bộ thường kỳ tháng 12/2026', startTime: vn('2026-12-10T19:30').getTime() });

    // RSVP through the reminder: Hoa accepts; Cường declines and is asked for the reason, which he types.
    let before = server.sent.length;
    server.respondReminder(reminder!.id, HOA, 'accept');
    server.respondReminder(reminder!.id, CUONG, 'reject');
    await settle(async () => (await rsvps())['Lê Văn Cường'] === 'EXCUSED');
    expect(groupTexts(before)).toEqual([expect.stringContaining('Đồng chí Lê Văn Cường vui lòng nhắn lý do vắng')]);
    expect(await say(CUONG, 'Đi công tác Hà Nội')).toEqual([expect.stringContaining('Đã ghi lý do vắng của đồng chí Lê Văn Cường: Đi công tác Hà Nội')]);
    // The same reminder answer delivered again changes nothing.
    before = server.sent.length;
    server.respondReminder(reminder!.id, CUONG, 'reject');
    await settle();
    expect(groupTexts(before)).toEqual([]);

    // RSVP through the poll: Dũng votes, takes it back, votes again; each change reaches the bot once.
    server.votePoll(rsvpPoll!.poll_id, DUNG, [option(rsvpPoll!.poll_id, 'Chưa chắc')]);
    await settle(async () => (await rsvps())['Phạm Thị Dung'] === 'MAYBE');
    server.votePoll(rsvpPoll!.poll_id, DUNG, []);
    await settle(async () => (await rsvps())['Phạm Thị Dung'] === null);
    server.votePoll(rsvpPoll!.poll_id, DUNG, [option(rsvpPoll!.poll_id, 'Tham dự')]);
    await settle(async () => (await rsvps())['Phạm Thị Dung'] === 'YES');
    expect(await rsvps()).toEqual({ 'Nguyễn Văn Bình': null, 'Trần Thị Hoa': 'YES', 'Lê Văn Cường': 'EXCUSED', 'Phạm Thị Dung': 'YES' });
    // Answers in Zalo's own UI are not echoed back to the group: the poll and the reminder show them.
    expect(groupTexts(before).filter((t) => t.startsWith('Đã ghi'))).toEqual([]);

    // The meeting starts: the invitation poll is locked; the reminder of a meeting that has begun stays.
    clock.set(vn('2026-12-10T19:30'));
    await say(BINH, '/batdauhop thư ký: Trần Thị Hoa');
    expect(server.getPoll(rsvpPoll!.poll_id)!.closed).toBe(true);
    expect(server.allReminders()).toHaveLength(1);
    expect((await say(BINH, '/diemdanh có mặt: 1-4')).join('\n')).toContain('Có mặt (4)');

    // A show of hands as a native poll. Only official members count: Dung (dự bị) is told by name.
    const ballot = await say(BINH, '/bieuquyet Thông qua nghị quyết tháng 12');
    expect(ballot.join('\n')).toContain('BIỂU QUYẾT số 1');
    const votePoll = server.allPolls().at(-1)!;
    expect(votePoll.question).toBe('Biểu quyết số 1 — Nghị quyết, kết luận: Thông qua nghị quyết tháng 12');
    const yes = option(votePoll.poll_id, 'Tán thành');
    const no = option(votePoll.poll_id, 'Không tán thành');
    before = server.sent.length;
    server.votePoll(votePoll.poll_id, BINH, [yes]);
    server.votePoll(votePoll.poll_id, DUNG, [yes]);
    const cell = (await db.store.cells.findByChat('zalo', GROUP))!;
    const vote = async () => (await db.store.votes.ofMeeting((await db.store.meetings.bySeq(cell.id, 1))!.id))[0]!;
    await settle(async () => (await db.store.votes.counts((await vote()).id)).yes === 1 && groupTexts(before).some((t) => t.includes('dự bị')));
    const refusal = server.sent.slice(before).find((m) => m.text.includes('dự bị'))!;
    expect(refusal.text).toBe('@Phạm Thị Dung\nĐảng viên dự bị không có quyền biểu quyết (Điều lệ Đảng, Điều 3).');
    expect(refusal.mentions).toEqual([{ uid: DUNG, pos: 0, len: '@Phạm Thị Dung'.length }]);

    // Hoa and Cường vote just before closing: the count reads the locked poll, so both are in it.
    server.votePoll(votePoll.poll_id, HOA, [yes]);
    server.votePoll(votePoll.poll_id, CUONG, [no]);
    const result = (await say(BINH, '/ketthucbieuquyet')).find((t) => t.startsWith('KẾT QUẢ'))!;
    expect(result).toContain('Tán thành: 2/3 đồng chí, đạt 66,67% — THÔNG QUA, quá 1/2');
    expect(result).toContain('Không tán thành: 1;');
    expect(server.getPoll(votePoll.poll_id)!.closed).toBe(true);
    expect(await vote()).toMatchObject({ status: 'CLOSED', result: { counts: { yes: 2, no: 1, other: 0 }, voted: 3, eligible: 3 } });
    // Zalo refuses a vote on the locked poll; the bot's result stands.
    expect(() => server.votePoll(votePoll.poll_id, CUONG, [yes])).toThrow(/closed/);

    // A message Zalo delivers twice is handled once.
    before = server.sent.length;
    const msgId = server.pushGroupMessage(GROUP, BINH, '/lich');
    await settle();
    const once = server.sent.length - before;
    expect(once).toBeGreaterThan(0);
    server.pushGroupMessage(GROUP, BINH, '/lich', { msgId });
    await settle();
    expect(server.sent.length - before).toBe(once);
  });
});
