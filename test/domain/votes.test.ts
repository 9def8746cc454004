import { describe, expect, it } from 'vitest';
import { attendanceFacts, type RollEntry } from '../../src/domain/attendance.ts';
import {
  DECISION_KINDS,
  DECISION_RULES,
  DISCIPLINE_FORMS,
  MAX_SECRETARY_ROUNDS,
  MIN_OFFICIAL_FOR_VOTE,
  disciplineForms,
  disciplineResult,
  disciplineThreshold,
  electionRound,
  needed,
  outcome,
  passes,
  secretaryNeedsAppointment,
  type BallotForm,
  type CandidateVotes,
  type DecisionKind,
  type DisciplineForm,
  type DisciplineResult,
  type DisciplineStep,
  type ElectionRound,
  type Outcome,
  type Threshold,
} from '../../src/domain/votes.ts';
import { entry, roll, OF_PRESENT, PB_PRESENT, PB_ABSENT, OF_EXCUSED, OF_EXCUSED_APPROVED, OF_UNEXCUSED, OF_EXEMPT_PRESENT, OF_EXEMPT_ABSENT, type Spec } from '../support/roll.ts';

// Every expected value below was worked out by hand from /work/shared/domain-rules.md (§2, §3, §9 and the
// worked examples): half = 2·yes > D ⇔ yes ≥ ⌊D/2⌋+1; two thirds = 3·yes ≥ 2·D ⇔ yes ≥ ⌈2D/3⌉; share = yes/D
// in hundredths of a percent, rounded half up. Nothing is computed by calling the code under test.

// ---- roll builder ----


/** Example 1: 38 OF + 2 PB; 1 OF exempt and absent; 28 OF + 2 PB present; 9 OF absent (6 with reason, 3 without). */
const example1Roll = () => roll([28, OF_PRESENT], [2, PB_PRESENT], [1, OF_EXEMPT_ABSENT], [6, OF_EXCUSED], [3, OF_UNEXCUSED]);
/** Example 5: D = 20, all 20 OF present. */
const example5Roll = () => roll([20, OF_PRESENT]);
/** Example 8: D = 15, 13 present (2 OF absent, reasons not approved). */
const example8Roll = () => roll([13, OF_PRESENT], [1, OF_EXCUSED], [1, OF_UNEXCUSED]);

const base = (r: RollEntry[]) => attendanceFacts('THUONG_KY', r).voteBase;

// ---- worked examples ----

