// A long biên bản for the summariser benchmark: a year-end conference of a ward's cell, one agenda item per page
// (report, speakers, the cell's conclusions, resolutions, tasks with owners and deadlines), in the style of
// test/fixtures/minutes/. Deterministic (seeded), and every planted item is distinct, so a summariser's draft
// can be scored against what was written: which items it found, under which kind, with which owner and date.
import { nameKey } from '../../src/domain/names.ts';

export type PlantedKind = 'conclusion' | 'resolution' | 'task' | 'lastMonth';

export interface PlantedItem {
  kind: PlantedKind;
  /** The sentence as written, without its final full stop. */
  text: string;
  /** The line it is on, as sourceLines() numbers it ("L12"). */
  ref: string;
  /** Tasks: the roster member named as owner, and the deadline the sentence states. */
  owner?: string;
  dueOn?: string;
}

export interface GeneratedMinutes {
  text: string;
  pages: number;
  /** Characters of each page (the blank line between pages included). */
  pageChars: number[];
  /** The roster: every owner is on it; given names are unique and never another name's part. */
  members: string[];
  meetingDate: string;
  planted: PlantedItem[];
}

export const MEETING_DATE = '2026-12-10';

/** Given names unique, never a middle name, a surname, a street or a word that opens a sentence. */
export const ROSTER = [
  'Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Minh Tuấn', 'Huỳnh Kim Oanh', 'Hoàng Quốc Sơn', 'Phạm Ngọc Yến',
  'Võ Đức Đạt', 'Dương Đức Thắng', 'Lý Ngọc Mai', 'Đặng Văn Khoa', 'Bùi Thị Nga', 'Đỗ Hữu Phúc',
  'Ngô Thị Hằng', 'Hồ Văn Lực', 'Trương Thị Diệu', 'Phan Văn Hiếu', 'Vũ Thị Loan', 'Đinh Công Trí',
  'Tạ Văn Kiên', 'Lương Thị Thoa', 'Châu Văn Lâm', 'Kiều Thị Duyên',
];
const ROLES: Record<string, string> = {
  'Nguyễn Văn Bình': 'Bí thư chi bộ',
  'Trần Thị Hoa': 'Phó Bí thư chi bộ',
  'Lê Minh Tuấn': 'Chi ủy viên',
  'Huỳnh Kim Oanh': 'Chi ủy viên',
};

const STREETS = ['Lê Thánh Tôn', 'Nguyễn Du', 'Hàm Nghi', 'Pasteur', 'Lý Tự Trọng', 'Nam Kỳ Khởi Nghĩa', 'Tôn Thất Thiệp', 'Huỳnh Thúc Kháng'];
const QUARTERS = ['I', 'II', 'III', 'IV'];

/** mulberry32: small, fast, and the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

/** Fills {to} {hem} {street} {n1} {n2} {n3} {q} {money} with numbers of plausible size. */
function fill(template: string, r: Rng): string {
  return template
    .replace(/\{to\}/g, () => String(r.int(1, 24)))
    .replace(/\{hem\}/g, () => String(r.int(2, 198)))
    .replace(/\{street\}/g, () => r.pick(STREETS))
    .replace(/\{n1\}/g, () => String(r.int(1, 5)))
    .replace(/\{n2\}/g, () => String(r.int(2, 30)))
    .replace(/\{n3\}/g, () => String(r.int(10, 120)))
    .replace(/\{q\}/g, () => r.pick(QUARTERS))
    .replace(/\{money\}/g, () => String(r.int(5, 60)));
}

interface Topic {
  title: string;
  subject: string;
  /** Neutral facts for the report: no cue word of any kind. */
  facts: string[];
  /** Lower-case verb phrases: what the cell decides or gives someone to do. No cue word, no title, no date. */
  actions: string[];
  /** What speakers say: opinions, which a summariser must leave out. */
  opinions: string[];
}

