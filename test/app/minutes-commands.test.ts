// The minutes feature as the chi bộ sees it, through the real bot on a real database: #tags captured
// during a meeting, /bienban (pasted or uploaded), the draft reviewed privately (/tomtat, /suamuc,
// /xoamuc, /themmuc, the approve/discard buttons), the biên bản and nghị quyết files (/xuatbienban),
// and the tasks (/viec, reminders, /xong, overdue notices, the kiểm điểm at the next meeting).
// The clock moves only when a test says so; jobs run with `scheduler.runDue()`.
import { Document, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingRecord, TaskRecord } from '../../src/app/ports.ts';
import type { UserRef } from '../../src/channels/channel.ts';
import type { SentRecord } from '../../src/channels/memory/memory-channel.ts';
import { minutesText as t } from '../../src/text/minutes.ts';
import { errorText } from '../../src/text/vi.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';

/** A Vietnam wall-clock time ("2026-11-23T14:00") as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);

const STRANGER = errorText('access.stranger');
const CLASSIFIED_LAW = 'Luật Bảo vệ bí mật nhà nước 2018';
const PROMPT_CLOSED = errorText('prompt.closed');
const NO_DRAFT = errorText('minutes.noDraft');
const KEEPER_ONLY = (name: string) => errorText('access.secretariatOrMinuteTaker', { name });

const CONCLUSION = 'Chi bộ thống nhất rà soát danh sách hộ nghèo trong tháng 12';
const RESOLUTION = 'Phấn đấu 100% đảng viên nộp đảng phí đúng hạn';

type Cell = { bt: UserRef; hoa: UserRef; cuong: UserRef; tuan: UserRef; dung: UserRef; em: UserRef };

describe('minutes commands', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  // ---- reading what the bot stored and sent ----

  const cellId = async () => (await h.db.store.cells.findByChat('memory', h.group.chatId))!.id;
  const meeting = async (seq = 1): Promise<MeetingRecord> => (await h.db.store.meetings.bySeq(await cellId(), seq))!;
  const captures = async (seq = 1) => h.db.store.minutes.captures((await meeting(seq)).id);
  const minutesTextOf = async (seq = 1) => h.db.store.minutes.text((await meeting(seq)).id);
  const pendingDraft = async (seq = 1) => h.db.store.minutes.pendingDraft((await meeting(seq)).id);
  const tasksOf = async (seq = 1): Promise<TaskRecord[]> => h.db.store.tasks.ofMeeting((await meeting(seq)).id);
  const mark = () => h.channel.records.length;
  const since = (index: number): SentRecord[] => h.channel.records.slice(index);
  const messagesIn = (chatId: string, index = 0) =>
    since(index).flatMap((r) => (r.type === 'message' && r.chat.chatId === chatId ? [r.text] : []));
  const groupMessages = (index = 0) => messagesIn(h.group.chatId, index);
  const dmTexts = (user: UserRef, index = 0) => messagesIn(h.dm(user).chatId, index);
  const acks = (index: number) => since(index).flatMap((r) => (r.type === 'ack' ? [r.notice] : []));
  /** Moves the clock to an instant and runs the jobs that fell due, like the minute tick does. */
  async function runAt(instant: string) {
    h.clock.set(new Date(instant));
    await h.bot.scheduler.runDue();
  }
  /** Sends a /bienban with an attached file, as a chat platform delivers an upload with a caption. */
  async function upload(user: UserRef, name: string, bytes: Uint8Array) {
    const before = mark();
    await h.channel.command({ chat: h.group, from: user, name: 'bienban', args: '', file: { name, bytes } });
    return messagesIn(h.group.chatId, before);
  }

  // ---- building a cell and a meeting ----

  /**
   * The bí thư and five linked members, in roll order: 1 Nguyễn Văn Bình (bí thư), 2 Trần Thị Hoa
   * (chi ủy), 3 Lê Văn Cường (the thư ký of the meeting), 4 Lê Minh Tuấn, 5 Phạm Thị Dung (dự bị), 6 Đỗ Văn Em.
   */
  async function cell(): Promise<Cell> {
    const bt = await h.createCell();
    const hoa = await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
    const cuong = await h.addLinkedMember('Lê Văn Cường');
    const tuan = await h.addLinkedMember('Lê Minh Tuấn');
    const dung = await h.addLinkedMember('Phạm Thị Dung', 'dự bị');
    const em = await h.addLinkedMember('Đỗ Văn Em');
    return { bt, hoa, cuong, tuan, dung, em };
  }

  /** Schedules a thường kỳ meeting, opens it at its time with Lê Văn Cường as thư ký, takes the roll (Em excused). */
  async function startMeeting(bt: UserRef, local = '2026-11-23T14:00', sheet = 'vắng có lý do: 6 (đi công tác) | có mặt: còn lại') {
    const [date, time] = local.split('T') as [string, string];
    const [y, m, d] = date.split('-');
    expect((await h.say(bt, `/lichhop thường kỳ | ${d}/${m}/${y} ${time} | Hội trường khu phố 3`)).at(-1)).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
    h.clock.set(vn(local));
    const opened = await h.say(bt, '/batdauhop thư ký: Lê Văn Cường');
    expect(opened).toContainEqual(expect.stringMatching(/^BẮT ĐẦU cuộc họp số \d+/));
    expect(await h.say(bt, `/diemdanh ${sheet}`)).toContainEqual(expect.stringMatching(/^Đã ghi điểm danh\./));
    return opened;
  }

  /** Closes the meeting 90 minutes after it started. */
  async function closeMeeting(bt: UserRef, local = '2026-11-23T15:30') {
    h.clock.set(vn(local));
    expect(await h.say(bt, '/ketthuchop')).toContainEqual(expect.stringMatching(/^KẾT THÚC cuộc họp số/));
  }

  /** A vote on "Thông qua nghị quyết tháng 11" where the four present official members approve: 4/5. */
  async function adoptResolution(c: Cell) {
    expect((await h.say(c.bt, '/bieuquyet Thông qua nghị quyết tháng 11'))[0]).toMatch(/^BIỂU QUYẾT số 1 —/);
    for (const u of [c.bt, c.hoa, c.cuong, c.tuan]) await h.press(u, 'yes');
    expect((await h.say(c.bt, '/ketthucbieuquyet'))[0]).toContain('Tán thành: 4/5 đồng chí, đạt 80,00%');
  }

  /** The usual notes of a meeting: a topic, an opinion, a conclusion, two tasks and a resolution. */
  async function takeNotes(c: Cell) {
    await h.say(c.cuong, '#chude Công tác an sinh xã hội');
    await h.say(c.tuan, '#ykien Đề nghị rà soát lại danh sách hộ nghèo');
    await h.say(c.cuong, `#ketluan ${CONCLUSION}`);
    await h.say(c.cuong, '#giao Lê Minh Tuấn: rà soát danh sách hộ nghèo, hạn 20/12');
    await h.say(c.cuong, '#giao Chi ủy: tổng hợp ý kiến, hạn 15/12');
    await h.say(c.cuong, `#nghiquyet ${RESOLUTION}`);
    expect(await captures()).toHaveLength(6);
  }

  /** A held and closed meeting with notes (and the vote), its draft made by the thư ký and approved in private. */
  async function approvedMeeting(options: { vote?: boolean } = {}) {
    const c = await cell();
    await startMeeting(c.bt);
    if (options.vote) await adoptResolution(c);
    await takeNotes(c);
    await closeMeeting(c.bt);
    await h.say(c.cuong, '/tomtat');
    const replies = await h.press(c.cuong, 'approve', h.dm(c.cuong));
    expect(replies).toContainEqual(t.approved({ seq: 1, tasks: 2 }));
    return c;
  }

  // ---- 1. Capture ----

  describe('capture with #tags', () => {
    it('stores each tag with its author and number, acknowledges it quietly and posts nothing to the group', async () => {
      const { bt, cuong, tuan } = await cell();
      await startMeeting(bt);
      const before = mark();
      expect(await h.say(cuong, '#chude Công tác an sinh xã hội')).toEqual(['✓ Đã ghi chủ đề (T1).']);
      expect(await h.say(tuan, '#ykien Đề nghị rà soát lại danh sách hộ nghèo')).toEqual(['✓ Đã ghi ý kiến (T2).']);
      // Typed with diacritics, as a phone keyboard does.
      expect(await h.say(cuong, `#kếtluận ${CONCLUSION}`)).toEqual(['✓ Đã ghi kết luận (T3).']);
      expect(await h.say(cuong, '#giao Lê Minh Tuấn: rà soát danh sách hộ nghèo, hạn 20/12')).toEqual([
        '✓ Đã ghi việc (T4): thực hiện: Lê Minh Tuấn; hạn 20/12/2026.',
      ]);
      expect(await h.say(bt, `#nghịquyết ${RESOLUTION}`)).toEqual(['✓ Đã ghi nghị quyết (T5).']);
      // Only acknowledgements (the platform's quiet confirmation), never a group message.
      expect(since(before).map((r) => r.type)).toEqual(['ack', 'ack', 'ack', 'ack', 'ack']);
      expect(acks(before)).toEqual(expect.arrayContaining([expect.stringMatching(/^✓ Đã ghi /)]));
      expect(groupMessages(before)).toEqual([]);
      expect((await captures()).map((c) => ({ seq: c.seq, tag: c.tag, text: c.text, authorName: c.authorName, ownerName: c.ownerName, dueOn: c.dueOn }))).toEqual([
        { seq: 1, tag: 'TOPIC', text: 'Công tác an sinh xã hội', authorName: 'Lê Văn Cường', ownerName: null, dueOn: null },
        { seq: 2, tag: 'OPINION', text: 'Đề nghị rà soát lại danh sách hộ nghèo', authorName: 'Lê Minh Tuấn', ownerName: null, dueOn: null },
        { seq: 3, tag: 'CONCLUSION', text: CONCLUSION, authorName: 'Lê Văn Cường', ownerName: null, dueOn: null },
        { seq: 4, tag: 'TASK', text: 'Rà soát danh sách hộ nghèo', authorName: 'Lê Văn Cường', ownerName: 'Lê Minh Tuấn', dueOn: '2026-12-20' },
        { seq: 5, tag: 'RESOLUTION', text: RESOLUTION, authorName: 'Nguyễn Văn Bình', ownerName: null, dueOn: null },
      ]);
    });

    it('reads a tagged member (a Zalo @mention of a linked account) as their roster name', async () => {
      const { bt, cuong, tuan } = await cell();
      await startMeeting(bt);
      // "@Tuấn LM" is how Zalo shows the member; the mention carries the account, linked to Lê Minh Tuấn.
      const text = '#giao @Tuấn LM: rà soát danh sách hộ nghèo, hạn 20/12';
      const mention = { user: tuan, offset: text.indexOf('@'), length: '@Tuấn LM'.length };
      await h.channel.text({ chat: h.group, from: cuong, text, mentions: [mention] });
      // A mention of an account nobody linked stays as it was typed.
      const stranger = { channel: tuan.channel, userId: 'nobody', displayName: 'Người lạ' };
      await h.channel.text({ chat: h.group, from: cuong, text: '#ykien @Người lạ nói đúng', mentions: [{ user: stranger, offset: 7, length: 9 }] });
      expect((await captures()).map((c) => ({ text: c.text, ownerName: c.ownerName }))).toEqual([
        { text: 'Rà soát danh sách hộ nghèo', ownerName: 'Lê Minh Tuấn' },
        { text: '@Người lạ nói đúng', ownerName: null },
      ]);
    });

    it('reads the owner of a #giao by a unique given name, and keeps a body that is not on the roster with a notice', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, '#giao đ/c Tuấn - báo cáo kết quả rà soát, hạn 10/12')).toEqual([
        '✓ Đã ghi việc (T1): thực hiện: Lê Minh Tuấn; hạn 10/12/2026.',
      ]);
      expect(await h.say(cuong, '#giao Chi ủy: tổng hợp ý kiến, hạn 15/12')).toEqual([
        '✓ Đã ghi việc (T2): thực hiện: Chi ủy (không có trong danh sách đảng viên, sẽ không được nhắc riêng); hạn 15/12/2026.',
      ]);
      expect(await h.say(cuong, '#giao chuẩn bị hội trường')).toEqual([
        '✓ Đã ghi việc (T3): chưa rõ người thực hiện — ghi như: #giao Họ Tên: việc, hạn dd/mm; chưa có hạn.',
      ]);
      expect((await captures()).map((c) => [c.text, c.ownerName, c.dueOn])).toEqual([
        ['Báo cáo kết quả rà soát', 'Lê Minh Tuấn', '2026-12-10'],
        ['Tổng hợp ý kiến', 'Chi ủy', '2026-12-15'],
        ['Chuẩn bị hội trường', null, null],
      ]);
    });

    it('refuses a #giao whose deadline is not a real date, and stores nothing', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      const replies = await h.say(cuong, '#giao Đỗ Văn Em: dọn hội trường, hạn 31/02');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain('hạn 31/02" không phải là ngày hợp lệ. Viết dạng 20/12 hoặc 20/12/2026.');
      expect(await captures()).toEqual([]);
    });

    it('quotes the wrong deadline without the comma before it', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, '#giao Đỗ Văn Em: dọn hội trường, hạn 31/02')).toEqual([errorText('minutes.dateInvalid', { text: 'hạn 31/02' })]);
    });

    it('#xoa removes only the author\'s own last line; the other members\' lines stay', async () => {
      const { bt, cuong, tuan } = await cell();
      await startMeeting(bt);
      await h.say(tuan, '#ykien Ý kiến thứ nhất của đồng chí Tuấn');
      await h.say(cuong, '#ketluan Kết luận ghi nhầm');
      await h.say(tuan, '#ykien Ý kiến thứ hai của đồng chí Tuấn');
      const before = mark();
      expect(await h.say(cuong, '#xoa')).toEqual(['Đã xoá dòng kết luận T2 của đồng chí.']);
      expect(groupMessages(before)).toEqual([]);
      expect((await captures()).map((c) => [c.seq, c.authorName, c.text])).toEqual([
        [1, 'Lê Minh Tuấn', 'Ý kiến thứ nhất của đồng chí Tuấn'],
        [3, 'Lê Minh Tuấn', 'Ý kiến thứ hai của đồng chí Tuấn'],
      ]);
      expect(await h.say(cuong, '#xoa')).toEqual([errorText('minutes.nothingToUndo')]);
      expect(await h.say(tuan, '#xóa')).toEqual(['Đã xoá dòng ý kiến T3 của đồng chí.']);
      expect((await captures()).map((c) => c.seq)).toEqual([1]);
    });

    it('asks for the content of an empty tag', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, '#ketluan')).toEqual([
        errorText('minutes.emptyTag', { tag: 'ketluan', example: '#ketluan Chi bộ thống nhất tổ chức trao Huy hiệu Đảng trong tháng 12' }),
      ]);
      expect(await h.say(cuong, '#giao:')).toEqual([expect.stringContaining('Sau thẻ #giao cần ghi nội dung.')]);
      expect(await captures()).toEqual([]);
    });

    it('answers a tag outside a meeting (before it opens and after it closed) and stores nothing', async () => {
      const { bt, cuong } = await cell();
      expect(await h.say(cuong, `#ketluan ${CONCLUSION}`)).toEqual([errorText('minutes.noMeeting')]);
      expect(await h.say(cuong, '#giao Lê Minh Tuấn: rà soát danh sách hộ nghèo, hạn 20/12')).toEqual([errorText('minutes.noMeeting')]);
      await startMeeting(bt);
      await closeMeeting(bt);
      expect(await h.say(cuong, `#ketluan ${CONCLUSION}`)).toEqual([errorText('minutes.noMeeting')]);
      expect(await captures()).toEqual([]);
    });

    it('refuses a stranger and stores nothing', async () => {
      const { bt } = await cell();
      await startMeeting(bt);
      expect(await h.say(h.user('Người Lạ'), '#ykien Tôi muốn góp ý')).toEqual([STRANGER]);
      expect(await h.say(h.user('Người Lạ'), '#xoa')).toEqual([STRANGER]);
      expect(await captures()).toEqual([]);
    });

    it('stores a replayed event once', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, `#ketluan ${CONCLUSION}`, h.group, 'tag-1')).toEqual(['✓ Đã ghi kết luận (T1).']);
      await h.say(cuong, `#ketluan ${CONCLUSION}`, h.group, 'tag-1');
      expect(await captures()).toHaveLength(1);
    });

    it('ignores ordinary chat without a tag, and tags in a private chat', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      const before = mark();
      expect(await h.say(cuong, 'Chi bộ thống nhất rà soát danh sách hộ nghèo')).toEqual([]);
      expect(await h.say(cuong, 'Số nhà #12 đường Lê Lợi')).toEqual([]);
      expect(await h.say(cuong, `#ketluan ${CONCLUSION}`, h.dm(cuong))).toEqual([]);
      expect(since(before)).toEqual([]);
      expect(await captures()).toEqual([]);
    });
  });

  // ---- 2. Secrets ----

  describe('classified texts', () => {
    const classified = (mark: string) => errorText('minutes.classified', { mark });

    it('refuses a tag carrying a classification mark and stores nothing', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      const replies = await h.say(cuong, '#ketluan Tài liệu TỐI MẬT về phương án bảo vệ được phổ biến');
      expect(replies).toEqual([classified('TỐI MẬT')]);
      expect(replies[0]).toContain(CLASSIFIED_LAW);
      expect(await h.say(cuong, '#giao Lê Minh Tuấn: nộp lại tài liệu (Mật), hạn 20/12')).toEqual([classified('MẬT')]);
      expect(await captures()).toEqual([]);
    });

    it('refuses a #giao whose mark sits in the owner part', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, '#giao TỐI MẬT - Lê Minh Tuấn: chuyển hồ sơ, hạn 20/12')).toEqual([classified('TỐI MẬT')]);
      expect(await captures()).toEqual([]);
    });

    it('refuses /bienban text with a line that is only the stamp and keeps the stored text unchanged', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, '/bienban Chi bộ họp bàn công tác an sinh.')).toEqual([t.textReceived({ seq: 1, lines: 1 })]);
      const replies = await h.say(cuong, '/bienban MẬT\nBIÊN BẢN HỌP CHI BỘ\nNội dung cuộc họp.');
      expect(replies).toEqual([classified('MẬT')]);
      expect(replies[0]).toContain(CLASSIFIED_LAW);
      expect(await minutesTextOf()).toBe('Chi bộ họp bàn công tác an sinh.');
    });

    it('accepts a capitalised heading about "BẢO MẬT THÔNG TIN"', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      const text = 'III. CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC, BẢO MẬT THÔNG TIN\nChi bộ quán triệt các quy định.';
      expect(await h.say(cuong, `/bienban ${text}`)).toEqual([t.textReceived({ seq: 1, lines: 2 })]);
      expect(await minutesTextOf()).toBe(text);
    });

    it('refuses an uploaded .txt whose header says (Mật)', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      const bytes = new TextEncoder().encode('ĐẢNG BỘ PHƯỜNG BẾN THÀNH\nBIÊN BẢN SINH HOẠT CHI BỘ (Mật)\nNội dung cuộc họp.\n');
      expect(await upload(cuong, 'bien-ban.txt', bytes)).toEqual([classified('MẬT')]);
      expect(await minutesTextOf()).toBeNull();
    });

    it('accepts text that only mentions state secrets or passwords', async () => {
      const { bt, cuong, tuan } = await cell();
      await startMeeting(bt);
      expect(await h.say(tuan, '#ykien Nhắc đảng viên không đưa tài liệu bí mật nhà nước lên mạng xã hội')).toEqual(['✓ Đã ghi ý kiến (T1).']);
      expect(await h.say(cuong, '#ketluan Các đồng chí đổi mật khẩu thư điện tử công vụ')).toEqual(['✓ Đã ghi kết luận (T2).']);
      const text = 'Chi bộ quán triệt Luật Bảo vệ bí mật nhà nước.\nĐề nghị đặt mật khẩu mạnh cho máy tính khu phố.';
      expect(await h.say(cuong, `/bienban ${text}`)).toEqual([t.textReceived({ seq: 1, lines: 2 })]);
      expect(await minutesTextOf()).toBe(text);
      expect(await captures()).toHaveLength(2);
    });
  });

  // ---- 3. /bienban ----

  describe('/bienban', () => {
    it('stores pasted multi-line text and counts its lines', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      await closeMeeting(bt);
      const text = ['BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 11', '', 'Kết luận: chi bộ thống nhất rà soát danh sách hộ nghèo.', 'Giao đồng chí Lê Minh Tuấn rà soát danh sách hộ nghèo, hạn 20/12.'].join('\n');
      const replies = await h.say(cuong, `/bienban\n${text}`);
      expect(replies).toEqual([t.textReceived({ seq: 1, lines: 3 })]);
      expect(replies[0]).toMatch(/^Đã nhận biên bản của cuộc họp số 1 \(3 dòng\)/);
      expect(await minutesTextOf()).toBe(text);
    });

    it('asks for the text when none is given', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      expect(await h.say(cuong, '/bienban')).toEqual([errorText('minutes.textMissing')]);
      expect(await minutesTextOf()).toBeNull();
    });

    it('reads an uploaded .txt and .docx, and refuses a .pdf', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      await closeMeeting(bt);
      const txt = new TextEncoder().encode('\uFEFFBiên bản họp chi bộ\r\nKết luận: tổ chức trao Huy hiệu Đảng.\r\n');
      expect(await upload(cuong, 'bien-ban.txt', txt)).toEqual([t.textReceived({ seq: 1, lines: 2 })]);
      expect(await minutesTextOf()).toBe('Biên bản họp chi bộ\nKết luận: tổ chức trao Huy hiệu Đảng.\n');

      const doc = new Document({
        sections: [{ children: [new Paragraph('Biên bản họp chi bộ tháng 11'), new Paragraph('Kết luận: chi bộ thống nhất rà soát danh sách hộ nghèo.'), new Paragraph('Giao đồng chí Lê Minh Tuấn thực hiện, hạn 20/12.')] }],
      });
      const docx = new Uint8Array(await Packer.toBuffer(doc));
      expect(await upload(cuong, 'bien-ban.docx', docx)).toEqual([t.textReceived({ seq: 1, lines: 3 })]);
      const stored = (await minutesTextOf())!;
      expect(stored).toContain('Biên bản họp chi bộ tháng 11');
      expect(stored).toContain('Giao đồng chí Lê Minh Tuấn thực hiện, hạn 20/12.');

      expect(await upload(cuong, 'bien-ban.pdf', new TextEncoder().encode('%PDF-1.4 ...'))).toEqual([
        errorText('minutes.upload', { name: 'bien-ban.pdf', reason: 'chỉ nhận tệp .txt hoặc .docx' }),
      ]);
      expect(await minutesTextOf()).toBe(stored);
    });

    it('takes the text only from the chi ủy or the meeting\'s thư ký', async () => {
      const { bt, hoa, tuan } = await cell();
      await startMeeting(bt);
      expect(await h.say(tuan, '/bienban Chi bộ họp bàn công tác an sinh.')).toEqual([KEEPER_ONLY('bienban')]);
      expect(await h.say(h.user('Người Lạ'), '/bienban Chi bộ họp bàn công tác an sinh.')).toEqual([STRANGER]);
      expect(await minutesTextOf()).toBeNull();
      expect(await h.say(hoa, '/bienban Chi bộ họp bàn công tác an sinh.')).toEqual([t.textReceived({ seq: 1, lines: 1 })]);
    });
  });

  // ---- 4. Draft and review ----

  describe('draft and review', () => {
    it('sends the draft privately to the thư ký, with sources and two buttons; the group only hears where it went', async () => {
      const c = await cell();
      await startMeeting(c.bt);
      await takeNotes(c);
      await closeMeeting(c.bt);
      const before = mark();
      await h.say(c.cuong, '/tomtat');
      expect(groupMessages(before)).toEqual([t.draftSentPrivately({ seq: 1, name: 'Lê Văn Cường' })]);
      expect(groupMessages(before)[0]).toContain('qua tin nhắn riêng');
      const prompts = h.channel.prompts(h.dm(c.cuong).chatId);
      expect(prompts).toHaveLength(1);
      const { question, options } = prompts[0]!.prompt;
      expect(options.map((o) => o.label)).toEqual(['Duyệt và đăng lên nhóm', 'Huỷ dự thảo']);
      expect(options.map((o) => o.id)).toEqual(['approve', 'discard']);
      expect(question).toMatch(/^DỰ THẢO KẾT LUẬN — cuộc họp số 1 \(sinh hoạt chi bộ thường kỳ ngày 23\/11\/2026\)/);
      expect(question).toContain(`K1. ${CONCLUSION} [T3]`);
      expect(question).toContain(`N1. ${RESOLUTION} [T6]`);
      expect(question).toContain('V1. Rà soát danh sách hộ nghèo — thực hiện: Lê Minh Tuấn, hạn 20/12/2026 [T4]');
      expect(question).toContain('V2. Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026 [T5]');
      expect(question).toContain('không gửi nội dung ra ngoài máy chủ của chi bộ');
      // Nothing of the content reaches the group before approval.
      expect(groupMessages().filter((m) => m.includes(CONCLUSION) || m.includes('Rà soát danh sách hộ nghèo'))).toEqual([]);
      expect(h.channel.prompts(h.group.chatId).filter((p) => p.prompt.question.includes('DỰ THẢO'))).toEqual([]);
      expect(await pendingDraft()).toMatchObject({ status: 'PENDING', source: 'offline' });
    });

    it('drafts from a pasted biên bản, citing its lines', async () => {
      const { bt, cuong } = await cell();
      await startMeeting(bt);
      await closeMeeting(bt);
      await h.say(cuong, '/bienban\nBiên bản họp chi bộ tháng 11\nKết luận: chi bộ thống nhất tổ chức trao Huy hiệu Đảng trong tháng 12.');
      await h.say(cuong, '/tomtat');
      const question = h.channel.prompts(h.dm(cuong).chatId).at(-1)!.prompt.question;
      expect(question).toContain('K1. Chi bộ thống nhất tổ chức trao Huy hiệu Đảng trong tháng 12 [L2]');
    });

    it('answers /tomtat with nothing captured, and refuses a plain member', async () => {
      const { bt, cuong, tuan } = await cell();
      await startMeeting(bt);
      await closeMeeting(bt);
      expect(await h.say(cuong, '/tomtat')).toEqual([errorText('minutes.nothingCaptured', { seq: 1 })]);
      expect(await h.say(tuan, '/tomtat')).toEqual([KEEPER_ONLY('tomtat')]);
      expect(await pendingDraft()).toBeNull();
    });

    it('edits the draft by item code: owner and deadline, unknown items and owners, removal and addition', async () => {
      const c = await cell();
      await startMeeting(c.bt);
      await takeNotes(c);
      await closeMeeting(c.bt);
      await h.say(c.cuong, '/tomtat');
      const dm = h.dm(c.cuong);

      const edited = await h.say(c.cuong, '/suamuc V1 | người: Trần Thị Hoa | hạn: 25/12', dm);
      expect(edited).toEqual([expect.stringContaining('V1. Rà soát danh sách hộ nghèo — thực hiện: Trần Thị Hoa, hạn 25/12/2026 [T4, review]')]);
      expect((await pendingDraft())!.content.tasks[0]).toMatchObject({ what: 'Rà soát danh sách hộ nghèo', ownerName: 'Trần Thị Hoa', dueOn: '2026-12-25' });
      // Only the newest version has live buttons.
      expect(h.channel.prompts(dm.chatId)).toHaveLength(2);

      expect(await h.say(c.cuong, '/suamuc K9 Nội dung khác', dm)).toEqual([errorText('minutes.itemNotFound', { code: 'K9' })]);
      expect(await h.say(c.cuong, '/suamuc V1 | người: Không Có Ai', dm)).toEqual([errorText('minutes.ownerUnknown', { name: 'Không Có Ai' })]);
      expect((await pendingDraft())!.content.tasks[0]).toMatchObject({ ownerName: 'Trần Thị Hoa' });
      expect(await h.say(c.tuan, '/suamuc V1 | người: Lê Minh Tuấn')).toEqual([KEEPER_ONLY('suamuc')]);

      await h.say(c.cuong, '/xoamuc K1', dm);
      expect((await pendingDraft())!.content.conclusions).toEqual([]);
      const added = await h.say(c.cuong, '/themmuc K Nội dung mới', dm);
      expect(added).toEqual([expect.stringContaining('K1. Nội dung mới [review]')]);
      expect((await pendingDraft())!.content.conclusions).toEqual([{ text: 'Nội dung mới', sources: ['review'] }]);

      // From the group, the reviewer is told the draft went to the private chat.
      const before = mark();
      await h.say(c.cuong, '/themmuc V Chuẩn bị hội trường, hạn 30/11 | người: Đỗ Văn Em');
      expect(groupMessages(before)).toEqual([t.draftSentPrivately({ seq: 1, name: 'Lê Văn Cường' })]);
      expect((await pendingDraft())!.content.tasks.at(-1)).toEqual({ what: 'Chuẩn bị hội trường', ownerName: 'Đỗ Văn Em', dueOn: '2026-11-30', sources: ['review'] });
    });

    it('publishes on approval: conclusions and numbered tasks in the group, outcomes and tasks stored once', async () => {
      const c = await cell();
      await startMeeting(c.bt);
      await takeNotes(c);
      await closeMeeting(c.bt);
      await h.say(c.cuong, '/tomtat');
      await h.say(c.cuong, '/suamuc V1 | người: Trần Thị Hoa | hạn: 25/12', h.dm(c.cuong));
      const before = mark();
      const replies = await h.press(c.cuong, 'approve', h.dm(c.cuong));
      expect(acks(before)).toEqual([t.approved({ seq: 1, tasks: 2 })]);
      const published = groupMessages(before);
      expect(published).toHaveLength(1);
      expect(replies).toContain(published[0]);
      expect(published[0]).toMatch(/^KẾT LUẬN CUỘC HỌP SỐ 1 \(SINH HOẠT CHI BỘ THƯỜNG KỲ NGÀY 23\/11\/2026\)\n1\. Chi bộ thống nhất/);
      expect(published[0]).toContain(`1. ${CONCLUSION}`);
      expect(published[0]).toContain(`Nghị quyết:\n1. ${RESOLUTION}`);
      expect(published[0]).toContain('• Việc số 1: Rà soát danh sách hộ nghèo — thực hiện: Trần Thị Hoa, hạn 25/12/2026');
      expect(published[0]).toContain('• Việc số 2: Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026');

      const id = (await meeting()).id;
      expect(await h.db.store.minutes.outcomes(id)).toEqual([
        { kind: 'CONCLUSION', text: CONCLUSION, sources: ['T3'] },
        { kind: 'RESOLUTION', text: RESOLUTION, sources: ['T6'] },
      ]);
      const hoaId = (await h.db.store.members.listCurrent(await cellId())).find((m) => m.fullName === 'Trần Thị Hoa')!.id;
      expect((await tasksOf()).map((x) => [x.seq, x.what, x.ownerId, x.ownerName, x.dueOn, x.status])).toEqual([
        [1, 'Rà soát danh sách hộ nghèo', hoaId, 'Trần Thị Hoa', '2026-12-25', 'OPEN'],
        [2, 'Tổng hợp ý kiến', null, 'Chi ủy', '2026-12-15', 'OPEN'],
      ]);
      expect(await h.db.store.minutes.approvedDraft(id)).toMatchObject({ status: 'APPROVED' });

      // A double click, then the command: nothing is created twice.
      const again = mark();
      expect(await h.press(c.cuong, 'approve', h.dm(c.cuong))).toEqual([PROMPT_CLOSED]);
      expect(await h.say(c.cuong, '/duyet', h.dm(c.cuong))).toEqual([NO_DRAFT]);
      expect(groupMessages(again)).toEqual([]);
      expect(await tasksOf()).toHaveLength(2);
      expect(await h.db.store.minutes.outcomes(id)).toHaveLength(2);

      expect(await h.say(c.cuong, '/tomtat')).toEqual([errorText('minutes.alreadyApproved', { seq: 1 })]);
      expect(await pendingDraft()).toBeNull();
    });

    it('approves with /duyet in the private chat too', async () => {
      const c = await cell();
      await startMeeting(c.bt);
      await takeNotes(c);
      await closeMeeting(c.bt);
      await h.say(c.cuong, '/tomtat');
      const before = mark();
      const replies = await h.say(c.cuong, '/duyet', h.dm(c.cuong));
      expect(replies).toContain(t.approved({ seq: 1, tasks: 2 }));
      expect(groupMessages(before)).toEqual([expect.stringMatching(/^KẾT LUẬN CUỘC HỌP SỐ 1/)]);
      // The buttons of the approved draft are closed.
      expect(await h.press(c.cuong, 'approve', h.dm(c.cuong))).toEqual([PROMPT_CLOSED]);
      expect(await tasksOf()).toHaveLength(2);
    });

    it('discards without posting anything, and a new draft can be made afterwards', async () => {
      const c = await cell();
      await startMeeting(c.bt);
      await takeNotes(c);
      await closeMeeting(c.bt);
      await h.say(c.cuong, '/tomtat');
      const before = mark();
      expect(await h.press(c.cuong, 'discard', h.dm(c.cuong))).toEqual([t.discarded({ seq: 1 })]);
      expect(groupMessages(before)).toEqual([]);
      expect(await pendingDraft()).toBeNull();
      expect(await tasksOf()).toEqual([]);
      expect(await h.db.store.minutes.outcomes((await meeting()).id)).toEqual([]);
      expect(await h.press(c.cuong, 'approve', h.dm(c.cuong))).toEqual([PROMPT_CLOSED]);
      expect(await tasksOf()).toEqual([]);
      await h.say(c.cuong, '/tomtat');
      expect(await pendingDraft()).toMatchObject({ status: 'PENDING' });
      expect(await h.say(c.cuong, '/huyduthao', h.dm(c.cuong))).toEqual([t.discarded({ seq: 1 })]);
      expect(groupMessages(before)).toEqual([t.draftSentPrivately({ seq: 1, name: 'Lê Văn Cường' })]);
    });
  });

  // ---- 5. /xuatbienban ----

  describe('/xuatbienban', () => {
    const docxText = async (bytes: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

    it('sends the biên bản and the nghị quyết as .md and .docx to the requester privately', async () => {
      const c = await approvedMeeting({ vote: true });
      const before = mark();
      expect(await h.say(c.cuong, '/xuatbienban')).toContain(t.filesSentPrivately({ seq: 1, name: 'Lê Văn Cường' }));
      expect(groupMessages(before)).toEqual([t.filesSentPrivately({ seq: 1, name: 'Lê Văn Cường' })]);
      expect(h.channel.files(h.group.chatId)).toEqual([]);
      const files = h.channel.files(h.dm(c.cuong).chatId);
      expect(files.map((f) => [f.file.name, f.caption])).toEqual([
        ['bien-ban-cuoc-hop-so-1.md', 'Biên bản cuộc họp số 1'],
        ['bien-ban-cuoc-hop-so-1.docx', 'Biên bản cuộc họp số 1'],
        ['nghi-quyet-cuoc-hop-so-1.md', 'Dự thảo nghị quyết cuộc họp số 1'],
        ['nghi-quyet-cuoc-hop-so-1.docx', 'Dự thảo nghị quyết cuộc họp số 1'],
      ]);
      const byName = Object.fromEntries(files.map((f) => [f.file.name, f.file.bytes]));

      const minutesMd = utf8(byName['bien-ban-cuoc-hop-so-1.md']!);
      expect(minutesMd).toContain('| Tổng số đảng viên của chi bộ | 6 |');
      expect(minutesMd).toContain('| Có mặt | 5 |');
      expect(minutesMd).toContain('| Vắng có lý do | 1 |');
      expect(minutesMd).toContain('- Đỗ Văn Em — vắng có lý do: đi công tác');

      const minutes = await docxText(byName['bien-ban-cuoc-hop-so-1.docx']!);
      for (const part of [
        'ĐẢNG CỘNG SẢN VIỆT NAM', 'BIÊN BẢN', 'CHI BỘ KHU PHỐ 3', 'ĐẢNG BỘ PHƯỜNG BẾN THÀNH', 'SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 11 NĂM 2026',
        'Chủ trì: đồng chí Nguyễn Văn Bình. Thư ký: đồng chí Lê Văn Cường.',
        'Đỗ Văn Em — vắng có lý do: đi công tác',
        'Tán thành: 4/5 đồng chí, đạt 80,00%',
        CONCLUSION,
        `Nghị quyết: ${RESOLUTION}`,
        'Việc số 1: Rà soát danh sách hộ nghèo — thực hiện: Lê Minh Tuấn, hạn 20/12/2026',
        'Việc số 2: Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026',
        'Đồng chí Lê Minh Tuấn: Đề nghị rà soát lại danh sách hộ nghèo',
      ]) expect(minutes).toContain(part);
      expect(minutes).toMatch(/Tổng số đảng viên của chi bộ\s+6\s/);
      expect(minutes).toMatch(/Có mặt\s+5\s/);
      expect(minutes).toMatch(/Vắng có lý do\s+1\s/);
      expect(minutes).toMatch(/Vắng không có lý do\s+0\s/);

      const resolutionMd = utf8(byName['nghi-quyet-cuoc-hop-so-1.md']!);
      expect(resolutionMd).toContain('Nghị quyết được 4/5 đồng chí tán thành, đạt 80,00%.');
      expect(resolutionMd).toContain('Có mặt 5/6 đảng viên (vắng có lý do 1, vắng không lý do 0, miễn sinh hoạt 0)');
      expect(resolutionMd).toContain('| 1 | Rà soát danh sách hộ nghèo | Lê Minh Tuấn | 20/12/2026 |');
      const resolution = await docxText(byName['nghi-quyet-cuoc-hop-so-1.docx']!);
      for (const part of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'NGHỊ QUYẾT', 'CHI BỘ KHU PHỐ 3', RESOLUTION, CONCLUSION, 'Nghị quyết được 4/5 đồng chí tán thành, đạt 80,00%.']) {
        expect(resolution).toContain(part);
      }
    });

    it('leaves the vote line of the nghị quyết blank when no resolution vote was held', async () => {
      const c = await approvedMeeting();
      await h.say(c.cuong, '/xuatbienban', h.dm(c.cuong));
      const md = h.channel.files(h.dm(c.cuong).chatId).find((f) => f.file.name === 'nghi-quyet-cuoc-hop-so-1.md')!;
      expect(utf8(md.file.bytes)).toContain('Nghị quyết được …/… đồng chí tán thành, đạt …%.');
    });

    it('refuses before the meeting is closed, and refuses a plain member', async () => {
      const c = await cell();
      await startMeeting(c.bt);
      await takeNotes(c);
      expect(await h.say(c.cuong, '/xuatbienban')).toEqual([errorText('minutes.notClosed', { seq: 1 })]);
      await closeMeeting(c.bt);
      expect(await h.say(c.tuan, '/xuatbienban')).toEqual([KEEPER_ONLY('xuatbienban')]);
      expect(h.channel.files()).toEqual([]);
    });

    it('refuses when the roll does not add up, naming the member without a roll entry', async () => {
      const c = await approvedMeeting();
      await h.db.store.members.add(
        await cellId(),
        { fullName: 'Vũ Thị Giang', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'DANG_VIEN', phone: null, admittedOn: null },
        0,
        h.clock.now(),
      );
      const replies = await h.say(c.cuong, '/xuatbienban');
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/^Số liệu điểm danh chưa khớp nên chưa lập được biên bản: tổng số 7 đảng viên/);
      expect(replies[0]).toContain('= 6.');
      expect(replies[0]).toContain('Chưa điểm danh: Vũ Thị Giang. Dùng /diemdanh để bổ sung.');
      expect(h.channel.files()).toEqual([]);
    });

    it('sends the Markdown as text in the private chat on a channel without files', async () => {
      await h.close();
      h = await createHarness({ files: false });
      const c = await approvedMeeting();
      const before = mark();
      await h.say(c.cuong, '/xuatbienban');
      expect(h.channel.files()).toEqual([]);
      expect(groupMessages(before)).toEqual([t.filesSentPrivately({ seq: 1, name: 'Lê Văn Cường' })]);
      const texts = dmTexts(c.cuong, before).join('\n');
      expect(texts).toContain('Biên bản cuộc họp số 1\n\n');
      expect(texts).toContain('# BIÊN BẢN');
      expect(texts).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(texts).toContain('Dự thảo nghị quyết cuộc họp số 1\n\n');
      expect(texts).toContain('# NGHỊ QUYẾT');
      expect(texts).toContain('Việc số 1: Rà soát danh sách hộ nghèo');
    });
  });

  // ---- 6. Tasks ----

  describe('tasks', () => {
    // Task 1: Lê Minh Tuấn, due 20/12/2026 → reminders 17/12 and 19/12 at 08:00 (01:00Z), overdue notice 21/12.
    // Task 2: "Chi ủy" (not on the roster), due 15/12/2026.
    const reminder3 = 'Nhắc việc: còn 3 ngày đến hạn (20/12/2026) — Việc số 1: Rà soát danh sách hộ nghèo. Người thực hiện: Lê Minh Tuấn. Khi xong, gõ /xong 1.';
    const reminder1 = 'Nhắc việc: còn 1 ngày đến hạn (20/12/2026) — Việc số 1: Rà soát danh sách hộ nghèo. Người thực hiện: Lê Minh Tuấn. Khi xong, gõ /xong 1.';
    const overdue = 'Việc quá hạn: Việc số 1 — Rà soát danh sách hộ nghèo — thực hiện: Lê Minh Tuấn, hạn 20/12/2026 — chưa được đánh dấu hoàn thành. (Gửi riêng ban chi ủy.)';

    it('/viec lists the open tasks by deadline', async () => {
      const c = await approvedMeeting();
      expect(await h.say(c.em, '/viec')).toEqual([
        [
          'CÁC VIỆC ĐANG THEO DÕI',
          '… Việc số 2: Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026',
          '… Việc số 1: Rà soát danh sách hộ nghèo — thực hiện: Lê Minh Tuấn, hạn 20/12/2026',
          '',
          'Đánh dấu hoàn thành: /xong <số việc>',
        ].join('\n'),
      ]);
      h.clock.set(new Date('2026-12-16T03:00:00Z'));
      expect((await h.say(c.em, '/viec'))[0]).toContain('✗ Việc số 2: Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026 — QUÁ HẠN');
    });

    it('reminds the owner privately 3 days and 1 day before the deadline at 08:00, once each', async () => {
      const c = await approvedMeeting();
      const start = mark();
      await runAt('2026-12-17T00:59:00Z');
      expect(dmTexts(c.tuan, start)).toEqual([]);
      await runAt('2026-12-17T01:00:00Z');
      expect(dmTexts(c.tuan, start)).toEqual([reminder3]);
      await h.bot.scheduler.runDue();
      await runAt('2026-12-17T01:05:00Z');
      expect(dmTexts(c.tuan, start)).toEqual([reminder3]);
      await runAt('2026-12-19T01:00:00Z');
      await h.bot.scheduler.runDue();
      expect(dmTexts(c.tuan, start)).toEqual([reminder3, reminder1]);
      // Nobody else is reminded of Tuấn's task, and the group is not told.
      expect(groupMessages(start).filter((m) => m.includes('Việc số 1'))).toEqual([]);
      expect(dmTexts(c.em, start)).toEqual([]);
    });

    it('lets only the owner (or the chi ủy) mark a task done; no reminder follows', async () => {
      const c = await approvedMeeting();
      h.clock.set(new Date('2026-12-10T03:00:00Z'));
      expect(await h.say(c.em, '/xong 1')).toEqual([errorText('task.notOwner', { seq: 1, owner: 'Lê Minh Tuấn' })]);
      expect((await tasksOf())[0]).toMatchObject({ status: 'OPEN' });
      expect(await h.say(c.tuan, '/xong 7')).toEqual([errorText('task.notFound', { seq: 7 })]);
      const before = mark();
      expect(await h.say(c.tuan, '/xong 1')).toEqual(['✓ Việc số 1 đã hoàn thành: Rà soát danh sách hộ nghèo. Đồng chí Lê Minh Tuấn xác nhận.']);
      expect(groupMessages(before)).toEqual(['✓ Việc số 1 đã hoàn thành: Rà soát danh sách hộ nghèo. Đồng chí Lê Minh Tuấn xác nhận.']);
      const tuanId = (await h.db.store.members.listCurrent(await cellId())).find((m) => m.fullName === 'Lê Minh Tuấn')!.id;
      expect((await tasksOf())[0]).toMatchObject({ status: 'DONE', doneById: tuanId, doneAt: new Date('2026-12-10T03:00:00Z') });
      expect(await h.say(c.tuan, '/xong 1')).toEqual([errorText('task.alreadyDone', { seq: 1 })]);
      expect((await h.say(c.em, '/viec'))[0]).not.toContain('Việc số 1');

      const after = mark();
      for (const at of ['2026-12-17T01:00:00Z', '2026-12-19T01:00:00Z', '2026-12-21T01:00:00Z']) await runAt(at);
      const sent = [...dmTexts(c.tuan, after), ...dmTexts(c.bt, after), ...dmTexts(c.hoa, after), ...groupMessages(after)];
      expect(sent.filter((m) => m.includes('Việc số 1'))).toEqual([]);
    });

    it('reminds in the group a task whose owner is not on the roster', async () => {
      const c = await approvedMeeting();
      const before = mark();
      await runAt('2026-12-12T01:00:00Z');
      await h.bot.scheduler.runDue();
      expect(groupMessages(before)).toEqual([
        'Nhắc việc: còn 3 ngày đến hạn (15/12/2026) — Việc số 2: Tổng hợp ý kiến. Người thực hiện: Chi ủy. Khi xong, gõ /xong 2.',
      ]);
      expect([...dmTexts(c.bt, before), ...dmTexts(c.hoa, before), ...dmTexts(c.tuan, before)]).toEqual([]);
    });

    it('does not let a plain member mark done a task given to the chi ủy', async () => {
      const c = await approvedMeeting();
      const before = mark();
      await h.say(c.em, '/xong 2');
      expect(groupMessages(before).filter((m) => m.startsWith('✓ Việc số 2'))).toEqual([]);
      expect((await tasksOf())[1]).toMatchObject({ status: 'OPEN' });
    });

    it('lets the chi ủy mark someone else\'s task done', async () => {
      const c = await approvedMeeting();
      h.clock.set(new Date('2026-12-21T03:00:00Z'));
      expect(await h.say(c.hoa, '/xong việc 1')).toEqual(['✓ Việc số 1 đã hoàn thành (chậm so với hạn): Rà soát danh sách hộ nghèo. Đồng chí Trần Thị Hoa xác nhận.']);
    });

    it('tells the chi ủy privately, once, the morning after an open task passed its deadline', async () => {
      const c = await approvedMeeting();
      // The reminders before (and the notice of task 2) are not what this test is about.
      await runAt('2026-12-19T01:00:00Z');
      const before = mark();
      await runAt('2026-12-21T00:59:00Z');
      expect(dmTexts(c.bt, before)).toEqual([]);
      await runAt('2026-12-21T01:00:00Z');
      await h.bot.scheduler.runDue();
      await runAt('2026-12-22T01:00:00Z');
      expect(dmTexts(c.bt, before)).toEqual([overdue]);
      expect(dmTexts(c.hoa, before)).toEqual([overdue]);
      expect(dmTexts(c.tuan, before)).toEqual([]);
      expect(dmTexts(c.em, before)).toEqual([]);
      expect(groupMessages(before)).toEqual([]);
    });

    it('reviews last month\'s tasks at the next meeting\'s /batdauhop, and /kiemdiem shows the same', async () => {
      const c = await approvedMeeting();
      // Task 1 done on time, task 2 ("Chi ủy", due 15/12) left open.
      h.clock.set(new Date('2026-12-18T03:00:00Z'));
      await h.say(c.tuan, '/xong 1');
      h.clock.set(new Date('2026-12-20T03:00:00Z'));
      const review = [
        'KIỂM ĐIỂM VIỆC THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC',
        '✓ Việc số 1: Rà soát danh sách hộ nghèo — thực hiện: Lê Minh Tuấn, hạn 20/12/2026 — đã hoàn thành đúng hạn.',
        '✗ Việc số 2: Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026 — QUÁ HẠN, chưa hoàn thành.',
      ].join('\n');
      const before = mark();
      const opened = await startMeeting(c.bt, '2026-12-21T14:00', 'có mặt: còn lại');
      expect(opened).toContain(review);
      expect(groupMessages(before)).toContain(review);
      expect(await h.say(c.em, '/kiemdiem')).toEqual([review]);
    });

    it('/kiemdiem says there is nothing to review in a new cell', async () => {
      const { em } = await cell();
      expect(await h.say(em, '/kiemdiem')).toEqual([t.noPriorTasks()]);
    });

    it('/kiemdiem before the next meeting does not call a task overdue before its deadline', async () => {
      const c = await approvedMeeting();
      h.clock.set(vn('2026-12-01T09:00'));
      expect((await h.say(c.bt, '/lichhop thường kỳ | 21/12/2026 14:00 | Hội trường khu phố 3')).at(-1)).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
      const [review] = await h.say(c.em, '/kiemdiem');
      expect(review).toContain('KIỂM ĐIỂM VIỆC THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC');
      expect(review).not.toContain('QUÁ HẠN');
      expect(review).toContain('… Việc số 2: Tổng hợp ý kiến — thực hiện: Chi ủy, hạn 15/12/2026 — đang thực hiện, chưa đến hạn.');
    });

    it('/kiemdiem between meetings does not claim that no task was given', async () => {
      const c = await approvedMeeting();
      const [answer] = await h.say(c.em, '/kiemdiem');
      expect(answer).not.toBe(t.noPriorTasks());
      expect(answer).toContain('Việc số 1: Rà soát danh sách hộ nghèo');
    });
  });
});
