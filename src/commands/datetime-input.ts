// Reads a meeting time as a secretary types it in a chat: "thu sau tuan sau 7h30", "14h30 5/12", "ngay mai 8h".
// Pure: the caller passes `now`. Vietnam is UTC+7 all year (no daylight saving), so plain arithmetic on
// UTC milliseconds shifted by seven hours gives the wall clock there without any time-zone database.
//
// Three steps:
//   1. tokenize   – the nameKey()-normalised text becomes dates ("5/12"), clock times ("14:00"), numbers and words;
//   2. readMentions – numbers and words are grouped into what they mention (a time, a date, a weekday, "tuan sau", …);
//   3. decide     – the mentions must name exactly one day and one time; that day and time become an instant.
// Anything left over, duplicated or contradictory is refused rather than guessed: a wrong meeting time
// sent to the whole cell is worse than asking the secretary to retype it.
import { nameKey } from '../domain/names.ts';
import { whenWords, type PartOfDay, type WeekChoice } from '../text/when-words.ts';

export type WhenProblem = 'unrecognised' | 'noTime' | 'noDate' | 'invalidDate' | 'invalidTime' | 'past' | 'ambiguous';
export type ParsedWhen =
  | { ok: true; at: Date; date: string /* YYYY-MM-DD in Vietnam */; time: string /* HH:mm */ }
  | { ok: false; problem: WhenProblem };

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;
/** A day-and-month without a year may roll over into next year, but only this far ahead (about six months). */
const MAX_DAYS_INTO_NEXT_YEAR = 183;

// ---------------------------------------------------------------------------------------------------------------
// 1. Tokens

type Token =
  | { kind: 'date'; day: number; month: number; year?: number; text: string }
  | { kind: 'clock'; hour: number; minute: number; text: string }
  | { kind: 'number'; value: number; digits: number; text: string }
  | { kind: 'word'; text: string };

/** Separators between tokens; "-" and "." only when they are not inside a date such as 5-12-2026. */
const SEPARATORS = /[\s,;.!?()-]+/y;
/** d/m, d-m, d/m/yyyy, d-m-yyyy, d.m.yyyy (one separator throughout). Not followed by more digits or parts. */
const DATE = /(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}))?(?!\d|[/.:-]\d)/y;
const CLOCK = /(\d{1,2}):(\d{2})(?!\d|:\d)/y;
const NUMBER = /\d+/y;
/** Words, and the apostrophe that marks minutes in "14h30'". */
const WORD = /[a-z]+|'/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Splits normalised text into tokens, or null when it holds a character no token can start with. */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const skip = matchAt(SEPARATORS, text, at);
    if (skip) {
      at += skip[0].length;
      continue;
    }
    const date = matchAt(DATE, text, at);
    // "7.30" is how some people write a time, so a dotted date needs its year to count as a date.
    if (date && !(date[2] === '.' && date[4] === undefined)) {
      const year = date[4] === undefined ? undefined : Number(date[4]);
      tokens.push({ kind: 'date', day: Number(date[1]), month: Number(date[3]), ...(year === undefined ? {} : { year }), text: date[0] });
      at += date[0].length;
      continue;
    }
    const clock = matchAt(CLOCK, text, at);
    if (clock) {
      tokens.push({ kind: 'clock', hour: Number(clock[1]), minute: Number(clock[2]), text: clock[0] });
      at += clock[0].length;
      continue;
    }
    const number = matchAt(NUMBER, text, at);
    if (number) {
      // The text drops leading zeros so that "thu 02" and "T02" match the vocabulary's "thu 2" and "t2".
      const value = Number(number[0]);
      tokens.push({ kind: 'number', value, digits: number[0].length, text: String(value) });
      at += number[0].length;
      continue;
    }
    const word = matchAt(WORD, text, at);
    if (word) {
      tokens.push({ kind: 'word', text: word[0] });
      at += word[0].length;
      continue;
    }
    return null;
  }
  return tokens;
}