describe('worked examples (domain-rules.md)', () => {
  it('example 1 roll: D = 37, 28 voters, half needs 19, 2/3 needs 25 (feasible with 28)', () => {
    const facts = attendanceFacts('THUONG_KY', example1Roll());
    expect(facts.roll).toMatchObject({ total: 40, official: 38, probationary: 2, exempt: 1 });
    expect(facts.presentOfficial).toBe(28);
    expect(facts.presentProbationary).toBe(2);
    expect(facts.voteBase).toBe(37);
    expect(facts.voters).toBe(28);
    expect(facts.half).toEqual({ needed: 19, feasible: true });
    expect(facts.twoThirds).toEqual({ needed: 25, feasible: true });
    expect(needed('TWO_THIRDS', facts.voteBase)).toBe(25);
    expect(passes('TWO_THIRDS', 25, facts.voteBase)).toBe(true);
    expect(passes('TWO_THIRDS', 24, facts.voteBase)).toBe(false);
  });

  type ExampleRow = { name: string; makeRoll: () => RollEntry[]; kind: DecisionKind; yes: number; expected: Outcome };
  const examples: ExampleRow[] = [
    {
      name: 'example 1: 19/37 yes passes, 51,35 %',
      makeRoll: example1Roll,
      kind: 'ORDINARY',
      yes: 19,
      expected: { threshold: 'HALF', base: 37, yes: 19, needed: 19, passed: true, shareHundredths: 5135 },
    },
    {
      name: 'example 2: 18/37 yes fails (36 ≤ 37), 48,65 % — never 18/28',
      makeRoll: example1Roll,
      kind: 'ORDINARY',
      yes: 18,
      expected: { threshold: 'HALF', base: 37, yes: 18, needed: 19, passed: false, shareHundredths: 4865 },
    },
    {
      name: 'example 5: tie 10/20 fails',
      makeRoll: example5Roll,
      kind: 'ORDINARY',
      yes: 10,
      expected: { threshold: 'HALF', base: 20, yes: 10, needed: 11, passed: false, shareHundredths: 5000 },
    },
    {
      name: 'example 5: 11/20 passes',
      makeRoll: example5Roll,
      kind: 'ORDINARY',
      yes: 11,
      expected: { threshold: 'HALF', base: 20, yes: 11, needed: 11, passed: true, shareHundredths: 5500 },
    },
    {
      name: 'example 8: admission 10/15 passes exactly at 2/3, 66,67 %',
      makeRoll: example8Roll,
      kind: 'ADMISSION',
      yes: 10,
      expected: { threshold: 'TWO_THIRDS', base: 15, yes: 10, needed: 10, passed: true, shareHundredths: 6667 },
    },
    {
      name: 'example 8: admission 9/15 fails (27 < 30), 60,00 %',
      makeRoll: example8Roll,
      kind: 'ADMISSION',
      yes: 9,
      expected: { threshold: 'TWO_THIRDS', base: 15, yes: 9, needed: 10, passed: false, shareHundredths: 6000 },
    },
  ];

  it.each(examples)('$name', ({ makeRoll, kind, yes, expected }) => {
    const D = base(makeRoll());
    expect(outcome(DECISION_RULES[kind].threshold, yes, D)).toEqual(expected);
  });

  it('example 8 roll: D = 15 with 13 voters', () => {
    const facts = attendanceFacts('THUONG_KY', example8Roll());
    expect(facts.voteBase).toBe(15);
    expect(facts.voters).toBe(13);
  });

  it('example 15: discipline by cumulative count gives khiển trách (steps 3/14, 3/11, 8/11, 14/11)', () => {
    // 20 ballots: khai trừ 3, cách chức 0, cảnh cáo 5, khiển trách 6, không kỷ luật 6 (not a form).
    const D = base(roll([20, OF_PRESENT]));
    expect(D).toBe(20);
    const forms = disciplineForms({ probationary: false, holdsPost: true });
    const result = disciplineResult({ KHAI_TRU: 3, CACH_CHUC: 0, CANH_CAO: 5, KHIEN_TRACH: 6 }, forms, D);
    expect(result).toEqual<DisciplineResult>({
      form: 'KHIEN_TRACH',
      how: 'cumulative',
      steps: [
        { form: 'KHAI_TRU', votes: 3, needed: 14, reached: false },
        { form: 'CACH_CHUC', votes: 3, needed: 11, reached: false },
        { form: 'CANH_CAO', votes: 8, needed: 11, reached: false },
        { form: 'KHIEN_TRACH', votes: 14, needed: 11, reached: true },
      ],
    });
  });
});

// ---- DECISION_RULES ----

