// Use cases of the minutes: capture in the chat, the full text, a draft by the LLM or the offline
// summariser, the secretary's review, publishing, the biên bản, and the follow-up of tasks.
import type { Logger } from 'pino';
import { ChannelError } from '../channels/channel.ts';
import { formatDayMonthYear } from '../domain/dates.ts';
import { DomainError } from '../domain/errors.ts';
import {
  decideTaskReminders, isEmptyDraft, OVERDUE_OFFSET, parseItemCode, planTaskReminders, reconcileRoll, reviewTask, SECTION_CODES, type CaptureTag, type DraftItem, type DraftTask, type MinutesDraft, type SectionCode, type TaskFacts,
} from '../domain/minutes.ts';
import { nameKey } from '../domain/names.ts';
import type { RosterMember } from '../domain/roster.ts';
import type { ScoreSheet } from '../domain/scoring.ts';
import { vietnamDate } from '../domain/time.ts';
import { classificationMark } from '../minutes/classification.ts';
import { minutesDocument, minutesText as t, resolutionDocument, type MinutesRecordView, type PriorTask } from '../text/minutes.ts';
import { withoutTitle } from '../text/minutes-words.ts';
import { labels } from '../text/vi.ts';
import type { Job } from '../scheduler/scheduler.ts';
import { askIn, type Delivery } from './delivery.ts';
import {
  SummariserUnavailable, type CellRecord, type Clock, type DraftRecord, type MeetingRecord, type NewCapture, type Store, type Summariser,
  type TaskRecord, type VoteRecord,
} from './ports.ts';
import type { VoteResult } from './votes.ts';
import { claimDueReminders, type MeetingService } from './meetings.ts';

export const draftSubject = (draftId: number) => `draft:${draftId}`;

/** Refuses a text carrying a state-secret mark before anything else touches it (§7.1). */
export function refuseClassified(...texts: (string | null | undefined)[]): void {
  for (const text of texts) {
    const mark = text ? classificationMark(text) : null;
    if (mark) throw new DomainError('minutes.classified', { mark });
  }
}

export interface MinutesDeps {
  store: Store;
  clock: Clock;
  delivery: Delivery;
  meetings: MeetingService;
  /** The LLM summariser when an endpoint is configured; null keeps every text on the machine. */
  llm: Summariser | null;
  offline: Summariser;
  log: Logger;
  instanceId: string;
  /** The score sheet in use: the biên bản names its criteria next to a stored score. */
  scoreSheet?: ScoreSheet;
}

