// The meeting commands as the group (and the chi ủy, in private) sees them, on a real database:
// scheduling, answers to the invitation, reminders, the meeting itself, the private flags and the
// monthly rule. The clock moves only when a test says so; jobs run with `scheduler.runDue()`.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.ts';
import type { MeetingRecord } from '../../src/app/ports.ts';
import type { UserRef } from '../../src/channels/channel.ts';
import { MemoryChannel, type SentRecord } from '../../src/channels/memory/memory-channel.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { openStore } from '../../src/storage/store.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';

/** A Vietnam wall-clock time ("2026-12-05T14:00") as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const MINUTE = 60_000;

const STRANGER = 'Bạn chưa có trong danh sách chi bộ nên chưa dùng được lệnh này.';
const SECRETARIAT_ONLY = (name: string) => `Lệnh /${name} chỉ dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên.`;
const FLAG = '[Riêng chi ủy]';

describe('meeting commands', () => {
  let h: Harness;
  let raw: Db | undefined;

  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await raw?.$disconnect();
    raw = undefined;
    await h.close();
  });

  // ---- reading what the bot stored and sent ----

  const cellId = async () => (await h.db.store.cells.findByChat('memory', h.group.chatId))!.id;
  const meetings = async (): Promise<MeetingRecord[]> =>
    h.db.store.meetings.list(await cellId(), ['DRAFT', 'SCHEDULED', 'IN_PROGRESS', 'CLOSED', 'CANCELLED']);
  const meeting = async (seq = 1): Promise<MeetingRecord> => (await h.db.store.meetings.bySeq(await cellId(), seq))!;
  const memberId = async (name: string) => (await h.db.store.members.listCurrent(await cellId())).find((m) => m.fullName === name)!.id;
  /** Attendance rows of a meeting by member name. */
  async function rows(seq = 1) {
    const members = await h.db.store.members.listCurrent(await cellId());
    const records = await h.db.store.meetings.attendance((await meeting(seq)).id);
    return Object.fromEntries(records.map((r) => [members.find((m) => m.id === r.memberId)!.fullName, r]));
  }
  /** The reminder rows of a meeting, read straight from the database (no port lists them). */
  async function reminderRows(seq = 1) {
    raw ??= await openDatabase(h.db.url);
    const found = await raw.reminder.findMany({ where: { meetingId: (await meeting(seq)).id }, orderBy: { dueAt: 'asc' } });
    return found.map((r) => ({ offsetMinutes: r.offsetMinutes, dueAt: r.dueAt.toISOString(), state: r.state }));
  }
  const mark = () => h.channel.records.length;
  const since = (index: number): SentRecord[] => h.channel.records.slice(index);
  const messagesIn = (chatId: string, index = 0) =>
    since(index).filter((r): r is Extract<SentRecord, { type: 'message' }> => r.type === 'message' && r.chat.chatId === chatId);
  const groupMessages = (index = 0) => messagesIn(h.group.chatId, index);
  const reminders = (index = 0) => groupMessages(index).filter((r) => r.text.startsWith('NHẮC LỊCH'));
  const dmTexts = (user: UserRef, index = 0) => messagesIn(h.dm(user).chatId, index).map((r) => r.text);
  const acks = (index: number) => since(index).flatMap((r) => (r.type === 'ack' ? [r.notice] : []));
  /** Moves the clock and runs the jobs that fell due, like the minute tick does. */
  async function at(local: string) {
    h.clock.set(vn(local));
    await h.bot.scheduler.runDue();
  }

  /** The bí thư and four linked members: 2 Trần Thị Hoa (chi ủy), 3 Lê Văn Cường, 4 Phạm Thị Dung (dự bị), 5 Đỗ Văn Em. */
  async function cell() {
    const bt = await h.createCell();
    const hoa = await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
    const cuong = await h.addLinkedMember('Lê Văn Cường');
    const dung = await h.addLinkedMember('Phạm Thị Dung', 'dự bị');
    const em = await h.addLinkedMember('Đỗ Văn Em');
    return { bt, hoa, cuong, dung, em };
  }

  /** Schedules a meeting at a Vietnam time given as "2026-12-05T14:00"; checks that it was announced. */
  async function schedule(by: UserRef, local: string, kind = 'thường kỳ') {
    const [date, time] = local.split('T') as [string, string];
    const [y, m, d] = date.split('-');
    const replies = await h.say(by, `/lichhop ${kind} | ${d}/${m}/${y} ${time} | Hội trường khu phố 3`);
    expect(replies.at(-1)).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
  }

  /** Holds a whole meeting: schedule, open at its time, take the roll, close after `minutes`. */
  async function hold(bt: UserRef, local: string, sheet: string, options: { kind?: string; minutes?: number } = {}) {
    await schedule(bt, local, options.kind);
    h.clock.set(vn(local));
    expect(await h.say(bt, '/batdauhop')).toContainEqual(expect.stringMatching(/^BẮT ĐẦU cuộc họp số/));
    expect(await h.say(bt, `/diemdanh ${sheet}`)).toContainEqual(expect.stringMatching(/^Đã ghi điểm danh\./));
    h.clock.set(new Date(vn(local).getTime() + (options.minutes ?? 90) * MINUTE));
    // The chi ủy's private flags (if any) go out before the closing message.
    const closed = (await h.say(bt, '/ketthuchop')).find((t) => t.startsWith('KẾT THÚC cuộc họp số'));
    expect(closed).toBeDefined();
    return closed!;
  }

  // ---- 1. Scheduling ----

  describe('scheduling', () => {
    it('announces a meeting in the group with three answers and plans reminders 3 days, 1 day and 1 hour before', async () => {
      const { bt } = await cell();
      const before = mark();
      const replies = await h.say(bt, '/lichhop thường kỳ | 05/12/2026 14:00 | Hội trường khu phố 3');
      expect(replies).toEqual([
        [
          'THÔNG BÁO LỊCH SINH HOẠT CHI BỘ',
          'Cuộc họp số 1: Sinh hoạt chi bộ thường kỳ tháng 12/2026',
          'Thời gian: Thứ Bảy, 05/12/2026, lúc 14:00',
          'Địa điểm: Hội trường khu phố 3',
          'Nội dung:',
          '1. Thông tin thời sự, phổ biến chủ trương mới',
          '2. Đánh giá kết quả thực hiện nghị quyết tháng trước',
          '3. Phương hướng, nhiệm vụ tháng tới',
          '',
          'Đề nghị các đồng chí cho biết có tham dự không (hoặc gõ /thamdu, /vang <lý do>, /chuachac):',
          '[yes] Tham dự [excused] Vắng có lý do [maybe] Chưa chắc',
        ].join('\n'),
      ]);
      // The announcement is a prompt in the group, nothing else is sent.
      expect(since(before).map((r) => [r.type, 'chat' in r ? r.chat.chatId : null])).toEqual([['prompt', h.group.chatId]]);
      expect(await meetings()).toEqual([
        expect.objectContaining({ seq: 1, status: 'SCHEDULED', kind: 'THUONG_KY', topic: null, place: 'Hội trường khu phố 3', startsAt: vn('2026-12-05T14:00'), ruleMonth: null }),
      ]);
      expect(await reminderRows()).toEqual([
        { offsetMinutes: 3 * 24 * 60, dueAt: '2026-12-02T07:00:00.000Z', state: 'PENDING' },
        { offsetMinutes: 24 * 60, dueAt: '2026-12-04T07:00:00.000Z', state: 'PENDING' },
        { offsetMinutes: 60, dueAt: '2026-12-05T06:00:00.000Z', state: 'PENDING' },
      ]);
    });

    it('does not plan a reminder whose time has already passed', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-11-24T07:00');
      expect((await reminderRows()).map((r) => r.offsetMinutes)).toEqual([60]);
    });

    it('refuses a plain member and stores nothing', async () => {
      const { em } = await cell();
      const before = mark();
      expect(await h.say(em, '/lichhop thường kỳ | 05/12/2026 14:00 | Hội trường khu phố 3')).toEqual([SECRETARIAT_ONLY('lichhop')]);
      expect(since(before).filter((r) => r.type === 'prompt')).toEqual([]);
      expect(await meetings()).toEqual([]);
    });

    it.each([
      ['a past date', '/lichhop thường kỳ | 15/11/2026 14:00 | Hội trường khu phố 3', 'Thời gian này đã qua. Ví dụ: "05/12/2026 14:00"'],
      ['a missing time', '/lichhop thường kỳ | thứ Sáu | Hội trường khu phố 3', 'Cần ghi cả giờ họp. Ví dụ:'],
      ['an unknown kind', '/lichhop họp mặt | 05/12/2026 14:00 | Hội trường khu phố 3', 'Chưa rõ loại cuộc họp "họp mặt". Dùng: thường kỳ, chuyên đề <chủ đề>'],
      ['a chuyên đề without topic', '/lichhop chuyên đề | 05/12/2026 14:00 | Hội trường khu phố 3', 'Sinh hoạt chuyên đề cần ghi chủ đề'],
      ['no place and no rule', '/lichhop thường kỳ | 05/12/2026 14:00', 'Cần ghi địa điểm'],
    ])('answers %s with its Vietnamese error and stores nothing', async (_case, line, answer) => {
      const { bt } = await cell();
      const before = mark();
      const replies = await h.say(bt, line);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain(answer);
      expect(since(before).filter((r) => r.type === 'prompt')).toEqual([]);
      expect(await meetings()).toEqual([]);
    });

    it('keeps the topic of a chuyên đề and shows it in the announcement', async () => {
      const { bt } = await cell();
      const [announcement] = await h.say(bt, '/lichhop chuyên đề Học tập và làm theo tư tưởng Hồ Chí Minh | 05/12/2026 14:00 | Hội trường khu phố 3');
      expect(announcement).toContain('Cuộc họp số 1: Sinh hoạt chuyên đề\nChuyên đề: Học tập và làm theo tư tưởng Hồ Chí Minh');
      expect(await meeting()).toMatchObject({ kind: 'CHUYEN_DE', topic: 'Học tập và làm theo tư tưởng Hồ Chí Minh' });
    });
  });

  // ---- 2. Answers to the invitation ----

  describe('RSVP', () => {
    it('acknowledges "tham dự" and "chưa chắc" privately, without a group message', async () => {
      const { bt, cuong, em } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      let before = mark();
      expect(await h.press(cuong, 'yes')).toEqual(['Đã ghi: tham dự — cuộc họp số 1. Đồng chí có thể đổi câu trả lời đến khi họp.']);
      expect(groupMessages(before)).toEqual([]);
      expect(acks(before)).toHaveLength(1);
      before = mark();
      expect(await h.press(em, 'maybe')).toEqual(['Đã ghi: chưa chắc — cuộc họp số 1. Đồng chí có thể đổi câu trả lời đến khi họp.']);
      expect(groupMessages(before)).toEqual([]);
      const r = await rows();
      expect(r['Lê Văn Cường']).toMatchObject({ rsvp: 'YES', rsvpReason: null, rsvpById: null, attendance: null });
      expect(r['Đỗ Văn Em']).toMatchObject({ rsvp: 'MAYBE', rsvpById: null });
    });

    it('asks for the reason of an excused absence and takes only that member\'s next message as the reason', async () => {
      const { bt, cuong, em } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      const before = mark();
      expect(await h.press(cuong, 'excused')).toEqual([
        'Đồng chí Lê Văn Cường vui lòng nhắn lý do vắng vào tin tiếp theo (hoặc gõ /vang <lý do>).',
        'Đã ghi: vắng có lý do — cuộc họp số 1. Đồng chí có thể đổi câu trả lời đến khi họp.',
      ]);
      expect(groupMessages(before).map((r) => r.text)).toEqual(['Đồng chí Lê Văn Cường vui lòng nhắn lý do vắng vào tin tiếp theo (hoặc gõ /vang <lý do>).']);
      // Another member talking in the group is not taken as the reason.
      expect(await h.say(em, 'Chiều thứ Bảy tôi đến sớm dọn hội trường.')).toEqual([]);
      expect((await rows())['Lê Văn Cường']).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: null });
      expect(await h.say(cuong, 'Đi công tác Đà Nẵng.')).toEqual(['Đã ghi lý do vắng của đồng chí Lê Văn Cường: Đi công tác Đà Nẵng.']);
      // Only the next message: what the member says afterwards is conversation.
      expect(await h.say(cuong, 'Chúc các đồng chí họp tốt!')).toEqual([]);
      const r = await rows();
      expect(r['Lê Văn Cường']).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: 'Đi công tác Đà Nẵng' });
      expect(r['Đỗ Văn Em']).toBeUndefined();
    });

    // The "send your reason" question closes itself once the member answered "tham dự".
    it('does not take a later chat message as a reason once the member has answered "tham dự"', async () => {
      const { bt, cuong } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      await h.press(cuong, 'excused');
      await h.press(cuong, 'yes');
      expect(await h.say(cuong, 'Tôi sẽ đến đúng giờ.')).toEqual([]);
    });

    // A reason given with "/vang <lý do>" is not replaced by the next chat message.
    it('keeps the reason given with /vang after pressing "vắng có lý do"', async () => {
      const { bt, em } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      await h.press(em, 'excused');
      expect(await h.say(em, '/vang đi khám bệnh')).toEqual(['Đã ghi vắng có lý do (đi khám bệnh) — cuộc họp số 1: đồng chí Đỗ Văn Em.']);
      expect(await h.say(em, 'Cảm ơn chi bộ.')).toEqual([]);
      expect((await rows())['Đỗ Văn Em']).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: 'đi khám bệnh' });
    });

    // The question about the reason belongs to the meeting: it closes when the meeting begins.
    it('does not answer ordinary chat with an error once the meeting has begun', async () => {
      const { bt, dung } = await cell();
      await schedule(bt, '2026-11-23T14:00');
      await h.press(dung, 'excused');
      h.clock.set(vn('2026-11-23T14:00'));
      await h.say(bt, '/batdauhop');
      expect(await h.say(dung, 'Xin lỗi, tôi đến được rồi, đang gửi xe.')).toEqual([]);
      expect((await rows())['Phạm Thị Dung']).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: null, attendance: 'ABSENT_EXCUSED' });
    });

    it('keeps one row per member when the answer changes', async () => {
      const { bt, cuong } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      await h.press(cuong, 'maybe');
      await h.press(cuong, 'yes');
      expect(await h.say(cuong, '/vang ốm')).toEqual(['Đã ghi vắng có lý do (ốm) — cuộc họp số 1: đồng chí Lê Văn Cường.']);
      expect(await h.say(cuong, '/thamdu')).toEqual(['Đã ghi tham dự — cuộc họp số 1: đồng chí Lê Văn Cường.']);
      const records = await h.db.store.meetings.attendance((await meeting()).id);
      expect(records).toEqual([expect.objectContaining({ memberId: await memberId('Lê Văn Cường'), rsvp: 'YES', rsvpReason: null })]);
    });

    it('answers a stranger who presses a button with the stranger message and stores nothing', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      const before = mark();
      expect(await h.press(h.user('Người Lạ'), 'yes')).toEqual([expect.stringContaining(STRANGER)]);
      expect(groupMessages(before)).toEqual([]);
      expect(await h.db.store.meetings.attendance((await meeting()).id)).toEqual([]);
    });

    it('lets a secretary answer for others and records who answered', async () => {
      const { bt, hoa } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      expect(await h.say(hoa, '/thamdu 3-4')).toEqual([
        'Đã ghi tham dự — cuộc họp số 1: 2 đồng chí — Lê Văn Cường, Phạm Thị Dung; đồng chí Trần Thị Hoa trả lời thay.',
      ]);
      expect(await h.say(hoa, '/vang Đỗ Văn Em: đi công tác Đà Nẵng')).toEqual([
        'Đã ghi vắng có lý do (đi công tác Đà Nẵng) — cuộc họp số 1: đồng chí Đỗ Văn Em; đồng chí Trần Thị Hoa trả lời thay.',
      ]);
      const hoaId = await memberId('Trần Thị Hoa');
      const r = await rows();
      expect(r['Lê Văn Cường']).toMatchObject({ rsvp: 'YES', rsvpById: hoaId });
      expect(r['Phạm Thị Dung']).toMatchObject({ rsvp: 'YES', rsvpById: hoaId });
      expect(r['Đỗ Văn Em']).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: 'đi công tác Đà Nẵng', rsvpById: hoaId });
      expect(Object.keys(r)).toHaveLength(3);
      expect(await h.say(hoa, '/tinhhinh')).toEqual([
        [
          'TRẢ LỜI THÔNG BÁO — cuộc họp số 1, Sinh hoạt chi bộ thường kỳ tháng 12/2026, Thứ Bảy, 05/12/2026, lúc 14:00',
          'Tham dự: 2 — Lê Văn Cường (chi ủy ghi thay), Phạm Thị Dung (chi ủy ghi thay)',
          'Vắng có lý do: 1 — Đỗ Văn Em (đi công tác Đà Nẵng; chi ủy ghi thay)',
          'Chưa chắc: 0',
          'Chưa trả lời: 2 — Nguyễn Văn Bình, Trần Thị Hoa',
        ].join('\n'),
      ]);
    });

    it('refuses a plain member answering for someone else', async () => {
      const { bt, em } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      const refused = 'Chỉ Bí thư, Phó Bí thư hoặc Chi ủy viên trả lời thay cho đồng chí khác.';
      expect(await h.say(em, '/thamdu 3')).toEqual([refused]);
      expect(await h.say(em, '/vang Lê Văn Cường: bận')).toEqual([refused]);
      expect(await h.db.store.meetings.attendance((await meeting()).id)).toEqual([]);
    });

    it('refuses answers once the meeting has started', async () => {
      const { bt, cuong } = await cell();
      await schedule(bt, '2026-11-23T14:00');
      h.clock.set(vn('2026-11-23T14:00'));
      await h.say(bt, '/batdauhop');
      expect(await h.say(cuong, '/thamdu')).toEqual([
        'Cuộc họp số 1 đã bắt đầu hoặc đã kết thúc, không nhận trả lời thông báo nữa. Trong cuộc họp, báo chi ủy hoặc thư ký để điểm danh.',
      ]);
      // The invitation's buttons were closed when the meeting began.
      const rsvpPrompt = h.channel.prompts(h.group.chatId).find((p) => p.prompt.options.some((o) => o.id === 'yes'))!;
      expect(h.channel.records).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: rsvpPrompt.messageId });
      expect((await rows())['Lê Văn Cường']).toBeUndefined();
    });

    it('ignores a replayed event', async () => {
      const { bt, cuong } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      expect(await h.say(cuong, '/thamdu', h.group, 'same-id')).toEqual(['Đã ghi tham dự — cuộc họp số 1: đồng chí Lê Văn Cường.']);
      await h.say(cuong, '/vang ốm');
      const stored = await rows();
      const before = mark();
      expect(await h.say(cuong, '/thamdu', h.group, 'same-id')).toEqual([]);
      expect(since(before)).toEqual([]);
      expect(await rows()).toEqual(stored);
      expect(stored['Lê Văn Cường']).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: 'ốm' });
    });
  });

  // ---- 3. Reminders ----

  describe('reminders', () => {
    it('reminds once at the 3-day mark, tagging only the members who have not answered', async () => {
      const { bt, hoa, cuong, dung, em } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      await h.press(bt, 'yes');
      await h.press(hoa, 'yes');
      await h.press(cuong, 'maybe');
      const before = mark();
      await at('2026-12-02T14:00');
      const sent = reminders(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toBe(
        [
          'NHẮC LỊCH: còn 3 ngày nữa đến cuộc họp số 1 — Sinh hoạt chi bộ thường kỳ tháng 12/2026.',
          'Thời gian: Thứ Bảy, 05/12/2026, lúc 14:00. Địa điểm: Hội trường khu phố 3.',
          'Các đồng chí chưa trả lời (2): Phạm Thị Dung, Đỗ Văn Em. Đề nghị trả lời ở thông báo hoặc gõ /thamdu, /vang <lý do>.',
        ].join('\n'),
      );
      expect((sent[0]!.mentions as UserRef[]).map((u) => u.userId).sort()).toEqual([dung.userId, em.userId].sort());
      // The tick may run again in the same minute (or in another process): nothing more is sent.
      await h.bot.scheduler.runDue();
      expect(reminders(before)).toHaveLength(1);
      expect((await reminderRows()).map((r) => r.state)).toEqual(['SENT', 'PENDING', 'PENDING']);
    });

    it('tags nobody when everyone has answered, and says so', async () => {
      const { bt, hoa, cuong, dung, em } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      for (const u of [bt, hoa, cuong, dung]) await h.press(u, 'yes');
      await h.press(em, 'excused');
      await h.say(em, 'Về quê');
      const before = mark();
      await at('2026-12-04T14:00');
      const sent = reminders(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toContain('NHẮC LỊCH: còn 1 ngày nữa đến cuộc họp số 1');
      expect(sent[0]!.text).toContain('Tất cả các đồng chí đã trả lời. Cảm ơn các đồng chí.');
      expect(sent[0]!.mentions ?? []).toEqual([]);
    });

    it('sends only the latest reminder when the bot was down through all three', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      const before = mark();
      await at('2026-12-05T13:30');
      const sent = reminders(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toMatch(/^NHẮC LỊCH: còn 30 phút nữa đến cuộc họp số 1/);
      expect(await reminderRows()).toEqual([
        expect.objectContaining({ offsetMinutes: 3 * 24 * 60, state: 'SKIPPED' }),
        expect.objectContaining({ offsetMinutes: 24 * 60, state: 'SKIPPED' }),
        expect.objectContaining({ offsetMinutes: 60, state: 'SENT' }),
      ]);
    });

    it('sends nothing once the meeting time has passed, and marks the reminders skipped', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      const before = mark();
      await at('2026-12-05T14:05');
      expect(reminders(before)).toEqual([]);
      expect((await reminderRows()).map((r) => r.state)).toEqual(['SKIPPED', 'SKIPPED', 'SKIPPED']);
    });

    it('plans the reminders again for a rescheduled meeting and tells the group', async () => {
      const { bt, cuong } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      await h.press(cuong, 'yes');
      const before = mark();
      const replies = await h.say(bt, '/doilich 10/12/2026 14:00 | lý do: trùng lịch họp phường');
      expect(replies).toHaveLength(2);
      expect(replies[0]).toBe(
        'ĐỔI LỊCH: cuộc họp số 1 (trước đây Thứ Bảy, 05/12/2026, lúc 14:00) có lịch mới như dưới đây. Lý do: trùng lịch họp phường.\nĐồng chí nào không dự được theo lịch mới, xin trả lời lại.',
      );
      expect(replies[1]).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ (ĐÃ ĐỔI LỊCH)\nCuộc họp số 1: Sinh hoạt chi bộ thường kỳ tháng 12/2026\nThời gian: Thứ Năm, 10/12/2026, lúc 14:00');
      expect(replies[1]).toContain('[yes] Tham dự [excused] Vắng có lý do [maybe] Chưa chắc');
      // The old buttons are closed: pressing them changes nothing.
      const oldPrompt = h.channel.prompts(h.group.chatId)[0]!;
      expect(since(before)).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: oldPrompt.messageId });
      const pressOld = mark();
      await h.channel.choice({ chat: h.group, from: cuong, promptId: oldPrompt.prompt.promptId, optionIds: ['excused'] });
      expect(acks(pressOld)).toEqual(['Câu hỏi này đã được trả lời hoặc đã đóng.']);
      expect((await rows())['Lê Văn Cường']).toMatchObject({ rsvp: 'YES' });
      expect(await meeting()).toMatchObject({ status: 'SCHEDULED', startsAt: vn('2026-12-10T14:00') });
      expect(await reminderRows()).toEqual([
        { offsetMinutes: 3 * 24 * 60, dueAt: '2026-12-07T07:00:00.000Z', state: 'PENDING' },
        { offsetMinutes: 24 * 60, dueAt: '2026-12-09T07:00:00.000Z', state: 'PENDING' },
        { offsetMinutes: 60, dueAt: '2026-12-10T06:00:00.000Z', state: 'PENDING' },
      ]);
      // Nothing at the old 3-day mark; the reminder comes at the new one.
      const quiet = mark();
      await at('2026-12-02T14:00');
      expect(reminders(quiet)).toEqual([]);
      await at('2026-12-07T14:00');
      expect(reminders(quiet).map((r) => r.text.split('\n').slice(0, 2).join('\n'))).toEqual([
        'NHẮC LỊCH: còn 3 ngày nữa đến cuộc họp số 1 — Sinh hoạt chi bộ thường kỳ tháng 12/2026.\nThời gian: Thứ Năm, 10/12/2026, lúc 14:00. Địa điểm: Hội trường khu phố 3.',
      ]);
    });

    it('tells the group of a cancellation and sends no reminder afterwards', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      expect(await h.say(bt, '/huyhop mưa bão')).toEqual([
        'HUỶ LỊCH: cuộc họp số 1 — Sinh hoạt chi bộ thường kỳ tháng 12/2026, Thứ Bảy, 05/12/2026, lúc 14:00 — không tổ chức nữa. Lý do: mưa bão.',
      ]);
      expect(await meeting()).toMatchObject({ status: 'CANCELLED' });
      expect(await reminderRows()).toEqual([]);
      const before = mark();
      await at('2026-12-02T14:00');
      await at('2026-12-05T13:30');
      expect(groupMessages(before)).toEqual([]);
      expect(await h.say(bt, '/lich')).toEqual([expect.stringContaining('Chưa có cuộc họp nào sắp tới.')]);
    });
  });

  // ---- 4. The meeting ----

  describe('the meeting', () => {
    it('opens the meeting: stores chair and minute-taker, turns announced excuses into absences, posts the facts and a check-in', async () => {
      const { bt, cuong, dung } = await cell();
      await schedule(bt, '2026-11-23T14:00');
      await h.press(dung, 'excused');
      await h.say(dung, 'Con ốm');
      h.clock.set(vn('2026-11-23T14:02'));
      const replies = await h.say(bt, '/batdauhop thư ký: Lê Văn Cường');
      expect(replies).toHaveLength(3);
      expect(replies[0]).toBe(
        'BẮT ĐẦU cuộc họp số 1 — Sinh hoạt chi bộ thường kỳ tháng 11/2026 — lúc 14:02.\nChủ trì: đồng chí Nguyễn Văn Bình. Thư ký: đồng chí Lê Văn Cường.',
      );
      expect(replies[1]).toContain('TÌNH HÌNH DỰ HỌP — cuộc họp số 1');
      expect(replies[1]).toContain('Tổng số đảng viên: 5 (chính thức 4, dự bị 1).\nPhải dự họp: 5.\nCó mặt: 0 (chính thức 0, dự bị 0).\nVắng có lý do: 1 — Phạm Thị Dung (Con ốm)');
      expect(replies[2]).toBe('ĐIỂM DANH cuộc họp số 1: đồng chí có mặt bấm nút dưới đây (hoặc gõ /comat).\n[present] Có mặt');
      expect(await meeting()).toMatchObject({
        status: 'IN_PROGRESS', startedAt: vn('2026-11-23T14:02'), chairId: await memberId('Nguyễn Văn Bình'), minuteTakerId: await memberId('Lê Văn Cường'),
      });
      expect((await rows())['Phạm Thị Dung']).toMatchObject({ rsvp: 'EXCUSED', attendance: 'ABSENT_EXCUSED', reason: 'Con ốm' });
      expect(await h.say(bt, '/batdauhop')).toEqual(['Đang có cuộc họp diễn ra. Gõ /ketthuchop để kết thúc trước.']);
      expect(await h.say(cuong, '/batdauhop')).toEqual([SECRETARIAT_ONLY('batdauhop')]);
      expect((await meetings()).filter((m) => m.status === 'IN_PROGRESS')).toHaveLength(1);
    });

    it('refuses to open when no announced meeting starts within 12 hours', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-05T14:00');
      expect(await h.say(bt, '/batdauhop')).toEqual([expect.stringContaining('Không có cuộc họp nào đã thông báo trong 12 giờ tới để bắt đầu.')]);
      expect(await meeting()).toMatchObject({ status: 'SCHEDULED', startedAt: null });
    });

    it('checks members in by button and by /comat; the minute-taker keeps the roll, a plain member cannot', async () => {
      const { bt, hoa, cuong, dung, em } = await cell();
      await h.addLinkedMember('Vũ Thị Giang');
      await schedule(bt, '2026-11-23T14:00');
      h.clock.set(vn('2026-11-23T14:00'));
      await h.say(bt, '/batdauhop thư ký: Lê Văn Cường');
      const before = mark();
      expect(await h.press(em, 'present')).toEqual(['Đã điểm danh: có mặt.']);
      expect(groupMessages(before)).toEqual([]);
      expect(await h.say(hoa, '/comat')).toEqual(['Đã điểm danh: đồng chí Trần Thị Hoa có mặt.']);
      // A stranger's press is answered, not recorded.
      expect(await h.press(h.user('Người Lạ'), 'present')).toEqual([expect.stringContaining(STRANGER)]);
      expect(await h.say(dung, '/diemdanh có mặt: còn lại')).toEqual(['Lệnh /diemdanh dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên hoặc thư ký cuộc họp.']);
      expect(Object.keys(await rows()).sort()).toEqual(['Trần Thị Hoa', 'Đỗ Văn Em'].sort());
      expect(await h.say(cuong, '/diemdanh vắng có lý do: 6 (đi công tác) | có mặt: còn lại')).toEqual([
        [
          'Đã ghi điểm danh.',
          'Có mặt (3): Nguyễn Văn Bình, Lê Văn Cường, Phạm Thị Dung',
          'Vắng có lý do (1): Vũ Thị Giang',
          'Gõ /tinhhinh để xem tình hình dự họp.',
        ].join('\n'),
      ]);
      const r = await rows();
      expect(Object.fromEntries(Object.entries(r).map(([name, row]) => [name, row.attendance]))).toEqual({
        'Nguyễn Văn Bình': 'PRESENT', 'Trần Thị Hoa': 'PRESENT', 'Lê Văn Cường': 'PRESENT', 'Phạm Thị Dung': 'PRESENT', 'Đỗ Văn Em': 'PRESENT', 'Vũ Thị Giang': 'ABSENT_EXCUSED',
      });
      expect(r['Vũ Thị Giang']).toMatchObject({ reason: 'đi công tác' });
    });

    it('accepts excuses only of excused absentees, which lowers D', async () => {
      const { bt, hoa, em } = await cell();
      await schedule(bt, '2026-11-23T14:00');
      h.clock.set(vn('2026-11-23T14:00'));
      await h.say(bt, '/batdauhop');
      await h.say(bt, '/diemdanh vắng có lý do: 5 (ốm) | có mặt: còn lại');
      const [before] = await h.say(em, '/tinhhinh');
      expect(before).toContain('Số đảng viên làm căn cứ biểu quyết (D): 4; có mặt được biểu quyết: 3.');
      expect(await h.say(hoa, '/chapnhan 3')).toEqual(['Chỉ chấp nhận được lý do của đồng chí đã ghi vắng có lý do. Chưa ghi vắng có lý do: Lê Văn Cường.']);
      expect(await h.say(em, '/chapnhan 5')).toEqual([SECRETARIAT_ONLY('chapnhan')]);
      expect((await rows())['Đỗ Văn Em']).toMatchObject({ excuseApproved: false });
      expect(await h.say(hoa, '/chapnhan Đỗ Văn Em')).toEqual([
        'Chi ủy chấp nhận lý do vắng của: Đỗ Văn Em. Các đồng chí này không tính vào số đảng viên làm căn cứ biểu quyết (Quy định thi hành Điều lệ Đảng 294-QĐ/TW; 24-QĐ/TW mục 9.3.2).',
      ]);
      expect((await rows())['Đỗ Văn Em']).toMatchObject({ attendance: 'ABSENT_EXCUSED', excuseApproved: true });
      const [after] = await h.say(em, '/tinhhinh');
      expect(after).toContain('Vắng có lý do: 1 — Đỗ Văn Em (ốm; chi ủy chấp nhận lý do)');
      expect(after).toContain('Số đảng viên làm căn cứ biểu quyết (D): 3 (không tính 1 đồng chí vắng có lý do được chi ủy chấp nhận); có mặt được biểu quyết: 3.');
    });

    it('closes the meeting: records the end, marks and names the unmarked, passes a 90-minute thường kỳ', async () => {
      const { bt, hoa, cuong, dung, em } = await cell();
      await schedule(bt, '2026-11-23T14:00');
      h.clock.set(vn('2026-11-23T14:00'));
      await h.say(bt, '/batdauhop thư ký: Lê Văn Cường');
      for (const u of [bt, hoa, cuong]) await h.say(u, '/comat');
      h.clock.set(vn('2026-11-23T15:30'));
      expect(await h.say(dung, '/ketthuchop')).toEqual(['Lệnh /ketthuchop dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên hoặc thư ký cuộc họp.']);
      expect(await meeting()).toMatchObject({ status: 'IN_PROGRESS', endedAt: null });
      const replies = await h.say(cuong, '/ketthuchop');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(
        /^KẾT THÚC cuộc họp số 1 lúc 15:30\. Thời lượng: 90 phút — đạt thời lượng tối thiểu 90 phút\.\nChưa điểm danh, đã ghi vắng không lý do: Phạm Thị Dung, Đỗ Văn Em\. Nếu có sai sót, sửa bằng \/diemdanh trong 7 ngày\.\n/,
      );
      expect(replies[0]).toContain('Vắng không lý do: 2 — Phạm Thị Dung, Đỗ Văn Em');
      expect(replies[0]).toContain('Tiêu chí dự họp (trên 85%, không ai vắng không lý do): chưa đạt — tỷ lệ dự họp chưa trên 85%; có đồng chí vắng không lý do.');
      expect(await meeting()).toMatchObject({ status: 'CLOSED', endedAt: vn('2026-11-23T15:30') });
      const r = await rows();
      expect(r['Phạm Thị Dung']).toMatchObject({ attendance: 'ABSENT_UNEXCUSED', reason: null });
      expect(r['Đỗ Văn Em']).toMatchObject({ attendance: 'ABSENT_UNEXCUSED' });
      // The check-in buttons are closed; a late press is refused and nothing changes.
      expect(await h.press(em, 'present')).toEqual(['Câu hỏi này đã được trả lời hoặc đã đóng.']);
      expect((await rows())['Đỗ Văn Em']).toMatchObject({ attendance: 'ABSENT_UNEXCUSED' });
      expect(await h.say(cuong, '/ketthuchop')).toEqual(['Không có cuộc họp nào đang diễn ra (hoặc vừa kết thúc trong 7 ngày).']);
    });

    it('says a 100-minute kết hợp meeting falls short of its 120 minutes', async () => {
      const { bt } = await cell();
      const closed = await hold(bt, '2026-11-23T14:00', 'có mặt: còn lại', { kind: 'kết hợp Học tập và làm theo tư tưởng Hồ Chí Minh', minutes: 100 });
      expect(closed).toMatch(
        /^KẾT THÚC cuộc họp số 1 lúc 15:40\. Thời lượng: 100 phút — CHƯA ĐẠT thời lượng tối thiểu 120 phút \(sinh hoạt thường kỳ kết hợp chuyên đề\) theo Hướng dẫn 42-HD\/BTCTW\.\n\n/,
      );
      expect(closed).toContain('Tiêu chí dự họp (trên 85%, không ai vắng không lý do): đạt.');
    });

    it('uses the minimum set with /caidat thời lượng, for secretaries only', async () => {
      const { bt, em } = await cell();
      expect(await h.say(em, '/caidat thời lượng: 30')).toEqual([SECRETARIAT_ONLY('caidat')]);
      const [shown] = await h.say(bt, '/caidat thời lượng: 60');
      expect(shown).toContain('Thời lượng tối thiểu: 60 phút (do cấp ủy cấp trên quy định cho chi bộ).');
      expect((await h.db.store.settings.get(await cellId())).minMeetingMinutes).toBe(60);
      const closed = await hold(bt, '2026-11-23T14:00', 'có mặt: còn lại', { kind: 'kết hợp Học tập và làm theo tư tưởng Hồ Chí Minh', minutes: 100 });
      expect(closed).toContain('Thời lượng: 100 phút — đạt thời lượng tối thiểu 60 phút.');
    });
  });

  // ---- 5. The chi ủy's private flags ----

  describe('flags to the chi ủy', () => {
    it('flags, once and in private, a member absent without reason in three months of a year', async () => {
      const { bt, hoa, em } = await cell();
      const sheet = 'vắng không lý do: 5 | có mặt: còn lại';
      const start = mark();
      await hold(bt, '2027-01-12T14:00', sheet);
      await hold(bt, '2027-01-26T14:00', sheet);
      await hold(bt, '2027-02-16T14:00', sheet);
      expect(dmTexts(bt, start)).toEqual([]);
      const third = mark();
      await hold(bt, '2027-03-16T14:00', sheet);
      const flag =
        '[Riêng chi ủy] Đồng chí Đỗ Văn Em đã vắng sinh hoạt không lý do 3 tháng trong năm 2027 (tháng 1, 2, 3). Theo Quy định thi hành Điều lệ Đảng (294-QĐ/TW, trước đây 24-QĐ/TW), đảng viên bỏ sinh hoạt ba tháng trong năm không có lý do chính đáng thì chi bộ xem xét, đề nghị xoá tên. Bot chỉ thông báo; việc xem xét do chi bộ quyết định.';
      expect(dmTexts(bt, third)).toEqual([flag]);
      // Every committee member hears it privately; the member and the group do not.
      expect(dmTexts(hoa, third)).toEqual([flag]);
      expect(dmTexts(em)).toEqual([]);
      expect(groupMessages().filter((r) => r.text.includes(FLAG))).toEqual([]);
      // Another unexcused absence in the same third month does not repeat the alert.
      const after = mark();
      await hold(bt, '2027-03-30T14:00', sheet);
      expect(dmTexts(bt, after)).toEqual([]);
      expect(dmTexts(bt, start)).toEqual([flag]);
    });

    it('flags a member excused four times in a row, at the fourth', async () => {
      const { bt, cuong } = await cell();
      const sheet = 'vắng có lý do: 3 (đi công tác) | có mặt: còn lại';
      await hold(bt, '2026-11-25T14:00', sheet);
      await hold(bt, '2026-12-02T14:00', sheet);
      await hold(bt, '2026-12-09T14:00', sheet);
      expect(dmTexts(bt)).toEqual([]);
      const fourth = mark();
      const closed = await hold(bt, '2026-12-16T14:00', sheet);
      expect(dmTexts(bt, fourth)).toEqual([
        '[Riêng chi ủy] Đồng chí Lê Văn Cường đã vắng có lý do 4 lần liên tiếp trong năm 2026. Theo hướng dẫn sinh hoạt chi bộ (42-HD/BTCTW, trước đây 12-HD/BTCTW), chi bộ không đạt tiêu chí dự họp khi có đảng viên vắng có lý do quá 3 lần liên tiếp.',
      ]);
      expect(dmTexts(cuong)).toEqual([]);
      expect(groupMessages().filter((r) => r.text.includes(FLAG))).toEqual([]);
      expect(closed).toMatch(/Tiêu chí dự họp \(trên 85%, không ai vắng không lý do\): chưa đạt — [^\n]*có đồng chí vắng có lý do quá 3 lần liên tiếp trong năm\.$/);
    });

    // /tinhhinh on a closed meeting counts the consecutive excused absences too, like the closing message.
    it('gives the same attendance verdict in /tinhhinh as in the closing message', async () => {
      const { bt, em } = await cell();
      await h.addLinkedMember('Vũ Thị Giang');
      await h.addLinkedMember('Hồ Văn Hải');
      const sheet = 'vắng có lý do: 3 (đi công tác) | có mặt: còn lại';
      for (const day of ['2026-11-25', '2026-12-02', '2026-12-09']) await hold(bt, `${day}T14:00`, sheet);
      const closed = await hold(bt, '2026-12-16T14:00', sheet);
      expect(closed).toContain('Tỷ lệ dự họp: 6/7 = 85,71%.');
      expect(closed).toContain('Tiêu chí dự họp (trên 85%, không ai vắng không lý do): chưa đạt — có đồng chí vắng có lý do quá 3 lần liên tiếp trong năm.');
      const [facts] = await h.say(em, '/tinhhinh số 4');
      expect(facts).toContain('Tiêu chí dự họp (trên 85%, không ai vắng không lý do): chưa đạt — có đồng chí vắng có lý do quá 3 lần liên tiếp trong năm.');
    });

    it('flags a quarter without a thematic meeting once, on the first day of the next quarter', async () => {
      const { bt } = await cell();
      await hold(bt, '2026-12-08T14:00', 'có mặt: còn lại');
      // During the quarter the job looks at the quarter before, when the cell held nothing.
      await at('2026-12-31T20:00');
      expect(dmTexts(bt)).toEqual([]);
      const before = mark();
      await at('2027-01-01T00:05');
      await at('2027-01-01T00:06');
      await at('2027-01-02T09:00');
      const flag = '[Riêng chi ủy] Quý 4/2026 chi bộ chưa tổ chức buổi sinh hoạt chuyên đề nào (Hướng dẫn 42-HD/BTCTW, trước đây 12-HD/BTCTW: ít nhất mỗi quý một lần).';
      expect(dmTexts(bt, before)).toEqual([flag]);
      expect(groupMessages(before).filter((r) => r.text.includes(FLAG))).toEqual([]);
    });

    it('does not flag a quarter that had a kết hợp meeting', async () => {
      const { bt } = await cell();
      await hold(bt, '2026-12-08T14:00', 'có mặt: còn lại', { kind: 'kết hợp Học tập và làm theo tư tưởng Hồ Chí Minh', minutes: 120 });
      await at('2027-01-01T00:05');
      expect(dmTexts(bt)).toEqual([]);
    });

    const NO_THEMATIC_Q4 = '[Riêng chi ủy] Quý 4/2026 chi bộ chưa tổ chức buổi sinh hoạt chuyên đề nào (Hướng dẫn 42-HD/BTCTW, trước đây 12-HD/BTCTW: ít nhất mỗi quý một lần).';

    it('checks the quarter once with two bot instances on one database: one flag, one stored run', async () => {
      const { bt, hoa } = await cell();
      await hold(bt, '2026-12-08T14:00', 'có mặt: còn lại');
      // A second process: its own store (connections) and channel, the same database and clock.
      const store = await openStore(h.db.url, { migrate: false });
      const channel = new MemoryChannel({ ...h.channel.capabilities }, () => h.clock.now());
      const second = createBot({ store, clock: h.clock, channels: [channel], log: pino({ level: 'silent' }) });
      try {
        // In private to each member of the chi ủy, from whichever instance ran the check.
        const flags = () => [h.channel, channel].flatMap((c) => c.records).flatMap((r) => (r.type === 'message' && r.text === NO_THEMATIC_Q4 ? [r.chat.chatId] : []));
        for (const local of ['2027-01-01T00:05', '2027-01-01T00:06', '2027-02-10T09:00']) {
          h.clock.set(vn(local));
          await Promise.all([h.bot.scheduler.runDue(), second.scheduler.runDue()]);
        }
        expect(flags().sort()).toEqual([h.dm(bt).chatId, h.dm(hoa).chatId].sort());
        raw ??= await openDatabase(h.db.url);
        expect(await raw.jobRun.findMany({ where: { period: '2026Q4' }, select: { job: true, period: true, doneAt: true } })).toEqual([
          { job: 'thematic-per-quarter', period: '2026Q4', doneAt: vn('2027-01-01T00:05') },
        ]);
      } finally {
        await second.stop();
        await store.close();
      }
    });

    it('flags a quarter already checked when its last meeting closes after the quarter ended, on the next tick', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-31T19:30');
      h.clock.set(vn('2026-12-31T19:30'));
      await h.say(bt, '/batdauhop');
      await h.say(bt, '/diemdanh có mặt: còn lại');
      // At midnight the meeting is still being held: nothing closed in the quarter, nothing to flag.
      await at('2027-01-01T00:05');
      expect(dmTexts(bt)).toEqual([]);
      h.clock.set(vn('2027-01-01T01:00'));
      await h.say(bt, '/ketthuchop');
      const before = mark();
      await at('2027-01-01T01:01');
      await at('2027-01-01T01:02');
      expect(dmTexts(bt, before)).toEqual([NO_THEMATIC_Q4]);
    });
  });

  // ---- 6. The monthly rule ----

  describe('monthly rule', () => {
    const RULE = '/lichdinhky ngày 1 hằng tháng lúc 7h30 | Hội trường khu phố 3';

    it('drafts the next meeting for the committee to confirm; a plain member cannot confirm it', async () => {
      const { bt, hoa, em } = await cell();
      const replies = await h.say(bt, RULE);
      expect(replies).toHaveLength(2);
      expect(replies[0]).toBe(
        'Lịch sinh hoạt định kỳ: ngày 1 hằng tháng lúc 07:30, tại Hội trường khu phố 3; trùng thứ Bảy, Chủ nhật hoặc ngày lễ thì lùi sang ngày làm việc tiếp theo.\nLần tới: Thứ Ba, 01/12/2026. Bot soạn dự kiến trước 14 ngày để chi ủy xác nhận.',
      );
      expect(replies[1]).toContain('DỰ KIẾN LỊCH SINH HOẠT THEO LỊCH ĐỊNH KỲ\nCuộc họp số 1: Sinh hoạt chi bộ thường kỳ tháng 12/2026\nThời gian: Thứ Ba, 01/12/2026, lúc 07:30');
      expect(replies[1]).toContain('[confirm] Xác nhận, gửi thông báo [skip] Bỏ dự kiến này');
      expect(await meetings()).toEqual([expect.objectContaining({ seq: 1, status: 'DRAFT', ruleMonth: '2026-12', startsAt: vn('2026-12-01T07:30'), place: 'Hội trường khu phố 3' })]);
      expect(await reminderRows()).toEqual([]);
      // A plain member cannot confirm, and cannot change the rule.
      expect(await h.press(em, 'confirm')).toEqual(['Chỉ Bí thư, Phó Bí thư hoặc Chi ủy viên trả lời được câu hỏi này.']);
      expect(await h.say(em, '/lichdinhky ngày 5 hằng tháng lúc 8h')).toEqual([SECRETARIAT_ONLY('lichdinhky')]);
      expect(await meeting()).toMatchObject({ status: 'DRAFT' });
      // A secretary confirms: the group gets the announcement with its buttons, reminders are planned.
      const confirmed = await h.press(hoa, 'confirm');
      expect(confirmed).toEqual([expect.stringMatching(/^THÔNG BÁO LỊCH SINH HOẠT CHI BỘ\nCuộc họp số 1: Sinh hoạt chi bộ thường kỳ tháng 12\/2026\nThời gian: Thứ Ba, 01\/12\/2026, lúc 07:30\n/)]);
      expect(confirmed[0]).toContain('[yes] Tham dự [excused] Vắng có lý do [maybe] Chưa chắc');
      expect(await meeting()).toMatchObject({ status: 'SCHEDULED', ruleMonth: '2026-12' });
      expect(await reminderRows()).toEqual([
        { offsetMinutes: 3 * 24 * 60, dueAt: '2026-11-28T00:30:00.000Z', state: 'PENDING' },
        { offsetMinutes: 24 * 60, dueAt: '2026-11-30T00:30:00.000Z', state: 'PENDING' },
        { offsetMinutes: 60, dueAt: '2026-11-30T23:30:00.000Z', state: 'PENDING' },
      ]);
      // The draft's buttons are closed: a second press does nothing more.
      expect(await h.press(bt, 'confirm')).toEqual(['Câu hỏi này đã được trả lời hoặc đã đóng.']);
    });

    it('lets the committee drop a draft with the skip button, and does not draft that month again', async () => {
      const { bt, hoa } = await cell();
      await h.say(bt, RULE);
      expect(await h.press(hoa, 'skip')).toEqual(['Đã bỏ dự kiến cuộc họp số 1. Lên lịch khác bằng /lichhop.']);
      expect(await meeting()).toMatchObject({ status: 'CANCELLED' });
      const before = mark();
      await at('2026-11-24T08:00');
      expect(since(before).filter((r) => r.type === 'prompt')).toEqual([]);
      expect((await meetings()).map((m) => m.status)).toEqual(['CANCELLED']);
    });

    // A draft dropped with /huyhop is answered to the secretary (it was never announced to the group).
    it('answers the secretary who cancels a draft with /huyhop', async () => {
      const { bt } = await cell();
      await h.say(bt, RULE);
      const replies = await h.say(bt, '/huyhop số 1');
      expect(await meeting()).toMatchObject({ status: 'CANCELLED' });
      expect(replies).not.toEqual([]);
    });

    it('drafts each month once, and the next month when it is 14 days away', async () => {
      const { bt, hoa } = await cell();
      await h.say(bt, RULE);
      await h.press(hoa, 'confirm');
      const before = mark();
      await h.bot.scheduler.runDue();
      await at('2026-11-24T08:00');
      expect(since(before).filter((r) => r.type === 'prompt')).toEqual([]);
      // 04/01/2027 (1 January is a holiday, then a weekend) is more than 14 days after 19/12.
      await at('2026-12-19T08:00');
      expect(since(before).filter((r) => r.type === 'prompt')).toEqual([]);
      await at('2026-12-21T08:00');
      const drafts = since(before).filter((r): r is Extract<SentRecord, { type: 'prompt' }> => r.type === 'prompt');
      expect(drafts).toHaveLength(1);
      expect(drafts[0]!.prompt.question).toContain('DỰ KIẾN LỊCH SINH HOẠT THEO LỊCH ĐỊNH KỲ\nCuộc họp số 2: Sinh hoạt chi bộ thường kỳ tháng 1/2027\nThời gian: Thứ Hai, 04/01/2027, lúc 07:30');
      await h.bot.scheduler.runDue();
      await at('2026-12-22T08:00');
      expect(since(before).filter((r) => r.type === 'prompt')).toHaveLength(1);
      expect((await meetings()).map((m) => [m.seq, m.status, m.ruleMonth])).toEqual([
        [1, 'SCHEDULED', '2026-12'],
        [2, 'DRAFT', '2027-01'],
      ]);
    });

    it('moves the rule\'s date past a day off added with /ngaynghi', async () => {
      const { bt, em } = await cell();
      expect(await h.say(em, '/ngaynghi thêm 01/12/2026 Họp đảng bộ phường')).toEqual([SECRETARIAT_ONLY('ngaynghi')]);
      const [days] = await h.say(bt, '/ngaynghi thêm 01/12/2026 Họp đảng bộ phường');
      expect(days).toContain('Thứ Ba, 01/12/2026: Họp đảng bộ phường');
      expect(await h.db.store.settings.holidays(await cellId())).toEqual([{ date: '2026-12-01', label: 'Họp đảng bộ phường', off: true }]);
      const replies = await h.say(bt, RULE);
      expect(replies[0]).toContain('Lần tới: Thứ Tư, 02/12/2026.');
      expect(replies[1]).toContain('Thời gian: Thứ Tư, 02/12/2026, lúc 07:30');
      expect(await meeting()).toMatchObject({ status: 'DRAFT', ruleMonth: '2026-12', startsAt: vn('2026-12-02T07:30') });
    });

    it('takes a day off added later into the next month\'s draft', async () => {
      const { bt, hoa } = await cell();
      await h.say(bt, RULE);
      await h.press(hoa, 'confirm');
      await h.say(bt, '/ngaynghi thêm 04/01/2027 Nghỉ bù');
      expect((await h.say(bt, '/lichdinhky'))[0]).toContain('Lần tới: Thứ Ba, 01/12/2026.');
      await at('2026-12-22T08:00');
      expect(await meeting(2)).toMatchObject({ status: 'DRAFT', ruleMonth: '2027-01', startsAt: vn('2027-01-05T07:30') });
    });

    /** When the scheduler next looks at the cell's rule (CellSettings.nextDraftAt). */
    async function nextLook() {
      raw ??= await openDatabase(h.db.url);
      return (await raw.cellSettings.findUnique({ where: { cellId: await cellId() } }))?.nextDraftAt ?? null;
    }
    const drafts = (index: number) => since(index).filter((r): r is Extract<SentRecord, { type: 'prompt' }> => r.type === 'prompt');

    it('stores when the rule next needs a look: moved on after each draft, set back when the rule or the days off change', async () => {
      const { bt } = await cell();
      await h.say(bt, RULE);
      // December's meeting is drafted at once; the tick then waits for January's (04/01/2027), 14 days ahead.
      await h.bot.scheduler.runDue();
      expect(await nextLook()).toEqual(vn('2026-12-21T00:00'));
      // A day off on 04/01 moves January's meeting to the 5th: looked at on the next tick, then a day later.
      await h.say(bt, '/ngaynghi thêm 04/01/2027 Nghỉ bù');
      expect(await nextLook()).toEqual(h.clock.now());
      await h.bot.scheduler.runDue();
      expect(await nextLook()).toEqual(vn('2026-12-22T00:00'));
      const before = mark();
      await at('2026-12-21T23:59');
      expect(drafts(before)).toEqual([]);
      await at('2026-12-22T00:00');
      expect(drafts(before)).toHaveLength(1);
      expect(await meeting(2)).toMatchObject({ status: 'DRAFT', ruleMonth: '2027-01', startsAt: vn('2027-01-05T07:30') });
      // February's meeting (01/02/2027) is 14 days away on 18/01.
      expect(await nextLook()).toEqual(vn('2027-01-18T00:00'));
      // Taking the day off back sets the time back too; the draft stands (the month has its meeting).
      await h.say(bt, '/ngaynghi bỏ 04/01/2027');
      expect(await nextLook()).toEqual(h.clock.now());
      await at('2026-12-22T00:01');
      expect(drafts(before)).toHaveLength(1);
      expect(await nextLook()).toEqual(vn('2027-01-18T00:00'));
      // A new rule is looked at at once; no rule, never.
      await h.say(bt, '/lichdinhky ngày 20 hằng tháng lúc 7h30');
      expect(await nextLook()).toEqual(h.clock.now());
      await h.say(bt, '/lichdinhky tắt');
      expect(await nextLook()).toBeNull();
    });

    it('drafts the month once the meeting scheduled for it by hand is cancelled, on the next tick as before', async () => {
      const { bt } = await cell();
      await schedule(bt, '2026-12-03T19:30');
      const before = mark();
      // The hand-scheduled monthly meeting stands instead of the rule's draft for December.
      expect(await h.say(bt, RULE)).toHaveLength(1);
      await h.bot.scheduler.runDue();
      await at('2026-11-24T08:00');
      expect(drafts(before)).toEqual([]);
      await h.say(bt, '/huyhop số 1');
      await at('2026-11-24T08:01');
      expect(drafts(before)).toHaveLength(1);
      expect(drafts(before)[0]!.prompt.question).toContain('Cuộc họp số 2: Sinh hoạt chi bộ thường kỳ tháng 12/2026\nThời gian: Thứ Ba, 01/12/2026, lúc 07:30');
      await at('2026-11-24T08:02');
      expect(drafts(before)).toHaveLength(1);
    });
  });
});
