// Votes at a meeting (domain-rules.md §3): a show of hands (biểu quyết), an electronic secret ballot in
// private chats, or a paper ballot whose totals the counting committee enters. Opening snapshots who may
// vote; closing applies the Charter's threshold once. The rules are in domain/votes.ts.
import { ChannelError } from '../channels/channel.ts';
import { isVoter } from '../domain/attendance.ts';
import { nameKey } from '../domain/names.ts';
import { DomainError } from '../domain/errors.ts';
import {
  DECISION_RULES, disciplineForms, disciplineResult, disciplineThreshold, electionRound, MIN_OFFICIAL_FOR_VOTE, outcome, passes,
  secretaryNeedsAppointment, type DecisionKind, type DisciplineForm, type DisciplineResult, type Outcome,
} from '../domain/votes.ts';
import type { RosterMember } from '../domain/roster.ts';
import { OPEN_CHOICES, ballotOptions, voteText as vt } from '../text/votes.ts';
import { askIn, type Delivery } from './delivery.ts';
import type { MeetingService } from './meetings.ts';
import type { Clock, MeetingRecord, Store, VoteMode, VoteRecord } from './ports.ts';
import type { Job } from '../scheduler/scheduler.ts';

export const voteSubject = (voteId: number) => `vote:${voteId}`;
export const NO_DISCIPLINE = 'none';

export interface VoteResult extends Outcome {
  counts: Record<string, number>;
  /** Ballots cast (open and electronic) or valid ballots (paper). */
  voted: number;
  eligible: number;
  paper?: PaperCount;
  discipline?: DisciplineResult;
  election?: ElectionResult;
}

export interface ElectionResult {
  /** Candidates by name. */
  elected: string[];
  tied: string[];
  unfilled: number;
  seats: number;
  round: number;
  /** A bí thư not elected after the third round is appointed by the upper committee (294-QĐ/TW). */
  appointment: boolean;
}

/** "Bí thư chi bộ" but not "Phó Bí thư": the post whose third failed round goes to the upper committee. */
export const isSecretaryPost = (titleKey: string): boolean => /\bbi thu\b/.test(titleKey) && !/\bpho bi thu\b/.test(titleKey);

