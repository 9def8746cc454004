// A steady-state world for the scheduler-growth benchmark: many cells, each with its roll, its monthly
// meetings over past and coming months in every status, their reminders, attendance, prompts and
// history, tasks with their reminders, closed votes, recent processed events and the chi ủy's flags
// already sent — everything the scheduler's jobs read — of which exactly `due` items fall due at `now`.
// The rows are what the app itself would have written (same formats, same rules), inserted in bulk.
import { randomUUID } from 'node:crypto';
import { addDays, holidaysBetween, isoDate, nextRuleOccurrence, nextWorkingDay, quarterOf, ruleDate, type MonthlyRule } from '../../src/domain/calendar.ts';
import { nameKey } from '../../src/domain/names.ts';
import { DEFAULT_REMINDER_OFFSETS_MINUTES } from '../../src/domain/reminders.ts';
import { OVERDUE_OFFSET, planTaskReminders } from '../../src/domain/minutes.ts';
import { vietnamDate, vietnamInstant } from '../../src/domain/time.ts';
import { DRAFT_LEAD_DAYS } from '../../src/app/meetings.ts';
import { PROCESSED_EVENT_RETENTION_MS } from '../../src/app/housekeeping.ts';
import type { RawDb, Value } from './scheduler-raw.ts';

export const CHANNEL = 'memory';
/** Months of history each cell has (plus the current and, when drafted, the next one). */
const HISTORY_MONTHS = 16;
/** Roll of each cell: 11 current members and one removed (history keeps removed members). */
const ROLL = 12;
const LINKED = new Set([1, 4, 5, 6, 7, 8, 9, 10]); // the bí thư and most members; phó bí thư and chi ủy viên are not
const PROCESSED_EVENTS_PER_CELL = 30;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DueItems {
  /** 1-hour reminders of meetings that start in 59 minutes. */
  meetingReminders: string[];
  /** Task reminders due this morning: the owner's "1 day left", or the chi ủy's "overdue" notice. */
  taskReminders: string[];
  /** Open votes whose deadline passed a minute ago, and the ballot prompt each one closes. */
  votes: number[];
  votePrompts: string[];
  /** Processed-event ids past the retention: housekeeping deletes them (sends nothing). */
  expiredEvents: string[];
}

export interface SeededWorld {
  cells: number;
  counts: Record<string, number>;
  /** Meetings by status and reminders by state, to show the spread. */
  spread: Record<string, number>;
  due: DueItems;
  /** Messages one tick must send: one per due reminder and per closed vote. */
  expectedMessages: number;
}

type MeetingKind = 'THUONG_KY' | 'CHUYEN_DE' | 'KET_HOP' | 'BAT_THUONG';
type MeetingStatus = 'DRAFT' | 'SCHEDULED' | 'IN_PROGRESS' | 'CLOSED' | 'CANCELLED';
type DueRole = 'none' | 'reminder' | 'vote';

interface PlannedMeeting {
  cell: number;
  kind: MeetingKind;
  status: MeetingStatus;
  startsAt: Date;
  createdAt: Date;
  ruleMonth: string | null;
  due: DueRole;
  /** May be dropped to reach the exact size (old history only). */
  trimmable: boolean;
  id?: number;
  seq?: number;
}

const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Phương', 'Quang', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Vân'];
const FAMILY = ['Nguyễn Văn', 'Trần Thị', 'Lê Văn', 'Phạm Thị', 'Hoàng Văn', 'Huỳnh Thị', 'Phan Văn', 'Vũ Thị', 'Võ Văn', 'Đặng Thị', 'Bùi Văn', 'Đỗ Thị'];
const RULE_TIMES = ['07:30', '14:00', '19:30'];

const memberId = (cell: number, k: number) => (cell - 1) * ROLL + k;
const roleOf = (k: number) => (k === 1 ? 'BI_THU' : k === 2 ? 'PHO_BI_THU' : k === 3 ? 'CHI_UY_VIEN' : 'DANG_VIEN');
const membershipOf = (k: number) => (k === 10 ? 'DU_BI' : 'CHINH_THUC');
const statusOf = (k: number) => (k === 11 ? 'EXEMPT' : 'ACTIVE');
/** Members obliged to attend (ACTIVE, on the roll). */
const OBLIGED = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const externalId = (cell: number, k: number) => `c${cell}-m${k}`;
const fullName = (cell: number, k: number) => `${FAMILY[(cell + k) % FAMILY.length]} ${GIVEN[(cell * 7 + k * 3) % GIVEN.length]} ${k}`;
const ruleOf = (cell: number): (MonthlyRule & { place: string }) | null =>
  cell % 10 === 0 ? null : { dayOfMonth: 1 + ((cell * 7) % 28), time: RULE_TIMES[cell % 3]!, shiftToWorkingDay: true, place: 'Hội trường khu phố' };
