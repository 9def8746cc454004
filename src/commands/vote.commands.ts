// Open votes (biểu quyết) in the chat: /bieuquyet opens, members press, /ketthucbieuquyet closes.
import { DomainError } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import { isSecretariat } from '../domain/roster.ts';
import { DECISION_RULES, type DecisionKind } from '../domain/votes.ts';
import { voteText as vt, voteWords } from '../text/votes.ts';
import type { HandlerContext } from './context.ts';
import { readMeetingNumber } from './meeting-input.ts';
import type { Feature } from './registry.ts';

interface ConfirmPayload {
  kind: DecisionKind;
  subject: string;
  askedBy: number;
}

/** "kết nạp | Quần chúng Nguyễn Văn Nam" → ADMISSION; without "|" an ordinary resolution. */
export function parseVote(args: string): { kind: DecisionKind; subject: string } {
  const bar = args.indexOf('|');
  if (bar < 0) return { kind: 'ORDINARY', subject: args.trim() };
  const label = args.slice(0, bar).trim();
  const kind = voteWords[nameKey(label)];
  if (!kind) throw new DomainError('vote.kindUnknown', { value: label });
  return { kind, subject: args.slice(bar + 1).trim() };
}

async function openVote(ctx: HandlerContext, kind: DecisionKind, subject: string) {
  await ctx.services.votes.open(ctx.cell!.id, ctx.member!, kind, subject);
}

export const voteFeature: Feature = {
  commands: [
    {
      name: 'bieuquyet',
      scope: 'group',
      access: 'secretariat',
      async run(ctx) {
        const { kind, subject } = parseVote(ctx.args);
        if (!subject) throw new DomainError('command.syntax');
        if (!DECISION_RULES[kind].forms.includes('OPEN')) throw new DomainError('vote.secretOnly');
        const meeting = await ctx.services.votes.heldMeeting(ctx.cell!.id);
        const { preview } = await ctx.services.votes.preview(meeting, kind);
        if (preview.feasible) return openVote(ctx, kind, subject);
        // Before a vote that cannot pass, the secretary decides whether to hold it anyway (issue 4).
        const payload: ConfirmPayload = { kind, subject, askedBy: ctx.member!.id };
        await ctx.ask({
          kind: 'vote.confirmOpen', payload,
          question: vt.infeasible({ kind, subject, threshold: DECISION_RULES[kind].threshold, ...preview }),
          options: vt.confirmOptions,
        });
      },
    },
    {
      name: 'ketthucbieuquyet',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        const vote = await ctx.services.votes.openVote(ctx.cell!.id, readMeetingNumber(ctx.args).seq);
        await ctx.services.votes.close(vote);
      },
    },
  ],
  prompts: {
    async 'vote.cast'(ctx, prompt, optionId) {
      if (!ctx.member || !ctx.cell) throw new DomainError('access.stranger');
      const { voteId } = prompt.payload as { voteId: number };
      const outcome = await ctx.services.votes.cast(ctx.cell.id, voteId, ctx.member, optionId);
      const vote = (await ctx.services.store.votes.get(voteId))!;
      return vt.castNotice({ seq: vote.seq, choice: optionId, changed: outcome === 'changed' });
    },
    async 'vote.confirmOpen'(ctx, prompt, optionId) {
      const payload = prompt.payload as ConfirmPayload;
      if (!ctx.member || !isSecretariat(ctx.member.role) || ctx.member.id !== payload.askedBy) throw new DomainError('prompt.notForYou');
      if (!(await ctx.services.store.prompts.close(prompt.id, ctx.now))) throw new DomainError('prompt.closed');
      if (prompt.messageId) await ctx.channel.closeAsk({ chat: ctx.chat, messageId: prompt.messageId });
      if (optionId !== 'open') {
        await ctx.reply(vt.notOpened());
        return;
      }
      await openVote(ctx, payload.kind, payload.subject);
    },
  },
};