const TOPICS: Topic[] = [
  {
    title: 'CÔNG TÁC BẢO ĐẢM AN NINH TRẬT TỰ',
    subject: 'bảo đảm an ninh trật tự',
    facts: [
      'Trong năm, trên địa bàn tổ {to} xảy ra {n1} vụ trộm cắp tài sản, giảm so với cùng kỳ',
      'Tổ tự quản đã phối hợp với công an phường tuần tra {n3} lượt vào ban đêm',
      'Hệ thống camera ở hẻm {hem} đường {street} hoạt động ổn định, giúp xác minh {n1} vụ việc',
      'Số người tạm trú tại các khu nhà trọ tăng khoảng {n2} người so với đầu năm',
    ],
    actions: [
      'lắp thêm {n2} camera an ninh tại hẻm {hem} đường {street}',
      'tổ chức tuần tra ban đêm ở tổ {to} vào các tối thứ Bảy và Chủ nhật',
      'rà soát người tạm trú tại {n3} phòng trọ ở tổ {to}',
      'củng cố tổ tự quản an ninh của tổ {to} với {n2} thành viên',
      'vận động {n3} hộ ở tổ {to} ký cam kết không tàng trữ, sử dụng pháo nổ',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: tình hình trộm cắp vặt ở hẻm {hem} vẫn còn phức tạp, nhất là vào giờ cao điểm buổi chiều; đề nghị tăng cường tuần tra và nhắc bà con khóa cửa cẩn thận.',
      'Đồng chí {name}: Tôi nhất trí với báo cáo; camera ở đầu hẻm {hem} đã hỏng từ tháng 9 nên cần sửa sớm trước dịp Tết để người dân yên tâm.',
      'Đồng chí {name} cho rằng lực lượng tổ tự quản còn mỏng, phần lớn là người cao tuổi, cần vận động thêm thanh niên tham gia tuần tra.',
    ],
  },
  {
    title: 'CÔNG TÁC VỆ SINH MÔI TRƯỜNG, CẢNH QUAN ĐÔ THỊ',
    subject: 'vệ sinh môi trường',
    facts: [
      'Các tổ dân phố đã tổ chức {n2} đợt ra quân làm sạch hẻm phố với khoảng {n3} lượt người tham gia',
      'Tình trạng vứt rác ra lòng đường ở hẻm {hem} đường {street} đã giảm rõ',
      'Đơn vị thu gom rác đã điều chỉnh giờ thu gom ở tổ {to} theo góp ý của người dân',
      'Có {n3} hộ ở tổ {to} đã thực hiện phân loại rác tại nguồn',
    ],
    actions: [
      'ra quân tổng vệ sinh tuyến hẻm {hem} đường {street} vào sáng Chủ nhật đầu tháng',
      'vận động {n3} hộ ở tổ {to} phân loại rác tại nguồn',
      'trồng thêm {n2} cây xanh dọc đường {street}',
      'xóa {n2} điểm tập kết rác tự phát ở tổ {to}',
      'nạo vét {n1} đoạn cống thoát nước ở hẻm {hem}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: ý thức giữ gìn vệ sinh của một bộ phận người thuê trọ chưa cao, rác vẫn bị bỏ ở góc hẻm {hem} vào ban đêm.',
      'Đồng chí {name}: Tôi đồng ý với báo cáo; nên phối hợp với Chi hội Phụ nữ để hướng dẫn các hộ cách phân loại rác cho đúng.',
      'Đồng chí {name} nêu ý kiến về tình trạng ngập nước ở hẻm {hem} mỗi khi mưa lớn, ảnh hưởng đến việc đi lại của bà con.',
    ],
  },
  {
    title: 'CÔNG TÁC PHÒNG CHÁY, CHỮA CHÁY',
    subject: 'phòng cháy, chữa cháy',
    facts: [
      'Trên địa bàn có {n3} hộ kinh doanh kết hợp ở, trong đó {n2} hộ đã trang bị bình chữa cháy',
      'Đội phòng cháy dân phòng của tổ {to} có {n2} người, đã được tập huấn nghiệp vụ',
      'Trong năm không xảy ra cháy lớn; có {n1} vụ chập điện nhỏ được dập tắt kịp thời',
      'Nhiều nhà ở hẻm {hem} đường {street} vẫn lắp khung sắt kín, không có lối thoát hiểm phụ',
    ],
    actions: [
      'kiểm tra bình chữa cháy của {n3} hộ kinh doanh ở tổ {to}',
      'tổ chức diễn tập phương án chữa cháy tại hẻm {hem} đường {street}',
      'vận động {n3} hộ ở tổ {to} trang bị bình chữa cháy mini',
      'rà soát hệ thống điện của {n2} khu nhà trọ ở tổ {to}',
      'vận động {n2} hộ ở hẻm {hem} mở lối thoát hiểm phụ trên khung sắt',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: nhiều hộ để xe máy sát cầu thang, sạc điện qua đêm, nguy cơ cháy rất cao; cần tuyên truyền thường xuyên hơn.',
      'Đồng chí {name}: Tôi thống nhất với nội dung báo cáo; đề nghị mời cảnh sát phòng cháy của quận về hướng dẫn cho bà con tổ {to}.',
      'Đồng chí {name} nhấn mạnh dịp cuối năm người dân dùng nhiều thiết bị điện, cần nhắc các hộ kiểm tra dây dẫn.',
    ],
  },
  {
    title: 'CÔNG TÁC XÂY DỰNG ĐẢNG VÀ ĐẢNG VIÊN',
    subject: 'xây dựng Đảng',
    facts: [
      'Chi bộ có {n2} đảng viên sinh hoạt thường xuyên, tỷ lệ dự sinh hoạt bình quân đạt trên 90%',
      'Trong năm chi bộ đã giới thiệu {n1} quần chúng tham gia lớp bồi dưỡng nhận thức về Đảng',
      'Sổ đảng viên điện tử đã được cập nhật cho phần lớn đảng viên của chi bộ',
      'Việc thu nộp đảng phí được thực hiện đều đặn hằng tháng, đúng quy định',
    ],
    actions: [
      'thu đủ đảng phí quý {q} của {n2} đảng viên sinh hoạt ở tổ {to}',
      'bồi dưỡng {n1} quần chúng ưu tú ở tổ {to} để xem xét kết nạp',
      'cập nhật sổ đảng viên điện tử cho {n2} đảng viên của tổ {to}',
      'hoàn chỉnh hồ sơ giới thiệu {n1} quần chúng ở tổ {to} dự lớp nhận thức về Đảng',
      'tổ chức sinh hoạt chuyên đề về nêu gương cho {n2} đảng viên cao tuổi',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: nguồn phát triển đảng viên ở khu dân cư còn ít, chủ yếu là người đã nghỉ hưu; cần chú ý đến thanh niên trong các đoàn thể.',
      'Đồng chí {name}: Tôi nhất trí; nội dung sinh hoạt chi bộ nên có thêm chuyên đề gắn với việc cụ thể của tổ {to}.',
      'Đồng chí {name} cho biết một số đảng viên cao tuổi đi lại khó khăn, xin được tạo điều kiện khi họp vào buổi tối.',
    ],
  },
  {
    title: 'CHĂM LO GIA ĐÌNH CHÍNH SÁCH VÀ HỘ KHÓ KHĂN',
    subject: 'chăm lo gia đình chính sách',
    facts: [
      'Địa bàn còn {n2} hộ cận nghèo và {n1} hộ nghèo theo chuẩn của thành phố',
      'Các đoàn thể đã trao {n3} phần quà cho gia đình chính sách nhân ngày 27/7',
      'Quỹ "Vì người nghèo" của khu phố đã vận động được khoảng {money} triệu đồng',
      'Có {n1} hộ ở hẻm {hem} đường {street} đang ở nhà xuống cấp, cần hỗ trợ sửa chữa',
    ],
    actions: [
      'thăm hỏi {n2} gia đình chính sách ở tổ {to} dịp Tết Nguyên đán',
      'vận động quỹ "Vì người nghèo" được {money} triệu đồng cho tổ {to}',
      'rà soát {n2} hộ cận nghèo ở tổ {to} theo chuẩn mới',
      'sửa chữa nhà cho {n1} hộ khó khăn ở hẻm {hem} đường {street}',
      'tặng {n3} phần quà Tết cho hộ khó khăn của tổ {to}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: việc xét hộ cận nghèo cần công khai tại tổ dân phố để bà con giám sát, tránh thắc mắc.',
      'Đồng chí {name}: Tôi đồng ý; nên ưu tiên các cụ neo đơn ở hẻm {hem} khi trao quà Tết năm nay.',
      'Đồng chí {name} kiến nghị phường sớm gửi danh sách hộ cận nghèo để khu phố kịp đối chiếu trước Tết.',
    ],
  },
  {
    title: 'CÔNG TÁC KHUYẾN HỌC, KHUYẾN TÀI',
    subject: 'khuyến học',
    facts: [
      'Chi hội Khuyến học đã trao {n2} suất học bổng cho học sinh có hoàn cảnh khó khăn',
      'Tổ {to} có {n3} hộ được công nhận gia đình học tập',
      'Số học sinh giỏi cấp quận của khu phố tăng {n1} em so với năm học trước',
    ],
    actions: [
      'trao {n2} suất học bổng cho học sinh nghèo hiếu học ở tổ {to}',
      'vận động {n3} hộ ở tổ {to} đăng ký gia đình học tập',
      'tổ chức tuyên dương {n2} học sinh giỏi của tổ {to}',
      'mở lớp học kỹ năng sống miễn phí cho {n2} thiếu nhi ở tổ {to} trong hè',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: nguồn quỹ khuyến học còn phụ thuộc vào một số nhà hảo tâm, cần mở rộng vận động.',
      'Đồng chí {name}: Tôi nhất trí với báo cáo; đề nghị khen thưởng kịp thời các em đạt giải cấp thành phố.',
    ],
  },
  {
    title: 'CÔNG TÁC Y TẾ CỘNG ĐỒNG',
    subject: 'y tế cộng đồng',
    facts: [
      'Trong năm khu phố ghi nhận {n2} ca sốt xuất huyết, giảm so với năm trước',
      'Trạm y tế phường đã khám sức khỏe miễn phí cho {n3} người cao tuổi',
      'Tỷ lệ trẻ em ở tổ {to} được tiêm chủng đầy đủ đạt trên 95%',
    ],
    actions: [
      'phun thuốc diệt muỗi phòng sốt xuất huyết ở tổ {to}',
      'vận động {n3} người cao tuổi ở tổ {to} khám sức khỏe định kỳ',
      'xử lý {n2} ổ nước đọng ở hẻm {hem} đường {street}',
      'phối hợp trạm y tế tổ chức tiêm chủng bổ sung cho {n2} trẻ ở tổ {to}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: nhiều hộ còn để chum vại chứa nước không đậy nắp, là nơi muỗi sinh sản.',
      'Đồng chí {name}: Tôi thống nhất; cần thông báo lịch khám sức khỏe sớm để người cao tuổi sắp xếp.',
    ],
  },
  {
    title: 'CHUYỂN ĐỔI SỐ VÀ DỊCH VỤ CÔNG TRỰC TUYẾN',
    subject: 'chuyển đổi số',
    facts: [
      'Tổ công nghệ số cộng đồng đã hướng dẫn {n3} người dân cài đặt ứng dụng định danh điện tử',
      'Có {n2} hồ sơ hành chính của người dân tổ {to} được nộp trực tuyến trong quý',
      'Nhóm Zalo của khu phố hiện có khoảng {n3} thành viên',
    ],
    actions: [
      'hướng dẫn {n3} người dân ở tổ {to} kích hoạt tài khoản định danh điện tử mức 2',
      'lập nhóm Zalo của tổ {to} để thông tin cho {n3} hộ dân',
      'hỗ trợ {n2} hộ ở tổ {to} nộp hồ sơ dịch vụ công trực tuyến',
      'mở {n1} buổi hướng dẫn thanh toán không dùng tiền mặt cho tiểu thương đường {street}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: người cao tuổi còn ngại dùng điện thoại thông minh, cần có người kèm cặp tận nhà.',
      'Đồng chí {name}: Tôi đồng ý; nên tận dụng đoàn viên thanh niên làm tổ hỗ trợ vào cuối tuần.',
    ],
  },
  {
    title: 'XÂY DỰNG NẾP SỐNG VĂN MINH ĐÔ THỊ',
    subject: 'nếp sống văn minh đô thị',
    facts: [
      'Tình trạng lấn chiếm vỉa hè trên đường {street} vẫn còn ở một số đoạn',
      'Có {n3} hộ ở tổ {to} được công nhận gia đình văn hóa',
      'Khu phố đã vận động tháo dỡ {n2} bảng quảng cáo sai quy định',
    ],
    actions: [
      'vận động {n2} hộ kinh doanh ở đường {street} trả lại vỉa hè cho người đi bộ',
      'sơn lại vạch kẻ chỗ để xe tại hẻm {hem} đường {street}',
      'chỉnh trang {n2} bảng hiệu sai quy định ở tổ {to}',
      'tổ chức bình xét gia đình văn hóa cho {n3} hộ ở tổ {to}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: việc lấn chiếm vỉa hè tái diễn sau mỗi đợt ra quân, cần duy trì kiểm tra thường xuyên.',
      'Đồng chí {name}: Tôi nhất trí; bình xét gia đình văn hóa phải thực chất, không chạy theo số lượng.',
    ],
  },
  {
    title: 'CÔNG TÁC DÂN VẬN VÀ HÒA GIẢI Ở CƠ SỞ',
    subject: 'dân vận và hòa giải',
    facts: [
      'Tổ hòa giải đã giải quyết thành {n1} vụ mâu thuẫn trong khu dân cư',
      'Khu phố tổ chức {n1} buổi đối thoại giữa người dân và lãnh đạo phường',
      'Một số hộ ở hẻm {hem} còn ý kiến về việc nâng cấp mặt đường',
    ],
    actions: [
      'hòa giải dứt điểm {n1} vụ tranh chấp lối đi ở tổ {to}',
      'tổ chức đối thoại với {n3} hộ dân tổ {to} về việc nâng cấp hẻm {hem}',
      'lấy ý kiến {n3} hộ ở tổ {to} về phương án thu gom rác mới',
      'tiếp xúc, lắng nghe ý kiến của {n2} hộ kinh doanh trên đường {street}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: một số vụ việc nhỏ kéo dài vì thiếu người đứng ra hòa giải sớm.',
      'Đồng chí {name}: Tôi đồng ý với báo cáo; khi đối thoại cần ghi nhận đầy đủ ý kiến và trả lời bằng văn bản.',
    ],
  },
  {
    title: 'CÔNG TÁC TUYÊN TRUYỀN',
    subject: 'tuyên truyền',
    facts: [
      'Bảng tin của khu phố được cập nhật thường xuyên các chủ trương mới',
      'Hệ thống loa của tổ {to} hoạt động tốt vào buổi sáng',
      'Khu phố đã treo {n2} băng rôn chào mừng các ngày lễ lớn',
    ],
    actions: [
      'treo {n2} băng rôn mừng Đảng, mừng Xuân trên đường {street}',
      'phát {n3} tờ rơi phòng chống ma túy cho bà con tổ {to}',
      'cập nhật bảng tin của tổ {to} mỗi tuần một lần',
      'tổ chức nói chuyện chuyên đề về an toàn giao thông cho {n3} người dân tổ {to}',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: nội dung tuyên truyền cần ngắn gọn, dễ hiểu, phù hợp với người lớn tuổi.',
      'Đồng chí {name}: Tôi thống nhất; nên tận dụng nhóm Zalo để gửi thông tin nhanh đến từng hộ.',
    ],
  },
  {
    title: 'CÔNG TÁC NGƯỜI CAO TUỔI VÀ THANH NIÊN',
    subject: 'người cao tuổi và thanh niên',
    facts: [
      'Khu phố có {n3} người từ 80 tuổi trở lên',
      'Câu lạc bộ dưỡng sinh của tổ {to} duy trì sinh hoạt đều mỗi sáng',
      'Chi đoàn khu phố có {n2} đoàn viên, tham gia tích cực các hoạt động tình nguyện',
    ],
    actions: [
      'tổ chức mừng thọ cho {n2} cụ trên 80 tuổi ở tổ {to}',
      'thành lập câu lạc bộ dưỡng sinh với {n2} hội viên ở tổ {to}',
      'vận động {n2} thanh niên tổ {to} tham gia đội hình tình nguyện',
      'tổ chức giải bóng đá thiếu niên cho {n2} đội của khu phố',
    ],
    opinions: [
      'Đồng chí {name} phát biểu: thanh niên đi làm xa nên khó tập trung, cần tổ chức hoạt động vào cuối tuần.',
      'Đồng chí {name}: Tôi đồng ý; việc mừng thọ nên làm trang trọng, mời cả gia đình các cụ cùng dự.',
    ],
  },
];