export function createMinutesService({ store, clock, delivery, meetings, llm, offline, log, instanceId, scoreSheet }: MinutesDeps) {
  const today = () => vietnamDate(clock.now());
  const facts = (task: TaskRecord): TaskFacts => ({ status: task.status, dueOn: task.dueOn, doneOn: task.doneAt ? vietnamDate(task.doneAt) : null });

  /**
   * Tasks given at meetings before `meeting` (or before now): those still open and those done since the
   * meeting before that (§5.2 "kiểm điểm"), judged as of the meeting's start, or today before it starts.
   */
  async function priorTasks(cellId: number, meeting: MeetingRecord | null): Promise<PriorTask[]> {
    const before = meeting?.startsAt ?? clock.now();
    const earlier = (await store.meetings.between(cellId, new Date(0), before, ['CLOSED'])).filter((m) => m.id !== meeting?.id);
    // Between meetings, the last one's own tasks are the ones to review.
    const previous = meeting ? earlier.at(-1) : earlier.at(-2);
    const since = previous?.startedAt ?? previous?.startsAt ?? new Date(0);
    const tasks = await store.tasks.forReview(cellId, before, since);
    const asOf = vietnamDate(meeting?.startedAt ?? clock.now());
    return tasks.map((task) => ({ task, review: reviewTask(facts(task), asOf) }));
  }

  async function voteLines(meetingId: number) {
    const votes = await store.votes.ofMeeting(meetingId);
    return votes.filter((v) => v.status === 'CLOSED' && v.result).map((v) => ({ ...v, ...(v.result as VoteResult) }));
  }

  /** The reviewer's private chat: where drafts and files go. */
  async function privateTarget(cellId: number, member: RosterMember) {
    const [target] = await delivery.privateTargets(cellId, member);
    if (!target) throw await unreachable(cellId);
    return target;
  }

  async function unreachable(cellId: number) {
    const [link] = await delivery.privateLinks(cellId);
    return new DomainError('minutes.privateUnreachable', link ? { link } : {});
  }

  /** Runs a private send; a platform refusal (a member who never opened the chat) becomes the clear error. */
  async function privately<T>(cellId: number, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ChannelError) throw await unreachable(cellId);
      throw error;
    }
  }

  async function sendReview(cell: CellRecord, draft: DraftRecord, reviewer: RosterMember, notice?: string) {
    const meeting = (await store.meetings.get(draft.meetingId))!;
    const target = await privateTarget(cell.id, reviewer);
    await delivery.closePrompts(draftSubject(draft.id));
    const prior = await priorTasks(meeting.cellId, meeting);
    await privately(cell.id, () => askIn(store, target, cell.id, {
      kind: 'minutes.review',
      payload: { draftId: draft.id },
      question: t.review({ meeting, draft: draft.content, source: draft.source, prior, ...(notice ? { notice } : {}) }),
      options: t.reviewOptions,
      subject: draftSubject(draft.id),
    }, clock.now()));
    return target;
  }

  /** The draft a review command is about: the cell's newest pending one. */
  async function pendingDraft(cellId: number): Promise<DraftRecord> {
    const draft = await store.minutes.pendingDraftOfCell(cellId);
    if (!draft) throw new DomainError('minutes.noDraft');
    return draft;
  }

  /** The roster name a reviewer means: the full name, or a given name only one member has. */
  async function ownerName(cellId: number, name: string): Promise<string> {
    const roster = await store.members.listCurrent(cellId);
    const key = nameKey(withoutTitle(name));
    const exact = roster.filter((m) => nameKey(m.fullName) === key);
    const given = roster.filter((m) => nameKey(m.fullName).split(' ').at(-1) === key);
    const match = exact.length === 1 ? exact : given;
    if (match.length !== 1) throw new DomainError('minutes.ownerUnknown', { name });
    return match[0]!.fullName;
  }

  /** The item a review code ("V2") names in a draft, with its list and place; an unknown code is refused. */
  function itemAt(content: MinutesDraft, code: string) {
    const ref = parseItemCode(code);
    const list: (DraftItem | DraftTask)[] = ref ? content[SECTION_CODES[ref.section]] : [];
    const item = ref ? list[ref.index] : undefined;
    if (!ref || !item) throw new DomainError('minutes.itemNotFound', { code });
    return { list, index: ref.index, item };
  }

  /** One change of the cell's pending draft by its reviewer: applied to a copy, stored, shown again. */
  async function reviseDraft(cell: CellRecord, reviewer: RosterMember, revise: (content: MinutesDraft) => void | Promise<void>) {
    const draft = await pendingDraft(cell.id);
    const content = structuredClone(draft.content);
    await revise(content);
    if (!(await store.minutes.updateDraft(draft.id, content))) throw new DomainError('minutes.noDraft');
    return sendReview(cell, { ...draft, content }, reviewer);
  }

  const service = {
    priorTasks,

    // ---- capture ----

    async capture(cellId: number, author: { member: RosterMember; account: string }, tag: CaptureTag, body: string, fields: Pick<NewCapture, 'ownerId' | 'ownerName' | 'dueOn'>) {
      const meeting = await meetings.held(cellId, 'minutes.noMeeting');
      refuseClassified(body);
      return store.minutes.capture(
        meeting.id,
        { tag, text: body, authorId: author.member.id, authorName: author.member.fullName, authorAccount: author.account, ...fields },
        clock.now(),
      );
    },

    async heldMeeting(cellId: number) {
      return meetings.held(cellId, 'minutes.noMeeting');
    },

    async undo(cellId: number, account: string) {
      const meeting = await meetings.held(cellId, 'minutes.noMeeting');
      const removed = await store.minutes.undoLast(meeting.id, account, clock.now());
      if (!removed) throw new DomainError('minutes.nothingToUndo');
      return removed;
    },

    async submitText(meeting: MeetingRecord, member: RosterMember, text: string) {
      refuseClassified(text);
      await store.minutes.setText(meeting.id, text, member.id, clock.now());
      return text.split('\n').filter((l) => l.trim()).length;
    },

    // ---- the draft and its review ----

    /** Drafts the outcome of a meeting and sends it to the requester privately; returns where it went. */
    async draft(cell: CellRecord, meeting: MeetingRecord, requester: RosterMember) {
      if (await store.minutes.approvedDraft(meeting.id)) throw new DomainError('minutes.alreadyApproved', { seq: meeting.seq });
      const captures = await store.minutes.captures(meeting.id);
      const text = await store.minutes.text(meeting.id);
      if (!captures.length && !text) throw new DomainError('minutes.nothingCaptured', { seq: meeting.seq });
      // Stored texts were checked when they came in; checked again because nothing marked may leave.
      refuseClassified(text, ...captures.map((c) => `${c.text}\n${c.ownerName ?? ''}`));
      // Reachable first: a draft nobody can review is not made (and no text is sent anywhere).
      await privateTarget(cell.id, requester);
      const members = (await store.members.listCurrent(cell.id)).map((m) => m.fullName);
      const snap = await meetings.snapshot(meeting);
      const votes = await voteLines(meeting.id);
      const request = {
        meeting: { seq: meeting.seq, kind: meeting.kind, date: vietnamDate(meeting.startsAt), topic: meeting.topic, cellName: cell.name },
        captures,
        text,
        members,
        context: t.context({ facts: snap.facts, votes }),
      };
      let content: MinutesDraft;
      let source: 'llm' | 'offline' = 'offline';
      let notice: string | undefined;
      const settings = await store.settings.get(cell.id);
      if (llm && settings.summariseWithLlm) {
        try {
          content = await llm.summarise(request);
          source = 'llm';
          // A model answer left empty by grounding (nothing it said was cited) is no draft to review.
          if (isEmptyDraft(content)) {
            notice = t.fallbackNotice(t.fallbackReasons.empty!);
            content = await offline.summarise(request);
            source = 'offline';
          }
        } catch (error) {
          const reason = error instanceof SummariserUnavailable ? error.reason : 'server';
          // Only the kind of failure: the error's message may quote the model's answer, i.e. meeting text.
          log.warn({ meetingId: meeting.id, reason, error: error instanceof Error ? error.name : typeof error }, 'LLM summary failed; using the offline summariser');
          notice = t.fallbackNotice(t.fallbackReasons[reason] ?? reason);
          content = await offline.summarise(request);
        }
      } else {
        content = await offline.summarise(request);
      }
      const draft = await store.minutes.createDraft(meeting.id, content, source, requester.id, clock.now());
      const target = await sendReview(cell, draft, requester, notice);
      return { draft, target };
    },

    async edit(cell: CellRecord, reviewer: RosterMember, code: string, change: { text: string | null; owner?: string | null; due?: string | null }) {
      refuseClassified(change.text);
      return reviseDraft(cell, reviewer, async (content) => {
        const { item } = itemAt(content, code);
        if ('what' in item) {
          if (change.text) item.what = change.text;
          if (change.owner !== undefined) item.ownerName = change.owner === null ? null : await ownerName(cell.id, change.owner);
          if (change.due !== undefined) item.dueOn = change.due;
        } else if (change.text) item.text = change.text;
        // What the reviewer writes is theirs: it cites the review.
        item.sources = [...new Set([...item.sources, 'review'])];
      });
    },

    async remove(cell: CellRecord, reviewer: RosterMember, code: string) {
      return reviseDraft(cell, reviewer, (content) => {
        const { list, index } = itemAt(content, code);
        list.splice(index, 1);
      });
    },

    async add(cell: CellRecord, reviewer: RosterMember, sectionCode: string, text: string, task: { owner: string | null; due: string | null }) {
      refuseClassified(text);
      const section = SECTION_CODES[sectionCode.toUpperCase() as SectionCode];
      if (!section) throw new DomainError('minutes.itemNotFound', { code: sectionCode });
      return reviseDraft(cell, reviewer, async (content) => {
        if (section === 'tasks') content.tasks.push({ what: text, ownerName: task.owner ? await ownerName(cell.id, task.owner) : null, dueOn: task.due, sources: ['review'] });
        else content[section].push({ text, sources: ['review'] });
      });
    },

    /** Approves once: stores conclusions and tasks, plans the tasks' reminders, posts to the group. */
    async approve(cell: CellRecord, draftId: number, reviewer: RosterMember) {
      const draft = await store.minutes.draft(draftId);
      if (!draft || draft.status !== 'PENDING') throw new DomainError('minutes.noDraft');
      const meeting = (await store.meetings.get(draft.meetingId))!;
      const roster = await store.members.listCurrent(cell.id);
      const now = clock.now();
      const tasks = draft.content.tasks.map((task) => {
        const owner = task.ownerName ? roster.find((m) => m.fullName === task.ownerName) ?? null : null;
        return { what: task.what, ownerId: owner?.id ?? null, ownerName: task.ownerName, dueOn: task.dueOn, sources: task.sources, reminders: planTaskReminders(task.dueOn, now) };
      });
      const outcomes = [
        ...draft.content.conclusions.map((i) => ({ kind: 'CONCLUSION' as const, text: i.text, sources: i.sources })),
        ...draft.content.resolutions.map((i) => ({ kind: 'RESOLUTION' as const, text: i.text, sources: i.sources })),
      ];
      const created = await store.minutes.approveDraft(draft.id, reviewer.id, now, outcomes, tasks);
      if (!created) throw new DomainError('minutes.noDraft');
      await delivery.closePrompts(draftSubject(draft.id));
      const owners = roster.filter((m) => created.some((task) => task.ownerId === m.id));
      await delivery.toGroups(
        cell.id,
        t.published({ meeting, conclusions: draft.content.conclusions.map((i) => i.text), resolutions: draft.content.resolutions.map((i) => i.text), tasks: created }),
        owners,
      );
      return { meeting, tasks: created };
    },

    async discard(cellId: number, draftId: number, reviewer: RosterMember) {
      const draft = await store.minutes.draft(draftId);
      if (!draft || !(await store.minutes.discardDraft(draftId, reviewer.id, clock.now()))) throw new DomainError('minutes.noDraft');
      await delivery.closePrompts(draftSubject(draftId));
      return (await store.meetings.get(draft.meetingId))!;
    },

    pendingDraft,
    isEmptyDraft,
    privately,

    // ---- the biên bản and the nghị quyết ----

    async documents(cell: CellRecord, meeting: MeetingRecord) {
      if (meeting.status !== 'CLOSED') throw new DomainError('minutes.notClosed', { seq: meeting.seq });
      const snap = await meetings.snapshot(meeting);
      const byId = new Map(snap.members.map((m) => [m.id, m]));
      const entries = snap.roll.map((e) => ({ entry: e, member: byId.get(e.memberId)!, record: snap.records.get(e.memberId) }));
      const home = entries.filter((x) => x.entry.status !== 'TEMP_IN');
      const absent = (x: (typeof entries)[number]) => x.entry.attendance !== 'PRESENT';
      const excused = home.filter((x) => x.entry.status === 'ACTIVE' && x.entry.attendance === 'ABSENT_EXCUSED');
      const unexcused = home.filter((x) => x.entry.status === 'ACTIVE' && x.entry.attendance === 'ABSENT_UNEXCUSED');
      const exemptAbsent = home.filter((x) => x.entry.status === 'EXEMPT' && absent(x));
      const away = home.filter((x) => x.entry.status === 'TEMP_OUT' && absent(x));
      const suspended = home.filter((x) => (x.entry.status === 'SUSPENDED' || x.entry.status === 'PROSECUTED') && absent(x));
      const roll = reconcileRoll({
        total: home.length,
        present: home.filter((x) => x.entry.attendance === 'PRESENT').length,
        excused: excused.length,
        unexcused: unexcused.length,
        exemptAbsent: exemptAbsent.length,
        away: away.length,
        suspended: suspended.length,
      });
      if (!roll.balanced) {
        const accounted = roll.total - roll.unaccounted;
        const missing = home.filter((x) => x.entry.status === 'ACTIVE' && x.entry.attendance === null).map((x) => x.member.fullName);
        const { balanced: _, ...counts } = roll;
        throw new DomainError('minutes.rollUnbalanced', { ...counts, accounted, names: missing.join(', ') });
      }
      const captures = await store.minutes.captures(meeting.id);
      const proceedings: MinutesRecordView['proceedings'] = [];
      for (const c of captures) {
        if (c.tag === 'TOPIC') proceedings.push({ topic: c.text, lines: [] });
        else {
          if (!proceedings.length) proceedings.push({ topic: null, lines: [] });
          proceedings.at(-1)!.lines.push({ author: c.authorName ?? '', tag: c.tag, text: c.tag === 'TASK' ? [c.text, c.ownerName, c.dueOn && formatDayMonthYear(c.dueOn)].filter(Boolean).join(' — ') : c.text });
        }
      }
      const outcomes = await store.minutes.outcomes(meeting.id);
      const approved = await store.minutes.approvedDraft(meeting.id);
      const votes = await voteLines(meeting.id);
      const adoption = [...votes].reverse().find((v) => v.kind === 'ORDINARY' && nameKey(v.subject).includes('nghi quyet')) as (VoteRecord & VoteResult) | undefined;
      const view: MinutesRecordView = {
        cellName: cell.name,
        organisationPath: cell.organisationPath,
        meeting: await meetings.describe(meeting),
        facts: snap.facts,
        roll,
        excused: excused.map((x) => ({ name: x.member.fullName, reason: x.record?.reason ?? null })),
        unexcused: unexcused.map((x) => x.member.fullName),
        exemptAbsent: exemptAbsent.map((x) => x.member.fullName),
        away: away.map((x) => x.member.fullName),
        guests: entries.filter((x) => x.entry.status === 'TEMP_IN' && x.entry.attendance === 'PRESENT').map((x) => x.member.fullName),
        proceedings,
        fullText: await store.minutes.text(meeting.id),
        votes,
        conclusions: outcomes.filter((o) => o.kind === 'CONCLUSION').map((o) => o.text),
        resolutions: outcomes.filter((o) => o.kind === 'RESOLUTION').map((o) => o.text),
        tasks: await store.tasks.ofMeeting(meeting.id),
        prior: await priorTasks(meeting.cellId, meeting),
        lastMonthNotes: approved?.content.lastMonthNotes.map((i) => i.text) ?? [],
        resolutionVote: adoption ? { yes: adoption.yes, base: adoption.base } : null,
        biThu: snap.members.find((m) => m.role === 'BI_THU')?.fullName ?? null,
        score: await scoreOf(meeting.id),
      };
      return [minutesDocument(view), resolutionDocument(view)];
    },

    // ---- tasks ----

    async openTasks(cellId: number) {
      return (await store.tasks.open(cellId)).map((task) => ({ task, review: reviewTask(facts(task), today()) }));
    },

    async markDone(cellId: number, seq: number, member: RosterMember, isCommittee: boolean) {
      const task = await store.tasks.bySeq(cellId, seq);
      if (!task) throw new DomainError('task.notFound', { seq });
      if (task.status === 'DONE') throw new DomainError('task.alreadyDone', { seq });
      // A task of a body (the chi ủy, a team) or of nobody in particular is closed by the committee.
      if (!isCommittee && task.ownerId !== member.id) throw new DomainError('task.notOwner', { seq, owner: task.ownerName ?? labels.role.CHI_UY_VIEN });
      if (!(await store.tasks.markDone(task.id, member.id, clock.now()))) throw new DomainError('task.alreadyDone', { seq });
      const done = (await store.tasks.get(task.id))!;
      await delivery.toGroups(cellId, t.taskDone({ task: done, by: member.fullName, late: reviewTask(facts(done), today()) === 'DONE_LATE' }));
      return done;
    },

    job(): Job {
      return {
        name: 'task-reminders',
        async runDue(now) {
          const claimed = (await claimDueReminders(store, 'task', now, instanceId)).flatMap((r) => (r.taskId === null ? [] : [{ ...r, taskId: r.taskId }]));
          const tasks = new Map<number, TaskRecord>();
          for (const r of claimed) {
            const task = await store.tasks.get(r.taskId);
            if (task) tasks.set(task.id, task);
          }
          const decision = decideTaskReminders(claimed, new Map([...tasks].map(([id, task]) => [id, facts(task)])), vietnamDate(now));
          for (const r of decision.skip) await store.reminders.finish(r.id, 'SKIPPED', now);
          for (const r of decision.send) {
            const task = tasks.get(r.taskId)!;
            try {
              if (r.offsetMinutes === OVERDUE_OFFSET) await delivery.toCommittee(task.cellId, t.taskOverdue({ task }));
              else await remindOwner(task, Math.round(r.offsetMinutes / (24 * 60)));
            } catch (error) {
              log.error({ err: error, taskId: task.id }, 'task reminder failed');
            }
            await store.reminders.finish(r.id, 'SENT', now);
          }
        },
      };
    },
  };

  /** The meeting's complete score with the sheet's criteria (§5.3: the self-assessment belongs in the biên bản). */
  async function scoreOf(meetingId: number): Promise<MinutesRecordView['score']> {
    const score = await store.reports.score(meetingId);
    if (!score || score.total === null || score.band === null) return null;
    const sheet = scoreSheet?.id === score.sheet ? scoreSheet : null;
    const rows = sheet
      ? sheet.criteria.map((c) => ({ label: c.label, max: c.max, points: score.points[c.id] ?? 0 }))
      : Object.entries(score.points).map(([id, points]) => ({ label: id, max: null, points }));
    return { sheetName: sheet?.name ?? score.sheet, total: score.total, band: score.band, rows };
  }

  /** Privately to the owner where the bot can write to them; otherwise in the group, tagging them. */
  async function remindOwner(task: TaskRecord, days: number) {
    const text = t.taskReminder({ task, days });
    const owner = task.ownerId === null ? null : (await store.members.listCurrent(task.cellId)).find((m) => m.id === task.ownerId) ?? null;
    const [target] = owner ? await delivery.privateTargets(task.cellId, owner) : [];
    const sent = target ? await target.channel.send(target.chat, { text }).then(() => true, () => false) : false;
    if (!sent) await delivery.toGroups(task.cellId, text, owner ? [owner] : []);
  }

  return service;
}

export type MinutesService = ReturnType<typeof createMinutesService>;
