// A year of history written through the bot's own use cases and repositories, from a JSON file
// (`npm start -- --seed FILE`): to try the reports, charts, exports and dashboard on meetings that
// look like a real đảng bộ's, and to test their figures against hand-computed ones.
// Meetings are opened, attended, voted, closed, minuted and scored as the commands would do it, on a
// clock of their own that walks through the year.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { AccountRef, MeetingRecord, NewTask, Store } from '../app/ports.ts';
import { createServices } from '../bot.ts';
import { shellUserId } from '../channels/shell/shell-channel.ts';
import { attendanceFacts } from '../domain/attendance.ts';
import { MEETING_KINDS, type MeetingKind } from '../domain/meeting.ts';
import { nameKey } from '../domain/names.ts';
import { CELL_ROLES, MEMBER_STATUSES, MEMBERSHIPS, type RosterMember } from '../domain/roster.ts';
import type { ScoreSheet } from '../domain/scoring.ts';
import { vietnamInstant } from '../domain/time.ts';
import { outcome } from '../domain/votes.ts';
import { ManualClock } from '../scheduler/clock.ts';
import { historyText as t } from '../text/reports.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const time = z.string().regex(/^\d{2}:\d{2}$/);

const meetingSchema = z.object({
  date,
  time: time.default('19:30'),
  kind: z.enum(MEETING_KINDS),
  topic: z.string().optional(),
  /** Minutes from opening to closing; by default 95 (chuyên đề), 125 (kết hợp) or 100. */
  minutes: z.number().int().positive().optional(),
  excused: z.array(z.string()).default([]),
  unexcused: z.array(z.string()).default([]),
  minuted: z.boolean().default(true),
  vote: z.boolean().default(true),
  resolution: z.boolean().default(true),
  scored: z.boolean().default(true),
  task: z.object({ owner: z.string(), due: date, done: date.optional() }).optional(),
  failedVote: z.object({ subject: z.string(), yes: z.array(z.string()) }).optional(),
});

const historySchema = z.object({
  organisations: z.array(z.object({ name: z.string(), kind: z.enum(['DANG_BO', 'DANG_BO_BO_PHAN']), parent: z.string().optional() })),
  viewers: z.array(z.object({ organisation: z.string(), name: z.string() })).default([]),
  cells: z.array(z.object({
    name: z.string(),
    organisation: z.string(),
    /** The shell group the cell is bound to (":group kp1"). */
    group: z.string(),
    place: z.string(),
    rule: z.object({ day: z.number().int().min(1).max(31), time }).optional(),
    members: z.array(z.object({
      name: z.string(),
      membership: z.enum(MEMBERSHIPS).default('CHINH_THUC'),
      status: z.enum(MEMBER_STATUSES).default('ACTIVE'),
      role: z.enum(CELL_ROLES).default('DANG_VIEN'),
    })).min(3),
    /** Points of the sheet's judgement criteria, in the sheet's order, for every scored meeting. */
    judged: z.array(z.number().int().min(0)),
    meetings: z.array(meetingSchema),
    upcoming: z.array(z.object({ date, time: time.default('19:30'), kind: z.enum(MEETING_KINDS) })).default([]),
  })),
});

export type History = z.infer<typeof historySchema>;