describe('DECISION_RULES (§3.2–3.5)', () => {
  it('covers exactly the seven decision kinds', () => {
    expect([...DECISION_KINDS].sort()).toEqual(['ADMISSION', 'DISCIPLINE', 'ELECTION', 'EXEMPTION', 'ORDINARY', 'RECOGNITION', 'REMOVAL']);
    expect(Object.keys(DECISION_RULES).sort()).toEqual([...DECISION_KINDS].sort());
  });

  // DISCIPLINE: HALF for khiển trách/cảnh cáo/cách chức; khai trừ's 2/3 is per form (disciplineThreshold, tested below).
  it.each<[DecisionKind, Threshold]>([
    ['ORDINARY', 'HALF'],
    ['ADMISSION', 'TWO_THIRDS'],
    ['RECOGNITION', 'TWO_THIRDS'],
    ['REMOVAL', 'HALF'],
    ['EXEMPTION', 'HALF'],
    ['DISCIPLINE', 'HALF'],
    ['ELECTION', 'HALF'],
  ])('%s threshold is %s', (kind, threshold) => {
    expect(DECISION_RULES[kind].threshold).toBe(threshold);
  });

  // §3.5: discipline and elections always secret; admission, recognition, removal: secret ballot or member card.
  it.each<[DecisionKind, BallotForm[]]>([
    ['DISCIPLINE', ['SECRET']],
    ['ELECTION', ['SECRET']],
    ['ADMISSION', ['OPEN', 'SECRET']],
    ['RECOGNITION', ['OPEN', 'SECRET']],
    ['REMOVAL', ['OPEN', 'SECRET']],
  ])('%s allows exactly %j', (kind, forms) => {
    expect([...DECISION_RULES[kind].forms].sort()).toEqual(forms);
  });

  // §3.5: ordinary resolutions are by open vote; exemption has no rule of its own (ordinary resolution).
  it.each<DecisionKind>(['ORDINARY', 'EXEMPTION'])('%s allows an open vote', (kind) => {
    expect(DECISION_RULES[kind].forms).toContain('OPEN');
  });

  it.each([...DECISION_KINDS])('%s names a non-empty source', (kind) => {
    expect(DECISION_RULES[kind].source.trim().length).toBeGreaterThan(0);
  });

  it.each<[DecisionKind, string]>([
    ['ORDINARY', '9.5'],
    ['ADMISSION', '4.3'],
    ['RECOGNITION', '5.2'],
    ['DISCIPLINE', '69-QD/TW'],
    ['ELECTION', '190-QD/TW'],
  ])('%s source cites %s', (kind, cite) => {
    expect(DECISION_RULES[kind].source).toContain(cite);
  });

  // §0 of domain-rules.md: the bot cites the current documents (an older one only next to its successor).
  it('no rule cites a superseded document without its 2025 successor (§0)', () => {
    const superseded: [RegExp, RegExp][] = [
      [/01-HD\/TW/, /06-HD\/TW/],
      [/22-QD\/TW/, /296-QD\/TW/],
      [/24-QD\/TW/, /294-QD\/TW/],
      [/244-QD\/TW/, /190-QD\/TW/],
    ];
    for (const kind of DECISION_KINDS) {
      const { source } = DECISION_RULES[kind];
      for (const [old, current] of superseded) if (old.test(source)) expect(source, kind).toMatch(current);
    }
  });

  it('MIN_OFFICIAL_FOR_VOTE is 3 (Charter Art. 21.2, 24.1)', () => {
    expect(MIN_OFFICIAL_FOR_VOTE).toBe(3);
  });
});

// ---- thresholds and rounding ----

describe('passes / needed (§2.6)', () => {
  // [D, needed, last failing yes, first passing yes]
  it.each<[number, number]>([
    [9, 6],
    [15, 10],
    [16, 11], // 3·11 = 33 ≥ 32 passes; 3·10 = 30 < 32 fails
    [3, 2],
    [1, 1],
    [20, 14],
    [37, 25],
  ])('two thirds of D = %i needs %i', (D, n) => {
    expect(needed('TWO_THIRDS', D)).toBe(n);
    expect(passes('TWO_THIRDS', n, D)).toBe(true);
    expect(passes('TWO_THIRDS', n - 1, D)).toBe(false);
  });

  it.each<[number, number]>([
    [37, 19],
    [20, 11],
    [1, 1],
    [2, 2],
    [9, 5],
    [15, 8],
    [16, 9],
  ])('more than half of D = %i needs %i', (D, n) => {
    expect(needed('HALF', D)).toBe(n);
    expect(passes('HALF', n, D)).toBe(true);
    expect(passes('HALF', n - 1, D)).toBe(false);
  });

  it.each<[Threshold, number, number, boolean]>([
    ['TWO_THIRDS', 6, 9, true],
    ['TWO_THIRDS', 5, 9, false],
    ['TWO_THIRDS', 10, 15, true],
    ['TWO_THIRDS', 9, 15, false],
    ['TWO_THIRDS', 11, 16, true],
    ['TWO_THIRDS', 10, 16, false],
    ['TWO_THIRDS', 2, 3, true],
    ['TWO_THIRDS', 1, 3, false],
    ['TWO_THIRDS', 1, 1, true],
    ['TWO_THIRDS', 0, 1, false],
    ['HALF', 19, 37, true],
    ['HALF', 18, 37, false],
    ['HALF', 11, 20, true],
    ['HALF', 10, 20, false],
    ['HALF', 1, 1, true],
    ['HALF', 0, 1, false],
  ])('passes(%s, %i yes, D = %i) is %s', (threshold, yes, D, expected) => {
    expect(passes(threshold, yes, D)).toBe(expected);
  });

  it.each<Threshold>(['HALF', 'TWO_THIRDS'])('D = 0 passes nothing at %s', (threshold) => {
    expect(passes(threshold, 0, 0)).toBe(false);
    expect(outcome(threshold, 0, 0)).toEqual<Outcome>({ threshold, base: 0, yes: 0, needed: 1, passed: false, shareHundredths: 0 });
  });
});

