// Wall-clock facts in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). Pure functions of a Date.
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Vietnam at this instant, as YYYY-MM-DD. */
export const vietnamDate = (at: Date): string => dateFormat.format(at);
