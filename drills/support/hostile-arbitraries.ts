// What hostile users type and press, as fast-check arbitraries. Actions are plain data that name their
// targets symbolically (a sender role, "the n-th prompt seen", "the open ballot"), so that generation
// stays pure and a seed reproduces the same inputs; the drill resolves them against the live bot.
import fc, { type Arbitrary } from 'fast-check';
import { nameKey } from '../../src/domain/names.ts';

export type Sender =
  | 'secretary' | 'committee' | 'minuteTaker' | 'member' | 'absentMember' | 'probationary' | 'stranger' | 'lookalike'
  | { account: number; displayName: string };

export type ChatPick = 'group' | 'ownDm' | 'otherDm' | { unknownGroup: number };

export type PromptPick = { seen: number } | { ballot: true } | { forged: string } | { mangled: number };
export type OptionPick = { real: number } | { forged: string };

export type Action =
  | { kind: 'command'; from: Sender; chat: ChatPick; name: string; args: string }
  | { kind: 'text'; from: Sender; chat: ChatPick; text: string }
  /** A plain message from someone the bot is waiting for (the reason of an absence). */
  | { kind: 'answer'; pick: number; text: string }
  | { kind: 'press'; from: Sender; chat: ChatPick | 'promptChat'; prompt: PromptPick; options: OptionPick[] }
  /** The same event again (same eventId), `back` events ago. */
  | { kind: 'replay'; back: number }
  | { kind: 'clock'; minutes: number };

/** Inputs never carry the tokens the reply check looks for, so any such token in a reply is the bot's own. */
const LEAKY = /undefined|nan|null|object|error|^\s*at /im;
const clean = (s: string) => !LEAKY.test(nameKey(s)) && !LEAKY.test(s);