const PERIODS = ['quý I năm 2027', 'quý II năm 2027', 'sáu tháng đầu năm 2027', 'dịp Tết Nguyên đán', 'tháng 01/2027', 'năm 2027'];
const REASONS = ['thiếu kinh phí', 'phường gửi danh sách chậm', 'thời tiết mưa kéo dài', 'chưa bố trí được người', 'người dân còn ý kiến khác nhau'];
const FILLERS = [
  'Đồng chí {chair} tiếp thu ý kiến của các đồng chí và giải trình thêm về cách làm ở tổ {to}.',
  'Đồng chí {name} cho biết: khu vực hẻm {hem} đường {street} có nhiều hộ mới chuyển đến trong năm, nhiều hộ chưa đăng ký tạm trú đầy đủ.',
  'Đồng chí {name} trao đổi thêm về kinh nghiệm của khu phố bạn trong việc huy động người dân cùng làm, đặc biệt là vai trò của các tổ trưởng tổ dân phố.',
];

const dd = (n: number) => String(n).padStart(2, '0');
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const key = (s: string) => nameKey(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const givenName = (full: string) => full.split(' ').at(-1)!;

/** A deadline after the meeting, written in one of the ways people write it; returns the sentence's tail and the date. */
function deadline(r: Rng): { words: string; iso: string } {
  const iso = addDays(MEETING_DATE, r.int(5, 200));
  const [y, m, d] = iso.split('-');
  const words = r.pick([
    `hoàn thành trước ngày ${d}/${m}/${y}`,
    `hạn ${d}/${m}`,
    `thời hạn: ngày ${d} tháng ${m} năm ${y}`,
    `báo cáo chi ủy chậm nhất ngày ${d}/${m}/${y}`,
    `xong trước ngày ${d}/${m}`,
  ]);
  return { words, iso };
}

/** The ways a task names its owner (all of them read by the offline summariser's rules). */
function taskSentence(r: Rng, action: string, owner: string, due: { words: string }): string {
  const given = givenName(owner);
  return r.pick([
    () => `Đồng chí ${owner} chịu trách nhiệm ${action}, ${due.words}.`,
    () => `Đ/c ${owner} chịu trách nhiệm ${action}; ${due.words}.`,
    () => `Giao đồng chí ${given} ${action}, ${due.words}.`,
    () => `Phân công đồng chí ${owner} ${action}, ${due.words}.`,
    () => `Đ/c ${given} phụ trách ${action}, ${due.words}.`,
  ])();
}

export function generateMinutes(pages: number, seed = 20261210): GeneratedMinutes {
  const r = prng(seed);
  const lines: string[] = [];
  const planted: PlantedItem[] = [];
  const used = new Set<string>();
  const pageChars: number[] = [];
  let length = 0; // of lines.join('\n'), kept as lines are added
  const push = (line: string) => {
    length += (lines.length ? 1 : 0) + line.length;
    lines.push(line);
    return `L${lines.length}`;
  };
  /** A filled template whose key was not used yet (the same item twice would be one item in a draft). */
  const fresh = (make: () => string): string => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const text = make();
      if (!used.has(key(text))) {
        used.add(key(text));
        return text;
      }
    }
    throw new Error('generator: no fresh item after 50 attempts');
  };
  const plant = (kind: PlantedKind, sentence: string, extra: Partial<PlantedItem> = {}) => {
    const ref = push(sentence);
    planted.push({ kind, text: sentence.replace(/[.;]$/, ''), ref, ...extra });
  };
  const person = (not: readonly string[] = []) => r.pick(ROSTER.filter((m) => !not.includes(m)));
  const chair = ROSTER[0]!;

  push('ĐẢNG BỘ PHƯỜNG BẾN THÀNH');
  push('CHI BỘ KHU PHỐ 3');
  push('*');
  push('ĐẢNG CỘNG SẢN VIỆT NAM');
  push('Bến Thành, ngày 10 tháng 12 năm 2026');
  push('');
  push('BIÊN BẢN');
  push('HỘI NGHỊ CHI BỘ TỔNG KẾT CÔNG TÁC NĂM 2026');
  push('');
  push('Thời gian: bắt đầu lúc 07 giờ 30 phút, ngày 10/12/2026.');
  push('Địa điểm: Hội trường Khu phố 3, số 14 đường Lê Thánh Tôn, phường Bến Thành.');
  push(`Chủ trì: đồng chí ${chair}, Bí thư chi bộ.`);
  push('Thư ký: đồng chí Lý Ngọc Mai, đảng viên.');
  push(`Tổng số đảng viên của chi bộ: ${ROSTER.length} đồng chí. Có mặt: ${ROSTER.length - 1} đồng chí.`);
  push('');

  for (let page = 1; page <= pages; page++) {
    const start = length;
    const topic = TOPICS[(page - 1) % TOPICS.length]!;
    const headed = page % 4 === 0; // every fourth page lists its outcomes under headings instead of cue phrases
    push(`PHẦN ${page}. ${topic.title}`);

    // The report: neutral facts, then what became of last month's work (planted inside the report line).
    const reporter = person();
    const facts = [...topic.facts].sort(() => r.next() - 0.5).slice(0, 3).map((f) => fill(f, r));
    const past = fresh(() =>
      r.next() < 0.6
        ? `Tháng trước, chi bộ đã hoàn thành việc ${fill(r.pick(topic.actions), r)}`
        : `Việc ${fill(r.pick(topic.actions), r)} chưa hoàn thành vì ${r.pick(REASONS)}`,
    );
    const role = ROLES[reporter] ?? 'đảng viên';
    const ref = push(`Đồng chí ${reporter}, ${role}, báo cáo: ${facts.join('. ')}. ${past}. ${fill(r.pick(topic.facts), r)}.`);
    planted.push({ kind: 'lastMonth', text: past, ref });

    // Speakers: opinions and proposals are not decisions.
    const speakers = [...topic.opinions].sort(() => r.next() - 0.5).slice(0, 2);
    for (const o of speakers) push(fill(o.replace('{name}', person([reporter])), r));

    const conclusions = r.int(1, 2);
    const tasks = r.int(1, 3);
    const resolution = r.next() < 0.5;
    if (!headed) {
      for (let i = 0; i < conclusions; i++) {
        const sentence = fresh(() => {
          const action = fill(r.pick(topic.actions), r);
          return r.pick([
            () => `Chi bộ thống nhất ${action}.`,
            () => `Chi bộ nhất trí ${action} trong ${r.pick(PERIODS)}.`,
            () => `Chi bộ thống nhất đánh giá công tác ${topic.subject} ở tổ ${r.int(1, 24)} có chuyển biến tốt và cần tiếp tục ${action}.`,
          ])();
        });
        plant('conclusion', sentence);
      }
      if (resolution) {
        const sentence = fresh(() =>
          r.next() < 0.5
            ? `Chi bộ biểu quyết thông qua nghị quyết chuyên đề về ${topic.subject} ở tổ ${r.int(1, 24)} năm 2027 với ${ROSTER.length - 1}/${ROSTER.length - 1} đồng chí có mặt tán thành.`
            : `Chi bộ quyết nghị: ${fill(r.pick(topic.actions), r)} trong ${r.pick(PERIODS)}.`,
        );
        plant('resolution', sentence);
      }
      for (let i = 0; i < tasks; i++) {
        const owner = person();
        const due = deadline(r);
        const sentence = fresh(() => taskSentence(r, fill(r.pick(topic.actions), r), owner, due));
        plant('task', sentence, { owner, dueOn: due.iso });
      }
    } else {
      push(`Đồng chí ${chair}, Bí thư chi bộ, tiếp thu các ý kiến.`);
      push('Kết luận của chủ trì:');
      for (let i = 0; i < conclusions; i++) {
        const sentence = fresh(() => `${capital(fill(r.pick(topic.actions), r))} trong ${r.pick(PERIODS)}.`);
        const ref = push(`${i + 1}. ${sentence}`);
        planted.push({ kind: 'conclusion', text: sentence.replace(/\.$/, ''), ref });
      }
      push('Nhiệm vụ thời gian tới:');
      for (let i = 0; i < tasks; i++) {
        const owner = person();
        const due = deadline(r);
        const sentence = fresh(() => taskSentence(r, fill(r.pick(topic.actions), r), owner, due));
        const ref = push(`${i + 1}. ${sentence}`);
        planted.push({ kind: 'task', text: sentence.replace(/[.;]$/, ''), ref, owner, dueOn: due.iso });
      }
    }
    // Filler speech until the page holds its 2,500–3,000 characters.
    const target = r.int(2_500, 2_850);
    while (length - start < target) {
      push(fill(r.pick(FILLERS).replace('{chair}', chair).replace('{name}', person()), r));
    }
    push('');
    pageChars.push(length - start);
  }
  push(`Biên bản đã được đọc lại cho hội nghị nghe và được ${ROSTER.length - 1}/${ROSTER.length - 1} đồng chí có mặt nhất trí thông qua.`);
  push('Hội nghị kết thúc lúc 17 giờ 00 phút cùng ngày.');
  return { text: lines.join('\n'), pages, pageChars, members: [...ROSTER], meetingDate: MEETING_DATE, planted };
}
