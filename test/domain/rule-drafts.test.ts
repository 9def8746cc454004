import { describe, expect, it } from 'vitest';
import { holidaysBetween, type IsoDate, type MonthlyRule } from '../../src/domain/calendar.ts';
import { nextDraftCheck, ruleTarget, withinLead } from '../../src/domain/rule-drafts.ts';

/** A Vietnam wall-clock time ("2026-12-05T14:00") as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const LEAD = 14;
const HALF_HOUR = 30 * 60_000;
const holidaysFrom = (today: IsoDate): Set<IsoDate> => {
  const [y] = today.split('-').map(Number) as [number];
  return new Set(holidaysBetween(today, `${y + 1}-12-31`).map((h) => h.date));
};

const rule = (dayOfMonth: number, time = '07:30', shiftToWorkingDay = true): MonthlyRule => ({ dayOfMonth, time, shiftToWorkingDay });

describe('ruleTarget', () => {
  it('gives the next occurrence, and next month\'s once today\'s meeting has begun', () => {
    const holidays = holidaysFrom('2026-11-23');
    expect(ruleTarget(rule(1), vn('2026-11-23T08:00'), holidays)).toEqual({ month: '2026-12', date: '2026-12-01', startsAt: vn('2026-12-01T07:30') });
    expect(ruleTarget(rule(1), vn('2026-12-01T07:29'), holidays)).toMatchObject({ month: '2026-12', date: '2026-12-01' });
    // 1 January 2027 is a holiday, then a weekend.
    expect(ruleTarget(rule(1), vn('2026-12-01T07:30'), holidays)).toEqual({ month: '2027-01', date: '2027-01-04', startsAt: vn('2027-01-04T07:30') });
  });

  it('is within the lead from midnight fourteen days before the date', () => {
    const holidays = holidaysFrom('2026-11-23');
    const at = (local: string) => withinLead(ruleTarget(rule(1), vn(local), holidays), vn(local), LEAD);
    expect(at('2026-12-20T23:59')).toBe(false);
    expect(at('2026-12-21T00:00')).toBe(true);
  });
});

describe('nextDraftCheck', () => {
  it('is the midnight the next draft is due, whether this month is drafted or not yet in reach', () => {
    const holidays = holidaysFrom('2026-11-23');
    // December's meeting is drafted: January's (04/01/2027) comes within reach at 00:00 on 21/12.
    expect(nextDraftCheck(rule(1), vn('2026-11-23T08:00'), holidays, LEAD, '2026-12')).toEqual(vn('2026-12-21T00:00'));
    // A rule for the 20th: December's (21/12, a Monday) is not within reach on 23/11; it is at 00:00 on 07/12.
    expect(nextDraftCheck(rule(20), vn('2026-11-23T08:00'), holidays, LEAD, null)).toEqual(vn('2026-12-07T00:00'));
  });

  it('waits for the settled month\'s meeting to begin when the next month is already within reach', () => {
    const holidays = holidaysFrom('2026-11-23');
    // The 28th at 19:30: November's meeting (30/11, after the weekend) is drafted; December's (28/12) is
    // within 14 days from 14/12.
    expect(nextDraftCheck(rule(28, '19:30'), vn('2026-11-23T08:00'), holidays, LEAD, '2026-11')).toEqual(vn('2026-12-14T00:00'));
    // With a lead of 40 days December's is within reach already, but the rule gives November's until that
    // meeting begins: the next look is then.
    expect(nextDraftCheck(rule(28, '19:30'), vn('2026-11-23T08:00'), holidays, 40, '2026-11')).toEqual(vn('2026-11-30T19:30'));
  });

  // The rule's answer changes only at midnight and when its meeting begins: looking every half hour (all the
  // rules here start on the hour or half hour) finds the first time it calls for a draft, to compare with.
  it.each([
    [rule(1), '2026-11-23T08:00'],
    [rule(5, '19:30'), '2026-12-20T09:00'],
    [rule(15, '14:00'), '2027-01-20T10:00'],
    [rule(28, '07:30', false), '2027-01-03T00:00'],
    [rule(31, '08:00'), '2027-01-31T09:00'],
    [rule(31, '00:00'), '2027-02-10T12:00'],
    [rule(10, '19:30'), '2027-04-10T19:30'],
    [rule(1, '07:30', false), '2027-08-25T06:30'],
  ])('agrees with a half-hourly look at the rule: %j from %s', (r, local) => {
    const now = vn(local);
    const holidays = holidaysFrom(local.slice(0, 10));
    const current = ruleTarget(r, now, holidays);
    // Null only while the target is beyond the lead: within it, its month is drafted or not wanted.
    for (const settled of withinLead(current, now, LEAD) ? [current.month] : [null, current.month]) {
      let expected: Date | null = null;
      for (let t = Math.ceil((now.getTime() + 1) / HALF_HOUR) * HALF_HOUR; t < now.getTime() + 120 * 86_400_000; t += HALF_HOUR) {
        const at = new Date(t);
        const target = ruleTarget(r, at, holidays);
        if (target.month !== settled && withinLead(target, at, LEAD)) {
          expected = at;
          break;
        }
      }
      expect(expected, `settled ${settled}`).not.toBeNull();
      expect(nextDraftCheck(r, now, holidays, LEAD, settled), `settled ${settled}`).toEqual(expected);
    }
  });
});
