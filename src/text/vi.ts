// Every user-facing Vietnamese string, and the Vietnamese words the bot understands in input.
// Code elsewhere never writes a sentence: it picks one of these by key or error code.
import type { ErrorCode } from '../domain/errors.ts';
import type { CellRole, MemberStatus, Membership, RosterAdvice, RosterCounts } from '../domain/roster.ts';
import { formatDayMonthYear } from '../domain/dates.ts';
import { whenExamples } from './when-words.ts';

type Vars = Record<string, string | number>;

export const labels = {
  membership: { CHINH_THUC: 'chính thức', DU_BI: 'dự bị' } satisfies Record<Membership, string>,
  status: {
    ACTIVE: 'bình thường',
    EXEMPT: 'miễn sinh hoạt',
    TEMP_OUT: 'sinh hoạt tạm thời đi',
    TEMP_IN: 'sinh hoạt tạm thời đến',
    SUSPENDED: 'đình chỉ sinh hoạt',
    PROSECUTED: 'bị khởi tố/tạm giam',
  } satisfies Record<MemberStatus, string>,
  role: { BI_THU: 'Bí thư', PHO_BI_THU: 'Phó Bí thư', CHI_UY_VIEN: 'Chi ủy viên', DANG_VIEN: 'Đảng viên' } satisfies Record<CellRole, string>,
};

/**
 * Words accepted in commands and CSV cells, compared after nameKey() (no diacritics, lower case).
 * English enum names are accepted too, for spreadsheets exported by other tools.
 */
export const words = {
  membership: {
    'chinh thuc': 'CHINH_THUC', 'dang vien chinh thuc': 'CHINH_THUC', ct: 'CHINH_THUC', chinh_thuc: 'CHINH_THUC',
    'du bi': 'DU_BI', 'dang vien du bi': 'DU_BI', db: 'DU_BI', du_bi: 'DU_BI',
  } as Record<string, Membership>,
  status: {
    'binh thuong': 'ACTIVE', active: 'ACTIVE',
    'mien sinh hoat': 'EXEMPT', mien: 'EXEMPT', 'mien cong tac va sinh hoat dang': 'EXEMPT', 'mien sinh hoat dang': 'EXEMPT', exempt: 'EXEMPT',
    'tam thoi di': 'TEMP_OUT', 'sinh hoat tam thoi di': 'TEMP_OUT', 'sinh hoat tam thoi noi khac': 'TEMP_OUT', temp_out: 'TEMP_OUT',
    'tam thoi den': 'TEMP_IN', 'sinh hoat tam thoi den': 'TEMP_IN', 'sinh hoat tam thoi': 'TEMP_IN', temp_in: 'TEMP_IN',
    'dinh chi': 'SUSPENDED', 'dinh chi sinh hoat': 'SUSPENDED', 'dinh chi sinh hoat dang': 'SUSPENDED', suspended: 'SUSPENDED',
    'khoi to': 'PROSECUTED', 'bi khoi to': 'PROSECUTED', 'truy to': 'PROSECUTED', 'tam giam': 'PROSECUTED',
    'bi khoi to/tam giam': 'PROSECUTED', 'bi khoi to, truy to, tam giam': 'PROSECUTED', prosecuted: 'PROSECUTED',
  } as Record<string, MemberStatus>,
  role: {
    'bi thu': 'BI_THU', bi_thu: 'BI_THU',
    'pho bi thu': 'PHO_BI_THU', pho_bi_thu: 'PHO_BI_THU',
    'chi uy vien': 'CHI_UY_VIEN', 'chi uy': 'CHI_UY_VIEN', 'uy vien': 'CHI_UY_VIEN', chi_uy_vien: 'CHI_UY_VIEN',
    'dang vien': 'DANG_VIEN', dang_vien: 'DANG_VIEN',
  } as Record<string, CellRole>,
  /** "key: value" prefixes in /suadv and /themdv. */
  fieldPrefix: {
    ten: 'fullName', 'ho ten': 'fullName', 'ho va ten': 'fullName',
    sdt: 'phone', 'dien thoai': 'phone', 'so dien thoai': 'phone',
    'ngay vao dang': 'admittedOn', 'ket nap': 'admittedOn', 'ngay ket nap': 'admittedOn',
  } as Record<string, 'fullName' | 'phone' | 'admittedOn'>,
  /** CSV headers. */
  csvHeader: {
    'ho va ten': 'fullName', 'ho ten': 'fullName', ten: 'fullName', name: 'fullName', 'full name': 'fullName', fullname: 'fullName',
    'dang vien': 'membership', loai: 'membership', 'loai dang vien': 'membership', membership: 'membership',
    'tinh trang': 'status', 'trang thai': 'status', 'tinh trang sinh hoat': 'status', status: 'status',
    'chuc vu': 'role', 'vai tro': 'role', 'chuc vu dang': 'role', role: 'role',
    'dien thoai': 'phone', 'so dien thoai': 'phone', sdt: 'phone', phone: 'phone',
    'ngay vao dang': 'admittedOn', 'ngay ket nap': 'admittedOn', 'admitted on': 'admittedOn', admitted_on: 'admittedOn',
  } as Record<string, 'fullName' | 'membership' | 'status' | 'role' | 'phone' | 'admittedOn'>,
  organisationBoPhan: 'dang bo bo phan',
  confirm: { yes: 'Xác nhận', no: 'Từ chối', remove: 'Xoá khỏi danh sách', cancel: 'Huỷ' },
};

