// Rate-limited outbound queue for chat adapters (Telegram now, Zalo later).
// Telegram refuses bursts with 429 + retry_after and telegraf does not retry
// (platform-notes §1), so adapters send through this queue: FIFO per chat, sliding
// windows per chat, per group and global, and a per-chat retry after a rate-limit refusal.
//
// Design: one worker promise per chat that has work (it keeps the chat's order and waits
// for the chat's own windows and retries without holding up other chats), plus one FIFO
// gate for the global window, which every worker passes just before sending.

export interface OutboundLimits {
  perChatPerSecond: number;
  perGroupPerMinute: number;
  globalPerSecond: number;
}

export const TELEGRAM_LIMITS: OutboundLimits = { perChatPerSecond: 1, perGroupPerMinute: 20, globalPerSecond: 30 };

export interface OutboundQueueOptions {
  limits: OutboundLimits;
  /** Milliseconds to wait when `error` is a rate-limit refusal (e.g. a 429's retry_after), else null. */
  retryAfterMs(error: unknown): number | null;
  /** Retries per call after rate-limit refusals (so at most maxRetries + 1 attempts); default 5. */
  maxRetries?: number;
  /** Monotonic milliseconds; default performance.now (the wall clock may jump). */
  now?: () => number;
  /** Default setTimeout-based; close() cancels its pending timers. */
  sleep?: (ms: number) => Promise<void>;
  /** Spread every rate evenly (10/s = one per 100 ms) instead of allowing a burst of 10 in a second. */
  spread?: boolean;
  /** Added to every window's span (see ARRIVAL_MARGIN_MS); default 0. */
  marginMs?: number;
}

export interface OutboundChat {
  id: string;
  group: boolean;
}

/** The rejection of calls that close() stopped before they (or their retry) started. */
export class OutboundQueueClosedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Outbound queue is closed: the message was not sent', options);
    this.name = 'OutboundQueueClosedError';
  }
}

/** `retryAfterMs` for telegraf: a TelegramError 429 carries `parameters.retry_after` in seconds. */
export function telegramRetryAfterMs(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; response?: { error_code?: unknown }; parameters?: { retry_after?: unknown } };
  const code = e.code ?? e.response?.error_code;
  const seconds = e.parameters?.retry_after;
  if (code !== 429) return null;
  // A 429 without retry_after still means "slow down"; telegraf's own polling loop waits 5 s then.
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 5000;
}

/** At most `limit` starts in any span of `spanMs`: a ring of the last `limit` start times. */
class SlidingWindow {
  private readonly times: number[] = [];
  private next = 0;

  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}

  /** Earliest time a new start fits (≤ now when it fits already). */
  freeAt(): number {
    if (this.times.length < this.limit) return -Infinity;
    return this.times[this.next]! + this.spanMs; // the oldest of the last `limit` starts
  }

  record(at: number): void {
    this.times[this.next] = at;
    this.next = (this.next + 1) % this.limit;
  }

  /** The last start is older than the span: forgetting the window changes nothing. */
  expired(now: number): boolean {
    const last = this.times[(this.next + this.limit - 1) % this.limit];
    return last === undefined || last + this.spanMs <= now;
  }
}

/**
 * The platform counts a request when it arrives, the queue when it starts: a request that travels faster
 * than the one `limit` places before it would arrive inside the platform's window (429s in the broadcast
 * benchmark). The chat adapters make every window this much longer than the platform's.
 */
export const ARRIVAL_MARGIN_MS = 50;

/** null = no limit (Infinity); fractional rates, or all when `spread`, are spread evenly (0.5/s = 1 per 2 s). */
function slidingWindow(name: string, perSpan: number, spanMs: number, spread = false): SlidingWindow | null {
  if (perSpan === Infinity) return null;
  if (!(perSpan > 0) || !Number.isFinite(perSpan)) throw new RangeError(`OutboundLimits.${name} must be a positive number, got ${perSpan}`);
  return Number.isInteger(perSpan) && !spread ? new SlidingWindow(perSpan, spanMs) : new SlidingWindow(1, spanMs / perSpan);
}

