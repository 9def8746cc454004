// When the monthly rule calls for a draft: the meeting it gives at an instant, whether that meeting is
// within the drafting lead, and the next instant at which that answer can change. Pure: the caller
// passes the time and the holidays (docs/decisions/0010-scheduler-reads-what-is-due.md).
import { addDays, nextRuleOccurrence, ruleDate, type IsoDate, type MonthlyRule } from './calendar.ts';
import { vietnamClock, vietnamInstant } from './time.ts';

export interface RuleTarget {
  /** 'YYYY-MM': the month the meeting belongs to (its date may lie in the next one after a shift). */
  month: string;
  date: IsoDate;
  startsAt: Date;
}

/**
 * The meeting the rule gives at `now`: its next occurrence, or next month's once today's has begun.
 * `holidays` must hold the holidays from today's year on.
 */
export function ruleTarget(rule: MonthlyRule, now: Date, holidays: ReadonlySet<IsoDate>): RuleTarget {
  const today = vietnamClock(now).date;
  let { month, date } = nextRuleOccurrence(rule, today, holidays);
  if (vietnamInstant(date, rule.time).getTime() <= now.getTime()) {
    // Today's occurrence has already begun: the next one is next month's.
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
    month = `${next.y}-${String(next.m).padStart(2, '0')}`;
    date = ruleDate(rule, next.y, next.m, holidays);
  }
  return { month, date, startsAt: vietnamInstant(date, rule.time) };
}

/** Whether the target is at most `leadDays` days after `now`'s date in Vietnam (the rule drafts that far ahead). */
export const withinLead = (target: RuleTarget, now: Date, leadDays: number): boolean => target.date <= addDays(vietnamClock(now).date, leadDays);

/** More than the days between two drafting windows (a rule's meetings are at most about 40 days apart), twice a day. */
const MAX_STEPS = 400;

/**
 * The first instant after `now` at which the rule gives a meeting within the lead for a month other than
 * `settled` (the month already drafted, or not to be drafted; null when the target at `now` is not within
 * the lead yet). Until then a look at the rule finds nothing to do, as long as the rule, the holidays and
 * the cell's meetings stay as they are. The target changes only at midnight in Vietnam and when its meeting
 * begins, so those are the instants tried. `holidays` must cover the next 400 days.
 */
export function nextDraftCheck(rule: MonthlyRule, now: Date, holidays: ReadonlySet<IsoDate>, leadDays: number, settled: string | null): Date {
  let at = now;
  let target = ruleTarget(rule, at, holidays);
  for (let step = 0; step < MAX_STEPS; step++) {
    const midnight = vietnamInstant(addDays(vietnamClock(at).date, 1), '00:00');
    at = target.startsAt.getTime() < midnight.getTime() ? target.startsAt : midnight;
    target = ruleTarget(rule, at, holidays);
    if (target.month !== settled && withinLead(target, at, leadDays)) return at;
  }
  return at; // not reached for a valid rule; looking again then is always safe
}