export const ROSTER_NAMES = [
  'Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Văn Cường', 'Phạm Thị Dung', 'Đỗ Văn Em', 'Vũ Thị Giang', 'Hồ Văn Hải',
  'Ngô Văn Khánh', 'Bùi Thị Lan', 'Đặng Văn Minh',
];
const MISSPELT = [
  'Nguyen Van Binh', 'nguyễn văn bình', 'NGUYỄN VĂN BÌNH', 'Trần thị  Hoa', 'Tran Thi Hoa', 'Lê Văn Cươngg', 'Le Van Cuong',
  'Hoa', 'Cường', 'Bình', 'đ/c Hoa', 'đồng chí Cường', '@Hoa', 'Nguyễn Văn An', 'Nguyễn Văn Bình (B)', 'Phạm Thi Dung',
  'Nguye\u0302\u0303n Va\u0306n Bi\u0300nh', 'Trần\u200bThị Hoa', 'Hồ Văn Hải ', ' Đỗ Văn Em', 'Vũ Thị', 'Quần chúng Nguyễn Văn Nam',
];
const VI_WORDS = [
  'chính thức', 'dự bị', 'miễn sinh hoạt', 'tạm thời đi', 'tạm thời đến', 'đình chỉ', 'khởi tố', 'bình thường', 'bí thư', 'phó bí thư',
  'chi ủy viên', 'đảng viên', 'thường kỳ', 'chuyên đề', 'kết hợp', 'bất thường', 'đại hội', 'kết nạp', 'chuyển chính thức', 'xoá tên',
  'kỷ luật', 'bầu cử', 'nghị quyết', 'kết luận', 'có mặt', 'vắng có lý do', 'vắng không lý do', 'vắng', 'còn lại', 'thư ký', 'chủ trì',
  'số', 'hạn', 'phút', 'ngày', 'giờ', 'tên', 'sđt', 'tắt', 'bật', 'thêm', 'làm', 'bỏ', 'nhắc', 'thời lượng', 'phiếu kín điện tử',
  'tóm tắt AI', 'phát ra', 'thu về', 'hợp lệ', 'tán thành', 'không tán thành', 'ý kiến khác', 'khai trừ', 'cảnh cáo', 'khiển trách',
  'không kỷ luật', 'số lượng', 'ứng cử viên', 'người', 'Thời gian', 'Địa điểm', 'Nội dung', 'Chủ trì', 'Chuyên đề', 'lý do', 'ốm',
  'đi công tác', 'Hội trường khu phố 3', 'Mật', 'TỐI MẬT', 'Độ mật: Mật', 'bí mật', 'mật khẩu', 'K1', 'V2', 'N1', 'D1', 'T1', 'L3',
  'không lùi', 'hằng tháng', 'lúc', 'tuần sau', 'ngày mai', 'tối nay', 'chiều', 'rưỡi', 'đ/c', 'Chi ủy', 'Chi bộ Khu phố 3',
  'Đảng bộ phường Bến Thành', 'đảng bộ bộ phận', 'tham dự', 'chưa chắc', 'Thông qua nghị quyết tháng 11', 'việc', 'xong',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype',
];
const NUMBERS = [
  '0', '1', '2', '3', '4', '7', '12', '99', '-1', '-0', '-999999', '999999', '1-999999', '999999-1', '5-3', '1-', '-', '1--3', '00', '007',
  '1e9', '1,5', '3.14', '9007199254740993', '99999999999999999999', '٣', '１２', '²', 'Ⅻ', '0x10', '+84 912 345 678', '0912345678',
  '091234567899', 'số 1', 'số 2', 'số -1', 'số 999999', '#3', '½', 'một', 'hai mươi',
];
const WHEN = [
  '05/12/2026 14:00', '23/11/2026 09:00', '31/02/2026 14:00', '29/02/2027', '29/02/2028 7h', '14h30 5/12', 'thứ Sáu tuần sau 7h30',
  'ngày mai 8h', 'hôm nay', '0/0/0', '32/13/2026', '2026-12-05T14:00', '12/05', '1/1/1', '1/1/99999 8h', '7h30', '14:61', '25h', '-1h',
  '23:59 31/12/9999', 'chủ nhật', 'tối nay 19h', 'mùng 5 tháng 12', 'ngày 5 tháng 12 năm 2026', '20/12', 'hạn 20/12', '24h', '00:00',
  '7 giờ rưỡi', '14g', '2h chiều', '12h đêm', '01/01/1970 00:00', '03/02/2015', '15/03/2030', '31/12/2026', '1/13', '5/12/26',
];
const SEPARATORS = [' ', '', '|', ' | ', ':', ': ', ',', ', ', ';', '\n', '\r\n', '\t', '  ', '>', ' - ', '(', ')', '"', "'", '@', '#', '/', '…'];
const WEIRD = [
  '\u0000', '\u0007', '\u001b[31m', '\u0008', '\u007f', '\u200b', '\u200c', '\u200d', '\ufeff', '\u202e', '\u200f', '\u2066', '\u00a0',
  '\u2028', '\u2029', '\r', 'مرحبا', 'שלום', '\ud800', '\udfff', '\ud83d', '\ude00x', '😀', '👍🏽', '🇻🇳', '👨‍👩‍👧', 'a\u0301', 'e\u0302\u0301',
  '\u0303\u0303\u0303', 'İ', 'ß', 'ﬁ', 'Ǆ', '\\', '$1', '$&', '%s', '{{x}}', '${x}', '<b>', '</a>', '*_~`', "'; DROP TABLE Member; --",
  '%00', '\u{10ffff}', '\u{e0001}', '𝔘𝔫𝔦', 'Ꙭ', 'ｆｕｌｌ', 'ㅤ',
];
const TAGS = ['chude', 'ykien', 'ketluan', 'nghiquyet', 'giao', 'xoa', 'GIAO', 'KetLuan', 'kếtluận', 'giao:', 'ketluan#', '', ' ', 'chu de', 'giaoviec', '#giao'];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** A string arbitrary from parts: literals and arbitraries, joined. */
const tpl = (...parts: (string | Arbitrary<string>)[]): Arbitrary<string> =>
  fc.tuple(...parts.map((p) => (typeof p === 'string' ? fc.constant(p) : p))).map((xs) => xs.join(''));
