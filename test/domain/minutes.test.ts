import { describe, expect, it } from 'vitest';
import {
  chunkSources,
  decideTaskReminders,
  emptyDraft,
  groundDraft,
  mentionedMembers,
  mergeDrafts,
  OVERDUE_OFFSET,
  parseItemCode,
  planTaskReminders,
  reconcileRoll,
  reviewTask,
  sourceLines,
  statesDate,
  type CapturedItem,
  type DraftItem,
  type DraftTask,
  type MinutesDraft,
  type SourceLine,
  type TaskFacts,
} from '../../src/domain/minutes.ts';

const capture = (seq: number, tag: CapturedItem['tag'], text: string, over: Partial<CapturedItem> = {}): CapturedItem => ({
  seq,
  tag,
  text,
  authorName: 'Lý Ngọc Mai',
  at: new Date('2026-12-10T12:30:00Z'),
  ownerName: null,
  dueOn: null,
  ...over,
});

const item = (text: string, ...sources: string[]): DraftItem => ({ text, sources });
const task = (what: string, ownerName: string | null, dueOn: string | null, ...sources: string[]): DraftTask => ({ what, ownerName, dueOn, sources });
const draft = (over: Partial<MinutesDraft>): MinutesDraft => ({ ...emptyDraft(), ...over });

describe('sourceLines', () => {
  it('cites captures as T<seq>; a #giao line carries its owner and dd/mm/yyyy deadline', () => {
    const lines = sourceLines(
      [
        capture(1, 'CONCLUSION', 'Thống nhất thu đảng phí quý IV'),
        capture(2, 'TASK', 'Rà soát danh sách đảng viên', { ownerName: 'Lê Minh Tuấn', dueOn: '2026-12-05' }),
        capture(3, 'TASK', 'Chuẩn bị hồ sơ kết nạp'),
        capture(4, 'TASK', 'Dọn hội trường', { ownerName: 'Chi ủy' }),
        capture(5, 'TASK', 'Nộp báo cáo', { dueOn: '2027-01-15' }),
        // Only a TASK line carries owner and deadline.
        capture(7, 'OPINION', 'Đề nghị tăng cường sinh hoạt', { ownerName: 'Trần Thị Hoa', dueOn: '2026-12-20' }),
      ],
      null,
    );
    expect(lines).toEqual([
      { ref: 'T1', text: 'Thống nhất thu đảng phí quý IV' },
      { ref: 'T2', text: 'Rà soát danh sách đảng viên (Lê Minh Tuấn, 05/12/2026)' },
      { ref: 'T3', text: 'Chuẩn bị hồ sơ kết nạp' },
      { ref: 'T4', text: 'Dọn hội trường (Chi ủy)' },
      { ref: 'T5', text: 'Nộp báo cáo (15/01/2027)' },
      { ref: 'T7', text: 'Đề nghị tăng cường sinh hoạt' },
    ]);
  });

  it('numbers the full text by physical line, skipping blank lines but keeping the numbers, trimmed', () => {
    const text = 'BIÊN BẢN\n\n  Chi bộ họp lúc 8 giờ  \r\n   \r\nThống nhất thu đảng phí\n';
    expect(sourceLines([capture(1, 'TOPIC', 'Đảng phí')], text)).toEqual([
      { ref: 'T1', text: 'Đảng phí' },
      { ref: 'L1', text: 'BIÊN BẢN' },
      { ref: 'L3', text: 'Chi bộ họp lúc 8 giờ' },
      { ref: 'L5', text: 'Thống nhất thu đảng phí' },
    ]);
  });

  it('has nothing for no captures and no text', () => {
    expect(sourceLines([], null)).toEqual([]);
    expect(sourceLines([], '\n \n')).toEqual([]);
  });
});

