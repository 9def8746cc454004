// The poll watcher's reading of Zalo polls: one change per member whose choice moved, a retraction as an
// empty choice, stable keys so a re-read after a restart repeats (and is dropped), never invents, an answer.
import { describe, expect, it, vi } from 'vitest';
import { diffVoters, PollWatcher, takeChanges, votersOf } from '../../src/channels/zalo/poll-watcher.ts';
import type { PollRecord } from '../../src/channels/zalo/zalo-state.ts';

/** A getPollDetail reply with these voters per option (option ids 11 Tán thành, 12 Không, 13 Ý kiến khác). */
const detail = (voters: Record<number, string[]>) => ({
  options: [11, 12, 13].map((id) => ({ option_id: id, content: `o${id}`, votes: voters[id]?.length ?? 0, voted: false, voters: voters[id] ?? [] })),
});
const record = (): PollRecord => ({ pollId: 77, options: { 11: 'yes', 12: 'no', 13: 'other' }, voters: {}, changes: 0 });

describe('reading a poll', () => {
  it('lists each voter with the options they chose', () => {
    expect(votersOf(detail({ 11: ['u1', 'u2'], 12: ['u3'] }))).toEqual({ u1: [11], u2: [11], u3: [12] });
    // A multiple-choice poll: both options, ascending.
    expect(votersOf(detail({ 13: ['u1'], 11: ['u1'] }))).toEqual({ u1: [11, 13] });
  });

  it('turns a changed reading into exactly one change per member whose choice moved, and a retraction into no option', () => {
    const before = { u1: [11], u2: [11], u3: [12] };
    const after = votersOf(detail({ 11: ['u1', 'u4'], 12: ['u2'] }));
    expect(diffVoters(before, after)).toEqual([
      { uid: 'u2', optionIds: [12] }, // changed from yes to no
      { uid: 'u3', optionIds: [] }, // took the vote back
      { uid: 'u4', optionIds: [11] }, // voted for the first time
    ]);
    expect(diffVoters(after, after)).toEqual([]);
  });

  it('numbers the changes and keys them by content, so the same change read twice keeps its key and a new one gets a new key', () => {
    const poll = record();
    const first = takeChanges(poll, detail({ 11: ['u1'] }));
    expect(first).toEqual([{ uid: 'u1', optionIds: [11], key: '77:1:u1:11' }]);
    expect(takeChanges(poll, detail({ 11: ['u1'] }))).toEqual([]);
    // Yes → no → yes again: three different answers, three different keys.
    const second = takeChanges(poll, detail({ 12: ['u1'] }));
    const third = takeChanges(poll, detail({ 11: ['u1'] }));
    expect(second).toEqual([{ uid: 'u1', optionIds: [12], key: '77:2:u1:12' }]);
    expect(third).toEqual([{ uid: 'u1', optionIds: [11], key: '77:3:u1:11' }]);
    expect(takeChanges(poll, detail({}))).toEqual([{ uid: 'u1', optionIds: [], key: '77:4:u1:-' }]);
    expect(poll).toMatchObject({ voters: {}, changes: 4 });
  });

  it('after a restart from the saved record, a change already handed over comes with the same key (the bot drops it)', () => {
    const saved = record();
    const handed = takeChanges(structuredClone(saved), detail({ 11: ['u1'] }));
    // The process died before saving: the saved record is read again and the poll re-read.
    const again = takeChanges(structuredClone(saved), detail({ 11: ['u1'] }));
    expect(again).toEqual(handed);
    // A member who changed their mind while the bot was down gets a key of their new answer.
    const moved = takeChanges(structuredClone(saved), detail({ 12: ['u1'] }));
    expect(moved[0]!.key).not.toBe(handed[0]!.key);
  });
});

describe('the watcher pace', () => {
  it('reads soon after a change and backs off while nothing changes, up to the longest wait', async () => {
    vi.useFakeTimers();
    try {
      const reads: number[] = [];
      let changeAt = new Set([3]);
      const watcher = new PollWatcher({
        minMs: 1000,
        maxMs: 8000,
        check: async () => {
          reads.push(Date.now());
          return changeAt.has(reads.length);
        },
        onError: () => undefined,
      });
      const start = Date.now();
      watcher.watch(1);
      await vi.advanceTimersByTimeAsync(40_000);
      const waits = reads.map((t, i) => t - (i ? reads[i - 1]! : start));
      // 1 s, then doubling (2, 4) until the 3rd read finds a change, back to 1 s, then 2, 4, 8, 8, …
      expect(waits.slice(0, 8)).toEqual([1000, 2000, 4000, 1000, 2000, 4000, 8000, 8000]);
      watcher.unwatch(1);
      const count = reads.length;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(reads).toHaveLength(count);
      changeAt = new Set();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps reading after a failed read, and stop() ends every read', async () => {
    vi.useFakeTimers();
    try {
      const errors: unknown[] = [];
      let reads = 0;
      const watcher = new PollWatcher({
        minMs: 100,
        maxMs: 100,
        check: async () => {
          reads++;
          throw new Error('network');
        },
        onError: (_id, error) => errors.push(error),
      });
      watcher.watch(5);
      watcher.watch(5); // watching twice is watching once
      await vi.advanceTimersByTimeAsync(1000);
      expect(reads).toBe(10);
      expect(errors).toHaveLength(10);
      watcher.stop();
      await vi.advanceTimersByTimeAsync(1000);
      expect(reads).toBe(10);
      expect(watcher.watching).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