describe('outcome().shareHundredths (yes/D, rounded half up)', () => {
  it.each<[number, number, number]>([
    [2, 3, 6667], // 66,666… → 66,67
    [1, 3, 3333], // 33,333… → 33,33
    [19, 37, 5135], // 51,351… → 51,35
    [18, 37, 4865], // 48,648… → 48,65
    [10, 15, 6667],
    [1, 8, 1250],
    [1, 32, 313], // 3,125 exactly → half up 3,13
    [3, 32, 938], // 9,375 exactly → 9,38
    [1, 160, 63], // 0,625 exactly → 0,63
    [5, 6, 8333], // 83,333… → 83,33
    [1, 6, 1667], // 16,666… → 16,67
    [10, 20, 5000],
    [20, 20, 10000],
    [0, 20, 0],
  ])('%i/%i → %i', (yes, D, share) => {
    expect(outcome('HALF', yes, D).shareHundredths).toBe(share);
    expect(outcome('TWO_THIRDS', yes, D).shareHundredths).toBe(share);
  });
});

// ---- base effects through attendanceFacts (§2.2–2.4, §9) ----

describe('vote base effects (§2.2–2.4)', () => {
  type Row = { name: string; r: () => RollEntry[]; D: number; voters: number };
  const rows: Row[] = [
    { name: '10 OF present', r: () => roll([10, OF_PRESENT]), D: 10, voters: 10 },
    { name: '+ an exempt member who attends counts in D and votes', r: () => roll([10, OF_PRESENT], [1, OF_EXEMPT_PRESENT]), D: 11, voters: 11 },
    { name: '+ an exempt member who is absent is out', r: () => roll([10, OF_PRESENT], [1, OF_EXEMPT_ABSENT]), D: 10, voters: 10 },
    {
      name: '+ exempt absent without reason is still out',
      r: () => roll([10, OF_PRESENT], [1, { status: 'EXEMPT', attendance: 'ABSENT_UNEXCUSED' }]),
      D: 10,
      voters: 10,
    },
    { name: '+ an approved excused absence leaves D', r: () => roll([10, OF_PRESENT], [1, OF_EXCUSED_APPROVED]), D: 10, voters: 10 },
    { name: '+ an unapproved excused absence stays in D', r: () => roll([10, OF_PRESENT], [1, OF_EXCUSED]), D: 11, voters: 10 },
    { name: '+ an unexcused absence stays in D', r: () => roll([10, OF_PRESENT], [1, OF_UNEXCUSED]), D: 11, voters: 10 },
    {
      name: '+ an unexcused absence with a stray approval flag stays in D',
      r: () => roll([10, OF_PRESENT], [1, { attendance: 'ABSENT_UNEXCUSED', excuseApproved: true }]),
      D: 11,
      voters: 10,
    },
    { name: '+ probationary present never count or vote', r: () => roll([10, OF_PRESENT], [3, PB_PRESENT]), D: 10, voters: 10 },
    { name: '+ probationary absent never count', r: () => roll([10, OF_PRESENT], [3, PB_ABSENT]), D: 10, voters: 10 },
    {
      name: '+ suspended, prosecuted, guest and sent-elsewhere members are out',
      r: () =>
        roll(
          [10, OF_PRESENT],
          [1, { status: 'SUSPENDED' }],
          [1, { status: 'PROSECUTED', attendance: 'ABSENT_UNEXCUSED' }],
          [1, { status: 'TEMP_IN' }],
          [1, { status: 'TEMP_OUT', attendance: 'ABSENT_EXCUSED' }],
        ),
      D: 10,
      voters: 10,
    },
  ];

  it.each(rows)('$name: D = $D, voters = $voters', ({ r, D, voters }) => {
    const facts = attendanceFacts('THUONG_KY', r());
    expect(facts.voteBase).toBe(D);
    expect(facts.voters).toBe(voters);
  });

  // 11 present + 1 excused absentee: approved → D = 11 (needs 6); not approved → D = 12 (needs 7).
  it.each<[string, Spec, number, number, boolean]>([
    ['approved', OF_EXCUSED_APPROVED, 11, 6, true],
    ['not approved', OF_EXCUSED, 12, 7, false],
  ])('an excused absence %s: D = %i, half needs %i, 6 yes passes = %s', (_label, absent, D, n, passed) => {
    const d = base(roll([11, OF_PRESENT], [1, absent]));
    expect(d).toBe(D);
    expect(outcome('HALF', 6, d)).toMatchObject({ base: D, needed: n, passed });
  });

  // 9 present + exempt attending: D = 10 → 2/3 needs 7; exempt absent: D = 9 → needs 6.
  it.each<[string, Spec, number, number]>([
    ['present', OF_EXEMPT_PRESENT, 10, 7],
    ['absent', OF_EXEMPT_ABSENT, 9, 6],
  ])('an exempt member %s: D = %i, two thirds needs %i', (_label, exempt, D, n) => {
    const d = base(roll([9, OF_PRESENT], [1, exempt]));
    expect(d).toBe(D);
    expect(needed('TWO_THIRDS', d)).toBe(n);
  });

  it('probationary members do not raise D: 10 OF + 5 PB present, admission needs 7 of 10', () => {
    const facts = attendanceFacts('THUONG_KY', roll([10, OF_PRESENT], [5, PB_PRESENT]));
    expect(facts.voteBase).toBe(10);
    expect(facts.voters).toBe(10);
    expect(facts.twoThirds).toEqual({ needed: 7, feasible: true });
  });
});

