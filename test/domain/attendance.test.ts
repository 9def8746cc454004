import { describe, expect, it } from 'vitest';
import {
  attendanceCriterion,
  attendanceFacts,
  inVoteBase,
  isObliged,
  isVoter,
  MAX_CONSECUTIVE_EXCUSED,
  neededForHalf,
  neededForTwoThirds,
  passesHalf,
  passesTwoThirds,
  percentHundredths,
  rateAboveThreshold,
  trailingExcusedRun,
  UNEXCUSED_MONTHS_ALERT,
  unexcusedMonths,
  type AttendanceFacts,
  type CriterionMiss,
  type MemberMeetingRecord,
  type RollEntry,
} from '../../src/domain/attendance.ts';
import type { MeetingKind } from '../../src/domain/meeting.ts';
import { entry, roll, OF_PRESENT, PB_PRESENT, OF_EXCUSED, OF_EXCUSED_APPROVED, OF_UNEXCUSED, OF_EXEMPT_ABSENT, type Spec } from '../support/roll.ts';

// Expected values below are worked out by hand from /work/shared/domain-rules.md (§2, §4, §9 and the
// worked examples), never by calling the code under test.


/** Worked example 1: 38 OF + 2 PB; 1 OF exempt and absent; 28 OF + 2 PB present; 6 OF excused, 3 OF unexcused. */
const example1 = () =>
  roll([28, OF_PRESENT], [2, PB_PRESENT], [1, OF_EXEMPT_ABSENT], [6, OF_EXCUSED], [3, OF_UNEXCUSED]);

/** Worked example 21: 22 OF + 3 PB; 2 OF exempt and absent; 20 present (17 OF + 3 PB), 2 OF excused, 1 OF unexcused. */
const example21 = () => roll([17, OF_PRESENT], [3, PB_PRESENT], [2, OF_EXEMPT_ABSENT], [2, OF_EXCUSED], [1, OF_UNEXCUSED]);

describe('worked examples (domain-rules.md)', () => {
  it('example 1: D = 37, 28 voters, ordinary resolution needs 19, 2/3 needs 25 and is feasible', () => {
    const facts = attendanceFacts('THUONG_KY', example1());
    expect(facts).toEqual<AttendanceFacts>({
      roll: { total: 40, official: 38, probationary: 2, exempt: 1, tempOut: 0, tempIn: 0, suspended: 0 },
      obliged: 39,
      present: 30,
      presentOfficial: 28,
      presentProbationary: 2,
      presentGuests: 0,
      excused: 6,
      unexcused: 3,
      unmarked: 0,
      voteBase: 37,
      voters: 28,
      baseExclusions: { exemptAbsent: 1, tempOut: 0, suspended: 0, tempIn: 0, approvedExcuses: 0 },
      half: { needed: 19, feasible: true },
      twoThirds: { needed: 25, feasible: true },
      rate: { num: 30, den: 39 },
      rateAboveThreshold: false,
    });
  });

  it.each([
    // [example, yes, D, passes, share in hundredths]
    ['1: 19 yes of D = 37 passes, "đạt 51,35%"', 19, 37, true, 5135],
    ['2: 18 yes of D = 37 fails (36 ≤ 37), "48,65%", never 18/28', 18, 37, false, 4865],
    ['5: tie, 10 yes of D = 20 fails', 10, 20, false, 5000],
    ['5: 11 yes of D = 20 passes', 11, 20, true, 5500],
  ])('example %s (more than half)', (_name, yes, base, passes, share) => {
    expect(passesHalf(yes, base)).toBe(passes);
    expect(percentHundredths(yes, base)).toBe(share);
  });

  it('example 2: the share is against D, not against those present (18/28 would be 64,29%)', () => {
    expect(percentHundredths(18, 37)).toBe(4865);
    expect(percentHundredths(18, 37)).not.toBe(6429);
  });

  it('example 5: D = 20 with 20 official members present; 11 is the smallest yes count that passes', () => {
    const facts = attendanceFacts('THUONG_KY', roll([20, OF_PRESENT]));
    expect(facts.voteBase).toBe(20);
    expect(facts.voters).toBe(20);
    expect(facts.half).toEqual({ needed: 11, feasible: true });
  });

  it.each([
    ['10 yes of D = 15 passes (30 ≥ 30), "đạt 66,67%", "đủ 2/3"', 10, 15, true, 6667],
    ['9 yes of D = 15 fails (27 < 30)', 9, 15, false, 6000],
  ])('example 8: %s', (_name, yes, base, passes, share) => {
    expect(passesTwoThirds(yes, base)).toBe(passes);
    expect(percentHundredths(yes, base)).toBe(share);
  });

  it('example 8: D = 15, 13 present — 2/3 needs 10 and is feasible', () => {
    const facts = attendanceFacts('BAT_THUONG', roll([13, OF_PRESENT], [2, OF_UNEXCUSED]));
    expect(facts.voteBase).toBe(15);
    expect(facts.voters).toBe(13);
    expect(facts.twoThirds).toEqual({ needed: 10, feasible: true });
    expect(facts.half).toEqual({ needed: 8, feasible: true });
  });

  it('example 21: obliged 23, present 20, rate 86,96 % but the criterion is not met (one unexcused absence)', () => {
    const facts = attendanceFacts('THUONG_KY', example21());
    expect(facts).toEqual<AttendanceFacts>({
      roll: { total: 25, official: 22, probationary: 3, exempt: 2, tempOut: 0, tempIn: 0, suspended: 0 },
      obliged: 23,
      present: 20,
      presentOfficial: 17,
      presentProbationary: 3,
      presentGuests: 0,
      excused: 2,
      unexcused: 1,
      unmarked: 0,
      voteBase: 20,
      voters: 17,
      baseExclusions: { exemptAbsent: 2, tempOut: 0, suspended: 0, tempIn: 0, approvedExcuses: 0 },
      half: { needed: 11, feasible: true },
      twoThirds: { needed: 14, feasible: true },
      rate: { num: 20, den: 23 },
      rateAboveThreshold: true,
    });
    expect(percentHundredths(20, 23)).toBe(8696);
    expect(attendanceCriterion(facts, 0)).toEqual(['unexcused']);
  });
});

