import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CriterionMiss } from '../../src/domain/attendance.ts';
import {
  checkSheet,
  factPoints,
  prefill,
  scoreMeeting,
  validPoints,
  type Band,
  type ScoreCriterion,
  type ScoreFacts,
  type ScoreSheet,
} from '../../src/domain/scoring.ts';
import { loadScoreSheet, ScoreSheetError } from '../../src/reports/score-sheet-file.ts';

// Expected values are worked out by hand from domain-rules.md §4.4 and §6.2 and from the shipped sheet
// config/score-sheets/pho-bien-100.json: chuan-bi 10, thoi-luong 10 (duration), du-hop 15 (attendance),
// noi-dung 20, thao-luan 20, ket-qua 15 (priorTasks), bien-ban 10 (minutes); bands 90 / 70 / 50; full
// marks for Tốt on thoi-luong, du-hop, bien-ban.

/** A small sheet built by hand, sound unless a test changes it. */
const sheet = (over: Partial<ScoreSheet> = {}): ScoreSheet => ({
  id: 'thu',
  name: 'Phiếu thử',
  source: 'test',
  criteria: [
    { id: 'a', label: 'Chuẩn bị', max: 40 },
    { id: 'b', label: 'Thời lượng', max: 30, fact: 'duration' },
    { id: 'c', label: 'Dự họp', max: 30, fact: 'attendance' },
  ],
  bands: { TOT: 90, KHA: 70, TRUNG_BINH: 50 },
  fullMarksForTop: ['b'],
  ...over,
});

/** Facts of a meeting where everything the bot can see went well. */
const goodFacts = (over: Partial<ScoreFacts> = {}): ScoreFacts => ({
  durationMet: true,
  attendanceMisses: [],
  priorTasks: { due: 0, doneOnTime: 0 },
  minutesDone: true,
  ...over,
});

const defaultSheet = loadScoreSheet();

/** Full marks on every criterion of the default sheet, then the given changes. */
const points = (over: Record<string, number> = {}): Record<string, number> => ({
  'chuan-bi': 10,
  'thoi-luong': 10,
  'du-hop': 15,
  'noi-dung': 20,
  'thao-luan': 20,
  'ket-qua': 15,
  'bien-ban': 10,
  ...over,
});

describe('checking a score sheet', () => {
  it('accepts the shipped default sheet and a sound hand-made one', () => {
    expect(checkSheet(defaultSheet)).toEqual([]);
    expect(checkSheet(sheet())).toEqual([]);
  });

  it('the shipped sheet is the 100-point sheet with the 90 / 70 / 50 bands of §6.2', () => {
    expect(defaultSheet.criteria.reduce((s, c) => s + c.max, 0)).toBe(100);
    expect(defaultSheet.bands).toEqual({ TOT: 90, KHA: 70, TRUNG_BINH: 50 });
    expect(defaultSheet.criteria.filter((c) => c.fact).map((c) => [c.id, c.fact])).toEqual([
      ['thoi-luong', 'duration'],
      ['du-hop', 'attendance'],
      ['ket-qua', 'priorTasks'],
      ['bien-ban', 'minutes'],
    ]);
  });

  it('names a criterion id used twice', () => {
    const problems = checkSheet(sheet({ criteria: [{ id: 'a', label: 'x', max: 50 }, { id: 'a', label: 'y', max: 50 }], fullMarksForTop: [] }));
    expect(problems).toEqual(['duplicate criterion a']);
  });

  it('says what the criteria add up to when it is not 100', () => {
    // 40 + 30 + 25 = 95
    const problems = checkSheet(sheet({ criteria: [{ id: 'a', label: 'x', max: 40 }, { id: 'b', label: 'y', max: 30 }, { id: 'c', label: 'z', max: 25 }] }));
    expect(problems).toEqual(['criteria add up to 95, not 100']);
  });

  it('refuses a maximum that is not a positive whole number', () => {
    const problems = checkSheet(sheet({ criteria: [{ id: 'a', label: 'x', max: 100.5 }, { id: 'b', label: 'y', max: 0 }], fullMarksForTop: [] }));
    expect(problems).toContain('criterion a: max must be a positive whole number');
    expect(problems).toContain('criterion b: max must be a positive whole number');
  });

  it.each([
    ['Khá above Tốt', { TOT: 70, KHA: 90, TRUNG_BINH: 50 }],
    ['Khá equal to Tốt', { TOT: 90, KHA: 90, TRUNG_BINH: 50 }],
    ['Trung bình at 0', { TOT: 90, KHA: 70, TRUNG_BINH: 0 }],
    ['Tốt above 100', { TOT: 101, KHA: 70, TRUNG_BINH: 50 }],
  ])('refuses bands that do not fall (%s)', (_name, bands) => {
    const problems = checkSheet(sheet({ bands }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/bands must fall/);
  });

  it('names a fullMarksForTop criterion that is not on the sheet', () => {
    expect(checkSheet(sheet({ fullMarksForTop: ['b', 'bien-ban'] }))).toEqual(['fullMarksForTop names unknown criterion bien-ban']);
  });
});

describe('loading the score sheet file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'score-sheet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const errorOfLoad = (file: string): ScoreSheetError => {
    try {
      loadScoreSheet(file);
    } catch (error) {
      expect(error).toBeInstanceOf(ScoreSheetError);
      return error as ScoreSheetError;
    }
    throw new Error('expected a ScoreSheetError, nothing was thrown');
  };

  it('loads a sound copy of the default sheet unchanged', () => {
    const file = write('copy.json', JSON.stringify(defaultSheet));
    expect(loadScoreSheet(file)).toEqual(defaultSheet);
  });

  it('stops with the sum when the criteria add up to 95', () => {
    // noi-dung 20 → 15: 100 − 5 = 95
    const broken = { ...defaultSheet, criteria: defaultSheet.criteria.map((c) => (c.id === 'noi-dung' ? { ...c, max: 15 } : c)) };
    const error = errorOfLoad(write('sum95.json', JSON.stringify(broken)));
    expect(error.message).toContain('sum95.json');
    expect(error.message).toContain('criteria add up to 95, not 100');
  });

  it('stops naming the criterion whose fact the bot does not know', () => {
    // du-hop is the third criterion (index 2)
    const broken = { ...defaultSheet, criteria: defaultSheet.criteria.map((c) => (c.id === 'du-hop' ? { ...c, fact: 'speaking' } : c)) };
    const error = errorOfLoad(write('fact.json', JSON.stringify(broken)));
    expect(error.message).toContain('criteria.2.fact');
  });

  it('stops on a file that is not JSON, naming the file', () => {
    const error = errorOfLoad(write('broken.json', '{ "id": "pho-bien-100", '));
    expect(error.message).toContain('broken.json');
    expect(error.message).toMatch(/JSON/);
  });

  it('stops on a file that is not there', () => {
    const error = errorOfLoad(join(dir, 'missing.json'));
    expect(error.message).toContain('missing.json');
  });
});