// ---- discipline ----

describe('disciplineForms / disciplineThreshold (§3.4, §3.6, §8.7)', () => {
  it.each<[string, { probationary: boolean; holdsPost: boolean }, DisciplineForm[]]>([
    ['probationary', { probationary: true, holdsPost: false }, ['CANH_CAO', 'KHIEN_TRACH']],
    ['probationary holding a post', { probationary: true, holdsPost: true }, ['CANH_CAO', 'KHIEN_TRACH']],
    ['official without a post', { probationary: false, holdsPost: false }, ['KHAI_TRU', 'CANH_CAO', 'KHIEN_TRACH']],
    ['official with a post', { probationary: false, holdsPost: true }, ['KHAI_TRU', 'CACH_CHUC', 'CANH_CAO', 'KHIEN_TRACH']],
  ])('%s → %j', (_label, subject, forms) => {
    expect(disciplineForms(subject)).toEqual(forms);
  });

  it('DISCIPLINE_FORMS runs from the most severe down', () => {
    expect([...DISCIPLINE_FORMS]).toEqual(['KHAI_TRU', 'CACH_CHUC', 'CANH_CAO', 'KHIEN_TRACH']);
  });

  it.each<[DisciplineForm, Threshold]>([
    ['KHAI_TRU', 'TWO_THIRDS'],
    ['CACH_CHUC', 'HALF'],
    ['CANH_CAO', 'HALF'],
    ['KHIEN_TRACH', 'HALF'],
  ])('%s needs %s', (form, threshold) => {
    expect(disciplineThreshold(form)).toBe(threshold);
  });
});

