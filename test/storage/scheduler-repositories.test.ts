// What the scheduler's jobs read and claim (docs/decisions/0010-scheduler-reads-what-is-due.md): when each
// cell's monthly rule is next looked at, the once-per-period job runs, the quarter's cells without a
// thematic meeting, flags claimed without a failed insert, and due reminders told apart by kind. On a real
// database: SQLite by default, PostgreSQL when DATABASE_URL=postgres://… Same assertions on both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingFields, Store } from '../../src/app/ports.ts';
import type { MeetingKind, MeetingStatus } from '../../src/domain/meeting.ts';
import { THEMATIC_KINDS } from '../../src/domain/meeting.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { meetingFields as fields, newCell } from '../support/storage-fixtures.ts';

const T0 = new Date('2026-11-22T08:00:00.000Z');
const T1 = new Date('2026-11-22T09:30:00.000Z');
const T2 = new Date('2026-11-23T01:15:00.000Z');
const T3 = new Date('2026-11-24T12:00:00.000Z');
const MINUTE = 60_000;
const rule = { dayOfMonth: 1, time: '07:30', shiftToWorkingDay: true, place: null };

let t: TestDatabase;
let store: Store;
let raw: Db;

beforeEach(async () => {
  t = await createTestDatabase();
  store = t.store;
  raw = await openDatabase(t.url);
});

afterEach(async () => {
  await raw?.$disconnect();
  await t?.cleanup();
});

async function makeCell() {
  const { cell, founder } = await store.cells.create(newCell(), T0);
  return { cellId: cell.id, founderId: founder.id };
}

const nextDraftAt = async (cellId: number) => (await raw.cellSettings.findUnique({ where: { cellId } }))?.nextDraftAt ?? null;

describe('settings: when the monthly rule is next looked at', () => {
  it('a rule set is due from then on; cleared, never; other settings leave the time alone', async () => {
    const a = await makeCell();
    const b = await makeCell();
    await store.settings.update(a.cellId, { rule }, T1);
    await store.settings.update(b.cellId, { minMeetingMinutes: 60 }, T1);
    expect(await store.settings.draftsDue(new Date(T1.getTime() - 1))).toEqual([]);
    expect(await store.settings.draftsDue(T1)).toEqual([{ cellId: a.cellId, dueAt: T1 }]);
    expect(await nextDraftAt(b.cellId)).toBeNull();

    await store.settings.update(a.cellId, { reminderOffsets: [60] }, T2);
    expect(await nextDraftAt(a.cellId)).toEqual(T1);
    await store.settings.update(a.cellId, { rule: null }, T2);
    expect(await nextDraftAt(a.cellId)).toBeNull();
    expect(await store.settings.draftsDue(T3)).toEqual([]);
  });

  it('moveDraftCheck moves the time on, unless a change set it back after it was read', async () => {
    const { cellId } = await makeCell();
    await store.settings.update(cellId, { rule }, T0);
    const [due] = await store.settings.draftsDue(T1);
    expect(await store.settings.moveDraftCheck(cellId, due!.dueAt, T3)).toBe(true);
    expect(await store.settings.draftsDue(T2)).toEqual([]);
    expect(await store.settings.draftsDue(T3)).toEqual([{ cellId, dueAt: T3 }]);

    // A holiday changed while the rule was being looked at: the look's result does not overwrite it.
    const [again] = await store.settings.draftsDue(T3);
    await store.settings.rearmDraft(cellId, T1);
    expect(await store.settings.moveDraftCheck(cellId, again!.dueAt, new Date(T3.getTime() + 30 * 24 * 60 * MINUTE))).toBe(false);
    expect(await store.settings.draftsDue(T1)).toEqual([{ cellId, dueAt: T1 }]);
    // No rule: the next time is none.
    expect(await store.settings.moveDraftCheck(cellId, T1, null)).toBe(true);
    expect(await nextDraftAt(cellId)).toBeNull();
  });

  it('rearmDraft touches only a cell with a rule', async () => {
    const a = await makeCell();
    const b = await makeCell();
    const c = await makeCell();
    await store.settings.update(a.cellId, { rule }, T0);
    await store.settings.moveDraftCheck(a.cellId, T0, T3);
    await store.settings.update(b.cellId, { minMeetingMinutes: 60 }, T0);
    await store.settings.rearmDraft(a.cellId, T1);
    await store.settings.rearmDraft(b.cellId, T1);
    await store.settings.rearmDraft(c.cellId, T1); // no settings row at all
    expect(await store.settings.draftsDue(T2)).toEqual([{ cellId: a.cellId, dueAt: T1 }]);
    expect(await raw.cellSettings.count()).toBe(2);
  });
});