export function readHistory(file: string): History {
  return historySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const defaultMinutes = (kind: MeetingKind) => (kind === 'CHUYEN_DE' ? 95 : kind === 'KET_HOP' ? 125 : 100);

export async function seedHistory(store: Store, history: History, options: { log: Logger; scoreSheet?: ScoreSheet }): Promise<string> {
  const clock = new ManualClock(vietnamInstant('2000-01-01', '00:00'));
  const services = createServices({ store, clock, channels: [], log: options.log, instanceId: 'seed', ...(options.scoreSheet ? { scoreSheet: options.scoreSheet } : {}) });
  const judgedCriteria = services.reports.sheet.criteria.flatMap((c, i) => (c.fact ? [] : [i + 1]));
  const orgPath = (name: string): { name: string; kind: 'DANG_BO' | 'DANG_BO_BO_PHAN' }[] => {
    const org = history.organisations.find((o) => o.name === name);
    if (!org) throw new Error(`unknown organisation ${name}`);
    return [...(org.parent ? orgPath(org.parent) : []), { name: org.name, kind: org.kind }];
  };
  let meetingCount = 0;
  let cellCount = 0;
  const skipped: string[] = [];

  for (const spec of history.cells) {
    const chat = { channel: 'shell' as const, chatId: `g:${spec.group}`, title: spec.group };
    if (await store.cells.findByChat(chat.channel, chat.chatId)) {
      skipped.push(t.alreadySeeded(spec.group));
      continue;
    }
    const first = spec.meetings[0]?.date ?? '2025-01-01';
    const at = new Date(vietnamInstant(first, '00:00').getTime() - 30 * 86_400_000);
    clock.reset(at); // each cell walks through its own year
    const fields = (m: (typeof spec.members)[number]) => ({ fullName: m.name, membership: m.membership, status: m.status, role: m.role, phone: null, admittedOn: null });
    const [founderSpec, ...others] = spec.members;
    const { cell, founder } = await store.cells.create({ name: spec.name, organisations: orgPath(spec.organisation), chat, founder: fields(founderSpec!), founderAccount: account(founderSpec!.name) }, at);
    const members: RosterMember[] = [founder];
    for (const m of others) members.push(await store.members.add(cell.id, fields(m), founder.id, at));
    const byName = (name: string) => {
      const member = members.find((m) => nameKey(m.fullName) === nameKey(name));
      if (!member) throw new Error(`${spec.name}: no member ${name}`);
      return member;
    };
    const place = spec.place;
    const doneLater: { taskId: number; at: Date; by: number }[] = [];
    const finishTasksBefore = async (before: Date) => {
      for (const d of doneLater.filter((x) => x.at < before)) await store.tasks.markDone(d.taskId, d.by, d.at);
      doneLater.splice(0, doneLater.length, ...doneLater.filter((x) => x.at >= before));
    };

    for (const m of spec.meetings) {
      const startsAt = vietnamInstant(m.date, m.time);
      await finishTasksBefore(startsAt);
      const announced = new Date(startsAt.getTime() - 7 * 86_400_000);
      clock.set(announced);
      const created = (await store.meetings.create(cell.id, { kind: m.kind, topic: m.topic ?? null, startsAt, place, agenda: [], chairId: founder.id }, 'SCHEDULED', null, [], founder.id, announced))!;
      clock.set(startsAt);
      await store.meetings.transition(created.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: startsAt }, { action: 'start', detail: null, actorId: founder.id }, startsAt);
      const absent = new Map([...m.excused.map((n) => [byName(n).id, 'ABSENT_EXCUSED' as const] as const), ...m.unexcused.map((n) => [byName(n).id, 'ABSENT_UNEXCUSED' as const] as const)]);
      // Exempted members come only when they choose to; nobody marks them absent.
      const marks = members.filter((x) => x.status === 'ACTIVE' || x.status === 'TEMP_IN' || absent.has(x.id))
        .map((x) => ({ memberId: x.id, attendance: absent.get(x.id) ?? ('PRESENT' as const), reason: null }));
      await store.meetings.mark(created.id, marks, founder.id, startsAt);
      const snap = await services.meetings.snapshot((await store.meetings.get(created.id))!);
      const voters = members.filter((x) => x.membership === 'CHINH_THUC' && marks.some((k) => k.memberId === x.id && k.attendance === 'PRESENT'));
      const month = m.date.slice(0, 7);
      const vote = async (subject: string, yesIds: Set<number>) => {
        const opened = await store.votes.open({
          cellId: cell.id, meetingId: created.id, kind: 'ORDINARY', form: 'OPEN', mode: 'OPEN', options: ['yes', 'no', 'other'], aboutMemberId: null,
          subject, threshold: 'HALF', base: attendanceFacts(m.kind, snap.roll).voteBase, eligible: voters.map((v) => v.id), openedById: founder.id, closesAt: null,
        }, startsAt);
        for (const v of voters) await store.votes.cast(opened.id, v.id, yesIds.has(v.id) ? 'yes' : 'no', startsAt);
        const counts = (await store.votes.closeAndCount(opened.id, startsAt))!;
        await store.votes.setResult(opened.id, { ...outcome('HALF', counts.yes ?? 0, opened.base), counts, voted: voters.length, eligible: voters.length });
      };
      if (m.vote && m.minuted) await vote(t.voteSubject(month), new Set(voters.map((v) => v.id)));
      if (m.failedVote) await vote(m.failedVote.subject, new Set(m.failedVote.yes.map((n) => byName(n).id)));
      const endedAt = new Date(startsAt.getTime() + (m.minutes ?? defaultMinutes(m.kind)) * 60_000);
      clock.set(endedAt);
      await store.meetings.transition(created.id, ['IN_PROGRESS'], 'CLOSED', { endedAt }, { action: 'close', detail: null, actorId: founder.id }, endedAt);
      meetingCount++;

      if (m.minuted) {
        const draft = { conclusions: [{ text: t.conclusion(month), sources: [] }], resolutions: m.resolution ? [{ text: t.resolution(month), sources: [] }] : [], tasks: [], lastMonthNotes: [] };
        const created2 = await store.minutes.createDraft(created.id, draft, 'offline', founder.id, endedAt);
        const owner = m.task ? byName(m.task.owner) : null;
        const tasks: NewTask[] = m.task && owner ? [{ what: t.task(month), ownerId: owner.id, ownerName: owner.fullName, dueOn: m.task.due, sources: [], reminders: [] }] : [];
        const outcomes = [
          ...draft.conclusions.map((c) => ({ kind: 'CONCLUSION' as const, text: c.text, sources: [] })),
          ...draft.resolutions.map((r) => ({ kind: 'RESOLUTION' as const, text: r.text, sources: [] })),
        ];
        const made = (await store.minutes.approveDraft(created2.id, founder.id, endedAt, outcomes, tasks))!;
        if (m.task?.done && made[0]) doneLater.push({ taskId: made[0].id, at: vietnamInstant(m.task.done, '12:00'), by: owner!.id });
      }
      if (m.scored) {
        const closed: MeetingRecord = (await store.meetings.get(created.id))!;
        await services.reports.score(closed, founder, new Map(judgedCriteria.map((n, i) => [n, spec.judged[i] ?? 0])));
      }
    }
    await finishTasksBefore(new Date(8_640_000_000_000_000));
    for (const u of spec.upcoming) {
      const startsAt = vietnamInstant(u.date, u.time);
      await store.meetings.create(cell.id, { kind: u.kind, topic: null, startsAt, place, agenda: [], chairId: founder.id }, 'SCHEDULED', null, [], founder.id, clock.now());
    }
    if (spec.rule) await store.settings.update(cell.id, { rule: { dayOfMonth: spec.rule.day, time: spec.rule.time, shiftToWorkingDay: true, place } }, clock.now());
    cellCount++;
  }

  const organisations = await store.organisations.all();
  for (const v of history.viewers) {
    const path = orgPath(v.organisation);
    let parentId: number | null = null;
    for (const step of path) parentId = organisations.find((o) => o.name === step.name && o.parentId === parentId)?.id ?? null;
    if (parentId === null) throw new Error(`unknown organisation ${v.organisation}`);
    await store.organisations.grantViewer(parentId, account(v.name), clock.now());
  }
  return [...skipped, t.seeded(cellCount, meetingCount)].join('\n');
}

/** The shell account of a person named in the file (the shell trusts names). */
const account = (name: string): AccountRef => ({ channel: 'shell', externalId: shellUserId(name), displayName: name });
