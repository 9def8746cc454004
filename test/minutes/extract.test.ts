import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SummaryRequest } from '../../src/app/ports.ts';
import { sourceLines, type CapturedItem, type MinutesDraft } from '../../src/domain/minutes.ts';
import { deadlineOf, extractDraft, offlineSummariser, ownerOf, sentences } from '../../src/minutes/extract.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/minutes/${name}`, import.meta.url), 'utf8');
const MONTHLY = fixture('thang-12-2026.txt');
const NOTES = fixture('ghi-chep-nhanh.txt');

const ROSTER = [
  'Nguyễn Văn Bình', 'Trần Thị Hoa', 'Lê Minh Tuấn', 'Huỳnh Kim Oanh', 'Hoàng Quốc Sơn', 'Phạm Ngọc Yến', 'Võ Đức Đạt',
  'Dương Đức Thắng', 'Lý Ngọc Mai',
];

const request = (text: string | null, over: Partial<SummaryRequest> = {}): SummaryRequest => ({
  meeting: { seq: 12, kind: 'THUONG_KY', date: '2026-12-10', topic: null, cellName: 'Chi bộ Tổ dân phố 5' },
  captures: [],
  text,
  members: ROSTER,
  context: [],
  ...over,
});

const capture = (seq: number, tag: CapturedItem['tag'], text: string, over: Partial<CapturedItem> = {}): CapturedItem => ({
  seq, tag, text, authorName: 'Lý Ngọc Mai', at: new Date('2026-12-10T12:30:00Z'), ownerName: null, dueOn: null, ...over,
});

const item = (text: string, ...sources: string[]) => ({ text, sources });
const task = (what: string, ownerName: string | null, dueOn: string | null, ...sources: string[]) => ({ what, ownerName, dueOn, sources });

/** The tasks of a short text, as [what, owner, due]. */
const tasksOf = (text: string, over: Partial<SummaryRequest> = {}) =>
  extractDraft(request(text, over)).tasks.map((t) => [t.what, t.ownerName, t.dueOn]);

const allSources = (d: MinutesDraft) => [...d.conclusions, ...d.resolutions, ...d.tasks, ...d.lastMonthNotes].flatMap((i) => i.sources);