let promptCounter = 0;
/** Eight base64url characters like the app's randomBytes(6) ids, without a system call per prompt. */
const promptId = () => {
  const n = ++promptCounter;
  return Buffer.from([pick(n, 1) & 255, pick(n, 2) & 255, pick(n, 3) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]).toString('base64url');
};
const monthKey = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const addMonths = (y: number, m: number, n: number): [number, number] => {
  const t = y * 12 + (m - 1) + n;
  return [Math.floor(t / 12), (t % 12) + 1];
};
/** A small deterministic hash, so the world is the same on every run and every database. */
const pick = (...xs: number[]) => xs.reduce((h, x) => (Math.imul(h ^ x, 2654435761) >>> 0) % 1_000_003, 17);

/** Buffers rows per table and writes them parents first, so foreign keys hold at every flush. */
class BulkWriter {
  private readonly buffers = new Map<string, { columns: readonly string[]; rows: Value[][] }>();
  readonly counts: Record<string, number> = {};
  private buffered = 0;
  constructor(private readonly raw: RawDb, private readonly order: readonly string[]) {
    for (const table of order) this.counts[table] = 0;
  }
  async add(table: string, columns: readonly string[], row: Value[]) {
    let buffer = this.buffers.get(table);
    if (!buffer) this.buffers.set(table, (buffer = { columns, rows: [] }));
    buffer.rows.push(row);
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    if (++this.buffered >= 100_000) await this.flush();
  }
  async flush() {
    for (const table of this.order) {
      const buffer = this.buffers.get(table);
      if (buffer?.rows.length) await this.raw.insert(table, buffer.columns, buffer.rows);
      if (buffer) buffer.rows = [];
    }
    this.buffered = 0;
  }
}

const TABLES = [
  'Organisation', 'Cell', 'ChatBinding', 'Member', 'MemberIdentity', 'CellSettings', 'CellHoliday', 'Meeting', 'MeetingEvent', 'MeetingAttendance',
  'Prompt', 'Task', 'Reminder', 'Vote', 'VoteEligible', 'OpenBallot', 'CellAlert', 'ProcessedEvent',
] as const;

const C = {
  Organisation: ['id', 'name', 'nameKey', 'kind', 'parentId', 'parentKey', 'createdAt'],
  Cell: ['id', 'name', 'organisationId', 'createdAt'],
  ChatBinding: ['id', 'cellId', 'channel', 'chatId', 'title', 'createdAt'],
  Member: ['id', 'cellId', 'seq', 'fullName', 'nameKey', 'activeNameKey', 'membership', 'status', 'role', 'phone', 'admittedOn', 'createdAt', 'updatedAt', 'removedAt'],
  MemberIdentity: ['id', 'cellId', 'memberId', 'channel', 'externalId', 'displayName', 'linkedAt', 'linkedById'],
  CellHoliday: ['id', 'cellId', 'date', 'label', 'off'],
  CellSettings: ['cellId', 'ruleDay', 'ruleTime', 'ruleShift', 'rulePlace', 'reminderOffsets', 'minMeetingMinutes', 'electronicSecretBallot', 'summariseWithLlm', 'updatedAt'],
  Meeting: ['id', 'cellId', 'seq', 'kind', 'topic', 'status', 'startsAt', 'place', 'agenda', 'chairId', 'minuteTakerId', 'ruleMonth', 'startedAt', 'endedAt', 'createdById', 'createdAt', 'updatedAt'],
  MeetingEvent: ['meetingId', 'action', 'detail', 'actorId', 'at'],
  MeetingAttendance: ['meetingId', 'memberId', 'rsvp', 'rsvpReason', 'rsvpById', 'rsvpAt', 'attendance', 'reason', 'markedById', 'markedAt', 'excuseApproved', 'excuseApprovedById'],
  Prompt: ['id', 'cellId', 'channel', 'chatId', 'chatKind', 'messageId', 'kind', 'payload', 'subject', 'awaitUserId', 'createdAt', 'closedAt'],
  Task: ['id', 'cellId', 'seq', 'meetingId', 'what', 'ownerId', 'ownerName', 'dueOn', 'status', 'sources', 'createdAt', 'doneAt', 'doneById'],
  Reminder: ['id', 'meetingId', 'offsetMinutes', 'dueAt', 'state', 'claimedAt', 'claimedBy', 'doneAt', 'taskId'],
  Vote: ['id', 'cellId', 'meetingId', 'seq', 'kind', 'form', 'subject', 'options', 'mode', 'aboutMemberId', 'seats', 'round', 'threshold', 'base', 'status', 'openedById', 'openedAt', 'closesAt', 'closedAt', 'result', 'progress'],
  VoteEligible: ['voteId', 'memberId'],
  OpenBallot: ['voteId', 'memberId', 'choice', 'at'],
  CellAlert: ['cellId', 'key', 'at'],
  ProcessedEvent: ['channel', 'eventId', 'processedAt'],
} as const satisfies Record<(typeof TABLES)[number], readonly string[]>;