describe('inVoteBase, isVoter, isObliged for every status of §9', () => {
  it.each<[string, Spec, MeetingKind, boolean, boolean, boolean]>([
    // [case, entry, meeting kind, in base, voter, obliged]
    ['official, active, present', {}, 'THUONG_KY', true, true, true],
    ['official, active, not marked yet', { attendance: null }, 'THUONG_KY', true, false, true],
    ['official, excused, reason not approved by the committee (§2.4)', OF_EXCUSED, 'THUONG_KY', true, false, true],
    ['official, excused, reason approved by the committee (§2.2 d)', OF_EXCUSED_APPROVED, 'THUONG_KY', false, false, true],
    ['official, unexcused', OF_UNEXCUSED, 'THUONG_KY', true, false, true],
    ['probationary, present (§2.3)', PB_PRESENT, 'THUONG_KY', false, false, true],
    ['probationary, present at a congress (§2.3)', PB_PRESENT, 'DAI_HOI', false, false, true],
    ['probationary, unexcused', { membership: 'DU_BI', attendance: 'ABSENT_UNEXCUSED' }, 'THUONG_KY', false, false, true],
    ['exempt official, present (§2.2 b: counted when present)', { status: 'EXEMPT' }, 'THUONG_KY', true, true, true],
    ['exempt official, absent (§2.2 b)', OF_EXEMPT_ABSENT, 'THUONG_KY', false, false, false],
    ['exempt official, not marked', { status: 'EXEMPT', attendance: null }, 'THUONG_KY', false, false, false],
    ['exempt official, absent from a congress', { status: 'EXEMPT', attendance: null }, 'DAI_HOI', false, false, false],
    ['exempt official, present at a congress', { status: 'EXEMPT' }, 'DAI_HOI', true, true, true],
    ['exempt probationary, present', { membership: 'DU_BI', status: 'EXEMPT' }, 'THUONG_KY', false, false, true],
    ['sent elsewhere (TEMP_OUT), present at a monthly meeting (§2.2 a)', { status: 'TEMP_OUT' }, 'THUONG_KY', false, false, false],
    ['sent elsewhere, present at a thematic meeting', { status: 'TEMP_OUT' }, 'CHUYEN_DE', false, false, false],
    ['sent elsewhere, present at an extraordinary meeting', { status: 'TEMP_OUT' }, 'BAT_THUONG', false, false, false],
    ['sent elsewhere, present at the congress (01-HD/TW §13.2)', { status: 'TEMP_OUT' }, 'DAI_HOI', true, true, false],
    ['sent elsewhere, absent from the congress', { status: 'TEMP_OUT', attendance: 'ABSENT_EXCUSED' }, 'DAI_HOI', false, false, false],
    ['sent elsewhere, not marked at the congress', { status: 'TEMP_OUT', attendance: null }, 'DAI_HOI', false, false, false],
    ['guest (TEMP_IN), present', { status: 'TEMP_IN' }, 'THUONG_KY', false, false, false],
    ['guest (TEMP_IN), present at the congress', { status: 'TEMP_IN' }, 'DAI_HOI', false, false, false],
    ['suspended, present (§2.2 c)', { status: 'SUSPENDED' }, 'THUONG_KY', false, false, false],
    ['suspended, present at the congress', { status: 'SUSPENDED' }, 'DAI_HOI', false, false, false],
    ['prosecuted/detained, present (§2.2 c)', { status: 'PROSECUTED' }, 'THUONG_KY', false, false, false],
    ['prosecuted/detained, absent', { status: 'PROSECUTED', attendance: null }, 'KET_HOP', false, false, false],
  ])('%s', (_name, spec, kind, base, voter, obliged) => {
    const e = entry(spec);
    expect(inVoteBase(e, kind)).toBe(base);
    expect(isVoter(e, kind)).toBe(voter);
    expect(isObliged(e)).toBe(obliged);
  });
});