describe('points the bot gives for a fact', () => {
  it.each([
    [true, 10],
    [false, 0],
    [null, null],
  ])('duration met = %s gives %s of 10 (unknown duration stays empty)', (durationMet, expected) => {
    expect(factPoints('duration', 10, goodFacts({ durationMet }))).toBe(expected);
  });

  it.each<[CriterionMiss[], number]>([
    [[], 15],
    // only the rate is above 85 %: half of 15, rounded down = 7
    [['unexcused'], 7],
    [['consecutiveExcused'], 7],
    [['unexcused', 'consecutiveExcused'], 7],
    // the rate itself is not above 85 %: nothing
    [['rate'], 0],
    [['rate', 'unexcused'], 0],
  ])('attendance with misses %j gives %i of 15', (attendanceMisses, expected) => {
    expect(factPoints('attendance', 15, goodFacts({ attendanceMisses }))).toBe(expected);
  });

  it('attendance half marks of an even maximum are exact (20 → 10)', () => {
    expect(factPoints('attendance', 20, goodFacts({ attendanceMisses: ['unexcused'] }))).toBe(10);
  });

  it.each([
    // nothing was due: full marks
    [15, 0, 0, 15],
    // 15 × 2/3 = 10
    [15, 3, 2, 10],
    // 10 × 2/3 = 6,67 → 6 (rounded down, never up)
    [10, 3, 2, 6],
    [15, 3, 3, 15],
    [15, 1, 0, 0],
  ])('last month’s tasks, max %i, %i due and %i done on time, gives %i', (max, due, doneOnTime, expected) => {
    expect(factPoints('priorTasks', max, goodFacts({ priorTasks: { due, doneOnTime } }))).toBe(expected);
  });

  it.each([
    [true, 10],
    [false, 0],
  ])('minutes done = %s gives %i of 10', (minutesDone, expected) => {
    expect(factPoints('minutes', 10, goodFacts({ minutesDone }))).toBe(expected);
  });
});

describe('pre-filling a meeting’s sheet', () => {
  it('fills every fact criterion and leaves the secretary’s judgement empty', () => {
    const filled = prefill(defaultSheet, goodFacts({ priorTasks: { due: 3, doneOnTime: 2 } }));
    // ket-qua: 15 × 2/3 = 10
    expect(filled).toEqual({ 'thoi-luong': 10, 'du-hop': 15, 'ket-qua': 10, 'bien-ban': 10 });
    for (const judged of ['chuan-bi', 'noi-dung', 'thao-luan']) expect(filled).not.toHaveProperty(judged);
  });

  it('leaves duration empty when the meeting has no recorded start or end', () => {
    const filled = prefill(defaultSheet, goodFacts({ durationMet: null, attendanceMisses: ['unexcused'], minutesDone: false }));
    expect(filled).toEqual({ 'du-hop': 7, 'ket-qua': 15, 'bien-ban': 0 });
  });
});

