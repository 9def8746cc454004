// Calendar dates typed by people ("03/02/2015"). Pure: the caller passes today's date.

/** dd/mm/yyyy (or with - or .) → YYYY-MM-DD, or null when it is not a real calendar date. */
export function parseDayMonthYear(text: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** YYYY-MM-DD → dd/mm/yyyy. */
export function formatDayMonthYear(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/**
 * A day and month someone wrote (20/12), as a date: in the year given, or without one the first such
 * date on or after `from` (YYYY-MM-DD). Null when it is not a real date (31/02).
 */
export function dayMonthOnOrAfter(day: number, month: number, year: number | null, from: string): string | null {
  const fromYear = Number(from.slice(0, 4));
  const fullYear = year !== null && year < 100 ? 2000 + year : year;
  for (const y of fullYear !== null ? [fullYear] : [fromYear, fromYear + 1]) {
    const date = parseDayMonthYear(`${day}/${month}/${y}`);
    if (date && (fullYear !== null || date >= from)) return date;
    if (!date && fullYear === null && !(month === 2 && day === 29)) return null;
  }
  return null;
}