interface Job {
  call: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** 'running' while `call` is in flight: close() lets it finish. */
  state: 'queued' | 'running' | 'retrying' | 'settled';
  lastError?: unknown;
}

interface ChatState {
  windows: SlidingWindow[];
  group: boolean;
  jobs: Array<Job | undefined>;
  head: number;
  /** A worker is draining `jobs`. */
  active: boolean;
  current: Job | null;
}

export class OutboundQueue {
  private readonly options: OutboundQueueOptions;
  private readonly limits: OutboundLimits;
  private readonly maxRetries: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly global: SlidingWindow | null;

  private readonly chats = new Map<string, ChatState>();
  private sweepAt = 1024;
  private readonly gateWaiters: Array<(() => void) | undefined> = [];
  private gateHead = 0;
  private gatePumping = false;
  /** Wakes every pending wait on close(), so workers exit without waiting out their timers. */
  private readonly wakers = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(options: OutboundQueueOptions) {
    this.options = options;
    this.limits = { ...options.limits }; // later edits of the caller's object change nothing
    // Validate eagerly so a bad config fails at startup, not at the first message.
    this.chatWindow();
    this.groupWindow();
    this.global = slidingWindow('globalPerSecond', this.limits.globalPerSecond, 1000 + (options.marginMs ?? 0), options.spread);
    const maxRetries = options.maxRetries ?? 5;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError(`maxRetries must be a non-negative integer, got ${maxRetries}`);
    this.maxRetries = maxRetries;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => this.timerSleep(ms));
  }

  /** Runs `call` when the limits allow, after every earlier call for the same chat (FIFO per chat); resolves/rejects with its result. */
  run<T>(chat: OutboundChat, call: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new OutboundQueueClosedError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        call,
        state: 'queued',
        resolve: (value) => this.settle(job, () => resolve(value as T)),
        reject: (error) => this.settle(job, () => reject(error)),
      };
      this.pending++;
      const state = this.chatState(chat);
      state.jobs.push(job);
      if (!state.active) {
        state.active = true;
        void this.drain(state);
      }
    });
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Rejects queued calls that have not started (with a clear Error) and refuses new ones; running calls finish. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const state of this.chats.values()) {
      // The worker's current call stops too unless it is in flight; one waiting for its retry
      // carries its last refusal as cause.
      const current = state.current;
      if (current && current.state !== 'running') current.reject(new OutboundQueueClosedError({ cause: current.lastError }));
      for (let i = state.head; i < state.jobs.length; i++) state.jobs[i]!.reject(new OutboundQueueClosedError());
      state.jobs = [];
      state.head = 0;
    }
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of [...this.wakers]) wake();
    for (let i = this.gateHead; i < this.gateWaiters.length; i++) this.gateWaiters[i]!(); // workers see `closed` and stop
    this.gateWaiters.length = 0;
    this.gateHead = 0;
  }

  private chatWindow(): SlidingWindow | null {
    return slidingWindow('perChatPerSecond', this.limits.perChatPerSecond, 1000 + (this.options.marginMs ?? 0), this.options.spread);
  }

  private groupWindow(): SlidingWindow | null {
    return slidingWindow('perGroupPerMinute', this.limits.perGroupPerMinute, 60_000 + (this.options.marginMs ?? 0), this.options.spread);
  }

  private chatState(chat: OutboundChat): ChatState {
    let state = this.chats.get(chat.id);
    if (!state) {
      if (this.chats.size >= this.sweepAt) this.sweep();
      const window = this.chatWindow();
      state = { windows: window ? [window] : [], group: false, jobs: [], head: 0, active: false, current: null };
      this.chats.set(chat.id, state);
    }
    if (chat.group && !state.group) {
      state.group = true;
      const window = this.groupWindow();
      if (window) state.windows.push(window);
    }
    return state;
  }

  /** Forgets idle chats whose windows have expired; run when the map doubles, so O(1) amortised. */
  private sweep(): void {
    const now = this.now();
    for (const [id, state] of this.chats) {
      if (!state.active && state.windows.every((w) => w.expired(now))) this.chats.delete(id);
    }
    this.sweepAt = Math.max(1024, this.chats.size * 2);
  }

  /** The chat's worker: one call at a time, in order; waits here never block other chats. */
  private async drain(state: ChatState): Promise<void> {
    try {
      while (!this.closed && state.head < state.jobs.length) {
        const job = state.jobs[state.head]!;
        state.jobs[state.head++] = undefined; // let the job be collected once settled
        if (state.head === state.jobs.length) {
          state.jobs = [];
          state.head = 0;
        }
        state.current = job;
        await this.attempt(state, job);
        state.current = null;
      }
    } finally {
      state.active = false;
      state.current = null;
    }
  }

  private async attempt(state: ChatState, job: Job): Promise<void> {
    for (let retries = 0; ; retries++) {
      // The chat's own windows first, then the shared gate, so a waiting chat holds no global slot.
      for (let at = this.freeAt(state.windows); at > this.now() && !this.closed; at = this.freeAt(state.windows)) {
        await this.wait(at - this.now());
      }
      if (!this.closed) await this.passGate();
      if (this.closed || job.state === 'settled') return;
      const start = this.now();
      for (const w of state.windows) w.record(start);
      job.state = 'running';
      let error: unknown;
      try {
        job.resolve(await job.call());
        return;
      } catch (e) {
        error = e;
      }
      const delay = this.closed || retries >= this.maxRetries ? null : this.rateLimitDelay(error);
      if (delay === null) {
        job.reject(error);
        return;
      }
      job.state = 'retrying';
      job.lastError = error;
      // A retried call counts against the windows again, so the loop re-checks them.
      await this.wait(delay);
      if ((job.state as Job['state']) === 'settled') return; // closed meanwhile (TS cannot see that)
    }
  }

  private rateLimitDelay(error: unknown): number | null {
    let ms: number | null;
    try {
      ms = this.options.retryAfterMs(error);
    } catch {
      ms = null; // a faulty classifier must not leave the call hanging
    }
    return typeof ms === 'number' && ms >= 0 && Number.isFinite(ms) ? ms : null;
  }

  private freeAt(windows: SlidingWindow[]): number {
    let at = -Infinity;
    for (const w of windows) at = Math.max(at, w.freeAt());
    return at;
  }

  /** FIFO gate for the global window; the start is recorded here so no slot is granted twice. */
  private passGate(): Promise<void> {
    if (!this.global) return Promise.resolve();
    if (this.gateHead === this.gateWaiters.length && this.global.freeAt() <= this.now()) {
      this.global.record(this.now());
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.gateWaiters.push(resolve);
      if (!this.gatePumping) void this.pumpGate(this.global!);
    });
  }

  private async pumpGate(global: SlidingWindow): Promise<void> {
    this.gatePumping = true;
    try {
      while (!this.closed && this.gateHead < this.gateWaiters.length) {
        const now = this.now();
        const at = global.freeAt();
        if (at > now) {
          await this.wait(at - now);
          continue;
        }
        global.record(now);
        const grant = this.gateWaiters[this.gateHead]!;
        this.gateWaiters[this.gateHead++] = undefined;
        if (this.gateHead === this.gateWaiters.length) {
          this.gateWaiters.length = 0;
          this.gateHead = 0;
        }
        grant();
      }
    } finally {
      this.gatePumping = false;
    }
  }

  /** `sleep`, cut short by close(); no reaction is left behind on a shared promise. */
  private wait(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      let done = false;
      const wake = () => {
        if (done) return;
        done = true;
        this.wakers.delete(wake);
        resolve();
      };
      this.wakers.add(wake);
      this.sleep(ms).then(wake, wake);
    });
  }

  private timerSleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private settle(job: Job, finish: () => void): void {
    if (job.state === 'settled') return;
    job.state = 'settled';
    finish();
    if (--this.pending === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
