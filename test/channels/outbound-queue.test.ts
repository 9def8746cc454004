// The outbound queue in virtual time: a fake clock whose sleep(ms) registers a timer, and the
// earliest timer fires (moving the clock) only once pending microtasks have run (setImmediate).
// Nothing waits in real time, so the limits are checked exactly and the tests cannot be flaky.
import { TelegramError } from 'telegraf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  OutboundQueue,
  OutboundQueueClosedError,
  TELEGRAM_LIMITS,
  telegramRetryAfterMs,
  type OutboundLimits,
  type OutboundQueueOptions,
} from '../../src/channels/outbound-queue.ts';

class FakeClock {
  t = 0;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;
  private scheduled = false;

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.fire());
  }

  /** Fires the earliest timer (ties in creation order), one per macrotask. */
  private fire(): void {
    this.scheduled = false;
    if (this.timers.length === 0) return;
    let first = 0;
    for (let i = 1; i < this.timers.length; i++) {
      const a = this.timers[i]!;
      const b = this.timers[first]!;
      if (a.at < b.at || (a.at === b.at && a.seq < b.seq)) first = i;
    }
    const [timer] = this.timers.splice(first, 1);
    this.t = Math.max(this.t, timer!.at);
    timer!.resolve();
    if (this.timers.length > 0) this.schedule();
  }
}

const GROUP = (id: string) => ({ id, group: true });
const PRIVATE = (id: string) => ({ id, group: false });

const rateLimited = (retryAfterSeconds: number) =>
  new TelegramError({ error_code: 429, description: `Too Many Requests: retry after ${retryAfterSeconds}`, parameters: { retry_after: retryAfterSeconds } });

interface Harness {
  clock: FakeClock;
  queue: OutboundQueue;
  /** Start times of every attempt, in start order. */
  starts: Array<{ chat: string; n: number; at: number }>;
  /** Successful deliveries, in order. */
  delivered: Array<{ chat: string; n: number; at: number }>;
  /** A call that records its start and delivers unless `fail` throws for this attempt. */
  send(chat: { id: string; group: boolean }, n: number, fail?: (attempt: number) => unknown, durationMs?: number): Promise<string>;
}

function harness(options: Partial<OutboundQueueOptions> = {}): Harness {
  const clock = new FakeClock();
  const queue = new OutboundQueue({ limits: TELEGRAM_LIMITS, retryAfterMs: telegramRetryAfterMs, now: clock.now, sleep: clock.sleep, ...options });
  const starts: Harness['starts'] = [];
  const delivered: Harness['delivered'] = [];
  return {
    clock,
    queue,
    starts,
    delivered,
    send(chat, n, fail, durationMs = 0) {
      let attempt = 0;
      return queue.run(chat, async () => {
        starts.push({ chat: chat.id, n, at: clock.now() });
        const error = fail?.(++attempt);
        if (error !== undefined) throw error;
        if (durationMs > 0) await clock.sleep(durationMs);
        delivered.push({ chat: chat.id, n, at: clock.now() });
        return `${chat.id}#${n}`;
      });
    },
  };
}