const opt = (a: Arbitrary<string>) => fc.oneof(fc.constant(''), a);

/** A plausible new name: family, middle and given names of the roll's kind. */
const newName = fc
  .tuple(pick(['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']), pick(['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Ngọc']), pick(['An', 'Bảo', 'Châu', 'Dũng', 'Hà', 'Khoa', 'Linh', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Uyên', 'Yến']))
  .map((xs) => xs.join(' '));
const name = fc.oneof(
  { weight: 4, arbitrary: pick(ROSTER_NAMES) },
  { weight: 2, arbitrary: pick(MISSPELT) },
  { weight: 2, arbitrary: newName },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
const number = fc.oneof({ weight: 3, arbitrary: pick(NUMBERS) }, { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String) });
const when = fc.oneof({ weight: 4, arbitrary: pick(WHEN) }, { weight: 1, arbitrary: tpl(fc.integer({ min: -5, max: 40 }).map(String), pick(['/', '-', '.', ' tháng ']), fc.integer({ min: -1, max: 14 }).map(String), opt(tpl('/', fc.integer({ min: 0, max: 10000 }).map(String))), ' ', fc.integer({ min: -1, max: 30 }).map(String), pick(['h', ':', 'g', ' giờ ']), fc.integer({ min: -1, max: 99 }).map(String)) });
const word = fc.oneof({ weight: 4, arbitrary: pick(VI_WORDS) }, { weight: 2, arbitrary: pick(VI_WORDS).map(nameKey) });
const sep = pick(SEPARATORS);
const weird = pick(WEIRD);

const fragment: Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: word },
  { weight: 3, arbitrary: name },
  { weight: 3, arbitrary: number },
  { weight: 2, arbitrary: when },
  { weight: 4, arbitrary: sep },
  { weight: 2, arbitrary: weird },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }) },
);
/** A run of fragments: the stuff of every hostile argument. */
const soup = (maxLength = 10) => fc.array(fragment, { minLength: 1, maxLength }).map((xs) => xs.join(''));
/** Up to about 20,000 characters: one fragment repeated, or many. */
const long = fc.tuple(soup(6), fc.integer({ min: 200, max: 20_000 })).map(([s, n]) => (s || 'x').repeat(Math.ceil(n / Math.max(1, (s || 'x').length))).slice(0, n));

const csvHeader = pick(['Họ và tên', 'Họ tên', 'Đảng viên', 'Loại', 'Tình trạng', 'Chức vụ', 'Điện thoại', 'Ngày vào Đảng', 'STT', 'Ghi chú', 'name', 'membership', '', '"Họ và tên']);
const csvCell = fc.oneof(name, word, number, when, fc.constant(''), fc.constant('"'), fc.constant('""'), soup(3));
const csv = fc
  .tuple(pick([',', ';', '\t']), fc.array(csvHeader, { minLength: 0, maxLength: 7 }), fc.array(fc.array(csvCell, { maxLength: 7 }), { maxLength: 12 }), fc.boolean())
  .map(([s, header, rows, bom]) => `${bom ? '\ufeff' : ''}${[header, ...rows].map((r) => r.join(s)).join('\n')}`);

