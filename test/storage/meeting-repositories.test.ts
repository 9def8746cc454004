// The meeting, reminder and settings repositories (and the newer cell/identity/prompt queries)
// against a real, freshly migrated database: SQLite by default, PostgreSQL when
// DATABASE_URL=postgres://… (test/support/global-setup.ts). Same assertions on both.
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { AccountRef, NewCell, Store } from '../../src/app/ports.ts';
import type { PlannedReminder } from '../../src/domain/reminders.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { openStore } from '../../src/storage/store.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { meetingFields as fields, memberFields as member, newCell, plannedReminders as planned } from '../support/storage-fixtures.ts';

const T0 = new Date('2026-11-22T08:00:00.000Z');
const T1 = new Date('2026-11-22T09:30:00.000Z');
const T2 = new Date('2026-11-23T01:15:00.000Z');
const T3 = new Date('2026-11-24T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SQLITE = inject('testDatabase').provider === 'sqlite';

/**
 * A second bot process: a worker thread with its own store (its own connections) on the same database.
 * A thread, not a second store in this one: better-sqlite3 is synchronous, so in one thread a connection
 * waiting on SQLite's busy_timeout would also freeze the other connection's open transaction, which two
 * real processes never do. On PostgreSQL both kinds of second store behave the same.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const tsx = await import(workerData.tsxApi);
  (tsx.register ?? tsx.default.register)();
  const { openStore } = await import(workerData.storeModule);
  const store = await openStore(workerData.url, { migrate: false });
  // Connect (a few pooled connections) before saying ready, so that the race starts on equal terms.
  await Promise.all([1, 2, 3, 4, 5, 6].map(() => store.reminders.due(new Date(0), new Date(0), 1, 'meeting')));
  const reply = (id, body) => parentPort.postMessage({ id, ...body });
  const waitUntil = (at) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
  parentPort.on('message', async (msg) => {
    try {
      if (msg.op === 'claimLoop') {
        // Starting gate: say we are there, then block until the test thread opens it.
        const gate = new Int32Array(msg.gate);
        Atomics.store(gate, 1, 1);
        Atomics.wait(gate, 0, 0);
        const claimed = [];
        for (let round = 0; round < 50; round++) {
          const due = await store.reminders.due(msg.now, msg.staleBefore, msg.limit, 'meeting');
          if (!due.length) return reply(msg.id, { result: claimed });
          const results = await Promise.all(due.map((r) => store.reminders.claim(r.id, msg.name, msg.now, msg.staleBefore)));
          due.forEach((r, i) => results[i] && claimed.push(r.id));
        }
        throw new Error('did not drain the due reminders');
      }
      if (msg.op === 'create') {
        const out = [];
        for (const at of msg.startAts) {
          await waitUntil(at);
          out.push(await store.meetings.create(msg.cellId, msg.fields, 'SCHEDULED', null, [], null, msg.at)
            .then((m) => m && m.seq, (e) => 'error ' + (e.code ?? '') + ' ' + String(e.message).split('\\n').pop()));
        }
        return reply(msg.id, { result: out });
      }
      if (msg.op === 'close') {
        await store.close();
        return reply(msg.id, { result: null });
      }
    } catch (e) {
      reply(msg.id, { error: String(e && e.stack || e) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => parentPort.postMessage({ fatal: String(e && e.stack || e) }));
`;

interface OtherProcess {
  request<T>(op: string, args: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

async function startOtherProcess(url: string): Promise<OtherProcess> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      url,
      tsxApi: import.meta.resolve('tsx/esm/api'),
      storeModule: new URL('../../src/storage/store.ts', import.meta.url).href,
    },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`worker exited with code ${code}`)));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (msg: { ready?: true; fatal?: string; id?: number; result?: unknown; error?: string }) => {
      if (msg.ready) return resolve();
      if (msg.fatal) return reject(new Error(msg.fatal));
      const p = pending.get(msg.id!);
      pending.delete(msg.id!);
      if (msg.error) p?.reject(new Error(msg.error));
      else p?.resolve(msg.result);
    });
  });
  const request = <T>(op: string, args: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op, ...args });
    });
  return {
    request,
    async close() {
      // Close the store politely, but never hang the test on a worker that already died.
      await Promise.race([request('close', {}).catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
      await worker.terminate();
    },
  };
}

const waitUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** A starting gate shared with a worker: the worker marks slot 1 on arrival and blocks on slot 0. */
function startingGate() {
  const buffer = new SharedArrayBuffer(8);
  const gate = new Int32Array(buffer);
  return {
    buffer,
    /** Waits until the worker is at the gate, then lets it (and the caller) go. */
    async open() {
      while (Atomics.load(gate, 1) === 0) await new Promise((r) => setTimeout(r, 1));
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    },
  };
}

let t: TestDatabase;
let store: Store;
/** Direct client for reading rows the ports do not expose (reminder states, raw attendance). */
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

async function makeCell(overrides: Partial<NewCell> = {}) {
  const { cell, founder } = await store.cells.create(newCell(overrides), T0);
  return { cellId: cell.id, founderId: founder.id };
}

async function scheduled(cellId: number, startsAt = T3, reminders: PlannedReminder[] = [], actorId: number | null = null) {
  const m = await store.meetings.create(cellId, fields(startsAt), 'SCHEDULED', null, reminders, actorId, T0);
  if (!m) throw new Error('expected a meeting');
  return m;
}

describe('meetings.create', () => {
  it('numbers meetings 1, 2, 3 per cell, independently across cells, and returns the stored record', async () => {
    const a = await makeCell();
    const b = await makeCell();

    const a1 = await store.meetings.create(a.cellId, fields(T3), 'SCHEDULED', null, [], a.founderId, T0);
    const b1 = await store.meetings.create(b.cellId, fields(T3), 'SCHEDULED', null, [], b.founderId, T0);
    const a2 = await store.meetings.create(a.cellId, fields(T3, { kind: 'CHUYEN_DE', topic: 'Học tập Nghị quyết' }), 'SCHEDULED', null, [], a.founderId, T1);
    const a3 = await store.meetings.create(a.cellId, fields(T3), 'DRAFT', '2026-12', [], null, T1);
    const b2 = await store.meetings.create(b.cellId, fields(T3), 'SCHEDULED', null, [], b.founderId, T1);

    expect([a1?.seq, a2?.seq, a3?.seq]).toEqual([1, 2, 3]);
    expect([b1?.seq, b2?.seq]).toEqual([1, 2]);

    expect(a2).toEqual({
      id: expect.any(Number),
      cellId: a.cellId,
      seq: 2,
      kind: 'CHUYEN_DE',
      topic: 'Học tập Nghị quyết',
      status: 'SCHEDULED',
      startsAt: T3,
      place: 'Hội trường khu phố',
      agenda: ['Đánh giá tháng', 'Phương hướng tháng tới'],
      chairId: null,
      minuteTakerId: null,
      ruleMonth: null,
      startedAt: null,
      endedAt: null,
    });
    expect(await store.meetings.get(a2!.id)).toEqual(a2);
    expect(await store.meetings.bySeq(a.cellId, 2)).toEqual(a2);
    expect(await store.meetings.bySeq(b.cellId, 2)).toEqual(b2);
    expect(await store.meetings.bySeq(a.cellId, 4)).toBeNull();
    expect(a3).toMatchObject({ status: 'DRAFT', ruleMonth: '2026-12' });

    const rows = await raw.meeting.findMany({ where: { cellId: a.cellId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.seq, r.status, r.createdById])).toEqual([
      [1, 'SCHEDULED', a.founderId],
      [2, 'SCHEDULED', a.founderId],
      [3, 'DRAFT', null],
    ]);
  });

  it('stores the reminders given as PENDING rows and writes the first history entry', async () => {
    const { cellId, founderId } = await makeCell();
    const reminders = planned(T3, [3 * 24 * 60, 24 * 60, 60]);
    const m = await scheduled(cellId, T3, reminders, founderId);

    const rows = await raw.reminder.findMany({ where: { meetingId: m.id }, orderBy: { dueAt: 'asc' } });
    expect(rows.map((r) => ({ offsetMinutes: r.offsetMinutes, dueAt: r.dueAt, state: r.state, claimedAt: r.claimedAt, doneAt: r.doneAt }))).toEqual(
      reminders.map((r) => ({ ...r, state: 'PENDING', claimedAt: null, doneAt: null })),
    );
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);

    expect(await store.meetings.history(m.id)).toEqual([
      { action: 'schedule', detail: { startsAt: T3.toISOString(), place: 'Hội trường khu phố' }, actorId: founderId, at: T0 },
    ]);

    const none = await scheduled(cellId, T3, []);
    expect(await raw.reminder.count({ where: { meetingId: none.id } })).toBe(0);
  });

  it('a DRAFT for a (cell, month) already drafted returns null and creates nothing', async () => {
    const a = await makeCell();
    const b = await makeCell();
    const first = await store.meetings.create(a.cellId, fields(T3), 'DRAFT', '2026-12', planned(T3, [60]), null, T0);
    expect(first).toMatchObject({ seq: 1, status: 'DRAFT', ruleMonth: '2026-12' });

    const second = await store.meetings.create(a.cellId, fields(T2), 'DRAFT', '2026-12', planned(T2, [60]), null, T1);
    expect(second).toBeNull();
    expect(await raw.meeting.count({ where: { cellId: a.cellId } })).toBe(1);
    expect(await raw.reminder.count()).toBe(1);
    expect(await raw.meetingEvent.count()).toBe(1);

    // Another month, or another cell, is drafted as usual.
    expect(await store.meetings.create(a.cellId, fields(T3), 'DRAFT', '2027-01', [], null, T1)).toMatchObject({ seq: 2 });
    expect(await store.meetings.create(b.cellId, fields(T3), 'DRAFT', '2026-12', [], null, T1)).toMatchObject({ seq: 1 });
  });

  it('two concurrent drafts of the same month: one meeting, the other gets null', async () => {
    const { cellId } = await makeCell();
    const results = await Promise.all(
      [0, 1, 2].map(() => store.meetings.create(cellId, fields(T3), 'DRAFT', '2026-12', planned(T3, [60]), null, T0)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await raw.meeting.count()).toBe(1);
    expect(await raw.reminder.count()).toBe(1);
  });

  it('concurrent creates (5 at once) get distinct numbers 1..5', async () => {
    const { cellId } = await makeCell();
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => store.meetings.create(cellId, fields(new Date(T3.getTime() + i * HOUR)), 'SCHEDULED', null, planned(T3, [60]), null, T0)),
    );
    expect(results.map((r) => r?.seq).sort()).toEqual([1, 2, 3, 4, 5]);
    const rows = await raw.meeting.findMany({ where: { cellId }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await raw.reminder.count()).toBe(5);
    expect(await raw.meetingEvent.count()).toBe(5);
  });

  // create() reads max(seq) and then inserts: a second process committing in between makes SQLite refuse
  // the write (SQLITE_BUSY) and PostgreSQL's unique index refuse the number; both are retried.
  it('concurrent creates from two processes on the same database get distinct numbers', async () => {
    const { cellId } = await makeCell();
    const other = await startOtherProcess(t.url);
    try {
      // Two secretaries scheduling at the same moment, ten times over: each round starts on both sides at once.
      const startAts = Array.from({ length: 10 }, (_, i) => Date.now() + 300 + i * 60);
      const here = (async () => {
        const out: (number | string | null)[] = [];
        for (const at of startAts) {
          await waitUntil(at);
          out.push(
            await store.meetings.create(cellId, fields(T3), 'SCHEDULED', null, [], null, T0).then(
              (m) => m && m.seq,
              (e: { code?: string; message: string }) => `error ${e.code ?? ''} ${e.message.split('\n').pop()}`,
            ),
          );
        }
        return out;
      })();
      const there = other.request<(number | string | null)[]>('create', { cellId, fields: fields(T3), at: T0, startAts });
      const results = [...(await here), ...(await there)];
      expect(results.filter((r) => typeof r !== 'number')).toEqual([]);
      expect((results as number[]).sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * startAts.length }, (_, i) => i + 1));
    } finally {
      await other.close();
    }
  });
});

