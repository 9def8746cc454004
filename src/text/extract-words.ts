// The Vietnamese words the offline summariser (src/minutes/extract.ts) reads in a biên bản: section
// headings, cue phrases for conclusions, resolutions, tasks and last month's results, the words around
// an owner's name and before a deadline. Everything is written in lower case, composed (NFC), with its
// diacritics: the summariser compares against the lower-cased text, never against nameKey(), because
// "mặt" and "mật", "tối" and "tới" would collapse. Phrases are whole words: "hạn" never matches "hạn chế".

/** Kinds of item a line can give, and the kinds of section a heading opens. */
export type ExtractKind = 'conclusion' | 'resolution' | 'task' | 'lastMonth';
export type HeadingKind = ExtractKind | 'discussion';

export const extractWords = {
  /** A heading opens a section of this kind when it contains one of these; checked in this order. */
  headings: [
    ['conclusion', ['kết luận']],
    ['discussion', ['thảo luận', 'ý kiến', 'phát biểu', 'diễn biến', 'góp ý']],
    ['lastMonth', [
      'tháng trước', 'kết quả thực hiện', 'đánh giá kết quả', 'đánh giá việc thực hiện', 'đánh giá tình hình',
      'kiểm điểm', 'kết quả lãnh đạo', 'kết quả đạt được', 'tình hình thực hiện',
    ]],
    ['task', ['phương hướng', 'nhiệm vụ', 'phân công', 'kế hoạch tháng', 'công việc tháng', 'tổ chức thực hiện', 'giải pháp']],
    ['resolution', ['nghị quyết', 'biểu quyết', 'quyết nghị']],
  ] as ReadonlyArray<readonly [HeadingKind, readonly string[]]>,

  /** A short line in sentence case that starts with one of these is a heading ("Kết luận của chủ trì"). */
  headingStarts: [
    'kết luận', 'các ý kiến', 'ý kiến thảo luận', 'thảo luận', 'phương hướng', 'nhiệm vụ', 'nghị quyết',
    'đánh giá kết quả', 'đánh giá việc thực hiện', 'kết quả thực hiện', 'kiểm điểm', 'biểu quyết', 'nội dung', 'phần',
  ],
  /** Of those, the ones that open a section with no outcome in it ("Nội dung sinh hoạt", "Phần mở đầu"). */
  neutralHeadingStarts: ['nội dung', 'phần'],

  /** "Kết luận: …" — a label at the start of a sentence, dropped from the item; the colon is required. */
  labels: [
    ['conclusion', ['kết luận', 'kết luận của chủ trì', 'ý kiến kết luận', 'chủ trì kết luận', 'chi bộ kết luận']],
    ['resolution', ['nghị quyết', 'quyết nghị', 'chi bộ quyết nghị']],
    ['task', ['nhiệm vụ', 'nhiệm vụ tháng tới', 'giao việc', 'giao nhiệm vụ', 'việc cần làm', 'công việc']],
    ['lastMonth', ['kết quả tháng trước', 'kết quả thực hiện nghị quyết', 'kết quả thực hiện nghị quyết tháng trước', 'tháng trước']],
  ] as ReadonlyArray<readonly [ExtractKind, readonly string[]]>,

  cues: {
    /** A resolution adopted at this meeting. */
    resolution: ['biểu quyết thông qua', 'thông qua nghị quyết', 'ra nghị quyết', 'quyết nghị', 'nghị quyết'],
    /** …unless the sentence is about carrying out or studying some resolution. */
    notResolution: [
      'thực hiện', 'triển khai', 'quán triệt', 'học tập', 'nghiên cứu', 'trung ương', 'nghị quyết số',
      'đại hội', 'tháng trước', 'dự thảo',
    ],
    /** Assignment words; "giao" only in the forms of giveAfter. */
    task: ['phân công', 'đề nghị đồng chí', 'đề nghị đ/c', 'yêu cầu', 'chịu trách nhiệm', 'phụ trách'],
    /** The strong ones: they make a task of a sentence in a conclusion or a discussion. */
    strongTask: ['phân công', 'đề nghị đồng chí', 'đề nghị đ/c', 'chịu trách nhiệm', 'phụ trách'],
    /** "giao" is an assignment when followed by one of these ("giao cho", "giao đồng chí", "giao chi ủy")… */
    giveAfter: ['cho', 'nhiệm vụ', 'chi ủy', 'chi bộ', 'tổ', 'các', 'mỗi', 'từng'],
    /** …and not preceded by one of these ("bàn giao", "chuyển giao"). */
    giveNotAfter: ['bàn', 'chuyển', 'trao'],
    give: 'giao',
    lastMonth: [
      'tháng trước', 'kết quả thực hiện nghị quyết', 'thực hiện nghị quyết tháng', 'đã hoàn thành', 'chưa hoàn thành',
      'chưa thực hiện', 'chưa đạt',
    ],
    conclusion: ['kết luận', 'thống nhất', 'nhất trí', 'chi bộ quyết định', 'đồng ý'],
    /** In a discussion only these make a conclusion: the cell, not a speaker, decides. */
    strongConclusion: [
      'chi bộ thống nhất', 'chi bộ nhất trí', 'chi bộ quyết định', 'chi bộ đồng ý', 'chủ trì kết luận', 'chi bộ kết luận',
      'hội nghị thống nhất', 'hội nghị nhất trí',
    ],
  },

  /** Parts of the running order, not outcomes ("thông qua chương trình sinh hoạt", "đọc lại biên bản"). */
  procedural: [
    'biên bản', 'chương trình sinh hoạt', 'chương trình làm việc', 'chương trình hội nghị', 'thư ký', 'đọc lại',
    'bế mạc', 'khai mạc', 'kết thúc lúc', 'kết thúc vào lúc', 'điểm danh',
  ],
  /** "Thời gian: …", "Chủ trì: …", "Vắng có lý do: …": the fields of the header. */
  fieldLabels: [
    'thời gian', 'địa điểm', 'chủ trì', 'chủ tọa', 'thư ký', 'đại biểu', 'thành phần', 'tổng số', 'có mặt', 'vắng',
    'số đảng viên', 'đảng viên có mặt', 'đảng viên vắng', 'khách mời', 'hình thức', 'người ghi biên bản',
  ],

  /** Words before a person's name. */
  titles: ['đồng chí', 'đ/c', 'đ.c', 'đc', 'anh', 'chị', 'ông', 'bà'],
  /** The Party's own titles: a line carrying one is about a person, not a heading. */
  formalTitles: ['đồng chí', 'đ/c', 'đ.c', 'đc'],
  /** Before a title they make it plural: "các đồng chí", "hai đồng chí". */
  plural: ['các', 'những', 'mọi', 'hai', 'ba', 'bốn', 'năm', 'một số', 'toàn thể'],
  /** Before a title they make the person a helper, not the owner: "phối hợp với đồng chí Sơn". */
  helper: ['với', 'cùng', 'và', 'giúp', 'hỗ trợ', 'phối hợp', 'trừ'],
  /** Between two names they make two owners: "đồng chí Tuấn và đồng chí Hoa". */
  coOwner: ['và', 'cùng', 'với'],
  /** Roles that speak or conclude: "Đồng chí chủ trì kết luận:". */
  roles: ['bí thư chi bộ', 'phó bí thư', 'bí thư', 'chủ trì', 'chủ tọa', 'đại biểu', 'chi ủy viên'],
  /** A sentence in the first person is a speaker's opinion. */
  pronouns: ['tôi', 'chúng tôi', 'cá nhân tôi', 'em', 'chúng em', 'mình'],
  /** After a speaker's name: what follows is that speaker's opinion, never a decision of the cell. */
  opinionVerbs: [
    'phát biểu', 'nêu ý kiến', 'ý kiến', 'có ý kiến', 'góp ý', 'tham gia ý kiến', 'cho rằng', 'cho biết', 'đề xuất',
    'đề nghị', 'kiến nghị', 'bày tỏ', 'nhấn mạnh', 'trao đổi', 'hỏi', 'trả lời', 'giải trình', 'tiếp thu', 'đồng ý',
    'nhất trí', 'thống nhất', 'tán thành', 'băn khoăn', 'lưu ý', 'chia sẻ', 'phản ánh', 'nói', 'nêu',
  ],
  /** After a speaker's name, with a colon: what follows is reported content ("Đồng chí Hoa báo cáo: …"). */
  reportVerbs: ['kết luận', 'báo cáo', 'thông báo', 'trình bày', 'tóm tắt', 'thông tin', 'quán triệt', 'phổ biến'],
  /** The report verb whose content is a conclusion. */
  concludeVerb: 'kết luận',

  /** Words after which a title and a name name the owner: "giao đồng chí Tuấn", "phân công đ/c Hoa". */
  assign: ['giao cho', 'giao', 'phân công cho', 'phân công', 'đề nghị', 'yêu cầu', 'cử', 'nhờ'],
  /** Of those, the ones that may be followed by a bare name ("giao cho Tuấn"). */
  assignBare: ['giao cho', 'giao', 'phân công cho', 'phân công'],
  /** Labels followed by the owner: "Phụ trách: đ/c Tuấn". A colon is required. */
  ownerLabels: ['người thực hiện', 'người phụ trách', 'phụ trách', 'chịu trách nhiệm', 'người chịu trách nhiệm'],
  /** After a title and a name, these make that person the owner: "đ/c Hoa chịu trách nhiệm". */
  responsible: ['chịu trách nhiệm', 'phụ trách', 'chủ trì', 'đảm nhận', 'đảm nhiệm', 'trực tiếp', 'theo dõi', 'là người'],

  /** Words before an explicit deadline date. */
  deadline: [
    'hạn chót', 'thời hạn', 'hạn', 'trước ngày', 'chậm nhất', 'muộn nhất', 'xong trước', 'hoàn thành trước', 'trước',
    'đến ngày', 'đến hết ngày',
  ],
  /** Words allowed between a deadline word and its date: "thời hạn hoàn thành: ngày 20/12". */
  deadlineGap: ['là', 'vào', 'ngày', 'hoàn thành', 'xong', 'hết', 'trước', 'trong', 'báo cáo'],
  /** "ngày 20 tháng 12 năm 2026" */
  day: 'ngày',
  month: 'tháng',
  year: 'năm',

  /** Abbreviations that end with a dot inside a sentence ("TP. Hồ Chí Minh"). */
  abbreviations: ['tp', 'tx', 'ths', 'ts', 'pgs', 'gs', 'bs', 'ks', 'v.v', 'đ/c', 'đc', 'đ.c', 'st'],
} as const;