/** Mostly the values a command accepts, sometimes not: a hostile user also types valid commands. */
const mostly = (valid: readonly string[], hostile: Arbitrary<string> = soup(2)) => fc.oneof({ weight: 4, arbitrary: pick(valid) }, { weight: 1, arbitrary: hostile });
const smallNumber = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) }, { weight: 1, arbitrary: number });
const membership = mostly(['chính thức', 'dự bị', 'chinh thuc', 'db', 'CT', 'Chính Thức']);
const status = mostly(['miễn sinh hoạt', 'tạm thời đi', 'tạm thời đến', 'đình chỉ', 'khởi tố', 'bình thường', 'mien']);
const role = mostly(['bí thư', 'phó bí thư', 'chi ủy viên', 'đảng viên', 'chi uy']);
const phone = mostly(['0912345678', '+84 912 345 678', '0987654321', '0123', '091234567899', '84-912-345-678'], number);
const day = mostly(['03/02/2015', '15/03/2030', '31/02/2020', '1/1/1900', '29/02/2024', '01/01/2026', '23/11/2026'], when);
const future = mostly(['05/12/2026 14:00', '14h30 5/12', 'thứ Sáu tuần sau 7h30', 'ngày mai 8h', '20/12/2026 19:30', '7h30 1/1/2027', 'tối nay 19h'], when);
const meetingKind = mostly(['thường kỳ', 'bất thường', 'đại hội', 'kết hợp Học tập nghị quyết', 'chuyên đề Học tập và làm theo Bác', 'chuyên đề', 'thuong ky']);
const voteKind = mostly(['nghị quyết', 'kết nạp', 'chuyển chính thức', 'xoá tên', 'miễn sinh hoạt', 'kỷ luật', 'bầu cử', 'ket nap']);
const meetingNo = fc.oneof({ weight: 2, arbitrary: fc.constant('') }, { weight: 2, arbitrary: tpl('số ', smallNumber, ' ') }, { weight: 1, arbitrary: tpl('số ', number, ' ') });
const member = fc.oneof({ weight: 3, arbitrary: name }, { weight: 2, arbitrary: smallNumber });
const refs = fc
  .array(fc.oneof({ weight: 4, arbitrary: member }, { weight: 1, arbitrary: tpl(smallNumber, '-', smallNumber) }, { weight: 1, arbitrary: number }), { minLength: 1, maxLength: 4 })
  .map((xs) => xs.join(', '));
/** Paper totals that add up half the time. */
const paperTotals = fc.oneof(
  fc.tuple(fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(2), fc.nat(2)).map(([yes, no, other, spoilt, missing]) => {
    const valid = yes + no + other;
    return ` | phát ra: ${valid + spoilt + missing} | thu về: ${valid + spoilt} | hợp lệ: ${valid} | tán thành: ${yes} | không tán thành: ${no} | ý kiến khác: ${other}`;
  }),
  fc.array(tpl(' | ', pick(['phát ra', 'thu về', 'hợp lệ', 'tán thành', 'không tán thành', 'ý kiến khác', 'khai trừ', 'không kỷ luật', 'Trần Thị Hoa', 'lạ']), ': ', number), { maxLength: 8 }).map((xs) => xs.join('')),
);