describe('excused absences and the base (§2.2 d, §2.4)', () => {
  it.each<[string, RollEntry[], number, number, number]>([
    // [case, roll, D, voters, approvedExcuses]
    ['10 OF, 8 present, 2 excused without approval: both stay in D', roll([8, OF_PRESENT], [2, OF_EXCUSED]), 10, 8, 0],
    ['one of the two excuses approved', roll([8, OF_PRESENT], [1, OF_EXCUSED], [1, OF_EXCUSED_APPROVED]), 9, 8, 1],
    ['both excuses approved', roll([8, OF_PRESENT], [2, OF_EXCUSED_APPROVED]), 8, 8, 2],
    // Lâm Đồng Q&A: 17 official, 1 exempt (absent), 2 excused absent, 14 present → base 16, not 14.
    ['Lâm Đồng example, no approval', roll([14, OF_PRESENT], [1, OF_EXEMPT_ABSENT], [2, OF_EXCUSED]), 16, 14, 0],
    ['Lâm Đồng example, both excuses approved', roll([14, OF_PRESENT], [1, OF_EXEMPT_ABSENT], [2, OF_EXCUSED_APPROVED]), 14, 14, 2],
    ['an approved probationary absence changes nothing', roll([8, OF_PRESENT], [1, { membership: 'DU_BI', attendance: 'ABSENT_EXCUSED', excuseApproved: true }]), 8, 8, 0],
  ])('%s', (_name, members, base, voters, approved) => {
    const facts = attendanceFacts('THUONG_KY', members);
    expect(facts.voteBase).toBe(base);
    expect(facts.voters).toBe(voters);
    expect(facts.baseExclusions.approvedExcuses).toBe(approved);
  });

  it('an approved excuse still counts the member as obliged and excused for the attendance rate', () => {
    const facts = attendanceFacts('THUONG_KY', roll([8, OF_PRESENT], [2, OF_EXCUSED_APPROVED]));
    expect(facts.obliged).toBe(10);
    expect(facts.excused).toBe(2);
    expect(facts.rate).toEqual({ num: 8, den: 10 });
  });
});

