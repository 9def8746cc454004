// The world of the two-processes drill, written through the app's own repositories: cells bound to their
// own Telegram groups, each with what the scheduler will have to send: at start-up, and at each shared
// minute tick (meeting reminders, then, in the last tick, the day's task reminders). Every expected message carries a
// marker ("[S-12]", "[T1-12]", …) in a field the bot quotes (place, task, vote subject), so the messages
// counted at the fake can be matched to what was due.
import { addDays, quarterOf } from '../../src/domain/calendar.ts';
import { emptyDraft } from '../../src/domain/minutes.ts';
import type { MemberFields, RosterMember } from '../../src/domain/roster.ts';
import type { PlannedReminder } from '../../src/domain/reminders.ts';
import { vietnamDate, vietnamInstant } from '../../src/domain/time.ts';
import type { Store } from '../../src/app/ports.ts';
import type { FakeTelegram } from '../../test/support/fake-telegram.ts';
import type { RawDb } from '../../bench/support/scheduler-raw.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type MessageKind = 'meeting reminder' | 'task reminder' | 'monthly draft' | 'vote result' | 'quarter flag';

export interface ExpectedMessage {
  /** `${chatId}|${marker}`: what the fake must have received exactly once. */
  key: string;
  chatId: string;
  marker: string;
  kind: MessageKind;
  /** 0: due when the processes start; k: due at the k-th shared minute tick. */
  tick: number;
}

/** The reminder rows behind one expected message: several due at once give one message (the latest). */
export interface ReminderUnit {
  key: string;
  tick: number;
  rows: { id: string; offsetMinutes: number }[];
  /** The row that must end SENT; the others SKIPPED (ADR 0004: only the latest of a burst is sent). */
  latestId: string;
}

export interface SeededWorld {
  cells: number;
  /** Group chats and committee members' private chats the drill watches. */
  chats: Set<string>;
  expected: ExpectedMessage[];
  units: ReminderUnit[];
  /** Reminder rows to make due at shared tick k (kept far ahead until the processes are up). */
  tickRows: Map<number, string[]>;
  ruleCells: number[];
  voteIds: number[];
  /** CellAlert keys the quarter check must have claimed, as `${cellId}|${key}`. */
  alertKeys: string[];
}

export const markerOf = (text: string): string | null => /\[([A-Z][0-9]*-[0-9]+)\]/.exec(text)?.[1] ?? null;
export const FLAG_MARKER = 'FLAG';

const chatIdOf = (cell: number) => String(-(4_000_000 + cell));
const userIdOf = (cell: number, k: number) => 7_000_000 + cell * 10 + k;

const ROLL: MemberFields[] = [
  { fullName: 'Nguyễn Văn Bình', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'BI_THU', phone: null, admittedOn: null },
  { fullName: 'Trần Thị Lan', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'PHO_BI_THU', phone: null, admittedOn: null },
  { fullName: 'Lê Văn Nam', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'DANG_VIEN', phone: null, admittedOn: null },
  { fullName: 'Phạm Thị Mai', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'DANG_VIEN', phone: null, admittedOn: null },
];

const DAYS_3 = 3 * 24 * 60;
const DAY_1 = 24 * 60;
const HOUR_1 = 60;

/**
 * The reminder offsets of a cell's meeting that are due together: one, or a burst of two or three (what
 * piles up while no bot runs, or while the database is unreachable), of which only the latest may go out.
 */
const dueOffsets = {
  atStart: (c: number) => (c % 8 === 0 ? [DAYS_3, DAY_1, HOUR_1] : c % 4 === 0 ? [DAY_1, HOUR_1] : [HOUR_1]),
  atTick: (c: number) => (c % 4 === 1 ? [DAYS_3, DAY_1, HOUR_1] : c % 4 === 3 ? [DAY_1, HOUR_1] : [HOUR_1]),
};

/**
 * The last shared tick is "08:00", when every task reminder of the day falls due and no meeting reminder
 * does: both processes then reach the task job at the same instant. The ticks before it carry meetings.
 */
export const isTaskTick = (k: number, rounds: number): boolean => k === rounds;

/** Which of the optional items a cell has (disjoint enough that every kind appears at any size ≥ 11). */
const has = {
  rule: (c: number) => c % 3 === 0,
  startTask: (c: number) => c % 5 === 0,
  tickTask: (c: number) => c % 5 === 1,
  vote: (c: number) => c % 7 === 0,
  quarterFlag: (c: number) => c % 11 === 0 || c === 2,
};

