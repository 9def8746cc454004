// Wall-clock facts in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). Pure functions of a Date.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Vietnam at this instant, as YYYY-MM-DD. */
export const vietnamDate = (at: Date): string => dateFormat.format(at);

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** Date, time and weekday (0 = Sunday) on a wall clock in Vietnam. */
export function vietnamClock(at: Date): { date: string; time: string; weekday: number } {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16), weekday: local.getUTCDay() };
}

/** The instant of a wall-clock date and time ("HH:mm") in Vietnam. */
export function vietnamInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm) - VIETNAM_OFFSET_MS);
}