const MONTHLY_DRAFT: MinutesDraft = {
  conclusions: [
    item('Chi bộ thống nhất đánh giá trong tháng 12/2026 chi bộ đã lãnh đạo hoàn thành tốt nhiệm vụ; 3/5 chỉ tiêu của nghị quyết tháng 11 đạt và vượt', 'L41'),
    item('Thống nhất đề nghị Đảng ủy phường xem xét, ra quyết định kết nạp quần chúng Nguyễn Thị Lan vào Đảng', 'L42'),
    item('Đồng ý để đồng chí Phạm Ngọc Yến chuyển sinh hoạt đảng tạm thời về Chi bộ Khu phố 2 từ ngày 01/01/2027', 'L43'),
    item('Yêu cầu mỗi đảng viên tiếp tục gương mẫu thực hiện nếp sống văn minh, giữ gìn an ninh trật tự trên địa bàn', 'L44'),
  ],
  resolutions: [
    item('Chi bộ biểu quyết thông qua nghị quyết tháng 12/2026 với 8/8 đồng chí có mặt tán thành, đạt 100%', 'L57'),
  ],
  tasks: [
    task('Giao đồng chí Lê Minh Tuấn xây dựng kế hoạch tổ chức "Tết sum vầy" cho các hộ khó khăn, trình chi ủy trước ngày 20/12',
      'Lê Minh Tuấn', '2026-12-20', 'L47'),
    task('Đồng chí Trần Thị Hoa chịu trách nhiệm hoàn thành rà soát hộ nghèo, hộ cận nghèo, báo cáo Đảng ủy phường chậm nhất ngày 15/01',
      'Trần Thị Hoa', '2027-01-15', 'L48'),
    task('Đ/c Huỳnh Kim Oanh phụ trách vận động kinh phí lắp camera an ninh tại hẻm 14; thời hạn: ngày 30 tháng 01 năm 2027',
      'Huỳnh Kim Oanh', '2027-01-30', 'L49'),
    task('Đề nghị đồng chí Phạm Ngọc Yến bàn giao hồ sơ công tác tuyên truyền cho chi ủy, xong trước ngày 28/12/2026',
      'Phạm Ngọc Yến', '2026-12-28', 'L50'),
    task('Đồng chí Sơn phụ trách công tác tuyên truyền phòng, chống cháy nổ dịp Tết Nguyên đán', 'Hoàng Quốc Sơn', null, 'L51'),
    task('Phân công đồng chí Võ Đức Đạt theo dõi, đôn đốc thu nộp đảng phí tháng 01/2027', 'Võ Đức Đạt', null, 'L52'),
    task('Chi ủy chỉ đạo tổ chức Hội nghị đại biểu nhân dân tổ dân phố 5 trong tháng 01', null, null, 'L53'),
    task('Các đồng chí đảng viên tiếp tục học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; đăng ký việc làm cụ thể',
      null, null, 'L54'),
  ],
  lastMonthNotes: [
    item('Đã hoàn thành thu nộp đảng phí tháng 11 của 9/9 đảng viên, đạt 100%', 'L24'),
    item('Đã tổ chức ra quân tổng vệ sinh môi trường ngày 22/11, có 45 hộ dân tham gia', 'L25'),
    item('Đã hoàn chỉnh hồ sơ đề nghị kết nạp quần chúng Nguyễn Thị Lan vào Đảng, gửi Đảng ủy phường ngày 28/11', 'L26'),
    item('Chưa hoàn thành việc rà soát hộ nghèo, hộ cận nghèo trên địa bàn; nguyên nhân: danh sách của phường gửi về chậm', 'L27'),
    item('Chưa hoàn thành việc lắp đặt camera an ninh tại hẻm 14, do chưa vận động đủ kinh phí', 'L28'),
    item('Nhìn chung, chi bộ đã lãnh đạo hoàn thành cơ bản các chỉ tiêu của nghị quyết tháng 11', 'L29'),
  ],
};

describe('extractDraft on a full biên bản with headings', () => {
  it('reads each section: last month by item, the chair\'s conclusions, next month\'s tasks, the vote; nothing from the discussion', () => {
    expect(extractDraft(request(MONTHLY))).toEqual(MONTHLY_DRAFT);
  });

  it('reads the same with Windows line endings', () => {
    expect(extractDraft(request(MONTHLY.replace(/\n/g, '\r\n')))).toEqual(MONTHLY_DRAFT);
  });

  it('takes nothing from the header, the agenda, the speakers or the signatures', () => {
    const sources = new Set(allSources(extractDraft(request(MONTHLY))));
    // header and roll (L1-L17), current affairs (L20), speakers (L32-L37), minutes read back and closing (L58-L63)
    for (const n of [12, 14, 16, 17, 20, 23, 32, 33, 34, 35, 36, 37, 40, 58, 59, 61, 62, 63]) expect(sources.has(`L${n}`), `L${n}`).toBe(false);
  });
});

describe('extractDraft on loose notes without headings', () => {
  it('picks sentences by their cue words', () => {
    expect(extractDraft(request(NOTES))).toEqual({
      conclusions: [
        item('Chi bộ thống nhất tập trung bảo đảm an ninh trật tự và chăm lo Tết cho hộ khó khăn', 'L7'),
        item('Chi bộ nhất trí đề nghị Đảng ủy phường kết nạp quần chúng Nguyễn Thị Lan', 'L8'),
      ],
      resolutions: [item('Chi bộ biểu quyết thông qua nghị quyết tháng 12 với 8/8 đồng chí tán thành', 'L12')],
      tasks: [
        task('Giao đ/c Tuấn hoàn thiện hồ sơ. Hạn 20/12', 'Lê Minh Tuấn', '2026-12-20', 'L8'),
        task('Đ/c Oanh chịu trách nhiệm vận động kinh phí lắp camera hẻm 14, hạn 15/01', 'Huỳnh Kim Oanh', '2027-01-15', 'L9'),
        task('Phân công đ/c Đạt đôn đốc thu đảng phí tháng 01, làm thường xuyên', 'Võ Đức Đạt', null, 'L10'),
        task('Yêu cầu các đồng chí đảng viên gương mẫu đăng ký làm theo gương Bác trong tháng 01', null, null, 'L11'),
      ],
      lastMonthNotes: [
        item('Tháng trước chi bộ đã hoàn thành thu đảng phí 100%', 'L3'),
        item('Việc rà soát hộ nghèo chưa hoàn thành vì phường gửi danh sách chậm', 'L3'),
      ],
    });
  });
});

