// The minutes, task and (task-)reminder repositories against a real, freshly migrated database: SQLite by
// default, PostgreSQL when DATABASE_URL=postgres://… (test/support/global-setup.ts). Same assertions on both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCapture, NewTask, OutcomeRecord, Store } from '../../src/app/ports.ts';
import type { MinutesDraft } from '../../src/domain/minutes.ts';
import type { PlannedReminder } from '../../src/domain/reminders.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { meetingFields as fields, memberFields as member, newCell, plannedReminders as planned } from '../support/storage-fixtures.ts';

const T0 = new Date('2026-11-22T08:00:00.000Z');
const T1 = new Date('2026-11-22T09:30:00.000Z');
const T2 = new Date('2026-11-23T01:15:00.000Z');
const T3 = new Date('2026-11-24T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const line = (text: string, account = 'telegram:u1', overrides: Partial<NewCapture> = {}): NewCapture => ({
  tag: 'OPINION',
  text,
  authorId: null,
  authorName: account === 'telegram:u1' ? 'Nguyễn Văn An' : 'Trần Thị Bình',
  authorAccount: account,
  ownerId: null,
  ownerName: null,
  dueOn: null,
  ...overrides,
});

const draftContent = (label = 'A'): MinutesDraft => ({
  conclusions: [{ text: `Kết luận ${label}`, sources: ['T1'] }],
  resolutions: [{ text: `Nghị quyết ${label}`, sources: ['L2'] }],
  tasks: [{ what: `Việc ${label}`, ownerName: 'Nguyễn Văn An', dueOn: '2026-12-20', sources: ['T2'] }],
  lastMonthNotes: [{ text: `Tháng trước ${label}`, sources: ['L3'] }],
});

const task = (what: string, overrides: Partial<NewTask> = {}): NewTask => ({
  what,
  ownerId: null,
  ownerName: null,
  dueOn: null,
  sources: ['T1'],
  reminders: [],
  ...overrides,
});

let t: TestDatabase;
let store: Store;
/** Direct client for rows the ports do not expose (reminder rows, draft review columns). */
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

async function meetingOf(cellId: number, startsAt = T3, reminders: PlannedReminder[] = []) {
  const m = await store.meetings.create(cellId, fields(startsAt), 'SCHEDULED', null, reminders, null, T0);
  if (!m) throw new Error('expected a meeting');
  return m;
}

/** A pending draft approved at once with these tasks. */
async function approvedTasks(meetingId: number, byId: number, tasks: NewTask[], at = T2) {
  const draft = await store.minutes.createDraft(meetingId, draftContent(), 'offline', byId, at);
  const created = await store.minutes.approveDraft(draft.id, byId, at, [], tasks);
  if (!created) throw new Error('expected the approval to go through');
  return created;
}

// ---- capture, undo, text ----