/** Tables with an autoincrement id: PostgreSQL's sequences must follow the explicit ids written here. */
const SERIAL_TABLES = ['Organisation', 'Cell', 'ChatBinding', 'Member', 'MemberIdentity', 'CellHoliday', 'Meeting', 'MeetingEvent', 'Task', 'Vote'];

/** Plans each cell's meetings (about 21 a cell) so the monthly rule and the quarterly check find nothing to do. */
function planCell(cell: number, now: Date, holidays: ReadonlySet<string>): PlannedMeeting[] {
  const today = vietnamDate(now);
  const rule = ruleOf(cell);
  const [cy, cm] = today.split('-').map(Number) as [number, number];
  const meetings: PlannedMeeting[] = [];
  const statusAt = (startsAt: Date, salt: number): MeetingStatus => {
    if (startsAt.getTime() > now.getTime()) return 'SCHEDULED';
    if (startsAt.getTime() > now.getTime() - 3 * HOUR) return 'IN_PROGRESS'; // began this morning and is being held
    return pick(cell, salt) % 19 === 0 ? 'CANCELLED' : 'CLOSED';
  };
  // The months the monthly rule has drafted by now: history up to this month, and next month's when it
  // falls within the drafting lead (what draftFromRule would otherwise draft on this very tick).
  let lastMonth: [number, number] = [cy, cm];
  if (rule) {
    let next = nextRuleOccurrence(rule, today, holidays);
    if (vietnamInstant(next.date, rule.time).getTime() <= now.getTime()) {
      const [ny, nm] = addMonths(cy, cm, 1);
      next = { month: monthKey(ny, nm), date: ruleDate(rule, ny, nm, holidays) };
    }
    const [ny, nm] = next.month.split('-').map(Number) as [number, number];
    if (next.date <= addDays(today, DRAFT_LEAD_DAYS) && ny * 12 + nm > cy * 12 + cm) lastMonth = [ny, nm];
  }
  const thematicStyle = cell % 3; // 1: a separate thematic meeting each quarter, 2: combined with a monthly one, 0: none
  for (let back = HISTORY_MONTHS; ; back--) {
    const [y, m] = addMonths(cy, cm, -back);
    if (y * 12 + m > lastMonth[0] * 12 + lastMonth[1]) break;
    const date = rule ? ruleDate(rule, y, m, holidays) : nextWorkingDay(isoDate(y, m, 15), holidays);
    const startsAt = vietnamInstant(date, rule?.time ?? '19:30');
    const midQuarter = m % 3 === 2;
    let status = statusAt(startsAt, y * 12 + m);
    // A drafted meeting waits for the secretary's confirmation in some cells.
    if (status === 'SCHEDULED' && rule && pick(cell, 4) % 3 === 0 && startsAt.getTime() - now.getTime() > 3 * DAY) status = 'DRAFT';
    meetings.push({
      cell, kind: thematicStyle === 2 && midQuarter ? 'KET_HOP' : 'THUONG_KY', status, startsAt,
      createdAt: new Date(startsAt.getTime() - (rule ? DRAFT_LEAD_DAYS : 10) * DAY),
      ruleMonth: rule ? monthKey(y, m) : null, due: 'none', trimmable: back > 6,
    });
    if (thematicStyle === 1 && midQuarter) {
      const startsAt = vietnamInstant(nextWorkingDay(isoDate(y, m, 24), holidays), '19:30');
      if (startsAt.getTime() < now.getTime() + 14 * DAY) {
        meetings.push({ cell, kind: 'CHUYEN_DE', status: statusAt(startsAt, y * 12 + m + 7), startsAt, createdAt: new Date(startsAt.getTime() - 12 * DAY), ruleMonth: null, due: 'none', trimmable: back > 6 });
      }
    }
    // An extraordinary meeting now and then, some of them called off.
    if (pick(cell, y, m) % 8 === 0 && back > 0) {
      const startsAt = vietnamInstant(nextWorkingDay(isoDate(y, m, 8), holidays), '14:00');
      const status: MeetingStatus = pick(cell, m, 3) % 3 === 0 ? 'CANCELLED' : 'CLOSED';
      meetings.push({ cell, kind: 'BAT_THUONG', status, startsAt, createdAt: new Date(startsAt.getTime() - 5 * DAY), ruleMonth: null, due: 'none', trimmable: back > 6 });
    }
  }
  return meetings;
}