describe('headings', () => {
  it('knows headings written in sentence case, with a colon, or in capitals', () => {
    const text = [
      'Đánh giá kết quả thực hiện nghị quyết tháng trước', // L1
      '- Đã sửa xong đèn chiếu sáng hẻm 9', // L2
      'Các ý kiến thảo luận', // L3
      '- Mọi người thống nhất cần làm sớm', // L4
      'Kết luận:', // L5
      '- Tập trung vận động quỹ vì người nghèo', // L6
      '- Giao đồng chí Lê Minh Tuấn tổng hợp danh sách, hạn 20/12', // L7
      'Phương hướng, nhiệm vụ tháng 01/2027', // L8
      'a) Tổ chức trao quà Tết cho hộ nghèo', // L9
      'NGHỊ QUYẾT', // L10
      '1. Tiếp tục lãnh đạo thực hiện tốt quy ước tổ dân phố.', // L11
    ].join('\n');
    expect(extractDraft(request(text))).toEqual({
      conclusions: [item('Tập trung vận động quỹ vì người nghèo', 'L6')],
      resolutions: [item('Tiếp tục lãnh đạo thực hiện tốt quy ước tổ dân phố', 'L11')],
      tasks: [
        task('Giao đồng chí Lê Minh Tuấn tổng hợp danh sách, hạn 20/12', 'Lê Minh Tuấn', '2026-12-20', 'L7'),
        task('Tổ chức trao quà Tết cho hộ nghèo', null, null, 'L9'),
      ],
      lastMonthNotes: [item('Đã sửa xong đèn chiếu sáng hẻm 9', 'L2')],
    });
  });

  it('strips a leading label and numbering, and keeps a hard-wrapped line together, citing both lines', () => {
    const text = [
      'Kết luận: 1. chi bộ thống nhất tăng cường tuần tra ban đêm;', // L1
      'Nhiệm vụ tháng tới', // L2
      '- Giao đồng chí Lê Minh Tuấn xây dựng kế hoạch phòng cháy', // L3
      'và báo cáo chi ủy, hạn 20/12.', // L4
    ].join('\n');
    expect(extractDraft(request(text))).toEqual({
      conclusions: [item('Chi bộ thống nhất tăng cường tuần tra ban đêm', 'L1')],
      resolutions: [],
      tasks: [task('Giao đồng chí Lê Minh Tuấn xây dựng kế hoạch phòng cháy và báo cáo chi ủy, hạn 20/12', 'Lê Minh Tuấn', '2026-12-20', 'L3', 'L4')],
      lastMonthNotes: [],
    });
  });

  it('takes the chair\'s conclusion reported inline, even in a discussion', () => {
    const text = ['II. THẢO LUẬN', 'Đồng chí chủ trì kết luận: Chi bộ thống nhất tổ chức Tết sum vầy. Giao đồng chí Hoa lập danh sách hộ nghèo, hạn 18/12.'].join('\n');
    expect(extractDraft(request(text))).toMatchObject({
      conclusions: [item('Chi bộ thống nhất tổ chức Tết sum vầy', 'L2')],
      tasks: [task('Giao đồng chí Hoa lập danh sách hộ nghèo, hạn 18/12', 'Trần Thị Hoa', '2026-12-18', 'L2')],
    });
  });
});