describe('meetings: list, between, transition, history', () => {
  it('list and between filter by status and time window, ordered by start', async () => {
    const { cellId } = await makeCell();
    const late = await scheduled(cellId, T3);
    const early = await scheduled(cellId, T2);
    const draft = await store.meetings.create(cellId, fields(T1), 'DRAFT', '2026-11', [], null, T0);
    expect((await store.meetings.list(cellId, ['SCHEDULED'])).map((m) => m.id)).toEqual([early.id, late.id]);
    expect((await store.meetings.list(cellId, ['SCHEDULED', 'DRAFT'])).map((m) => m.id)).toEqual([draft!.id, early.id, late.id]);
    expect((await store.meetings.between(cellId, T2, T3, ['SCHEDULED', 'DRAFT'])).map((m) => m.id)).toEqual([early.id]);
  });

  it('transition is conditional: SCHEDULED→IN_PROGRESS succeeds once, the same call again returns false', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await scheduled(cellId, T3, [], founderId);
    const open = () =>
      store.meetings.transition(m.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: T1, chairId: founderId }, { action: 'open', detail: { by: 'button' }, actorId: founderId }, T1);

    expect(await open()).toBe(true);
    expect(await open()).toBe(false);
    expect(await store.meetings.get(m.id)).toMatchObject({ status: 'IN_PROGRESS', startedAt: T1, chairId: founderId, endedAt: null });
    expect((await raw.meeting.findUnique({ where: { id: m.id } }))?.updatedAt).toEqual(T1);
    // The refused call wrote no history.
    expect((await store.meetings.history(m.id)).map((h) => h.action)).toEqual(['schedule', 'open']);

    // Two concurrent attempts at the same transition: exactly one wins.
    const close = (at: Date) =>
      store.meetings.transition(m.id, ['IN_PROGRESS'], 'CLOSED', { endedAt: at }, { action: 'close', detail: null, actorId: null }, at);
    const results = await Promise.all([close(T2), close(T2), close(T2)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.meetings.history(m.id)).map((h) => h.action)).toEqual(['schedule', 'open', 'close']);
    expect(await store.meetings.transition(m.id + 999, ['SCHEDULED'], 'CANCELLED', {}, { action: 'cancel', detail: null, actorId: null }, T3)).toBe(false);
  });

  it('history lists the actions in order with the detail JSON round-tripped', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await scheduled(cellId, T3, [], founderId);
    const detail = { from: T3.toISOString(), to: 'x', reasons: ['mưa bão', 'mất điện'], nested: { n: 0, ok: false, none: null } };
    expect(await store.meetings.transition(m.id, ['SCHEDULED'], 'SCHEDULED', { startsAt: T2, place: 'Nhà văn hóa' }, { action: 'reschedule', detail, actorId: founderId }, T1)).toBe(true);
    expect(await store.meetings.transition(m.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: T2 }, { action: 'open', detail: 'plain', actorId: null }, T2)).toBe(true);
    expect(await store.meetings.transition(m.id, ['IN_PROGRESS'], 'CLOSED', { endedAt: T3 }, { action: 'close', detail: [1, 2, 3], actorId: founderId }, T3)).toBe(true);

    expect(await store.meetings.history(m.id)).toEqual([
      { action: 'schedule', detail: { startsAt: T3.toISOString(), place: 'Hội trường khu phố' }, actorId: founderId, at: T0 },
      { action: 'reschedule', detail, actorId: founderId, at: T1 },
      { action: 'open', detail: 'plain', actorId: null, at: T2 },
      { action: 'close', detail: [1, 2, 3], actorId: founderId, at: T3 },
    ]);
    expect(await store.meetings.get(m.id)).toMatchObject({ status: 'CLOSED', startsAt: T2, place: 'Nhà văn hóa', startedAt: T2, endedAt: T3 });
    expect(await store.meetings.history(m.id + 999)).toEqual([]);
  });
});