describe('disciplineResult (§3.3, §3.4, §3.6)', () => {
  const ALL = ['KHAI_TRU', 'CACH_CHUC', 'CANH_CAO', 'KHIEN_TRACH'] as const;
  const NO_POST = ['KHAI_TRU', 'CANH_CAO', 'KHIEN_TRACH'] as const;
  const PROBATIONARY = ['CANH_CAO', 'KHIEN_TRACH'] as const;
  const step = (form: DisciplineForm, votes: number, n: number, reached: boolean): DisciplineStep => ({ form, votes, needed: n, reached });

  type Row = {
    name: string;
    votes: Partial<Record<DisciplineForm, number>>;
    forms: readonly DisciplineForm[];
    D: number;
    form: DisciplineForm | null;
    how: DisciplineResult['how'];
    steps?: DisciplineStep[];
  };

  const rows: Row[] = [
    // direct hits (D = 20: khai trừ needs 14, the others 11)
    {
      name: 'khai trừ 14/20 reaches 2/3 directly',
      votes: { KHAI_TRU: 14, CACH_CHUC: 0, CANH_CAO: 3, KHIEN_TRACH: 3 },
      forms: ALL,
      D: 20,
      form: 'KHAI_TRU',
      how: 'direct',
      steps: [step('KHAI_TRU', 14, 14, true), step('CACH_CHUC', 0, 11, false), step('CANH_CAO', 3, 11, false), step('KHIEN_TRACH', 3, 11, false)],
    },
    {
      name: 'khai trừ reaching 2/3 wins over a lighter form that also reaches',
      votes: { KHAI_TRU: 14, KHIEN_TRACH: 11 },
      forms: ALL,
      D: 20,
      form: 'KHAI_TRU',
      how: 'direct',
    },
    {
      name: 'two forms reaching directly: the most severe (cách chức over cảnh cáo)',
      votes: { CACH_CHUC: 11, CANH_CAO: 11 },
      forms: ALL,
      D: 20,
      form: 'CACH_CHUC',
      how: 'direct',
      steps: [step('KHAI_TRU', 0, 14, false), step('CACH_CHUC', 11, 11, true), step('CANH_CAO', 11, 11, true), step('KHIEN_TRACH', 0, 11, false)],
    },
    {
      name: 'cảnh cáo 11/20 directly, khai trừ 5 does not reach',
      votes: { KHAI_TRU: 5, CANH_CAO: 11, KHIEN_TRACH: 4 },
      forms: ALL,
      D: 20,
      form: 'CANH_CAO',
      how: 'direct',
    },
    {
      name: 'khiển trách 11/20 directly',
      votes: { KHAI_TRU: 3, CANH_CAO: 2, KHIEN_TRACH: 11 },
      forms: ALL,
      D: 20,
      form: 'KHIEN_TRACH',
      how: 'direct',
    },
    // cumulative
    {
      name: 'khai trừ 10 + cách chức 2 = 12 ≥ 11 → cách chức',
      votes: { KHAI_TRU: 10, CACH_CHUC: 2, CANH_CAO: 0, KHIEN_TRACH: 0 },
      forms: ALL,
      D: 20,
      form: 'CACH_CHUC',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 10, 14, false), step('CACH_CHUC', 12, 11, true)],
    },
    {
      name: 'khai trừ 13/20 misses 2/3 by one → cách chức by cumulative count',
      votes: { KHAI_TRU: 13, KHIEN_TRACH: 7 },
      forms: ALL,
      D: 20,
      form: 'CACH_CHUC',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 13, 14, false), step('CACH_CHUC', 13, 11, true)],
    },
    {
      name: 'no post: khai trừ 8 + cảnh cáo 4 = 12 → cảnh cáo (no cách chức step)',
      votes: { KHAI_TRU: 8, CANH_CAO: 4, KHIEN_TRACH: 2 },
      forms: NO_POST,
      D: 20,
      form: 'CANH_CAO',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 8, 14, false), step('CANH_CAO', 12, 11, true)],
    },
    {
      name: 'D = 15: khai trừ 9 (needs 10) → cách chức at 9 ≥ 8',
      votes: { KHAI_TRU: 9, CANH_CAO: 2, KHIEN_TRACH: 2 },
      forms: ALL,
      D: 15,
      form: 'CACH_CHUC',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 9, 10, false), step('CACH_CHUC', 9, 8, true)],
    },
    {
      name: 'D = 15, no post: khai trừ 9 + cảnh cáo 2 = 11 → cảnh cáo',
      votes: { KHAI_TRU: 9, CANH_CAO: 2, KHIEN_TRACH: 2 },
      forms: NO_POST,
      D: 15,
      form: 'CANH_CAO',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 9, 10, false), step('CANH_CAO', 11, 8, true)],
    },
    {
      name: 'D = 9: cảnh cáo 2 + khiển trách 2 + khai trừ 1 = 5 → khiển trách',
      votes: { KHAI_TRU: 1, CANH_CAO: 2, KHIEN_TRACH: 2 },
      forms: NO_POST,
      D: 9,
      form: 'KHIEN_TRACH',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 1, 6, false), step('CANH_CAO', 3, 5, false), step('KHIEN_TRACH', 5, 5, true)],
    },
    // none reached
    {
      name: 'D = 20: 2+1+3+4 = 10 never more than half → none',
      votes: { KHAI_TRU: 2, CACH_CHUC: 1, CANH_CAO: 3, KHIEN_TRACH: 4 },
      forms: ALL,
      D: 20,
      form: null,
      how: 'none',
      steps: [step('KHAI_TRU', 2, 14, false), step('CACH_CHUC', 3, 11, false), step('CANH_CAO', 6, 11, false), step('KHIEN_TRACH', 10, 11, false)],
    },
    {
      name: 'no votes at all → none',
      votes: {},
      forms: NO_POST,
      D: 12,
      form: null,
      how: 'none',
      steps: [step('KHAI_TRU', 0, 8, false), step('CANH_CAO', 0, 7, false), step('KHIEN_TRACH', 0, 7, false)],
    },
    // probationary
    {
      name: 'probationary D = 9: cảnh cáo 5 directly',
      votes: { CANH_CAO: 5, KHIEN_TRACH: 1 },
      forms: PROBATIONARY,
      D: 9,
      form: 'CANH_CAO',
      how: 'direct',
      steps: [step('CANH_CAO', 5, 5, true), step('KHIEN_TRACH', 1, 5, false)],
    },
    {
      name: 'probationary D = 9: cảnh cáo 3 + khiển trách 3 = 6 → khiển trách',
      votes: { CANH_CAO: 3, KHIEN_TRACH: 3 },
      forms: PROBATIONARY,
      D: 9,
      form: 'KHIEN_TRACH',
      how: 'cumulative',
      steps: [step('CANH_CAO', 3, 5, false), step('KHIEN_TRACH', 6, 5, true)],
    },
    {
      name: 'probationary D = 9: 2 + 2 → none',
      votes: { CANH_CAO: 2, KHIEN_TRACH: 2 },
      forms: PROBATIONARY,
      D: 9,
      form: null,
      how: 'none',
      steps: [step('CANH_CAO', 2, 5, false), step('KHIEN_TRACH', 4, 5, false)],
    },
    {
      name: 'probationary: khai trừ votes are not a listed form and are ignored',
      votes: { KHAI_TRU: 7, CANH_CAO: 1, KHIEN_TRACH: 1 },
      forms: PROBATIONARY,
      D: 9,
      form: null,
      how: 'none',
      steps: [step('CANH_CAO', 1, 5, false), step('KHIEN_TRACH', 2, 5, false)],
    },
    // ⅔ rounding for khai trừ
    { name: 'D = 9: khai trừ 6 reaches (18 ≥ 18)', votes: { KHAI_TRU: 6 }, forms: ALL, D: 9, form: 'KHAI_TRU', how: 'direct' },
    {
      name: 'D = 9: khai trừ 5 does not (15 < 18) → cách chức (5 > 4,5)',
      votes: { KHAI_TRU: 5 },
      forms: ALL,
      D: 9,
      form: 'CACH_CHUC',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 5, 6, false), step('CACH_CHUC', 5, 5, true)],
    },
    { name: 'D = 15: khai trừ 10 reaches (30 ≥ 30)', votes: { KHAI_TRU: 10 }, forms: ALL, D: 15, form: 'KHAI_TRU', how: 'direct' },
    {
      name: 'D = 15, no post: khai trừ 9 does not (27 < 30) → cảnh cáo',
      votes: { KHAI_TRU: 9 },
      forms: NO_POST,
      D: 15,
      form: 'CANH_CAO',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 9, 10, false), step('CANH_CAO', 9, 8, true)],
    },
    { name: 'D = 16: khai trừ 11 reaches (33 ≥ 32)', votes: { KHAI_TRU: 11 }, forms: ALL, D: 16, form: 'KHAI_TRU', how: 'direct' },
    {
      name: 'D = 16: khai trừ 10 does not (30 < 32) → cách chức (10 ≥ 9)',
      votes: { KHAI_TRU: 10 },
      forms: ALL,
      D: 16,
      form: 'CACH_CHUC',
      how: 'cumulative',
      steps: [step('KHAI_TRU', 10, 11, false), step('CACH_CHUC', 10, 9, true)],
    },
  ];

  it.each(rows)('$name', ({ votes, forms, D, form, how, steps }) => {
    const result = disciplineResult(votes, forms, D);
    expect(result.form).toBe(form);
    expect(result.how).toBe(how);
    if (steps) expect(result.steps).toEqual(steps);
  });

  it('example 15 through a roll with an exempt absentee and an approved excuse (D stays 20)', () => {
    const D = base(roll([19, OF_PRESENT], [1, OF_EXCUSED], [1, OF_EXEMPT_ABSENT], [1, OF_EXCUSED_APPROVED], [2, PB_PRESENT]));
    expect(D).toBe(20);
    expect(disciplineResult({ KHAI_TRU: 3, CACH_CHUC: 0, CANH_CAO: 5, KHIEN_TRACH: 6 }, ALL, D)).toMatchObject({ form: 'KHIEN_TRACH', how: 'cumulative' });
  });
});

