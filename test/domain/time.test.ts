import { describe, expect, it } from 'vitest';
import { vietnamDate } from '../../src/domain/time.ts';

describe('vietnamDate', () => {
  it.each([
    ['2026-11-22T17:30:00Z', '2026-11-23'],
    ['2026-11-22T17:00:00Z', '2026-11-23'],
    ['2026-11-22T16:59:59Z', '2026-11-22'],
    ['2026-11-22T00:00:00Z', '2026-11-22'],
    ['2026-12-31T17:00:00Z', '2027-01-01'],
    ['2024-02-28T18:00:00Z', '2024-02-29'],
    ['2026-07-01T16:59:59.999Z', '2026-07-01'],
  ])('the instant %s falls on %s in Vietnam (UTC+7, no daylight saving)', (instant, date) => {
    expect(vietnamDate(new Date(instant))).toBe(date);
  });
});
