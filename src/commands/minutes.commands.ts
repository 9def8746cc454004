// Minutes in the chat: #tags during the meeting, /bienban, the draft and its review (/tomtat, /suamuc,
// /duyet…), the biên bản and nghị quyết files (/xuatbienban), and tasks (/viec, /xong, /kiemdiem).
import type { MeetingRecord } from '../app/ports.ts';
import { refuseClassified } from '../app/minutes.ts';
import { DomainError } from '../domain/errors.ts';
import { isSecretariat } from '../domain/roster.ts';
import { vietnamDate } from '../domain/time.ts';
import { readUploadedText, UnsupportedUpload } from '../documents/read-text.ts';
import { renderMarkdown } from '../documents/markdown.ts';
import { minutesText as t, tagExamples } from '../text/minutes.ts';
import type { CommandContext, HandlerContext } from './context.ts';
import { readMeetingNumber } from './meeting-input.ts';
import { parseAssignment, parseEdit, parseTag, readDate, readDeadline } from './minutes-input.ts';
import type { CommandSpec, Feature } from './registry.ts';

/** The committee, or the meeting's thư ký: who keeps the minutes. */
function assertMinuteKeeper(ctx: HandlerContext, meeting: MeetingRecord, name: string) {
  if (!ctx.member) throw new DomainError('access.stranger');
  if (!isSecretariat(ctx.member.role) && meeting.minuteTakerId !== ctx.member.id) throw new DomainError('access.secretariatOrMinuteTaker', { name });
}

/** The meeting named by "số N", or the one being held, or the last one closed within a week. */
async function meetingOf(ctx: CommandContext) {
  const { seq, rest } = readMeetingNumber(ctx.args);
  const meeting = seq !== null ? await ctx.services.meetings.find(ctx.cell!.id, seq, []) : await ctx.services.meetings.current(ctx.cell!.id);
  return { meeting, rest };
}

const account = (ctx: HandlerContext) => `${ctx.channel.name}:${ctx.from.userId}`;

/** Reviews happen in private: a reviewer working in the group is told where the draft went. */
async function afterReviewStep(ctx: CommandContext, target: { chat: { chatId: string } }, seq: number) {
  if (ctx.chat.kind === 'group' && target.chat.chatId !== ctx.chat.chatId) await ctx.reply(t.draftSentPrivately({ seq, name: ctx.member!.fullName }));
}

async function reviewerMeeting(ctx: CommandContext) {
  const draft = await ctx.services.minutes.pendingDraft(ctx.cell!.id);
  const meeting = (await ctx.services.store.meetings.get(draft.meetingId))!;
  assertMinuteKeeper(ctx, meeting, ctx.event.kind === 'command' ? ctx.event.name : '');
  return { draft, meeting };
}

/** A command of the committee or the meeting's thư ký (checked against the meeting in `run`). */
const keeperCommand = (name: CommandSpec['name'], run: CommandSpec['run']): CommandSpec => ({
  name, scope: 'any', access: 'member', committeeCommand: true, run,
});

/** A step of the review of the cell's pending draft; a returned chat is where the new draft went. */
const reviewCommand = (name: CommandSpec['name'], step: (ctx: CommandContext, review: Awaited<ReturnType<typeof reviewerMeeting>>) => Promise<{ chat: { chatId: string } } | void>) =>
  keeperCommand(name, async (ctx) => {
    const review = await reviewerMeeting(ctx);
    const target = await step(ctx, review);
    if (target) await afterReviewStep(ctx, target, review.meeting.seq);
  });