/** Help for every command in the registry; the registry's test fails when one is missing. */
export const commandHelp = {
  huongdan: { syntax: '/huongdan [lệnh]', summary: 'Xem các lệnh và cách dùng.' },
  taochibo: {
    syntax: '/taochibo <tên chi bộ> | <đảng bộ cấp trên> [> <đảng bộ bộ phận>]',
    summary: 'Tạo chi bộ gắn với nhóm này; người tạo là Bí thư.',
    example: '/taochibo Chi bộ Khu phố 3 | Đảng bộ phường Bến Thành',
  },
  ganchibo: { syntax: '/ganchibo <mã chi bộ>', summary: 'Gắn thêm nhóm này vào chi bộ đã có (mã xem ở /danhsach).', example: '/ganchibo 1' },
  themdv: {
    syntax: '/themdv <họ tên>, <chính thức|dự bị>[, <tình trạng>][, <chức vụ>][, <số điện thoại>][, <ngày vào Đảng dd/mm/yyyy>]',
    summary: 'Thêm đảng viên vào danh sách.',
    example: '/themdv Trần Thị Bích, dự bị, 0912345678, 15/03/2026',
  },
  suadv: {
    syntax: '/suadv <số thứ tự|họ tên>, <thông tin mới>… (tên: …, sđt: …, chính thức, miễn sinh hoạt, chi ủy viên…)',
    summary: 'Sửa thông tin một đảng viên.',
    example: '/suadv 12, chính thức, sđt: 0987654321',
  },
  xoadv: { syntax: '/xoadv <số thứ tự|họ tên>', summary: 'Xoá đảng viên khỏi danh sách (có hỏi xác nhận).', example: '/xoadv 12' },
  nhapdv: {
    syntax: '/nhapdv kèm tệp CSV, hoặc dán nội dung CSV ngay sau lệnh',
    summary: 'Nhập danh sách từ tệp CSV (cột: Họ và tên, Đảng viên, Tình trạng, Chức vụ, Điện thoại, Ngày vào Đảng).',
  },
  danhsach: { syntax: '/danhsach', summary: 'Xem danh sách đảng viên và số lượng.' },
  toila: { syntax: '/toila <họ tên trong danh sách>', summary: 'Liên kết tài khoản chat của bạn với tên trong danh sách (chi ủy xác nhận).', example: '/toila Nguyễn Văn An' },
  lichhop: {
    syntax: '/lichhop <loại> | <thời gian> | <địa điểm> | <nội dung 1; nội dung 2> (hoặc từng dòng "Thời gian: …", "Địa điểm: …", "Nội dung: …", "Chủ trì: …", "Chuyên đề: …")',
    summary: 'Lên lịch và thông báo cuộc họp (thường kỳ, chuyên đề <chủ đề>, kết hợp, bất thường, đại hội).',
    example: '/lichhop thường kỳ | 05/12/2026 14:00 | Hội trường khu phố 3 | Đánh giá tháng 11; Phương hướng tháng 12',
  },
  lich: { syntax: '/lich', summary: 'Xem các cuộc họp sắp tới.' },
  doilich: {
    syntax: '/doilich [số <n>] <thời gian mới> [| địa điểm: …] [| lý do: …]',
    summary: 'Đổi giờ hoặc địa điểm cuộc họp đã thông báo; cả nhóm được báo lại.',
    example: '/doilich 14h30 5/12 | lý do: trùng lịch họp phường',
  },
  huyhop: { syntax: '/huyhop [số <n>] [lý do]', summary: 'Huỷ cuộc họp đã thông báo; cả nhóm được báo.', example: '/huyhop số 3 mưa bão' },
  thamdu: {
    syntax: '/thamdu — hoặc, chi ủy trả lời thay: /thamdu <số hoặc tên, 5-12, …>',
    summary: 'Báo sẽ tham dự cuộc họp sắp tới (chi ủy ghi thay theo sổ đăng ký).',
    example: '/thamdu 5-12, Hồ Văn Việt',
  },
  vang: {
    syntax: '/vang <lý do> — hoặc, chi ủy trả lời thay: /vang <họ tên>: <lý do>',
    summary: 'Báo vắng có lý do (trong cuộc họp: chi ủy ghi vắng cho đồng chí khác).',
    example: '/vang đi công tác Đà Nẵng',
  },
  chuachac: { syntax: '/chuachac [số hoặc tên, khi chi ủy trả lời thay]', summary: 'Báo chưa chắc dự được.' },
  batdauhop: {
    syntax: '/batdauhop [thư ký: <họ tên>] [, chủ trì: <họ tên>]',
    summary: 'Bắt đầu cuộc họp đã thông báo: ghi giờ, chủ trì, thư ký; mở điểm danh.',
    example: '/batdauhop thư ký: Lê Văn Cường',
  },
  comat: { syntax: '/comat', summary: 'Tự điểm danh có mặt trong cuộc họp đang diễn ra.' },
  diemdanh: {
    syntax: '/diemdanh có mặt: <số hoặc tên, 1-20> | vắng có lý do: <số (lý do)> | vắng không lý do: <số> | có mặt: còn lại',
    summary: 'Chi ủy hoặc thư ký ghi điểm danh (sửa được trong 7 ngày sau họp).',
    example: '/diemdanh vắng có lý do: 7 (ốm), 9 (đi công tác) | có mặt: còn lại',
  },
  chapnhan: {
    syntax: '/chapnhan <số hoặc tên>, …',
    summary: 'Chi ủy chấp nhận lý do vắng (đồng chí vắng cả buổi không tính vào số làm căn cứ biểu quyết).',
    example: '/chapnhan 7, 9',
  },
  tinhhinh: { syntax: '/tinhhinh [số <n>]', summary: 'Xem trả lời thông báo, tình hình dự họp, số làm căn cứ biểu quyết và tỷ lệ dự họp.' },
  ketthuchop: { syntax: '/ketthuchop', summary: 'Kết thúc cuộc họp: ghi giờ, kiểm tra thời lượng, tổng hợp dự họp.' },
  lichdinhky: {
    syntax: '/lichdinhky ngày <n> hằng tháng lúc <giờ> [không lùi] [| <địa điểm>] — hoặc /lichdinhky tắt',
    summary: 'Đặt lịch sinh hoạt định kỳ; bot soạn dự kiến cuộc họp mỗi tháng để chi ủy xác nhận.',
    example: '/lichdinhky ngày 1 hằng tháng lúc 7h30 | Hội trường khu phố 3',
  },
  ngaynghi: {
    syntax: '/ngaynghi [thêm dd/mm/yyyy <tên> | làm dd/mm/yyyy | bỏ dd/mm/yyyy]',
    summary: 'Xem hoặc sửa danh sách ngày nghỉ lễ dùng khi lùi lịch.',
    example: '/ngaynghi thêm 02/01/2027 Nghỉ bù Tết Dương lịch',
  },
  caidat: {
    syntax: '/caidat [nhắc: <3 ngày, 1 ngày, 1 giờ>] [| thời lượng: <phút>] [| phiếu kín điện tử: bật|tắt]',
    summary: 'Xem hoặc đổi giờ nhắc lịch và thời lượng tối thiểu của chi bộ.',
    example: '/caidat nhắc: 2 ngày, 2 giờ',
  },
  bieuquyet: {
    syntax: '/bieuquyet [<loại> |] <nội dung> [| hạn: <phút>] — loại: nghị quyết (mặc định), kết nạp, chuyển chính thức, xoá tên, miễn sinh hoạt',
    summary: 'Mở biểu quyết công khai trong cuộc họp, với tỷ lệ theo Điều lệ; đảng viên bấm Tán thành / Không tán thành / Ý kiến khác.',
    example: '/bieuquyet kết nạp | Quần chúng Nguyễn Văn Nam',
  },
  ketthucbieuquyet: { syntax: '/ketthucbieuquyet [số <n>]', summary: 'Kết thúc biểu quyết hoặc bỏ phiếu kín qua bot và công bố kết quả.' },
  bophieukin: {
    syntax: '/bophieukin [<loại> |] <nội dung> [| hạn: <phút>] — loại: kết nạp, chuyển chính thức, xoá tên, kỷ luật | <họ tên>, …',
    summary: 'Mở bỏ phiếu kín: qua tin nhắn riêng nếu chi bộ bật phiếu kín điện tử (/caidat), nếu không thì phiếu giấy và ban kiểm phiếu nhập kết quả.',
    example: '/bophieukin kỷ luật | Võ Đức Đạt',
  },
  kiemphieu: {
    syntax: '/kiemphieu [số <n>] | phát ra: <n> | thu về: <n> | hợp lệ: <n> | <lựa chọn>: <n> …',
    summary: 'Ban kiểm phiếu nhập kết quả phiếu giấy; bot kiểm tra các số cộng lại khớp rồi công bố kết quả.',
    example: '/kiemphieu số 2 | phát ra: 30 | thu về: 30 | hợp lệ: 29 | tán thành: 25 | không tán thành: 3 | ý kiến khác: 1',
  },
  phieu: { syntax: '/phieu (nhắn riêng với bot)', summary: 'Nhận phiếu kín điện tử còn chưa bỏ.' },
  baucu: {
    syntax: '/baucu <chức danh> | số lượng: <n> | ứng cử viên: <họ tên>, <họ tên>, …',
    summary: 'Mở một vòng bầu cử bằng phiếu kín (phiếu giấy); ban kiểm phiếu nhập số phiếu của từng ứng cử viên bằng /kiemphieu.',
    example: '/baucu Bí thư chi bộ | số lượng: 1 | ứng cử viên: Nguyễn Văn Bình, Trần Thị Hoa',
  },
  bienban: {
    syntax: '/bienban [số <n>] <nội dung biên bản, nhiều dòng> — hoặc gửi kèm tệp .txt/.docx',
    summary: 'Gửi toàn văn biên bản của cuộc họp (chi ủy hoặc thư ký); tài liệu có dấu Mật bị từ chối.',
    example: '/bienban số 3\nI. Đánh giá tháng 11: …',
  },
  tomtat: { syntax: '/tomtat [số <n>]', summary: 'Lập dự thảo kết luận, nghị quyết, nhiệm vụ từ ghi chép; gửi riêng để duyệt.', example: '/tomtat' },
  suamuc: {
    syntax: '/suamuc <mã mục> [nội dung mới] [| người: <họ tên>] [| hạn: dd/mm]',
    summary: 'Sửa một mục của dự thảo (K kết luận, N nghị quyết, V việc, D tháng trước).',
    example: '/suamuc V2 | người: Lê Minh Tuấn | hạn: 20/12',
  },
  xoamuc: { syntax: '/xoamuc <mã mục>', summary: 'Bỏ một mục khỏi dự thảo.', example: '/xoamuc K3' },
  themmuc: {
    syntax: '/themmuc <K|N|V|D> <nội dung> [| người: <họ tên>] [| hạn: dd/mm]',
    summary: 'Thêm một mục vào dự thảo.',
    example: '/themmuc V Hoàn thiện hồ sơ kết nạp | người: Trần Thị Hoa | hạn: 31/12',
  },
  duyet: { syntax: '/duyet', summary: 'Duyệt dự thảo: đăng kết luận, nhiệm vụ lên nhóm và bắt đầu theo dõi các việc.' },
  huyduthao: { syntax: '/huyduthao', summary: 'Huỷ dự thảo đang chờ duyệt; không đăng gì lên nhóm.' },
  xuatbienban: {
    syntax: '/xuatbienban [số <n>]',
    summary: 'Xuất biên bản và dự thảo nghị quyết (.md và .docx), gửi riêng cho người yêu cầu.',
    example: '/xuatbienban số 3',
  },
  viec: { syntax: '/viec', summary: 'Xem các việc đang theo dõi và việc quá hạn.' },
  xong: { syntax: '/xong <số việc>', summary: 'Đánh dấu một việc đã hoàn thành (người được giao hoặc chi ủy).', example: '/xong 4' },
  kiemdiem: { syntax: '/kiemdiem', summary: 'Kiểm điểm việc thực hiện nghị quyết tháng trước từ các việc đã giao.' },
  chamdiem: {
    syntax: '/chamdiem [số <n>] [<tiêu chí>=<điểm> …]',
    summary: 'Chấm điểm chất lượng buổi sinh hoạt (thang 100 điểm): bot điền sẵn các tiêu chí tính được, chi ủy chấm phần còn lại.',
    example: '/chamdiem số 3 1=9 4=18 5=17',
  },
  baocao: {
    syntax: '/baocao [đảng viên | đảng ủy] [tháng 11/2026 | quý 4/2026 | năm 2026]',
    summary: 'Báo cáo sinh hoạt của chi bộ kèm biểu đồ; "đảng viên": từng đảng viên trong năm (chỉ chi ủy, gửi riêng); "đảng ủy": toàn đảng bộ (người có vai trò đảng ủy).',
    example: '/baocao quý 4/2026',
  },
  xuatbaocao: {
    syntax: '/xuatbaocao [đảng ủy] [tháng 11/2026 | quý 4/2026 | năm 2026]',
    summary: 'Xuất báo cáo ra Excel (.xlsx) và CSV, gửi riêng cho người yêu cầu.',
    example: '/xuatbaocao năm 2026',
  },
  dangnhap: { syntax: '/dangnhap', summary: 'Nhận liên kết đăng nhập một lần vào trang theo dõi (chỉ xem), nhắn riêng với bot.' },
} satisfies Record<string, { syntax: string; summary: string; example?: string }>;