describe('opinions are not conclusions', () => {
  it('ignores a speaker agreeing, in the first person or in the third', () => {
    const text = [
      'Đồng chí Hoàng Quốc Sơn phát biểu: tôi đồng ý với báo cáo của chi ủy.',
      'Đồng chí Lê Minh Tuấn đồng ý với dự thảo nghị quyết.',
      'Đ/c Oanh: nhất trí, đề nghị giao cho tôi phụ trách vận động.',
      'Tôi thống nhất với ý kiến của đồng chí Sơn.',
      'Đồng chí Trần Thị Hoa, Phó Bí thư, đồng ý và đề nghị chi bộ kết luận sớm.',
    ].join('\n');
    expect(extractDraft(request(text))).toEqual({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [] });
  });

  it('but the cell agreeing is a conclusion', () => {
    expect(extractDraft(request('Chi bộ đồng ý cho đồng chí Phạm Ngọc Yến chuyển sinh hoạt tạm thời.')).conclusions).toEqual([
      item('Chi bộ đồng ý cho đồng chí Phạm Ngọc Yến chuyển sinh hoạt tạm thời', 'L1'),
    ]);
  });

  it('ignores the running order: agenda, minute-taker, minutes read back, closing time', () => {
    const text = [
      'Chi bộ thống nhất chương trình sinh hoạt và cử đồng chí Lý Ngọc Mai làm thư ký.',
      'Biên bản đã được đọc lại và được chi bộ nhất trí thông qua.',
      'Chủ trì: đồng chí Nguyễn Văn Bình. Đại biểu: đồng chí Trần Văn Long phụ trách địa bàn.',
      'Buổi sinh hoạt kết thúc lúc 21 giờ.',
    ].join('\n');
    expect(extractDraft(request(text))).toEqual({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [] });
  });

  it('does not take studying a resolution for adopting one', () => {
    expect(extractDraft(request('Chi bộ tổ chức quán triệt Nghị quyết Trung ương 10.')).resolutions).toEqual([]);
  });
});

describe('owners are never guessed', () => {
  const tasksSection = (...lines: string[]) => ['Nhiệm vụ tháng 01/2027', ...lines].join('\n');

  it('resolves a full name or a given name only one member has to the roster name', () => {
    expect(tasksOf(tasksSection('- Giao đồng chí Lê Minh Tuấn lập kế hoạch.', '- Đ/c Hoa chịu trách nhiệm tổng hợp.', '- Đồng chí Tuấn phụ trách tuyên truyền.'))).toEqual([
      ['Giao đồng chí Lê Minh Tuấn lập kế hoạch', 'Lê Minh Tuấn', null],
      ['Đ/c Hoa chịu trách nhiệm tổng hợp', 'Trần Thị Hoa', null],
      ['Đồng chí Tuấn phụ trách tuyên truyền', 'Lê Minh Tuấn', null],
    ]);
  });

  it('gives no owner for a given name two members share, but does for the full name', () => {
    const members = [...ROSTER, 'Trần Anh Tuấn'];
    expect(tasksOf(tasksSection('- Giao đồng chí Tuấn làm báo cáo tổng kết, hạn 20/12.', '- Giao đồng chí Trần Anh Tuấn rà soát hồ sơ.'), { members })).toEqual([
      ['Giao đồng chí Tuấn làm báo cáo tổng kết, hạn 20/12', null, '2026-12-20'],
      ['Giao đồng chí Trần Anh Tuấn rà soát hồ sơ', 'Trần Anh Tuấn', null],
    ]);
  });

  it('gives no owner for a name off the roster, a committee, several people, or a mere mention', () => {
    expect(tasksOf(tasksSection(
      '- Giao đồng chí Trần Văn Long hướng dẫn thủ tục kết nạp.',
      '- Giao chi ủy xây dựng kế hoạch năm 2027.',
      '- Giao các đồng chí chi ủy viên theo dõi địa bàn.',
      '- Giao đồng chí Tuấn và đồng chí Hoa rà soát hộ nghèo.',
      '- Đồng chí Sơn, Đạt phụ trách trực Tết.',
      '- Vận động hội viên theo gương đồng chí Hoa.',
    ))).toEqual([
      ['Giao đồng chí Trần Văn Long hướng dẫn thủ tục kết nạp', null, null],
      ['Giao chi ủy xây dựng kế hoạch năm 2027', null, null],
      ['Giao các đồng chí chi ủy viên theo dõi địa bàn', null, null],
      ['Giao đồng chí Tuấn và đồng chí Hoa rà soát hộ nghèo', null, null],
      ['Đồng chí Sơn, Đạt phụ trách trực Tết', null, null],
      ['Vận động hội viên theo gương đồng chí Hoa', null, null],
    ]);
  });

  it('tells the owner from a helper, an apposition and a handover', () => {
    expect(ownerOf('Giao đồng chí Tuấn chủ trì, phối hợp với đồng chí Sơn thực hiện', ROSTER)).toBe('Lê Minh Tuấn');
    expect(ownerOf('Đồng chí Trần Thị Hoa, Phó Bí thư chi bộ, chịu trách nhiệm tổng hợp', ROSTER)).toBe('Trần Thị Hoa');
    expect(ownerOf('Đề nghị đồng chí Yến bàn giao hồ sơ cho đồng chí Hoa', ROSTER)).toBe('Phạm Ngọc Yến');
    expect(ownerOf('Vận động hội viên đóng góp quỹ (đ/c Tuấn)', ROSTER)).toBe('Lê Minh Tuấn');
    expect(ownerOf('Phụ trách: đ/c Oanh', ROSTER)).toBe('Huỳnh Kim Oanh');
    expect(ownerOf('giao đ/c lê minh tuấn làm báo cáo', ROSTER)).toBe('Lê Minh Tuấn');
    // a given name typed without its capital may be a word ("mai", "đạt", "hoa"): not a name
    expect(ownerOf('đ/c hoa chịu trách nhiệm tổng hợp', ROSTER)).toBeNull();
    expect(ownerOf('Đồng chí Tuấn phụ trách, đồng chí Hoa phụ trách', ROSTER)).toBeNull();
  });
});