describe('baseExclusions: every official member left out of D, by rule', () => {
  // 23 entries: 20 official (19 home + 1 guest), 3 probationary (2 home + 1 guest).
  const mixed = () =>
    roll(
      [10, OF_PRESENT],
      [1, { status: 'EXEMPT', attendance: null }],
      [1, { status: 'EXEMPT' }],
      [1, { status: 'TEMP_OUT' }],
      [1, { status: 'TEMP_OUT', attendance: 'ABSENT_EXCUSED' }],
      [1, { status: 'SUSPENDED', attendance: null }],
      [1, { status: 'PROSECUTED', attendance: null }],
      [1, { status: 'TEMP_IN' }],
      [1, { membership: 'DU_BI', status: 'TEMP_IN' }],
      [2, OF_EXCUSED_APPROVED],
      [1, OF_EXCUSED],
      [1, { membership: 'DU_BI', attendance: 'ABSENT_EXCUSED', excuseApproved: true }],
      [1, { membership: 'DU_BI', status: 'TEMP_OUT', attendance: null }],
    );

  it.each<[MeetingKind, number, number, AttendanceFacts['baseExclusions']]>([
    // D = 10 active present + 1 exempt present + 1 excused without approval; +1 at the congress (TEMP_OUT present).
    ['THUONG_KY', 12, 11, { exemptAbsent: 1, tempOut: 2, suspended: 2, tempIn: 1, approvedExcuses: 2 }],
    ['DAI_HOI', 13, 12, { exemptAbsent: 1, tempOut: 1, suspended: 2, tempIn: 1, approvedExcuses: 2 }],
  ])('%s: D = %i, voters = %i', (kind, base, voters, exclusions) => {
    const facts = attendanceFacts(kind, mixed());
    expect(facts.voteBase).toBe(base);
    expect(facts.voters).toBe(voters);
    expect(facts.baseExclusions).toEqual(exclusions);
    // Every official member is either in D or in exactly one exclusion.
    const excluded = Object.values(facts.baseExclusions).reduce((a, b) => a + b, 0);
    expect(base + excluded).toBe(20);
  });

  it('roll, obliged, present and rate of the same roll', () => {
    const facts = attendanceFacts('THUONG_KY', mixed());
    expect(facts.roll).toEqual({ total: 21, official: 19, probationary: 2, exempt: 2, tempOut: 3, tempIn: 2, suspended: 2 });
    // obliged: 10 active + exempt present + 2 approved + 1 not approved + probationary excused = 15
    expect(facts.obliged).toBe(15);
    expect(facts.presentGuests).toBe(2);
    expect(facts.excused).toBe(4);
    expect(facts.unexcused).toBe(0);
    expect(facts.unmarked).toBe(0);
    expect(facts.rate.den).toBe(15);
  });
});