describe('chunkSources', () => {
  const cost = (l: SourceLine) => l.text.length + l.ref.length + 2;
  const lines: SourceLine[] = [
    { ref: 'T1', text: 'Thống nhất thu đảng phí' },
    { ref: 'L1', text: 'BIÊN BẢN HỌP CHI BỘ' },
    { ref: 'L3', text: 'Chi bộ họp lúc 8 giờ tại hội trường tổ dân phố' },
    { ref: 'L4', text: 'Có mặt 20' },
    { ref: 'L5', text: 'Vắng 2' },
    { ref: 'L12', text: 'x'.repeat(130) },
    { ref: 'L13', text: 'Bế mạc' },
  ];

  it('keeps the order, puts every line in exactly one chunk and never goes over the limit', () => {
    const chunks = chunkSources(lines.slice(0, 5), 60);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(lines.slice(0, 5));
    for (const chunk of chunks) {
      expect(chunk.length).toBeGreaterThan(0);
      expect(chunk.reduce((n, l) => n + cost(l), 0)).toBeLessThanOrEqual(60);
    }
  });

  it('keeps everything in one chunk when it fits', () => {
    expect(chunkSources(lines.slice(0, 2), 1000)).toEqual([lines.slice(0, 2)]);
    expect(chunkSources([], 100)).toEqual([]);
  });

  it('cuts a line longer than the limit into pieces with the same reference', () => {
    const chunks = chunkSources(lines, 50);
    for (const chunk of chunks) expect(chunk.reduce((n, l) => n + cost(l), 0)).toBeLessThanOrEqual(50);
    const pieces = chunks.flat().filter((l) => l.ref === 'L12');
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join('')).toBe('x'.repeat(130));
    // Every other line is whole, in order, around the pieces.
    expect(chunks.flat().map((l) => l.ref)).toEqual(['T1', 'L1', 'L3', 'L4', 'L5', ...pieces.map(() => 'L12'), 'L13']);
    expect(chunks.flat().filter((l) => l.ref !== 'L12')).toEqual(lines.filter((l) => l.ref !== 'L12'));
  });
});

describe('mentionedMembers', () => {
  const ROSTER = ['Lê Minh Tuấn', 'Lý Ngọc Mai', 'Võ Đức Đạt', 'Nguyễn Văn Bình', 'Trần Văn Bình'];

  it.each<[string, string[]]>([
    ['Đồng chí Lê Minh Tuấn báo cáo', ['Lê Minh Tuấn']],
    ['đồng chí LÊ MINH TUẤN báo cáo', ['Lê Minh Tuấn']],
    ['dong chi le minh tuan bao cao', ['Lê Minh Tuấn']],
    ['Lê  Minh   Tuấn, Võ Đức Đạt cùng thực hiện', ['Lê Minh Tuấn', 'Võ Đức Đạt']],
    // A given name alone: only when it is unique in the roster and written with its capital.
    ['Giao đồng chí Tuấn rà soát', ['Lê Minh Tuấn']],
    ['Đồng chí Mai trình bày', ['Lý Ngọc Mai']],
    ['Ngày mai chi bộ họp', []],
    ['Chi bộ họp ngày mai.', []],
    ['Đồng chí Đạt báo cáo', ['Võ Đức Đạt']],
    ['Thu đảng phí đạt 90% kế hoạch', []],
    ['tuấn làm', []],
    // Two members are called Bình: the given name alone names nobody, the full name names one.
    ['Giao đồng chí Bình', []],
    ['Giao đồng chí Nguyễn Văn Bình', ['Nguyễn Văn Bình']],
    // A given name inside a longer word is not the name.
    ['Maika và Tuấnh', []],
    ['Không ai được nhắc tên', []],
  ])('%s', (text, expected) => {
    expect(mentionedMembers(text, ROSTER)).toEqual(expected);
  });

  it('reads decomposed (NFD) text and names the same as composed', () => {
    expect(mentionedMembers('Đồng chí Đạt và Mai'.normalize('NFD'), ROSTER)).toEqual(['Lý Ngọc Mai', 'Võ Đức Đạt']);
    expect(mentionedMembers('Đồng chí Đạt', ROSTER.map((m) => m.normalize('NFD')))).toEqual(['Võ Đức Đạt'.normalize('NFD')]);
  });

  it('does not throw on names with regular-expression characters', () => {
    const odd = ['Lê Văn (Tư', 'Trần Thị [Bé]', 'Phạm A+', 'Đỗ Văn *', 'Hồ $1\\'];
    expect(() => mentionedMembers('Đồng chí (Tư và [Bé] phát biểu, A+ *', odd)).not.toThrow();
    expect(mentionedMembers('Đồng chí (Tư phát biểu', odd)).toEqual(['Lê Văn (Tư']);
    expect(mentionedMembers('Không ai', odd)).toEqual([]);
  });
});

