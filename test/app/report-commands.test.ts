// /chamdiem, /baocao, /xuatbaocao and /dangnhap through the real router, use cases and database: what the
// group sees, what goes privately, what is refused and what is stored.
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserRef } from '../../src/channels/channel.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';

const vn = (local: string) => new Date(`${local}:00+07:00`);
let h: Harness;

afterEach(async () => {
  await h?.close();
});

/** A cell of five (bí thư, a chi ủy member, three members), a meeting held from 14:00 to 15:35 with one excused absence. */
async function heldMeeting(options: { dashboardUrl?: string; files?: boolean } = {}) {
  h = await createHarness(options.files === false ? { files: false } : undefined, options.dashboardUrl ? { dashboardUrl: options.dashboardUrl } : {});
  const bt = await h.createCell();
  const hoa = await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
  const cuong = await h.addLinkedMember('Lê Văn Cường');
  await h.addLinkedMember('Lê Minh Tuấn');
  await h.addLinkedMember('Đỗ Văn Em');
  await h.say(bt, '/lichhop thường kỳ | 23/11/2026 14:00 | Hội trường khu phố 3');
  h.clock.set(vn('2026-11-23T14:00'));
  await h.say(bt, '/batdauhop thư ký: Lê Văn Cường');
  await h.say(bt, '/diemdanh vắng có lý do: 5 (đi công tác) | có mặt: còn lại');
  return { bt, hoa, cuong };
}

async function close(bt: UserRef) {
  h.clock.set(vn('2026-11-23T15:35'));
  await h.say(bt, '/ketthuchop');
}

describe('/chamdiem', () => {
  it('waits for the meeting to end, then pre-fills the facts and leaves the judgement to the chi ủy', async () => {
    const { bt } = await heldMeeting();
    expect(await h.say(bt, '/chamdiem số 1')).toEqual(['Cuộc họp số 1 chưa kết thúc; chấm điểm sau khi kết thúc cuộc họp (/ketthuchop).']);
    await close(bt);
    const [sheet] = await h.say(bt, '/chamdiem');
    // 95 minutes, 4/5 present = 80 % (not above 85 %), no task due, no minutes yet
    expect(sheet).toContain('2. Đúng giờ, đủ thời lượng (ít nhất 90 phút; kết hợp chuyên đề ít nhất 120 phút) — tối đa 10: 10 (bot chấm: đủ thời lượng)');
    expect(sheet).toContain('tối đa 15: 0 (bot chấm: chưa đạt: tỷ lệ chưa trên 85%)');
    expect(sheet).toContain('tối đa 15: 15 (bot chấm: không có việc đến hạn)');
    expect(sheet).toContain('tối đa 10: 0 (bot chấm: chưa có biên bản, kết luận)');
    expect(sheet).toContain('Còn thiếu điểm tiêu chí 1, 4, 5. Chi ủy chấm: /chamdiem số 1 1=<điểm> 4=<điểm> 5=<điểm>');
    expect(await h.db.store.reports.score(1)).toBeNull();
  });

  it('stores the secretary\'s points with the total and band; a wrong number or a plain member is refused, nothing changes', async () => {
    const { bt, cuong } = await heldMeeting();
    await close(bt);
    const meeting = (await h.db.store.meetings.list(1, ['CLOSED']))[0]!;
    expect((await h.say(bt, '/chamdiem 1=9 4=18'))[0]).toContain('Còn thiếu điểm tiêu chí 5.');
    expect(await h.db.store.reports.score(meeting.id)).toMatchObject({ points: { 'chuan-bi': 9, 'noi-dung': 18 }, total: null, band: null });
    const [done] = await h.say(bt, '/chamdiem số 1 5=17');
    // 9 + 10 + 0 + 18 + 17 + 15 + 0 = 69
    expect(done).toContain('TỔNG: 69/100 điểm — xếp loại TRUNG BÌNH.');
    expect(await h.say(bt, '/chamdiem số 1 8=5')).toEqual(['Phiếu chấm chỉ có 7 tiêu chí, không có tiêu chí số 8.']);
    expect(await h.say(bt, '/chamdiem số 1 1=11')).toEqual(['Tiêu chí số 1 chấm từ 0 đến 10 điểm (số nguyên).']);
    expect((await h.say(bt, '/chamdiem số 1 một=9'))[0]).toContain('Lệnh chưa đúng cú pháp');
    expect(await h.say(cuong, '/chamdiem số 1 1=10')).toEqual(['Lệnh /chamdiem chỉ dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên.']);
    expect(await h.db.store.reports.score(meeting.id)).toMatchObject({ total: 69, band: 'TRUNG_BINH', judged: ['chuan-bi', 'noi-dung', 'thao-luan'] });
  });
});