describe('meetings.replaceReminders', () => {
  it('drops only the PENDING reminders (SENT and SKIPPED stay) and adds the new ones', async () => {
    const { cellId } = await makeCell();
    const m = await scheduled(cellId, T3, planned(T3, [3 * 24 * 60, 24 * 60, 60]));
    const other = await scheduled(cellId, T3, planned(T3, [60]));
    const rows = await raw.reminder.findMany({ where: { meetingId: m.id }, orderBy: { dueAt: 'asc' } });
    await store.reminders.finish(rows[0]!.id, 'SENT', T1);
    await store.reminders.finish(rows[1]!.id, 'SKIPPED', T1);

    const next = new Date(T3.getTime() + 2 * DAY);
    await store.meetings.replaceReminders(m.id, planned(next, [24 * 60, 30]));

    const after = await raw.reminder.findMany({ where: { meetingId: m.id }, orderBy: { dueAt: 'asc' } });
    expect(after.map((r) => [r.id === rows[0]!.id || r.id === rows[1]!.id ? 'old' : 'new', r.offsetMinutes, r.state, r.dueAt])).toEqual([
      ['old', 3 * 24 * 60, 'SENT', rows[0]!.dueAt],
      ['old', 24 * 60, 'SKIPPED', rows[1]!.dueAt],
      ['new', 24 * 60, 'PENDING', new Date(next.getTime() - DAY)],
      ['new', 30, 'PENDING', new Date(next.getTime() - 30 * MINUTE)],
    ]);
    expect(after.some((r) => r.id === rows[2]!.id)).toBe(false);
    // Another meeting's reminders are untouched.
    expect(await raw.reminder.count({ where: { meetingId: other.id, state: 'PENDING' } })).toBe(1);

    // Replacing with nothing just drops the pending ones.
    await store.meetings.replaceReminders(m.id, []);
    expect((await raw.reminder.findMany({ where: { meetingId: m.id } })).map((r) => r.state).sort()).toEqual(['SENT', 'SKIPPED']);
  });
});

