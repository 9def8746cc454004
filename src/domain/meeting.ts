// Meetings of a cell (domain-rules.md §1): kinds, life cycle, minimum duration. Pure.

export const MEETING_KINDS = ['THUONG_KY', 'CHUYEN_DE', 'KET_HOP', 'BAT_THUONG', 'DAI_HOI'] as const;
/** thường kỳ (monthly), chuyên đề (thematic), kết hợp (both in one session), bất thường, đại hội chi bộ. */
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['DRAFT', 'SCHEDULED', 'IN_PROGRESS', 'CLOSED', 'CANCELLED'] as const;
/** DRAFT: proposed by the monthly rule, waiting for the secretary; SCHEDULED: announced. */
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A chuyên đề topic is part of these kinds (§1.4). */
export const hasTopic = (kind: MeetingKind): boolean => kind === 'CHUYEN_DE' || kind === 'KET_HOP';
/** The quarter's thematic meeting may be held alone or combined with the monthly one (§1.4). */
export const isThematic = hasTopic;
/** The kinds isThematic accepts, for a query that looks for them. */
export const THEMATIC_KINDS: readonly MeetingKind[] = MEETING_KINDS.filter(isThematic);

/**
 * Minimum duration in minutes (42-HD/BTCTW 2025, restating 12-HD/BTCTW 2018, §1.3): 90, or 120 when the
 * thematic and the monthly meeting share a session; a cell with very few members may have its own
 * minimum set by the competent committee. No rule for extraordinary meetings and congresses: null.
 */
export function minimumMinutes(kind: MeetingKind, cellMinimum: number | null): number | null {
  if (kind === 'BAT_THUONG' || kind === 'DAI_HOI') return null;
  if (cellMinimum !== null) return cellMinimum;
  return kind === 'KET_HOP' ? 120 : 90;
}

export interface DurationCheck {
  minutes: number;
  required: number | null;
  ok: boolean;
}

export function durationCheck(kind: MeetingKind, startedAt: Date, endedAt: Date, cellMinimum: number | null): DurationCheck {
  const minutes = Math.floor((endedAt.getTime() - startedAt.getTime()) / 60_000);
  const required = minimumMinutes(kind, cellMinimum);
  return { minutes, required, ok: required === null || minutes >= required };
}

/** Meetings whose reminders and RSVP still make sense. */
export const isUpcoming = (status: MeetingStatus): boolean => status === 'SCHEDULED';