export async function seedWorld(store: Store, raw: RawDb, fake: FakeTelegram, { cells, rounds, now }: { cells: number; rounds: number; now: Date }): Promise<SeededWorld> {
  const today = vietnamDate(now);
  const expected: ExpectedMessage[] = [];
  const chats = new Set<string>();
  const meetingUnits = new Map<number, { key: string; tick: number }>();
  const taskUnits = new Map<number, { key: string; tick: number }>();
  const tickMeetings = new Map<number, number[]>();
  const tickTasks = new Map<number, number[]>();
  const ruleCells: number[] = [];
  const voteIds: number[] = [];
  const alertKeys: string[] = [];
  const lastQuarter = quarterOf(addDays(quarterOf(today).first, -1));
  const expect = (chatId: string, marker: string, kind: MessageKind, tick: number) => {
    const key = `${chatId}|${marker}`;
    expected.push({ key, chatId, marker, kind, tick });
    return key;
  };

  async function seedCell(c: number) {
    const chatId = chatIdOf(c);
    chats.add(chatId);
    fake.group(Number(chatId), `Chi bộ Drill ${c}`);
    const founderUser = userIdOf(c, 1);
    const { cell, founder } = await store.cells.create(
      {
        name: `Chi bộ Drill ${c}`,
        organisations: [{ name: 'Đảng bộ phường Diễn Tập', kind: 'DANG_BO' }],
        chat: { channel: 'telegram', chatId, title: `Chi bộ Drill ${c}` },
        founder: ROLL[0]!,
        founderAccount: { channel: 'telegram', externalId: String(founderUser), displayName: ROLL[0]!.fullName },
      },
      now,
    );
    const members: RosterMember[] = [founder];
    for (const fields of ROLL.slice(1)) members.push(await store.members.add(cell.id, fields, founder.id, now));
    const [, deputy, owner] = members as [RosterMember, RosterMember, RosterMember, RosterMember];
    const deputyUser = userIdOf(c, 2);
    await store.identities.link(cell.id, deputy.id, { channel: 'telegram', externalId: String(deputyUser), displayName: deputy.fullName }, founder.id, now);
    const bat = (startsAt: Date, place: string) => ({ kind: 'BAT_THUONG' as const, topic: null, startsAt, place, agenda: ['Công việc đột xuất'], chairId: null });

    // Start-up: a meeting within the hour whose reminders fell due while no bot ran.
    const startsSoon = new Date(now.getTime() + 30 * MINUTE);
    const plan: PlannedReminder[] = dueOffsets.atStart(c).map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(startsSoon.getTime() - offsetMinutes * MINUTE) }));
    const soon = (await store.meetings.create(cell.id, bat(startsSoon, `Hội trường [S-${c}]`), 'SCHEDULED', null, plan, founder.id, now))!;
    meetingUnits.set(soon.id, { key: expect(chatId, `S-${c}`, 'meeting reminder', 0), tick: 0 });

    // Shared ticks: one meeting per round whose reminders fall due on the minute while both processes
    // run. Planned far ahead here; the drill moves them to the tick once both processes are up.
    for (let k = 1; k <= rounds; k++) {
      if (isTaskTick(k, rounds)) continue;
      // Beyond the longest offset, so that no reminder of it is due before the drill moves it.
      const startsAt = new Date(now.getTime() + 5 * DAY + k * HOUR);
      const reminders = dueOffsets.atTick(c).map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(startsAt.getTime() - offsetMinutes * MINUTE) }));
      const meeting = (await store.meetings.create(cell.id, bat(startsAt, `Hội trường [T${k}-${c}]`), 'SCHEDULED', null, reminders, founder.id, now))!;
      meetingUnits.set(meeting.id, { key: expect(chatId, `T${k}-${c}`, 'meeting reminder', k), tick: k });
      tickMeetings.set(k, [...(tickMeetings.get(k) ?? []), meeting.id]);
    }

    // Tasks from approved minutes, their owner unreachable in private, so the reminder goes to the group.
    const tasks: { what: string; marker: string; tick: number; reminders: { offsetMinutes: number; dueAt: Date }[] }[] = [];
    const dueOn = addDays(today, 3);
    if (has.startTask(c)) {
      const offsets = c % 10 === 0 ? [DAYS_3, DAY_1] : [DAYS_3];
      tasks.push({ what: `Nộp báo cáo [K0-${c}]`, marker: `K0-${c}`, tick: 0, reminders: offsets.map((o, i) => ({ offsetMinutes: o, dueAt: new Date(now.getTime() - (2 - i) * HOUR) })) });
    }
    for (let k = 1; k <= rounds; k++) {
      // The 08:00 tick: every cell's task, half of them a burst; in the meeting ticks, a few cells' tasks.
      const taskTick = isTaskTick(k, rounds);
      if (taskTick || has.tickTask(c)) {
        const offsets = (taskTick ? c % 2 === 1 : c % 10 === 1) ? [DAYS_3, DAY_1] : [DAY_1];
        tasks.push({ what: `Nộp báo cáo [K${k}-${c}]`, marker: `K${k}-${c}`, tick: k, reminders: offsets.map((o) => ({ offsetMinutes: o, dueAt: new Date(now.getTime() + 30 * DAY + k * HOUR) })) });
      }
    }
    if (tasks.length) {
      const draft = await store.minutes.createDraft(soon.id, emptyDraft(), 'offline', founder.id, now);
      const created = (await store.minutes.approveDraft(draft.id, founder.id, now, [], tasks.map((t) => ({
        what: t.what, ownerId: owner.id, ownerName: owner.fullName, dueOn, sources: [], reminders: t.reminders,
      }))))!;
      for (const [i, task] of created.entries()) {
        const t = tasks[i]!;
        taskUnits.set(task.id, { key: expect(chatId, t.marker, 'task reminder', t.tick), tick: t.tick });
        if (t.tick > 0) tickTasks.set(t.tick, [...(tickTasks.get(t.tick) ?? []), task.id]);
      }
    }

    // The monthly rule, its next meeting within the drafting lead and not drafted yet.
    if (has.rule(c)) {
      const target = addDays(today, 5);
      await store.settings.update(cell.id, { rule: { dayOfMonth: Number(target.slice(8)), time: '19:30', shiftToWorkingDay: false, place: `Hội trường [R-${c}]` } }, now);
      expect(chatId, `R-${c}`, 'monthly draft', 0);
      ruleCells.push(cell.id);
    }

    // A show of hands whose deadline passed a minute ago, in a meeting being held.
    if (has.vote(c)) {
      const held = (await store.meetings.create(cell.id, bat(new Date(now.getTime() - 30 * MINUTE), `Hội trường [H-${c}]`), 'SCHEDULED', null, [], founder.id, now))!;
      await store.meetings.transition(held.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: new Date(now.getTime() - 25 * MINUTE), chairId: founder.id }, { action: 'start', detail: null, actorId: founder.id }, now);
      const vote = await store.votes.open({
        cellId: cell.id, meetingId: held.id, kind: 'ORDINARY', form: 'OPEN', mode: 'OPEN', options: ['yes', 'no', 'other'], aboutMemberId: null,
        subject: `Thông qua kế hoạch [V-${c}]`, threshold: 'HALF', base: members.length, eligible: members.map((m) => m.id), openedById: founder.id,
        closesAt: new Date(now.getTime() - MINUTE),
      }, new Date(now.getTime() - 15 * MINUTE));
      voteIds.push(vote.id);
      expect(chatId, `V-${c}`, 'vote result', 0);
    }

    // Last quarter: a meeting held, none of them thematic: the chi ủy is told once, in private.
    if (has.quarterFlag(c)) {
      const startsAt = vietnamInstant(addDays(lastQuarter.first, 20), '19:30');
      const past = (await store.meetings.create(cell.id, bat(startsAt, `Hội trường [P-${c}]`), 'SCHEDULED', null, [], founder.id, now))!;
      await store.meetings.transition(past.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: startsAt, chairId: founder.id }, { action: 'start', detail: null, actorId: founder.id }, now);
      await store.meetings.transition(past.id, ['IN_PROGRESS'], 'CLOSED', { endedAt: new Date(startsAt.getTime() + 2 * HOUR) }, { action: 'close', detail: null, actorId: founder.id }, now);
      for (const user of [founderUser, deputyUser]) {
        fake.startedUsers.add(user);
        chats.add(String(user));
        expect(String(user), FLAG_MARKER, 'quarter flag', 0);
      }
      alertKeys.push(`${cell.id}|thematic:${lastQuarter.year}Q${lastQuarter.quarter}`);
    }
  }

  // The first cell creates the shared đảng bộ; the others find it (in parallel on PostgreSQL).
  await seedCell(1);
  const parallel = raw.kind === 'postgresql' ? 16 : 1;
  for (let c = 2; c <= cells; c += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, cells - c + 1) }, (_, i) => seedCell(c + i)));
  }

  // Reminder ids are the repository's own (random for meetings): read them back to know each unit's rows.
  const rows = await raw.all<{ id: string; meetingId: number; taskId: number | null; offsetMinutes: number }>(
    'SELECT "id", "meetingId", "taskId", "offsetMinutes" FROM "Reminder"',
  );
  const byKey = new Map<string, ReminderUnit>();
  for (const r of rows) {
    const unit = r.taskId === null ? meetingUnits.get(Number(r.meetingId)) : taskUnits.get(Number(r.taskId));
    if (!unit) continue;
    const entry = byKey.get(unit.key) ?? { key: unit.key, tick: unit.tick, rows: [], latestId: '' };
    entry.rows.push({ id: r.id, offsetMinutes: Number(r.offsetMinutes) });
    byKey.set(unit.key, entry);
  }
  for (const unit of byKey.values()) {
    // The smaller offset is the later reminder.
    unit.latestId = unit.rows.reduce((a, b) => (b.offsetMinutes < a.offsetMinutes ? b : a)).id;
  }
  const tickRows = new Map<number, string[]>();
  for (let k = 1; k <= rounds; k++) {
    const meetingIds = new Set(tickMeetings.get(k) ?? []);
    const taskIds = new Set(tickTasks.get(k) ?? []);
    tickRows.set(k, rows.filter((r) => (r.taskId === null ? meetingIds.has(Number(r.meetingId)) : taskIds.has(Number(r.taskId)))).map((r) => r.id));
  }
  return { cells, chats, expected, units: [...byKey.values()], tickRows, ruleCells, voteIds, alertKeys };
}