describe('meetings: RSVP', () => {
  let cellId: number;
  let founderId: number;
  let memberId: number;

  beforeEach(async () => {
    ({ cellId, founderId } = await makeCell());
    memberId = (await store.members.add(cellId, member('Trần Thị Bích'), founderId, T0)).id;
  });

  it('setRsvp upserts: changing the answer keeps one row; rsvpById is kept', async () => {
    const m = await scheduled(cellId);
    expect(await store.meetings.setRsvp(m.id, memberId, 'YES', null, null, T1)).toBe(true);
    expect(await store.meetings.setRsvp(m.id, memberId, 'EXCUSED', 'Đi công tác', founderId, T2)).toBe(true);

    expect(await store.meetings.attendance(m.id)).toEqual([
      { memberId, rsvp: 'EXCUSED', rsvpReason: 'Đi công tác', rsvpById: founderId, attendance: null, reason: null, excuseApproved: false },
    ]);
    const rows = await raw.meetingAttendance.findMany({ where: { meetingId: m.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.rsvpAt).toEqual(T2);

    expect(await store.meetings.setRsvp(m.id, memberId, 'MAYBE', null, null, T3)).toBe(true);
    expect(await store.meetings.attendance(m.id)).toEqual([
      { memberId, rsvp: 'MAYBE', rsvpReason: null, rsvpById: null, attendance: null, reason: null, excuseApproved: false },
    ]);
  });

  it('setRsvp is refused (false, nothing stored) when the meeting is not SCHEDULED', async () => {
    const draft = await store.meetings.create(cellId, fields(T3), 'DRAFT', '2026-12', [], null, T0);
    expect(await store.meetings.setRsvp(draft!.id, memberId, 'YES', null, null, T1)).toBe(false);

    const m = await scheduled(cellId);
    expect(await store.meetings.setRsvp(m.id, memberId, 'YES', null, null, T1)).toBe(true);
    await store.meetings.transition(m.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: T2 }, { action: 'open', detail: null, actorId: null }, T2);
    expect(await store.meetings.setRsvp(m.id, memberId, 'EXCUSED', 'late', null, T2)).toBe(false);
    expect(await store.meetings.setRsvp(m.id, founderId, 'YES', null, null, T2)).toBe(false);

    expect(await store.meetings.attendance(m.id)).toEqual([
      { memberId, rsvp: 'YES', rsvpReason: null, rsvpById: null, attendance: null, reason: null, excuseApproved: false },
    ]);
    expect(await raw.meetingAttendance.count({ where: { meetingId: draft!.id } })).toBe(0);
    expect(await store.meetings.setRsvp(m.id + 999, memberId, 'YES', null, null, T2)).toBe(false);
    expect(await raw.meetingAttendance.count()).toBe(1);
  });

  it('setRsvpReason only applies to an EXCUSED answer', async () => {
    const m = await scheduled(cellId);
    await store.meetings.setRsvp(m.id, memberId, 'YES', null, null, T1);
    await store.meetings.setRsvpReason(m.id, memberId, 'ignored');
    expect((await store.meetings.attendance(m.id))[0]?.rsvpReason).toBeNull();

    await store.meetings.setRsvp(m.id, memberId, 'EXCUSED', null, null, T2);
    await store.meetings.setRsvpReason(m.id, memberId, 'Ốm');
    expect((await store.meetings.attendance(m.id))[0]).toMatchObject({ rsvp: 'EXCUSED', rsvpReason: 'Ốm' });

    // No row: nothing created.
    await store.meetings.setRsvpReason(m.id, founderId, 'ghost');
    expect(await raw.meetingAttendance.count({ where: { meetingId: m.id } })).toBe(1);
  });
});

describe('meetings: mark and approveExcuse', () => {
  let cellId: number;
  let founderId: number;
  let bich: number;
  let cuong: number;

  beforeEach(async () => {
    ({ cellId, founderId } = await makeCell());
    bich = (await store.members.add(cellId, member('Trần Thị Bích'), founderId, T0)).id;
    cuong = (await store.members.add(cellId, member('Lê Văn Cường'), founderId, T0)).id;
  });

  const byMember = async (meetingId: number) =>
    Object.fromEntries((await store.meetings.attendance(meetingId)).map((a) => [a.memberId, a]));

  it('re-marking replaces the mark; approval only applies to ABSENT_EXCUSED; re-marking as PRESENT clears it', async () => {
    const m = await scheduled(cellId);
    await store.meetings.setRsvp(m.id, bich, 'EXCUSED', 'Ốm', null, T1);
    await store.meetings.mark(
      m.id,
      [
        { memberId: founderId, attendance: 'PRESENT', reason: null },
        { memberId: bich, attendance: 'ABSENT_EXCUSED', reason: 'Ốm' },
        { memberId: cuong, attendance: 'ABSENT_UNEXCUSED', reason: null },
      ],
      founderId,
      T2,
    );
    await store.meetings.approveExcuse(m.id, [founderId, bich, cuong], founderId);

    let rows = await byMember(m.id);
    expect(rows[founderId]).toMatchObject({ attendance: 'PRESENT', excuseApproved: false });
    // The RSVP survives the mark on the same row.
    expect(rows[bich]).toEqual({ memberId: bich, rsvp: 'EXCUSED', rsvpReason: 'Ốm', rsvpById: null, attendance: 'ABSENT_EXCUSED', reason: 'Ốm', excuseApproved: true });
    expect(rows[cuong]).toMatchObject({ attendance: 'ABSENT_UNEXCUSED', excuseApproved: false });
    expect((await raw.meetingAttendance.findUnique({ where: { meetingId_memberId: { meetingId: m.id, memberId: bich } } }))?.excuseApprovedById).toBe(founderId);
    expect(await raw.meetingAttendance.count({ where: { meetingId: m.id } })).toBe(3);

    // Re-marking: Bích came after all, Cường sent an excuse.
    await store.meetings.mark(
      m.id,
      [
        { memberId: bich, attendance: 'PRESENT', reason: null },
        { memberId: cuong, attendance: 'ABSENT_EXCUSED', reason: 'Việc gia đình' },
      ],
      founderId,
      T3,
    );
    rows = await byMember(m.id);
    expect(rows[bich]).toMatchObject({ attendance: 'PRESENT', reason: null, excuseApproved: false });
    expect(rows[cuong]).toMatchObject({ attendance: 'ABSENT_EXCUSED', reason: 'Việc gia đình', excuseApproved: false });
    const bichRow = await raw.meetingAttendance.findUnique({ where: { meetingId_memberId: { meetingId: m.id, memberId: bich } } });
    expect(bichRow).toMatchObject({ excuseApprovedById: null, markedAt: T3, markedById: founderId });
    expect(await raw.meetingAttendance.count({ where: { meetingId: m.id } })).toBe(3);

    // Bích marked absent-excused again: the earlier (cleared) approval does not come back.
    await store.meetings.mark(m.id, [{ memberId: bich, attendance: 'ABSENT_EXCUSED', reason: 'Về sớm' }], founderId, T3);
    expect((await byMember(m.id))[bich]).toMatchObject({ attendance: 'ABSENT_EXCUSED', excuseApproved: false });
  });

  it('approveExcuse only touches the meeting and members given', async () => {
    const m1 = await scheduled(cellId);
    const m2 = await scheduled(cellId);
    for (const m of [m1, m2]) {
      await store.meetings.mark(
        m.id,
        [
          { memberId: bich, attendance: 'ABSENT_EXCUSED', reason: 'a' },
          { memberId: cuong, attendance: 'ABSENT_EXCUSED', reason: 'b' },
        ],
        founderId,
        T2,
      );
    }
    await store.meetings.approveExcuse(m1.id, [bich], founderId);
    expect((await byMember(m1.id))[bich]?.excuseApproved).toBe(true);
    expect((await byMember(m1.id))[cuong]?.excuseApproved).toBe(false);
    expect(Object.values(await byMember(m2.id)).map((a) => a.excuseApproved)).toEqual([false, false]);
    // No row for the founder: approving creates nothing.
    await store.meetings.approveExcuse(m1.id, [founderId], founderId);
    expect(await raw.meetingAttendance.count({ where: { meetingId: m1.id } })).toBe(2);
  });
});

describe('meetings: cellHistory and cellsWithMeetings', () => {
  const FROM = new Date('2026-10-01T00:00:00.000Z');
  const TO = new Date('2026-11-01T00:00:00.000Z');

  async function meetingAt(cellId: number, startsAt: Date, final: 'CLOSED' | 'CANCELLED' | 'IN_PROGRESS' | 'SCHEDULED', marks: { memberId: number; attendance: 'PRESENT' | 'ABSENT_EXCUSED' | 'ABSENT_UNEXCUSED' }[]) {
    const m = await scheduled(cellId, startsAt);
    await store.meetings.mark(m.id, marks.map((x) => ({ ...x, reason: null })), null, startsAt);
    if (final === 'CANCELLED') await store.meetings.transition(m.id, ['SCHEDULED'], 'CANCELLED', {}, { action: 'cancel', detail: null, actorId: null }, startsAt);
    if (final === 'IN_PROGRESS' || final === 'CLOSED')
      await store.meetings.transition(m.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: startsAt }, { action: 'open', detail: null, actorId: null }, startsAt);
    if (final === 'CLOSED')
      await store.meetings.transition(m.id, ['IN_PROGRESS'], 'CLOSED', { endedAt: startsAt }, { action: 'close', detail: null, actorId: null }, startsAt);
    return m;
  }

  it('only see CLOSED meetings starting in [from, to)', async () => {
    const a = await makeCell();
    const b = await makeCell();
    const c = await makeCell();
    const bich = (await store.members.add(a.cellId, member('Trần Thị Bích'), a.founderId, T0)).id;

    const atFrom = await meetingAt(a.cellId, FROM, 'CLOSED', [
      { memberId: a.founderId, attendance: 'PRESENT' },
      { memberId: bich, attendance: 'ABSENT_UNEXCUSED' },
    ]);
    const mid = await meetingAt(a.cellId, new Date('2026-10-15T12:00:00.000Z'), 'CLOSED', [{ memberId: bich, attendance: 'ABSENT_EXCUSED' }]);
    // Outside: at `to`, just before `from`, or not closed.
    await meetingAt(a.cellId, TO, 'CLOSED', [{ memberId: bich, attendance: 'PRESENT' }]);
    await meetingAt(a.cellId, new Date(FROM.getTime() - 1), 'CLOSED', [{ memberId: bich, attendance: 'PRESENT' }]);
    await meetingAt(a.cellId, new Date('2026-10-10T12:00:00.000Z'), 'CANCELLED', [{ memberId: bich, attendance: 'PRESENT' }]);
    await meetingAt(a.cellId, new Date('2026-10-11T12:00:00.000Z'), 'IN_PROGRESS', [{ memberId: bich, attendance: 'PRESENT' }]);
    await meetingAt(a.cellId, new Date('2026-10-12T12:00:00.000Z'), 'SCHEDULED', [{ memberId: bich, attendance: 'PRESENT' }]);
    // A closed meeting where a member only answered the RSVP: no attendance, no history entry.
    const rsvpOnly = await scheduled(a.cellId, new Date('2026-10-20T12:00:00.000Z'));
    await store.meetings.setRsvp(rsvpOnly.id, bich, 'YES', null, null, T0);
    await store.meetings.transition(rsvpOnly.id, ['SCHEDULED'], 'CLOSED', {}, { action: 'close', detail: null, actorId: null }, T0);

    await meetingAt(b.cellId, new Date('2026-10-31T23:59:59.999Z'), 'CLOSED', [{ memberId: b.founderId, attendance: 'PRESENT' }]);
    await meetingAt(c.cellId, new Date('2026-10-05T00:00:00.000Z'), 'CANCELLED', [{ memberId: c.founderId, attendance: 'PRESENT' }]);
    await meetingAt(c.cellId, TO, 'CLOSED', [{ memberId: c.founderId, attendance: 'PRESENT' }]);

    const history = await store.meetings.cellHistory(a.cellId, FROM, TO);
    const key = (e: { meetingId: number; memberId: number }) => `${e.meetingId}:${e.memberId}`;
    expect([...history].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
      [
        { memberId: a.founderId, meetingId: atFrom.id, startsAt: FROM, kind: 'THUONG_KY', attendance: 'PRESENT' },
        { memberId: bich, meetingId: atFrom.id, startsAt: FROM, kind: 'THUONG_KY', attendance: 'ABSENT_UNEXCUSED' },
        { memberId: bich, meetingId: mid.id, startsAt: new Date('2026-10-15T12:00:00.000Z'), kind: 'THUONG_KY', attendance: 'ABSENT_EXCUSED' },
      ].sort((x, y) => key(x).localeCompare(key(y))),
    );
    expect(await store.meetings.cellHistory(c.cellId, FROM, TO)).toEqual([]);

    expect((await store.meetings.cellsWithMeetings(FROM, TO)).sort((x, y) => x - y)).toEqual([a.cellId, b.cellId].sort((x, y) => x - y));
    expect(await store.meetings.cellsWithMeetings(new Date('2027-01-01T00:00:00.000Z'), new Date('2027-02-01T00:00:00.000Z'))).toEqual([]);
  });
});