/** Largest number of `times` (sorted) inside any half-open window [t, t + spanMs). */
function busiestWindow(times: number[], spanMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= spanMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

afterEach(() => {
  vi.useRealTimers();
});

describe('OutboundQueue limits', () => {
  it('sends a burst of 100 to one group at ≤ 20 a minute and 1 a second, in order, without over-waiting', async () => {
    const h = harness();
    const results = await Promise.all(range(100).map((n) => h.send(GROUP('g'), n)));

    expect(results).toEqual(range(100).map((n) => `g#${n}`));
    expect(h.delivered.map((d) => d.n)).toEqual(range(100));
    const times = h.starts.map((s) => s.at);
    expect(busiestWindow(times, 60_000)).toBe(20);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    // The minimum is 4 full minutes plus 19 one-second steps (259 s); the queue must not sleep longer.
    expect(times.at(-1)).toBe(4 * 60_000 + 19_000);
    expect(h.clock.t).toBeLessThan(5 * 60_000);
  });

  it('sends 100 messages to 100 private chats at ≤ 30 a second overall', async () => {
    const h = harness();
    await Promise.all(range(100).map((n) => h.send(PRIVATE(`p${n}`), n)));

    expect(h.delivered).toHaveLength(100);
    expect(new Set(h.delivered.map((d) => d.chat)).size).toBe(100);
    expect(busiestWindow(h.starts.map((s) => s.at), 1000)).toBe(30);
    expect(h.clock.t).toBe(3000); // 30 + 30 + 30 + 10: no wasted second
  });

  it('with a margin, keeps every window that much longer: 30 starts per 1 050 ms, however fast each travels', async () => {
    const h = harness({ marginMs: 50 });
    await Promise.all(range(100).map((n) => h.send(PRIVATE(`p${n}`), n)));
    expect(h.delivered).toHaveLength(100);
    expect(busiestWindow(h.starts.map((s) => s.at), 1050)).toBe(30);
    expect(h.clock.t).toBe(3150);
  });

  it('stays within every limit for 1 000 chats × 3 messages, in about the minimum time', async () => {
    const h = harness();
    const sends: Array<Promise<string>> = [];
    for (let n = 0; n < 3; n++) for (let c = 0; c < 1000; c++) sends.push(h.send(c % 10 === 0 ? GROUP(`c${c}`) : PRIVATE(`c${c}`), n));
    await Promise.all(sends);

    expect(h.delivered).toHaveLength(3000);
    expect(busiestWindow(h.starts.map((s) => s.at), 1000)).toBeLessThanOrEqual(30);
    const byChat = new Map<string, Harness['starts']>();
    for (const s of h.starts) byChat.set(s.chat, [...(byChat.get(s.chat) ?? []), s]);
    expect(byChat.size).toBe(1000);
    for (const starts of byChat.values()) {
      expect(starts.map((s) => s.n)).toEqual([0, 1, 2]);
      expect(busiestWindow(starts.map((s) => s.at), 1000)).toBe(1);
    }
    expect(h.clock.t).toBeLessThan(101_000); // 3 000 / 30 per second = 100 s
  });

  it('keeps FIFO per chat while calls to several chats interleave, one call at a time per chat', async () => {
    const h = harness();
    const running = new Map<string, number>();
    let maxRunning = 0;
    const sends: Array<Promise<string>> = [];
    const chats = ['a', 'b', 'c', 'd', 'e'];
    for (let i = 0; i < 60; i++) {
      const id = chats[(i * 7 + (i >> 2)) % chats.length]!; // a scrambled but deterministic interleaving
      const chat = i % 2 === 0 ? GROUP(id) : PRIVATE(id);
      sends.push(
        h.queue.run(chat, async () => {
          running.set(id, (running.get(id) ?? 0) + 1);
          maxRunning = Math.max(maxRunning, running.get(id)!);
          h.starts.push({ chat: id, n: i, at: h.clock.now() });
          await h.clock.sleep((i * 37) % 1500); // calls of varying length
          running.set(id, running.get(id)! - 1);
          h.delivered.push({ chat: id, n: i, at: h.clock.now() });
          return String(i);
        }),
      );
    }
    await Promise.all(sends);

    expect(maxRunning).toBe(1);
    for (const id of chats) {
      const ns = h.delivered.filter((d) => d.chat === id).map((d) => d.n);
      expect(ns.length).toBeGreaterThan(0);
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
    // Chats progress side by side: every chat's first call starts within the first second.
    for (const id of chats) expect(h.starts.find((s) => s.chat === id)!.at).toBeLessThan(1000);
  });
});

describe('OutboundQueue errors and retries', () => {
  it('retries a 429 after retry_after for that chat only, delivering once and in order', async () => {
    const h = harness();
    const a = range(5).map((n) => h.send(PRIVATE('a'), n, (attempt) => (n === 2 && attempt === 1 ? rateLimited(7) : undefined)));
    const b = range(5).map((n) => h.send(PRIVATE('b'), n));
    await Promise.all([...a, ...b]);

    const aStarts = h.starts.filter((s) => s.chat === 'a');
    expect(aStarts.map((s) => s.n)).toEqual([0, 1, 2, 2, 3, 4]);
    const [, , refused, retried] = aStarts;
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(7000);
    expect(h.delivered.filter((d) => d.chat === 'a').map((d) => d.n)).toEqual([0, 1, 2, 3, 4]); // once each, in order
    // Chat b went on while chat a waited out its retry_after.
    const bStarts = h.starts.filter((s) => s.chat === 'b').map((s) => s.at);
    expect(bStarts).toHaveLength(5);
    expect(bStarts.filter((at) => at > refused!.at && at < retried!.at)).toHaveLength(2);
    expect(Math.max(...bStarts)).toBeLessThan(retried!.at);
  });

  it('counts a retry against the windows again', async () => {
    // retry_after is shorter than the 1 s per-chat spacing, so the window decides the retry time.
    const h = harness({ retryAfterMs: (e) => (e === 'busy' ? 100 : null) });
    await h.send(PRIVATE('a'), 0, (attempt) => (attempt === 1 ? 'busy' : undefined));
    expect(h.starts.map((s) => s.at)).toEqual([0, 1000]);
  });

  it('rejects a call at once on an error that is not a rate limit, and runs the next call of the chat', async () => {
    const h = harness();
    const boom = new Error('chat not found');
    const first = h.send(PRIVATE('a'), 0, () => boom);
    const second = h.send(PRIVATE('a'), 1);
    await expect(first).rejects.toBe(boom);
    await expect(second).resolves.toBe('a#1');
    expect(h.starts.map((s) => s.n)).toEqual([0, 1]); // the failed call was tried once
  });

  it('rejects with the last error after maxRetries retries', async () => {
    const h = harness({ maxRetries: 2 });
    const errors = range(3).map(() => rateLimited(3));
    const call = h.send(PRIVATE('a'), 0, (attempt) => errors[attempt - 1]);
    await expect(call).rejects.toBe(errors[2]);
    expect(h.starts.map((s) => s.at)).toEqual([0, 3000, 6000]);
    expect(h.delivered).toEqual([]);
  });

  it('retries 5 times by default', async () => {
    const h = harness();
    const call = h.send(PRIVATE('a'), 0, () => rateLimited(1));
    await expect(call).rejects.toBeInstanceOf(TelegramError);
    expect(h.starts).toHaveLength(6);
  });

  it('survives a retryAfterMs that throws: the call rejects with its own error', async () => {
    const h = harness({
      retryAfterMs: () => {
        throw new Error('bad classifier');
      },
    });
    await expect(h.send(PRIVATE('a'), 0, () => 'original')).rejects.toBe('original');
  });
});

describe('OutboundQueue close and idle', () => {
  it('idle() resolves at once when empty and after the last call otherwise', async () => {
    const h = harness();
    await h.queue.idle();
    range(3).forEach((n) => void h.send(PRIVATE('a'), n));
    await h.queue.idle();
    expect(h.delivered).toHaveLength(3);
    expect(h.clock.t).toBe(2000);
  });

  it('close() rejects queued and retry-waiting calls, lets the running one finish, refuses new ones', async () => {
    const h = harness();
    const running = h.send(PRIVATE('a'), 0, undefined, 5000);
    const queued = range(3).map((n) => h.send(PRIVATE('a'), n + 1));
    const waitingWindow = [h.send(GROUP('g'), 0), h.send(GROUP('g'), 1)];
    const retrying = h.send(PRIVATE('r'), 0, () => rateLimited(60));
    const settled = Promise.allSettled([running, ...queued, ...waitingWindow, retrying]);
    await h.clock.sleep(500); // a#0 is in flight, g#1 waits for its window, r#0 for its retry

    h.queue.close();
    const idle = h.queue.idle();
    await expect(h.send(PRIVATE('b'), 0)).rejects.toBeInstanceOf(OutboundQueueClosedError);
    const [a0, a1, a2, a3, g0, g1, r0] = await settled;

    expect(a0).toEqual({ status: 'fulfilled', value: 'a#0' });
    for (const result of [a1, a2, a3, g1]) {
      expect(result!.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(OutboundQueueClosedError);
      expect((result as PromiseRejectedResult).reason.message).toMatch(/closed.*not sent/);
    }
    expect(g0).toEqual({ status: 'fulfilled', value: 'g#0' });
    expect(r0!.status).toBe('rejected');
    expect((r0 as PromiseRejectedResult).reason).toBeInstanceOf(OutboundQueueClosedError);
    expect((r0 as PromiseRejectedResult).reason.cause).toBeInstanceOf(TelegramError);
    await idle;
    expect(h.clock.t).toBe(5000); // idle waited for the running call only, not the 60 s retry
    expect(h.starts.map((s) => `${s.chat}#${s.n}`).sort()).toEqual(['a#0', 'g#0', 'r#0']);
  });

  it('with the default clock and timers, close() clears its pending timers', async () => {
    vi.useFakeTimers();
    const queue = new OutboundQueue({ limits: TELEGRAM_LIMITS, retryAfterMs: telegramRetryAfterMs });
    const sent: number[] = [];
    const sends = range(3).map((n) => queue.run(GROUP('g'), async () => void sent.push(n)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([0, 1]);
    queue.close();
    await expect(sends[2]).rejects.toBeInstanceOf(OutboundQueueClosedError);
    expect(vi.getTimerCount()).toBe(0);
    await queue.idle();
  });
});

describe('OutboundQueue options', () => {
  it.each<[Partial<OutboundLimits>]>([[{ perChatPerSecond: 0 }], [{ perGroupPerMinute: -1 }], [{ globalPerSecond: Number.NaN }]])(
    'rejects the limits %o',
    (bad) => {
      expect(() => new OutboundQueue({ limits: { ...TELEGRAM_LIMITS, ...bad }, retryAfterMs: () => null })).toThrow(RangeError);
    },
  );

  it('rejects a negative maxRetries', () => {
    expect(() => new OutboundQueue({ limits: TELEGRAM_LIMITS, retryAfterMs: () => null, maxRetries: -1 })).toThrow(RangeError);
  });

  it('spreads a fractional rate evenly and treats Infinity as no limit', async () => {
    const h = harness({ limits: { perChatPerSecond: 0.5, perGroupPerMinute: Infinity, globalPerSecond: Infinity } });
    await Promise.all(range(3).map((n) => h.send(GROUP('g'), n)));
    expect(h.starts.map((s) => s.at)).toEqual([0, 2000, 4000]);
  });

  it('with spread, a whole-number rate is spread too: no burst at the start of a window', async () => {
    const burst = harness({ limits: { perChatPerSecond: 4, perGroupPerMinute: 30, globalPerSecond: Infinity } });
    await Promise.all(range(5).map((n) => burst.send(GROUP('g'), n)));
    expect(burst.starts.map((s) => s.at)).toEqual([0, 0, 0, 0, 1000]);
    const spread = harness({ limits: { perChatPerSecond: 4, perGroupPerMinute: 30, globalPerSecond: Infinity }, spread: true });
    await Promise.all(range(5).map((n) => spread.send(GROUP('g'), n)));
    // 4/s is one per 250 ms, and 30/min one per 2 s: the slower rule sets the pace.
    expect(spread.starts.map((s) => s.at)).toEqual([0, 2000, 4000, 6000, 8000]);
  });

  it('telegramRetryAfterMs reads a TelegramError 429 and ignores other errors', () => {
    expect(telegramRetryAfterMs(rateLimited(7))).toBe(7000);
    expect(telegramRetryAfterMs(new TelegramError({ error_code: 429, description: 'Too Many Requests' }))).toBe(5000);
    expect(telegramRetryAfterMs(new TelegramError({ error_code: 400, description: 'Bad Request: chat not found' }))).toBeNull();
    expect(telegramRetryAfterMs(new Error('socket hang up'))).toBeNull();
    expect(telegramRetryAfterMs(undefined)).toBeNull();
  });
});
