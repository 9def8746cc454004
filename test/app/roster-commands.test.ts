// The roster commands as the group sees them, on a real database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/bot-harness.ts';

const CSV = [
  'Họ và tên,Đảng viên,Tình trạng,Chức vụ,Điện thoại,Ngày vào Đảng',
  'Nguyễn Văn Bình,chính thức,,bí thư,0903123401,12/05/1998',
  'Trần Thị Hoa,chính thức,,phó bí thư,,03/02/2005',
  'Lê Văn Cường,chính thức,miễn sinh hoạt,,,',
  'Phạm Thị Dung,dự bị,,,,01/06/2026',
].join('\n');

describe('roster commands', () => {
  let h: Harness;
  const members = async () => h.db.store.members.listCurrent((await h.db.store.cells.findByChat('memory', h.group.chatId))!.id);

  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(() => h.close());

  it('creates a cell once per group, with its creator as bí thư', async () => {
    const founder = await h.createCell();
    expect(h.channel.lastText()).toContain('Đã tạo Chi bộ Khu phố 3 (Đảng bộ phường Bến Thành), mã chi bộ');
    expect(await h.say(founder, '/taochibo Chi bộ khác')).toEqual(['Nhóm này đã gắn với một chi bộ rồi. Gõ /danhsach để xem.']);
    expect((await members()).map((m) => [m.fullName, m.role])).toEqual([['Nguyễn Văn Bình', 'BI_THU']]);
  });

  it('asks for a cell before any roster command in an unbound group', async () => {
    const someone = h.user('Ai Đó');
    expect(await h.say(someone, '/danhsach')).toEqual([expect.stringContaining('Nhóm này chưa gắn với chi bộ nào')]);
  });

  it('adds, edits and lists members with the right counts', async () => {
    const bt = await h.createCell();
    expect(await h.say(bt, '/themdv Trần Thị Bích, dự bị, 0912 345 678, 15/03/2026')).toEqual(['Đã thêm 2. Trần Thị Bích (dự bị).']);
    expect(await h.say(bt, '/suadv 2, miễn sinh hoạt')).toEqual(['Đã cập nhật 2. Trần Thị Bích (dự bị, miễn sinh hoạt).']);
    const [list] = await h.say(bt, '/danhsach');
    expect(list).toContain('Tổng số: 2 đảng viên; chính thức: 1; dự bị: 1.\nTrong đó miễn sinh hoạt: 1.');
    expect(list).toContain('Lưu ý: chi bộ cần ít nhất 3 đảng viên chính thức');
    // Phone numbers stay out of the group chat.
    expect(list).not.toContain('0912345678');
    expect((await members()).find((m) => m.seq === 2)).toMatchObject({ phone: '0912345678', admittedOn: '2026-03-15', status: 'EXEMPT' });
  });

  it.each([
    ['/themdv', 'Lệnh chưa đúng cú pháp. Cách dùng:\n/themdv <họ tên>'],
    ['/themdv Trần Thị Bích', 'Cần ghi rõ đảng viên "chính thức" hay "dự bị".'],
    ['/themdv Trần Thị Bích, dự bị, bí thư', 'Chi bộ chỉ có một Bí thư.'],
    ['/themdv Nguyễn Văn Binh, chính thức', 'Danh sách đã có đảng viên tên "Nguyễn Văn Binh"'],
    ['/themdv Trần Thị Bích, chính thức, 31/02/2020', 'Ngày "31/02/2020" không hợp lệ'],
    ['/suadv 99, chính thức', 'Không tìm thấy đảng viên "99"'],
    ['/suadv 1, đảng viên', 'Chi bộ phải còn một Bí thư.'],
    ['/xoadv 1', 'Bạn không thể tự xoá mình khỏi danh sách'],
  ])('refuses %s with a clear answer and changes nothing', async (line, answer) => {
    const bt = await h.createCell();
    const before = await members();
    const replies = await h.say(bt, line);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(answer);
    expect(await members()).toEqual(before);
  });

  it('refuses a stranger and a plain member, and changes nothing', async () => {
    await h.createCell();
    const plain = await h.addLinkedMember('Đỗ Văn Em');
    const stranger = h.user('Người Lạ');
    expect(await h.say(stranger, '/themdv Người Lạ, chính thức')).toEqual([expect.stringContaining('Bạn chưa có trong danh sách chi bộ')]);
    expect(await h.say(plain, '/themdv Người Lạ, chính thức')).toEqual(['Lệnh /themdv chỉ dành cho Bí thư, Phó Bí thư hoặc Chi ủy viên.']);
    expect(await h.say(stranger, '/danhsach')).toEqual([expect.stringContaining('Bạn chưa có trong danh sách chi bộ')]);
    expect((await members()).map((m) => m.fullName)).toEqual(['Nguyễn Văn Bình', 'Đỗ Văn Em']);
  });

  it('removes a member only after confirmation by the secretary who asked, once', async () => {
    const bt = await h.createCell();
    const pho = await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
    await h.say(bt, '/themdv Lê Văn Cường, chính thức');
    expect((await h.say(bt, '/xoadv Le Van Cuong'))[0]).toContain('Xoá 3. Lê Văn Cường khỏi danh sách chi bộ?');
    expect(await h.press(pho, 'yes')).toEqual(['Câu hỏi này dành cho người đã ra lệnh trả lời.']);
    expect(await h.press(bt, 'yes')).toEqual(['Đã xoá 3. Lê Văn Cường khỏi danh sách.']);
    expect(await h.press(bt, 'yes')).toEqual(['Câu hỏi này đã được trả lời hoặc đã đóng.']);
    expect((await members()).map((m) => m.fullName)).toEqual(['Nguyễn Văn Bình', 'Trần Thị Hoa']);
  });

  it('imports a CSV pasted after the command and reports what changed', async () => {
    const bt = await h.createCell();
    const [reply] = await h.say(bt, `/nhapdv\n${CSV}`);
    expect(reply).toContain('Đã nhập danh sách: thêm mới 3, cập nhật 1, giữ nguyên 0.');
    expect(reply).toContain('Chi bộ hiện có 4 đảng viên.');
    // Importing the same file again changes nothing (a double submission).
    expect((await h.say(bt, `/nhapdv\n${CSV}`))[0]).toContain('thêm mới 0, cập nhật 0, giữ nguyên 4.');
    expect((await members()).map((m) => [m.seq, m.fullName, m.membership, m.status, m.role])).toEqual([
      [1, 'Nguyễn Văn Bình', 'CHINH_THUC', 'ACTIVE', 'BI_THU'],
      [2, 'Trần Thị Hoa', 'CHINH_THUC', 'ACTIVE', 'PHO_BI_THU'],
      [3, 'Lê Văn Cường', 'CHINH_THUC', 'EXEMPT', 'DANG_VIEN'],
      [4, 'Phạm Thị Dung', 'DU_BI', 'ACTIVE', 'DANG_VIEN'],
    ]);
  });

  it('imports nothing when any row is wrong, and names every bad line', async () => {
    const bt = await h.createCell();
    const bad = `${CSV}\nVõ Văn Giàu,xyz,,,,\nĐặng Thị Hà,dự bị,,bí thư,,\nNguyễn Thị Ích,chính thức,,,12345,`;
    const [reply] = await h.say(bt, `/nhapdv\n${bad}`);
    expect(reply).toMatch(/^Chưa nhập được: 5 lỗi, danh sách giữ nguyên\./);
    // Both rows that name a bí thư are pointed at.
    expect(reply).toContain('- Dòng 2: Chi bộ chỉ có một Bí thư.');
    expect(reply).toContain('- Dòng 6: Không hiểu "xyz"');
    expect(reply).toContain('- Dòng 7: Chi bộ chỉ có một Bí thư.');
    expect(reply).toContain('- Dòng 7: Đảng viên dự bị không giữ chức vụ trong chi ủy');
    expect(reply).toContain('- Dòng 8: Số điện thoại "12345" không hợp lệ');
    expect((await members()).map((m) => m.fullName)).toEqual(['Nguyễn Văn Bình']);
  });

  it('links a chat account to a roster entry only with a committee member confirming', async () => {
    const bt = await h.createCell();
    await h.say(bt, '/themdv Lê Văn Cường, chính thức');
    await h.say(bt, '/themdv Phạm Thị Dung, chính thức');
    const cuong = h.user('Cuong Le');
    const impostor = h.user('Giả Danh');
    expect((await h.say(cuong, '/toila Lê Văn Cường'))[0]).toContain('Tài khoản "Cuong Le" xin liên kết với đồng chí Lê Văn Cường');
    // The claimant cannot confirm their own claim, nor can anyone outside the committee.
    expect(await h.press(cuong, 'yes')).toEqual(['Chỉ Bí thư, Phó Bí thư hoặc Chi ủy viên trả lời được câu hỏi này.']);
    expect(await h.say(cuong, '/danhsach')).toEqual([expect.stringContaining('Bạn chưa có trong danh sách')]);
    expect(await h.say(cuong, '/toila Phạm Thị Dung')).toEqual(['Yêu cầu liên kết với đồng chí Lê Văn Cường đang chờ chi ủy xác nhận.']);
    expect(await h.press(bt, 'yes')).toEqual(['Đã liên kết tài khoản "Cuong Le" với đồng chí Lê Văn Cường.']);
    expect((await h.say(cuong, '/danhsach'))[0]).toContain('DANH SÁCH CHI BỘ KHU PHỐ 3');
    // Someone else cannot claim the same member.
    expect(await h.say(impostor, '/toila Lê Văn Cường')).toEqual([expect.stringContaining('đã liên kết với một tài khoản khác')]);
    expect(await h.say(cuong, '/toila Lê Văn Cường')).toEqual(['Tài khoản của bạn đã liên kết với đồng chí Lê Văn Cường.']);
  });

  it('lists every registered command in /huongdan, with its syntax', async () => {
    const someone = h.user('Ai Đó');
    const help = (await h.say(someone, '/huongdan')).join('\n');
    for (const spec of h.bot.router.commands) expect(help).toContain(`/${spec.name}`);
    expect(help).toContain('Lệnh cho Bí thư, Phó Bí thư hoặc Chi ủy viên:\n/taochibo');
    expect((await h.say(someone, '/huongdan themdv'))[0]).toContain('Ví dụ: /themdv Trần Thị Bích, dự bị');
  });

  it('works in a private chat for a linked member and refuses unknown accounts there', async () => {
    const bt = await h.createCell();
    expect((await h.say(bt, '/danhsach', h.dm(bt)))[0]).toContain('DANH SÁCH CHI BỘ KHU PHỐ 3');
    const stranger = h.user('Ai Đó');
    expect(await h.say(stranger, '/danhsach', h.dm(stranger))).toEqual([expect.stringContaining('chưa liên kết với chi bộ nào')]);
    expect(await h.say(stranger, '/taochibo X', h.dm(stranger))).toEqual(['Lệnh /taochibo chỉ dùng trong nhóm chat của chi bộ.']);
  });
});