/** nameKey() strips diacritics and case; typographic apostrophes become the plain one. */
const normalise = (input: string): string => nameKey(input).replace(/[\u2019\u2032]/g, "'");

// ---------------------------------------------------------------------------------------------------------------
// 2. Mentions

type Mention =
  | { kind: 'time'; hour: number; minute: number }
  | { kind: 'calendarDate'; day: number; month: number; year?: number }
  | { kind: 'relativeDay'; days: number; part?: PartOfDay }
  | { kind: 'weekday'; isoDay: number }
  | { kind: 'week'; week: WeekChoice }
  | { kind: 'partOfDay'; part: PartOfDay }
  | { kind: 'at' };

type Read = { mention: Mention; next: number };

const isWord = (token: Token | undefined, words: readonly string[]): boolean => token?.kind === 'word' && words.includes(token.text);

/** Every phrase of the vocabulary as the token texts it is made of, longest first so "tuan toi" beats "toi". */
const phrases: { texts: string[]; mention: Mention }[] = [
  ...Object.entries(whenWords.weekday).map(([key, isoDay]) => ({ key, mention: { kind: 'weekday', isoDay } as const })),
  ...Object.entries(whenWords.relativeDay).map(([key, day]) => ({ key, mention: { kind: 'relativeDay', ...day } as const })),
  ...Object.entries(whenWords.week).map(([key, week]) => ({ key, mention: { kind: 'week', week } as const })),
  ...Object.entries(whenWords.partOfDay).map(([key, part]) => ({ key, mention: { kind: 'partOfDay', part } as const })),
  ...whenWords.at.map((key) => ({ key, mention: { kind: 'at' } as const })),
]
  // Keys go through the same tokenizer as the input, so "t2" and "thu 2" become ["t", "2"] and ["thu", "2"].
  .map(({ key, mention }) => ({ texts: (tokenize(normalise(key)) ?? []).map((t) => t.text), mention }))
  .sort((a, b) => b.texts.length - a.texts.length);

/** "14:00", "14h", "14h30", "14h30'", "14g30", "7 gio 30 phut", "7h ruoi". */
function readTime(tokens: Token[], i: number): Read | null {
  const first = tokens[i];
  if (first?.kind === 'clock') return { mention: { kind: 'time', hour: first.hour, minute: first.minute }, next: i + 1 };
  if (first?.kind !== 'number' || !isWord(tokens[i + 1], whenWords.hour)) return null;
  let next = i + 2;
  let minute = 0;
  const after = tokens[next];
  if (isWord(after, whenWords.halfHour)) {
    minute = 30;
    next += 1;
  } else if (after?.kind === 'number' && !isWord(tokens[next + 1], [whenWords.month, ...whenWords.hour])) {
    // A number that starts something else is not the minutes: "14h 5 thang 12" (a day), "8h 9h" (a second time).
    minute = after.value;
    next += 1;
    if (isWord(tokens[next], whenWords.minute)) next += 1;
  }
  return { mention: { kind: 'time', hour: first.value, minute }, next };
}

/** "5/12", "05/12/2026", "ngay 5/12", "ngay 5 thang 12", "5 thang 12 nam 2026". */
function readCalendarDate(tokens: Token[], i: number): Read | null {
  let j = i;
  if (isWord(tokens[j], whenWords.day)) j += 1;
  const first = tokens[j];
  if (first?.kind === 'date') {
    const { day, month, year } = first;
    return { mention: { kind: 'calendarDate', day, month, ...(year === undefined ? {} : { year }) }, next: j + 1 };
  }
  const month = tokens[j + 2];
  if (first?.kind !== 'number' || !isWord(tokens[j + 1], [whenWords.month]) || month?.kind !== 'number') return null;
  const year = tokens[j + 4];
  if (isWord(tokens[j + 3], [whenWords.year]) && year?.kind === 'number' && year.digits === 4) {
    return { mention: { kind: 'calendarDate', day: first.value, month: month.value, year: year.value }, next: j + 5 };
  }
  return { mention: { kind: 'calendarDate', day: first.value, month: month.value }, next: j + 3 };
}