describe('settings.claimAlert', () => {
  it('claiming a flag twice answers false without an error, and keeps the first time', async () => {
    const { cellId } = await makeCell();
    expect(await store.settings.claimAlert(cellId, 'thematic:2026Q4', T0)).toBe(true);
    await expect(store.settings.claimAlert(cellId, 'thematic:2026Q4', T1)).resolves.toBe(false);
    await expect(store.settings.claimAlert(cellId, 'thematic:2026Q4', T2)).resolves.toBe(false);
    expect(await raw.cellAlert.findMany({ where: { cellId } })).toEqual([{ cellId, key: 'thematic:2026Q4', at: T0 }]);
  });
});

describe('jobs: one run per period', () => {
  const JOB = 'thematic-per-quarter';
  const lease = (now: Date) => new Date(now.getTime() - 10 * MINUTE);
  const row = () => raw.jobRun.findUnique({ where: { job_period: { job: JOB, period: '2026Q3' } } });

  it('is claimed once, by one of several at once, and stays done', async () => {
    const claims = await Promise.all(['a', 'b', 'c'].map((by) => store.jobs.claim(JOB, '2026Q3', by, T0, lease(T0))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = ['a', 'b', 'c'][claims.indexOf(true)]!;
    expect(await row()).toMatchObject({ claimedBy: winner, claimedAt: T0, doneAt: null });
    expect(await store.jobs.claim(JOB, '2026Q3', 'd', T0, lease(T0))).toBe(false);
    expect(await store.jobs.finish(JOB, '2026Q3', winner, T1)).toBe(true);
    expect(await row()).toMatchObject({ claimedBy: null, doneAt: T1 });
    // Done is done, however late.
    expect(await store.jobs.claim(JOB, '2026Q3', 'd', T3, lease(T3))).toBe(false);
    // Another period, or another job, is a run of its own.
    expect(await store.jobs.claim(JOB, '2026Q4', 'd', T3, lease(T3))).toBe(true);
    expect(await store.jobs.claim('other-job', '2026Q3', 'd', T3, lease(T3))).toBe(true);
  });

  it('a claim never finished is taken over after the lease; the first holder can no longer finish it', async () => {
    expect(await store.jobs.claim(JOB, '2026Q3', 'dead', T0, lease(T0))).toBe(true);
    const soon = new Date(T0.getTime() + 9 * MINUTE);
    expect(await store.jobs.claim(JOB, '2026Q3', 'b', soon, lease(soon))).toBe(false);
    const later = new Date(T0.getTime() + 11 * MINUTE);
    expect(await store.jobs.claim(JOB, '2026Q3', 'b', later, lease(later))).toBe(true);
    expect(await row()).toMatchObject({ claimedBy: 'b', claimedAt: later, doneAt: null });
    expect(await store.jobs.finish(JOB, '2026Q3', 'dead', later)).toBe(false);
    expect(await store.jobs.finish(JOB, '2026Q3', 'b', later)).toBe(true);
  });

  it('reopen asks for another run, also of one being run; a period never run stays unclaimed', async () => {
    expect(await store.jobs.claim(JOB, '2026Q3', 'a', T0, lease(T0))).toBe(true);
    await store.jobs.finish(JOB, '2026Q3', 'a', T0);
    await store.jobs.reopen(JOB, '2026Q3');
    expect(await store.jobs.claim(JOB, '2026Q3', 'b', T1, lease(T1))).toBe(true);
    // Reopened while b runs it: b's finish does not close it, the next claim runs it again.
    await store.jobs.reopen(JOB, '2026Q3');
    expect(await store.jobs.finish(JOB, '2026Q3', 'b', T1)).toBe(false);
    expect(await store.jobs.claim(JOB, '2026Q3', 'a', T1, lease(T1))).toBe(true);

    await store.jobs.reopen(JOB, '2027Q1');
    expect(await raw.jobRun.count({ where: { period: '2027Q1' } })).toBe(0);
  });
});

describe('meetings.cellsLackingKind', () => {
  const FROM = new Date('2026-09-30T17:00:00.000Z'); // 2026-10-01 00:00 in Vietnam
  const TO = new Date('2026-12-31T17:00:00.000Z');
  const IN = new Date('2026-11-05T12:00:00.000Z');

  async function meeting(cellId: number, startsAt: Date, kind: MeetingKind, status: MeetingStatus) {
    const f: MeetingFields = fields(startsAt, { kind, topic: kind === 'THUONG_KY' ? null : 'Chuyên đề' });
    const m = (await store.meetings.create(cellId, f, status === 'DRAFT' ? 'DRAFT' : 'SCHEDULED', null, [], null, T0))!;
    const step = (from: MeetingStatus, to: MeetingStatus) => store.meetings.transition(m.id, [from], to, {}, { action: to, detail: null, actorId: null }, T0);
    if (status === 'CANCELLED') await step('SCHEDULED', 'CANCELLED');
    if (status === 'IN_PROGRESS' || status === 'CLOSED') await step('SCHEDULED', 'IN_PROGRESS');
    if (status === 'CLOSED') await step('IN_PROGRESS', 'CLOSED');
  }

  it('finds the cells that held a meeting in the period but no closed one of the kinds, and were not flagged', async () => {
    const monthlyOnly = await makeCell();
    await meeting(monthlyOnly.cellId, IN, 'THUONG_KY', 'CLOSED');
    const combined = await makeCell();
    await meeting(combined.cellId, IN, 'THUONG_KY', 'CLOSED');
    await meeting(combined.cellId, new Date('2026-12-10T12:00:00.000Z'), 'KET_HOP', 'CLOSED');
    const thematicAlone = await makeCell();
    await meeting(thematicAlone.cellId, new Date('2026-10-01T01:00:00.000Z'), 'CHUYEN_DE', 'CLOSED');
    const thematicNotHeld = await makeCell();
    await meeting(thematicNotHeld.cellId, IN, 'THUONG_KY', 'CLOSED');
    await meeting(thematicNotHeld.cellId, new Date('2026-12-20T12:00:00.000Z'), 'CHUYEN_DE', 'IN_PROGRESS');
    await meeting(thematicNotHeld.cellId, new Date('2026-12-21T12:00:00.000Z'), 'CHUYEN_DE', 'CANCELLED');
    const thematicOutside = await makeCell();
    await meeting(thematicOutside.cellId, IN, 'BAT_THUONG', 'CLOSED');
    await meeting(thematicOutside.cellId, TO, 'CHUYEN_DE', 'CLOSED');
    await meeting(thematicOutside.cellId, new Date(FROM.getTime() - 1), 'CHUYEN_DE', 'CLOSED');
    const nothingHeld = await makeCell();
    await meeting(nothingHeld.cellId, IN, 'THUONG_KY', 'CANCELLED');
    await meeting(nothingHeld.cellId, new Date(FROM.getTime() - 1), 'THUONG_KY', 'CLOSED');
    const flagged = await makeCell();
    await meeting(flagged.cellId, IN, 'THUONG_KY', 'CLOSED');
    await store.settings.claimAlert(flagged.cellId, 'thematic:2026Q4', T0);
    await store.settings.claimAlert(monthlyOnly.cellId, 'thematic:2026Q3', T0);

    expect(await store.meetings.cellsLackingKind(FROM, TO, THEMATIC_KINDS, 'thematic:2026Q4')).toEqual(
      [monthlyOnly.cellId, thematicNotHeld.cellId, thematicOutside.cellId].sort((x, y) => x - y),
    );
    expect(await store.meetings.cellsLackingKind(new Date('2027-01-01T00:00:00.000Z'), new Date('2027-04-01T00:00:00.000Z'), THEMATIC_KINDS, 'x')).toEqual([]);
  });
});

describe('reminders.due by kind', () => {
  it('finds the due reminders of one kind however many of the other kind fall due before them', async () => {
    const { cellId } = await makeCell();
    const m = (await store.meetings.create(cellId, fields(T3), 'SCHEDULED', null, [], null, T0))!;
    const NOW = T2;
    const task = await raw.task.create({ data: { cellId, seq: 1, meetingId: m.id, what: 'Việc', status: 'OPEN', sources: '[]', createdAt: T0 } });
    // Five task reminders due first, then two of the meeting's, then one task reminder not yet due.
    const at = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);
    const rows = [
      ...[50, 40, 30, 20, 10].map((ago, i) => ({ id: `t${i}`, meetingId: m.id, offsetMinutes: 1440, dueAt: at(ago), state: 'PENDING' as const, taskId: task.id })),
      { id: 'm0', meetingId: m.id, offsetMinutes: 60, dueAt: at(5), state: 'PENDING' as const, taskId: null },
      { id: 'm1', meetingId: m.id, offsetMinutes: 30, dueAt: at(1), state: 'PENDING' as const, taskId: null },
      { id: 't-ahead', meetingId: m.id, offsetMinutes: 1440, dueAt: at(-5), state: 'PENDING' as const, taskId: task.id },
    ];
    await raw.reminder.createMany({ data: rows });
    const stale = new Date(NOW.getTime() - 10 * MINUTE);

    expect((await store.reminders.due(NOW, stale, 2, 'meeting')).map((r) => r.id)).toEqual(['m0', 'm1']);
    expect((await store.reminders.due(NOW, stale, 1, 'meeting')).map((r) => r.id)).toEqual(['m0']);
    expect((await store.reminders.due(NOW, stale, 2, 'task')).map((r) => r.id)).toEqual(['t0', 't1']);
    expect((await store.reminders.due(NOW, stale, 500, 'task')).map((r) => r.id)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(await store.reminders.due(NOW, stale, 3, 'meeting')).toEqual([
      { id: 'm0', meetingId: m.id, cellId, offsetMinutes: 60, taskId: null },
      { id: 'm1', meetingId: m.id, cellId, offsetMinutes: 30, taskId: null },
    ]);
  });
});