describe('obliged members and the strict 85 % (§4.4, §9)', () => {
  it.each<[string, RollEntry[], number, number, boolean]>([
    // [case, roll, present among obliged, obliged, above 85 %]
    ['17 of 20 is exactly 85,00 % and fails', roll([17, OF_PRESENT], [3, OF_EXCUSED]), 17, 20, false],
    ['20 of 23 is 86,96 % and passes', roll([20, OF_PRESENT], [3, OF_EXCUSED]), 20, 23, true],
    ['18 of 21 is 85,71 % and passes', roll([16, OF_PRESENT], [2, PB_PRESENT], [3, OF_EXCUSED]), 18, 21, true],
    ['exempt absentees leave the denominator', roll([17, OF_PRESENT], [3, OF_EXEMPT_ABSENT], [1, OF_EXCUSED]), 17, 18, true],
    ['an exempt member who comes counts in both', roll([17, OF_PRESENT], [1, { status: 'EXEMPT' }], [3, OF_EXCUSED]), 18, 21, true],
    ['suspended, prosecuted and sent-elsewhere members leave the denominator', roll([17, OF_PRESENT], [3, OF_EXCUSED], [1, { status: 'SUSPENDED', attendance: null }], [1, { status: 'PROSECUTED', attendance: null }], [1, { status: 'TEMP_OUT', attendance: null }]), 17, 20, false],
    ['guests are counted in neither', roll([17, OF_PRESENT], [3, OF_EXCUSED], [4, { status: 'TEMP_IN' }]), 17, 20, false],
    ['probationary members are obliged', roll([15, OF_PRESENT], [2, PB_PRESENT], [3, { membership: 'DU_BI', attendance: 'ABSENT_UNEXCUSED' }]), 17, 20, false],
    ['unmarked members are obliged and not present', roll([17, OF_PRESENT], [3, { attendance: null }]), 17, 20, false],
  ])('%s', (_name, members, num, den, above) => {
    const facts = attendanceFacts('THUONG_KY', members);
    expect(facts.obliged).toBe(den);
    expect(facts.rate).toEqual({ num, den });
    expect(facts.rateAboveThreshold).toBe(above);
  });

  it.each([
    [{ num: 17, den: 20 }, false],
    [{ num: 85, den: 100 }, false],
    [{ num: 8500, den: 10000 }, false],
    [{ num: 8501, den: 10000 }, true],
    [{ num: 86, den: 100 }, true],
    [{ num: 20, den: 23 }, true],
    [{ num: 6, den: 7 }, true],
    [{ num: 5, den: 6 }, false],
    [{ num: 1, den: 1 }, true],
    [{ num: 0, den: 0 }, false],
  ])('rateAboveThreshold(%o) = %s', (rate, above) => {
    expect(rateAboveThreshold(rate)).toBe(above);
  });

  it('counts unmarked obliged members apart', () => {
    const facts = attendanceFacts('THUONG_KY', roll([5, OF_PRESENT], [2, { attendance: null }], [1, { membership: 'DU_BI', attendance: null }], [1, { status: 'EXEMPT', attendance: null }]));
    expect(facts.unmarked).toBe(3);
    expect(facts.obliged).toBe(8);
    expect(facts.voteBase).toBe(7);
  });

  // §9 writes the numerator as present(CHINH_THUC+DU_BI, excluding TEMP_IN) over the obliged; read literally
  // a member sent elsewhere (TEMP_OUT) who drops in would give 11/10. The bot counts present members
  // among the obliged, so the rate never exceeds 100 %; the visitor still shows among those present.
  it('counts the rate among the obliged: a member sent elsewhere who drops in is present but not in the rate', () => {
    const facts = attendanceFacts('THUONG_KY', roll([10, OF_PRESENT], [1, { status: 'TEMP_OUT' }]));
    expect(facts.present).toBe(11);
    expect(facts.rate).toEqual({ num: 10, den: 10 });
  });
});

