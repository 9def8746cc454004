// What passes (domain-rules.md §2.6, §3). Pure and in integers: a result the cell cannot rely on is
// worse than none. Every rule carries the text it comes from, shown with the result.
import { passesHalf, passesTwoThirds, neededForHalf, neededForTwoThirds, percentHundredths } from './attendance.ts';

export type Threshold = 'HALF' | 'TWO_THIRDS';
export type BallotForm = 'OPEN' | 'SECRET';

export const DECISION_KINDS = ['ORDINARY', 'ADMISSION', 'RECOGNITION', 'REMOVAL', 'EXEMPTION', 'DISCIPLINE', 'ELECTION'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface DecisionRule {
  threshold: Threshold;
  forms: readonly BallotForm[];
  /** Where the rule comes from, quoted with every result. */
  source: string;
}

/** One place for every threshold and ballot form (domain-rules.md §3.2–3.5). */
export const DECISION_RULES: Record<DecisionKind, DecisionRule> = {
  ORDINARY: { threshold: 'HALF', forms: ['OPEN', 'SECRET'], source: 'Dieu le Dang, Dieu 9.5' },
  ADMISSION: { threshold: 'TWO_THIRDS', forms: ['OPEN', 'SECRET'], source: 'Dieu le Dang, Dieu 4.3; Huong dan 06-HD/TW (2025), truoc day 01-HD/TW 2021 muc 5.1' },
  RECOGNITION: { threshold: 'TWO_THIRDS', forms: ['OPEN', 'SECRET'], source: 'Dieu le Dang, Dieu 5.2; Huong dan 06-HD/TW (2025), truoc day 01-HD/TW 2021 muc 5.1' },
  // No threshold found for these two: the ordinary majority of the Charter applies (§3.4).
  REMOVAL: { threshold: 'HALF', forms: ['OPEN', 'SECRET'], source: 'Dieu le Dang, Dieu 9.5 (khong co quy dinh rieng)' },
  EXEMPTION: { threshold: 'HALF', forms: ['OPEN', 'SECRET'], source: 'Dieu le Dang, Dieu 9.5 (khong co quy dinh rieng)' },
  // Per form below; the decision as a whole is always by secret ballot (§3.5).
  DISCIPLINE: { threshold: 'HALF', forms: ['SECRET'], source: 'Quy dinh 69-QD/TW, Dieu 15; Quy dinh 296-QD/TW (2025), truoc day 22-QD/TW Dieu 15' },
  ELECTION: { threshold: 'HALF', forms: ['SECRET'], source: 'Quy che bau cu 190-QD/TW, Dieu 3, Dieu 30' },
};

export const passes = (threshold: Threshold, yes: number, base: number): boolean =>
  threshold === 'HALF' ? passesHalf(yes, base) : passesTwoThirds(yes, base);

export const needed = (threshold: Threshold, base: number): number =>
  threshold === 'HALF' ? neededForHalf(base) : neededForTwoThirds(base);

export interface Outcome {
  threshold: Threshold;
  base: number;
  yes: number;
  needed: number;
  passed: boolean;
  /** yes / D in hundredths of a percent (5135 = 51,35 %). */
  shareHundredths: number;
}

export function outcome(threshold: Threshold, yes: number, base: number): Outcome {
  return { threshold, base, yes, needed: needed(threshold, base), passed: passes(threshold, yes, base), shareHundredths: percentHundredths(yes, base) };
}

// ---- Discipline (§3.6) ----

/** From the most severe down. */
export const DISCIPLINE_FORMS = ['KHAI_TRU', 'CACH_CHUC', 'CANH_CAO', 'KHIEN_TRACH'] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];

/** Expulsion needs two thirds (69-QD/TW Art. 15); the other forms more than half. */
export const disciplineThreshold = (form: DisciplineForm): Threshold => (form === 'KHAI_TRU' ? 'TWO_THIRDS' : 'HALF');