describe('scoring a meeting', () => {
  it('lists what is missing and gives no band until every criterion has points', () => {
    const result = scoreMeeting(defaultSheet, { 'thoi-luong': 10, 'du-hop': 15, 'ket-qua': 15, 'bien-ban': 10 });
    expect(result.missing).toEqual(['chuan-bi', 'noi-dung', 'thao-luan']);
    // 10 + 15 + 15 + 10
    expect(result.total).toBe(50);
    expect(result.band).toBeNull();
    expect(result.heldBackBy).toEqual([]);
  });

  it('gives Tốt at 100', () => {
    expect(scoreMeeting(defaultSheet, points())).toEqual({ missing: [], total: 100, band: 'TOT', heldBackBy: [] });
  });

  it.each<[string, Record<string, number>, number, Band]>([
    // judgement criteria lowered, fact criteria at full marks
    ['noi-dung 15, thao-luan 15', { 'noi-dung': 15, 'thao-luan': 15 }, 90, 'TOT'],
    ['noi-dung 14, thao-luan 15', { 'noi-dung': 14, 'thao-luan': 15 }, 89, 'KHA'],
    ['chuan-bi 0, noi-dung 10, thao-luan 10', { 'chuan-bi': 0, 'noi-dung': 10, 'thao-luan': 10 }, 70, 'KHA'],
    ['chuan-bi 0, noi-dung 9, thao-luan 10', { 'chuan-bi': 0, 'noi-dung': 9, 'thao-luan': 10 }, 69, 'TRUNG_BINH'],
    ['no judgement points', { 'chuan-bi': 0, 'noi-dung': 0, 'thao-luan': 0 }, 50, 'TRUNG_BINH'],
    ['no judgement points, ket-qua 14', { 'chuan-bi': 0, 'noi-dung': 0, 'thao-luan': 0, 'ket-qua': 14 }, 49, 'KEM'],
  ])('band edge: %s → %i is %s', (_name, over, total, band) => {
    const result = scoreMeeting(defaultSheet, points(over));
    expect(result.total).toBe(total);
    expect(result.band).toBe(band);
    expect(result.missing).toEqual([]);
  });

  it('holds a Tốt total back to Khá when a full-marks criterion is short, naming it', () => {
    // du-hop 7 (someone absent without reason): 100 − 8 = 92, a Tốt total
    const result = scoreMeeting(defaultSheet, points({ 'du-hop': 7 }));
    expect(result.total).toBe(92);
    expect(result.band).toBe('KHA');
    expect(result.heldBackBy).toEqual(['du-hop']);
  });

  it('names every short full-marks criterion', () => {
    // thoi-luong 5 of 10 and bien-ban 5 of 10, the rest full: 100 − 5 − 5 = 90, a Tốt total
    const result = scoreMeeting(defaultSheet, points({ 'thoi-luong': 5, 'bien-ban': 5 }));
    expect(result.total).toBe(90);
    expect(result.band).toBe('KHA');
    expect(result.heldBackBy).toEqual(['thoi-luong', 'bien-ban']);
  });

  it('does not hold back for a criterion outside fullMarksForTop', () => {
    // ket-qua 10 of 15: 95, still Tốt
    expect(scoreMeeting(defaultSheet, points({ 'ket-qua': 10 }))).toEqual({ missing: [], total: 95, band: 'TOT', heldBackBy: [] });
  });

  it('names nobody as holding back a total that is Khá anyway', () => {
    // du-hop 0 and noi-dung 5: 100 − 15 − 15 = 70
    const result = scoreMeeting(defaultSheet, points({ 'du-hop': 0, 'noi-dung': 5 }));
    expect(result).toEqual({ missing: [], total: 70, band: 'KHA', heldBackBy: [] });
  });

  it('uses the bands of the sheet it is given', () => {
    const strict = sheet({ bands: { TOT: 95, KHA: 80, TRUNG_BINH: 60 }, fullMarksForTop: [] });
    // 40 + 30 + 22 = 92: Khá on this sheet although 92 ≥ 90
    expect(scoreMeeting(strict, { a: 40, b: 30, c: 22 }).band).toBe('KHA');
    // 40 + 30 + 25 = 95
    expect(scoreMeeting(strict, { a: 40, b: 30, c: 25 }).band).toBe('TOT');
  });
});

describe('points the secretary types', () => {
  const criterion: ScoreCriterion = { id: 'noi-dung', label: 'Nội dung', max: 20 };
  it.each([
    [0, true],
    [13, true],
    [20, true],
    [-1, false],
    [21, false],
    [7.5, false],
    [Number.NaN, false],
  ])('%d points on a criterion of 20 is accepted: %s', (given, ok) => {
    expect(validPoints(criterion, given)).toBe(ok);
  });
});