export type CommandName = keyof typeof commandHelp;

const roleList = 'Bí thư, Phó Bí thư hoặc Chi ủy viên';
const whenHint = `Ví dụ: ${whenExamples.map((e) => `"${e}"`).join(', ')}.`;

export const errors: Record<ErrorCode, (v: Vars) => string> = {
  'command.unknown': (v) => `Không có lệnh /${v.name}. Gõ /huongdan để xem các lệnh.`,
  'command.syntax': (v) => `Lệnh chưa đúng cú pháp. Cách dùng:\n${v.syntax}${v.example ? `\nVí dụ: ${v.example}` : ''}`,
  'command.groupOnly': (v) => `Lệnh /${v.name} chỉ dùng trong nhóm chat của chi bộ.`,
  'command.privateOnly': (v) => `Lệnh /${v.name} chỉ dùng khi nhắn riêng với bot.`,
  'access.stranger': () => 'Bạn chưa có trong danh sách chi bộ nên chưa dùng được lệnh này. Nếu bạn là đảng viên của chi bộ, gõ /toila <họ tên> để chi ủy xác nhận.',
  'access.secretariatOnly': (v) => `Lệnh /${v.name} chỉ dành cho ${roleList}.`,
  'access.notLinkedPrivate': () => 'Tài khoản này chưa liên kết với chi bộ nào. Hãy gõ /toila <họ tên> trong nhóm chat của chi bộ.',
  'cell.notBound': () => 'Nhóm này chưa gắn với chi bộ nào. Bí thư gõ /taochibo <tên chi bộ> | <đảng bộ cấp trên> để bắt đầu.',
  'cell.alreadyBound': () => 'Nhóm này đã gắn với một chi bộ rồi. Gõ /danhsach để xem.',
  'cell.notFound': (v) => `Không tìm thấy chi bộ mã ${v.id}, hoặc bạn không thuộc ban chi ủy của chi bộ đó.`,
  'cell.nameInvalid': () => 'Tên chi bộ không hợp lệ (2–120 ký tự).',
  'member.nameInvalid': (v) => `"${v.name}" không phải là họ tên hợp lệ.`,
  'member.notFound': (v) => `Không tìm thấy đảng viên "${v.name}" trong danh sách. Gõ /danhsach để xem số thứ tự.`,
  'member.duplicateName': (v) => `Danh sách đã có đảng viên tên "${v.name ?? ''}". Nếu trùng họ tên, hãy thêm chữ phân biệt, ví dụ "Nguyễn Văn An (B)".`,
  'member.fieldUnknown': (v) => `Không hiểu "${v.value}". Dùng: chính thức/dự bị, tình trạng (bình thường, miễn sinh hoạt, tạm thời đi, tạm thời đến, đình chỉ, khởi tố), chức vụ (bí thư, phó bí thư, chi ủy viên, đảng viên), số điện thoại, ngày vào Đảng dd/mm/yyyy.`,
  'member.membershipMissing': () => 'Cần ghi rõ đảng viên "chính thức" hay "dự bị".',
  'member.phoneInvalid': (v) => `Số điện thoại "${v.value}" không hợp lệ (ví dụ 0912345678).`,
  'member.dateInvalid': (v) => `Ngày "${v.value}" không hợp lệ; viết theo dạng dd/mm/yyyy, ví dụ 03/02/2015.`,
  'member.dateInFuture': (v) => `Ngày vào Đảng ${v.value} ở tương lai.`,
  'member.nothingToChange': () => 'Không có thông tin nào cần sửa.',
  'member.cannotRemoveSelf': () => 'Bạn không thể tự xoá mình khỏi danh sách; nhờ một đồng chí khác trong chi ủy.',
  'roster.multipleBiThu': () => 'Chi bộ chỉ có một Bí thư.',
  'roster.multiplePhoBiThu': () => 'Chi bộ chỉ có một Phó Bí thư.',
  'roster.probationaryInCommittee': () => 'Đảng viên dự bị không giữ chức vụ trong chi ủy (không có quyền ứng cử, Điều lệ Điều 3).',
  'roster.committeeTooLarge': () => 'Chi ủy có tối đa 7 đồng chí (Điều lệ Điều 24).',
  'roster.noBiThu': () => 'Chi bộ phải còn một Bí thư.',
  'import.empty': () => 'Tệp CSV không có dòng dữ liệu nào.',
  'import.noNameColumn': () => 'Tệp CSV cần cột "Họ và tên" ở dòng tiêu đề.',
  'import.noMembershipColumn': () => 'Tệp CSV cần cột "Đảng viên" ghi chính thức hoặc dự bị.',
  'import.invalidRows': (v) => `Chưa nhập được: ${v.count} lỗi, danh sách giữ nguyên.\n${v.details}`,
  'import.unreadable': (v) => `Không đọc được tệp CSV (lỗi gần dòng ${v.line}, thường do dấu ngoặc kép chưa đóng).`,
  'import.notUtf8': () => 'Tệp không phải mã UTF-8. Trong Excel, chọn Lưu thành "CSV UTF-8 (phân cách bằng dấu phẩy)".',
  'link.alreadyLinked': (v) => `Tài khoản của bạn đã liên kết với đồng chí ${v.name}.`,
  'link.memberTaken': (v) => `Đồng chí ${v.name ?? 'này'} đã liên kết với một tài khoản khác. Nếu có nhầm lẫn, báo Bí thư.`,
  'link.pending': (v) => `Yêu cầu liên kết với đồng chí ${v.name} đang chờ chi ủy xác nhận.`,
  'prompt.closed': () => 'Câu hỏi này đã được trả lời hoặc đã đóng.',
  'prompt.notForYou': () => 'Câu hỏi này dành cho người đã ra lệnh trả lời.',
  'prompt.secretariatOnly': () => `Chỉ ${roleList} trả lời được câu hỏi này.`,
  'when.unrecognised': (v) => `Chưa hiểu thời gian "${v.value}". ${whenHint}`,
  'when.noTime': () => `Cần ghi cả giờ họp. ${whenHint}`,
  'when.noDate': () => `Cần ghi cả ngày họp. ${whenHint}`,
  'when.invalidDate': (v) => `Ngày trong "${v.value}" không có thật. ${whenHint}`,
  'when.invalidTime': (v) => `Giờ trong "${v.value}" không hợp lệ. ${whenHint}`,
  'when.past': () => `Thời gian này đã qua. ${whenHint}`,
  'when.ambiguous': (v) => `Thời gian "${v.value}" có thể hiểu nhiều cách; xin ghi một ngày và một giờ. ${whenHint}`,
  'minutes.classified': (v) =>
    `Nội dung có dấu độ mật «${v.mark}». Luật Bảo vệ bí mật nhà nước 2018 (Điều 5, khoản 2, 5 và 6) cấm soạn thảo, lưu giữ và truyền đưa tài liệu mật trên thiết bị, mạng kết nối Internet. Bot không lưu, không gửi đi và không đăng nội dung này. Đề nghị đồng chí xoá tin nhắn vừa gửi khỏi cuộc trò chuyện.`,
  'minutes.noMeeting': () => 'Chưa có cuộc họp nào đang diễn ra: các thẻ #chude, #ykien, #ketluan, #giao, #nghiquyet chỉ được ghi trong cuộc họp (sau /batdauhop).',
  'minutes.emptyTag': (v) => `Sau thẻ #${v.tag} cần ghi nội dung. Ví dụ: ${v.example}`,
  'minutes.nothingToUndo': () => 'Đồng chí chưa ghi dòng nào trong cuộc họp này để xoá.',
  'minutes.nothingCaptured': (v) => `Cuộc họp số ${v.seq} chưa có ghi chép nào (thẻ #ketluan, #giao… hoặc biên bản gửi bằng /bienban) để lập dự thảo.`,
  'minutes.noDraft': () => 'Không có dự thảo kết luận nào đang chờ duyệt. Gõ /tomtat để lập dự thảo.',
  'minutes.alreadyApproved': (v) => `Kết luận cuộc họp số ${v.seq} đã được duyệt và đăng lên nhóm; không lập lại dự thảo.`,
  'minutes.itemNotFound': (v) => `Dự thảo không có mục ${v.code}. Các mục có mã K (kết luận), N (nghị quyết), V (việc), D (tháng trước) kèm số thứ tự, ví dụ V2.`,
  'minutes.ownerUnknown': (v) => `Không tìm thấy đảng viên "${v.name}" trong danh sách (hoặc có nhiều người trùng tên). Ghi đủ họ tên.`,
  'minutes.dateInvalid': (v) => `"${v.text}" không phải là ngày hợp lệ. Viết dạng 20/12 hoặc 20/12/2026.`,
  'minutes.privateUnreachable': (v) =>
    `Bot chưa nhắn riêng được cho đồng chí, nên chưa gửi được (dự thảo và biên bản không đăng vào nhóm). Hãy mở cuộc trò chuyện riêng với bot${v.link ? ` (${v.link})` : ''} rồi gõ lại lệnh.`,
  'minutes.reviewerOnly': () => 'Chỉ đồng chí đã yêu cầu lập dự thảo mới duyệt hoặc sửa được dự thảo này.',
  'minutes.notClosed': (v) => `Cuộc họp số ${v.seq} chưa kết thúc; biên bản được lập sau /ketthuchop.`,
  'minutes.rollUnbalanced': (v) =>
    `Số liệu điểm danh chưa khớp nên chưa lập được biên bản: tổng số ${v.total} đảng viên, nhưng có mặt ${v.present} + vắng có lý do ${v.excused} + vắng không lý do ${v.unexcused} + miễn sinh hoạt vắng ${v.exemptAbsent} + sinh hoạt nơi khác ${v.away} + đình chỉ ${v.suspended} = ${v.accounted}.${v.names ? ` Chưa điểm danh: ${v.names}. Dùng /diemdanh để bổ sung.` : ''}`,
  'minutes.upload': (v) => `Không đọc được tệp ${v.name}: ${v.reason}`,
  'minutes.textMissing': () => 'Dán nội dung biên bản sau lệnh /bienban (có thể nhiều dòng), hoặc gửi kèm tệp .txt hoặc .docx.',
  'task.notFound': (v) => `Không có việc số ${v.seq}. Gõ /viec để xem các việc đang theo dõi.`,
  'task.notOwner': (v) => `Việc số ${v.seq} giao cho đồng chí ${v.owner}; chỉ người được giao hoặc chi ủy đánh dấu hoàn thành.`,
  'task.alreadyDone': (v) => `Việc số ${v.seq} đã được đánh dấu hoàn thành rồi.`,
  'report.noOrganisation': () => 'Không tìm thấy đảng bộ này.',
  'report.notViewer': (v) => `Báo cáo toàn đảng bộ chỉ dành cho đồng chí được giao vai trò đảng ủy của đảng bộ (người quản trị bot cấp, mã tài khoản của đồng chí: ${v.account}). Chi ủy xem báo cáo chi bộ bằng /baocao.`,
  'report.periodInvalid': (v) => `Chưa rõ kỳ báo cáo "${v.value}". Ví dụ: /baocao tháng 11/2026, /baocao quý 4/2026, /baocao năm 2026.`,
  'report.noFiles': () => 'Kênh chat này chưa gửi được tệp. Tải bảng tính Excel, CSV trên trang theo dõi: nhắn riêng /dangnhap cho bot.',
  'score.notClosed': (v) => `Cuộc họp số ${v.seq} chưa kết thúc; chấm điểm sau khi kết thúc cuộc họp (/ketthuchop).`,
  'score.noCriterion': (v) => `Phiếu chấm chỉ có ${v.count} tiêu chí, không có tiêu chí số ${v.number}.`,
  'score.outOfRange': (v) => `Tiêu chí số ${v.number} chấm từ 0 đến ${v.max} điểm (số nguyên).`,
  'dashboard.nothingToSee': (v) => `Trang theo dõi dành cho chi ủy và đảng ủy; tài khoản này (${v.account}) chưa có quyền xem chi bộ hay đảng bộ nào.`,
  'dashboard.off': () => 'Trang theo dõi chưa được bật trên máy chủ của bot (DASHBOARD_PORT hoặc DASHBOARD_URL). Báo người quản trị bot.',
  'meeting.notFound': (v) => `Không có cuộc họp số ${v.seq}. Gõ /lich để xem.`,
  'meeting.noneUpcoming': () => 'Chưa có cuộc họp nào đã thông báo. Gõ /lich để xem.',
  'meeting.notScheduled': (v) => `Cuộc họp số ${v.seq} đã bắt đầu, đã kết thúc hoặc đã huỷ nên không đổi được nữa.`,
  'meeting.rsvpClosed': (v) => `Cuộc họp số ${v.seq} đã bắt đầu hoặc đã kết thúc, không nhận trả lời thông báo nữa. Trong cuộc họp, báo chi ủy hoặc thư ký để điểm danh.`,
  'meeting.alreadyInProgress': () => 'Đang có cuộc họp diễn ra. Gõ /ketthuchop để kết thúc trước.',
  'meeting.noneToStart': () => 'Không có cuộc họp nào đã thông báo trong 12 giờ tới để bắt đầu. Gõ /lich để xem, hoặc /lichhop để lên lịch.',
  'meeting.notInProgress': () => 'Không có cuộc họp nào đang diễn ra (hoặc vừa kết thúc trong 7 ngày).',
  'meeting.kindUnknown': (v) => `Chưa rõ loại cuộc họp "${v.value}". Dùng: thường kỳ, chuyên đề <chủ đề>, kết hợp <chủ đề>, bất thường, đại hội.`,
  'meeting.topicMissing': () => 'Sinh hoạt chuyên đề cần ghi chủ đề, ví dụ "chuyên đề Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh".',
  'meeting.placeMissing': () => 'Cần ghi địa điểm (hoặc đường dẫn họp trực tuyến đã được cấp trên cho phép thí điểm).',
  'meeting.formExtra': (v) => `Không hiểu phần "${v.value}". Dùng các dòng "Thời gian: …", "Địa điểm: …", "Nội dung: …", "Chủ trì: …".`,
  'meeting.sameTime': () => 'Thời gian mới trùng thời gian cũ.',
  'attendance.notExcused': (v) => `Chỉ chấp nhận được lý do của đồng chí đã ghi vắng có lý do. Chưa ghi vắng có lý do: ${v.names}.`,
  'attendance.lineUnknown': (v) => `Không hiểu dòng "${v.value}". Dùng "có mặt: …", "vắng có lý do: … (lý do)", "vắng không lý do: …".`,
  'access.secretariatOrMinuteTaker': (v) => `Lệnh /${v.name} dành cho ${roleList} hoặc thư ký cuộc họp.`,
  'access.othersSecretariatOnly': () => `Chỉ ${roleList} trả lời thay cho đồng chí khác.`,
  'rule.invalid': () => 'Chưa hiểu lịch định kỳ. Ví dụ: /lichdinhky ngày 1 hằng tháng lúc 7h30 | Hội trường khu phố 3',
  'settings.offsetInvalid': (v) => `Không hiểu "${v.value}". Ghi tối đa 5 mốc, mỗi mốc không quá 30 ngày, ví dụ: nhắc: 3 ngày, 1 ngày, 1 giờ.`,
  'settings.unknown': (v) => `Không có cài đặt "${v.value}". Dùng "nhắc: …" hoặc "thời lượng: …".`,
  'settings.durationInvalid': (v) => `Thời lượng "${v.value}" không hợp lệ; ghi số phút, ít nhất 15.`,
  'holiday.notFound': (v) => `Chi bộ chưa sửa ngày ${v.value}.`,
  'vote.noMeeting': () => 'Biểu quyết chỉ mở trong cuộc họp đang diễn ra (bắt đầu bằng /batdauhop).',
  'vote.cellTooSmall': () => 'Chi bộ có dưới 3 đảng viên chính thức (Điều lệ Đảng, Điều 21): bot không tính kết quả biểu quyết.',
  'vote.secretOnly': () => 'Kỷ luật và bầu cử phải bỏ phiếu kín (Quy định 296-QĐ/TW; Quy chế bầu cử 190-QĐ/TW), không biểu quyết giơ tay. Dùng /bophieukin.',
  'vote.closed': (v) => `Biểu quyết số ${v.seq} đã kết thúc, không nhận thêm.`,
  'vote.probationary': () => 'Đảng viên dự bị không có quyền biểu quyết (Điều lệ Đảng, Điều 3).',
  'vote.notEligible': () => 'Đồng chí không có trong danh sách biểu quyết lúc mở: chỉ đảng viên chính thức có mặt (đã điểm danh) được biểu quyết.',
  'vote.noneOpen': () => 'Không có biểu quyết nào đang mở.',
  'vote.whichOne': (v) => `Đang mở các biểu quyết số ${v.numbers}; ghi rõ số, ví dụ /ketthucbieuquyet số 1.`,
  'vote.stillOpen': (v) => `Còn biểu quyết số ${v.numbers} đang mở; kết thúc bằng /ketthucbieuquyet trước khi kết thúc cuộc họp.`,
  'vote.kindUnknown': (v) => `Chưa rõ loại quyết định "${v.value}". Dùng: nghị quyết, kết nạp, chuyển chính thức, xoá tên, miễn sinh hoạt, kỷ luật.`,
  'vote.electionOnPaper': () => 'Bầu cử dùng lệnh /baucu <chức danh> | số lượng: <n> | ứng cử viên: …',
  'vote.disciplineWho': () => 'Ghi rõ đảng viên bị xem xét kỷ luật có trong danh sách, ví dụ /bophieukin kỷ luật | Nguyễn Văn An.',
  'vote.alreadyVoted': (v) => `Đồng chí đã bỏ phiếu cho cuộc bỏ phiếu số ${v.seq}; mỗi đồng chí chỉ bỏ một phiếu.`,
  'vote.paperNeedsCount': (v) => `Cuộc bỏ phiếu số ${v.seq} bằng phiếu giấy: ban kiểm phiếu nhập kết quả bằng /kiemphieu số ${v.seq} | phát ra: … | thu về: … | hợp lệ: … | …`,
  'vote.notPaper': (v) => `Cuộc bỏ phiếu số ${v.seq} không phải phiếu giấy; kết thúc bằng /ketthucbieuquyet.`,
  'paper.unknownOption': () => 'Có lựa chọn không có trên phiếu. Ghi theo các lựa chọn bot đã nêu khi mở bỏ phiếu.',
  'paper.tooManyIssued': (v) => `Số phiếu phát ra (${v.issued}) nhiều hơn số đồng chí có mặt được bỏ phiếu (${v.eligible}). Kiểm tra lại, chưa ghi kết quả.`,
  'paper.tooManyCollected': (v) => `Số phiếu thu về (${v.collected}) nhiều hơn số phiếu phát ra (${v.issued}). Kiểm tra lại, chưa ghi kết quả.`,
  'paper.tooManyValid': (v) => `Số phiếu hợp lệ (${v.valid}) nhiều hơn số phiếu thu về (${v.collected}). Kiểm tra lại, chưa ghi kết quả.`,
  'paper.sumMismatch': (v) => `Tổng các lựa chọn (${v.sum}) khác số phiếu hợp lệ (${v.valid}). Kiểm tra lại, chưa ghi kết quả.`,
  'paper.candidateOverValid': (v) => `Đồng chí ${v.name} được ${v.votes} phiếu, nhiều hơn số phiếu hợp lệ (${v.valid}). Kiểm tra lại, chưa ghi kết quả.`,
  'election.syntax': () => 'Cách dùng: /baucu <chức danh> | số lượng: <n> | ứng cử viên: <họ tên>, <họ tên>, … Ví dụ: /baucu Bí thư chi bộ | số lượng: 1 | ứng cử viên: Nguyễn Văn Bình, Trần Thị Hoa',
  'election.duplicateCandidate': (v) => `Ứng cử viên "${v.name}" ghi hai lần.`,
  'vote.deadlineInvalid': () => 'Thời hạn ghi bằng phút, từ 1 đến 240, ví dụ "| hạn: 15 phút".',
  'paper.syntax': (v) => `Không hiểu "${v.value}". Ghi: /kiemphieu số <n> | phát ra: 30 | thu về: 30 | hợp lệ: 29 | tán thành: 20 | không tán thành: 7 | ý kiến khác: 2`,
};

