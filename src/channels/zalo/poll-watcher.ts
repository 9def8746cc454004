// Zalo has no event for a vote in a poll (platform-notes §3): the adapter reads each open poll with
// getPollDetail and hands over what changed, one change per member, a retraction as no option.
//
// Pace: a poll that just changed, or was just opened, is read again after `minMs`; each read that finds
// nothing new doubles the wait up to `maxMs`. An open vote in a meeting is thus followed within seconds
// while an invitation poll that stays quiet for days costs a read every few minutes. Exactness does not
// depend on the pace: closing a question reads the poll once more after locking it (closeFinal).
import type { PollDetail } from 'zca-js';
import type { PollRecord } from './zalo-state.ts';

export interface VoterChange {
  uid: string;
  /** Zalo option ids now chosen, ascending; empty when the member took their vote back. */
  optionIds: number[];
}

/** Member uid → Zalo option ids chosen (ascending), from a poll's detail. */
export function votersOf(detail: Pick<PollDetail, 'options'>): Record<string, number[]> {
  const voters: Record<string, number[]> = {};
  for (const option of detail.options) {
    for (const uid of option.voters ?? []) (voters[String(uid)] ??= []).push(Number(option.option_id));
  }
  for (const ids of Object.values(voters)) ids.sort((a, b) => a - b);
  return voters;
}

/** The members whose choice differs between two readings, in uid order so the numbering is stable. */
export function diffVoters(before: Readonly<Record<string, readonly number[]>>, after: Readonly<Record<string, readonly number[]>>): VoterChange[] {
  const uids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: VoterChange[] = [];
  for (const uid of uids) {
    const was = before[uid] ?? [];
    const now = after[uid] ?? [];
    if (was.length !== now.length || was.some((id, i) => id !== now[i])) changes.push({ uid, optionIds: [...now] });
  }
  return changes;
}

/** A change with the number that identifies it: a re-read after a restart repeats it, never a new answer. */
export interface NumberedChange extends VoterChange {
  key: string;
}

/** Applies a reading to the record and returns the changes, numbered and keyed by their content. */
export function takeChanges(poll: PollRecord, detail: Pick<PollDetail, 'options'>): NumberedChange[] {
  const after = votersOf(detail);
  const changes = diffVoters(poll.voters, after).map((c) => {
    poll.changes += 1;
    return { ...c, key: `${poll.pollId}:${poll.changes}:${c.uid}:${c.optionIds.join('+') || '-'}` };
  });
  poll.voters = after;
  return changes;
}

export interface PollWatcherOptions {
  minMs: number;
  maxMs: number;
  /** Reads one poll and hands over its changes; resolves true when something changed. */
  check(pollId: number): Promise<boolean>;
  onError(pollId: number, error: unknown): void;
}

/** Schedules the reads of the open polls; the reading itself is the adapter's (check). */
export class PollWatcher {
  private readonly timers = new Map<number, { timer: ReturnType<typeof setTimeout>; waitMs: number }>();
  private stopped = false;

  constructor(private readonly options: PollWatcherOptions) {}

  watch(pollId: number): void {
    if (this.stopped || this.timers.has(pollId)) return;
    this.schedule(pollId, this.options.minMs);
  }

  unwatch(pollId: number): void {
    const entry = this.timers.get(pollId);
    if (entry) clearTimeout(entry.timer);
    this.timers.delete(pollId);
  }

  stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get watching(): number[] {
    return [...this.timers.keys()];
  }

  private schedule(pollId: number, waitMs: number): void {
    const timer = setTimeout(() => void this.read(pollId, waitMs), waitMs);
    timer.unref?.();
    this.timers.set(pollId, { timer, waitMs });
  }

  private async read(pollId: number, waitMs: number): Promise<void> {
    let changed = false;
    try {
      changed = await this.options.check(pollId);
    } catch (error) {
      this.options.onError(pollId, error);
    }
    if (this.stopped || !this.timers.has(pollId)) return;
    this.schedule(pollId, changed ? this.options.minMs : Math.min(waitMs * 2, this.options.maxMs));
  }
}