function readPhrase(tokens: Token[], i: number): Read | null {
  for (const { texts, mention } of phrases) {
    const fits = texts.every((text, k) => {
      const token = tokens[i + k];
      return (token?.kind === 'word' || token?.kind === 'number') && token.text === text;
    });
    if (fits) return { mention, next: i + texts.length };
  }
  return null;
}

/** Every token must belong to some mention; null when one does not (a stray word or number). */
function readMentions(tokens: Token[]): Mention[] | null {
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; ) {
    const read = readTime(tokens, i) ?? readCalendarDate(tokens, i) ?? readPhrase(tokens, i);
    if (!read) return null;
    mentions.push(read.mention);
    i = read.next;
  }
  return mentions;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Decision. Calendar days are counted as whole days since 1970-01-01 ("day numbers"), which makes
// "tomorrow", "next Monday" and "at most 183 days away" plain integer arithmetic.

const dayNumber = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day) / DAY_MS;
const yearOf = (days: number): number => new Date(days * DAY_MS).getUTCFullYear();
/** 1 = Monday … 7 = Sunday. */
const isoWeekday = (days: number): number => ((new Date(days * DAY_MS).getUTCDay() + 6) % 7) + 1;
const mondayOf = (days: number): number => days - (isoWeekday(days) - 1);

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month = last day of this one
}

/** The hours (24-hour clock) each part of the day covers. */
const PART_HOURS: Record<PartOfDay, readonly [number, number]> = {
  morning: [0, 11],
  noon: [11, 13],
  afternoon: [12, 18],
  evening: [18, 23],
  night: [19, 23],
};

/**
 * The 24-hour hour, or null when it cannot be. A part of the day narrows the hours: a 1–11 typed with it
 * is moved 12 hours on when that lands inside the part ("2h chieu" = 14, "1h trua" = 13, "10h dem" = 22),
 * and an hour outside it is refused ("14h sang", "2h dem") because we cannot tell which one was meant.
 */
function clockHour(hour: number, part: PartOfDay | undefined): number | null {
  const [from, to] = part ? PART_HOURS[part] : [0, 23];
  if (hour >= from && hour <= to) return hour;
  if (part && hour >= 1 && hour <= 11 && hour + 12 >= from && hour + 12 <= to) return hour + 12;
  return null;
}

/**
 * A day and month without a year: this year if not already gone, else next year if that is at most
 * 183 days away. A date a week ago is a typo or a stale message, not a meeting next year.
 */
function resolveCalendarDate(date: { day: number; month: number; year?: number }, today: number): number | WhenProblem {
  const { day, month, year } = date;
  if (year !== undefined) return isRealDate(year, month, day) ? dayNumber(year, month, day) : 'invalidDate';
  if (!isRealDate(2000, month, day)) return 'invalidDate'; // 2000 is a leap year: only 29/02 needs a closer look
  const thisYear = yearOf(today);
  if (isRealDate(thisYear, month, day) && dayNumber(thisYear, month, day) >= today) return dayNumber(thisYear, month, day);
  if (isRealDate(thisYear + 1, month, day) && dayNumber(thisYear + 1, month, day) - today <= MAX_DAYS_INTO_NEXT_YEAR) {
    return dayNumber(thisYear + 1, month, day);
  }
  return isRealDate(thisYear, month, day) ? 'past' : 'invalidDate';
}