describe('thresholds (§2.6)', () => {
  it.each([
    // [yes, D, 2·yes > D]
    [19, 37, true],
    [18, 37, false],
    [10, 20, false],
    [11, 20, true],
    [1, 1, true],
    [0, 1, false],
    [1, 2, false],
    [2, 3, true],
    [0, 0, false],
  ])('passesHalf(%i, %i) = %s', (yes, base, passes) => {
    expect(passesHalf(yes, base)).toBe(passes);
  });

  it.each([
    // [yes, D, 3·yes ≥ 2·D]
    [25, 37, true],
    [24, 37, false],
    [10, 15, true],
    [9, 15, false],
    [14, 20, true],
    [13, 20, false],
    [2, 3, true],
    [1, 3, false],
    [1, 1, true],
    [0, 1, false],
  ])('passesTwoThirds(%i, %i) = %s', (yes, base, passes) => {
    expect(passesTwoThirds(yes, base)).toBe(passes);
  });

  // With an empty base (D = 0) nothing passes, at either threshold.
  it('passesTwoThirds(0, 0) is false: an empty base passes nothing', () => {
    expect(passesTwoThirds(0, 0)).toBe(false);
  });

  it.each([
    // [D, floor(D/2)+1, max(1, ceil(2D/3))]
    [0, 1, 1],
    [1, 1, 1],
    [2, 2, 2],
    [3, 2, 2],
    [4, 3, 3],
    [5, 3, 4],
    [15, 8, 10],
    [16, 9, 11],
    [20, 11, 14],
    [37, 19, 25],
  ])('D = %i: more than half needs %i, two thirds needs %i', (base, half, twoThirds) => {
    expect(neededForHalf(base)).toBe(half);
    expect(neededForTwoThirds(base)).toBe(twoThirds);
  });

  it('the needed counts are the smallest passing counts for every D from 1 to 60 (brute force)', () => {
    for (let base = 1; base <= 60; base++) {
      let half = 0;
      while (!(2 * half > base)) half++;
      let twoThirds = 0;
      while (!(3 * twoThirds >= 2 * base)) twoThirds++;
      expect(neededForHalf(base)).toBe(half);
      expect(neededForTwoThirds(base)).toBe(twoThirds);
      expect(passesHalf(half, base) && !passesHalf(half - 1, base)).toBe(true);
      expect(passesTwoThirds(twoThirds, base) && !passesTwoThirds(twoThirds - 1, base)).toBe(true);
    }
  });

  it('empty base: D = 0 (only probationary members present) passes nothing, needed counts stay at 1', () => {
    const facts = attendanceFacts('THUONG_KY', roll([3, PB_PRESENT]));
    expect(facts.voteBase).toBe(0);
    expect(facts.voters).toBe(0);
    expect(facts.half).toEqual({ needed: 1, feasible: false });
    expect(facts.twoThirds).toEqual({ needed: 1, feasible: false });
    expect(facts.rate).toEqual({ num: 3, den: 3 });
    expect(passesHalf(0, 0)).toBe(false);
  });

  it('empty roll: no base, no rate, the rate criterion is missed', () => {
    const facts = attendanceFacts('THUONG_KY', []);
    expect(facts.voteBase).toBe(0);
    expect(facts.half.feasible).toBe(false);
    expect(facts.twoThirds.feasible).toBe(false);
    expect(facts.rate).toEqual({ num: 0, den: 0 });
    expect(facts.rateAboveThreshold).toBe(false);
    expect(attendanceCriterion(facts, 0)).toEqual(['rate']);
  });

  it.each([
    // [num, den, hundredths of a percent, rounded half up]
    [19, 37, 5135],
    [18, 37, 4865],
    [10, 15, 6667],
    [20, 23, 8696],
    [17, 20, 8500],
    [30, 39, 7692],
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 16, 625],
    [1, 32, 313], // 3,125 % → 3,13 %
    [1, 200, 50],
    [0, 5, 0],
    [5, 5, 10000],
    [0, 0, 0],
  ])('percentHundredths(%i, %i) = %i', (num, den, hundredths) => {
    expect(percentHundredths(num, den)).toBe(hundredths);
  });
});

describe('attendanceCriterion (§4.4)', () => {
  it.each<[string, RollEntry[], number, CriterionMiss[]]>([
    ['everybody present', roll([20, OF_PRESENT]), 0, []],
    ['86,96 % with excused absences only', roll([20, OF_PRESENT], [3, OF_EXCUSED]), 0, []],
    ['exactly 85 %', roll([17, OF_PRESENT], [3, OF_EXCUSED]), 0, ['rate']],
    ['one unexcused absence (example 21)', example21(), 0, ['unexcused']],
    ['a member with more than 3 consecutive excused absences', roll([20, OF_PRESENT]), 1, ['consecutiveExcused']],
    ['all three misses', roll([17, OF_PRESENT], [2, OF_EXCUSED], [1, OF_UNEXCUSED]), 2, ['rate', 'unexcused', 'consecutiveExcused']],
    ['an exempt member absent is not an unexcused absence', roll([20, OF_PRESENT], [1, { status: 'EXEMPT', attendance: 'ABSENT_UNEXCUSED' }]), 0, []],
  ])('%s → %o', (_name, members, overConsecutive, misses) => {
    expect(attendanceCriterion(attendanceFacts('THUONG_KY', members), overConsecutive)).toEqual(misses);
  });
});