describe('minutes: capture, undoLast, captures, text', () => {
  it('numbers lines 1, 2, 3 per meeting, independently across meetings, and returns the stored item', async () => {
    const { cellId, founderId } = await makeCell();
    const a = await meetingOf(cellId);
    const b = await meetingOf(cellId);

    const a1 = await store.minutes.capture(a.id, line('Ý kiến một'), T0);
    const b1 = await store.minutes.capture(b.id, line('Ở cuộc họp khác'), T0);
    const a2 = await store.minutes.capture(a.id, line('Kết luận hai', 'telegram:u2', { tag: 'CONCLUSION' }), T1);
    const a3 = await store.minutes.capture(
      a.id,
      line('Rà soát danh sách hộ nghèo', 'telegram:u1', { tag: 'TASK', authorId: founderId, ownerId: founderId, ownerName: 'Nguyễn Văn An', dueOn: '2026-12-20' }),
      T2,
    );

    expect([a1.seq, a2.seq, a3.seq]).toEqual([1, 2, 3]);
    expect(b1.seq).toBe(1);
    expect(a3).toEqual({
      seq: 3,
      tag: 'TASK',
      text: 'Rà soát danh sách hộ nghèo',
      authorName: 'Nguyễn Văn An',
      at: T2,
      ownerName: 'Nguyễn Văn An',
      dueOn: '2026-12-20',
    });
    expect(await store.minutes.captures(a.id)).toEqual([a1, a2, a3]);
    expect(await store.minutes.captures(b.id)).toEqual([b1]);
    const rows = await raw.minuteEntry.findMany({ where: { meetingId: a.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [r.seq, r.authorAccount, r.authorId, r.ownerId, r.removedAt])).toEqual([
      [1, 'telegram:u1', null, null, null],
      [2, 'telegram:u2', null, null, null],
      [3, 'telegram:u1', founderId, founderId, null],
    ]);
  });

  it('10 concurrent captures in one meeting get distinct numbers 1..10, each line stored once', async () => {
    const { cellId } = await makeCell();
    const m = await meetingOf(cellId);
    const items = await Promise.all(Array.from({ length: 10 }, (_, i) => store.minutes.capture(m.id, line(`Dòng ${i}`, `telegram:u${i}`), T1)));
    expect(items.map((i) => i.seq).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Each returned number is the number of the line with that text.
    const stored = await store.minutes.captures(m.id);
    expect(stored.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const item of items) expect(stored.find((s) => s.seq === item.seq)?.text).toBe(item.text);
    expect(new Set(stored.map((s) => s.text)).size).toBe(10);
    expect(await raw.minuteEntry.count({ where: { meetingId: m.id } })).toBe(10);
  });

  it("undoLast removes only that author's newest standing line, then the one before; null when none is left", async () => {
    const { cellId } = await makeCell();
    const m = await meetingOf(cellId);
    const other = await meetingOf(cellId);
    await store.minutes.capture(m.id, line('An một'), T0); // 1
    await store.minutes.capture(m.id, line('Bình một', 'telegram:u2'), T0); // 2
    await store.minutes.capture(m.id, line('An hai'), T0); // 3
    await store.minutes.capture(m.id, line('Bình hai', 'telegram:u2'), T0); // 4
    await store.minutes.capture(other.id, line('An ở cuộc họp khác'), T0);

    const first = await store.minutes.undoLast(m.id, 'telegram:u1', T1);
    expect(first).toMatchObject({ seq: 3, text: 'An hai', tag: 'OPINION' });
    expect((await store.minutes.captures(m.id)).map((c) => c.seq)).toEqual([1, 2, 4]);
    expect((await raw.minuteEntry.findUnique({ where: { meetingId_seq: { meetingId: m.id, seq: 3 } } }))?.removedAt).toEqual(T1);

    expect(await store.minutes.undoLast(m.id, 'telegram:u1', T2)).toMatchObject({ seq: 1, text: 'An một' });
    expect((await store.minutes.captures(m.id)).map((c) => c.text)).toEqual(['Bình một', 'Bình hai']);
    expect(await store.minutes.undoLast(m.id, 'telegram:u1', T2)).toBeNull();
    expect(await store.minutes.undoLast(m.id, 'telegram:nobody', T2)).toBeNull();

    // Nothing of the other author or the other meeting was touched; the removed rows are kept, marked.
    expect((await store.minutes.captures(other.id)).map((c) => c.text)).toEqual(['An ở cuộc họp khác']);
    expect(await raw.minuteEntry.count({ where: { meetingId: m.id } })).toBe(4);
    expect(await raw.minuteEntry.count({ where: { meetingId: m.id, removedAt: null } })).toBe(2);

    // A removed line's number is not given again: citations stay stable.
    expect((await store.minutes.capture(m.id, line('An ba'), T3)).seq).toBe(5);
    expect((await store.minutes.captures(m.id)).map((c) => c.seq)).toEqual([2, 4, 5]);
  });

  it('concurrent undoLast calls of one author remove distinct lines, never one line twice', async () => {
    const { cellId } = await makeCell();
    const m = await meetingOf(cellId);
    for (const text of ['một', 'hai', 'ba']) await store.minutes.capture(m.id, line(text), T0);
    const results = await Promise.all([1, 2].map(() => store.minutes.undoLast(m.id, 'telegram:u1', T1)));
    const removed = results.filter((r) => r !== null).map((r) => r!.seq);
    // However the race goes, what the calls report is exactly what was removed.
    expect(new Set(removed).size).toBe(removed.length);
    const standing = (await store.minutes.captures(m.id)).map((c) => c.seq);
    expect([...standing, ...removed].sort()).toEqual([1, 2, 3]);
  });

  it('captures() lists only standing lines, in order', async () => {
    const { cellId } = await makeCell();
    const m = await meetingOf(cellId);
    expect(await store.minutes.captures(m.id)).toEqual([]);
    await store.minutes.capture(m.id, line('một'), T0);
    await store.minutes.capture(m.id, line('hai', 'telegram:u2'), T0);
    await store.minutes.capture(m.id, line('ba'), T0);
    await store.minutes.undoLast(m.id, 'telegram:u2', T1);
    expect((await store.minutes.captures(m.id)).map((c) => [c.seq, c.text])).toEqual([
      [1, 'một'],
      [3, 'ba'],
    ]);
  });

  it('setText stores the text and a later one replaces it, per meeting', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const other = await meetingOf(cellId);
    expect(await store.minutes.text(m.id)).toBeNull();
    await store.minutes.setText(m.id, 'BIÊN BẢN\nDòng một', founderId, T1);
    expect(await store.minutes.text(m.id)).toBe('BIÊN BẢN\nDòng một');
    await store.minutes.setText(m.id, 'BIÊN BẢN (sửa)\nDòng một\nDòng hai', founderId, T2);
    expect(await store.minutes.text(m.id)).toBe('BIÊN BẢN (sửa)\nDòng một\nDòng hai');
    expect(await store.minutes.text(other.id)).toBeNull();
    expect(await raw.minutesText.findMany({ where: { meetingId: m.id } })).toEqual([
      { meetingId: m.id, text: 'BIÊN BẢN (sửa)\nDòng một\nDòng hai', submittedById: founderId, submittedAt: T2 },
    ]);
  });
});

// ---- drafts ----

describe('minutes: drafts', () => {
  it('createDraft stores a PENDING draft with its content round-tripped', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const d = await store.minutes.createDraft(m.id, draftContent(), 'llm', founderId, T1);
    expect(d).toEqual({ id: expect.any(Number), meetingId: m.id, status: 'PENDING', source: 'llm', content: draftContent(), requestedById: founderId, createdAt: T1 });
    expect(await store.minutes.draft(d.id)).toEqual(d);
    expect(await store.minutes.pendingDraft(m.id)).toEqual(d);
    expect(await store.minutes.approvedDraft(m.id)).toBeNull();
    expect(await store.minutes.draft(d.id + 999)).toBeNull();
  });

  it('createDraft discards an earlier PENDING draft of the same meeting only', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const other = await meetingOf(cellId);
    const first = await store.minutes.createDraft(m.id, draftContent('1'), 'offline', founderId, T0);
    const elsewhere = await store.minutes.createDraft(other.id, draftContent('X'), 'offline', founderId, T0);
    const second = await store.minutes.createDraft(m.id, draftContent('2'), 'llm', founderId, T1);

    expect(await store.minutes.draft(first.id)).toMatchObject({ status: 'DISCARDED', content: draftContent('1') });
    expect(await raw.minutesDraft.findUnique({ where: { id: first.id } })).toMatchObject({ reviewedById: founderId, reviewedAt: T1 });
    expect(await store.minutes.pendingDraft(m.id)).toEqual(second);
    expect(await store.minutes.pendingDraft(other.id)).toEqual(elsewhere);
    expect(await raw.minutesDraft.count({ where: { meetingId: m.id, status: 'PENDING' } })).toBe(1);
    // The discarded draft can no longer be edited, discarded or approved.
    expect(await store.minutes.updateDraft(first.id, draftContent('Z'))).toBe(false);
    expect(await store.minutes.approveDraft(first.id, founderId, T2, [], [task('x')])).toBeNull();
    expect(await raw.task.count()).toBe(0);
  });

  it('updateDraft and discardDraft act only while the draft is PENDING', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const d = await store.minutes.createDraft(m.id, draftContent('1'), 'offline', founderId, T0);

    expect(await store.minutes.updateDraft(d.id, draftContent('sửa'))).toBe(true);
    expect((await store.minutes.draft(d.id))?.content).toEqual(draftContent('sửa'));
    expect(await store.minutes.discardDraft(d.id, founderId, T1)).toBe(true);
    expect(await store.minutes.draft(d.id)).toMatchObject({ status: 'DISCARDED', content: draftContent('sửa') });
    expect(await store.minutes.discardDraft(d.id, founderId, T2)).toBe(false);
    expect(await store.minutes.updateDraft(d.id, draftContent('muộn'))).toBe(false);
    expect((await store.minutes.draft(d.id))?.content).toEqual(draftContent('sửa'));
    expect(await raw.minutesDraft.findUnique({ where: { id: d.id } })).toMatchObject({ reviewedById: founderId, reviewedAt: T1 });
    expect(await store.minutes.pendingDraft(m.id)).toBeNull();

    // Once approved: neither edited nor discarded.
    const e = await store.minutes.createDraft(m.id, draftContent('2'), 'offline', founderId, T2);
    expect(await store.minutes.approveDraft(e.id, founderId, T2, [], [])).toEqual([]);
    expect(await store.minutes.updateDraft(e.id, draftContent('muộn'))).toBe(false);
    expect(await store.minutes.discardDraft(e.id, founderId, T3)).toBe(false);
    expect(await store.minutes.draft(e.id)).toMatchObject({ status: 'APPROVED', content: draftContent('2') });
    expect(await store.minutes.approvedDraft(m.id)).toMatchObject({ id: e.id, status: 'APPROVED' });
    expect(await store.minutes.updateDraft(e.id + 999, draftContent('không có'))).toBe(false);
    expect(await store.minutes.discardDraft(e.id + 999, founderId, T3)).toBe(false);
  });

  it("pendingDraftOfCell returns the cell's newest pending draft, never another cell's", async () => {
    const a = await makeCell();
    const b = await makeCell();
    expect(await store.minutes.pendingDraftOfCell(a.cellId)).toBeNull();
    const a1 = await meetingOf(a.cellId, T2);
    const a2 = await meetingOf(a.cellId, T3);
    const b1 = await meetingOf(b.cellId, T3);

    const older = await store.minutes.createDraft(a1.id, draftContent('a1'), 'offline', a.founderId, T0);
    const newer = await store.minutes.createDraft(a2.id, draftContent('a2'), 'offline', a.founderId, T1);
    const otherCell = await store.minutes.createDraft(b1.id, draftContent('b1'), 'offline', b.founderId, T2);

    expect(await store.minutes.pendingDraftOfCell(a.cellId)).toEqual(newer);
    expect(await store.minutes.pendingDraftOfCell(b.cellId)).toEqual(otherCell);
    // The newer one decided: the older pending draft of the cell is next; then none.
    expect(await store.minutes.discardDraft(newer.id, a.founderId, T2)).toBe(true);
    expect(await store.minutes.pendingDraftOfCell(a.cellId)).toEqual(older);
    expect(await store.minutes.approveDraft(older.id, a.founderId, T2, [], [])).toEqual([]);
    expect(await store.minutes.pendingDraftOfCell(a.cellId)).toBeNull();
    expect(await store.minutes.pendingDraftOfCell(b.cellId)).toEqual(otherCell);
  });
});

