// Use cases of meetings: schedule, announce, RSVP, open, check in, close, and the scheduler's jobs
// (reminders, monthly drafts, the chi ủy's flags). Rules come from the domain, words from src/text.
import type { Logger } from 'pino';
import {
  attendanceCriterion, attendanceFacts, isObliged, longestExcusedRun, MAX_CONSECUTIVE_EXCUSED, trailingExcusedRun, unexcusedMonths,
  UNEXCUSED_MONTHS_ALERT, type AttendanceFacts, type MemberMeetingRecord, type RollEntry,
} from '../domain/attendance.ts';
import { addDays, holidaysBetween, quarterOf, type HolidayOverrides, type MonthlyRule } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { durationCheck, THEMATIC_KINDS, type MeetingStatus } from '../domain/meeting.ts';
import { nextDraftCheck, ruleTarget, withinLead } from '../domain/rule-drafts.ts';
import { decideDueReminders, DEFAULT_REMINDER_OFFSETS_MINUTES, planReminders } from '../domain/reminders.ts';
import type { RosterMember } from '../domain/roster.ts';
import { vietnamClock, vietnamInstant } from '../domain/time.ts';
import { meetingText as mt, rsvpOptions, RSVP_ACCEPT, RSVP_DECLINE, checkInOptions, draftOptions } from '../text/meetings.ts';
import type { Job } from '../scheduler/scheduler.ts';
import { meetingSubject, type Delivery } from './delivery.ts';
import type { AttendanceMark, AttendanceRecord, Clock, DueReminderRecord, MeetingFields, MeetingRecord, Rsvp, Store } from './ports.ts';

/** A claimed reminder not finished within this time belonged to a process that died; another takes it. */
export const REMINDER_LEASE_MS = 10 * 60_000;
/** The monthly rule drafts a meeting this many days before its date. */
export const DRAFT_LEAD_DAYS = 14;
/** /batdauhop opens the announced meeting that starts within this window. */
const START_WINDOW_MS = 12 * 3600_000;
/** Attendance may still be corrected this long after the meeting closed. */
const CORRECTION_WINDOW_MS = 7 * 24 * 3600_000;
/** The quarterly check for a thematic meeting: a job run per quarter ("2026Q4"). */
const THEMATIC_JOB = 'thematic-per-quarter';
/** A claimed run of a periodic job not finished within this time belonged to a process that died. */
const JOB_RUN_LEASE_MS = REMINDER_LEASE_MS;

const quarterKey = (q: { year: number; quarter: number }) => `${q.year}Q${q.quarter}`;

const MAX_REMINDER_BATCHES = 20;
const REMINDERS_IN_FLIGHT = 16;

/** Runs `work` over `items` with at most `limit` running at once; resolves when all are done. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The reminders of one kind due at `now` that this process could take: claimed with a conditional
 * update and a lease, so two processes never send the same one.
 */
export async function claimDueReminders(store: Store, about: 'meeting' | 'task', now: Date, instanceId: string): Promise<DueReminderRecord[]> {
  const staleBefore = new Date(now.getTime() - REMINDER_LEASE_MS);
  const claimed: DueReminderRecord[] = [];
  const due = await store.reminders.due(now, staleBefore, 500, about);
  // A meeting's (or task's) due reminders are decided together (only one is sent), so they are claimed together.
  const owners = new Map<string, { meetingId: number } | { taskId: number }>(
    due.map((r) => (about === 'task' && r.taskId !== null ? [`t${r.taskId}`, { taskId: r.taskId }] : [`m${r.meetingId}`, { meetingId: r.meetingId }])),
  );
  for (const of of owners.values()) claimed.push(...(await store.reminders.claimTogether(of, instanceId, now, staleBefore)));
  return claimed;
}

export interface MeetingSnapshot {
  meeting: MeetingRecord;
  members: RosterMember[];
  records: Map<number, AttendanceRecord>;
  roll: RollEntry[];
  facts: AttendanceFacts;
}