export const text = {
  maintenance: 'Bot đang bảo trì: tạm thời không ghi được dữ liệu. Yêu cầu này chưa được ghi nhận; đồng chí vui lòng gửi lại sau ít phút.',
  apology: (v: Vars) => `Xin lỗi, bot gặp lỗi khi xử lý yêu cầu này (mã ${v.eventId}). Dữ liệu đã lưu không bị ảnh hưởng; vui lòng thử lại sau.`,

  help: (commands: { name: CommandName; secretariatOnly: boolean }[]) => {
    const line = (name: CommandName) => `${commandHelp[name].syntax}\n   ${commandHelp[name].summary}`;
    const forAll = commands.filter((c) => !c.secretariatOnly).map((c) => line(c.name));
    const forCommittee = commands.filter((c) => c.secretariatOnly).map((c) => line(c.name));
    return [
      'HƯỚNG DẪN SỬ DỤNG',
      '',
      'Lệnh cho mọi đảng viên:',
      ...forAll,
      '',
      `Lệnh cho ${roleList}:`,
      ...forCommittee,
      '',
      'Gõ /huongdan <lệnh> để xem ví dụ, ví dụ /huongdan themdv.',
    ].join('\n');
  },
  helpOne: (name: CommandName) => {
    const h: { syntax: string; summary: string; example?: string } = commandHelp[name];
    return [`/${name}: ${h.summary}`, `Cách dùng: ${h.syntax}`, ...(h.example ? [`Ví dụ: ${h.example}`] : [])].join('\n');
  },

  cellCreated: (v: { cell: string; path: string[]; founder: string; id: number }) =>
    [
      `Đã tạo ${v.cell}${v.path.length ? ` (${v.path.join(' › ')})` : ''}, mã chi bộ ${v.id}.`,
      `Đồng chí ${v.founder} là Bí thư.`,
      'Bước tiếp theo: thêm đảng viên bằng /themdv hoặc nhập cả danh sách bằng /nhapdv (tệp CSV).',
    ].join('\n'),
  chatBound: (v: { cell: string }) => `Đã gắn nhóm này vào ${v.cell}.`,

  memberAdded: (v: { seq: number; name: string; details: string }) => `Đã thêm ${v.seq}. ${v.name} (${v.details}).`,
  memberUpdated: (v: { seq: number; name: string; details: string }) => `Đã cập nhật ${v.seq}. ${v.name} (${v.details}).`,
  confirmRemove: (v: { seq: number; name: string }) =>
    `Xoá ${v.seq}. ${v.name} khỏi danh sách chi bộ? Lịch sử sinh hoạt của đồng chí vẫn được giữ.`,
  memberRemoved: (v: { seq: number; name: string }) => `Đã xoá ${v.seq}. ${v.name} khỏi danh sách.`,
  removeCancelled: () => 'Đã huỷ, danh sách giữ nguyên.',

  importDone: (v: { added: number; updated: number; unchanged: number; ignoredColumns: string[]; total: number }) =>
    [
      `Đã nhập danh sách: thêm mới ${v.added}, cập nhật ${v.updated}, giữ nguyên ${v.unchanged}.`,
      `Chi bộ hiện có ${v.total} đảng viên. Gõ /danhsach để xem.`,
      ...(v.ignoredColumns.length ? [`Bỏ qua các cột: ${v.ignoredColumns.join(', ')}.`] : []),
    ].join('\n'),
  importRowError: (v: { line: number; message: string }) => `- Dòng ${v.line}: ${v.message}`,
  importMemberError: (v: { name: string; message: string }) => `- ${v.name} (đang có trong danh sách): ${v.message}`,

  memberDetails: (m: { membership: Membership; status: MemberStatus; role: CellRole; phone: string | null; admittedOn: string | null }, withContact: boolean) =>
    [
      labels.membership[m.membership],
      ...(m.role !== 'DANG_VIEN' ? [labels.role[m.role].toLowerCase()] : []),
      ...(m.status !== 'ACTIVE' ? [labels.status[m.status]] : []),
      ...(withContact && m.phone ? [`ĐT ${m.phone}`] : []),
      ...(withContact && m.admittedOn ? [`vào Đảng ${formatDayMonthYear(m.admittedOn)}`] : []),
    ].join(', '),

  roster: (v: { cell: string; id: number; path: string[]; counts: RosterCounts; lines: string[]; advice: RosterAdvice[] }) => {
    const c = v.counts;
    const statusParts = (
      [
        ['EXEMPT', 'miễn sinh hoạt'],
        ['TEMP_OUT', 'sinh hoạt tạm thời đi'],
        ['TEMP_IN', 'sinh hoạt tạm thời đến'],
        ['SUSPENDED', 'đình chỉ sinh hoạt'],
        ['PROSECUTED', 'bị khởi tố/tạm giam'],
      ] as const
    )
      .filter(([s]) => c.byStatus[s] > 0)
      .map(([s, label]) => `${label}: ${c.byStatus[s]}`);
    const adviceText: Record<RosterAdvice, string> = {
      tooFewOfficial: 'Lưu ý: chi bộ cần ít nhất 3 đảng viên chính thức (Điều lệ Điều 21).',
      noBiThu: 'Lưu ý: danh sách chưa có Bí thư.',
    };
    return [
      `DANH SÁCH ${v.cell.toUpperCase()} (mã ${v.id})${v.path.length ? `\n${v.path.join(' › ')}` : ''}`,
      `Tổng số: ${c.total} đảng viên; chính thức: ${c.official}; dự bị: ${c.probationary}.`,
      ...(statusParts.length ? [`Trong đó ${statusParts.join('; ')}.`] : []),
      '',
      ...v.lines,
      ...(v.advice.length ? ['', ...v.advice.map((a) => adviceText[a])] : []),
    ].join('\n');
  },
  rosterLine: (v: { seq: number; name: string; details: string }) => `${v.seq}. ${v.name} (${v.details})`,
  rosterEmpty: () => '(Chưa có đảng viên nào. Dùng /themdv hoặc /nhapdv.)',

  linkAsk: (v: { account: string; name: string }) =>
    `Tài khoản "${v.account}" xin liên kết với đồng chí ${v.name} trong danh sách chi bộ. ${roleList} xác nhận:`,
  linkApproved: (v: { account: string; name: string }) => `Đã liên kết tài khoản "${v.account}" với đồng chí ${v.name}.`,
  linkRejected: (v: { account: string; name: string }) => `Đã từ chối liên kết tài khoản "${v.account}" với đồng chí ${v.name}.`,

  promptAnswered: () => 'Đã ghi nhận.',
};