// ---- approval ----

describe('minutes.approveDraft', () => {
  it('stores the outcomes in order, numbers the tasks and creates their reminders, in one go', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const d = await store.minutes.createDraft(m.id, draftContent(), 'llm', founderId, T1);
    const outcomes: OutcomeRecord[] = [
      { kind: 'CONCLUSION', text: 'Thống nhất kế hoạch tháng 12', sources: ['T1'] },
      { kind: 'CONCLUSION', text: 'Tổ chức trao Huy hiệu Đảng', sources: ['T2', 'L4'] },
      { kind: 'RESOLUTION', text: '100% đảng viên nộp đảng phí đúng hạn', sources: ['review'] },
    ];
    const r1 = { dueAt: new Date('2026-12-17T01:00:00.000Z'), offsetMinutes: 3 * 24 * 60 };
    const r2 = { dueAt: new Date('2026-12-19T01:00:00.000Z'), offsetMinutes: 24 * 60 };
    const r3 = { dueAt: new Date('2026-12-21T01:00:00.000Z'), offsetMinutes: -24 * 60 };
    const created = await store.minutes.approveDraft(d.id, founderId, T2, outcomes, [
      task('Rà soát hộ nghèo', { ownerId: founderId, ownerName: 'Nguyễn Văn An', dueOn: '2026-12-20', sources: ['T3'], reminders: [r1, r2, r3] }),
      task('Chuẩn bị hội trường', { ownerName: 'Ban công tác Mặt trận', sources: ['L5', 'review'] }),
    ]);

    expect(created).toEqual([
      {
        id: expect.any(Number), cellId, seq: 1, meetingId: m.id, what: 'Rà soát hộ nghèo', ownerId: founderId, ownerName: 'Nguyễn Văn An',
        dueOn: '2026-12-20', status: 'OPEN', sources: ['T3'], createdAt: T2, doneAt: null, doneById: null,
      },
      {
        id: expect.any(Number), cellId, seq: 2, meetingId: m.id, what: 'Chuẩn bị hội trường', ownerId: null, ownerName: 'Ban công tác Mặt trận',
        dueOn: null, status: 'OPEN', sources: ['L5', 'review'], createdAt: T2, doneAt: null, doneById: null,
      },
    ]);
    const [first, second] = created!;
    expect(await store.minutes.outcomes(m.id)).toEqual(outcomes);
    expect(await store.minutes.draft(d.id)).toMatchObject({ status: 'APPROVED' });
    expect(await raw.minutesDraft.findUnique({ where: { id: d.id } })).toMatchObject({ reviewedById: founderId, reviewedAt: T2 });
    expect(await store.minutes.approvedDraft(m.id)).toMatchObject({ id: d.id });
    expect(await store.minutes.pendingDraft(m.id)).toBeNull();
    expect(await store.tasks.ofMeeting(m.id)).toEqual(created);
    expect(await store.tasks.get(first!.id)).toEqual(first);
    expect(await store.tasks.bySeq(cellId, 2)).toEqual(second);
    expect(await store.tasks.bySeq(cellId, 3)).toBeNull();

    const reminders = await raw.reminder.findMany({ where: { meetingId: m.id }, orderBy: { dueAt: 'asc' } });
    expect(reminders.map((r) => ({ taskId: r.taskId, offsetMinutes: r.offsetMinutes, dueAt: r.dueAt, state: r.state }))).toEqual([
      { taskId: first!.id, ...r1, state: 'PENDING' },
      { taskId: first!.id, ...r2, state: 'PENDING' },
      { taskId: first!.id, ...r3, state: 'PENDING' },
    ]);
    expect(new Set(reminders.map((r) => r.id)).size).toBe(3);
  });

  it('numbers tasks per cell, continuing across meetings (1, 2 then 3) and independently in another cell', async () => {
    const a = await makeCell();
    const b = await makeCell();
    const m1 = await meetingOf(a.cellId, T2);
    const m2 = await meetingOf(a.cellId, T3);
    const other = await meetingOf(b.cellId, T3);

    const firstBatch = await approvedTasks(m1.id, a.founderId, [task('Việc một'), task('Việc hai')]);
    const otherBatch = await approvedTasks(other.id, b.founderId, [task('Việc của chi bộ khác')]);
    const secondBatch = await approvedTasks(m2.id, a.founderId, [task('Việc ba')], T3);
    const empty = await approvedTasks(m2.id, a.founderId, [], T3);

    expect(firstBatch.map((x) => [x.seq, x.what])).toEqual([[1, 'Việc một'], [2, 'Việc hai']]);
    expect(secondBatch.map((x) => [x.seq, x.what, x.meetingId])).toEqual([[3, 'Việc ba', m2.id]]);
    expect(otherBatch.map((x) => x.seq)).toEqual([1]);
    expect(empty).toEqual([]);
    expect((await store.tasks.bySeq(a.cellId, 3))?.what).toBe('Việc ba');
    expect((await store.tasks.bySeq(b.cellId, 1))?.what).toBe('Việc của chi bộ khác');
    expect(await store.tasks.bySeq(b.cellId, 2)).toBeNull();
  });

  it('is exactly-once: 5 concurrent approvals of one draft, one gets the tasks, the others null, N task rows', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const d = await store.minutes.createDraft(m.id, draftContent(), 'offline', founderId, T1);
    const remind = [{ dueAt: new Date('2026-12-19T01:00:00.000Z'), offsetMinutes: 24 * 60 }];
    const tasks = [task('Việc một', { dueOn: '2026-12-20', reminders: remind }), task('Việc hai'), task('Việc ba')];
    const outcomes: OutcomeRecord[] = [{ kind: 'CONCLUSION', text: 'Kết luận', sources: ['T1'] }];

    const results = await Promise.all([0, 1, 2, 3, 4].map(() => store.minutes.approveDraft(d.id, founderId, T2, outcomes, tasks)));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(4);
    expect(winners[0]!.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(await raw.task.count({ where: { cellId } })).toBe(3);
    expect(await raw.meetingOutcome.count({ where: { meetingId: m.id } })).toBe(1);
    expect(await raw.reminder.count({ where: { meetingId: m.id } })).toBe(1);
    // And a late double click after the race changes nothing.
    expect(await store.minutes.approveDraft(d.id, founderId, T3, outcomes, tasks)).toBeNull();
    expect(await raw.task.count({ where: { cellId } })).toBe(3);
    expect(await store.minutes.outcomes(m.id)).toEqual(outcomes);
  });
});