export function createMeetingService({ store, clock, delivery, log, instanceId }: { store: Store; clock: Clock; delivery: Delivery; log: Logger; instanceId: string }) {
  /** The cell's changes to the public holidays: extra days off, and listed holidays it works. */
  async function holidayOverrides(cellId: number): Promise<HolidayOverrides> {
    const rows = await store.settings.holidays(cellId);
    return {
      added: rows.filter((r) => r.off).map((r) => ({ date: r.date, label: r.label })),
      removed: rows.filter((r) => !r.off).map((r) => r.date),
    };
  }

  async function holidaySet(cellId: number, from: string, to: string): Promise<Set<string>> {
    return new Set(holidaysBetween(from, to, await holidayOverrides(cellId)).map((h) => h.date));
  }

  async function reminderOffsets(cellId: number): Promise<readonly number[]> {
    return (await store.settings.get(cellId)).reminderOffsets ?? DEFAULT_REMINDER_OFFSETS_MINUTES;
  }

  async function snapshot(meeting: MeetingRecord): Promise<MeetingSnapshot> {
    const members = await store.members.listCurrent(meeting.cellId);
    const records = new Map((await store.meetings.attendance(meeting.id)).map((r) => [r.memberId, r]));
    const roll = members.map((m) => {
      const r = records.get(m.id);
      return { memberId: m.id, membership: m.membership, status: m.status, attendance: r?.attendance ?? null, excuseApproved: r?.excuseApproved ?? false };
    });
    return { meeting, members, records, roll, facts: attendanceFacts(meeting.kind, roll) };
  }

  const nameOf = (members: RosterMember[], id: number | null) => (id === null ? null : (members.find((m) => m.id === id)?.fullName ?? null));

  async function describe(meeting: MeetingRecord) {
    const members = await store.members.listCurrent(meeting.cellId);
    return { ...meeting, chair: nameOf(members, meeting.chairId), minuteTaker: nameOf(members, meeting.minuteTakerId) };
  }

  async function announce(meeting: MeetingRecord, headline: 'new' | 'rescheduled' | 'confirmed') {
    await delivery.askGroups(meeting.cellId, {
      kind: 'meeting.rsvp',
      payload: { meetingId: meeting.id },
      question: mt.announcement(await describe(meeting), headline),
      options: rsvpOptions,
      subject: meetingSubject(meeting.id),
      everyone: { headline: mt.rsvpHeadline(meeting) },
      appointment: { title: mt.appointmentTitle(meeting), startsAt: meeting.startsAt, accept: RSVP_ACCEPT, decline: RSVP_DECLINE },
    });
  }

  /** Members who should answer the invitation and have not: obliged home members and guests. */
  function nonResponders(snap: MeetingSnapshot): RosterMember[] {
    return snap.members.filter((m) => (m.status === 'ACTIVE' || m.status === 'TEMP_IN') && !snap.records.get(m.id)?.rsvp);
  }

  function assertFuture(startsAt: Date) {
    if (startsAt.getTime() <= clock.now().getTime()) throw new DomainError('when.past');
  }

  /** Each member's closed meetings of the meeting's year, up to and including it. */
  async function yearRecords(snap: MeetingSnapshot) {
    const date = vietnamClock(snap.meeting.startsAt).date;
    const year = Number(date.slice(0, 4));
    const history = await store.meetings.cellHistory(snap.meeting.cellId, vietnamInstant(`${year}-01-01`, '00:00'), vietnamInstant(`${year + 1}-01-01`, '00:00'));
    const byMember = new Map<number, MemberMeetingRecord[]>();
    for (const h of history) {
      const record = { date: vietnamClock(h.startsAt).date, kind: h.kind, attendance: h.attendance };
      if (record.date > date) continue;
      byMember.set(h.memberId, [...(byMember.get(h.memberId) ?? []), record]);
    }
    // Exempted members, members sent elsewhere and guests are outside the criterion and the flags (§4.4).
    const obliged = snap.members.filter((m) => m.status === 'ACTIVE');
    return { year, obliged, recordsOf: (memberId: number) => byMember.get(memberId) ?? [] };
  }

  type YearRecords = Awaited<ReturnType<typeof yearRecords>>;

  /** The attendance criterion of a closed meeting, with the year's consecutive excused absences (§4.4). */
  async function criterionOf(snap: MeetingSnapshot, year: YearRecords | null = null) {
    const { year: y, obliged, recordsOf } = year ?? (await yearRecords(snap));
    const over = obliged.filter((m) => longestExcusedRun(recordsOf(m.id), y) > MAX_CONSECUTIVE_EXCUSED).length;
    return attendanceCriterion(snap.facts, over);
  }

  /** Private flags for the chi ủy after a meeting closed (§4.3, §4.4). Each is sent once. */
  async function flagMembers(cellId: number, snap: MeetingSnapshot, { year, obliged, recordsOf }: YearRecords) {
    for (const member of obliged) {
      const records = recordsOf(member.id);
      const attendance = snap.records.get(member.id)?.attendance;
      const months = unexcusedMonths(records, year);
      // Reaching the third month is what the removal procedure looks at; later months add nothing new.
      if (attendance === 'ABSENT_UNEXCUSED' && months.length === UNEXCUSED_MONTHS_ALERT && (await store.settings.claimAlert(cellId, `unexcused:${year}:${member.id}`, clock.now()))) {
        await delivery.toCommittee(cellId, mt.flagUnexcused({ name: member.fullName, months, year }));
      }
      // Once per run: at the absence that makes it one too many.
      const run = trailingExcusedRun(records, year);
      if (attendance === 'ABSENT_EXCUSED' && run === MAX_CONSECUTIVE_EXCUSED + 1 && (await store.settings.claimAlert(cellId, `excusedRun:${snap.meeting.id}:${member.id}`, clock.now()))) {
        await delivery.toCommittee(cellId, mt.flagConsecutiveExcused({ name: member.fullName, run, year }));
      }
    }
  }

  /** The kinds that hold a month's regular meeting: one scheduled by hand stands instead of the rule's draft. */
  const holdsMonthly = (kind: MeetingRecord['kind']) => kind === 'THUONG_KY' || kind === 'KET_HOP';

  /**
   * Drafts the meeting the rule gives, once per month, when it is at most `leadDays` away (at any distance
   * when null); asks the groups to confirm it. `next` says when the rule next needs a look, as long as the
   * rule, the holidays and the cell's meetings stay as they are (null: no rule, never).
   */
  async function lookAtRule(cellId: number, leadDays: number | null): Promise<{ draft: MeetingRecord | null; next: () => Date | null }> {
    const { rule } = await store.settings.get(cellId);
    if (!rule) return { draft: null, next: () => null };
    const now = clock.now();
    const today = vietnamClock(now).date;
    const holidays = await holidaySet(cellId, today, addDays(today, 400));
    const target = ruleTarget(rule, now, holidays);
    // `settled`: the month already drafted or not to be drafted; null while the target is beyond the lead.
    const after = (settled: string | null) => () => nextDraftCheck(rule, now, holidays, leadDays ?? DRAFT_LEAD_DAYS, settled);
    if (leadDays !== null && !withinLead(target, now, leadDays)) return { draft: null, next: after(null) };
    const { month, startsAt } = target;
    // A monthly meeting the secretary already scheduled by hand for that month stands instead.
    const monthStart = vietnamInstant(`${month}-01`, '00:00');
    const [y, m] = month.split('-').map(Number) as [number, number];
    const monthEnd = vietnamInstant(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, '00:00');
    const existing = await store.meetings.between(cellId, monthStart, monthEnd, ['SCHEDULED', 'IN_PROGRESS', 'CLOSED', 'DRAFT']);
    if (existing.some((e) => holdsMonthly(e.kind))) return { draft: null, next: after(month) };
    const fields: MeetingFields = { kind: 'THUONG_KY', topic: null, startsAt, place: rule.place, agenda: mt.defaultAgenda('THUONG_KY'), chairId: null };
    const draft = await store.meetings.create(cellId, fields, 'DRAFT', month, [], null, now);
    if (!draft) return { draft: null, next: after(month) };
    await delivery.askGroups(cellId, {
      kind: 'meeting.draft', payload: { meetingId: draft.id }, question: mt.draftQuestion(await describe(draft)),
      options: draftOptions, subject: meetingSubject(draft.id),
    });
    return { draft, next: after(month) };
  }

  const service = {
    snapshot,
    criterionOf,
    describe,
    nonResponders,
    holidaySet,
    holidayOverrides,

    /** The meeting a command is about: the numbered one, or the first in the given states. */
    async find(cellId: number, seq: number | null, statuses: MeetingStatus[]): Promise<MeetingRecord> {
      if (seq !== null) {
        const meeting = await store.meetings.bySeq(cellId, seq);
        if (!meeting) throw new DomainError('meeting.notFound', { seq });
        return meeting;
      }
      const [meeting] = await store.meetings.list(cellId, statuses);
      if (meeting) return meeting;
      // "Nothing announced" would mislead while a meeting is being held: that one is no longer open to answers.
      const [open] = statuses.includes('SCHEDULED') ? await store.meetings.list(cellId, ['IN_PROGRESS']) : [];
      if (open) throw new DomainError('meeting.rsvpClosed', { seq: open.seq });
      throw new DomainError('meeting.noneUpcoming');
    },

    /** The meeting being held; `missing` names the error when there is none. */
    async held(cellId: number, missing: 'meeting.notInProgress' | 'vote.noMeeting' | 'minutes.noMeeting' = 'meeting.notInProgress'): Promise<MeetingRecord> {
      const [meeting] = await store.meetings.list(cellId, ['IN_PROGRESS']);
      if (!meeting) throw new DomainError(missing);
      return meeting;
    },

    /** The meeting being held, or one closed recently enough to correct its roll. */
    async current(cellId: number): Promise<MeetingRecord> {
      const [open] = await store.meetings.list(cellId, ['IN_PROGRESS']);
      if (open) return open;
      const closed = await store.meetings.between(cellId, new Date(clock.now().getTime() - CORRECTION_WINDOW_MS), clock.now(), ['CLOSED']);
      const last = closed.at(-1);
      if (!last) throw new DomainError('meeting.notInProgress');
      return last;
    },

    async schedule(cellId: number, actor: RosterMember, fields: MeetingFields): Promise<MeetingRecord> {
      assertFuture(fields.startsAt);
      const now = clock.now();
      const plan = planReminders(fields.startsAt, now, await reminderOffsets(cellId));
      const meeting = (await store.meetings.create(cellId, fields, 'SCHEDULED', null, plan, actor.id, now))!;
      await announce(meeting, 'new');
      return meeting;
    },

    async reschedule(meeting: MeetingRecord, actor: RosterMember, change: { startsAt: Date | null; place: string | null; reason: string | null }) {
      const startsAt = change.startsAt ?? meeting.startsAt;
      assertFuture(startsAt);
      const moved = await store.meetings.transition(
        meeting.id, ['SCHEDULED'], 'SCHEDULED',
        { startsAt, ...(change.place ? { place: change.place } : {}) },
        { action: 'reschedule', detail: { from: meeting.startsAt, to: startsAt, place: change.place, reason: change.reason }, actorId: actor.id },
        clock.now(),
      );
      if (!moved) throw new DomainError('meeting.notScheduled', { seq: meeting.seq });
      // The month it left may now want the rule's draft.
      if (holdsMonthly(meeting.kind)) await store.settings.rearmDraft(meeting.cellId, clock.now());
      await store.meetings.replaceReminders(meeting.id, planReminders(startsAt, clock.now(), await reminderOffsets(meeting.cellId)));
      await delivery.closePrompts(meetingSubject(meeting.id));
      const updated = (await store.meetings.get(meeting.id))!;
      await delivery.toGroups(meeting.cellId, mt.rescheduled({ seq: meeting.seq, from: meeting.startsAt, reason: change.reason }));
      await announce(updated, 'rescheduled');
      return updated;
    },

    async cancel(meeting: MeetingRecord, actor: RosterMember, reason: string | null) {
      const cancelled = await store.meetings.transition(
        meeting.id, ['SCHEDULED', 'DRAFT'], 'CANCELLED', {},
        { action: 'cancel', detail: { reason }, actorId: actor.id }, clock.now(),
      );
      if (!cancelled) throw new DomainError('meeting.notScheduled', { seq: meeting.seq });
      // Its month may now want the rule's draft.
      if (holdsMonthly(meeting.kind)) await store.settings.rearmDraft(meeting.cellId, clock.now());
      await store.meetings.replaceReminders(meeting.id, []);
      await delivery.closePrompts(meetingSubject(meeting.id));
      if (meeting.status === 'SCHEDULED') await delivery.toGroups(meeting.cellId, mt.cancelled({ ...(await describe(meeting)), reason }));
    },

    async rsvp(meeting: MeetingRecord, member: RosterMember, answer: Rsvp | null, reason: string | null, byId: number | null) {
      if (meeting.status !== 'SCHEDULED' || !(await store.meetings.setRsvp(meeting.id, member.id, answer, reason, byId, clock.now()))) {
        throw new DomainError('meeting.rsvpClosed', { seq: meeting.seq });
      }
    },

    setRsvpReason: (meeting: MeetingRecord, member: RosterMember, reason: string) => store.meetings.setRsvpReason(meeting.id, member.id, reason),

    async start(cellId: number, actor: RosterMember, roles: { chairId: number | null; minuteTakerId: number | null }) {
      const now = clock.now();
      if ((await store.meetings.list(cellId, ['IN_PROGRESS'])).length) throw new DomainError('meeting.alreadyInProgress');
      const [meeting] = (await store.meetings.list(cellId, ['SCHEDULED'])).filter((m) => m.startsAt.getTime() <= now.getTime() + START_WINDOW_MS);
      if (!meeting) throw new DomainError('meeting.noneToStart');
      const members = await store.members.listCurrent(cellId);
      const chairId = roles.chairId ?? meeting.chairId ?? members.find((m) => m.role === 'BI_THU')?.id ?? actor.id;
      const started = await store.meetings.transition(
        meeting.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: now, chairId, minuteTakerId: roles.minuteTakerId },
        { action: 'start', detail: { chairId, minuteTakerId: roles.minuteTakerId }, actorId: actor.id }, now,
      );
      if (!started) throw new DomainError('meeting.alreadyInProgress');
      await store.meetings.replaceReminders(meeting.id, []);
      await delivery.closePrompts(meetingSubject(meeting.id));
      // An absence announced with a reason stands until the member checks in.
      const records = await store.meetings.attendance(meeting.id);
      const excused: AttendanceMark[] = records
        .filter((r) => r.rsvp === 'EXCUSED' && r.attendance === null)
        .map((r) => ({ memberId: r.memberId, attendance: 'ABSENT_EXCUSED', reason: r.rsvpReason }));
      if (excused.length) await store.meetings.mark(meeting.id, excused, null, now);
      return (await store.meetings.get(meeting.id))!;
    },

    async askCheckIn(meeting: MeetingRecord) {
      await delivery.askGroups(meeting.cellId, {
        kind: 'meeting.checkin', payload: { meetingId: meeting.id }, question: mt.checkInQuestion({ seq: meeting.seq }),
        options: checkInOptions, subject: meetingSubject(meeting.id), everyone: { headline: mt.checkInHeadline({ seq: meeting.seq }) },
      });
    },

    async checkIn(meeting: MeetingRecord, member: RosterMember) {
      if (meeting.status !== 'IN_PROGRESS') throw new DomainError('meeting.notInProgress');
      await store.meetings.mark(meeting.id, [{ memberId: member.id, attendance: 'PRESENT', reason: null }], member.id, clock.now());
    },

    async mark(meeting: MeetingRecord, marks: AttendanceMark[], actor: RosterMember) {
      if (meeting.status !== 'IN_PROGRESS' && meeting.status !== 'CLOSED') throw new DomainError('meeting.notInProgress');
      await store.meetings.mark(meeting.id, marks, actor.id, clock.now());
    },

    async approveExcuses(meeting: MeetingRecord, members: RosterMember[], actor: RosterMember) {
      const records = await store.meetings.attendance(meeting.id);
      const notExcused = members.filter((m) => records.find((r) => r.memberId === m.id)?.attendance !== 'ABSENT_EXCUSED');
      if (notExcused.length) throw new DomainError('attendance.notExcused', { names: notExcused.map((m) => m.fullName).join(', ') });
      await store.meetings.approveExcuse(meeting.id, members.map((m) => m.id), actor.id);
    },

    async close(cellId: number, actor: RosterMember) {
      const meeting = await service.held(cellId);
      const now = clock.now();
      // Obliged members nobody checked in or excused are recorded absent without a reason, and named.
      const before = await snapshot(meeting);
      const unmarked = before.members.filter((m) => isObliged(before.roll.find((e) => e.memberId === m.id)!) && !before.records.get(m.id)?.attendance);
      if (unmarked.length) {
        await store.meetings.mark(meeting.id, unmarked.map((m) => ({ memberId: m.id, attendance: 'ABSENT_UNEXCUSED' as const, reason: null })), actor.id, now);
      }
      const closed = await store.meetings.transition(meeting.id, ['IN_PROGRESS'], 'CLOSED', { endedAt: now }, { action: 'close', detail: null, actorId: actor.id }, now);
      if (!closed) throw new DomainError('meeting.notInProgress');
      // A meeting of a quarter whose thematic check already ran (closed after the quarter ended) has it run again.
      await store.jobs.reopen(THEMATIC_JOB, quarterKey(quarterOf(vietnamClock(meeting.startsAt).date)));
      await delivery.closePrompts(meetingSubject(meeting.id));
      const final = (await store.meetings.get(meeting.id))!;
      const snap = await snapshot(final);
      const settings = await store.settings.get(cellId);
      const duration = durationCheck(final.kind, final.startedAt!, now, settings.minMeetingMinutes);
      // The year's history is read once, for the flags and for the criterion.
      const history = await yearRecords(snap);
      await flagMembers(cellId, snap, history);
      return { snap, duration, unmarked, criterion: await criterionOf(snap, history) };
    },

    // ---- the monthly rule ----

    async setRule(cellId: number, rule: (MonthlyRule & { place: string | null }) | null) {
      await store.settings.update(cellId, { rule }, clock.now());
    },

    /** Drafts the next meeting the rule gives, once per month; asks the groups to confirm it. */
    async draftFromRule(cellId: number, leadDays: number | null): Promise<MeetingRecord | null> {
      return (await lookAtRule(cellId, leadDays)).draft;
    },

    /** A day off added or a listed holiday worked (/ngaynghi): the rule's dates may move, so it is looked at again. */
    async setHoliday(cellId: number, date: string, label: string, off: boolean) {
      await store.settings.setHoliday(cellId, date, label, off);
      await store.settings.rearmDraft(cellId, clock.now());
    },

    async removeHoliday(cellId: number, date: string): Promise<boolean> {
      const removed = await store.settings.removeHoliday(cellId, date);
      if (removed) await store.settings.rearmDraft(cellId, clock.now());
      return removed;
    },

    async confirmDraft(meeting: MeetingRecord, actor: RosterMember): Promise<MeetingRecord> {
      assertFuture(meeting.startsAt);
      const ok = await store.meetings.transition(meeting.id, ['DRAFT'], 'SCHEDULED', {}, { action: 'confirm', detail: null, actorId: actor.id }, clock.now());
      if (!ok) throw new DomainError('prompt.closed');
      await store.meetings.replaceReminders(meeting.id, planReminders(meeting.startsAt, clock.now(), await reminderOffsets(meeting.cellId)));
      const scheduled = (await store.meetings.get(meeting.id))!;
      await announce(scheduled, 'confirmed');
      return scheduled;
    },

    // ---- scheduled jobs ----

    jobs(): Job[] {
      return [
        {
          name: 'meeting-reminders',
          async runDue(now) {
            // Batches of 500 until nothing is due: a thousand cells on the same rule all fall due this minute.
            for (let batch = 0; batch < MAX_REMINDER_BATCHES; batch++) {
              const claimed = await claimDueReminders(store, 'meeting', now, instanceId);
              if (!claimed.length) return;
              const meetings = new Map<number, MeetingRecord>();
              for (const id of new Set(claimed.map((r) => r.meetingId))) {
                const m = await store.meetings.get(id);
                if (m) meetings.set(id, m);
              }
              const decision = decideDueReminders(claimed, new Map([...meetings].map(([id, m]) => [id, { startsAt: m.startsAt, scheduled: m.status === 'SCHEDULED' }])), now);
              for (const r of decision.skip) await store.reminders.finish(r.id, 'SKIPPED', now);
              // Several at once: the outbound queue paces them within the platform's limits, and a slow
              // chat (a 429) holds up only itself.
              await inParallel(decision.send, REMINDERS_IN_FLIGHT, async (r) => {
                const meeting = meetings.get(r.meetingId)!;
                const snap = await snapshot(meeting);
                const waiting = nonResponders(snap);
                await delivery.toGroups(meeting.cellId, mt.reminder({ ...(await describe(meeting)), remainingMinutes: Math.round((meeting.startsAt.getTime() - now.getTime()) / 60_000), waiting: waiting.map((m) => m.fullName) }), waiting);
                await store.reminders.finish(r.id, 'SENT', now);
              });
            }
          },
        },
        {
          name: 'monthly-drafts',
          async runDue(now) {
            // Only cells whose rule may call for a draft by now (CellSettings.nextDraftAt, through its index).
            for (const { cellId, dueAt } of await store.settings.draftsDue(now)) {
              try {
                const { next } = await lookAtRule(cellId, DRAFT_LEAD_DAYS);
                await store.settings.moveDraftCheck(cellId, dueAt, next());
              } catch (error) {
                log.error({ err: error, cellId }, 'monthly draft failed'); // looked at again next tick
              }
            }
          },
        },
        {
          name: 'thematic-per-quarter',
          async runDue(now) {
            // The quarter that ended last: did each cell that met in it hold a thematic meeting (§1.4)? Checked
            // once per quarter by the process that claims the run; closing one of its meetings later reopens it.
            const last = quarterOf(addDays(quarterOf(vietnamClock(now).date).first, -1));
            const period = quarterKey(last);
            if (!(await store.jobs.claim(THEMATIC_JOB, period, instanceId, now, new Date(now.getTime() - JOB_RUN_LEASE_MS)))) return;
            try {
              const key = `thematic:${period}`;
              const from = vietnamInstant(last.first, '00:00');
              const to = vietnamInstant(addDays(last.last, 1), '00:00');
              for (const cellId of await store.meetings.cellsLackingKind(from, to, THEMATIC_KINDS, key)) {
                if (await store.settings.claimAlert(cellId, key, now)) {
                  await delivery.toCommittee(cellId, mt.flagNoThematic({ quarter: last.quarter, year: last.year }));
                }
              }
              await store.jobs.finish(THEMATIC_JOB, period, instanceId, now);
            } catch (error) {
              // Tried again on the next tick (or, should this fail too, after the lease).
              await store.jobs.reopen(THEMATIC_JOB, period).catch(() => undefined);
              throw error;
            }
          },
        },
      ];
    },
  };
  return service;
}

export type MeetingService = ReturnType<typeof createMeetingService>;