describe('deadlines', () => {
  it('reads an explicit day and month after a deadline word, the year rolling over after the meeting', () => {
    const due = (s: string) => deadlineOf(s, '2026-12-10');
    expect(due('hạn 15/01')).toBe('2027-01-15');
    expect(due('hạn 20/12')).toBe('2026-12-20');
    expect(due('hạn: 10/12')).toBe('2026-12-10');
    expect(due('hạn 09/12')).toBe('2027-12-09');
    expect(due('xong trước ngày 28/12/2026')).toBe('2026-12-28');
    expect(due('trước ngày 20 tháng 12 năm 2026')).toBe('2026-12-20');
    expect(due('thời hạn hoàn thành: ngày 5 tháng 1')).toBe('2027-01-05');
    expect(due('chậm nhất vào ngày 05.01')).toBe('2027-01-05');
    expect(due('đến ngày 20-12')).toBe('2026-12-20');
  });

  it('gives null for no date, a vague period, an impossible date, or a date without a deadline word', () => {
    const due = (s: string) => deadlineOf(s, '2026-12-10');
    for (const s of ['trong tháng 01', 'hạn trong tháng 01/2027', 'hạn quý I', 'làm sớm', 'thường xuyên', 'hạn 31/02', 'hạn 29/02',
      'hạn 20/13', 'hạn 20/12/26', 'ngày 20/12', 'hạn chế 20/12', 'trước 19 giờ']) {
      expect(due(s), s).toBeNull();
    }
    expect(deadlineOf('hạn 29/02', '2027-12-10')).toBe('2028-02-29');
  });

  it('keeps them through the whole draft', () => {
    expect(tasksOf(['Nhiệm vụ', '- Giao đồng chí Lê Minh Tuấn gửi báo cáo, hạn 15/01.', '- Giao đồng chí Hoa sửa sổ, hạn 31/02.',
      '- Đồng chí Sơn vận động thanh niên trong tháng 01.'].join('\n'))).toEqual([
      ['Giao đồng chí Lê Minh Tuấn gửi báo cáo, hạn 15/01', 'Lê Minh Tuấn', '2027-01-15'],
      ['Giao đồng chí Hoa sửa sổ, hạn 31/02', 'Trần Thị Hoa', null],
      ['Đồng chí Sơn vận động thanh niên trong tháng 01', null, null],
    ]);
  });
});

