// Open votes (biểu quyết) during a meeting, as the group sees them, on a real database:
// /bieuquyet opens a ballot with a snapshot of who may vote, members press, /ketthucbieuquyet closes it
// with the Charter's integer thresholds (domain-rules.md §2, §3, §9 and the worked examples).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VoteRecord } from '../../src/app/ports.ts';
import type { UserRef } from '../../src/channels/channel.ts';
import type { SentRecord } from '../../src/channels/memory/memory-channel.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';

/** A Vietnam wall-clock time ("2026-11-23T14:00") as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);

const STRANGER = 'Bạn chưa có trong danh sách chi bộ nên chưa dùng được lệnh này.';
const SECRETARIAT_ONLY = (name: string) => `Lệnh /${name} chỉ dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên.`;
const NO_MEETING = 'Biểu quyết chỉ mở trong cuộc họp đang diễn ra (bắt đầu bằng /batdauhop).';
const PROMPT_CLOSED = 'Câu hỏi này đã được trả lời hoặc đã đóng.';
const NOT_FOR_YOU = 'Câu hỏi này dành cho người đã ra lệnh trả lời.';
const PROBATIONARY = 'Đảng viên dự bị không có quyền biểu quyết (Điều lệ Đảng, Điều 3).';
const NOT_ELIGIBLE = 'Đồng chí không có trong danh sách biểu quyết lúc mở: chỉ đảng viên chính thức có mặt (đã điểm danh) được biểu quyết.';
const SECRET_ONLY =
  'Kỷ luật và bầu cử phải bỏ phiếu kín (Quy định 296-QĐ/TW; Quy chế bầu cử 190-QĐ/TW), không biểu quyết giơ tay. Dùng /bophieukin.';
const CHOICES_LINE = '[yes] Tán thành [no] Không tán thành [other] Ý kiến khác (bảo lưu)';
const ORDINARY_SOURCE = '(Điều lệ Đảng, Điều 9.5)';
const ADMISSION_SOURCE = '(Điều lệ Đảng, Điều 4.3; Hướng dẫn 06-HD/TW (2025))';
const recorded = (seq: number, label: string) => `Đã ghi: ${label} — biểu quyết số ${seq}. Có thể đổi đến khi kết thúc.`;
const changed = (seq: number, label: string) => `Đã đổi thành: ${label} — biểu quyết số ${seq}. Có thể đổi đến khi kết thúc.`;
const progress = (seq: number, voted: number, eligible: number) => `Biểu quyết số ${seq}: đã biểu quyết ${voted}/${eligible}.`;

/** Members after the bí thư (seq 1), in roll order: seq 2 is Trần Thị Hoa, seq 3 Lê Văn Cường, … */
const NAMES = [
  'Trần Thị Hoa', 'Lê Văn Cường', 'Phạm Thị Dung', 'Đỗ Văn Em', 'Vũ Thị Giang', 'Hồ Văn Hải', 'Ngô Văn Khánh', 'Bùi Thị Lan',
  'Đặng Văn Minh', 'Phan Văn Nam', 'Lý Thị Oanh', 'Trịnh Văn Phúc', 'Mai Thị Quyên', 'Dương Văn Sơn', 'Tạ Thị Thu', 'Võ Văn Uy',
];

