// "/baocao [đảng viên | đảng ủy] [tháng 11/2026 | quý 4/2026 | quý IV | năm 2026 | 2026]".
import { DomainError } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import type { Period } from '../domain/reports.ts';
import { reportWords as w } from '../text/reports.ts';

export type ReportScope = 'cell' | 'members' | 'organisation';

const startsWithWord = (text: string, word: string) => text === word || text.startsWith(`${word} `);

/** What the arguments ask for; without a period, the year of `today` (a Vietnam date). */
export function readReportArgs(args: string, today: string): { scope: ReportScope; period: Period } {
  // "tháng 3 năm 2025", "quý 4 năm 2026": the word for the year may stand between the two numbers.
  let rest = nameKey(args).replace(/[,.;]/g, ' ').replace(new RegExp(`(\\d) (?:${w.year.join('|')}) (\\d{4})`), '$1 $2').replace(/\s+/g, ' ').trim();
  let scope: ReportScope = 'cell';
  for (const [candidate, words] of [['members', w.members], ['organisation', w.organisation]] as const) {
    const word = words.find((x) => startsWithWord(rest, x));
    if (!word) continue;
    // One report at a time: "đảng viên đảng ủy" is not a report.
    if (scope !== 'cell') throw new DomainError('report.periodInvalid', { value: args.trim() });
    scope = candidate;
    rest = rest.slice(word.length).trim();
  }
  const period = readPeriod(rest, Number(today.slice(0, 4)));
  if (!period) throw new DomainError('report.periodInvalid', { value: args.trim() });
  // A member's record is by calendar year (§4.3, §6.3).
  return { scope, period: scope === 'members' ? { kind: 'year', year: period.year } : period };
}

function readPeriod(typed: string, thisYear: number): Period | null {
  if (!typed) return { kind: 'year', year: thisYear };
  // "2026-11", "2026-q4" as in the file names and the dashboard's addresses
  const text = typed.replace(/^(\d{4})-(\d{1,2})$/, '$2/$1').replace(/^(\d{4})-q([1-4])$/, `${w.quarter[0]} $2/$1`);
  const year = (y: string | undefined) => (y === undefined ? thisYear : Number(y));
  const valid = (y: number) => y >= 2000 && y <= 2100;
  let m = new RegExp(`^(?:(?:${w.month.join('|')}) )?(\\d{1,2})(?:[/ -](\\d{4}))?$`).exec(text);
  if (m && (m[2] !== undefined || text.startsWith(w.month[0]!))) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 && valid(year(m[2])) ? { kind: 'month', year: year(m[2]), month } : null;
  }
  m = new RegExp(`^(?:${w.quarter.join('|')}) ([1-4]|i{1,3}|iv)(?:[/ -](\\d{4}))?$`).exec(text);
  if (m) {
    const quarter = /^\d$/.test(m[1]!) ? Number(m[1]) : w.roman[m[1]!]!;
    return valid(year(m[2])) ? { kind: 'quarter', year: year(m[2]), quarter } : null;
  }
  m = new RegExp(`^(?:(?:${w.year.join('|')}) )?(\\d{4})$`).exec(text);
  if (m && valid(Number(m[1]))) return { kind: 'year', year: Number(m[1]) };
  return null;
}