/** Re-arms the due items: the same rows fall due again at the same `now` (the clock does not move). */
export async function rearm(raw: RawDb, due: DueItems, now: Date): Promise<void> {
  const ids = [...due.meetingReminders, ...due.taskReminders];
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  if (ids.length) {
    await raw.run(`UPDATE "Reminder" SET "state" = 'PENDING', "claimedAt" = NULL, "claimedBy" = NULL, "doneAt" = NULL WHERE "id" IN (${list(ids.length)})`, ids);
  }
  if (due.votes.length) {
    await raw.run(`UPDATE "Vote" SET "status" = 'OPEN', "closedAt" = NULL, "result" = NULL WHERE "id" IN (${list(due.votes.length)})`, due.votes);
    await raw.run(`UPDATE "Prompt" SET "closedAt" = NULL WHERE "id" IN (${list(due.votePrompts.length)})`, due.votePrompts);
  }
  if (due.expiredEvents.length) {
    await raw.run(`DELETE FROM "ProcessedEvent" WHERE "channel" = ? AND "eventId" IN (${list(due.expiredEvents.length)})`, [CHANNEL, ...due.expiredEvents]);
    const expired = new Date(now.getTime() - PROCESSED_EVENT_RETENTION_MS - HOUR);
    await raw.insert('ProcessedEvent', C.ProcessedEvent, due.expiredEvents.map((id, i) => [CHANNEL, id, new Date(expired.getTime() - i * MINUTE)]));
  }
}

/** What one tick left behind: how many due items it really handled (read back from the database). */
export async function handled(raw: RawDb, due: DueItems): Promise<{ reminders: number; votes: number; eventsLeft: number }> {
  const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const ids = [...due.meetingReminders, ...due.taskReminders];
  const count = async (sql: string, params: Value[]) => Number((await raw.all<{ n: number | string }>(sql, params))[0]?.n ?? 0);
  return {
    reminders: ids.length ? await count(`SELECT COUNT(*) AS n FROM "Reminder" WHERE "state" = 'SENT' AND "id" IN (${list(ids.length)})`, ids) : 0,
    votes: due.votes.length ? await count(`SELECT COUNT(*) AS n FROM "Vote" WHERE "status" = 'CLOSED' AND "result" IS NOT NULL AND "id" IN (${list(due.votes.length)})`, due.votes) : 0,
    eventsLeft: due.expiredEvents.length
      ? await count(`SELECT COUNT(*) AS n FROM "ProcessedEvent" WHERE "channel" = ? AND "eventId" IN (${list(due.expiredEvents.length)})`, [CHANNEL, ...due.expiredEvents])
      : 0,
  };
}

/**
 * Seeds exactly `meetings` meetings (one cell per about 21) and what hangs off them; `due` of the
 * reminders and vote deadlines are due at `now`, split evenly over meeting reminders, task reminders and
 * vote deadlines. Nothing else is due: every other reminder was sent or lies ahead, every cell's next
 * monthly meeting is drafted, every quarter without a thematic meeting was already flagged.
 */