// ---- tasks ----

describe('tasks', () => {
  it('open lists the open tasks of the cell by deadline, those without one last', async () => {
    const a = await makeCell();
    const b = await makeCell();
    const m = await meetingOf(a.cellId);
    const created = await approvedTasks(m.id, a.founderId, [
      task('Không hạn 1'),
      task('Hạn 20/12', { dueOn: '2026-12-20' }),
      task('Hạn 05/12', { dueOn: '2026-12-05' }),
      task('Không hạn 2'),
      task('Hạn 01/01', { dueOn: '2027-01-01' }),
      task('Đã xong', { dueOn: '2026-12-01' }),
    ]);
    await approvedTasks((await meetingOf(b.cellId)).id, b.founderId, [task('Của chi bộ khác', { dueOn: '2026-11-30' })]);
    expect(await store.tasks.markDone(created[5]!.id, a.founderId, T3)).toBe(true);

    expect((await store.tasks.open(a.cellId)).map((x) => x.what)).toEqual(['Hạn 05/12', 'Hạn 20/12', 'Hạn 01/01', 'Không hạn 1', 'Không hạn 2']);
    expect((await store.tasks.open(b.cellId)).map((x) => x.what)).toEqual(['Của chi bộ khác']);
  });

  it('forReview: open tasks of earlier meetings, and those done since the given time', async () => {
    const { cellId, founderId } = await makeCell();
    const other = await makeCell();
    const october = await meetingOf(cellId, new Date('2026-10-20T01:00:00.000Z'));
    const november = await meetingOf(cellId, new Date('2026-11-20T01:00:00.000Z'));
    const december = await meetingOf(cellId, new Date('2026-12-20T01:00:00.000Z'));
    const [stillOpen, doneLongAgo, doneRecently] = await approvedTasks(october.id, founderId, [task('Tháng 10 còn mở'), task('Tháng 10 xong sớm'), task('Tháng 10 xong gần đây')]);
    const [novOpen, novDone] = await approvedTasks(november.id, founderId, [task('Tháng 11 còn mở'), task('Tháng 11 xong')]);
    await approvedTasks(december.id, founderId, [task('Tháng 12 (cuộc họp đang kiểm điểm)')]);
    await approvedTasks((await meetingOf(other.cellId, new Date('2026-10-20T01:00:00.000Z'))).id, other.founderId, [task('Chi bộ khác')]);

    const since = new Date('2026-11-20T01:00:00.000Z');
    expect(await store.tasks.markDone(doneLongAgo!.id, founderId, new Date('2026-11-01T01:00:00.000Z'))).toBe(true);
    expect(await store.tasks.markDone(doneRecently!.id, founderId, new Date('2026-12-01T01:00:00.000Z'))).toBe(true);
    expect(await store.tasks.markDone(novDone!.id, founderId, since)).toBe(true);

    const review = await store.tasks.forReview(cellId, december.startsAt, since);
    expect(review.map((x) => x.what)).toEqual(['Tháng 10 còn mở', 'Tháng 10 xong gần đây', 'Tháng 11 còn mở', 'Tháng 11 xong']);
    expect(review.map((x) => x.id)).toEqual([stillOpen!.id, doneRecently!.id, novOpen!.id, novDone!.id]);
    expect(review.find((x) => x.id === doneRecently!.id)).toMatchObject({ status: 'DONE', doneById: founderId });
    // Reviewing at the November meeting: only October's tasks, open or done since then.
    expect((await store.tasks.forReview(cellId, november.startsAt, october.startsAt)).map((x) => x.what)).toEqual([
      'Tháng 10 còn mở', 'Tháng 10 xong sớm', 'Tháng 10 xong gần đây',
    ]);
    expect(await store.tasks.forReview(cellId, october.startsAt, new Date(0))).toEqual([]);
  });

  it("markDone is once-only and deletes only that task's PENDING reminders", async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId, T3, planned(T3, [60]));
    const reminders = (offsets: number[]) => offsets.map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(T3.getTime() + 10 * DAY - offsetMinutes * MINUTE) }));
    const [done, kept] = await approvedTasks(m.id, founderId, [
      task('Sẽ xong', { dueOn: '2026-12-04', reminders: reminders([3 * 24 * 60, 24 * 60, -24 * 60]) }),
      task('Còn mở', { dueOn: '2026-12-04', reminders: reminders([3 * 24 * 60, 24 * 60]) }),
    ]);
    const sent = await raw.reminder.findFirstOrThrow({ where: { taskId: done!.id, offsetMinutes: 3 * 24 * 60 } });
    await store.reminders.finish(sent.id, 'SENT', T3);

    const at = new Date(T3.getTime() + DAY);
    expect(await store.tasks.markDone(done!.id, founderId, at)).toBe(true);
    expect(await store.tasks.markDone(done!.id, founderId, new Date(at.getTime() + HOUR))).toBe(false);
    expect(await store.tasks.get(done!.id)).toMatchObject({ status: 'DONE', doneAt: at, doneById: founderId });
    // The reminder already sent stays on record; the pending ones are gone.
    expect((await raw.reminder.findMany({ where: { taskId: done!.id } })).map((r) => [r.id, r.state])).toEqual([[sent.id, 'SENT']]);
    // The other task's reminders and the meeting's own are untouched.
    expect(await raw.reminder.count({ where: { taskId: kept!.id, state: 'PENDING' } })).toBe(2);
    expect(await raw.reminder.count({ where: { meetingId: m.id, taskId: null, state: 'PENDING' } })).toBe(1);
    expect(await store.tasks.get(kept!.id)).toMatchObject({ status: 'OPEN', doneAt: null });
    expect(await store.tasks.markDone(kept!.id + 999, founderId, at)).toBe(false);
  });

  it('concurrent markDone of one task: exactly one succeeds', async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId);
    const [only] = await approvedTasks(m.id, founderId, [task('Một việc')]);
    const results = await Promise.all([0, 1, 2].map((i) => store.tasks.markDone(only!.id, founderId, new Date(T3.getTime() + i * MINUTE))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.tasks.get(only!.id)).toMatchObject({ status: 'DONE' });
  });
});