describe('vote commands', () => {
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
  const heldMeeting = async () => (await h.db.store.meetings.bySeq(await cellId(), 1))!;
  const votes = async (): Promise<VoteRecord[]> => h.db.store.votes.ofMeeting((await heldMeeting()).id);
  const allVoteRows = async () => {
    raw ??= await openDatabase(h.db.url);
    return raw.vote.findMany();
  };
  const vote = async (seq = 1): Promise<VoteRecord> => (await votes()).find((v) => v.seq === seq)!;
  const idsToNames = async (ids: number[]) => {
    const members = await h.db.store.members.listCurrent(await cellId());
    return ids.map((id) => members.find((m) => m.id === id)!.fullName).sort();
  };
  /** The VoteEligible snapshot of a vote, by member name. */
  const eligibleNames = async (seq = 1) => idsToNames(await h.db.store.votes.eligible((await vote(seq)).id));
  /** The OpenBallot rows of a vote, read straight from the database: name → choice. */
  async function ballots(seq = 1): Promise<Record<string, string>> {
    raw ??= await openDatabase(h.db.url);
    const rows = await raw.openBallot.findMany({ where: { voteId: (await vote(seq)).id } });
    const members = await h.db.store.members.listCurrent(await cellId());
    return Object.fromEntries(rows.map((r) => [members.find((m) => m.id === r.memberId)!.fullName, r.choice]));
  }
  const mark = () => h.channel.records.length;
  const since = (index: number): SentRecord[] => h.channel.records.slice(index);
  const groupMessages = (index = 0) =>
    since(index).filter((r): r is Extract<SentRecord, { type: 'message' }> => r.type === 'message' && r.chat.chatId === h.group.chatId).map((r) => r.text);
  const edits = (index = 0) => since(index).filter((r): r is Extract<SentRecord, { type: 'edit' }> => r.type === 'edit');
  const acks = (index: number) => since(index).flatMap((r) => (r.type === 'ack' ? [r.notice] : []));
  const prompts = (index = 0) => since(index).filter((r): r is Extract<SentRecord, { type: 'prompt' }> => r.type === 'prompt');
  /** The group prompt of a vote (its ballot), found by the heading of its question. */
  const ballotPrompt = (seq: number) => h.channel.prompts(h.group.chatId).find((p) => p.prompt.question.startsWith(`BIỂU QUYẾT số ${seq} —`))!;
  /** Presses an option of a given prompt (not necessarily the newest one), optionally with a fixed event id. */
  async function pressOn(prompt: ReturnType<typeof ballotPrompt>, user: UserRef, optionId: string, eventId?: string) {
    const before = mark();
    await h.channel.choice({ chat: h.group, from: user, promptId: prompt.prompt.promptId, optionIds: [optionId], eventId });
    await h.bot.idle();
    return since(before);
  }

  // ---- building a cell and a meeting ----

  /**
   * The bí thư (seq 1) and `officials - 1` more official members (seq 2 is a chi ủy viên), then
   * `probationary` dự bị members. Returns the users in roll order: users[i] has seq i + 1.
   */
  async function roll(officials: number, probationary = 0): Promise<UserRef[]> {
    const users = [await h.createCell()];
    for (let i = 1; i < officials + probationary; i++) {
      users.push(await h.addLinkedMember(NAMES[i - 1]!, i >= officials ? 'dự bị' : i === 1 ? 'chính thức chi ủy' : 'chính thức'));
    }
    return users;
  }

  /** Schedules the 14:00 meeting of 23/11/2026, opens it at its time and takes the roll with `sheet`. */
  async function startMeeting(bt: UserRef, sheet = 'có mặt: còn lại') {
    expect((await h.say(bt, '/lichhop thường kỳ | 23/11/2026 14:00 | Hội trường')).at(-1)).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
    h.clock.set(vn('2026-11-23T14:00'));
    expect(await h.say(bt, '/batdauhop')).toContainEqual(expect.stringMatching(/^BẮT ĐẦU cuộc họp số 1/));
    expect(await h.say(bt, `/diemdanh ${sheet}`)).toContainEqual(expect.stringMatching(/^Đã ghi điểm danh\./));
    h.clock.set(vn('2026-11-23T15:00'));
  }

  /** Opens an ordinary vote that is feasible; checks it was opened. */
  async function openVote(bt: UserRef, line = '/bieuquyet Thông qua nghị quyết tháng 11') {
    const replies = await h.say(bt, line);
    expect(replies[0]).toMatch(/^BIỂU QUYẾT số \d+ —/);
    return replies;
  }

  /** Each user presses `choice` on the ballot of vote `seq`. */
  async function castAll(seq: number, users: UserRef[], choice: string) {
    for (const u of users) {
      const sent = await pressOn(ballotPrompt(seq), u, choice);
      expect(sent.filter((r) => r.type === 'ack').map((r) => (r as { notice?: string }).notice)).toEqual([expect.stringMatching(/^Đã (ghi|đổi thành): /)]);
    }
  }

  // ---- 1. Opening ----

  describe('opening', () => {
    it('refuses outside an IN_PROGRESS meeting: before any meeting, while only scheduled, and after it closed', async () => {
      const [bt] = await roll(4);
      expect(await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11')).toEqual([NO_MEETING]);
      expect(await h.say(bt!, '/lichhop thường kỳ | 23/11/2026 14:00 | Hội trường')).toHaveLength(1);
      expect(await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11')).toEqual([NO_MEETING]);
      h.clock.set(vn('2026-11-23T14:00'));
      await h.say(bt!, '/batdauhop');
      await h.say(bt!, '/diemdanh có mặt: còn lại');
      h.clock.set(vn('2026-11-23T15:30'));
      expect((await h.say(bt!, '/ketthuchop'))[0]).toMatch(/^KẾT THÚC cuộc họp số 1/);
      const before = mark();
      expect(await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11')).toEqual([NO_MEETING]);
      expect(prompts(before)).toEqual([]);
      expect(await allVoteRows()).toEqual([]);
    });

    it('is for the secretariat only: a plain member and a stranger are refused and nothing opens', async () => {
      const [bt, , cuong] = await roll(4);
      await startMeeting(bt!);
      const before = mark();
      expect(await h.say(cuong!, '/bieuquyet Thông qua nghị quyết tháng 11')).toEqual([SECRETARIAT_ONLY('bieuquyet')]);
      expect(await h.say(h.user('Người Lạ'), '/bieuquyet Thông qua nghị quyết tháng 11')).toEqual([expect.stringContaining(STRANGER)]);
      expect(prompts(before)).toEqual([]);
      expect(await votes()).toEqual([]);
    });

    it('lets a chi ủy viên open it; the ballot states D, the eligible count and "ít nhất N/D", with a progress line', async () => {
      const [bt, hoa] = await roll(6);
      // 5 present, Vũ Thị Giang (6) absent without reason: D = 6, 5 may vote, more than half needs 4.
      await startMeeting(bt!, 'có mặt: 1-5 | vắng không lý do: 6');
      const before = mark();
      const replies = await h.say(hoa!, '/bieuquyet Thông qua nghị quyết tháng 11');
      expect(replies).toEqual([
        [
          'BIỂU QUYẾT số 1 — Nghị quyết, kết luận: Thông qua nghị quyết tháng 11',
          'Số đảng viên làm căn cứ (D): 6; có mặt được biểu quyết: 5.',
          `Để thông qua cần quá 1/2: ít nhất 4/6 đồng chí tán thành ${ORDINARY_SOURCE}.`,
          'Chỉ đảng viên chính thức có mặt biểu quyết; có thể đổi ý đến khi kết thúc biểu quyết.',
          CHOICES_LINE,
        ].join('\n'),
        progress(1, 0, 5),
      ]);
      // The ballot is a prompt in the group, followed by the progress message.
      expect(since(before).map((r) => r.type)).toEqual(['prompt', 'message']);
      const stored = await vote(1);
      expect(stored).toMatchObject({
        seq: 1, kind: 'ORDINARY', form: 'OPEN', subject: 'Thông qua nghị quyết tháng 11', threshold: 'HALF', base: 6, status: 'OPEN', closedAt: null, result: null,
        openedAt: vn('2026-11-23T15:00'),
      });
      // The progress message is remembered, to be edited as members vote.
      const progressMessage = since(before).find((r) => r.type === 'message') as Extract<SentRecord, { type: 'message' }>;
      expect(stored.progress).toEqual([{ channel: 'memory', chatId: h.group.chatId, messageId: progressMessage.messageId }]);
      raw ??= await openDatabase(h.db.url);
      expect((await raw.vote.findUnique({ where: { id: stored.id } }))!.openedById).toBe(
        (await h.db.store.members.listCurrent(await cellId())).find((m) => m.fullName === 'Trần Thị Hoa')!.id,
      );
      expect(await eligibleNames()).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Cường', 'Phạm Thị Dung', 'Đỗ Văn Em'].sort());
    });

    it('snapshots exactly the official members counted in D and present (§2.2, §9)', async () => {
      const bt = await h.createCell(); //                                          seq 1: present
      await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy'); //           seq 2: present
      await h.addLinkedMember('Lê Văn Cường'); //                                 seq 3: present
      await h.addLinkedMember('Phạm Thị Dung', 'dự bị'); //                        seq 4: present, probationary
      await h.addLinkedMember('Đỗ Văn Em'); //                                    seq 5: present
      await h.addLinkedMember('Vũ Thị Giang'); //                                 seq 6: absent without reason (in D)
      await h.addLinkedMember('Hồ Văn Hải'); //                                   seq 7: excused, approved by the chi ủy (out of D)
      await h.addLinkedMember('Ngô Văn Khánh'); //                                seq 8: excused, not approved (in D)
      await h.addLinkedMember('Bùi Thị Lan'); //                                  seq 9: exempt, absent (out of D)
      await h.addLinkedMember('Đặng Văn Minh'); //                                seq 10: exempt, present (in D, votes)
      await h.addLinkedMember('Phan Văn Nam'); //                                 seq 11: present
      await h.addLinkedMember('Lý Thị Oanh'); //                                  seq 12: suspended, present (out of D)
      await h.addLinkedMember('Trịnh Văn Phúc'); //                               seq 13: guest (tạm thời đến), present (out of D)
      expect(await h.say(bt, '/suadv 9, miễn sinh hoạt')).toEqual([expect.stringContaining('miễn sinh hoạt')]);
      expect(await h.say(bt, '/suadv 10, miễn sinh hoạt')).toEqual([expect.stringContaining('miễn sinh hoạt')]);
      expect(await h.say(bt, '/suadv 12, đình chỉ')).toEqual([expect.stringContaining('Đã cập nhật 12.')]);
      expect(await h.say(bt, '/suadv 13, tạm thời đến')).toEqual([expect.stringContaining('Đã cập nhật 13.')]);
      await startMeeting(bt, 'có mặt: 1-5, 10-13 | vắng không lý do: 6 | vắng có lý do: 7 (ốm), 8 (đi công tác)');
      expect((await h.say(bt, '/chapnhan 7'))[0]).toMatch(/^Chi ủy chấp nhận lý do vắng của: Hồ Văn Hải\./);
      // D = 1, 2, 3, 5, 6, 8, 10, 11 = 8; voters = 1, 2, 3, 5, 10, 11 = 6; more than half needs 5.
      const [ballot] = await openVote(bt);
      expect(ballot).toContain('Số đảng viên làm căn cứ (D): 8; có mặt được biểu quyết: 6.');
      expect(ballot).toContain('ít nhất 5/8 đồng chí tán thành');
      expect(await vote()).toMatchObject({ base: 8 });
      expect(await eligibleNames()).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Cường', 'Đỗ Văn Em', 'Đặng Văn Minh', 'Phan Văn Nam'].sort());
      // /tinhhinh gives the same D and voters as the ballot.
      const [facts] = await h.say(bt, '/tinhhinh');
      expect(facts).toContain('Số đảng viên làm căn cứ biểu quyết (D): 8');
      expect(facts).toContain('có mặt được biểu quyết: 6.');
    });

    it('reads "kết nạp" as an admission needing two thirds', async () => {
      const [bt] = await roll(6);
      await startMeeting(bt!);
      const [ballot] = await openVote(bt!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      expect(ballot).toBe(
        [
          'BIỂU QUYẾT số 1 — Kết nạp đảng viên: Quần chúng Nguyễn Văn Nam',
          'Số đảng viên làm căn cứ (D): 6; có mặt được biểu quyết: 6.',
          `Để thông qua cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành ${ADMISSION_SOURCE}.`,
          'Chỉ đảng viên chính thức có mặt biểu quyết; có thể đổi ý đến khi kết thúc biểu quyết.',
          CHOICES_LINE,
        ].join('\n'),
      );
      expect(await vote()).toMatchObject({ kind: 'ADMISSION', threshold: 'TWO_THIRDS', subject: 'Quần chúng Nguyễn Văn Nam', base: 6 });
    });

    it('numbers the votes of a meeting 1, 2, … and reads other kind words', async () => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!, '/bieuquyet nghị quyết | Thông qua nghị quyết tháng 11');
      await openVote(bt!, '/bieuquyet chuyển chính thức | Đồng chí Phạm Thị Dung');
      expect((await votes()).map((v) => [v.seq, v.kind, v.threshold, v.subject])).toEqual([
        [1, 'ORDINARY', 'HALF', 'Thông qua nghị quyết tháng 11'],
        [2, 'RECOGNITION', 'TWO_THIRDS', 'Đồng chí Phạm Thị Dung'],
      ]);
    });

    it('answers an unknown kind word with its error and opens nothing', async () => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      const before = mark();
      expect(await h.say(bt!, '/bieuquyet khen thưởng | Đồng chí Lê Văn Cường')).toEqual([
        'Chưa rõ loại quyết định "khen thưởng". Dùng: nghị quyết, kết nạp, chuyển chính thức, xoá tên, miễn sinh hoạt, kỷ luật.',
      ]);
      expect(prompts(before)).toEqual([]);
      expect(await votes()).toEqual([]);
    });

    it.each([
      ['kỷ luật', '/bieuquyet kỷ luật | Đồng chí Lê Văn Cường'],
      ['bầu cử', '/bieuquyet bầu cử | Bí thư chi bộ nhiệm kỳ 2027-2032'],
    ])('refuses "%s" as secret-ballot only and opens nothing', async (_word, line) => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      const before = mark();
      expect(await h.say(bt!, line)).toEqual([SECRET_ONLY]);
      expect(prompts(before)).toEqual([]);
      expect(await votes()).toEqual([]);
    });

    it('asks for the subject when only a kind word is given', async () => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      const [answer] = await h.say(bt!, '/bieuquyet kết nạp |');
      expect(answer).toMatch(/^Lệnh chưa đúng cú pháp\./);
      expect(await votes()).toEqual([]);
    });

    it('refuses a cell with fewer than 3 official members and stores no vote', async () => {
      // 2 official (bí thư and chi ủy viên) and 2 probationary members, all present.
      const [bt] = await roll(2, 2);
      await startMeeting(bt!);
      const before = mark();
      const replies = await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      expect(replies).toEqual(['Chi bộ có dưới 3 đảng viên chính thức (Điều lệ Đảng, Điều 21): bot không tính kết quả biểu quyết.']);
      expect(replies[0]).toContain('dưới 3 đảng viên chính thức');
      expect(prompts(before)).toEqual([]);
      expect(await allVoteRows()).toEqual([]);
    });

    it('opens once for a replayed /bieuquyet event', async () => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11', h.group, 'open-1');
      expect(await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11', h.group, 'open-1')).toEqual([]);
      expect(await votes()).toHaveLength(1);
    });
  });

  // ---- 2. A vote that cannot pass ----

  describe('infeasible threshold', () => {
    /** 6 official members, 3 present (1-3), 3 absent without reason: D = 6, more than half needs 4 > 3. */
    async function thinMeeting() {
      const users = await roll(6);
      await startMeeting(users[0]!, 'có mặt: 1-3 | vắng không lý do: 4-6');
      return users;
    }

    it('asks the secretary before opening, stating D, the voters present and what is needed', async () => {
      const [bt] = await thinMeeting();
      const before = mark();
      const replies = await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain('D = 6, có mặt được biểu quyết 3; cần quá 1/2: ít nhất 4/6 đồng chí tán thành');
      expect(replies[0]).toContain('Dù tất cả đều tán thành cũng không đủ để thông qua. Vẫn mở biểu quyết?');
      expect(replies[0]).toContain('[open] Vẫn mở biểu quyết [cancel] Huỷ');
      expect(prompts(before)).toHaveLength(1);
      expect(groupMessages(before)).toEqual([]);
      expect(await allVoteRows()).toEqual([]);
    });

    // The vote to be confirmed has no number yet.
    it('does not call the vote to be confirmed "biểu quyết số 0"', async () => {
      const [bt] = await thinMeeting();
      const [question] = await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      expect(question).not.toContain('số 0');
    });

    it('asks also for an admission that 3 of D = 6 cannot carry (needs 4)', async () => {
      const [bt] = await thinMeeting();
      const [question] = await h.say(bt!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      expect(question).toContain('D = 6, có mặt được biểu quyết 3; cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành');
      expect(await allVoteRows()).toEqual([]);
    });

    it('opens nothing on "cancel"; the question is then closed', async () => {
      const [bt] = await thinMeeting();
      await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      const confirm = h.channel.prompts(h.group.chatId).at(-1)!;
      const before = mark();
      expect(await h.press(bt!, 'cancel')).toEqual(['Đã huỷ, chưa mở biểu quyết.']);
      expect(since(before)).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: confirm.messageId });
      expect(prompts(before)).toEqual([]);
      expect(await allVoteRows()).toEqual([]);
      // A late "open" on the same question does nothing.
      expect(await pressOn(confirm, bt!, 'open')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED })]);
      expect(await allVoteRows()).toEqual([]);
    });

    it('refuses another member (secretary or not) and a stranger; "open" by the asking secretary opens it once', async () => {
      const [bt, hoa, cuong] = await thinMeeting();
      await h.say(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      const confirm = h.channel.prompts(h.group.chatId).at(-1)!;
      expect(await h.press(hoa!, 'open')).toEqual([NOT_FOR_YOU]);
      expect(await h.press(cuong!, 'open')).toEqual([NOT_FOR_YOU]);
      expect(await h.press(h.user('Người Lạ'), 'open')).toEqual([NOT_FOR_YOU]);
      expect(await allVoteRows()).toEqual([]);
      const before = mark();
      const replies = await h.press(bt!, 'open');
      expect(replies[0]).toBe(
        [
          'BIỂU QUYẾT số 1 — Nghị quyết, kết luận: Thông qua nghị quyết tháng 11',
          'Số đảng viên làm căn cứ (D): 6; có mặt được biểu quyết: 3.',
          `Để thông qua cần quá 1/2: ít nhất 4/6 đồng chí tán thành ${ORDINARY_SOURCE}.`,
          'Chỉ đảng viên chính thức có mặt biểu quyết; có thể đổi ý đến khi kết thúc biểu quyết.',
          CHOICES_LINE,
        ].join('\n'),
      );
      expect(replies[1]).toBe(progress(1, 0, 3));
      expect(since(before)).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: confirm.messageId });
      expect(await votes()).toEqual([expect.objectContaining({ seq: 1, status: 'OPEN', base: 6, threshold: 'HALF' })]);
      expect(await eligibleNames()).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Cường'].sort());
      // Pressing "open" again on the confirmation does not open a second vote.
      expect(await pressOn(confirm, bt!, 'open')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED })]);
      expect(await allVoteRows()).toHaveLength(1);
    });
  });

  // ---- 3. Casting ----

  describe('casting', () => {
    it('acknowledges each eligible press privately, keeps one row per member, and edits the progress line', async () => {
      const [bt, hoa, cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      const progressRef = (await vote()).progress[0]!;
      let before = mark();
      expect((await h.press(cuong!, 'yes')).sort()).toEqual([recorded(1, 'tán thành'), progress(1, 1, 4)].sort());
      // The notice is an ack to the presser; the group gets no new message, only the edited progress line.
      expect(acks(before)).toEqual([recorded(1, 'tán thành')]);
      expect(groupMessages(before)).toEqual([]);
      expect(edits(before)).toEqual([{ type: 'edit', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: progressRef.messageId, text: progress(1, 1, 4) }]);
      expect(await ballots()).toEqual({ 'Lê Văn Cường': 'yes' });
      expect((await h.press(hoa!, 'other')).sort()).toEqual([progress(1, 2, 4), recorded(1, 'ý kiến khác (bảo lưu)')].sort());
      // Changing the choice: still one row, the notice says so, the count of voters does not grow.
      before = mark();
      expect((await h.press(cuong!, 'no')).sort()).toEqual([changed(1, 'không tán thành'), progress(1, 2, 4)].sort());
      expect(acks(before)).toEqual([changed(1, 'không tán thành')]);
      expect((await h.press(cuong!, 'yes')).sort()).toEqual([changed(1, 'tán thành'), progress(1, 2, 4)].sort());
      expect(await ballots()).toEqual({ 'Lê Văn Cường': 'yes', 'Trần Thị Hoa': 'other' });
      expect(await h.db.store.votes.counts((await vote()).id)).toEqual({ yes: 1, other: 1 });
      expect((await h.press(bt!, 'yes')).sort()).toEqual([recorded(1, 'tán thành'), progress(1, 3, 4)].sort());
    });

    it('refuses a probationary member, with no row', async () => {
      // Đỗ Văn Em (seq 5) is dự bị and present; the ballot counts only the 4 official members.
      const [bt, , , , em] = await roll(4, 1);
      await startMeeting(bt!);
      expect((await openVote(bt!))[0]).toContain('Số đảng viên làm căn cứ (D): 4; có mặt được biểu quyết: 4.');
      const before = mark();
      expect(await h.press(em!, 'yes')).toEqual([PROBATIONARY]);
      expect(edits(before)).toEqual([]);
      expect(await ballots()).toEqual({});
    });

    it('refuses an official member who was absent when it opened, and one checked in after opening', async () => {
      const [bt, , cuong, dung, em] = await roll(5);
      // Phạm Thị Dung (4) absent without reason; Đỗ Văn Em (5) not yet checked in.
      await startMeeting(bt!, 'có mặt: 1-3 | vắng không lý do: 4');
      await openVote(bt!);
      expect(await eligibleNames()).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Cường'].sort());
      expect(await h.press(dung!, 'yes')).toEqual([NOT_ELIGIBLE]);
      // Arriving after the vote opened does not add the member to it.
      expect(await h.say(em!, '/comat')).toEqual(['Đã điểm danh: đồng chí Đỗ Văn Em có mặt.']);
      expect(await pressOn(ballotPrompt(1), em!, 'yes')).toEqual([expect.objectContaining({ type: 'ack', notice: NOT_ELIGIBLE })]);
      expect((await h.press(cuong!, 'yes')).sort()).toEqual([recorded(1, 'tán thành'), progress(1, 1, 3)].sort());
      expect(await ballots()).toEqual({ 'Lê Văn Cường': 'yes' });
      expect(await h.db.store.votes.eligible((await vote()).id)).toHaveLength(3);
    });

    it('refuses an official member added to the roll after opening', async () => {
      const [bt, , cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      const late = await h.addLinkedMember('Vũ Thị Giang');
      expect(await h.say(bt!, '/diemdanh có mặt: Vũ Thị Giang')).toContainEqual(expect.stringMatching(/^Đã ghi điểm danh\./));
      expect(await h.press(late, 'yes')).toEqual([NOT_ELIGIBLE]);
      expect((await h.press(cuong!, 'yes')).sort()).toEqual([recorded(1, 'tán thành'), progress(1, 1, 4)].sort());
      expect(await ballots()).toEqual({ 'Lê Văn Cường': 'yes' });
      // D and the snapshot stay as they were at opening.
      expect(await vote()).toMatchObject({ base: 4 });
      expect(await h.db.store.votes.eligible((await vote()).id)).toHaveLength(4);
    });

    it('refuses a stranger', async () => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      const before = mark();
      expect(await h.press(h.user('Người Lạ'), 'yes')).toEqual([expect.stringContaining(STRANGER)]);
      expect(groupMessages(before)).toEqual([]);
      expect(edits(before)).toEqual([]);
      expect(await ballots()).toEqual({});
    });

    it('counts a replayed choice event once, and a replay does not undo a later change', async () => {
      const [bt, , cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      const ballot = ballotPrompt(1);
      expect(await pressOn(ballot, cuong!, 'yes', 'press-1')).toContainEqual({ type: 'ack', eventId: 'press-1', notice: recorded(1, 'tán thành'), outcome: 'taken' });
      // The same event delivered again: acknowledged silently, nothing recorded or edited.
      expect(await pressOn(ballot, cuong!, 'yes', 'press-1')).toEqual([{ type: 'ack', eventId: 'press-1', notice: undefined }]);
      expect(await h.db.store.votes.counts((await vote()).id)).toEqual({ yes: 1 });
      expect(await pressOn(ballot, cuong!, 'no', 'press-2')).toContainEqual({ type: 'ack', eventId: 'press-2', notice: changed(1, 'không tán thành'), outcome: 'taken' });
      expect(await pressOn(ballot, cuong!, 'yes', 'press-1')).toEqual([{ type: 'ack', eventId: 'press-1', notice: undefined }]);
      expect(await ballots()).toEqual({ 'Lê Văn Cường': 'no' });
      expect(await h.db.store.votes.counts((await vote()).id)).toEqual({ no: 1 });
    });

    it('keeps the ballots of two open votes apart', async () => {
      const [bt, hoa, cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      await openVote(bt!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      await castAll(1, [cuong!], 'yes');
      await castAll(2, [cuong!, hoa!], 'no');
      expect(await ballots(1)).toEqual({ 'Lê Văn Cường': 'yes' });
      expect(await ballots(2)).toEqual({ 'Lê Văn Cường': 'no', 'Trần Thị Hoa': 'no' });
    });
  });

  // ---- 4. Closing ----

  describe('closing', () => {
    it('posts the result against D (not those present), stores it and closes the ballot (worked example 1 in small)', async () => {
      // 7 official, 5 present, 2 absent without reason: D = 7, more than half needs 4.
      const users = await roll(7);
      const [bt, hoa, cuong, dung, em] = users;
      await startMeeting(bt!, 'có mặt: 1-5 | vắng không lý do: 6-7');
      await openVote(bt!);
      await castAll(1, [bt!, hoa!, cuong!, dung!], 'yes');
      await castAll(1, [em!], 'no');
      const ballot = ballotPrompt(1);
      h.clock.set(vn('2026-11-23T15:20'));
      const before = mark();
      const replies = await h.say(bt!, '/ketthucbieuquyet');
      expect(replies).toEqual([
        [
          'KẾT QUẢ BIỂU QUYẾT số 1 — Nghị quyết, kết luận: Thông qua nghị quyết tháng 11',
          `Tán thành: 4/7 đồng chí, đạt 57,14% — THÔNG QUA, quá 1/2 (cần quá 1/2: ít nhất 4/7 đồng chí tán thành ${ORDINARY_SOURCE}).`,
          'Không tán thành: 1; ý kiến khác (bảo lưu): 0; không biểu quyết: 0 (trong 5 đồng chí có mặt được biểu quyết).',
        ].join('\n'),
      ]);
      expect(since(before)).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: ballot.messageId });
      expect(await vote()).toMatchObject({
        status: 'CLOSED',
        closedAt: vn('2026-11-23T15:20'),
        result: { threshold: 'HALF', base: 7, yes: 4, needed: 4, passed: true, shareHundredths: 5714, counts: { yes: 4, no: 1, other: 0 }, voted: 5, eligible: 5 },
      });
    });

    it('counts the answers a platform held until the question closed (a native poll read at closing), and a duplicate once', async () => {
      const users = await roll(5);
      const [bt, hoa, cuong, dung] = users;
      await startMeeting(bt!, 'có mặt: 1-5');
      await openVote(bt!);
      await castAll(1, [bt!, hoa!], 'yes');
      const ballot = ballotPrompt(1);
      // Cường and Dũng answered in the poll seconds before closing; Dũng's answer was also already delivered.
      const held = (user: UserRef, optionId: string, eventId: string) => ({
        kind: 'choice' as const, eventId, at: new Date(0), chat: h.group, from: user, promptId: ballot.prompt.promptId, optionIds: [optionId],
      });
      await pressOn(ballot, dung!, 'no', 'poll-dung-1');
      h.channel.heldAnswers.set(ballot.messageId, [held(cuong!, 'yes', 'poll-cuong-1'), held(dung!, 'no', 'poll-dung-1')]);
      const replies = await h.say(bt!, '/ketthucbieuquyet');
      // The held answer moves the progress line before the result is counted.
      expect(replies.indexOf(progress(1, 4, 5))).toBeGreaterThanOrEqual(0);
      expect(replies.indexOf(progress(1, 4, 5))).toBeLessThan(replies.length - 1);
      const result = replies.at(-1)!;
      expect(result).toContain('Tán thành: 3/5 đồng chí, đạt 60,00% — THÔNG QUA');
      expect(result).toContain('Không tán thành: 1;');
      expect(await vote()).toMatchObject({ status: 'CLOSED', result: { counts: { yes: 3, no: 1, other: 0 }, voted: 4 } });
      // After closing, a late answer is refused and changes nothing.
      expect(await pressOn(ballot, users[4]!, 'yes')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED, outcome: 'refused' })]);
      expect(await vote()).toMatchObject({ result: { voted: 4 } });
    });

    it('takes back a retracted answer (a member removed their poll vote) and says so; the count leaves it out', async () => {
      const [bt, hoa, cuong] = await roll(3);
      await startMeeting(bt!, 'có mặt: 1-3');
      await openVote(bt!);
      const ballot = ballotPrompt(1);
      await castAll(1, [bt!, hoa!, cuong!], 'yes');
      const before = mark();
      await h.channel.choice({ chat: h.group, from: cuong!, promptId: ballot.prompt.promptId, optionIds: [] });
      await h.bot.idle();
      expect(acks(before)).toEqual(['Đã rút lại biểu quyết của đồng chí — biểu quyết số 1. Có thể biểu quyết lại đến khi kết thúc.']);
      expect(await ballots()).toEqual({ 'Nguyễn Văn Bình': 'yes', 'Trần Thị Hoa': 'yes' });
      const [result] = await h.say(bt!, '/ketthucbieuquyet');
      expect(result).toContain('Tán thành: 2/3 đồng chí');
      expect(result).toContain('không biểu quyết: 1');
    });

    it('does not pass 3 of D = 7 even though 3 of the 5 present said yes (worked example 2 in small)', async () => {
      const [bt, hoa, cuong, dung, em] = await roll(7);
      await startMeeting(bt!, 'có mặt: 1-5 | vắng không lý do: 6-7');
      await openVote(bt!);
      await castAll(1, [bt!, hoa!, cuong!], 'yes');
      await castAll(1, [dung!, em!], 'no');
      const [result] = await h.say(bt!, '/ketthucbieuquyet');
      expect(result).toContain('Tán thành: 3/7 đồng chí, đạt 42,86% — KHÔNG THÔNG QUA');
      expect(result).not.toContain('3/5');
      expect((await vote()).result).toMatchObject({ yes: 3, base: 7, passed: false, shareHundredths: 4286 });
    });

    it.each([
      [3, 3, 0, 0, false, '50,00%'],
      [4, 2, 0, 0, true, '66,67%'],
      [3, 1, 1, 1, false, '50,00%'],
    ])('ordinary, D = 6: %i yes, %i no, %i other, %i not voting → passed %s (a tie at half fails)', async (yes, no, other, silent, passed, share) => {
      const users = await roll(6);
      const [bt] = users;
      await startMeeting(bt!);
      await openVote(bt!);
      await castAll(1, users.slice(0, yes), 'yes');
      await castAll(1, users.slice(yes, yes + no), 'no');
      await castAll(1, users.slice(yes + no, yes + no + other), 'other');
      expect(yes + no + other + silent).toBe(6);
      const [result] = await h.say(bt!, '/ketthucbieuquyet số 1');
      const verdict = passed ? 'THÔNG QUA, quá 1/2' : 'KHÔNG THÔNG QUA, chưa quá 1/2';
      expect(result).toBe(
        [
          'KẾT QUẢ BIỂU QUYẾT số 1 — Nghị quyết, kết luận: Thông qua nghị quyết tháng 11',
          `Tán thành: ${yes}/6 đồng chí, đạt ${share} — ${verdict} (cần quá 1/2: ít nhất 4/6 đồng chí tán thành ${ORDINARY_SOURCE}).`,
          `Không tán thành: ${no}; ý kiến khác (bảo lưu): ${other}; không biểu quyết: ${silent} (trong 6 đồng chí có mặt được biểu quyết).`,
        ].join('\n'),
      );
      expect(await vote()).toMatchObject({ status: 'CLOSED', result: { threshold: 'HALF', base: 6, yes, needed: 4, passed, counts: { yes, no, other }, voted: yes + no + other, eligible: 6 } });
    });

    it.each([
      [4, true, '66,67%', 6667],
      [3, false, '50,00%', 5000],
    ])('admission, D = 6: %i yes → passed %s at exactly 2/3', async (yes, passed, share, hundredths) => {
      const users = await roll(6);
      await startMeeting(users[0]!);
      await openVote(users[0]!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      await castAll(1, users.slice(0, yes), 'yes');
      await castAll(1, users.slice(yes), 'no');
      const [result] = await h.say(users[0]!, '/ketthucbieuquyet');
      expect(result).toContain(
        `Tán thành: ${yes}/6 đồng chí, đạt ${share} — ${passed ? 'THÔNG QUA, đủ 2/3' : 'KHÔNG THÔNG QUA, chưa đủ 2/3'} (cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành ${ADMISSION_SOURCE}).`,
      );
      expect(await vote()).toMatchObject({ status: 'CLOSED', result: { threshold: 'TWO_THIRDS', base: 6, yes, needed: 4, passed, shareHundredths: hundredths } });
    });

    it.each([
      [10, true, '66,67%'],
      [9, false, '60,00%'],
    ])('admission, D = 15 with 13 present (worked example 8): %i yes → passed %s', async (yes, passed, share) => {
      const users = await roll(15);
      // Two absent with a reason the chi ủy did not approve: they stay in D.
      await startMeeting(users[0]!, 'có mặt: 1-13 | vắng có lý do: 14 (ốm), 15 (đi công tác)');
      const [ballot] = await openVote(users[0]!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      expect(ballot).toContain('Số đảng viên làm căn cứ (D): 15; có mặt được biểu quyết: 13.');
      expect(ballot).toContain('ít nhất 10/15 đồng chí tán thành');
      await castAll(1, users.slice(0, yes), 'yes');
      await castAll(1, users.slice(yes, 13), 'no');
      const [result] = await h.say(users[0]!, '/ketthucbieuquyet');
      expect(result).toContain(`Tán thành: ${yes}/15 đồng chí, đạt ${share} — ${passed ? 'THÔNG QUA' : 'KHÔNG THÔNG QUA'}`);
      expect(result).toContain(`Không tán thành: ${13 - yes}; ý kiến khác (bảo lưu): 0; không biểu quyết: 0 (trong 13 đồng chí có mặt được biểu quyết).`);
      expect(await vote()).toMatchObject({ status: 'CLOSED', result: { threshold: 'TWO_THIRDS', base: 15, yes, needed: 10, passed } });
    });

    // Worked example 8: an admission passed at exactly 2/3 states "đạt 66,67%" and "đủ 2/3".
    it('says "đủ 2/3" for an admission passed at exactly two thirds (worked example 8)', async () => {
      const users = await roll(6);
      await startMeeting(users[0]!);
      await openVote(users[0]!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      await castAll(1, users.slice(0, 4), 'yes');
      const [result] = await h.say(users[0]!, '/ketthucbieuquyet');
      expect(result).toContain('đạt 66,67%');
      expect(result).toContain('đủ 2/3');
    });

    it('refuses a press after closing and changes no count', async () => {
      const [bt, hoa, cuong, em] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      await castAll(1, [bt!, hoa!], 'yes');
      await castAll(1, [cuong!], 'no');
      await h.say(bt!, '/ketthucbieuquyet');
      const closed = await vote();
      const before = mark();
      // A new press and a change of mind are both refused.
      expect(await pressOn(ballotPrompt(1), em!, 'yes')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED })]);
      expect(await pressOn(ballotPrompt(1), cuong!, 'yes')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED })]);
      expect(groupMessages(before)).toEqual([]);
      expect(edits(before)).toEqual([]);
      expect(await ballots()).toEqual({ 'Nguyễn Văn Bình': 'yes', 'Trần Thị Hoa': 'yes', 'Lê Văn Cường': 'no' });
      expect(await vote()).toEqual(closed);
    });

    // A press and /ketthucbieuquyet from another chat (a private one) arrive together: the press runs
    // while the close is in flight. The close locks the vote row, so the press is either counted or
    // refused as late, never acknowledged "Đã ghi" and left out of the result.
    it('does not leave out of the result a ballot acknowledged while the vote was being closed', async () => {
      const [bt, hoa, cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      await castAll(1, [bt!, hoa!], 'yes');
      const repository = h.db.store.votes;
      const closeOnce = repository.closeAndCount.bind(repository);
      let press: Promise<SentRecord[]> = Promise.resolve([]);
      repository.closeAndCount = async (voteId, at) => {
        repository.closeAndCount = closeOnce;
        press = pressOn(ballotPrompt(1), cuong!, 'yes');
        return closeOnce(voteId, at);
      };
      const replies = await h.say(bt!, '/ketthucbieuquyet', h.dm(bt!));
      const late = await press;
      const announced = replies.find((t) => t.startsWith('KẾT QUẢ BIỂU QUYẾT số 1'))!;
      const notice = late.flatMap((r) => (r.type === 'ack' ? [r.notice] : []))[0];
      const yesRows = Object.values(await ballots()).filter((c) => c === 'yes').length;
      const stored = (await vote()).result as { counts: { yes: number } };
      expect(stored.counts.yes).toBe(yesRows);
      expect(announced).toContain(`Tán thành: ${yesRows}/4 đồng chí`);
      if (notice?.startsWith('Đã ghi')) expect(stored.counts.yes).toBe(3);
      else expect(yesRows).toBe(2);
    });

    it('refuses closing twice, and refuses a plain member', async () => {
      const [bt, hoa, cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      await castAll(1, [bt!, hoa!, cuong!], 'yes');
      expect(await h.say(cuong!, '/ketthucbieuquyet')).toEqual([SECRETARIAT_ONLY('ketthucbieuquyet')]);
      expect(await vote()).toMatchObject({ status: 'OPEN' });
      expect((await h.say(hoa!, '/ketthucbieuquyet'))[0]).toMatch(/^KẾT QUẢ BIỂU QUYẾT số 1/);
      const closed = await vote();
      const before = mark();
      expect(await h.say(bt!, '/ketthucbieuquyet')).toEqual(['Không có biểu quyết nào đang mở.']);
      expect(await h.say(bt!, '/ketthucbieuquyet số 1')).toEqual(['Không có biểu quyết nào đang mở.']);
      expect(groupMessages(before).filter((t) => t.startsWith('KẾT QUẢ'))).toEqual([]);
      expect(await vote()).toEqual(closed);
    });

    it('asks which vote when two are open, and closes the one named', async () => {
      const [bt, hoa, cuong] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!, '/bieuquyet Thông qua nghị quyết tháng 11');
      await openVote(bt!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      await castAll(2, [bt!, hoa!, cuong!], 'yes');
      expect(await h.say(bt!, '/ketthucbieuquyet')).toEqual(['Đang mở các biểu quyết số 1, 2; ghi rõ số, ví dụ /ketthucbieuquyet số 1.']);
      expect((await votes()).map((v) => v.status)).toEqual(['OPEN', 'OPEN']);
      const [result] = await h.say(bt!, '/ketthucbieuquyet số 2');
      expect(result).toMatch(/^KẾT QUẢ BIỂU QUYẾT số 2 — Kết nạp đảng viên: Quần chúng Nguyễn Văn Nam\nTán thành: 3\/4 đồng chí, đạt 75,00% — THÔNG QUA/);
      expect((await votes()).map((v) => v.status)).toEqual(['OPEN', 'CLOSED']);
      // Vote 1 still takes ballots; now it is the only open one.
      await castAll(1, [cuong!], 'no');
      const [first] = await h.say(bt!, '/ketthucbieuquyet');
      expect(first).toMatch(/^KẾT QUẢ BIỂU QUYẾT số 1 — Nghị quyết, kết luận: Thông qua nghị quyết tháng 11\nTán thành: 0\/4 đồng chí, đạt 0,00% — KHÔNG THÔNG QUA/);
      expect((await votes()).map((v) => v.status)).toEqual(['CLOSED', 'CLOSED']);
    });

    it('refuses /ketthuchop while a vote is open, and closes the meeting once the vote is closed', async () => {
      const [bt, hoa] = await roll(4);
      await startMeeting(bt!);
      await openVote(bt!);
      await openVote(bt!, '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam');
      h.clock.set(vn('2026-11-23T15:30'));
      expect(await h.say(bt!, '/ketthuchop')).toEqual(['Còn biểu quyết số 1, 2 đang mở; kết thúc bằng /ketthucbieuquyet trước khi kết thúc cuộc họp.']);
      await h.say(hoa!, '/ketthucbieuquyet số 1');
      expect(await h.say(bt!, '/ketthuchop')).toEqual(['Còn biểu quyết số 2 đang mở; kết thúc bằng /ketthucbieuquyet trước khi kết thúc cuộc họp.']);
      expect(await heldMeeting()).toMatchObject({ status: 'IN_PROGRESS' });
      await h.say(hoa!, '/ketthucbieuquyet');
      expect((await h.say(bt!, '/ketthuchop'))[0]).toMatch(/^KẾT THÚC cuộc họp số 1/);
      expect(await heldMeeting()).toMatchObject({ status: 'CLOSED' });
    });
  });

  // ---- 6. Deadlines ----

  describe('deadlines', () => {
    it('closes a vote by itself when its deadline passes, once, with the same result message', async () => {
      const [bt, hoa, cuong] = await roll(4);
      await startMeeting(bt!);
      const replies = await openVote(bt!, '/bieuquyet Thông qua nghị quyết tháng 11 | hạn: 10 phút');
      expect(replies).toContain('Số 1 tự kết thúc lúc 15:10.');
      expect((await vote()).subject).toBe('Thông qua nghị quyết tháng 11');
      await castAll(1, [bt!, hoa!, cuong!], 'yes');
      h.clock.set(vn('2026-11-23T15:09'));
      await h.bot.scheduler.runDue();
      expect((await vote()).status).toBe('OPEN');
      h.clock.set(vn('2026-11-23T15:10'));
      const before = mark();
      await h.bot.scheduler.runDue();
      await h.bot.scheduler.runDue();
      const results = groupMessages(before).filter((t) => t.startsWith('KẾT QUẢ BIỂU QUYẾT số 1'));
      expect(results).toHaveLength(1);
      expect(results[0]).toContain('Tán thành: 3/4 đồng chí, đạt 75,00% — THÔNG QUA, quá 1/2');
      expect(await vote()).toMatchObject({ status: 'CLOSED' });
    });

    it('refuses a deadline outside 1–240 minutes and opens nothing', async () => {
      const [bt] = await roll(4);
      await startMeeting(bt!);
      expect(await h.say(bt!, '/bieuquyet Thông qua nghị quyết | hạn: 500 phút')).toEqual(['Thời hạn ghi bằng phút, từ 1 đến 240, ví dụ "| hạn: 15 phút".']);
      expect(await votes()).toEqual([]);
    });
  });
});