/**
 * The forms a ballot may list: a probationary member only khiển trách or cảnh cáo (69-QD/TW Art. 7);
 * cách chức only for a member who holds a post.
 */
export function disciplineForms(subject: { probationary: boolean; holdsPost: boolean }): DisciplineForm[] {
  if (subject.probationary) return ['CANH_CAO', 'KHIEN_TRACH'];
  return DISCIPLINE_FORMS.filter((f) => f !== 'CACH_CHUC' || subject.holdsPost);
}

export interface DisciplineStep {
  form: DisciplineForm;
  /** Votes counted for this step: the form's own, or the running total from the most severe form. */
  votes: number;
  needed: number;
  reached: boolean;
}

export interface DisciplineResult {
  form: DisciplineForm | null;
  /** 'direct' when a form reached its threshold on its own votes; 'cumulative' when by adding from the most severe down. */
  how: 'direct' | 'cumulative' | 'none';
  steps: DisciplineStep[];
}

/**
 * Which form results from a discipline ballot (§3.6, 22-QĐ/TW Art. 15): the most severe form that reaches
 * its own threshold; if none does, votes are added from the most severe form down and the first form
 * whose running total reaches its threshold is taken.
 */
export function disciplineResult(votes: Partial<Record<DisciplineForm, number>>, forms: readonly DisciplineForm[], base: number): DisciplineResult {
  const ordered = DISCIPLINE_FORMS.filter((f) => forms.includes(f));
  const direct = ordered.map((form) => {
    const v = votes[form] ?? 0;
    return { form, votes: v, needed: needed(disciplineThreshold(form), base), reached: passes(disciplineThreshold(form), v, base) };
  });
  const first = direct.find((s) => s.reached);
  if (first) return { form: first.form, how: 'direct', steps: direct };
  const steps: DisciplineStep[] = [];
  let total = 0;
  for (const form of ordered) {
    total += votes[form] ?? 0;
    const step = { form, votes: total, needed: needed(disciplineThreshold(form), base), reached: passes(disciplineThreshold(form), total, base) };
    steps.push(step);
    if (step.reached) return { form, how: 'cumulative', steps };
  }
  return { form: null, how: 'none', steps };
}

// ---- Elections (§3.7) ----

export interface CandidateVotes {
  id: number;
  votes: number;
}

export interface ElectionRound {
  elected: number[];
  /** Candidates tied for the last seat(s): a new round among them (§3.7, tie rule not seen → new round). */
  tied: number[];
  /** Seats still empty after this round. */
  unfilled: number;
}

/**
 * A candidate is elected with more than half of D on valid ballots; when more pass than there are
 * seats, the most votes win; a tie for the last seat is left to a new round.
 */
export function electionRound(candidates: readonly CandidateVotes[], seats: number, base: number): ElectionRound {
  if (seats <= 0) return { elected: [], tied: [], unfilled: 0 };
  const passing = candidates.filter((c) => passesHalf(c.votes, base)).sort((a, b) => b.votes - a.votes);
  if (passing.length <= seats) return { elected: passing.map((c) => c.id), tied: [], unfilled: seats - passing.length };
  const cut = passing[seats - 1]!.votes;
  const above = passing.filter((c) => c.votes > cut);
  const atCut = passing.filter((c) => c.votes === cut);
  if (above.length + atCut.length === seats) return { elected: [...above, ...atCut].map((c) => c.id), tied: [], unfilled: 0 };
  return { elected: above.map((c) => c.id), tied: atCut.map((c) => c.id), unfilled: seats - above.length };
}

/** A bí thư not elected after the third round is appointed by the upper committee (294-QĐ/TW). */
export const MAX_SECRETARY_ROUNDS = 3;
export const secretaryNeedsAppointment = (round: number, elected: boolean): boolean => !elected && round >= MAX_SECRETARY_ROUNDS;

/** A cell needs at least 3 official members (Charter Art. 21.2, 24.1): no result is computed below that. */
export const MIN_OFFICIAL_FOR_VOTE = 3;