// ---- reminders of meetings and of tasks ----

describe('reminders: meetings and tasks apart', () => {
  const NOW = new Date('2026-12-10T10:00:00.000Z');
  const STALE = new Date(NOW.getTime() - 5 * MINUTE);

  it("due(…, 'task') returns only task reminders (with taskId) and due(…, 'meeting') only the meeting's own", async () => {
    const { cellId, founderId } = await makeCell();
    const startsAt = new Date(NOW.getTime() + 30 * MINUTE);
    const m = await meetingOf(cellId, startsAt, planned(startsAt, [24 * 60, 60]));
    const [withReminders, future] = await approvedTasks(m.id, founderId, [
      task('Có nhắc', { dueOn: '2026-12-11', reminders: [{ dueAt: new Date(NOW.getTime() - 2 * HOUR), offsetMinutes: 3 * 24 * 60 }, { dueAt: new Date(NOW.getTime() - HOUR), offsetMinutes: 24 * 60 }] }),
      task('Nhắc sau', { dueOn: '2026-12-30', reminders: [{ dueAt: new Date(NOW.getTime() + 5 * DAY), offsetMinutes: 24 * 60 }] }),
    ]);

    const meetingDue = await store.reminders.due(NOW, STALE, 100, 'meeting');
    expect(meetingDue.map((r) => ({ meetingId: r.meetingId, cellId: r.cellId, offsetMinutes: r.offsetMinutes, taskId: r.taskId }))).toEqual([
      { meetingId: m.id, cellId, offsetMinutes: 24 * 60, taskId: null },
      { meetingId: m.id, cellId, offsetMinutes: 60, taskId: null },
    ]);

    const taskDue = await store.reminders.due(NOW, STALE, 100, 'task');
    expect(taskDue.map((r) => ({ meetingId: r.meetingId, cellId: r.cellId, offsetMinutes: r.offsetMinutes, taskId: r.taskId }))).toEqual([
      { meetingId: m.id, cellId, offsetMinutes: 3 * 24 * 60, taskId: withReminders!.id },
      { meetingId: m.id, cellId, offsetMinutes: 24 * 60, taskId: withReminders!.id },
    ]);
    expect(taskDue.every((r) => r.taskId !== null)).toBe(true);
    expect(taskDue.some((r) => r.taskId === future!.id)).toBe(false);
    expect((await store.reminders.due(NOW, STALE, 1, 'task')).map((r) => r.id)).toEqual([taskDue[0]!.id]);

    // A claimed task reminder is no longer due; a stale claim is due again, still only as a task reminder.
    expect(await store.reminders.claim(taskDue[0]!.id, 'p1', NOW, STALE)).toBe(true);
    expect((await store.reminders.due(NOW, STALE, 100, 'task')).map((r) => r.id)).toEqual([taskDue[1]!.id]);
    const later = new Date(NOW.getTime() + HOUR);
    expect((await store.reminders.due(later, new Date(later.getTime() - 5 * MINUTE), 100, 'task')).map((r) => r.id)).toEqual([taskDue[0]!.id, taskDue[1]!.id]);
    expect((await store.reminders.due(later, new Date(later.getTime() - 5 * MINUTE), 100, 'meeting')).map((r) => r.taskId)).toEqual([null, null]);
  });

  it("meetings.replaceReminders does not delete a task's reminders of the same meeting", async () => {
    const { cellId, founderId } = await makeCell();
    const m = await meetingOf(cellId, T3, planned(T3, [3 * 24 * 60, 60]));
    const [x] = await approvedTasks(m.id, founderId, [
      task('Có nhắc', { dueOn: '2026-12-20', reminders: [{ dueAt: new Date('2026-12-17T01:00:00.000Z'), offsetMinutes: 3 * 24 * 60 }, { dueAt: new Date('2026-12-19T01:00:00.000Z'), offsetMinutes: 24 * 60 }] }),
    ]);
    const taskReminderIds = (await raw.reminder.findMany({ where: { taskId: x!.id }, orderBy: { dueAt: 'asc' } })).map((r) => r.id);
    expect(taskReminderIds).toHaveLength(2);

    const moved = new Date(T3.getTime() + 2 * DAY);
    await store.meetings.replaceReminders(m.id, planned(moved, [24 * 60]));
    const rows = await raw.reminder.findMany({ where: { meetingId: m.id }, orderBy: { dueAt: 'asc' } });
    expect(rows.filter((r) => r.taskId === null).map((r) => ({ offsetMinutes: r.offsetMinutes, dueAt: r.dueAt, state: r.state }))).toEqual([
      { offsetMinutes: 24 * 60, dueAt: new Date(moved.getTime() - DAY), state: 'PENDING' },
    ]);
    expect(rows.filter((r) => r.taskId === x!.id).map((r) => r.id)).toEqual(taskReminderIds);
    expect(rows.filter((r) => r.taskId !== null).every((r) => r.state === 'PENDING')).toBe(true);

    await store.meetings.replaceReminders(m.id, []);
    expect(await raw.reminder.count({ where: { meetingId: m.id, taskId: null } })).toBe(0);
    expect(await raw.reminder.count({ where: { meetingId: m.id, taskId: x!.id, state: 'PENDING' } })).toBe(2);
  });
});