describe('statesDate', () => {
  it.each<[string, string, boolean]>([
    ['Hoàn thành trước 20/12', '2026-12-20', true],
    ['hạn 20-12', '2026-12-20', true],
    ['hạn 20.12', '2026-12-20', true],
    ['hạn 20 / 12', '2026-12-20', true],
    ['hạn 20/12/2026', '2026-12-20', true],
    ['hạn 20/12/26', '2026-12-20', true],
    ['ngày 20 tháng 12 năm 2026', '2026-12-20', true],
    ['Chậm nhất Ngày 20 Tháng 12', '2026-12-20', true],
    ['(Lê Minh Tuấn, 20/12/2026)', '2026-12-20', true],
    ['hạn 05/01', '2027-01-05', true],
    ['hạn 5/1/2027', '2027-01-05', true],
    ['hạn 120/12', '2026-12-20', false],
    ['hạn 20/123', '2026-12-20', false],
    ['hạn 20/11', '2026-12-20', false],
    ['hạn 21/12', '2026-12-20', false],
    ['hạn 20/12/2025', '2026-12-20', false],
    ['ngày 20 tháng 12 năm 2025', '2026-12-20', false],
    ['tháng 12 chi bộ họp', '2026-12-20', false],
    ['', '2026-12-20', false],
  ])('%s states %s: %s', (text, date, expected) => {
    expect(statesDate(text, date)).toBe(expected);
  });
});