/** Labels and notes of the terminal chat (shell channel). */
export const shell = {
  defaultSpeaker: 'Người dùng',
  group: (name: string) => `nhóm ${name}`,
  private: (name: string) => `riêng: ${name}`,
  bot: 'Bot',
  edited: (id: string) => `sửa tin ${id}`,
  /** The names are in the message itself; the shell only shows that they are tagged. */
  mentioned: (count: number) => `(gắn thẻ ${count} đồng chí)`,
  all: 'tất cả',
  noticeTo: (name: string) => `thông báo riêng cho ${name}`,
  speakerNow: (name: string) => `Người nói: ${name}`,
  chatNow: (chat: string) => `Đang ở: ${chat}`,
  clockNow: (time: string) => `Đồng hồ: ${time}`,
  banner: (speaker: string, chat: string) =>
    [
      'Chi bộ bot — kênh dòng lệnh. Gõ tin nhắn như trong nhóm chat; lệnh bắt đầu bằng /, ví dụ /huongdan.',
      'Lệnh điều khiển: :as <họ tên> đổi người nói · :group [tên] về nhóm · :dm nhắn riêng với bot',
      '  :chon <n> bấm lựa chọn n · :tep <đường dẫn> [lệnh] gửi tệp · :clock YYYY-MM-DD HH:mm chỉnh giờ · :quit thoát',
      `Người nói: ${speaker} · Đang ở: ${chat}`,
    ].join('\n'),
  controlHelp: ':as <họ tên> · :group [tên] · :dm · :chon <n> · :tep <đường dẫn> [lệnh] · :clock YYYY-MM-DD HH:mm · :# ghi chú · :quit',
  unknownControl: (c: string) => `Không có lệnh điều khiển "${c}". Có: :as, :group, :dm, :chon, :tep, :clock, :quit.`,
  noPrompt: 'Chưa có câu hỏi nào có lựa chọn trong cuộc trò chuyện này.',
  noOption: (n: string) => `Không có lựa chọn số ${n}.`,
  badClock: 'Viết giờ theo dạng :clock 2026-12-05 14:00 (giờ Việt Nam), và chỉ chỉnh tiến.',
  fileMissing: (path: string) => `Không mở được tệp ${path}.`,
  fileSaved: (name: string, path: string) => `📎 ${name} — đã lưu tại ${path}`,
};

