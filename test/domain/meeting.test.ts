import { describe, expect, it } from 'vitest';
import { durationCheck, hasTopic, minimumMinutes, type MeetingKind } from '../../src/domain/meeting.ts';

// domain-rules.md §1.3: at least 90 minutes; 120 when the thematic and the monthly meeting share a session;
// the competent committee may set its own minimum for a very small cell. No rule for extraordinary
// meetings and congresses (§1.5, §1.7).

describe('minimumMinutes', () => {
  it.each<[MeetingKind, number | null, number | null]>([
    ['THUONG_KY', null, 90],
    ['CHUYEN_DE', null, 90],
    ['KET_HOP', null, 120],
    ['BAT_THUONG', null, null],
    ['DAI_HOI', null, null],
    ['THUONG_KY', 60, 60],
    ['CHUYEN_DE', 60, 60],
    ['KET_HOP', 60, 60],
    ['BAT_THUONG', 60, null],
    ['DAI_HOI', 60, null],
  ])('%s with cell minimum %s → %s', (kind, cellMinimum, expected) => {
    expect(minimumMinutes(kind, cellMinimum)).toBe(expected);
  });
});

describe('durationCheck', () => {
  /** 05/12/2026 14:00 in Vietnam. */
  const start = new Date('2026-12-05T07:00:00.000Z');
  const after = (minutes: number, seconds = 0) => new Date(start.getTime() + minutes * 60_000 + seconds * 1000);

  it.each<[MeetingKind, number, number, number | null, { minutes: number; required: number | null; ok: boolean }]>([
    // [kind, minutes, extra seconds, cell minimum, expected]
    ['THUONG_KY', 89, 0, null, { minutes: 89, required: 90, ok: false }],
    ['THUONG_KY', 89, 59, null, { minutes: 89, required: 90, ok: false }],
    ['THUONG_KY', 90, 0, null, { minutes: 90, required: 90, ok: true }],
    ['THUONG_KY', 150, 0, null, { minutes: 150, required: 90, ok: true }],
    ['CHUYEN_DE', 89, 0, null, { minutes: 89, required: 90, ok: false }],
    ['CHUYEN_DE', 90, 0, null, { minutes: 90, required: 90, ok: true }],
    ['KET_HOP', 90, 0, null, { minutes: 90, required: 120, ok: false }],
    ['KET_HOP', 119, 0, null, { minutes: 119, required: 120, ok: false }],
    ['KET_HOP', 120, 0, null, { minutes: 120, required: 120, ok: true }],
    ['THUONG_KY', 59, 0, 60, { minutes: 59, required: 60, ok: false }],
    ['THUONG_KY', 60, 0, 60, { minutes: 60, required: 60, ok: true }],
    ['KET_HOP', 60, 0, 60, { minutes: 60, required: 60, ok: true }],
    ['BAT_THUONG', 10, 0, null, { minutes: 10, required: null, ok: true }],
    ['DAI_HOI', 30, 0, 60, { minutes: 30, required: null, ok: true }],
  ])('%s lasting %i min %i s (cell minimum %s)', (kind, minutes, seconds, cellMinimum, expected) => {
    expect(durationCheck(kind, start, after(minutes, seconds), cellMinimum)).toEqual(expected);
  });
});

describe('hasTopic (§1.4)', () => {
  it.each<[MeetingKind, boolean]>([
    ['THUONG_KY', false],
    ['CHUYEN_DE', true],
    ['KET_HOP', true],
    ['BAT_THUONG', false],
    ['DAI_HOI', false],
  ])('%s → %s', (kind, expected) => {
    expect(hasTopic(kind)).toBe(expected);
  });
});