export async function seedSchedulerWorld(raw: RawDb, { meetings: size, due, now }: { meetings: number; due: number; now: Date }): Promise<SeededWorld> {
  const today = vietnamDate(now);
  const holidays = new Set(holidaysBetween(addDays(today, -(HISTORY_MONTHS + 2) * 31), addDays(today, 400)).map((h) => h.date));
  const kinds = Array.from({ length: due }, (_, i) => (['reminder', 'task', 'vote'] as const)[i % 3]);
  const dueMeetings = kinds.filter((k) => k === 'reminder').length;
  const dueTasks = kinds.filter((k) => k === 'task').length;
  const dueVotes = kinds.filter((k) => k === 'vote').length;

  // ---- meetings: plan per cell, add the due ones, then reach the exact size ----
  const cells = Math.max(1, Math.round(size / 21));
  const perCell = Array.from({ length: cells }, (_, i) => planCell(i + 1, now, holidays));
  for (let i = 0; i < dueMeetings; i++) {
    const cell = 1 + ((i * 7) % cells);
    const startsAt = new Date(now.getTime() + 59 * MINUTE);
    perCell[cell - 1]!.push({ cell, kind: 'BAT_THUONG', status: 'SCHEDULED', startsAt, createdAt: new Date(now.getTime() - 5 * DAY), ruleMonth: null, due: 'reminder', trimmable: false });
  }
  // Votes are held at a meeting in progress: one per cell that has a due vote.
  const voteCells = [...new Set(Array.from({ length: dueVotes }, (_, i) => 1 + ((i * 7 + 3) % cells)))];
  for (const cell of voteCells) {
    const list = perCell[cell - 1]!;
    // A cell holds one meeting at a time: a monthly meeting being held this morning serves.
    const held = list.find((m) => m.status === 'IN_PROGRESS');
    if (held) held.due = 'vote';
    else list.push({ cell, kind: 'BAT_THUONG', status: 'IN_PROGRESS', startsAt: new Date(now.getTime() - 45 * MINUTE), createdAt: new Date(now.getTime() - 3 * DAY), ruleMonth: null, due: 'vote', trimmable: false });
  }
  let total = perCell.reduce((n, list) => n + list.length, 0);
  for (let c = 0; total > size; c = (c + 1) % cells) {
    const list = perCell[c]!;
    const oldest = list.reduce<number>((best, m, i) => (m.trimmable && (best < 0 || m.startsAt < list[best]!.startsAt) ? i : best), -1);
    if (oldest >= 0) {
      list.splice(oldest, 1);
      total--;
    } else if (perCell.every((l) => !l.some((m) => m.trimmable))) {
      throw new Error(`${size} meetings are too few for ${due} due items over ${cells} cells`);
    }
  }
  for (let c = 0, extra = 0; total < size; c = (c + 1) % cells, extra++) {
    // More history: extraordinary meetings in past months, all held.
    const startsAt = vietnamInstant(nextWorkingDay(addDays(today, -30 - ((extra * 37) % (HISTORY_MONTHS * 30))), holidays), '14:00');
    perCell[c]!.push({ cell: c + 1, kind: 'BAT_THUONG', status: 'CLOSED', startsAt, createdAt: new Date(startsAt.getTime() - 5 * DAY), ruleMonth: null, due: 'none', trimmable: false });
    total++;
  }
  // Nothing was created in the future (a meeting far ahead was announced early).
  for (const m of perCell.flat()) if (m.createdAt.getTime() > now.getTime() - HOUR) m.createdAt = new Date(now.getTime() - HOUR);
  // Ids in creation order across cells, numbers in creation order within a cell (what the app does).
  const all = perCell.flat().sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.cell - b.cell);
  const seqOf = new Map<number, number>();
  all.forEach((m, i) => {
    m.id = i + 1;
    m.seq = (seqOf.get(m.cell) ?? 0) + 1;
    seqOf.set(m.cell, m.seq);
  });

  // Foreign-key triggers fire per row and are most of PostgreSQL's insert cost; parents are written first
  // anyway. Needs a superuser (the benchmark's local server); without one the checks simply run.
  const fkOff = raw.kind === 'postgresql' && (await raw.run('SET session_replication_role = replica').then(() => true, () => false));
  const w = new BulkWriter(raw, TABLES);
  const dueItems: DueItems = { meetingReminders: [], taskReminders: [], votes: [], votePrompts: [], expiredEvents: [] };
  const start = new Date(now.getTime() - (HISTORY_MONTHS + 3) * 31 * DAY);

  // ---- cells, rolls, chats, settings ----
  for (let o = 1; o <= Math.ceil(cells / 10); o++) {
    const name = `Đảng bộ phường ${o}`;
    await w.add('Organisation', C.Organisation, [o, name, nameKey(name), 'DANG_BO', null, 0, start]);
  }
  for (let cell = 1; cell <= cells; cell++) {
    await w.add('Cell', C.Cell, [cell, `Chi bộ khu phố ${cell}`, Math.ceil(cell / 10), start]);
    await w.add('ChatBinding', C.ChatBinding, [cell, cell, CHANNEL, `group-${cell}`, `Chi bộ khu phố ${cell}`, start]);
    for (let k = 1; k <= ROLL; k++) {
      const name = fullName(cell, k);
      const removed = k === ROLL ? new Date(now.getTime() - 200 * DAY) : null;
      await w.add('Member', C.Member, [
        memberId(cell, k), cell, k, name, nameKey(name), removed ? null : nameKey(name), membershipOf(k), statusOf(k), roleOf(k),
        k % 3 === 0 ? `09${String(10_000_000 + cell * 100 + k).slice(-8)}` : null, k === 10 ? addDays(today, -200) : '2015-05-19', start, start, removed,
      ]);
      if (LINKED.has(k)) await w.add('MemberIdentity', C.MemberIdentity, [memberId(cell, k), cell, memberId(cell, k), CHANNEL, externalId(cell, k), name, start, memberId(cell, 1)]);
    }
    const rule = ruleOf(cell);
    if (rule) await w.add('CellSettings', C.CellSettings, [cell, rule.dayOfMonth, rule.time, true, rule.place, null, null, false, true, start]);
    if (cell % 5 === 0) {
      // A cell's own days off (/ngaynghi), away from the months the rule is drafting now.
      await w.add('CellHoliday', C.CellHoliday, [2 * (cell / 5) - 1, cell, `${Number(today.slice(0, 4)) - 1}-04-10`, 'Ngày hội khu phố', true]);
      await w.add('CellHoliday', C.CellHoliday, [2 * (cell / 5), cell, `${Number(today.slice(0, 4)) + 1}-04-10`, 'Ngày hội khu phố', true]);
    }
    for (let i = 0; i < PROCESSED_EVENTS_PER_CELL; i++) {
      await w.add('ProcessedEvent', C.ProcessedEvent, [CHANNEL, `c${cell}-e${i}`, new Date(now.getTime() - (pick(cell, i) % (29 * 24)) * HOUR)]);
    }
  }
  for (let i = 0; i < due; i++) {
    // As many processed events as items pass the retention each tick: housekeeping has work of a fixed size too.
    dueItems.expiredEvents.push(`expired-${i}`);
    await w.add('ProcessedEvent', C.ProcessedEvent, [CHANNEL, `expired-${i}`, new Date(now.getTime() - PROCESSED_EVENT_RETENTION_MS - HOUR - i * MINUTE)]);
  }

  // ---- meetings and what hangs off them ----
  let taskId = 0;
  let voteId = 0;
  const taskSeq = new Map<number, number>();
  const lastClosed = new Map<number, PlannedMeeting>();
  const voteSeq = new Map<number, number>();
  const spread: Record<string, number> = {};
  for (const m of all) spread[m.status] = (spread[m.status] ?? 0) + 1;
  const reminder = (meetingId: number, offsetMinutes: number, dueAt: Date, state: 'PENDING' | 'SENT' | 'SKIPPED', task: number | null, id: string = randomUUID()) => {
    spread[`reminders ${state}`] = (spread[`reminders ${state}`] ?? 0) + 1;
    return w.add('Reminder', C.Reminder, state === 'PENDING'
      ? [id, meetingId, offsetMinutes, dueAt, state, null, null, null, task]
      : [id, meetingId, offsetMinutes, dueAt, state, new Date(dueAt.getTime() + 30_000), 'seed', new Date(dueAt.getTime() + 31_000), task]);
  };
  const prompt = (cell: number, kind: string, payload: unknown, subject: string, createdAt: Date, closedAt: Date | null, id = promptId()) =>
    w.add('Prompt', C.Prompt, [id, cell, CHANNEL, `group-${cell}`, 'group', String(pick(cell, createdAt.getTime() % 1_000_000)), kind, JSON.stringify(payload), subject, null, createdAt, closedAt]);

  for (const m of all) {
    const id = m.id!;
    const cell = m.cell;
    const secretary = memberId(cell, 1);
    const held = m.status === 'CLOSED' || m.status === 'IN_PROGRESS';
    const startedAt = held ? new Date(Math.min(m.startsAt.getTime() + 5 * MINUTE, now.getTime() - MINUTE)) : null;
    const endedAt = m.status === 'CLOSED' ? new Date(m.startsAt.getTime() + 2 * HOUR) : null;
    const cancelledAt = m.status === 'CANCELLED' ? new Date(m.startsAt.getTime() - 2 * DAY) : null;
    const agenda = JSON.stringify(m.kind === 'CHUYEN_DE' ? ['Sinh hoạt chuyên đề'] : ['Kiểm điểm tháng', 'Nhiệm vụ tháng tới']);
    await w.add('Meeting', C.Meeting, [
      id, cell, m.seq!, m.kind, m.kind === 'CHUYEN_DE' ? 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh' : null, m.status, m.startsAt,
      'Hội trường khu phố', agenda, held ? secretary : null, held ? memberId(cell, 3) : null, m.ruleMonth, startedAt, endedAt,
      m.ruleMonth ? null : secretary, m.createdAt, endedAt ?? cancelledAt ?? startedAt ?? m.createdAt,
    ]);
    await w.add('MeetingEvent', C.MeetingEvent, [id, m.status === 'DRAFT' ? 'draft' : 'schedule', JSON.stringify({ startsAt: m.startsAt }), m.ruleMonth ? null : secretary, m.createdAt]);
    if (startedAt) await w.add('MeetingEvent', C.MeetingEvent, [id, 'start', JSON.stringify({ chairId: secretary }), secretary, startedAt]);
    if (endedAt) await w.add('MeetingEvent', C.MeetingEvent, [id, 'close', 'null', secretary, endedAt]);
    if (cancelledAt) await w.add('MeetingEvent', C.MeetingEvent, [id, 'cancel', JSON.stringify({ reason: null }), secretary, cancelledAt]);

    // The invitation, and at a held meeting the check-in question; both closed once the meeting began.
    if (m.status === 'DRAFT') await prompt(cell, 'meeting.draft', { meetingId: id }, `meeting:${id}`, m.createdAt, null);
    else await prompt(cell, 'meeting.rsvp', { meetingId: id }, `meeting:${id}`, m.createdAt, startedAt ?? cancelledAt);
    if (startedAt) await prompt(cell, 'meeting.checkin', { meetingId: id }, `meeting:${id}`, startedAt, endedAt);

    // Attendance: answers before the meeting, marks at it.
    for (const k of OBLIGED) {
      const mid = memberId(cell, k);
      const roll = pick(id, k) % 20;
      if (m.status === 'CLOSED' || m.status === 'IN_PROGRESS') {
        // Closed: mostly present, some excused (a few excuses approved), one in twenty absent without a word.
        // Being held: most checked in, one excused, one not yet seen.
        const mark = m.status === 'CLOSED' ? (roll === 0 ? 'ABSENT_UNEXCUSED' : roll <= 3 ? 'ABSENT_EXCUSED' : 'PRESENT') : k === 9 ? 'ABSENT_EXCUSED' : k === 10 ? null : 'PRESENT';
        const excused = mark === 'ABSENT_EXCUSED';
        const answered = mark !== 'ABSENT_UNEXCUSED' && mark !== null;
        const approved = excused && roll === 1;
        await w.add('MeetingAttendance', C.MeetingAttendance, [
          id, mid, excused ? 'EXCUSED' : answered ? 'YES' : null, excused ? 'Đi công tác' : null, null, answered ? new Date(m.startsAt.getTime() - 2 * DAY) : null,
          mark, excused ? 'Đi công tác' : null, mark === null ? null : mark === 'PRESENT' ? mid : secretary, mark === null ? null : startedAt,
          approved, approved ? secretary : null,
        ]);
      } else if (m.status === 'SCHEDULED' && (m.due === 'reminder' ? k <= 5 : roll < 10)) {
        await w.add('MeetingAttendance', C.MeetingAttendance, [id, mid, 'YES', null, null, new Date(Math.min(m.createdAt.getTime() + DAY, now.getTime() - HOUR)), null, null, null, null, false, null]);
      }
    }

    // The meeting's reminders (3 days, 1 day, 1 hour before): sent when their time has come, ahead otherwise.
    if (m.status !== 'DRAFT') {
      const cutoff = cancelledAt ?? startedAt ?? now;
      for (const offset of DEFAULT_REMINDER_OFFSETS_MINUTES) {
        const dueAt = new Date(m.startsAt.getTime() - offset * MINUTE);
        if (dueAt.getTime() <= m.createdAt.getTime()) continue; // not planned: its time had passed when announced
        if (m.due === 'reminder' && offset === 60) {
          const rid = randomUUID();
          dueItems.meetingReminders.push(rid);
          await reminder(id, offset, dueAt, 'PENDING', null, rid);
        } else if (dueAt.getTime() <= cutoff.getTime()) {
          await reminder(id, offset, dueAt, pick(id, offset) % 10 === 0 ? 'SKIPPED' : 'SENT', null);
        } else if (m.status === 'SCHEDULED') {
          await reminder(id, offset, dueAt, 'PENDING', null); // cancelled or started meetings lost their pending ones
        }
      }
    }

    if (m.status === 'CLOSED') {
      lastClosed.set(cell, m);
      // A task from the approved minutes of a monthly meeting, reminded 3 and 1 days before and the day after.
      if (m.kind !== 'BAT_THUONG') {
        const tid = ++taskId;
        const seq = (taskSeq.get(cell) ?? 0) + 1;
        taskSeq.set(cell, seq);
        const createdAt = new Date(endedAt!.getTime() + DAY);
        const dueOn = addDays(vietnamDate(m.startsAt), 25 + (pick(tid) % 20));
        const overdue = dueOn < today;
        const done = pick(tid, 5) % 100 < (overdue ? 85 : 30);
        const doneAt = done ? new Date(Math.min(createdAt.getTime() + (vietnamInstant(dueOn, '12:00').getTime() - createdAt.getTime()) * 0.6, now.getTime() - HOUR)) : null;
        const owner = 4 + (tid % 6);
        await w.add('Task', C.Task, [tid, cell, seq, id, 'Vận động đoàn viên tham gia vệ sinh môi trường', memberId(cell, owner), fullName(cell, owner), dueOn, done ? 'DONE' : 'OPEN', '["T1"]', createdAt, doneAt, done ? memberId(cell, owner) : null]);
        for (const r of planTaskReminders(dueOn, createdAt)) {
          const cutoff = doneAt ?? now;
          if (r.dueAt.getTime() <= cutoff.getTime()) await reminder(id, r.offsetMinutes, r.dueAt, 'SENT', tid, `task-${tid}-${r.offsetMinutes}`);
          else if (!done) await reminder(id, r.offsetMinutes, r.dueAt, 'PENDING', tid, `task-${tid}-${r.offsetMinutes}`);
        }
      }
      // A show-of-hands vote at one meeting in four, long closed.
      if (id % 4 === 0) {
        const vid = ++voteId;
        const seq = (voteSeq.get(id) ?? 0) + 1;
        voteSeq.set(id, seq);
        await w.add('Vote', C.Vote, [
          vid, cell, id, seq, 'ORDINARY', 'OPEN', 'Thông qua nghị quyết tháng', '["yes","no","other"]', 'OPEN', null, null, null, 'HALF', 10, 'CLOSED', secretary,
          new Date(endedAt!.getTime() - HOUR), null, new Date(endedAt!.getTime() - 45 * MINUTE),
          JSON.stringify({ passed: true, yes: 8, base: 10, needed: 6, counts: { yes: 8, no: 0, other: 0 }, voted: 8, eligible: 8 }), '[]',
        ]);
        for (const k of OBLIGED.filter((k) => k <= 8)) {
          await w.add('VoteEligible', C.VoteEligible, [vid, memberId(cell, k)]);
          await w.add('OpenBallot', C.OpenBallot, [vid, memberId(cell, k), 'yes', new Date(endedAt!.getTime() - 50 * MINUTE)]);
        }
        await prompt(cell, 'vote.cast', { voteId: vid }, `vote:${vid}`, new Date(endedAt!.getTime() - HOUR), new Date(endedAt!.getTime() - 45 * MINUTE));
      }
    }

    if (m.due === 'vote') {
      // The cell's due votes at this meeting: deadline a minute ago, most present members have voted.
      const count = Array.from({ length: dueVotes }, (_, i) => 1 + ((i * 7 + 3) % cells)).filter((c) => c === cell).length;
      for (let v = 0; v < count; v++) {
        const vid = ++voteId;
        const seq = (voteSeq.get(id) ?? 0) + 1;
        voteSeq.set(id, seq);
        const openedAt = new Date(now.getTime() - 15 * MINUTE);
        await w.add('Vote', C.Vote, [
          vid, cell, id, seq, 'ORDINARY', 'OPEN', `Biểu quyết số ${seq}`, '["yes","no","other"]', 'OPEN', null, null, null, 'HALF', 10, 'OPEN', secretary,
          openedAt, new Date(now.getTime() - MINUTE), null, null, '[]',
        ]);
        for (const k of [1, 2, 3, 4, 5, 6, 7, 8]) {
          await w.add('VoteEligible', C.VoteEligible, [vid, memberId(cell, k)]);
          if (k <= 6) await w.add('OpenBallot', C.OpenBallot, [vid, memberId(cell, k), k === 6 ? 'no' : 'yes', new Date(openedAt.getTime() + k * MINUTE)]);
        }
        const pid = promptId();
        await prompt(cell, 'vote.cast', { voteId: vid }, `vote:${vid}`, openedAt, null, pid);
        dueItems.votes.push(vid);
        dueItems.votePrompts.push(pid);
      }
    }
  }

  // ---- tasks due this morning: "1 day left" to the owner, or "overdue" to the chi ủy ----
  for (let i = 0; i < dueTasks; i++) {
    const cell = 1 + ((i * 7 + 5) % cells);
    const meeting = lastClosed.get(cell) ?? all.find((m) => m.cell === cell && m.status === 'CLOSED');
    if (!meeting) throw new Error(`cell ${cell} has no closed meeting to hang a task on`);
    const tid = ++taskId;
    const seq = (taskSeq.get(cell) ?? 0) + 1;
    taskSeq.set(cell, seq);
    const overdue = i % 2 === 1;
    const dueOn = addDays(today, overdue ? -1 : 1);
    const createdAt = new Date(now.getTime() - 10 * DAY);
    const owner = 4 + (i % 6);
    await w.add('Task', C.Task, [tid, cell, seq, meeting.id!, 'Hoàn thành báo cáo sơ kết', memberId(cell, owner), fullName(cell, owner), dueOn, 'OPEN', '["T2"]', createdAt, null, null]);
    for (const r of planTaskReminders(dueOn, createdAt)) {
      const rid = `task-${tid}-${r.offsetMinutes}`;
      const isDue = overdue ? r.offsetMinutes === OVERDUE_OFFSET : r.offsetMinutes === 24 * 60;
      if (isDue) dueItems.taskReminders.push(rid);
      await reminder(meeting.id!, r.offsetMinutes, r.dueAt, isDue || r.dueAt.getTime() > now.getTime() ? 'PENDING' : 'SENT', tid, rid);
    }
  }

  // ---- the chi ủy's flags already sent: every quarter a cell met without a thematic meeting ----
  const quarters = new Map<string, { met: boolean; thematic: boolean; cell: number; key: string; at: Date }>();
  const thisQuarter = quarterOf(today);
  for (const m of all) {
    if (m.status !== 'CLOSED') continue;
    const q = quarterOf(vietnamDate(m.startsAt));
    if (q.first >= thisQuarter.first) continue;
    const key = `${m.cell}:${q.year}Q${q.quarter}`;
    const entry = quarters.get(key) ?? { met: true, thematic: false, cell: m.cell, key: `thematic:${q.year}Q${q.quarter}`, at: vietnamInstant(addDays(q.last, 1), '08:00') };
    if (m.kind === 'CHUYEN_DE' || m.kind === 'KET_HOP') entry.thematic = true;
    quarters.set(key, entry);
  }
  for (const q of quarters.values()) if (!q.thematic) await w.add('CellAlert', C.CellAlert, [q.cell, q.key, q.at]);
  for (let cell = 7; cell <= cells; cell += 7) await w.add('CellAlert', C.CellAlert, [cell, `unexcused:${today.slice(0, 4)}:${memberId(cell, 8)}`, new Date(now.getTime() - 40 * DAY)]);

  await w.flush();
  if (fkOff) await raw.run('RESET session_replication_role');
  if (raw.kind === 'postgresql') {
    for (const table of SERIAL_TABLES) await raw.all(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT MAX("id") FROM "${table}"))`);
    // What autovacuum would have done long ago on a database of this size.
    await raw.run('ANALYZE');
  } else {
    // Fold the seeding's write-ahead log into the file, as the next checkpoint of a running bot would.
    await raw.all('PRAGMA wal_checkpoint(TRUNCATE)');
  }
  return {
    cells,
    counts: { ...w.counts },
    spread,
    due: dueItems,
    expectedMessages: dueItems.meetingReminders.length + dueItems.taskReminders.length + dueItems.votes.length,
  };
}