/** Arguments shaped like each command's syntax, with hostile values in the slots. */
const templates: Record<string, Arbitrary<string>> = {
  taochibo: fc.oneof(tpl(soup(4), ' | ', soup(4), opt(tpl(' > ', soup(4)))), soup(4), long),
  ganchibo: fc.oneof(smallNumber, soup(2)),
  themdv: tpl(name, ', ', membership, opt(tpl(', ', status)), opt(tpl(', ', role)), opt(tpl(', ', phone)), opt(tpl(', ', day))),
  suadv: tpl(
    member,
    fc
      .array(tpl(', ', fc.oneof(membership, status, role, tpl(pick(['tên', 'họ tên']), ': ', name), tpl('sđt: ', phone), tpl('ngày vào Đảng: ', day), soup(2))), { maxLength: 3 })
      .map((xs) => xs.join('')),
  ),
  xoadv: member,
  nhapdv: tpl('\n', csv),
  toila: fc.oneof(name, number, soup(3)),
  lichhop: fc.oneof(
    tpl(meetingKind, ' | ', future, ' | ', mostly(['Hội trường khu phố 3', 'Nhà văn hoá', 'https://meet.example/abc']), opt(tpl(' | ', soup(5)))),
    tpl(opt(tpl(meetingKind, '\n')), 'Thời gian: ', future, '\nĐịa điểm: ', soup(3), opt(tpl('\nNội dung: ', soup(4))), opt(tpl('\nChủ trì: ', name))),
  ),
  doilich: tpl(meetingNo, future, opt(tpl(' | địa điểm: ', soup(3))), opt(tpl(' | lý do: ', soup(3)))),
  huyhop: tpl(meetingNo, opt(soup(3))),
  thamdu: tpl(meetingNo, opt(refs)),
  chuachac: tpl(meetingNo, opt(refs)),
  vang: fc.oneof(soup(4), tpl(name, ': ', soup(3)), tpl(meetingNo, soup(3)), fc.constant('')),
  batdauhop: tpl(opt(tpl('thư ký: ', name)), opt(tpl(pick([', ', ' | ', '\n']), 'chủ trì: ', name))),
  diemdanh: fc
    .array(tpl(mostly(['có mặt', 'vắng có lý do', 'vắng không lý do', 'vắng', 'có lý do', 'co mat', 'xyz']), ': ', fc.oneof(refs, tpl(member, ' (', soup(2), ')'), fc.constant('còn lại'))), { minLength: 1, maxLength: 4 })
    .map((xs) => xs.join(' | ')),
  chapnhan: refs,
  tinhhinh: meetingNo,
  ketthuchop: fc.constant(''),
  lichdinhky: fc.oneof(tpl('ngày ', smallNumber, ' hằng tháng lúc ', mostly(['7h30', '19:00', '25h', '7 giờ rưỡi']), opt(fc.constant(' không lùi')), opt(tpl(' | ', soup(3)))), pick(['tắt', 'bỏ', 'TẮT'])),
  ngaynghi: tpl(mostly(['thêm', 'làm', 'bỏ', 'xoá', 'nghỉ', 'đi làm', '']), ' ', day, opt(tpl(' ', soup(3)))),
  caidat: fc
    .array(
      fc.oneof(
        tpl('nhắc: ', fc.array(tpl(smallNumber, ' ', mostly(['ngày', 'giờ', 'phút', 'tuần', 'h', ''])), { maxLength: 7 }).map((xs) => xs.join(', '))),
        tpl('thời lượng: ', fc.oneof(smallNumber.map((n) => String(Number(n) * 15)), number)),
        tpl(pick(['phiếu kín điện tử', 'tóm tắt AI']), ': ', mostly(['bật', 'tắt', 'có', 'không'])),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((xs) => xs.join(' | ')),
  bieuquyet: tpl(opt(tpl(voteKind, ' | ')), fc.oneof(soup(5), name, long), opt(tpl(' | hạn: ', fc.oneof(smallNumber, number), pick([' phút', '', 'p'])))),
  bophieukin: tpl(opt(tpl(voteKind, ' | ')), fc.oneof(name, soup(5)), opt(tpl(' | hạn: ', smallNumber, ' phút'))),
  ketthucbieuquyet: meetingNo,
  kiemphieu: tpl(meetingNo, paperTotals),
  baucu: tpl(mostly(['Bí thư chi bộ', 'Phó Bí thư', 'Chi ủy viên']), ' | số lượng: ', smallNumber, ' | ứng cử viên: ', fc.array(name, { maxLength: 5 }).map((xs) => xs.join(', '))),
  bienban: tpl(meetingNo, '\n', fc.oneof(soup(8), long, tpl('TỐI MẬT\n', soup(4)), tpl('Kết luận: ', soup(5), '\nGiao đồng chí ', name, ' ', soup(3), ' hạn ', day), csv)),
  tomtat: meetingNo,
  suamuc: tpl(mostly(['K1', 'V1', 'N1', 'D1', 'V99', 'X1', 'k 1', '']), ' ', soup(3), opt(tpl(' | người: ', name)), opt(tpl(' | hạn: ', day))),
  xoamuc: mostly(['K1', 'V1', 'N2', 'D9', 'K0', 'K-1', 'Z', '']),
  themmuc: tpl(mostly(['K', 'N', 'V', 'D', 'X', '']), ' ', soup(4), opt(tpl(' | người: ', name)), opt(tpl(' | hạn: ', day))),
  duyet: fc.constant(''),
  huyduthao: fc.constant(''),
  xuatbienban: meetingNo,
  xong: fc.oneof(smallNumber, tpl('việc ', number), tpl('#', smallNumber)),
  phieu: fc.constant(''),
  comat: fc.constant(''),
  huongdan: fc.oneof(pick(['themdv', '/lichhop', 'DANHSACH', 'xyz', '']), soup(2)),
};

const args: Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 8, arbitrary: soup() },
  { weight: 1, arbitrary: long },
  { weight: 1, arbitrary: csv },
);