// ---- elections ----

describe('electionRound (§3.7)', () => {
  const c = (id: number, votes: number): CandidateVotes => ({ id, votes });
  type Row = { name: string; candidates: CandidateVotes[]; seats: number; D: number; expected: ElectionRound };
  const sorted = (r: ElectionRound): ElectionRound => ({
    elected: [...r.elected].sort((a, b) => a - b),
    tied: [...r.tied].sort((a, b) => a - b),
    unfilled: r.unfilled,
  });

  const rows: Row[] = [
    {
      name: 'D = 20: 15, 12, 11 pass (> 10) for 3 seats, 10 does not',
      candidates: [c(1, 15), c(2, 12), c(3, 11), c(4, 10)],
      seats: 3,
      D: 20,
      expected: { elected: [1, 2, 3], tied: [], unfilled: 0 },
    },
    {
      name: 'more passing than seats → most votes (input unsorted)',
      candidates: [c(3, 11), c(1, 15), c(2, 12)],
      seats: 2,
      D: 20,
      expected: { elected: [1, 2], tied: [], unfilled: 0 },
    },
    {
      name: 'tie at the last seat: 12 and 12 for the second of 2 seats',
      candidates: [c(1, 15), c(2, 12), c(3, 12), c(4, 5)],
      seats: 2,
      D: 20,
      expected: { elected: [1], tied: [2, 3], unfilled: 1 },
    },
    {
      name: 'tie for a single seat',
      candidates: [c(1, 12), c(2, 12)],
      seats: 1,
      D: 20,
      expected: { elected: [], tied: [1, 2], unfilled: 1 },
    },
    {
      name: 'three-way tie for the last of 2 seats',
      candidates: [c(1, 14), c(2, 13), c(3, 13), c(4, 13)],
      seats: 2,
      D: 20,
      expected: { elected: [1], tied: [2, 3, 4], unfilled: 1 },
    },
    {
      name: 'equal votes that fit the seats exactly are all elected',
      candidates: [c(1, 13), c(2, 13), c(3, 13), c(4, 12)],
      seats: 3,
      D: 20,
      expected: { elected: [1, 2, 3], tied: [], unfilled: 0 },
    },
    {
      name: 'fewer passing than seats: 1 of 3 filled',
      candidates: [c(1, 15), c(2, 9), c(3, 10)],
      seats: 3,
      D: 20,
      expected: { elected: [1], tied: [], unfilled: 2 },
    },
    {
      name: 'none passing (10/20 is not more than half) → unfilled = seats',
      candidates: [c(1, 10), c(2, 10), c(3, 4)],
      seats: 2,
      D: 20,
      expected: { elected: [], tied: [], unfilled: 2 },
    },
    {
      name: 'odd D = 37: 19 elected, 18 not',
      candidates: [c(1, 19), c(2, 18)],
      seats: 2,
      D: 37,
      expected: { elected: [1], tied: [], unfilled: 1 },
    },
    {
      name: 'D = 21: 11 elected (22 > 21), 10 not',
      candidates: [c(1, 11), c(2, 10)],
      seats: 1,
      D: 21,
      expected: { elected: [1], tied: [], unfilled: 0 },
    },
    {
      name: 'no candidates → all seats unfilled',
      candidates: [],
      seats: 3,
      D: 20,
      expected: { elected: [], tied: [], unfilled: 3 },
    },
  ];

  it.each(rows)('$name', ({ candidates, seats, D, expected }) => {
    expect(sorted(electionRound(candidates, seats, D))).toEqual(expected);
  });

  it('lists the elected by votes, most first', () => {
    expect(electionRound([c(3, 11), c(1, 15), c(2, 12)], 3, 20).elected).toEqual([1, 2, 3]);
  });

  it('uses the base D from the roll, not those present (example 1: D = 37, 28 voters → 19 needed)', () => {
    const D = base(example1Roll());
    expect(electionRound([c(1, 19), c(2, 15)], 1, D)).toEqual<ElectionRound>({ elected: [1], tied: [], unfilled: 0 });
    expect(electionRound([c(1, 18)], 1, D)).toEqual<ElectionRound>({ elected: [], tied: [], unfilled: 1 });
  });

  it.each<[number, boolean, boolean]>([
    [1, false, false],
    [2, false, false],
    [3, false, true],
    [4, false, true],
    [1, true, false],
    [3, true, false],
    [4, true, false],
  ])('secretary: round %i, elected %s → appointment needed %s', (round, elected, expected) => {
    expect(secretaryNeedsAppointment(round, elected)).toBe(expected);
  });

  it('the third round is the last before appointment', () => {
    expect(MAX_SECRETARY_ROUNDS).toBe(3);
  });
});
