// Open votes (biểu quyết) at a meeting: open with a snapshot of who may vote, cast, close with the
// Charter's threshold. The rules are in domain/votes.ts and domain/attendance.ts.
import { isVoter } from '../domain/attendance.ts';
import { DomainError } from '../domain/errors.ts';
import { DECISION_RULES, MIN_OFFICIAL_FOR_VOTE, outcome, passes, type DecisionKind, type Outcome } from '../domain/votes.ts';
import type { RosterMember } from '../domain/roster.ts';
import { OPEN_CHOICES, voteText as vt } from '../text/votes.ts';
import type { Delivery } from './delivery.ts';
import type { MeetingService } from './meetings.ts';
import type { Clock, MeetingRecord, Store, VoteRecord } from './ports.ts';

export const voteSubject = (voteId: number) => `vote:${voteId}`;

export interface OpenVoteResult extends Outcome {
  counts: { yes: number; no: number; other: number };
  voted: number;
  eligible: number;
}

export interface VotePreview {
  base: number;
  eligible: number;
  needed: number;
  feasible: boolean;
}

export function createVoteService({ store, clock, delivery, meetings }: { store: Store; clock: Clock; delivery: Delivery; meetings: MeetingService }) {
  const heldMeeting = (cellId: number): Promise<MeetingRecord> => meetings.held(cellId, 'vote.noMeeting');

  /** D and who may vote now (§9): official members counted in D and present. */
  async function preview(meeting: MeetingRecord, kind: DecisionKind) {
    const snap = await meetings.snapshot(meeting);
    if (snap.facts.roll.official < MIN_OFFICIAL_FOR_VOTE) throw new DomainError('vote.cellTooSmall');
    const eligible = snap.roll.filter((e) => isVoter(e, meeting.kind)).map((e) => e.memberId);
    const { threshold } = DECISION_RULES[kind];
    const base = snap.facts.voteBase;
    const result: VotePreview = { base, eligible: eligible.length, needed: outcome(threshold, 0, base).needed, feasible: passes(threshold, eligible.length, base) };
    return { preview: result, eligible };
  }

  async function progressText(vote: VoteRecord) {
    const counts = await store.votes.counts(vote.id);
    const voted = Object.values(counts).reduce((a, b) => a + b, 0);
    return vt.progress({ seq: vote.seq, voted, eligible: (await store.votes.eligible(vote.id)).length });
  }

  return {
    heldMeeting,
    preview,

    /** Opens the vote and asks every group; the caller has already warned when it cannot pass. */
    async open(cellId: number, actor: RosterMember, kind: DecisionKind, subject: string): Promise<VoteRecord> {
      const rule = DECISION_RULES[kind];
      // Discipline and elections are secret by rule (§3.5): never by a show of hands.
      if (!rule.forms.includes('OPEN')) throw new DomainError('vote.secretOnly');
      const meeting = await heldMeeting(cellId);
      const { preview: p, eligible } = await preview(meeting, kind);
      const vote = await store.votes.open(
        { cellId, meetingId: meeting.id, kind, form: 'OPEN', subject, threshold: rule.threshold, base: p.base, eligible, openedById: actor.id },
        clock.now(),
      );
      await delivery.askGroups(cellId, {
        kind: 'vote.cast', payload: { voteId: vote.id }, question: vt.ballot({ ...vote, ...p }), options: OPEN_CHOICES, subject: voteSubject(vote.id),
      });
      const refs = await delivery.toGroups(cellId, await progressText(vote));
      await store.votes.setProgress(vote.id, refs.map((r) => ({ channel: r.chat.channel, chatId: r.chat.chatId, messageId: r.messageId })));
      return vote;
    },

    /** A member's ballot; refusals say why (probationary, not eligible, closed). */
    async cast(cellId: number, voteId: number, member: RosterMember, choice: string): Promise<'recorded' | 'changed'> {
      const vote = await store.votes.get(voteId);
      // A button of another cell's vote (a forwarded message, a forged callback) counts nowhere.
      if (!vote || vote.cellId !== cellId) throw new DomainError('prompt.closed');
      if (!OPEN_CHOICES.some((c) => c.id === choice)) throw new DomainError('prompt.closed');
      const outcome = await store.votes.cast(voteId, member.id, choice, clock.now());
      if (outcome === 'closed') throw new DomainError('vote.closed', { seq: vote.seq });
      if (outcome === 'ineligible') throw new DomainError(member.membership === 'DU_BI' ? 'vote.probationary' : 'vote.notEligible');
      await delivery.editWhereEditable(vote.progress, await progressText(vote));
      return outcome;
    },

    /** Closes the vote once and announces the result with the rule used. */
    async close(vote: VoteRecord): Promise<OpenVoteResult> {
      const counts = await store.votes.closeAndCount(vote.id, clock.now());
      if (!counts) throw new DomainError('vote.closed', { seq: vote.seq });
      const [yes, no, other] = [counts.yes ?? 0, counts.no ?? 0, counts.other ?? 0];
      const eligible = (await store.votes.eligible(vote.id)).length;
      const result: OpenVoteResult = { ...outcome(vote.threshold, yes, vote.base), counts: { yes, no, other }, voted: yes + no + other, eligible };
      await store.votes.setResult(vote.id, result);
      await delivery.closePrompts(voteSubject(vote.id));
      await delivery.toGroups(vote.cellId, vt.result({ ...vote, ...result }));
      return result;
    },

    /** The open vote of the meeting being held: the numbered one, or the only one. */
    async openVote(cellId: number, seq: number | null): Promise<VoteRecord> {
      const meeting = await heldMeeting(cellId);
      const open = (await store.votes.ofMeeting(meeting.id)).filter((v) => v.status === 'OPEN' && (seq === null || v.seq === seq));
      if (!open.length) throw new DomainError('vote.noneOpen');
      if (open.length > 1) throw new DomainError('vote.whichOne', { numbers: open.map((v) => v.seq).join(', ') });
      return open[0]!;
    },
  };
}

export type VoteService = ReturnType<typeof createVoteService>;