describe('groundDraft', () => {
  const MEMBERS = ['Lê Minh Tuấn', 'Trần Thị Hoa', 'Lý Ngọc Mai'];
  const TEXT = [
    'BIÊN BẢN HỌP CHI BỘ THÁNG 12/2026', // L1
    '', // L2
    'Đồng chí Lê Minh Tuấn báo cáo công tác đảng phí.', // L3
    'Chi bộ thống nhất thu đảng phí quý IV.', // L4
    'Giao đồng chí Hoa hoàn thành báo cáo trước ngày 20/12.', // L5
    'Chi ủy chuẩn bị hồ sơ kết nạp đảng viên, hạn 31/12.', // L6
  ].join('\n');
  const LINES = sourceLines(
    [capture(1, 'TASK', 'Rà soát danh sách đảng viên', { ownerName: 'Lê Minh Tuấn', dueOn: '2026-12-15' })],
    TEXT,
  );
  const ground = (d: Partial<MinutesDraft>, members = MEMBERS, lines = LINES) => groundDraft(draft(d), lines, members);

  it('drops unknown references, expands ranges, accepts lower case', () => {
    const out = ground({
      conclusions: [
        item('Thống nhất thu đảng phí', 'L4', 'L99', 'T9', 'x'),
        item('Báo cáo đảng phí', 'L3-5'),
        item('Cả biên bản', 'l1-l3', 'L3'),
        item('Ngược', 'L5-3', 'T1'),
      ],
      resolutions: [item('Nghị quyết', ' t1 ')],
      lastMonthNotes: [item('Tháng trước', 'L4-L6')],
    });
    expect(out.conclusions).toEqual([
      item('Thống nhất thu đảng phí', 'L4'),
      item('Báo cáo đảng phí', 'L3', 'L4', 'L5'),
      // L2 is blank, so it is no source.
      item('Cả biên bản', 'L1', 'L3'),
      item('Ngược', 'T1'),
    ]);
    expect(out.resolutions).toEqual([item('Nghị quyết', 'T1')]);
    expect(out.lastMonthNotes).toEqual([item('Tháng trước', 'L4', 'L5', 'L6')]);
  });

  it('drops an item or task with no valid source', () => {
    const out = ground({
      conclusions: [item('Bịa ra', 'L99'), item('Không nguồn')],
      resolutions: [item('Bịa', 'L2')],
      tasks: [task('Việc bịa', 'Trần Thị Hoa', null, 'T42'), task('Không nguồn', null, null)],
      lastMonthNotes: [item('Bịa', 'L7')],
    });
    expect(out).toEqual(emptyDraft());
  });

  it('trims texts, drops empty ones and caps them at 1000 characters', () => {
    const out = ground({
      conclusions: [item('  Thống nhất   thu\n đảng phí  ', 'L4'), item('   ', 'L4'), item('y'.repeat(1500), 'L4')],
      tasks: [task(` ${'z'.repeat(1200)} `, null, null, 'L6'), task('\n', null, null, 'L6')],
    });
    expect(out.conclusions).toEqual([item('Thống nhất thu đảng phí', 'L4'), item('y'.repeat(1000), 'L4')]);
    expect(out.tasks).toEqual([task('z'.repeat(1000), null, null, 'L6')]);
  });

  it('keeps an owner only when a cited line names that member', () => {
    const out = ground({
      tasks: [
        task('Hoàn thành báo cáo', 'Trần Thị Hoa', null, 'L5'),
        task('Hoàn thành báo cáo', 'Hoa', null, 'L5'), // resolved to the roster name
        task('Báo cáo đảng phí', 'Lê Minh Tuấn', null, 'L3'),
        task('Báo cáo đảng phí', 'Trần Thị Hoa', null, 'L3'), // L3 does not name Hoa
        task('Thu đảng phí', 'Lý Ngọc Mai', null, 'L4'), // nobody named on L4
        task('Rà soát', 'Lê Minh Tuấn', null, 'T1'), // the #giao line carries its owner
        task('Rà soát', 'Lê Minh Tuấn', null, 'L4', 'T1'), // one of several cited lines is enough
        task('Việc chung', '   ', null, 'L4'),
      ],
    });
    expect(out.tasks.map((t) => t.ownerName)).toEqual([
      'Trần Thị Hoa', 'Trần Thị Hoa', 'Lê Minh Tuấn', null, null, 'Lê Minh Tuấn', 'Lê Minh Tuấn', null,
    ]);
  });

  it('keeps an owner outside the roster only when the cited line writes it', () => {
    const out = ground({
      tasks: [
        task('Chuẩn bị hồ sơ kết nạp', 'Chi ủy', null, 'L6'),
        task('Chuẩn bị hồ sơ kết nạp', '  chi uy ', null, 'L6'),
        task('Thu đảng phí', 'Chi ủy', null, 'L4'), // L4 says "Chi bộ", not "Chi ủy"
        task('Thu đảng phí', 'Tổ đảng số 2', null, 'L4'),
      ],
    });
    expect(out.tasks.map((t) => t.ownerName)).toEqual(['Chi ủy', 'chi uy', null, null]);
  });

  it('gives no owner for a given name two members share', () => {
    const members = ['Lê Minh Tuấn', 'Nguyễn Văn Tuấn', 'Trần Thị Hoa'];
    const lines = sourceLines([], 'Giao đồng chí Tuấn rà soát danh sách, hạn 20/12.\nĐồng chí Nguyễn Văn Tuấn phụ trách.');
    const out = groundDraft(
      draft({
        tasks: [
          task('Rà soát danh sách', 'Tuấn', '2026-12-20', 'L1'),
          task('Rà soát danh sách', 'Lê Minh Tuấn', '2026-12-20', 'L1'),
          task('Rà soát danh sách', 'tuấn', '2026-12-20', 'L1'),
          task('Phụ trách', 'Nguyễn Văn Tuấn', null, 'L2'),
        ],
      }),
      lines,
      members,
    );
    expect(out.tasks.map((t) => [t.ownerName, t.dueOn])).toEqual([
      [null, '2026-12-20'],
      [null, '2026-12-20'],
      [null, '2026-12-20'],
      ['Nguyễn Văn Tuấn', null],
    ]);
  });

  it('keeps a deadline only when a cited line states it', () => {
    const out = ground({
      tasks: [
        task('Hoàn thành báo cáo', null, '2026-12-20', 'L5'),
        task('Hoàn thành báo cáo', null, '2026-12-21', 'L5'),
        task('Hoàn thành báo cáo', null, '2025-12-20', 'L5'), // "20/12" without a year: the grounding trusts the day and month
        task('Thu đảng phí', null, '2026-12-20', 'L4'),
        task('Rà soát', null, '2026-12-15', 'T1'),
        task('Hồ sơ', null, '2026-12-31', 'L4-6'),
        task('Hồ sơ', null, '31/12/2026', 'L6'), // not an ISO date
        task('Hồ sơ', null, null, 'L6'),
      ],
    });
    expect(out.tasks.map((t) => t.dueOn)).toEqual(['2026-12-20', null, '2025-12-20', null, '2026-12-15', '2026-12-31', null, null]);
  });

  it('sees a line cut into pieces as one line', () => {
    const lines: SourceLine[] = [
      { ref: 'L1', text: 'Giao đồng chí Hoa hoàn thành' },
      { ref: 'L1', text: 'báo cáo, hạn 20/12' },
    ];
    const out = groundDraft(draft({ tasks: [task('Báo cáo', 'Trần Thị Hoa', '2026-12-20', 'L1')] }), lines, MEMBERS);
    expect(out.tasks).toEqual([task('Báo cáo', 'Trần Thị Hoa', '2026-12-20', 'L1')]);
  });

  it('grounds a deadline in a line chunkSources had to cut (it cuts at a space)', () => {
    const text = 'Giao đồng chí Hoa hoàn thành báo cáo, hạn 20/12';
    const pieces = chunkSources([{ ref: 'L1', text }], text.length - 1 + 'L1'.length + 2).flat();
    expect(pieces.map((p) => p.text)).toEqual(['Giao đồng chí Hoa hoàn thành báo cáo, hạn', '20/12']);
    const out = groundDraft(draft({ tasks: [task('Báo cáo', 'Trần Thị Hoa', '2026-12-20', 'L1')] }), pieces, MEMBERS);
    expect(out.tasks[0]?.dueOn).toBe('2026-12-20');
  });
});