function commandName(names: readonly string[]): Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: pick(names) },
    { weight: 1, arbitrary: fc.tuple(pick(names), fc.nat()).map(([n, bits]) => [...n].map((c, i) => ((bits >> i) & 1 ? c.toUpperCase() : c)).join('')) },
    { weight: 1, arbitrary: fc.tuple(pick(names), fc.nat(20)).map(([n, i]) => n.slice(0, i % n.length) + n.slice((i % n.length) + 1)) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9_]{1,24}$/) },
    { weight: 1, arbitrary: fc.oneof(pick(['danhsách', 'thamdự', 'DS', 'help', 'start', 'trogiup', '', '_', 'a'.repeat(300)]), fc.string({ unit: 'grapheme', maxLength: 8 })) },
  );
}

const sender: Arbitrary<Sender> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('secretary' as const) },
  { weight: 2, arbitrary: fc.constant('committee' as const) },
  { weight: 1, arbitrary: fc.constant('minuteTaker' as const) },
  { weight: 2, arbitrary: fc.constant('member' as const) },
  { weight: 1, arbitrary: fc.constant('absentMember' as const) },
  { weight: 2, arbitrary: fc.constant('probationary' as const) },
  { weight: 2, arbitrary: fc.constant('stranger' as const) },
  { weight: 1, arbitrary: fc.constant('lookalike' as const) },
  { weight: 1, arbitrary: fc.record({ account: fc.nat(4), displayName: fc.oneof(name, soup(3), fc.constant(''), fc.constant('12345'), long.map((s) => s.slice(0, 2000))) }) },
);

/** Senders of well-formed commands: mostly the committee, who may run them, so they reach the use cases. */
const privileged: Arbitrary<Sender> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('secretary' as const) },
  { weight: 2, arbitrary: fc.constant('committee' as const) },
  { weight: 1, arbitrary: fc.constant('minuteTaker' as const) },
  { weight: 3, arbitrary: sender },
);

const chat: Arbitrary<ChatPick> = fc.oneof(
  { weight: 7, arbitrary: fc.constant('group' as const) },
  { weight: 3, arbitrary: fc.constant('ownDm' as const) },
  { weight: 1, arbitrary: fc.constant('otherDm' as const) },
  { weight: 1, arbitrary: fc.record({ unknownGroup: fc.nat(3) }) },
);

const plainText: Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: tpl('#', pick(TAGS), pick([' ', '', ': ', '\n']), fc.oneof(soup(6), fc.constant(''))) },
  { weight: 2, arbitrary: tpl('#giao ', name, pick([': ', ' - ', ' ', ':']), soup(4), opt(tpl(pick([', hạn ', ' trước ngày ', ' hạn chót: ']), when))) },
  { weight: 1, arbitrary: tpl('#', pick(TAGS), ' ', pick(['TỐI MẬT', 'Mật', 'Độ mật: Tuyệt mật', '[MẬT]', 'bí mật']), '\n', soup(3)) },
  { weight: 3, arbitrary: soup() },
  { weight: 1, arbitrary: pick(['1', '2', '3', '0', '-1', '/', '#', '', ' ', '\n']) },
  { weight: 1, arbitrary: long },
);

