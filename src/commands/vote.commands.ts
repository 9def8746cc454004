// Votes in the chat: /bieuquyet (show of hands), /bophieukin (secret: electronic in private chats, or
// paper with the counting committee's totals), /ketthucbieuquyet, /kiemphieu, /phieu.
import { findMember } from '../app/roster.ts';
import type { PaperCount } from '../app/votes.ts';
import { DomainError } from '../domain/errors.ts';
import { nameKey, tidyName } from '../domain/names.ts';
import { isSecretariat, type RosterMember } from '../domain/roster.ts';
import { DECISION_RULES, type DecisionKind } from '../domain/votes.ts';
import { ballotOptions as ballotOptionsOf, deadlineLabel, electionWords, paperWords, voteText as vt, voteWords } from '../text/votes.ts';
import type { CommandContext, HandlerContext } from './context.ts';
import { formParts, labelled, readMeetingNumber } from './meeting-input.ts';
import type { Feature } from './registry.ts';

interface ConfirmPayload {
  kind: DecisionKind;
  subject: string;
  secret: boolean;
  aboutMemberId: number | null;
  minutes: number | null;
  askedBy: number;
}

/** "… | hạn: 15 phút" at the end: the vote closes by itself after that many minutes (1 to 240). */
export function splitDeadline(args: string): { rest: string; minutes: number | null } {
  const bar = args.lastIndexOf('|');
  const tail = bar >= 0 ? args.slice(bar + 1) : '';
  const m = /^\s*(.+?)\s*:\s*(\d{1,3})\s*(?:phut|p|')?\s*$/.exec(nameKey(tail));
  if (!m || !deadlineLabel.includes(m[1]!)) return { rest: args, minutes: null };
  const minutes = Number(m[2]);
  if (minutes < 1 || minutes > 240) throw new DomainError('vote.deadlineInvalid');
  return { rest: args.slice(0, bar), minutes };
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

/**
 * "phát ra: 30 | thu về: 30 | hợp lệ: 29 | tán thành: 25 | …" — the labels of the ballot's options, or the
 * candidates' names in an election.
 */
export function parsePaperCount(text: string, options: readonly string[]): PaperCount {
  const count: PaperCount = { issued: -1, collected: -1, valid: -1, counts: {} };
  for (const part of formParts(text)) {
    const m = /^(.+?)\s*:\s*(\d{1,4})$/.exec(part);
    const label = m ? nameKey(m[1]!) : '';
    const key = paperWords[label] ?? options.find((o) => nameKey(o) === label);
    if (!m || !key) throw new DomainError('paper.syntax', { value: part });
    const n = Number(m[2]);
    if (key === 'issued' || key === 'collected' || key === 'valid') count[key] = n;
    else count.counts[key] = n;
  }
  if (count.issued < 0 || count.collected < 0 || count.valid < 0) throw new DomainError('paper.syntax', { value: text });
  return count;
}

/** "Bí thư chi bộ | số lượng: 1 | ứng cử viên: Nguyễn Văn Bình, Trần Thị Hoa" */
export function parseElection(args: string): { title: string; seats: number; candidates: string[] } {
  const [title, ...parts] = formParts(args);
  let seats = 1;
  let candidates: string[] = [];
  for (const part of parts) {
    const field = labelled(part, electionWords);
    if (!field) throw new DomainError('election.syntax');
    if (field[0] === 'seats') {
      if (!/^\d{1,2}$/.test(field[1]) || Number(field[1]) < 1) throw new DomainError('election.syntax');
      seats = Number(field[1]);
    } else {
      candidates = field[1].split(',').map((c) => tidyName(c)).filter(Boolean);
    }
  }
  if (!title || !candidates.length) throw new DomainError('election.syntax');
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(nameKey(c))) throw new DomainError('election.duplicateCandidate', { name: c });
    seen.add(nameKey(c));
  }
  return { title, seats, candidates };
}

async function open(ctx: HandlerContext, payload: Omit<ConfirmPayload, 'askedBy'>) {
  const about = payload.aboutMemberId === null ? null : ((await ctx.services.roster.list(ctx.cell!.id)).find((m) => m.id === payload.aboutMemberId) ?? null);
  await ctx.services.votes.open(ctx.cell!.id, ctx.member!, { kind: payload.kind, subject: payload.subject, secret: payload.secret, about, minutes: payload.minutes });
}