describe('mergeDrafts', () => {
  it('lists an item said in two chunks once, citing both places', () => {
    const merged = mergeDrafts([
      draft({ conclusions: [item('Thống nhất thu đảng phí', 'L4')], resolutions: [item('Nghị quyết 1', 'L5')] }),
      draft({
        conclusions: [item('thong nhat thu  dang phi', 'L40', 'L4'), item('Kết nạp đảng viên', 'L41')],
        lastMonthNotes: [item('Đã hoàn thành', 'L42')],
      }),
    ]);
    expect(merged).toEqual({
      conclusions: [item('Thống nhất thu đảng phí', 'L4', 'L40'), item('Kết nạp đảng viên', 'L41')],
      resolutions: [item('Nghị quyết 1', 'L5')],
      tasks: [],
      lastMonthNotes: [item('Đã hoàn thành', 'L42')],
    });
  });

  it('merges the same task, keeping the first owner and deadline found', () => {
    const merged = mergeDrafts([
      draft({ tasks: [task('Rà soát danh sách', null, null, 'L5')] }),
      draft({ tasks: [task('Rà soát danh sách', 'Trần Thị Hoa', '2026-12-20', 'L50')] }),
      draft({ tasks: [task('rà soát danh sách', 'Trần Thị Hoa', '2026-12-25', 'L60'), task('Nộp báo cáo', 'Lê Minh Tuấn', null, 'L61')] }),
      draft({ tasks: [task('Rà soát danh sách', null, '2026-12-31', 'L70', 'L5')] }),
    ]);
    expect(merged.tasks).toEqual([
      task('Rà soát danh sách', 'Trần Thị Hoa', '2026-12-20', 'L5', 'L50', 'L60', 'L70'),
      task('Nộp báo cáo', 'Lê Minh Tuấn', null, 'L61'),
    ]);
  });

  it('keeps the same task given to two different owners apart', () => {
    const merged = mergeDrafts([
      draft({ tasks: [task('Rà soát danh sách', 'Trần Thị Hoa', null, 'L5')] }),
      draft({ tasks: [task('Rà soát danh sách', 'Lê Minh Tuấn', null, 'L50')] }),
    ]);
    expect(merged.tasks).toEqual([
      task('Rà soát danh sách', 'Trần Thị Hoa', null, 'L5'),
      task('Rà soát danh sách', 'Lê Minh Tuấn', null, 'L50'),
    ]);
  });

  it('does not change the drafts it is given', () => {
    const first = draft({ conclusions: [item('A', 'L1')], tasks: [task('Việc', null, null, 'L2')] });
    const second = draft({ conclusions: [item('A', 'L3')], tasks: [task('Việc', 'Trần Thị Hoa', '2026-12-20', 'L4')] });
    const copy = structuredClone([first, second]);
    mergeDrafts([first, second]);
    expect([first, second]).toEqual(copy);
    expect(mergeDrafts([])).toEqual(emptyDraft());
  });
});