describe('reminders', () => {
  const NOW = new Date('2026-11-30T10:00:00.000Z');
  const LEASE = 5 * MINUTE;
  const STALE = new Date(NOW.getTime() - LEASE);

  it('due returns only PENDING reminders with dueAt <= now (not future ones, not SENT/SKIPPED), earliest first', async () => {
    const { cellId } = await makeCell();
    const startsAt = new Date(NOW.getTime() + HOUR);
    // dueAt: now-3d+1h, now-1d+1h ... computed from offsets; 30 min → due in 30 minutes (future); 60 → exactly now.
    const m = await scheduled(cellId, startsAt, planned(startsAt, [3 * 24 * 60, 24 * 60, 60, 30]));
    const later = await scheduled(cellId, new Date(NOW.getTime() + 10 * DAY), planned(new Date(NOW.getTime() + 10 * DAY), [24 * 60]));
    const rows = await raw.reminder.findMany({ where: { meetingId: m.id }, orderBy: { dueAt: 'asc' } });
    const [threeDays, oneDay, atNow, future] = rows;
    expect(atNow?.dueAt).toEqual(NOW);

    expect(await store.reminders.due(NOW, STALE, 100, 'meeting')).toEqual([
      { id: threeDays!.id, meetingId: m.id, cellId, offsetMinutes: 3 * 24 * 60, taskId: null },
      { id: oneDay!.id, meetingId: m.id, cellId, offsetMinutes: 24 * 60, taskId: null },
      { id: atNow!.id, meetingId: m.id, cellId, offsetMinutes: 60, taskId: null },
    ]);
    expect((await store.reminders.due(NOW, STALE, 2, 'meeting')).map((r) => r.id)).toEqual([threeDays!.id, oneDay!.id]);

    await store.reminders.finish(threeDays!.id, 'SENT', NOW);
    await store.reminders.finish(oneDay!.id, 'SKIPPED', NOW);
    expect((await store.reminders.due(NOW, STALE, 100, 'meeting')).map((r) => r.id)).toEqual([atNow!.id]);
    expect(await store.reminders.claim(threeDays!.id, 'p1', NOW, STALE)).toBe(false);
    expect(await store.reminders.claim(future!.id, 'p1', NOW, STALE)).toBe(false);
    expect(await raw.reminder.count({ where: { meetingId: later.id, state: 'PENDING' } })).toBe(1);
  });

  it('claim is exclusive; finish sets the state and time', async () => {
    const { cellId } = await makeCell();
    const startsAt = new Date(NOW.getTime() + 30 * MINUTE);
    await scheduled(cellId, startsAt, planned(startsAt, [60]));
    const [r] = await store.reminders.due(NOW, STALE, 10, 'meeting');

    expect(await store.reminders.claim(r!.id, 'p1', NOW, STALE)).toBe(true);
    expect(await store.reminders.claim(r!.id, 'p2', NOW, STALE)).toBe(false);
    expect(await store.reminders.claim(r!.id, 'p1', NOW, STALE)).toBe(false);
    expect(await raw.reminder.findUnique({ where: { id: r!.id } })).toMatchObject({ state: 'CLAIMED', claimedAt: NOW, claimedBy: 'p1', doneAt: null });
    expect(await store.reminders.due(NOW, STALE, 10, 'meeting')).toEqual([]);

    const later = new Date(NOW.getTime() + MINUTE);
    await store.reminders.finish(r!.id, 'SENT', later);
    expect(await raw.reminder.findUnique({ where: { id: r!.id } })).toMatchObject({ state: 'SENT', doneAt: later, claimedBy: 'p1' });
    // A finished reminder is never due again, however old its claim.
    const muchLater = new Date(NOW.getTime() + DAY);
    expect(await store.reminders.due(muchLater, new Date(muchLater.getTime() - LEASE), 10, 'meeting')).toEqual([]);
    expect(await store.reminders.claim(r!.id, 'p2', muchLater, new Date(muchLater.getTime() - LEASE))).toBe(false);
  });

  it('concurrent claims of one reminder: exactly one wins', async () => {
    const { cellId } = await makeCell();
    const startsAt = new Date(NOW.getTime() + 30 * MINUTE);
    await scheduled(cellId, startsAt, planned(startsAt, [60]));
    const [r] = await store.reminders.due(NOW, STALE, 10, 'meeting');
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((by) => store.reminders.claim(r!.id, by, NOW, STALE)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("claimTogether takes all of a meeting's due reminders for one racer, none of its future ones, and none twice", async () => {
    const { cellId } = await makeCell();
    const startsAt = new Date(NOW.getTime() + 30 * MINUTE);
    await scheduled(cellId, startsAt, planned(startsAt, [3 * 24 * 60, 24 * 60, 60, 10]));
    const due = await store.reminders.due(NOW, STALE, 10, 'meeting');
    expect(due).toHaveLength(3);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((by) => store.reminders.claimTogether({ meetingId: due[0]!.meetingId }, by, NOW, STALE)));
    const winners = results.filter((r) => r.length);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.map((r) => r.id).sort()).toEqual(due.map((r) => r.id).sort());
    expect(await store.reminders.due(NOW, STALE, 10, 'meeting')).toEqual([]);
    expect(await raw.reminder.count({ where: { meetingId: due[0]!.meetingId, state: 'PENDING' } })).toBe(1);
  });

  it('a CLAIMED reminder older than the lease and unfinished is due again and re-claimed exactly once', async () => {
    const { cellId } = await makeCell();
    const startsAt = new Date(NOW.getTime() + 30 * MINUTE);
    await scheduled(cellId, startsAt, planned(startsAt, [60]));
    const [r] = await store.reminders.due(NOW, STALE, 10, 'meeting');
    expect(await store.reminders.claim(r!.id, 'dead', NOW, STALE)).toBe(true);

    // Within the lease: not due, not claimable.
    const soon = new Date(NOW.getTime() + LEASE - 1);
    expect(await store.reminders.due(soon, new Date(soon.getTime() - LEASE), 10, 'meeting')).toEqual([]);
    expect(await store.reminders.claim(r!.id, 'p2', soon, new Date(soon.getTime() - LEASE))).toBe(false);

    // After the lease: due again, and claimed by exactly one of the racers.
    const after = new Date(NOW.getTime() + LEASE + MINUTE);
    const staleAfter = new Date(after.getTime() - LEASE);
    expect((await store.reminders.due(after, staleAfter, 10, 'meeting')).map((x) => x.id)).toEqual([r!.id]);
    const results = await Promise.all(['p2', 'p3', 'p4'].map((by) => store.reminders.claim(r!.id, by, after, staleAfter)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await raw.reminder.findUnique({ where: { id: r!.id } });
    expect(row).toMatchObject({ state: 'CLAIMED', claimedAt: after });
    expect(['p2', 'p3', 'p4'][results.indexOf(true)]).toBe(row?.claimedBy);
    expect(await store.reminders.claim(r!.id, 'p5', after, staleAfter)).toBe(false);
    expect(await store.reminders.due(after, staleAfter, 10, 'meeting')).toEqual([]);
  });

  /** `meetings` meetings in two new cells, each with 3 reminders due at NOW and 1 still ahead. */
  async function seedDue(meetings: number): Promise<{ dueIds: Set<string>; meetingIds: number[] }> {
    const a = await makeCell();
    const b = await makeCell();
    const dueIds = new Set<string>();
    const meetingIds: number[] = [];
    for (let i = 0; i < meetings; i++) {
      const startsAt = new Date(NOW.getTime() + (i + 2) * MINUTE);
      // 3 due (3 days, 1 day, 2 hours before) and 1 not yet due (1 minute before, still ahead).
      const m = await scheduled(i % 2 ? a.cellId : b.cellId, startsAt, planned(startsAt, [3 * 24 * 60, 24 * 60, 120, 1]));
      meetingIds.push(m.id);
      const rows = await raw.reminder.findMany({ where: { meetingId: m.id, dueAt: { lte: NOW } } });
      rows.forEach((r) => dueIds.add(r.id));
    }
    expect(dueIds.size).toBe(meetings * 3);
    return { dueIds, meetingIds };
  }

  /** The scheduler's tick, over and over until nothing is due: due() then claim() each, in parallel. */
  async function claimLoop(s: Store, name: string, start: Promise<unknown>): Promise<string[]> {
    await start;
    const claimed: string[] = [];
    for (let round = 0; round < 50; round++) {
      const due = await s.reminders.due(NOW, STALE, 5, 'meeting');
      if (!due.length) return claimed;
      const results = await Promise.all(due.map((r) => s.reminders.claim(r.id, name, NOW, STALE)));
      due.forEach((r, i) => results[i] && claimed.push(r.id));
    }
    throw new Error(`${name} did not drain the due reminders`);
  }

  async function expectEachClaimedOnce(seeded: { dueIds: Set<string>; meetingIds: number[] }, byName: Record<string, string[]>) {
    const { dueIds, meetingIds } = seeded;
    const claimedBy = new Map<string, string[]>();
    for (const [name, ids] of Object.entries(byName)) for (const id of ids) claimedBy.set(id, [...(claimedBy.get(id) ?? []), name]);
    expect([...claimedBy].filter(([, by]) => by.length !== 1)).toEqual([]);
    expect(Object.values(byName).flat()).toHaveLength(dueIds.size);
    expect(new Set(claimedBy.keys())).toEqual(dueIds);

    // What is stored agrees: each due reminder CLAIMED by the store that saw true; the one ahead untouched.
    const rows = await raw.reminder.findMany({ where: { meetingId: { in: meetingIds } } });
    const claimedRows = rows.filter((r) => r.state === 'CLAIMED');
    expect(claimedRows).toHaveLength(dueIds.size);
    for (const r of claimedRows) expect(claimedBy.get(r.id)).toEqual([r.claimedBy]);
    const pending = rows.filter((r) => r.state === 'PENDING');
    expect(pending).toHaveLength(meetingIds.length);
    expect(pending.every((r) => r.dueAt > NOW)).toBe(true);
  }

  /**
   * Runs the race until both sides claimed something (at most 3 times, each on fresh reminders), checking
   * every run: a run where one side finished before the other started would prove nothing about the race.
   */
  async function race(run: (seeded: { dueIds: Set<string>; meetingIds: number[] }) => Promise<{ one: string[]; two: string[] }>) {
    const splits: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const seeded = await seedDue(30);
      const { one, two } = await run(seeded);
      await expectEachClaimedOnce(seeded, { one, two });
      splits.push(`${one.length}/${two.length}`);
      if (one.length > 0 && two.length > 0) return;
    }
    expect.fail(`one side never took part in the race: ${splits.join(', ')}`);
  }

  it('two bot processes on the same database claim every due reminder exactly once', async () => {
    const other = await startOtherProcess(t.url);
    try {
      await race(async () => {
        const gate = startingGate();
        const [two, one] = await Promise.all([
          other.request<string[]>('claimLoop', { name: 'two', now: NOW, staleBefore: STALE, limit: 5, gate: gate.buffer }),
          claimLoop(store, 'one', gate.open()),
        ]);
        return { one, two };
      });
    } finally {
      await other.close();
    }
  });

  // A second store in this same thread (openStore again): faithful on PostgreSQL, whose driver is
  // asynchronous. On SQLite one thread cannot stand for two processes (see startOtherProcess).
  it.skipIf(SQLITE)('two stores opened in one process on the same database claim every due reminder exactly once', async () => {
    const second = await openStore(t.url, { migrate: false });
    try {
      await race(async () => {
        const [one, two] = await Promise.all([claimLoop(store, 'one', Promise.resolve()), claimLoop(second, 'two', Promise.resolve())]);
        return { one, two };
      });
    } finally {
      await second.close();
    }
  });
});

describe('settings', () => {
  const rule = { dayOfMonth: 5, time: '19:30', shiftToWorkingDay: false, place: 'Nhà văn hóa' };

  it('get on a new cell gives nulls', async () => {
    const { cellId } = await makeCell();
    expect(await store.settings.get(cellId)).toEqual({ rule: null, reminderOffsets: null, minMeetingMinutes: null, electronicSecretBallot: false, summariseWithLlm: true });
    expect(await raw.cellSettings.count()).toBe(0);
  });

  it('update sets rule, reminderOffsets and minMeetingMinutes independently', async () => {
    const { cellId } = await makeCell();
    expect(await store.settings.update(cellId, { rule }, T0)).toEqual({ rule, reminderOffsets: null, minMeetingMinutes: null, electronicSecretBallot: false, summariseWithLlm: true });
    expect(await store.settings.update(cellId, { reminderOffsets: [1440, 60] }, T1)).toEqual({ rule, reminderOffsets: [1440, 60], minMeetingMinutes: null, electronicSecretBallot: false, summariseWithLlm: true });
    expect(await store.settings.update(cellId, { minMeetingMinutes: 90 }, T2)).toEqual({ rule, reminderOffsets: [1440, 60], minMeetingMinutes: 90, electronicSecretBallot: false, summariseWithLlm: true });
    expect(await store.settings.get(cellId)).toEqual({ rule, reminderOffsets: [1440, 60], minMeetingMinutes: 90, electronicSecretBallot: false, summariseWithLlm: true });
    expect((await raw.cellSettings.findUnique({ where: { cellId } }))?.updatedAt).toEqual(T2);

    // An empty patch changes nothing.
    expect(await store.settings.update(cellId, {}, T3)).toEqual({ rule, reminderOffsets: [1440, 60], minMeetingMinutes: 90, electronicSecretBallot: false, summariseWithLlm: true });

    // Clearing one keeps the others.
    expect(await store.settings.update(cellId, { rule: null }, T3)).toEqual({ rule: null, reminderOffsets: [1440, 60], minMeetingMinutes: 90, electronicSecretBallot: false, summariseWithLlm: true });
    expect(await store.settings.update(cellId, { reminderOffsets: null, minMeetingMinutes: null }, T3)).toEqual({ rule: null, reminderOffsets: null, minMeetingMinutes: null, electronicSecretBallot: false, summariseWithLlm: true });
    // The secret-ballot choice is kept apart from the others as well.
    expect(await store.settings.update(cellId, { electronicSecretBallot: true }, T3)).toMatchObject({ reminderOffsets: null, electronicSecretBallot: true });
    expect(await store.settings.update(cellId, { minMeetingMinutes: 60 }, T3)).toMatchObject({ minMeetingMinutes: 60, electronicSecretBallot: true });
    // An empty list of offsets (no reminders) is a choice, kept as such.
    expect((await store.settings.update(cellId, { reminderOffsets: [] }, T3)).reminderOffsets).toEqual([]);
    expect(await raw.cellSettings.count()).toBe(1);
  });

  it('a rule with place null and the default shift round-trips', async () => {
    const { cellId } = await makeCell();
    const r = { dayOfMonth: 31, time: '07:00', shiftToWorkingDay: true, place: null };
    expect(await store.settings.update(cellId, { rule: r, minMeetingMinutes: 0 }, T0)).toEqual({ rule: r, reminderOffsets: null, minMeetingMinutes: 0, electronicSecretBallot: false, summariseWithLlm: true });
    expect(await store.settings.get(cellId)).toEqual({ rule: r, reminderOffsets: null, minMeetingMinutes: 0, electronicSecretBallot: false, summariseWithLlm: true });
  });

  it('cellsWithRule lists only cells with a monthly rule', async () => {
    const a = await makeCell();
    const b = await makeCell();
    const c = await makeCell();
    await makeCell();
    await store.settings.update(a.cellId, { rule }, T0);
    await store.settings.update(b.cellId, { minMeetingMinutes: 60 }, T0);
    await store.settings.update(c.cellId, { rule }, T0);
    expect((await store.settings.cellsWithRule()).sort((x, y) => x - y)).toEqual([a.cellId, c.cellId]);
    await store.settings.update(c.cellId, { rule: null }, T1);
    expect(await store.settings.cellsWithRule()).toEqual([a.cellId]);
  });

  it('holidays: set upserts on the same date, remove reports whether it removed', async () => {
    const a = await makeCell();
    const b = await makeCell();
    expect(await store.settings.holidays(a.cellId)).toEqual([]);
    await store.settings.setHoliday(a.cellId, '2026-12-24', 'Nghỉ bù', true);
    await store.settings.setHoliday(a.cellId, '2026-09-02', 'Quốc khánh', false);
    await store.settings.setHoliday(a.cellId, '2026-12-24', 'Giáng sinh', false);
    await store.settings.setHoliday(b.cellId, '2026-12-24', 'Khác', true);

    expect(await store.settings.holidays(a.cellId)).toEqual([
      { date: '2026-09-02', label: 'Quốc khánh', off: false },
      { date: '2026-12-24', label: 'Giáng sinh', off: false },
    ]);
    expect(await raw.cellHoliday.count({ where: { cellId: a.cellId } })).toBe(2);

    expect(await store.settings.removeHoliday(a.cellId, '2026-12-24')).toBe(true);
    expect(await store.settings.removeHoliday(a.cellId, '2026-12-24')).toBe(false);
    expect(await store.settings.removeHoliday(a.cellId, '2030-01-01')).toBe(false);
    expect(await store.settings.holidays(a.cellId)).toEqual([{ date: '2026-09-02', label: 'Quốc khánh', off: false }]);
    expect(await store.settings.holidays(b.cellId)).toEqual([{ date: '2026-12-24', label: 'Khác', off: true }]);
  });

  it('claimAlert is true once per (cell, key), then false; concurrent claims let one through', async () => {
    const a = await makeCell();
    const b = await makeCell();
    expect(await store.settings.claimAlert(a.cellId, 'absent3:2026-11', T0)).toBe(true);
    expect(await store.settings.claimAlert(a.cellId, 'absent3:2026-11', T1)).toBe(false);
    expect(await store.settings.claimAlert(a.cellId, 'absent3:2026-12', T1)).toBe(true);
    expect(await store.settings.claimAlert(b.cellId, 'absent3:2026-11', T1)).toBe(true);

    const results = await Promise.all([T1, T2, T3].map((at) => store.settings.claimAlert(a.cellId, 'race', at)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await raw.cellAlert.count()).toBe(4);
    expect((await raw.cellAlert.findUnique({ where: { cellId_key: { cellId: a.cellId, key: 'absent3:2026-11' } } }))?.at).toEqual(T0);
  });
});

describe('prompts: openAbout and awaitingText', () => {
  const base = { cellId: null, channel: 'telegram' as const, chatId: '-1001', chatKind: 'group' as const, kind: 'rsvp', payload: { q: 1 } };

  it('openAbout lists the open prompts about a subject, oldest first', async () => {
    await store.prompts.create({ ...base, id: 'p-2', subject: 'meeting:1' }, T2);
    await store.prompts.create({ ...base, id: 'p-1', subject: 'meeting:1', chatId: '-2002' }, T1);
    await store.prompts.create({ ...base, id: 'p-3', subject: 'meeting:1' }, T3);
    await store.prompts.create({ ...base, id: 'p-other', subject: 'meeting:12' }, T0);
    await store.prompts.create({ ...base, id: 'p-none' }, T0);
    await store.prompts.close('p-3', T3);

    const open = await store.prompts.openAbout('meeting:1');
    expect(open.map((p) => p.id)).toEqual(['p-1', 'p-2']);
    expect(open[0]).toMatchObject({ subject: 'meeting:1', chatId: '-2002', payload: { q: 1 }, closedAt: null, awaitUserId: null });
    expect((await store.prompts.openAbout('meeting:12')).map((p) => p.id)).toEqual(['p-other']);
    expect(await store.prompts.openAbout('meeting:999')).toEqual([]);
    expect(await store.prompts.get('p-none')).toMatchObject({ subject: null, awaitUserId: null });
  });

  it('awaitingText finds the newest open prompt in the chat waiting for this account', async () => {
    await store.prompts.create({ ...base, id: 'old', awaitUserId: 'u1', kind: 'reason' }, T0);
    await store.prompts.create({ ...base, id: 'new', awaitUserId: 'u1', kind: 'reason' }, T2);
    await store.prompts.create({ ...base, id: 'newest-closed', awaitUserId: 'u1', kind: 'reason' }, T3);
    await store.prompts.create({ ...base, id: 'someone-else', awaitUserId: 'u2', kind: 'reason' }, T3);
    await store.prompts.create({ ...base, id: 'other-chat', chatId: '-9', awaitUserId: 'u1', kind: 'reason' }, T3);
    await store.prompts.create({ ...base, id: 'other-channel', channel: 'zalo', awaitUserId: 'u1', kind: 'reason' }, T3);
    await store.prompts.create({ ...base, id: 'no-await' }, T3);
    await store.prompts.close('newest-closed', T3);

    expect(await store.prompts.awaitingText('telegram', '-1001', 'u1')).toMatchObject({ id: 'new', awaitUserId: 'u1', kind: 'reason' });
    expect((await store.prompts.awaitingText('telegram', '-1001', 'u2'))?.id).toBe('someone-else');
    expect((await store.prompts.awaitingText('telegram', '-9', 'u1'))?.id).toBe('other-chat');
    expect((await store.prompts.awaitingText('zalo', '-1001', 'u1'))?.id).toBe('other-channel');
    expect(await store.prompts.awaitingText('telegram', '-1001', 'u3')).toBeNull();

    await store.prompts.close('new', T3);
    expect((await store.prompts.awaitingText('telegram', '-1001', 'u1'))?.id).toBe('old');
    await store.prompts.close('old', T3);
    expect(await store.prompts.awaitingText('telegram', '-1001', 'u1')).toBeNull();
  });
});

describe('cells.chatsOf and identities.accountsOf', () => {
  it('chatsOf lists every chat bound to the cell, on every channel', async () => {
    const { cellId } = await makeCell({ chat: { channel: 'telegram', chatId: '-500', title: 'Nhóm TG' } });
    const other = await makeCell();
    await store.cells.bindChat(cellId, { channel: 'zalo', chatId: 'z-500' }, T1);
    await store.cells.bindChat(cellId, { channel: 'shell', chatId: 'local', title: 'Máy' }, T2);

    expect(await store.cells.chatsOf(cellId)).toEqual([
      { channel: 'telegram', chatId: '-500', title: 'Nhóm TG' },
      { channel: 'zalo', chatId: 'z-500' },
      { channel: 'shell', chatId: 'local', title: 'Máy' },
    ]);
    expect(await store.cells.chatsOf(other.cellId)).toHaveLength(1);
    expect(await store.cells.chatsOf(other.cellId + 999)).toEqual([]);
  });

  it('accountsOf lists the linked accounts of current members on one channel; removed members are excluded', async () => {
    const founderAccount: AccountRef = { channel: 'zalo', externalId: 'z-an', displayName: 'An' };
    const { cellId, founderId } = await makeCell({ founderAccount });
    const other = await makeCell({ founderAccount: { channel: 'zalo', externalId: 'z-x', displayName: 'X' } });
    const bich = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T0);
    const cuong = await store.members.add(cellId, member('Lê Văn Cường'), founderId, T0);
    await store.identities.link(cellId, bich.id, { channel: 'zalo', externalId: 'z-bich', displayName: 'Bích' }, founderId, T1);
    await store.identities.link(cellId, bich.id, { channel: 'telegram', externalId: 'tg-bich', displayName: 'Bích TG' }, founderId, T1);
    await store.identities.link(cellId, cuong.id, { channel: 'zalo', externalId: 'z-cuong', displayName: 'Cường' }, founderId, T1);

    const sort = <T extends { memberId: number }>(xs: T[]) => [...xs].sort((x, y) => x.memberId - y.memberId);
    expect(sort(await store.identities.accountsOf(cellId, 'zalo'))).toEqual(
      sort([
        { memberId: founderId, externalId: 'z-an', displayName: 'An' },
        { memberId: bich.id, externalId: 'z-bich', displayName: 'Bích' },
        { memberId: cuong.id, externalId: 'z-cuong', displayName: 'Cường' },
      ]),
    );
    expect(await store.identities.accountsOf(cellId, 'telegram')).toEqual([{ memberId: bich.id, externalId: 'tg-bich', displayName: 'Bích TG' }]);

    expect(await store.members.remove(cellId, cuong.id, founderId, T2)).toBe(true);
    expect(sort(await store.identities.accountsOf(cellId, 'zalo'))).toEqual(
      sort([
        { memberId: founderId, externalId: 'z-an', displayName: 'An' },
        { memberId: bich.id, externalId: 'z-bich', displayName: 'Bích' },
      ]),
    );
    expect(await store.identities.accountsOf(other.cellId, 'zalo')).toEqual([{ memberId: other.founderId, externalId: 'z-x', displayName: 'X' }]);
    expect(await store.identities.accountsOf(cellId, 'shell')).toEqual([]);
  });
});
