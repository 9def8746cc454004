// Chấm điểm sinh hoạt chi bộ (domain-rules.md §6.1–6.2): a score sheet is configuration (criteria and
// points, per province); some criteria are facts the bot knows and are pre-filled, the rest are the
// secretary's judgement. Pure; points are whole numbers.
import type { CriterionMiss } from './attendance.ts';

/** Facts the bot can score on its own; a criterion without one is the secretary's judgement. */
export const SCORE_FACTS = ['duration', 'attendance', 'priorTasks', 'minutes'] as const;
export type ScoreFact = (typeof SCORE_FACTS)[number];

export const BANDS = ['TOT', 'KHA', 'TRUNG_BINH', 'KEM'] as const;
export type Band = (typeof BANDS)[number];

export interface ScoreCriterion {
  id: string;
  label: string;
  max: number;
  fact?: ScoreFact;
}

export interface ScoreSheet {
  id: string;
  name: string;
  /** Where the sheet comes from (a provincial quy định, a guide), shown with every score. */
  source: string;
  criteria: ScoreCriterion[];
  /** Lowest total of each band above the last; §6.2 ships 90 / 70 / 50. */
  bands: { TOT: number; KHA: number; TRUNG_BINH: number };
  /** Criteria that must have full marks for Tốt (some provinces ask it of attendance, duration, minutes). */
  fullMarksForTop: string[];
}

/** Problems that make a sheet unusable; empty when it is sound. */
export function checkSheet(sheet: ScoreSheet): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of sheet.criteria) {
    if (ids.has(c.id)) problems.push(`duplicate criterion ${c.id}`);
    ids.add(c.id);
    if (!Number.isInteger(c.max) || c.max <= 0) problems.push(`criterion ${c.id}: max must be a positive whole number`);
  }
  const total = sheet.criteria.reduce((sum, c) => sum + c.max, 0);
  if (total !== 100) problems.push(`criteria add up to ${total}, not 100`);
  const { TOT, KHA, TRUNG_BINH } = sheet.bands;
  if (!(TOT > KHA && KHA > TRUNG_BINH && TRUNG_BINH > 0 && TOT <= 100)) problems.push('bands must fall: 100 >= TOT > KHA > TRUNG_BINH > 0');
  for (const id of sheet.fullMarksForTop) if (!ids.has(id)) problems.push(`fullMarksForTop names unknown criterion ${id}`);
  return problems;
}

/** What the bot knows about a closed meeting, for the criteria that are facts. */
export interface ScoreFacts {
  /** The minimum duration was met (null: the meeting has no recorded start or end). */
  durationMet: boolean | null;
  /** Misses of the attendance criterion (§4.4); empty when met. */
  attendanceMisses: CriterionMiss[];
  /** Tasks due by this meeting from earlier meetings, and how many were done by their deadline. */
  priorTasks: { due: number; doneOnTime: number };
  /** An approved summary (conclusions, tasks) or the full minutes text is stored. */
  minutesDone: boolean;
}

/**
 * The bot's points for a fact criterion. Attendance: full when met; half when only the rate is above
 * 85 % (someone absent without reason, or too many excused in a row); none when the rate is not.
 * Last month's tasks: the share done on time, rounded down; full when none were due.
 */
export function factPoints(fact: ScoreFact, max: number, facts: ScoreFacts): number | null {
  switch (fact) {
    case 'duration':
      return facts.durationMet === null ? null : facts.durationMet ? max : 0;
    case 'attendance':
      if (!facts.attendanceMisses.length) return max;
      return facts.attendanceMisses.includes('rate') ? 0 : Math.floor(max / 2);
    case 'priorTasks':
      return facts.priorTasks.due === 0 ? max : Math.floor((max * facts.priorTasks.doneOnTime) / facts.priorTasks.due);
    case 'minutes':
      return facts.minutesDone ? max : 0;
  }
}

/** Points the bot fills in: every fact criterion it can tell. */
export function prefill(sheet: ScoreSheet, facts: ScoreFacts): Record<string, number> {
  const points: Record<string, number> = {};
  for (const c of sheet.criteria) {
    if (!c.fact) continue;
    const p = factPoints(c.fact, c.max, facts);
    if (p !== null) points[c.id] = p;
  }
  return points;
}

export interface ScoreResult {
  /** Criteria still without points. */
  missing: string[];
  /** Sum of the points given so far. */
  total: number;
  /** Null until every criterion has points. */
  band: Band | null;
  /** Criteria below full marks that keep a total of Tốt at Khá. */
  heldBackBy: string[];
}

export function bandOf(sheet: ScoreSheet, total: number): Band {
  if (total >= sheet.bands.TOT) return 'TOT';
  if (total >= sheet.bands.KHA) return 'KHA';
  if (total >= sheet.bands.TRUNG_BINH) return 'TRUNG_BINH';
  return 'KEM';
}

export function scoreMeeting(sheet: ScoreSheet, points: Record<string, number>): ScoreResult {
  const missing = sheet.criteria.filter((c) => points[c.id] === undefined).map((c) => c.id);
  const total = sheet.criteria.reduce((sum, c) => sum + (points[c.id] ?? 0), 0);
  if (missing.length) return { missing, total, band: null, heldBackBy: [] };
  const heldBackBy = sheet.fullMarksForTop.filter((id) => points[id] !== sheet.criteria.find((c) => c.id === id)!.max);
  const band = bandOf(sheet, total);
  return { missing, total, band: band === 'TOT' && heldBackBy.length ? 'KHA' : band, heldBackBy: band === 'TOT' ? heldBackBy : [] };
}

/** A point given by the secretary: a whole number from 0 to the criterion's maximum. */
export function validPoints(criterion: ScoreCriterion, points: number): boolean {
  return Number.isInteger(points) && points >= 0 && points <= criterion.max;
}