describe('parseItemCode', () => {
  it.each<[string, ReturnType<typeof parseItemCode>]>([
    ['V2', { section: 'V', index: 1 }],
    ['k1', { section: 'K', index: 0 }],
    [' N 3 ', { section: 'N', index: 2 }],
    ['D12', { section: 'D', index: 11 }],
    ['V999', { section: 'V', index: 998 }],
    ['X1', null],
    ['V', null],
    ['2', null],
    ['V1000', null],
    ['V-1', null],
    ['V2a', null],
    ['', null],
  ])('%s', (code, expected) => {
    expect(parseItemCode(code)).toEqual(expected);
  });

  it('has no item 0', () => {
    expect(parseItemCode('V0')).toBeNull();
  });
});

describe('planTaskReminders', () => {
  const show = (plan: { dueAt: Date; offsetMinutes: number }[]) => plan.map((r) => [r.dueAt.toISOString(), r.offsetMinutes]);

  it('reminds 3 days and 1 day before at 08:00 Vietnam time, and tells of the overdue task the day after', () => {
    expect(show(planTaskReminders('2026-12-20', new Date('2026-12-01T00:00:00Z')))).toEqual([
      ['2026-12-17T01:00:00.000Z', 4320],
      ['2026-12-19T01:00:00.000Z', 1440],
      ['2026-12-21T01:00:00.000Z', OVERDUE_OFFSET],
    ]);
    expect(OVERDUE_OFFSET).toBe(-1440);
  });

  it('drops reminders already past', () => {
    expect(show(planTaskReminders('2026-12-20', new Date('2026-12-18T00:00:00Z')))).toEqual([
      ['2026-12-19T01:00:00.000Z', 1440],
      ['2026-12-21T01:00:00.000Z', -1440],
    ]);
    // Exactly at 08:00 on 17/12 that reminder is no longer ahead.
    expect(show(planTaskReminders('2026-12-20', new Date('2026-12-17T01:00:00Z'))).map(([, o]) => o)).toEqual([1440, -1440]);
    expect(planTaskReminders('2026-12-20', new Date('2026-12-21T01:00:00Z'))).toEqual([]);
  });

  it('crosses months and years', () => {
    expect(show(planTaskReminders('2027-01-02', new Date('2026-12-10T00:00:00Z')))).toEqual([
      ['2026-12-30T01:00:00.000Z', 4320],
      ['2027-01-01T01:00:00.000Z', 1440],
      ['2027-01-03T01:00:00.000Z', -1440],
    ]);
  });

  it('plans nothing for a task without a deadline', () => {
    expect(planTaskReminders(null, new Date('2026-12-01T00:00:00Z'))).toEqual([]);
  });
});

