// Meetings in the chat: schedule, RSVP, open, check in, facts, close; the monthly rule and settings.
import { findMember } from '../app/roster.ts';
import { meetingSubject } from '../app/delivery.ts';
import type { MeetingRecord, Rsvp } from '../app/ports.ts';
import { attendanceCriterion, isObliged, type Attendance } from '../domain/attendance.ts';
import { holidaysBetween, nextRuleOccurrence, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { isSecretariat, type RosterMember } from '../domain/roster.ts';
import { vietnamClock } from '../domain/time.ts';
import { minutesText } from '../text/minutes.ts';
import { meetingText as mt, meetingWords } from '../text/meetings.ts';
import type { CommandContext, HandlerContext } from './context.ts';
import {
  formParts, labelled, parseAttendanceSheet, parseMeetingForm, parseOffsets, parseRule, readDate, readMeetingNumber, readMembers, readWhen,
} from './meeting-input.ts';
import type { CommandSpec, Feature } from './registry.ts';
import { nameKey } from '../domain/names.ts';

interface MeetingPayload {
  meetingId: number;
}
interface ReasonPayload extends MeetingPayload {
  memberId: number;
}

/** A reason as typed, without the closing full stop the sentences around it add. */
const tidyReason = (text: string): string | null => text.trim().replace(/[.!;,\s]+$/u, '') || null;

const roll = (ctx: HandlerContext) => ctx.services.roster.list(ctx.cell!.id);

function member(members: readonly RosterMember[], reference: string): RosterMember {
  const found = findMember(members, reference);
  if (!found) throw new DomainError('member.notFound', { name: reference });
  return found;
}

/** The secretariat, or the minute-taker of the meeting in question (§8.3). */
function assertMayKeepRoll(ctx: CommandContext, meeting: MeetingRecord) {
  if (!isSecretariat(ctx.member!.role) && meeting.minuteTakerId !== ctx.member!.id) throw new DomainError('access.secretariatOrMinuteTaker', { name: ctx.event.kind === 'command' ? ctx.event.name : '' });
}

async function meetingOf(ctx: HandlerContext, payload: MeetingPayload): Promise<MeetingRecord> {
  const meeting = await ctx.services.store.meetings.get(payload.meetingId);
  if (!meeting || meeting.cellId !== ctx.cell?.id) throw new DomainError('prompt.closed');
  return meeting;
}

/**
 * /thamdu, /vang, /chuachac. A member answers for themself; a secretary may answer for others
 * ("/thamdu 5-12, Nguyễn Văn An" from a paper sign-up sheet, "/vang Hồ Văn Việt: ốm"), and the
 * record keeps who answered.
 */
function rsvpCommand(name: 'thamdu' | 'vang' | 'chuachac', answer: Rsvp): CommandSpec {
  return {
    name,
    scope: 'any',
    access: 'member',
    async run(ctx) {
      const { seq, rest } = readMeetingNumber(ctx.args);
      const members = await roll(ctx);
      const self = ctx.member!;
      let subjects: RosterMember[] = [self];
      let reason: string | null = null;
      if (answer === 'EXCUSED') {
        const colon = rest.indexOf(':');
        const other = colon > 0 ? findMember(members, rest.slice(0, colon)) : undefined;
        if (other) subjects = [other];
        reason = tidyReason(other ? rest.slice(colon + 1) : rest);
      } else if (rest) {
        subjects = readMembers(rest, members);
      }
      const onBehalf = subjects.some((m) => m.id !== self.id);
      if (onBehalf && !isSecretariat(self.role)) throw new DomainError('access.othersSecretariatOnly');
      const cellId = ctx.cell!.id;
      // During the meeting a secretary's "/vang" marks the roll; before it, it answers the invitation.
      if (onBehalf && answer === 'EXCUSED' && seq === null) {
        const [open] = await ctx.services.store.meetings.list(cellId, ['IN_PROGRESS']);
        if (open) {
          await ctx.services.meetings.mark(open, [{ memberId: subjects[0]!.id, attendance: 'ABSENT_EXCUSED', reason }], self);
          await ctx.reply(mt.marked({ names: [subjects[0]!.fullName], attendance: 'ABSENT_EXCUSED' }));
          return;
        }
      }
      const meeting = await ctx.services.meetings.find(cellId, seq, ['SCHEDULED']);
      for (const subject of subjects) {
        await ctx.services.meetings.rsvp(meeting, subject, answer, reason, subject.id === self.id ? null : self.id);
      }
      await ctx.reply(mt.rsvpRecorded({ names: subjects.map((m) => m.fullName), answer, reason, seq: meeting.seq, byName: onBehalf ? self.fullName : null }));
      if (answer === 'EXCUSED' && !reason && !onBehalf) {
        await ctx.awaitText({ kind: 'meeting.rsvpReason', payload: { meetingId: meeting.id, memberId: self.id } satisfies ReasonPayload, subject: meetingSubject(meeting.id), question: mt.askReason({ name: self.fullName }) });
      }
    },
  };
}

export const meetingFeature: Feature = {
  commands: [
    {
      name: 'lichhop',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        if (!ctx.args) throw new DomainError('command.syntax');
        const cellId = ctx.cell!.id;
        const form = parseMeetingForm(ctx.args, ctx.now);
        const members = await roll(ctx);
        const settings = await ctx.services.store.settings.get(cellId);
        const place = form.place ?? settings.rule?.place ?? null;
        if (!place) throw new DomainError('meeting.placeMissing');
        const chair = form.chair ? member(members, form.chair) : null;
        const meeting = await ctx.services.meetings.schedule(cellId, ctx.member!, {
          kind: form.kind, topic: form.topic, startsAt: form.startsAt, place, agenda: form.agenda ?? mt.defaultAgenda(form.kind), chairId: chair?.id ?? null,
        });
        if (ctx.chat.kind === 'private') await ctx.reply(mt.scheduledPrivately({ seq: meeting.seq }));
      },
    },
    {
      name: 'lich',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const meetings = (await ctx.services.store.meetings.list(ctx.cell!.id, ['DRAFT', 'SCHEDULED', 'IN_PROGRESS'])).filter(
          (m) => m.status !== 'DRAFT' || m.startsAt.getTime() > ctx.now.getTime(),
        );
        const rows = await Promise.all(meetings.map((m) => ctx.services.meetings.describe(m)));
        await ctx.reply(mt.upcoming({ cell: ctx.cell!.name, meetings: rows }));
      },
    },
    {
      name: 'doilich',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        const { seq, rest } = readMeetingNumber(ctx.args);
        const parts = formParts(rest);
        if (!parts.length) throw new DomainError('command.syntax');
        const change: { startsAt: Date | null; place: string | null; reason: string | null } = { startsAt: null, place: null, reason: null };
        for (const part of parts) {
          const field = labelled(part, meetingWords.changeLabel);
          const [name, value] = field ?? [change.startsAt ? 'reason' : 'when', part];
          if (name === 'when') change.startsAt = readWhen(value, ctx.now);
          else if (name === 'place') change.place = value;
          else change.reason = value;
        }
        if (!change.startsAt && !change.place) throw new DomainError('command.syntax');
        const meeting = await ctx.services.meetings.find(ctx.cell!.id, seq, ['SCHEDULED']);
        if (change.startsAt && change.startsAt.getTime() === meeting.startsAt.getTime() && !change.place) throw new DomainError('meeting.sameTime');
        await ctx.services.meetings.reschedule(meeting, ctx.member!, change);
      },
    },
    {
      name: 'huyhop',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        const { seq, rest } = readMeetingNumber(ctx.args);
        const meeting = await ctx.services.meetings.find(ctx.cell!.id, seq, ['SCHEDULED']);
        await ctx.services.meetings.cancel(meeting, ctx.member!, rest || null);
        // A draft was never announced: only the one who dropped it hears of it.
        if (meeting.status === 'DRAFT') await ctx.reply(mt.draftDropped({ seq: meeting.seq }));
        else if (ctx.chat.kind === 'private') await ctx.reply(mt.cancelledPrivately({ seq: meeting.seq }));
      },
    },
    rsvpCommand('thamdu', 'YES'),
    rsvpCommand('vang', 'EXCUSED'),
    rsvpCommand('chuachac', 'MAYBE'),
    {
      name: 'batdauhop',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        const members = await roll(ctx);
        let chairId: number | null = null;
        let minuteTakerId: number | null = null;
        for (const part of formParts(ctx.args.replace(/,\s*(?=\S+\s*\S*\s*:)/g, '\n'))) {
          const field = labelled(part, meetingWords.roleLabel);
          if (!field) throw new DomainError('command.syntax');
          const who = member(members, field[1]);
          if (field[0] === 'chair') chairId = who.id;
          else minuteTakerId = who.id;
        }
        const meeting = await ctx.services.meetings.start(ctx.cell!.id, ctx.member!, { chairId, minuteTakerId });
        const snap = await ctx.services.meetings.snapshot(meeting);
        const view = await ctx.services.meetings.describe(meeting);
        await ctx.services.delivery.toGroups(ctx.cell!.id, mt.started({ ...view, at: meeting.startedAt! }));
        await ctx.services.delivery.toGroups(ctx.cell!.id, mt.facts({ ...view, ...snap, flags: [] }));
        // The content part of the meeting opens with last month's resolution (§5.2): the tasks the bot follows.
        const prior = await ctx.services.minutes.priorTasks(meeting.cellId, meeting);
        if (prior.length) await ctx.services.delivery.toGroups(ctx.cell!.id, minutesText.priorReview({ prior }));
        await ctx.services.meetings.askCheckIn(meeting);
      },
    },
    {
      name: 'comat',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        await ctx.services.meetings.checkIn(await ctx.services.meetings.held(ctx.cell!.id), ctx.member!);
        await ctx.reply(mt.checkedIn({ name: ctx.member!.fullName }));
      },
    },
    {
      name: 'diemdanh',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const meeting = await ctx.services.meetings.current(ctx.cell!.id);
        assertMayKeepRoll(ctx, meeting);
        const members = await roll(ctx);
        const lines = parseAttendanceSheet(ctx.args, members);
        const snap = await ctx.services.meetings.snapshot(meeting);
        const named = new Set(lines.flatMap((l) => l.members.map((m) => m.id)));
        const marks: { memberId: number; attendance: Attendance; reason: string | null }[] = [];
        for (const line of lines) {
          const targets = line.rest
            ? members.filter((m) => !named.has(m.id) && isObliged(snap.roll.find((e) => e.memberId === m.id)!) && !snap.records.get(m.id)?.attendance)
            : line.members;
          for (const m of targets) marks.push({ memberId: m.id, attendance: line.attendance, reason: line.reasons.get(m.id) ?? snap.records.get(m.id)?.rsvpReason ?? null });
        }
        await ctx.services.meetings.mark(meeting, marks, ctx.member!);
        const byAttendance = (a: Attendance) => marks.filter((x) => x.attendance === a).map((x) => members.find((m) => m.id === x.memberId)!.fullName);
        await ctx.reply(mt.sheetRecorded({ present: byAttendance('PRESENT'), excused: byAttendance('ABSENT_EXCUSED'), unexcused: byAttendance('ABSENT_UNEXCUSED') }));
      },
    },
    {
      name: 'chapnhan',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        if (!ctx.args) throw new DomainError('command.syntax');
        const meeting = await ctx.services.meetings.current(ctx.cell!.id);
        const who = readMembers(ctx.args, await roll(ctx));
        await ctx.services.meetings.approveExcuses(meeting, who, ctx.member!);
        await ctx.reply(mt.excusesApproved({ names: who.map((m) => m.fullName) }));
      },
    },
    {
      name: 'tinhhinh',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const { seq } = readMeetingNumber(ctx.args);
        const cellId = ctx.cell!.id;
        const meeting =
          seq !== null
            ? await ctx.services.meetings.find(cellId, seq, [])
            : ((await ctx.services.store.meetings.list(cellId, ['IN_PROGRESS', 'SCHEDULED']))[0] ?? (await ctx.services.meetings.current(cellId)));
        const snap = await ctx.services.meetings.snapshot(meeting);
        const view = await ctx.services.meetings.describe(meeting);
        if (meeting.status === 'SCHEDULED' || meeting.status === 'DRAFT') {
          await ctx.reply(mt.rsvpSummary({ ...view, ...snap, waiting: ctx.services.meetings.nonResponders(snap).map((m) => m.fullName) }));
        } else {
          const flags = meeting.status === 'CLOSED' ? await ctx.services.meetings.criterionOf(snap) : attendanceCriterion(snap.facts, 0);
          await ctx.reply(mt.facts({ ...view, ...snap, flags }));
        }
      },
    },
    {
      name: 'ketthuchop',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const open = await ctx.services.meetings.held(ctx.cell!.id);
        assertMayKeepRoll(ctx, open);
        const openVotes = (await ctx.services.store.votes.ofMeeting(open.id)).filter((v) => v.status === 'OPEN');
        if (openVotes.length) throw new DomainError('vote.stillOpen', { numbers: openVotes.map((v) => v.seq).join(', ') });
        const result = await ctx.services.meetings.close(ctx.cell!.id, ctx.member!);
        const view = await ctx.services.meetings.describe(result.snap.meeting);
        await ctx.services.delivery.toGroups(ctx.cell!.id, mt.closed({ ...view, ...result.snap, duration: result.duration, unmarked: result.unmarked.map((m) => m.fullName), flags: result.criterion }));
        if ((await ctx.services.store.minutes.captures(open.id)).length) await ctx.services.delivery.toGroups(ctx.cell!.id, minutesText.closedHint());
      },
    },
    {
      name: 'lichdinhky',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const cellId = ctx.cell!.id;
        const settings = ctx.services.store.settings;
        if (ctx.args && !isSecretariat(ctx.member!.role)) throw new DomainError('access.secretariatOnly', { name: 'lichdinhky' });
        if (meetingWords.off.includes(nameKey(ctx.args))) {
          await ctx.services.meetings.setRule(cellId, null);
          await ctx.reply(mt.ruleCleared());
          return;
        }
        if (ctx.args) await ctx.services.meetings.setRule(cellId, parseRule(ctx.args));
        const { rule } = await settings.get(cellId);
        if (!rule) {
          await ctx.reply(mt.ruleNone());
          return;
        }
        const today = vietnamClock(ctx.now).date;
        const next = nextRuleOccurrence(rule, today, await ctx.services.meetings.holidaySet(cellId, today, `${Number(today.slice(0, 4)) + 2}-01-01`));
        await ctx.reply(mt.ruleShown({ ...rule, next: next.date }));
        // Setting the rule drafts the next meeting at once, for the secretary to confirm.
        if (ctx.args) await ctx.services.meetings.draftFromRule(cellId, null);
      },
    },
    {
      name: 'ngaynghi',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const cellId = ctx.cell!.id;
        const [verb = '', ...rest] = ctx.args.split(/\s+/).filter(Boolean);
        const action = meetingWords.holidayVerb[nameKey(verb)];
        if (ctx.args && !action) throw new DomainError('command.syntax');
        if (action) {
          if (!isSecretariat(ctx.member!.role)) throw new DomainError('access.secretariatOnly', { name: 'ngaynghi' });
          const date = readDate(rest[0] ?? '');
          if (action === 'remove') {
            if (!(await ctx.services.meetings.removeHoliday(cellId, date))) throw new DomainError('holiday.notFound', { value: rest[0] ?? '' });
          } else {
            await ctx.services.meetings.setHoliday(cellId, date, rest.slice(1).join(' ') || mt.holidayDefaultLabel(action), action === 'add');
          }
        }
        const year = Number(vietnamClock(ctx.now).date.slice(0, 4));
        const overrides = await ctx.services.meetings.holidayOverrides(cellId);
        const from: IsoDate = `${year}-01-01`;
        await ctx.reply(mt.holidays({ holidays: holidaysBetween(from, `${year + 1}-12-31`, overrides), worked: overrides.removed }));
      },
    },
    {
      name: 'caidat',
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const cellId = ctx.cell!.id;
        const store = ctx.services.store.settings;
        if (ctx.args) {
          if (!isSecretariat(ctx.member!.role)) throw new DomainError('access.secretariatOnly', { name: 'caidat' });
          for (const part of formParts(ctx.args)) {
            const field = labelled(part, meetingWords.settingLabel);
            if (!field) throw new DomainError('settings.unknown', { value: part });
            const [name, value] = field;
            if (name === 'electronicSecret' || name === 'llm') {
              const key = nameKey(value);
              if (!meetingWords.on.includes(key) && !meetingWords.off.includes(key)) throw new DomainError('settings.unknown', { value: part });
              const on = meetingWords.on.includes(key);
              await store.update(cellId, name === 'llm' ? { summariseWithLlm: on } : { electronicSecretBallot: on }, ctx.now);
            } else if (name === 'reminders') {
              await store.update(cellId, { reminderOffsets: meetingWords.off.includes(nameKey(value)) ? [] : parseOffsets(value) }, ctx.now);
            } else {
              const minutes = /^(\d{1,3})/.exec(value.trim());
              if (!minutes || Number(minutes[1]) < 15) throw new DomainError('settings.durationInvalid', { value });
              await store.update(cellId, { minMeetingMinutes: Number(minutes[1]) }, ctx.now);
            }
          }
        }
        await ctx.reply(mt.settingsShown(await store.get(cellId)));
      },
    },
  ],
  prompts: {
    async 'meeting.rsvp'(ctx, prompt, optionId) {
      if (!ctx.member) throw new DomainError('access.stranger');
      const meeting = await meetingOf(ctx, prompt.payload as MeetingPayload);
      if (!optionId) {
        // The member took back their poll answer: no answer again, as before they chose.
        await ctx.services.meetings.rsvp(meeting, ctx.member, null, null, null);
        return mt.rsvpWithdrawn({ seq: meeting.seq });
      }
      const answer = meetingWords.rsvpOption[optionId];
      if (!answer) throw new DomainError('prompt.closed');
      await ctx.services.meetings.rsvp(meeting, ctx.member, answer, null, null);
      if (answer === 'EXCUSED') {
        await ctx.awaitText({ kind: 'meeting.rsvpReason', payload: { meetingId: meeting.id, memberId: ctx.member.id } satisfies ReasonPayload, subject: meetingSubject(meeting.id), question: mt.askReason({ name: ctx.member.fullName }) });
      }
      return mt.rsvpNotice({ answer, seq: meeting.seq });
    },
    async 'meeting.rsvpReason'(ctx, prompt, typed) {
      const payload = prompt.payload as ReasonPayload;
      if (ctx.member?.id !== payload.memberId) return;
      if (!(await ctx.services.store.prompts.close(prompt.id, ctx.now))) return;
      const meeting = await meetingOf(ctx, payload);
      if (meeting.status !== 'SCHEDULED') throw new DomainError('meeting.rsvpClosed', { seq: meeting.seq });
      // Changed the answer, or gave the reason with /vang meanwhile: this message is just a message.
      const record = (await ctx.services.store.meetings.attendance(meeting.id)).find((r) => r.memberId === payload.memberId);
      if (record?.rsvp !== 'EXCUSED' || record.rsvpReason) return;
      const reason = tidyReason(typed) ?? typed;
      await ctx.services.meetings.setRsvpReason(meeting, ctx.member, reason);
      return mt.reasonRecorded({ name: ctx.member.fullName, reason });
    },
    async 'meeting.checkin'(ctx, prompt, optionId) {
      if (!ctx.member) throw new DomainError('access.stranger');
      // A retracted "có mặt" does not mean the member left; the chair corrects the roll with /diemdanh.
      if (!optionId) return;
      const meeting = await meetingOf(ctx, prompt.payload as MeetingPayload);
      await ctx.services.meetings.checkIn(meeting, ctx.member);
      return mt.checkInNotice();
    },
    async 'meeting.draft'(ctx, prompt, optionId) {
      if (!ctx.member || !isSecretariat(ctx.member.role)) throw new DomainError('prompt.secretariatOnly');
      const meeting = await meetingOf(ctx, prompt.payload as MeetingPayload);
      if (meeting.status !== 'DRAFT') throw new DomainError('prompt.closed');
      if (optionId === 'confirm') {
        await ctx.services.delivery.closePrompts(meetingSubject(meeting.id));
        await ctx.services.meetings.confirmDraft(meeting, ctx.member);
        return;
      }
      await ctx.services.meetings.cancel(meeting, ctx.member, null);
      await ctx.reply(mt.draftDropped({ seq: meeting.seq }));
    },
  },
};