const commands: CommandSpec[] = [
  keeperCommand('bienban', async (ctx) => {
    const { meeting, rest } = await meetingOf(ctx);
    assertMinuteKeeper(ctx, meeting, 'bienban');
    let text = rest;
    if (ctx.file) {
      try {
        text = await readUploadedText(ctx.file);
      } catch (error) {
        if (error instanceof UnsupportedUpload) throw new DomainError('minutes.upload', { name: ctx.file.name, reason: t.uploadReasons[error.reason] ?? error.reason });
        throw error;
      }
    }
    if (!text.trim()) throw new DomainError('minutes.textMissing');
    const lines = await ctx.services.minutes.submitText(meeting, ctx.member!, text);
    await ctx.reply(t.textReceived({ seq: meeting.seq, lines }));
  }),
  keeperCommand('tomtat', async (ctx) => {
    const { meeting } = await meetingOf(ctx);
    assertMinuteKeeper(ctx, meeting, 'tomtat');
    const { target } = await ctx.services.minutes.draft(ctx.cell!, meeting, ctx.member!);
    await afterReviewStep(ctx, target, meeting.seq);
  }),
  reviewCommand('suamuc', async (ctx, { meeting }) => {
    const m = /^([KNVDknvd]\s*\d{1,3})\s*([\s\S]*)$/.exec(ctx.args);
    if (!m) throw new DomainError('command.syntax');
    const edit = parseEdit(m[2]!.split('|'));
    const due = edit.due ? readDate(edit.due, vietnamDate(meeting.startsAt)) : edit.due;
    return ctx.services.minutes.edit(ctx.cell!, ctx.member!, m[1]!.replace(/\s+/g, ''), { text: edit.text, owner: edit.owner, due });
  }),
  reviewCommand('xoamuc', async (ctx) => {
    if (!ctx.args) throw new DomainError('command.syntax');
    return ctx.services.minutes.remove(ctx.cell!, ctx.member!, ctx.args.replace(/\s+/g, ''));
  }),
  reviewCommand('themmuc', async (ctx, { meeting }) => {
    const m = /^([KNVDknvd])\s+([\s\S]+)$/.exec(ctx.args);
    if (!m) throw new DomainError('command.syntax');
    const [first = '', ...more] = m[2]!.split('|');
    const edit = parseEdit(more.length ? ['', ...more] : []);
    const date = vietnamDate(meeting.startsAt);
    const { text, dueOn } = readDeadline(first, date);
    if (!text) throw new DomainError('command.syntax');
    return ctx.services.minutes.add(ctx.cell!, ctx.member!, m[1]!, text, { owner: edit.owner ?? null, due: edit.due ? readDate(edit.due, date) : dueOn });
  }),
  reviewCommand('duyet', async (ctx, { draft, meeting }) => {
    const { tasks } = await ctx.services.minutes.approve(ctx.cell!, draft.id, ctx.member!);
    if (ctx.chat.kind === 'private') await ctx.reply(t.approved({ seq: meeting.seq, tasks: tasks.length }));
  }),
  reviewCommand('huyduthao', async (ctx, { draft, meeting }) => {
    await ctx.services.minutes.discard(ctx.cell!.id, draft.id, ctx.member!);
    await ctx.reply(t.discarded({ seq: meeting.seq }));
  }),
  keeperCommand('xuatbienban', async (ctx) => {
    const { meeting } = await meetingOf(ctx);
    assertMinuteKeeper(ctx, meeting, 'xuatbienban');
    const documents = await ctx.services.minutes.documents(ctx.cell!, meeting);
    // The minutes are for the committee: they go to the requester's private chat, never to the group.
    const [target] = ctx.chat.kind === 'private' ? [{ channel: ctx.channel, chat: ctx.chat }] : await ctx.services.delivery.privateTargets(ctx.cell!.id, ctx.member!);
    if (!target) throw new DomainError('minutes.privateUnreachable', {});
    for (const [i, doc] of documents.entries()) {
      const caption = t.filesCaption({ seq: meeting.seq, what: i === 0 ? 'minutes' : 'resolution' });
      if (!target.channel.capabilities.files) {
        await ctx.services.minutes.privately(ctx.cell!.id, () => target.channel.send(target.chat, { text: `${caption}\n\n${renderMarkdown(doc)}` }));
        continue;
      }
      const { renderFiles } = await import('../documents/docx.ts'); // the docx library loads on the first export
      for (const file of await renderFiles(doc)) await ctx.services.minutes.privately(ctx.cell!.id, () => target.channel.sendFile(target.chat, file, caption));
    }
    if (target.chat.chatId !== ctx.chat.chatId) await ctx.reply(t.filesSentPrivately({ seq: meeting.seq, name: ctx.member!.fullName }));
  }),
  {
    name: 'viec',
    scope: 'any',
    access: 'member',
    async run(ctx) {
      await ctx.reply(t.taskList({ tasks: await ctx.services.minutes.openTasks(ctx.cell!.id) }));
    },
  },
  {
    name: 'xong',
    scope: 'any',
    access: 'member',
    async run(ctx) {
      const m = /^(?:\S+\s+)?#?(\d{1,5})$/.exec(ctx.args.trim());
      if (!m) throw new DomainError('command.syntax');
      await ctx.services.minutes.markDone(ctx.cell!.id, Number(m[1]), ctx.member!, isSecretariat(ctx.member!.role));
    },
  },
  {
    name: 'kiemdiem',
    scope: 'any',
    access: 'member',
    async run(ctx) {
      const [meeting = null] = [
        ...(await ctx.services.store.meetings.list(ctx.cell!.id, ['IN_PROGRESS'])),
        ...(await ctx.services.store.meetings.list(ctx.cell!.id, ['SCHEDULED'])),
      ];
      const prior = await ctx.services.minutes.priorTasks(ctx.cell!.id, meeting);
      await ctx.reply(prior.length ? t.priorReview({ prior }) : t.noPriorTasks());
    },
  },
];