describe('decideTaskReminders', () => {
  const open = (dueOn: string | null): TaskFacts => ({ status: 'OPEN', dueOn, doneOn: null });
  const r = (id: number, taskId: number, offsetMinutes: number) => ({ id, taskId, offsetMinutes });

  it('skips every reminder of a task that is done, or unknown', () => {
    const tasks = new Map<number, TaskFacts>([[1, { status: 'DONE', dueOn: '2026-12-20', doneOn: '2026-12-18' }]]);
    const due = [r(1, 1, 1440), r(2, 1, -1440), r(3, 9, 1440)];
    expect(decideTaskReminders(due, tasks, '2026-12-19')).toEqual({ send: [], skip: due });
  });

  it('sends only the later of two due reminders of one task (the smaller offset)', () => {
    const tasks = new Map([[1, open('2026-12-20')], [2, open('2026-12-22')]]);
    for (const due of [[r(1, 1, 4320), r(2, 1, 1440), r(3, 2, 4320)], [r(2, 1, 1440), r(1, 1, 4320), r(3, 2, 4320)]]) {
      const out = decideTaskReminders(due, tasks, '2026-12-19');
      expect(out.send.map((x) => x.id).sort()).toEqual([2, 3]);
      expect(out.skip.map((x) => x.id)).toEqual([1]);
    }
  });

  it('sends a pre-deadline reminder on the deadline itself, but skips it once the deadline has passed', () => {
    const tasks = new Map([[1, open('2026-12-20')]]);
    expect(decideTaskReminders([r(1, 1, 1440)], tasks, '2026-12-20').send.map((x) => x.id)).toEqual([1]);
    expect(decideTaskReminders([r(1, 1, 1440)], tasks, '2026-12-21')).toEqual({ send: [], skip: [r(1, 1, 1440)] });
  });

  it('sends the overdue notice, and only it, after the deadline', () => {
    const tasks = new Map([[1, open('2026-12-20')]]);
    const out = decideTaskReminders([r(1, 1, 4320), r(2, 1, 1440), r(3, 1, -1440)], tasks, '2026-12-21');
    expect(out.send).toEqual([r(3, 1, -1440)]);
    expect(out.skip.map((x) => x.id).sort()).toEqual([1, 2]);
  });

  it('sends nothing when nothing is due', () => {
    expect(decideTaskReminders([], new Map(), '2026-12-21')).toEqual({ send: [], skip: [] });
  });
});

describe('reviewTask', () => {
  it.each<[string, TaskFacts, string, string]>([
    ['done before the deadline', { status: 'DONE', dueOn: '2026-12-20', doneOn: '2026-12-18' }, '2026-12-25', 'DONE_ON_TIME'],
    ['done on the deadline', { status: 'DONE', dueOn: '2026-12-20', doneOn: '2026-12-20' }, '2026-12-25', 'DONE_ON_TIME'],
    ['done after the deadline', { status: 'DONE', dueOn: '2026-12-20', doneOn: '2026-12-21' }, '2026-12-25', 'DONE_LATE'],
    ['done, no deadline', { status: 'DONE', dueOn: null, doneOn: '2027-03-01' }, '2027-03-02', 'DONE_ON_TIME'],
    ['open past the deadline', { status: 'OPEN', dueOn: '2026-12-20', doneOn: null }, '2026-12-21', 'OVERDUE'],
    ['open on the deadline', { status: 'OPEN', dueOn: '2026-12-20', doneOn: null }, '2026-12-20', 'OPEN'],
    ['open before the deadline', { status: 'OPEN', dueOn: '2026-12-20', doneOn: null }, '2026-12-01', 'OPEN'],
    ['open, no deadline, long after', { status: 'OPEN', dueOn: null, doneOn: null }, '2030-01-01', 'OPEN'],
  ])('%s', (_, facts, today, expected) => {
    expect(reviewTask(facts, today)).toBe(expected);
  });
});

describe('reconcileRoll', () => {
  it('balances when everyone is accounted for', () => {
    const count = { total: 22, present: 17, excused: 2, unexcused: 1, exemptAbsent: 1, away: 1, suspended: 0 };
    expect(reconcileRoll(count)).toEqual({ ...count, unaccounted: 0, balanced: true });
  });

  it('names how many are unaccounted for', () => {
    const count = { total: 25, present: 17, excused: 2, unexcused: 1, exemptAbsent: 1, away: 1, suspended: 1 };
    expect(reconcileRoll(count)).toEqual({ ...count, unaccounted: 2, balanced: false });
  });

  it('is unbalanced when more are counted than there are', () => {
    const count = { total: 20, present: 20, excused: 1, unexcused: 0, exemptAbsent: 0, away: 0, suspended: 0 };
    expect(reconcileRoll(count)).toMatchObject({ unaccounted: -1, balanced: false });
  });
});