/** "Trả lời bằng số: 1, 2 hoặc 3." */
function zaloNumbers(count: number): string {
  const numbers = Array.from({ length: count }, (_, i) => String(i + 1));
  return `Trả lời bằng số: ${numbers.length > 1 ? `${numbers.slice(0, -1).join(', ')} hoặc ${numbers.at(-1)}` : numbers[0]}.`;
}

/** What the Zalo adapter shows around the bot's own sentences, and what `npm run zalo:login` says. */
export const zalo = {
  /** Mentions everyone in a Zalo group (uid -1). */
  mentionAll: '@All',
  numberedOption: (n: number, label: string) => `${n}. ${label}`,
  numberedHint: (count: number) => zaloNumbers(count),
  noOption: (n: number, count: number) => `Không có lựa chọn số ${n}. ${zaloNumbers(count)}`,
  login: {
    intro: 'Đăng nhập Zalo cho bot chi bộ. Dùng một tài khoản Zalo RIÊNG cho bot, không dùng tài khoản cá nhân.',
    scan: (path: string) => `Mở Zalo trên điện thoại của tài khoản bot → biểu tượng mã QR → quét mã dưới đây (ảnh cũng lưu tại ${path}).`,
    expired: 'Mã QR đã hết hạn, đang tạo mã mới…',
    scanned: (name: string) => `Đã quét bởi "${name}". Hãy bấm Đăng nhập trên điện thoại để xác nhận.`,
    declined: 'Đăng nhập bị từ chối trên điện thoại. Chạy lại npm run zalo:login khi sẵn sàng.',
    saved: (path: string, uid: string) => `Đã lưu phiên đăng nhập vào ${path} (chỉ chủ máy đọc được). Tài khoản bot: ${uid}. Chạy npm start với ZALO_ENABLED=true.`,
    failed: (reason: string) => `Không đăng nhập được: ${reason}`,
  },
};

/** The sentence for an expected mistake. */
export function errorText(code: ErrorCode, vars: Vars = {}): string {
  return errors[code](vars);
}