describe('captured items', () => {
  const captures = [
    capture(1, 'TOPIC', 'Công tác chuẩn bị Tết'),
    capture(2, 'OPINION', 'Đồng ý tổ chức Tết sum vầy'),
    capture(3, 'CONCLUSION', 'Chi bộ thống nhất tổ chức Tết sum vầy cho 20 hộ khó khăn'),
    capture(4, 'TASK', 'Lê Minh Tuấn: lập danh sách hộ khó khăn hạn 20/12', { ownerName: 'Lê Minh Tuấn', dueOn: '2026-12-20' }),
    capture(5, 'RESOLUTION', 'Thông qua nghị quyết tháng 12 với 8/8 đồng chí tán thành'),
    capture(6, 'TASK', 'Liên hệ nhà tài trợ'),
  ];

  it('maps conclusions, tasks and resolutions, citing T<seq>; topics and opinions stay out', () => {
    expect(extractDraft(request(null, { captures }))).toEqual({
      conclusions: [item('Chi bộ thống nhất tổ chức Tết sum vầy cho 20 hộ khó khăn', 'T3')],
      resolutions: [item('Thông qua nghị quyết tháng 12 với 8/8 đồng chí tán thành', 'T5')],
      tasks: [
        task('Lê Minh Tuấn: lập danh sách hộ khó khăn hạn 20/12', 'Lê Minh Tuấn', '2026-12-20', 'T4'),
        task('Liên hệ nhà tài trợ', null, null, 'T6'),
      ],
      lastMonthNotes: [],
    });
  });

  it('lists an item captured and written in the text once, citing both', () => {
    const text = ['KẾT LUẬN', '1. Chi bộ thống nhất tổ chức Tết sum vầy cho 20 hộ khó khăn.'].join('\n');
    expect(extractDraft(request(text, { captures })).conclusions).toEqual([
      item('Chi bộ thống nhất tổ chức Tết sum vầy cho 20 hộ khó khăn', 'T3', 'L2'),
    ]);
  });

  it('gives an empty draft for no captures and no text', () => {
    expect(extractDraft(request(null))).toEqual({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [] });
    expect(extractDraft(request(''))).toEqual({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [] });
  });
});

describe('grounding', () => {
  it('cites only sources that exist', () => {
    const captures = [capture(1, 'CONCLUSION', 'Chi bộ thống nhất tổ chức Tết sum vầy'), capture(2, 'TASK', 'Lập danh sách')];
    for (const text of [MONTHLY, NOTES, `${NOTES}\n\n${MONTHLY}`]) {
      const known = new Set(sourceLines(captures, text).map((l) => l.ref));
      const draft = extractDraft(request(text, { captures }));
      expect(allSources(draft).length).toBeGreaterThan(0);
      for (const ref of allSources(draft)) expect(known.has(ref), ref).toBe(true);
    }
  });
});

describe('sentences', () => {
  it('splits at full stops but not after abbreviations or list numbers, and keeps a deadline with its task', () => {
    expect(sentences('Kết luận: 1. Chi bộ thống nhất làm tốt. 2. Giao đ/c Tuấn làm báo cáo. Hạn 20/12. Họp tại TP. Hồ Chí Minh.')).toEqual([
      'Kết luận: 1. Chi bộ thống nhất làm tốt.',
      '2. Giao đ/c Tuấn làm báo cáo. Hạn 20/12.',
      'Họp tại TP. Hồ Chí Minh.',
    ]);
  });
});

describe('a long text', () => {
  it('reads a hundred pages in one call and lists each item once, citing every copy', async () => {
    const copies = Math.ceil(300_000 / MONTHLY.length);
    const text = Array.from({ length: copies }, () => MONTHLY).join('\n');
    expect(text.length).toBeGreaterThanOrEqual(300_000);
    const draft = await offlineSummariser.summarise(request(text));
    expect(offlineSummariser.kind).toBe('offline');
    expect([draft.conclusions.length, draft.resolutions.length, draft.tasks.length, draft.lastMonthNotes.length]).toEqual([4, 1, 8, 6]);
    expect(draft.tasks.map((t) => [t.ownerName, t.dueOn])).toEqual(MONTHLY_DRAFT.tasks.map((t) => [t.ownerName, t.dueOn]));
    for (const i of [...draft.conclusions, ...draft.resolutions, ...draft.tasks, ...draft.lastMonthNotes]) expect(i.sources).toHaveLength(copies);
  });
});