describe('/baocao and /xuatbaocao', () => {
  it('shows the cell\'s figures in the group with two charts any member may read', async () => {
    const { bt, cuong } = await heldMeeting();
    await close(bt);
    const before = h.channel.records.length;
    const [text] = await h.say(cuong, '/baocao tháng 11/2026');
    expect(text).toContain('BÁO CÁO SINH HOẠT CHI BỘ — Chi bộ Khu phố 3, tháng 11/2026');
    expect(text).toContain('Tỷ lệ dự họp: 4/5 = 80,00% (vắng có lý do 1, vắng không lý do 0).');
    expect(text).toContain('Thời lượng bình quân: 95 phút; 0 cuộc dưới mức tối thiểu.');
    const pictures = h.channel.records.slice(before).filter((r) => r.type === 'file');
    expect(pictures.map((p) => p.type === 'file' && [p.chat.chatId, p.file.mimeType])).toEqual([[h.group.chatId, 'image/png'], [h.group.chatId, 'image/png']]);
    for (const p of pictures) if (p.type === 'file') expect(PNG.sync.read(Buffer.from(p.file.bytes)).width).toBe(900);
  });

  it('sends each member\'s year only to the chi ủy, privately; a plain member is refused', async () => {
    const { bt, cuong } = await heldMeeting();
    await close(bt);
    expect(await h.say(cuong, '/baocao đảng viên')).toEqual(['Lệnh /baocao chỉ dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên.']);
    const replies = await h.say(bt, '/baocao đảng viên 2026');
    expect(replies.at(-1)).toBe('Báo cáo từng đảng viên chỉ dành cho chi ủy: đã gửi vào tin nhắn riêng cho đồng chí Nguyễn Văn Bình.');
    const privateText = h.channel.records.find((r) => r.type === 'message' && r.chat.chatId === h.dm(bt).chatId && r.text.startsWith('ĐẢNG VIÊN NĂM 2026'));
    expect(privateText && privateText.type === 'message' && privateText.text).toContain('Đỗ Văn Em: phải dự 1, có mặt 0, vắng có lý do 1');
    expect(h.channel.records.some((r) => r.type === 'message' && r.chat.chatId === h.group.chatId && r.text.startsWith('ĐẢNG VIÊN NĂM'))).toBe(false);
  });

  it('/xuatbaocao puts the .xlsx and .csv in the secretary\'s private chat, never in the group', async () => {
    const { bt } = await heldMeeting();
    await close(bt);
    expect((await h.say(bt, '/xuatbaocao')).at(-1)).toBe('Đã gửi tệp báo cáo vào tin nhắn riêng cho đồng chí Nguyễn Văn Bình.');
    const files = h.channel.files(h.dm(bt).chatId).map((r) => r.file);
    expect(files.map((f) => f.name)).toEqual(['bao-cao-chi-bo-1-2026.xlsx', 'bao-cao-chi-bo-1-2026.csv']);
    expect(h.channel.files(h.group.chatId)).toEqual([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(files[0]!.bytes) as never);
    expect(workbook.getWorksheet('Đảng viên 2026')!.getRow(2).getCell(2).value).toBe('Họ và tên');
  });

  it('a channel that cannot send files (Zalo) gets the figures as text and is pointed to the dashboard for spreadsheets', async () => {
    const { bt } = await heldMeeting({ files: false });
    await close(bt);
    expect((await h.say(bt, '/baocao'))[0]).toContain('BÁO CÁO SINH HOẠT CHI BỘ — Chi bộ Khu phố 3, năm 2026');
    // Spreadsheets cannot come this way: the secretary is sent to the dashboard, not told they were sent
    expect(await h.say(bt, '/xuatbaocao')).toEqual(['Kênh chat này chưa gửi được tệp. Tải bảng tính Excel, CSV trên trang theo dõi: nhắn riêng /dangnhap cho bot.']);
    expect(h.channel.files()).toEqual([]);
  });

  it('refuses strangers, unknown periods, and the đảng ủy report to anyone without the role', async () => {
    const { bt } = await heldMeeting();
    const stranger = h.user('Người Lạ');
    expect((await h.say(stranger, '/baocao'))[0]).toContain('Bạn chưa có trong danh sách chi bộ');
    expect(await h.say(bt, '/baocao quý 5')).toEqual(['Chưa rõ kỳ báo cáo "quý 5". Ví dụ: /baocao tháng 11/2026, /baocao quý 4/2026, /baocao năm 2026.']);
    expect((await h.say(bt, '/baocao đảng ủy', h.dm(bt)))[0]).toContain('Báo cáo toàn đảng bộ chỉ dành cho đồng chí được giao vai trò đảng ủy');
  });

  it('gives a đảng ủy viewer outside any cell the đảng bộ\'s figures in a private chat', async () => {
    const { bt } = await heldMeeting();
    await close(bt);
    const thu = h.user('Lê Thị Thu');
    const [org] = await h.db.store.organisations.all();
    await h.db.store.organisations.grantViewer(org!.id, { channel: 'memory', externalId: thu.userId, displayName: thu.displayName }, h.clock.now());
    const [text] = await h.say(thu, '/baocao đảng ủy tháng 11/2026', h.dm(thu));
    expect(text).toContain('BÁO CÁO TOÀN ĐẢNG BỘ — Đảng bộ phường Bến Thành, tháng 11/2026: 1 chi bộ');
    expect(text).toContain('Tỷ lệ dự họp: 4/5 = 80,00%.');
    expect(h.channel.files(h.dm(thu).chatId)).toHaveLength(2);
  });
});

describe('/dangnhap', () => {
  it('hands a secretary a one-time link in the private chat; it opens one session and only once', async () => {
    const { bt, cuong } = await heldMeeting({ dashboardUrl: 'https://chibo.example.vn/' });
    expect(await h.say(bt, '/dangnhap')).toEqual(['Lệnh /dangnhap chỉ dùng khi nhắn riêng với bot.']);
    const [reply] = await h.say(bt, '/dangnhap', h.dm(bt));
    const secret = /https:\/\/chibo\.example\.vn\/login\/([A-Za-z0-9_-]{43})$/.exec(reply!)?.[1];
    expect(reply).toContain('dùng được 1 lần trong 15 phút');
    expect(secret).toBeDefined();
    const { reports } = h.bot.services;
    const opened = await reports.redeemLink(secret!);
    expect(opened?.account.displayName).toBe('Nguyễn Văn Bình');
    expect(await reports.redeemLink(secret!)).toBeNull();
    expect((await reports.session(opened!.session))?.scopes.cells.map((c) => c.name)).toEqual(['Chi bộ Khu phố 3']);
    // A member outside the chi ủy has nothing to see
    expect(await h.say(cuong, '/dangnhap', h.dm(cuong))).toEqual([`Trang theo dõi dành cho chi ủy và đảng ủy; tài khoản này (memory:${cuong.userId}) chưa có quyền xem chi bộ hay đảng bộ nào.`]);
  });

  it('says so when no dashboard is configured', async () => {
    const { bt } = await heldMeeting();
    expect((await h.say(bt, '/dangnhap', h.dm(bt)))[0]).toContain('Trang theo dõi chưa được bật');
  });
});