describe("a member's record across the year (§4.3, §4.4)", () => {
  it('alert thresholds: three months of unexcused absence, more than three excused in a row', () => {
    expect(UNEXCUSED_MONTHS_ALERT).toBe(3);
    expect(MAX_CONSECUTIVE_EXCUSED).toBe(3);
  });

  const r = (date: string, attendance: MemberMeetingRecord['attendance'], kind: MeetingKind = 'THUONG_KY'): MemberMeetingRecord => ({ date, kind, attendance });

  const year2026: MemberMeetingRecord[] = [
    r('2026-04-01', 'ABSENT_UNEXCUSED', 'KET_HOP'),
    r('2026-01-05', 'ABSENT_UNEXCUSED'),
    r('2026-01-20', 'ABSENT_UNEXCUSED', 'CHUYEN_DE'), // same month as 01-05: counted once
    r('2026-02-03', 'ABSENT_UNEXCUSED', 'BAT_THUONG'), // extraordinary meeting: not counted
    r('2026-03-01', 'ABSENT_UNEXCUSED', 'DAI_HOI'), // congress: not counted
    r('2026-05-01', 'ABSENT_EXCUSED'),
    r('2026-06-01', 'PRESENT'),
    r('2025-12-01', 'ABSENT_UNEXCUSED'),
    r('2027-01-04', 'ABSENT_UNEXCUSED'),
    r('2026-11-02', 'ABSENT_UNEXCUSED', 'CHUYEN_DE'),
  ];

  it.each<[string, MemberMeetingRecord[], number, string[]]>([
    ['no records', [], 2026, []],
    ['distinct months of the year, regular and thematic meetings only, sorted', year2026, 2026, ['2026-01', '2026-04', '2026-11']],
    ['another year of the same records', year2026, 2025, ['2025-12']],
    ['two absences in one month count once', [r('2026-03-02', 'ABSENT_UNEXCUSED'), r('2026-03-30', 'ABSENT_UNEXCUSED')], 2026, ['2026-03']],
    ['excused absences and presences do not count', [r('2026-03-02', 'ABSENT_EXCUSED'), r('2026-04-01', 'PRESENT')], 2026, []],
    ['only extraordinary meetings and congresses', [r('2026-03-02', 'ABSENT_UNEXCUSED', 'BAT_THUONG'), r('2026-04-01', 'ABSENT_UNEXCUSED', 'DAI_HOI')], 2026, []],
    [
      'three months, not consecutive',
      [r('2026-01-05', 'ABSENT_UNEXCUSED'), r('2026-02-02', 'PRESENT'), r('2026-05-04', 'ABSENT_UNEXCUSED'), r('2026-09-01', 'ABSENT_UNEXCUSED', 'KET_HOP')],
      2026,
      ['2026-01', '2026-05', '2026-09'],
    ],
  ])('unexcusedMonths: %s', (_name, records, year, months) => {
    expect(unexcusedMonths(records, year)).toEqual(months);
  });

  const E = 'ABSENT_EXCUSED' as const;
  const P = 'PRESENT' as const;
  const U = 'ABSENT_UNEXCUSED' as const;

  it.each<[string, MemberMeetingRecord[], number, number]>([
    ['no records', [], 2026, 0],
    ['four excused in a row', [r('2026-01-05', E), r('2026-02-02', E), r('2026-03-02', E), r('2026-04-01', E)], 2026, 4],
    ['three excused in a row', [r('2026-02-02', E), r('2026-03-02', E), r('2026-04-01', E)], 2026, 3],
    ['run broken by a presence', [r('2026-01-05', E), r('2026-02-02', E), r('2026-03-02', P), r('2026-04-01', E), r('2026-05-04', E)], 2026, 2],
    ['counted from the latest meeting: present last', [r('2026-01-05', E), r('2026-02-02', E), r('2026-03-02', E), r('2026-04-01', E), r('2026-05-04', P)], 2026, 0],
    ['an unexcused absence breaks the run', [r('2026-01-05', E), r('2026-02-02', E), r('2026-03-02', U)], 2026, 0],
    ['unsorted input is read in date order', [r('2026-04-01', E), r('2026-01-05', P), r('2026-03-02', E), r('2026-02-02', E)], 2026, 3],
    ['thematic and combined meetings are part of the run', [r('2026-03-02', E), r('2026-03-16', E, 'CHUYEN_DE'), r('2026-04-01', E, 'KET_HOP'), r('2026-05-04', E)], 2026, 4],
    ['year boundary: last year does not extend this year', [r('2025-11-03', E), r('2025-12-01', E), r('2026-01-05', E), r('2026-02-02', E)], 2026, 2],
    ['year boundary: counted back from the latest meeting of the asked year', [r('2025-10-01', P), r('2025-11-03', E), r('2025-12-01', E), r('2026-01-05', P)], 2025, 2],
  ])('trailingExcusedRun: %s', (_name, records, year, run) => {
    expect(trailingExcusedRun(records, year)).toBe(run);
  });
});