export const minutesFeature: Feature = {
  commands,
  prompts: {
    async 'minutes.review'(ctx, prompt, optionId) {
      const { draftId } = prompt.payload as { draftId: number };
      const draft = await ctx.services.store.minutes.draft(draftId);
      if (!ctx.cell || !draft || draft.status !== 'PENDING') throw new DomainError('prompt.closed');
      const meeting = (await ctx.services.store.meetings.get(draft.meetingId))!;
      assertMinuteKeeper(ctx, meeting, 'duyet');
      if (optionId === 'approve') {
        const { tasks } = await ctx.services.minutes.approve(ctx.cell, draft.id, ctx.member!);
        return t.approved({ seq: meeting.seq, tasks: tasks.length });
      }
      if (optionId !== 'discard') throw new DomainError('prompt.closed');
      await ctx.services.minutes.discard(ctx.cell.id, draft.id, ctx.member!);
      return t.discarded({ seq: meeting.seq });
    },
  },
  text: {
    matches: (text) => parseTag(text) !== null,
    async run(ctx, text) {
      const tag = parseTag(text)!;
      if (ctx.chat.kind !== 'group' || !ctx.cell) return; // tags belong to a cell's group chat
      if (!ctx.member) throw new DomainError('access.stranger');
      refuseClassified(text.normalize('NFC'));
      if (tag.tag === 'UNDO') {
        const removed = await ctx.services.minutes.undo(ctx.cell.id, account(ctx));
        return ctx.channel.acknowledge(ctx.event, t.undone(removed));
      }
      if (!tag.body) throw new DomainError('minutes.emptyTag', { tag: tag.word, example: tagExamples[tag.tag] });
      const author = { member: ctx.member, account: account(ctx) };
      if (tag.tag !== 'TASK') {
        const item = await ctx.services.minutes.capture(ctx.cell.id, author, tag.tag, tag.body, { ownerId: null, ownerName: null, dueOn: null });
        return ctx.channel.acknowledge(ctx.event, t.captured({ ...item, ownerOnRoster: false }));
      }
      const meeting = await ctx.services.minutes.heldMeeting(ctx.cell.id);
      const roster = await ctx.services.store.members.listCurrent(ctx.cell.id);
      const task = parseAssignment(tag.body, roster, vietnamDate(meeting.startsAt));
      const item = await ctx.services.minutes.capture(ctx.cell.id, author, 'TASK', task.what || tag.body, { ownerId: task.owner?.id ?? null, ownerName: task.ownerName, dueOn: task.dueOn });
      return ctx.channel.acknowledge(ctx.event, t.captured({ ...item, ownerOnRoster: task.owner !== null }));
    },
  },
};