export interface PaperCount {
  issued: number;
  collected: number;
  valid: number;
  counts: Record<string, number>;
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
    return { preview: result, eligible, members: snap.members };
  }

  async function progressText(vote: VoteRecord) {
    const eligible = (await store.votes.eligible(vote.id)).length;
    if (vote.mode === 'ELECTRONIC') return vt.progress({ seq: vote.seq, voted: await store.votes.voters(vote.id), eligible, secret: true });
    const counts = await store.votes.counts(vote.id);
    return vt.progress({ seq: vote.seq, voted: Object.values(counts).reduce((a, b) => a + b, 0), eligible, secret: false });
  }

  /** The private ballot of an electronic secret vote, in one member's private chat. */
  async function handOut(vote: VoteRecord, member: RosterMember): Promise<boolean> {
    const [target] = await delivery.privateTargets(vote.cellId, member);
    if (!target) return false;
    try {
      await askIn(store, target, vote.cellId, {
        kind: 'vote.secret', payload: { voteId: vote.id }, question: vt.privateBallot(vote), options: ballotOptions(vote.options), subject: voteSubject(vote.id),
      }, clock.now());
      return true;
    } catch (error) {
      // The platform refused (a member who never opened a chat with the bot): they ask with /phieu.
      if (error instanceof ChannelError) return false;
      throw error;
    }
  }

  function resultOf(vote: VoteRecord, counts: Record<string, number>, voted: number, eligible: number, paper?: PaperCount): VoteResult {
    if (vote.kind === 'ELECTION') {
      const seats = vote.seats ?? 1;
      const round = vote.round ?? 1;
      const outcomeOfRound = electionRound(vote.options.map((name, id) => ({ id, votes: counts[name] ?? 0 })), seats, vote.base);
      const names = (ids: number[]) => ids.map((id) => vote.options[id]!);
      const election: ElectionResult = {
        elected: names(outcomeOfRound.elected), tied: names(outcomeOfRound.tied), unfilled: outcomeOfRound.unfilled, seats, round,
        appointment: isSecretaryPost(nameKey(vote.subject)) && secretaryNeedsAppointment(round, outcomeOfRound.elected.length > 0),
      };
      const best = Math.max(0, ...vote.options.map((o) => counts[o] ?? 0));
      return { ...outcome('HALF', best, vote.base), passed: election.elected.length > 0, counts, voted, eligible, election, ...(paper ? { paper } : {}) };
    }
    if (vote.kind === 'DISCIPLINE') {
      const forms = vote.options.filter((o) => o !== NO_DISCIPLINE) as DisciplineForm[];
      const discipline = disciplineResult(counts, forms, vote.base);
      // The stored outcome is the step that decided: its own threshold and the votes counted for it.
      const step = discipline.steps.find((st) => st.form === discipline.form);
      const decided = step ? outcome(disciplineThreshold(step.form), step.votes, vote.base) : outcome('HALF', 0, vote.base);
      return { ...decided, passed: step !== undefined, counts, voted, eligible, discipline, ...(paper ? { paper } : {}) };
    }
    return { ...outcome(vote.threshold, counts.yes ?? 0, vote.base), counts, voted, eligible, ...(paper ? { paper } : {}) };
  }

  async function announceResult(vote: VoteRecord, result: VoteResult) {
    await store.votes.setResult(vote.id, result);
    // Again after counting: a ballot asked meanwhile (/phieu while closing) must not stay open.
    await delivery.closePrompts(voteSubject(vote.id));
    await delivery.toGroups(vote.cellId, vt.result({ ...vote, ...result }));
  }

  return {
    heldMeeting,
    preview,

    /**
     * Opens a vote. `secret` asks for a secret ballot: electronic when the cell enabled it, otherwise on
     * paper. Discipline needs the member it is about (the forms on the ballot depend on them).
     */
    async open(cellId: number, actor: RosterMember, input: { kind: DecisionKind; subject: string; secret: boolean; about: RosterMember | null; minutes: number | null }): Promise<VoteRecord> {
      const rule = DECISION_RULES[input.kind];
      // Discipline and elections are secret by rule (§3.5): never by a show of hands.
      if (!input.secret && !rule.forms.includes('OPEN')) throw new DomainError('vote.secretOnly');
      if (input.kind === 'ELECTION') throw new DomainError('vote.electionOnPaper'); // elections: openElection
      if (input.kind === 'DISCIPLINE' && !input.about) throw new DomainError('vote.disciplineWho');
      const meeting = await heldMeeting(cellId);
      const { preview: p, eligible, members } = await preview(meeting, input.kind);
      const mode: VoteMode = !input.secret ? 'OPEN' : (await store.settings.get(cellId)).electronicSecretBallot ? 'ELECTRONIC' : 'PAPER';
      const options =
        input.kind === 'DISCIPLINE'
          ? [...disciplineForms({ probationary: input.about!.membership === 'DU_BI', holdsPost: input.about!.role !== 'DANG_VIEN' }), NO_DISCIPLINE]
          : OPEN_CHOICES.map((c) => c.id);
      const vote = await store.votes.open(
        {
          cellId, meetingId: meeting.id, kind: input.kind, form: input.secret ? 'SECRET' : 'OPEN', mode, options, aboutMemberId: input.about?.id ?? null,
          subject: input.subject, threshold: rule.threshold, base: p.base, eligible, openedById: actor.id,
          // Paper ballots close when the counting committee enters the totals, never by the clock.
          closesAt: input.minutes && mode !== 'PAPER' ? new Date(clock.now().getTime() + input.minutes * 60_000) : null,
        },
        clock.now(),
      );
      if (mode === 'OPEN') {
        await delivery.askGroups(cellId, {
          kind: 'vote.cast', payload: { voteId: vote.id }, question: vt.ballot({ ...vote, ...p }), options: ballotOptions(options), subject: voteSubject(vote.id),
          everyone: { headline: vt.ballotHeadline(vote) },
        });
        if (vote.closesAt) await delivery.toGroups(cellId, vt.deadline({ seq: vote.seq, at: vote.closesAt }));
      } else if (mode === 'PAPER') {
        await delivery.toGroups(cellId, vt.paperBallot({ ...vote, ...p }));
        return vote;
      } else {
        await delivery.toGroups(cellId, vt.secretBallot({ ...vote, ...p }));
        if (vote.closesAt) await delivery.toGroups(cellId, vt.deadline({ seq: vote.seq, at: vote.closesAt }));
        const unreachable: string[] = [];
        for (const memberId of eligible) {
          const member = members.find((m) => m.id === memberId)!;
          if (!(await handOut(vote, member))) unreachable.push(member.fullName);
        }
        if (unreachable.length) await delivery.toGroups(cellId, vt.unreachable({ seq: vote.seq, names: unreachable, links: await delivery.privateLinks(cellId, 'phieu') }));
      }
      const refs = await delivery.toGroups(cellId, await progressText(vote));
      await store.votes.setProgress(vote.id, refs.map((r) => ({ channel: r.chat.channel, chatId: r.chat.chatId, messageId: r.messageId })));
      return vote;
    },

    /**
     * An election (§3.7): secret, on paper — the counting committee enters each candidate's votes on the
     * valid ballots. The round counts the earlier rounds for the same post at this meeting.
     */
    async openElection(cellId: number, actor: RosterMember, input: { title: string; seats: number; candidates: string[] }): Promise<VoteRecord> {
      const meeting = await heldMeeting(cellId);
      const { preview: p, eligible } = await preview(meeting, 'ELECTION');
      const earlier = (await store.votes.ofMeeting(meeting.id)).filter((v) => v.kind === 'ELECTION' && nameKey(v.subject) === nameKey(input.title));
      const vote = await store.votes.open(
        {
          cellId, meetingId: meeting.id, kind: 'ELECTION', form: 'SECRET', mode: 'PAPER', options: input.candidates, aboutMemberId: null,
          subject: input.title, threshold: 'HALF', base: p.base, eligible, openedById: actor.id, closesAt: null, seats: input.seats, round: earlier.length + 1,
        },
        clock.now(),
      );
      await delivery.toGroups(cellId, vt.electionBallot({ ...vote, ...p }));
      return vote;
    },

    /** A show-of-hands ballot; refusals say why (probationary, not eligible, closed). */
    async cast(cellId: number, voteId: number, member: RosterMember, choice: string): Promise<{ outcome: 'recorded' | 'changed'; vote: VoteRecord }> {
      const vote = await store.votes.get(voteId);
      // A button of another cell's vote (a forwarded message, a forged callback) counts nowhere.
      if (!vote || vote.cellId !== cellId || vote.mode !== 'OPEN' || !vote.options.includes(choice)) throw new DomainError('prompt.closed');
      const result = await store.votes.cast(voteId, member.id, choice, clock.now());
      if (result === 'closed') throw new DomainError('vote.closed', { seq: vote.seq });
      if (result === 'ineligible') throw new DomainError(member.membership === 'DU_BI' ? 'vote.probationary' : 'vote.notEligible');
      delivery.refreshWhereEditable(voteSubject(vote.id), vote.progress, () => progressText(vote));
      return { outcome: result, vote };
    },

    /** Takes back a show-of-hands vote (the member retracted their poll answer) while the vote is open. */
    async withdraw(cellId: number, voteId: number, member: RosterMember): Promise<VoteRecord> {
      const vote = await store.votes.get(voteId);
      if (!vote || vote.cellId !== cellId || vote.mode !== 'OPEN') throw new DomainError('prompt.closed');
      if ((await store.votes.withdraw(voteId, member.id)) === 'closed') throw new DomainError('vote.closed', { seq: vote.seq });
      delivery.refreshWhereEditable(voteSubject(vote.id), vote.progress, () => progressText(vote));
      return vote;
    },

    /** An electronic secret ballot: counted once; a second submission is refused. */
    async castSecret(cellId: number, voteId: number, member: RosterMember, option: string): Promise<VoteRecord> {
      const vote = await store.votes.get(voteId);
      if (!vote || vote.cellId !== cellId || vote.mode !== 'ELECTRONIC' || !vote.options.includes(option)) throw new DomainError('prompt.closed');
      const result = await store.votes.castSecret(voteId, member.id, option);
      if (result === 'closed') throw new DomainError('vote.closed', { seq: vote.seq });
      if (result === 'already') throw new DomainError('vote.alreadyVoted', { seq: vote.seq });
      if (result === 'ineligible') throw new DomainError(member.membership === 'DU_BI' ? 'vote.probationary' : 'vote.notEligible');
      delivery.refreshWhereEditable(voteSubject(vote.id), vote.progress, () => progressText(vote));
      return vote;
    },

    /** /phieu: the ballots of open electronic votes this member may still cast, sent to this private chat. */
    async pendingBallots(cellId: number, member: RosterMember): Promise<VoteRecord[]> {
      const meeting = await heldMeeting(cellId);
      const pending: VoteRecord[] = [];
      for (const vote of await store.votes.ofMeeting(meeting.id)) {
        if (vote.status !== 'OPEN' || vote.mode !== 'ELECTRONIC') continue;
        if (!(await store.votes.eligible(vote.id)).includes(member.id) || (await store.votes.hasVoted(vote.id, member.id))) continue;
        pending.push(vote);
      }
      return pending;
    },

    /** Closes a show of hands or an electronic ballot once and announces the result with the rule used. */
    async close(vote: VoteRecord): Promise<VoteResult> {
      if (vote.mode === 'PAPER') throw new DomainError('vote.paperNeedsCount', { seq: vote.seq });
      // Questions close first: answers a platform took until then (a native poll) are counted, later ones refused.
      await delivery.closePrompts(voteSubject(vote.id));
      await delivery.refreshed(voteSubject(vote.id));
      const eligible = (await store.votes.eligible(vote.id)).length;
      let result: VoteResult;
      if (vote.mode === 'ELECTRONIC') {
        const closed = await store.votes.closeSecret(vote.id, clock.now());
        if (!closed) throw new DomainError('vote.closed', { seq: vote.seq });
        result = resultOf(vote, closed.counts, closed.voters, eligible);
      } else {
        const counts = await store.votes.closeAndCount(vote.id, clock.now());
        if (!counts) throw new DomainError('vote.closed', { seq: vote.seq });
        const full = Object.fromEntries(vote.options.map((o) => [o, counts[o] ?? 0]));
        result = resultOf(vote, full, Object.values(full).reduce((a, b) => a + b, 0), eligible);
      }
      await announceResult(vote, result);
      return result;
    },

    /**
     * The counting committee's totals of a paper ballot. They must add up: no more ballots collected than
     * issued, no more issued than voters, no more valid than collected, and the options sum to the valid ones.
     */
    async enterPaperCount(vote: VoteRecord, count: PaperCount): Promise<VoteResult> {
      if (vote.mode !== 'PAPER') throw new DomainError('vote.notPaper', { seq: vote.seq });
      const eligible = (await store.votes.eligible(vote.id)).length;
      const unknown = Object.keys(count.counts).filter((o) => !vote.options.includes(o));
      if (unknown.length) throw new DomainError('paper.unknownOption');
      const sum = vote.options.reduce((total, o) => total + (count.counts[o] ?? 0), 0);
      if (count.issued > eligible) throw new DomainError('paper.tooManyIssued', { issued: count.issued, eligible });
      if (count.collected > count.issued) throw new DomainError('paper.tooManyCollected', { collected: count.collected, issued: count.issued });
      if (count.valid > count.collected) throw new DomainError('paper.tooManyValid', { valid: count.valid, collected: count.collected });
      if (vote.kind === 'ELECTION') {
        // An election ballot may approve several candidates: each one's votes, not their sum, is bounded.
        const over = vote.options.find((o) => (count.counts[o] ?? 0) > count.valid);
        if (over) throw new DomainError('paper.candidateOverValid', { name: over, votes: count.counts[over] ?? 0, valid: count.valid });
      } else if (sum !== count.valid) {
        throw new DomainError('paper.sumMismatch', { sum, valid: count.valid });
      }
      const counts = Object.fromEntries(vote.options.map((o) => [o, count.counts[o] ?? 0]));
      const result = resultOf(vote, counts, count.valid, eligible, { ...count, counts });
      if (!(await store.votes.closeWith(vote.id, result, clock.now()))) throw new DomainError('vote.closed', { seq: vote.seq });
      await announceResult(vote, result);
      return result;
    },

    /** Closes the votes whose deadline has passed; each once, whichever process gets there first. */
    job(): Job {
      return {
        name: 'vote-deadlines',
        runDue: async (now) => {
          for (const vote of await store.votes.overdue(now)) {
            await this.close(vote).catch((error: unknown) => {
              if (!(error instanceof DomainError)) throw error; // already closed by hand or by another process
            });
          }
        },
      };
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