/** Opens at once when the threshold can be reached; otherwise asks the secretary first (issue 4). */
async function openOrConfirm(ctx: CommandContext, secret: boolean) {
  const { rest, minutes } = splitDeadline(ctx.args);
  const { kind, subject } = parseVote(rest);
  if (!subject) throw new DomainError('command.syntax');
  if (!secret && !DECISION_RULES[kind].forms.includes('OPEN')) throw new DomainError('vote.secretOnly');
  let about: RosterMember | null = null;
  if (kind === 'DISCIPLINE') {
    about = findMember(await ctx.services.roster.list(ctx.cell!.id), subject) ?? null;
    if (!about) throw new DomainError('vote.disciplineWho');
  }
  const meeting = await ctx.services.votes.heldMeeting(ctx.cell!.id);
  const { preview } = await ctx.services.votes.preview(meeting, kind);
  const payload = { kind, subject: about?.fullName ?? subject, secret, aboutMemberId: about?.id ?? null, minutes };
  if (preview.feasible) return open(ctx, payload);
  await ctx.ask({
    kind: 'vote.confirmOpen',
    payload: { ...payload, askedBy: ctx.member!.id } satisfies ConfirmPayload,
    question: vt.infeasible({ kind, subject: payload.subject, threshold: DECISION_RULES[kind].threshold, ...preview }),
    options: vt.confirmOptions,
  });
}

export const voteFeature: Feature = {
  commands: [
    { name: 'bieuquyet', scope: 'group', access: 'secretariat', run: (ctx) => openOrConfirm(ctx, false) },
    { name: 'bophieukin', scope: 'group', access: 'secretariat', run: (ctx) => openOrConfirm(ctx, true) },
    {
      name: 'ketthucbieuquyet',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        const vote = await ctx.services.votes.openVote(ctx.cell!.id, readMeetingNumber(ctx.args).seq);
        await ctx.services.votes.close(vote);
      },
    },
    {
      name: 'kiemphieu',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        if (!ctx.args) throw new DomainError('command.syntax');
        const { seq, rest } = readMeetingNumber(ctx.args.replace(/^\s*\|\s*/, ''));
        const vote = await ctx.services.votes.openVote(ctx.cell!.id, seq);
        await ctx.services.votes.enterPaperCount(vote, parsePaperCount(rest, vote.options));
      },
    },
    {
      name: 'baucu',
      scope: 'group',
      access: 'secretariat',
      async run(ctx) {
        await ctx.services.votes.openElection(ctx.cell!.id, ctx.member!, parseElection(ctx.args));
      },
    },
    {
      name: 'phieu',
      scope: 'private',
      access: 'member',
      async run(ctx) {
        const pending = await ctx.services.votes.pendingBallots(ctx.cell!.id, ctx.member!);
        if (!pending.length) {
          await ctx.reply(vt.noPendingBallot());
          return;
        }
        for (const vote of pending) {
          await ctx.ask({ kind: 'vote.secret', payload: { voteId: vote.id }, question: vt.privateBallot(vote), options: ballotOptionsOf(vote.options), subject: `vote:${vote.id}` });
        }
      },
    },
  ],
  prompts: {
    async 'vote.cast'(ctx, prompt, optionId) {
      if (!ctx.member || !ctx.cell) throw new DomainError('access.stranger');
      const { voteId } = prompt.payload as { voteId: number };
      if (!optionId) return vt.withdrawnNotice({ seq: (await ctx.services.votes.withdraw(ctx.cell.id, voteId, ctx.member)).seq });
      const { outcome, vote } = await ctx.services.votes.cast(ctx.cell.id, voteId, ctx.member, optionId);
      return vt.castNotice({ seq: vote.seq, choice: optionId, changed: outcome === 'changed' });
    },
    async 'vote.secret'(ctx, prompt, optionId) {
      if (!ctx.member || !ctx.cell) throw new DomainError('access.stranger');
      const { voteId } = prompt.payload as { voteId: number };
      const vote = await ctx.services.votes.castSecret(ctx.cell.id, voteId, ctx.member, optionId);
      // The ballot is spent: its buttons go, so the private chat shows no choice either.
      await ctx.services.store.prompts.close(prompt.id, ctx.now);
      if (prompt.messageId) await ctx.channel.closeAsk({ chat: ctx.chat, messageId: prompt.messageId });
      return vt.secretNotice({ seq: vote.seq });
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
      await open(ctx, payload);
    },
  },
};