const promptPick: Arbitrary<PromptPick> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ seen: fc.nat() }) },
  { weight: 4, arbitrary: fc.constant({ ballot: true as const }) },
  { weight: 2, arbitrary: fc.record({ forged: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant(''), fc.constant('x'.repeat(5000))) }) },
  { weight: 1, arbitrary: fc.record({ mangled: fc.nat() }) },
);

const optionPick: Arbitrary<OptionPick> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ real: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ forged: fc.oneof(pick(['yes', 'no', 'other', 'open', 'cancel', 'approve', 'discard', 'confirm', 'skip', 'present', 'excused', 'maybe', 'KHAI_TRU', 'none', 'YES', '', ' ', 'constructor', '__proto__']), fc.string({ maxLength: 8 }), fc.constant('y'.repeat(3000))) }) },
);

export interface ActionWeights {
  command: number;
  text: number;
  answer: number;
  press: number;
  replay: number;
  clock: number;
}

export const DEFAULT_WEIGHTS: ActionWeights = { command: 44, text: 14, answer: 4, press: 28, replay: 7, clock: 3 };

/** One hostile input. `commands` are the registered names and aliases (bot.router.commands). */
export function actionArbitrary(commands: readonly string[], weights: ActionWeights = DEFAULT_WEIGHTS): Arbitrary<Action> {
  const templated = Object.entries(templates)
    .filter(([n]) => commands.includes(n))
    .map(([n, a]) => a.map((args) => ({ name: n, args })));
  const command = fc.oneof(
    { weight: 1, arbitrary: fc.record({ from: sender, c: fc.record({ name: commandName(commands), args }) }) },
    { weight: 1, arbitrary: fc.record({ from: privileged, c: fc.oneof(...templated) }) },
  );
  const action: Arbitrary<Action> = fc.oneof(
    { weight: weights.command, arbitrary: fc.record({ chat, x: command }).map(({ chat, x }) => ({ kind: 'command' as const, from: x.from, chat, name: x.c.name, args: x.c.args })) },
    { weight: weights.text, arbitrary: fc.record({ from: sender, chat, text: plainText }).map((a) => ({ kind: 'text' as const, ...a })) },
    { weight: weights.answer, arbitrary: fc.record({ pick: fc.nat(), text: fc.oneof(soup(6), long, fc.constant(''), fc.constant('  ')) }).map((a) => ({ kind: 'answer' as const, ...a })) },
    {
      weight: weights.press,
      arbitrary: fc
        .record({
          from: sender,
          chat: fc.oneof({ weight: 4, arbitrary: fc.constant('promptChat' as const) }, { weight: 1, arbitrary: chat }),
          prompt: promptPick,
          options: fc.oneof({ weight: 6, arbitrary: fc.array(optionPick, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.constant<OptionPick[]>([]) }, { weight: 1, arbitrary: fc.array(optionPick, { minLength: 2, maxLength: 3 }) }),
        })
        .map((a) => ({ kind: 'press' as const, ...a })),
    },
    { weight: weights.replay, arbitrary: fc.nat(40).map((back) => ({ kind: 'replay' as const, back })) },
    { weight: weights.clock, arbitrary: pick([1, 5, 15, 30, 61, 180, 24 * 60]).map((minutes) => ({ kind: 'clock' as const, minutes })) },
  );
  return action.filter(actionIsClean);
}

function actionIsClean(a: Action): boolean {
  switch (a.kind) {
    case 'command':
      return clean(a.name) && clean(a.args) && senderIsClean(a.from);
    case 'text':
      return clean(a.text) && senderIsClean(a.from);
    case 'answer':
      return clean(a.text);
    case 'press':
      return senderIsClean(a.from) && (!('forged' in a.prompt) || clean(a.prompt.forged)) && a.options.every((o) => !('forged' in o) || clean(o.forged));
    default:
      return true;
  }
}

const senderIsClean = (s: Sender) => typeof s === 'string' || clean(s.displayName);
