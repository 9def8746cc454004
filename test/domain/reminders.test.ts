import { describe, expect, it } from 'vitest';
import { decideDueReminders, DEFAULT_REMINDER_OFFSETS_MINUTES, planReminders, type DueReminder } from '../../src/domain/reminders.ts';

/** Saturday 05/12/2026 14:00 in Vietnam. */
const startsAt = new Date('2026-12-05T07:00:00.000Z');
/** Sunday 22/11/2026 10:00 in Vietnam. */
const announcedAt = new Date('2026-11-22T03:00:00.000Z');

const show = (planned: { offsetMinutes: number; dueAt: Date }[]) => planned.map((p) => [p.offsetMinutes, p.dueAt.toISOString()]);

describe('planReminders', () => {
  it('defaults are 3 days, 1 day and 1 hour before', () => {
    expect([...DEFAULT_REMINDER_OFFSETS_MINUTES]).toEqual([4320, 1440, 60]);
  });

  it.each<[string, Date, readonly number[], [number, string][]]>([
    [
      'all three defaults ahead, earliest first',
      announcedAt,
      DEFAULT_REMINDER_OFFSETS_MINUTES,
      [
        [4320, '2026-12-02T07:00:00.000Z'],
        [1440, '2026-12-04T07:00:00.000Z'],
        [60, '2026-12-05T06:00:00.000Z'],
      ],
    ],
    [
      'announced the day before: "in 3 days" is already past',
      new Date('2026-12-04T03:00:00.000Z'),
      DEFAULT_REMINDER_OFFSETS_MINUTES,
      [
        [1440, '2026-12-04T07:00:00.000Z'],
        [60, '2026-12-05T06:00:00.000Z'],
      ],
    ],
    ['announced 2 hours before: only the hour reminder', new Date('2026-12-05T05:00:00.000Z'), DEFAULT_REMINDER_OFFSETS_MINUTES, [[60, '2026-12-05T06:00:00.000Z']]],
    ['one minute before the 3-day time: still planned', new Date('2026-12-02T06:59:00.000Z'), [4320], [[4320, '2026-12-02T07:00:00.000Z']]],
    ['announced 30 minutes before: nothing left', new Date('2026-12-05T06:30:00.000Z'), DEFAULT_REMINDER_OFFSETS_MINUTES, []],
    ['meeting already started: nothing', new Date('2026-12-05T08:00:00.000Z'), DEFAULT_REMINDER_OFFSETS_MINUTES, []],
    [
      'unsorted offsets come out earliest first',
      announcedAt,
      [60, 4320, 1440],
      [
        [4320, '2026-12-02T07:00:00.000Z'],
        [1440, '2026-12-04T07:00:00.000Z'],
        [60, '2026-12-05T06:00:00.000Z'],
      ],
    ],
    [
      'duplicates, zero and negative offsets are dropped',
      announcedAt,
      [60, 60, 0, -30, 1440, 1440],
      [
        [1440, '2026-12-04T07:00:00.000Z'],
        [60, '2026-12-05T06:00:00.000Z'],
      ],
    ],
    ['30 minutes', announcedAt, [30], [[30, '2026-12-05T06:30:00.000Z']]],
    ['no offsets', announcedAt, [], []],
  ])('%s', (_name, now, offsets, expected) => {
    expect(show(planReminders(startsAt, now, offsets))).toEqual(expected);
  });
});

describe('decideDueReminders', () => {
  const now = new Date('2026-12-05T06:00:00.000Z');
  const ahead = { startsAt, scheduled: true };
  const started = { startsAt: new Date('2026-12-05T05:30:00.000Z'), scheduled: true };
  const startingNow = { startsAt: now, scheduled: true };
  const notScheduled = { startsAt, scheduled: false };
  const due = (id: string, meetingId: number, offsetMinutes: number): DueReminder => ({ id, meetingId, offsetMinutes });
  const ids = (list: DueReminder[]) => list.map((r) => r.id).sort();

  it.each<[string, DueReminder[], [number, { startsAt: Date; scheduled: boolean }][], string[], string[]]>([
    ['meeting ahead: send', [due('a', 1, 60)], [[1, ahead]], ['a'], []],
    ['meeting started: skip', [due('a', 1, 60)], [[1, started]], [], ['a']],
    ['meeting starting this very moment: skip', [due('a', 1, 60)], [[1, startingNow]], [], ['a']],
    ['meeting not scheduled (cancelled, draft, closed): skip', [due('a', 1, 60)], [[1, notScheduled]], [], ['a']],
    ['unknown meeting: skip', [due('a', 9, 60)], [[1, ahead]], [], ['a']],
    ['started meeting: every reminder skipped', [due('a', 1, 4320), due('b', 1, 1440), due('c', 1, 60)], [[1, started]], [], ['a', 'b', 'c']],
    ['several due for one meeting: only the smallest offset is sent', [due('a', 1, 4320), due('b', 1, 60), due('c', 1, 1440)], [[1, ahead]], ['b'], ['a', 'c']],
    [
      'several meetings decided independently',
      [due('a', 1, 4320), due('b', 1, 1440), due('c', 2, 60), due('d', 3, 60), due('e', 4, 1440)],
      [
        [1, ahead],
        [2, ahead],
        [3, notScheduled],
        [4, started],
      ],
      ['b', 'c'],
      ['a', 'd', 'e'],
    ],
    ['nothing due', [], [[1, ahead]], [], []],
  ])('%s', (_name, reminders, meetings, send, skip) => {
    const decision = decideDueReminders(reminders, new Map(meetings), now);
    expect(ids(decision.send)).toEqual(send);
    expect(ids(decision.skip)).toEqual(skip);
  });

  it('every due reminder is either sent or skipped, exactly once', () => {
    const reminders = [due('a', 1, 4320), due('b', 1, 1440), due('c', 2, 60), due('d', 3, 60)];
    const decision = decideDueReminders(reminders, new Map([[1, ahead], [2, started]]), now);
    expect([...ids(decision.send), ...ids(decision.skip)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(decision.send).toEqual([due('b', 1, 1440)]);
  });
});