/** The day the mentions name, or the problem with them. At most one of each kind is known to be present. */
function resolveDay(
  date: Extract<Mention, { kind: 'calendarDate' | 'relativeDay' }> | undefined,
  isoDay: number | undefined,
  week: WeekChoice | undefined,
  today: number,
): number | WhenProblem {
  const weekMonday = mondayOf(today) + (week === 'next' ? 7 : 0);
  if (date) {
    const day = date.kind === 'relativeDay' ? today + date.days : resolveCalendarDate(date, today);
    if (typeof day === 'string') return day;
    // A weekday or week said together with a date must agree with it ("thu Bay 05/12/2026"), else we cannot tell which is meant.
    if (isoDay !== undefined && isoWeekday(day) !== isoDay) return 'ambiguous';
    if (week !== undefined && mondayOf(day) !== weekMonday) return 'ambiguous';
    return day;
  }
  if (isoDay === undefined) return 'noDate';
  if (week === undefined) {
    // A bare weekday is the next one to come: today's own weekday means a week from today ("hom nay" names today).
    return today + ((isoDay - isoWeekday(today) + 7) % 7 || 7);
  }
  const day = weekMonday + isoDay - 1;
  return day < today ? 'past' : day;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const fail = (problem: WhenProblem): ParsedWhen => ({ ok: false, problem });

/** Reads a date and time as people type them in Vietnam (UTC+7, no DST). Refuses anything ambiguous or not after `now`. */
export function parseWhen(input: string, now: Date): ParsedWhen {
  const tokens = tokenize(normalise(input));
  const mentions = tokens && readMentions(tokens);
  if (!mentions) return fail('unrecognised');

  const of = <K extends Mention['kind']>(kind: K) => mentions.filter((m): m is Extract<Mention, { kind: K }> => m.kind === kind);
  const times = of('time');
  const dates = [...of('calendarDate'), ...of('relativeDay')];
  const weekdays = of('weekday');
  const weeks = of('week');
  // "toi nay" names a part of the day as well as the day; repeating the same part ("toi nay 7h toi") is harmless.
  const parts = new Set([...of('partOfDay'), ...of('relativeDay')].flatMap((m) => (m.part ? [m.part] : [])));
  if (times.length + dates.length + weekdays.length + weeks.length + parts.size === 0) return fail('unrecognised');

  // Two of anything (two dates, a relative day and a date, two times, …) is a choice we will not make for the user.
  if (times.length > 1 || dates.length > 1 || weekdays.length > 1 || weeks.length > 1 || parts.size > 1) return fail('ambiguous');
  // "tuan sau" names a week, not a day: with a date it adds nothing we could check, so it is a contradiction or noise.
  if (weeks.length > 0 && weekdays.length === 0 && dates.length > 0) return fail('ambiguous');

  // The checks run in this order so that the answer names the first thing the user has to fix:
  // not understood, then contradictory, then impossible values, then missing parts, then in the past.
  const [time] = times;
  const [date] = dates;
  const [part] = parts;
  const hour = time ? clockHour(time.hour, part) : null;
  if (date?.kind === 'calendarDate' && !isRealDate(date.year ?? 2000, date.month, date.day)) return fail('invalidDate');
  if (time && (hour === null || time.minute > 59)) return fail('invalidTime');
  if (!time || hour === null) return fail('noTime');
  if (!date && weekdays.length === 0) return fail('noDate');

  const today = Math.floor((now.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);
  const day = resolveDay(date, weekdays[0]?.isoDay, weeks[0]?.week, today);
  if (typeof day === 'string') return fail(day);

  const calendar = new Date(day * DAY_MS);
  const [y, m, d] = [calendar.getUTCFullYear(), calendar.getUTCMonth() + 1, calendar.getUTCDate()];
  const at = new Date(Date.UTC(y, m - 1, d, hour, time.minute) - VIETNAM_OFFSET_MS);
  if (at.getTime() <= now.getTime()) return fail('past');
  return { ok: true, at, date: `${y}-${pad(m)}-${pad(d)}`, time: `${pad(hour)}:${pad(time.minute)}` };
}
