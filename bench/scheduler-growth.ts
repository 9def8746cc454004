// Scheduler growth: the time of one scheduler tick with 1k, 10k and 100k stored meetings (and their
// reminders, tasks, votes, attendance, prompts, processed events), of which a fixed number are due.
// Target: the tick at 100k costs at most twice the tick at 1k — what is due must be read through an
// index, and no job may do work per stored cell or meeting. Sizes are measured side by side in one run.
//
// Each size gets a fresh database seeded in bulk (not timed), then the real bot (createBot with a memory
// channel and a manual clock at the seed's "now") runs: one probe tick that records every SQL statement
// with the job and repository call that sent it, then `ticks` timed ticks of bot.scheduler.runDue(),
// the due items re-armed before each. Every tick must send exactly one message per due item and leave
// them handled in the database; otherwise the benchmark throws rather than time nothing.
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createBot, type Bot } from '../src/bot.ts';
import { MemoryChannel } from '../src/channels/memory/memory-channel.ts';
import { ManualClock } from '../src/scheduler/clock.ts';
import type { Store } from '../src/app/ports.ts';
import { createBenchDatabase, type DbKind } from './support/db.ts';
import type { BenchResult, Metric } from './support/report.ts';
import { openRaw, type RawDb } from './support/scheduler-raw.ts';
import { handled, rearm, seedSchedulerWorld, type SeededWorld } from './support/scheduler-seed.ts';
import { createQueryRecorder, explainQueries, jobTimes, type QueryPlan, type RecordedQuery } from './support/scheduler-plans.ts';

/** Time spent on timed ticks per size, after which no further tick is started. */
const TIMING_BUDGET_MS = 60_000;

/** Monday 08:00 in Vietnam: task reminders (08:00) fall due on the minute. */
export const SCHEDULER_NOW = new Date('2026-11-23T01:00:00Z');

export interface SchedulerGrowthOptions {
  sizes?: number[];
  due?: number;
  ticks?: number;
}

interface SizeRun {
  size: number;
  world: SeededWorld;
  seedMs: number;
  samples: number[];
  sent: number;
  queries: RecordedQuery[];
  plans: QueryPlan[];
  /** Approximate ms per job in the probe tick. */
  probeTimes: Map<string, number>;
  warnings: number;
}

const label = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The real bot on `store`, with nothing started: no cron, no channel listener — ticks run only when asked. */
function makeBot(store: Store) {
  const clock = new ManualClock(SCHEDULER_NOW);
  const channel = new MemoryChannel(
    { buttons: true, nativePolls: 'none', privateChat: true, editMessages: true, mentionAll: true, listMembers: false, maxTextLength: 4096, files: true, trustsDisplayName: false },
    () => clock.now(),
  );
  const logs: { level: number; msg?: string; job?: string; err?: { message?: string } }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as (typeof logs)[number]);
      done();
    },
  });
  const bot: Bot = createBot({ store, clock, channels: [channel], log: pino({ level: 'warn' }, sink) });
  return { bot, channel, logs };
}

/** One tick, then the proof that it did the due work: the messages went out and the rows say so. */
async function tick(
  harness: ReturnType<typeof makeBot>, raw: RawDb, world: SeededWorld, hooks: { before?: () => void; after?: () => void } = {},
): Promise<{ ms: number; sent: number }> {
  const before = harness.channel.records.length;
  const logsBefore = harness.logs.length;
  hooks.before?.();
  const started = performance.now();
  try {
    await harness.bot.scheduler.runDue();
  } finally {
    hooks.after?.();
  }
  const ms = performance.now() - started;
  const out = harness.channel.records.slice(before).filter((r) => r.type !== 'ack' && r.type !== 'closeAsk');
  const failed = harness.logs.slice(logsBefore).filter((l) => l.level >= 50);
  if (failed.length) throw new Error(`scheduler tick logged errors: ${failed.map((l) => `${l.job ?? ''} ${l.msg ?? ''} ${l.err?.message ?? ''}`).join('; ')}`);
  const messages = out.filter((r) => r.type === 'message').length;
  if (messages !== world.expectedMessages || out.length !== messages) {
    throw new Error(`tick sent ${messages} messages and ${out.length - messages} other outputs; ${world.expectedMessages} items were due`);
  }
  const done = await handled(raw, world.due);
  const reminders = world.due.meetingReminders.length + world.due.taskReminders.length;
  if (done.reminders !== reminders || done.votes !== world.due.votes.length || done.eventsLeft !== 0) {
    throw new Error(`due items not handled: ${done.reminders}/${reminders} reminders sent, ${done.votes}/${world.due.votes.length} votes closed, ${done.eventsLeft} expired events left`);
  }
  return { ms, sent: messages };
}

async function runSize(kind: DbKind, size: number, due: number, ticks: number): Promise<SizeRun> {
  const db = await createBenchDatabase(kind);
  const raw = await openRaw(kind, db.url);
  const recorder = createQueryRecorder(kind);
  try {
    const seedStart = performance.now();
    const world = await seedSchedulerWorld(raw, { meetings: size, due, now: SCHEDULER_NOW });
    const seedMs = performance.now() - seedStart;

    // Probe: the same bot on a store whose calls are labelled; it also warms the Prisma client up.
    const probe = makeBot(recorder.wrap(db.store));
    let queries: RecordedQuery[] = [];
    let probeStart = 0;
    let probeEnd = 0;
    await tick(probe, raw, world, {
      before: () => {
        recorder.start();
        probeStart = performance.now();
      },
      // Stop before the checks: their own statements are not the tick's.
      after: () => {
        probeEnd = performance.now();
        queries = recorder.stop();
        recorder.dispose();
      },
    });
    const probeTimes = jobTimes(queries, probeStart, probeEnd);

    const harness = makeBot(db.store);
    const samples: number[] = [];
    let sent = 0;
    const timedFrom = performance.now();
    // A tick that takes minutes (the defect this measures) is timed fewer times, never less than once.
    for (let i = 0; i < ticks && (i === 0 || performance.now() - timedFrom < TIMING_BUDGET_MS); i++) {
      await rearm(raw, world.due, SCHEDULER_NOW);
      const result = await tick(harness, raw, world);
      samples.push(result.ms);
      sent = result.sent;
    }
    // Planned with the due rows armed, as the tick saw them (PostgreSQL's ANALYZE runs and rolls back).
    await rearm(raw, world.due, SCHEDULER_NOW);
    const plans = await explainQueries(raw, queries);
    await harness.bot.stop();
    await probe.bot.stop();
    return { size, world, seedMs, samples, sent, queries, plans, probeTimes, warnings: harness.logs.length + probe.logs.length };
  } finally {
    recorder.dispose();
    await raw.close();
    await db.drop();
  }
}

const countBy = (queries: readonly RecordedQuery[], key: (q: RecordedQuery) => string) => {
  const counts = new Map<string, number>();
  for (const q of queries) counts.set(key(q), (counts.get(key(q)) ?? 0) + 1);
  return counts;
};

/** Tables whose size follows the stored meetings (or the cells they belong to). */
const GROWING = new Set([
  'Meeting', 'Reminder', 'Task', 'MeetingAttendance', 'MeetingEvent', 'Prompt', 'Vote', 'VoteEligible', 'OpenBallot', 'ProcessedEvent',
  'Cell', 'CellSettings', 'CellAlert', 'CellHoliday', 'ChatBinding', 'Member', 'MemberIdentity',
]);

export async function runSchedulerGrowth(kind: DbKind, options: SchedulerGrowthOptions = {}): Promise<BenchResult> {
  const sizes = [...(options.sizes ?? [1_000, 10_000, 100_000])].sort((a, b) => a - b);
  const due = options.due ?? 20;
  const ticks = Math.max(1, options.ticks ?? 5);
  if (!sizes.length) throw new Error('no sizes');
  const runs: SizeRun[] = [];
  for (const size of sizes) runs.push(await runSize(kind, size, due, ticks));

  const metrics: Metric[] = [];
  const notes: string[] = [];
  for (const r of runs) metrics.push({ name: `tick ms @${label(r.size)}`, value: round(median(r.samples)), unit: 'ms' });
  const first = runs[0]!;
  const last = runs.at(-1)!;
  if (runs.length > 1) {
    metrics.push({ name: `${label(last.size)} / ${label(first.size)}`, value: round(median(last.samples) / median(first.samples)), unit: '×', target: { op: '<=', value: 2 } });
  }
  for (const r of runs) metrics.push({ name: `messages sent @${label(r.size)}`, value: r.sent, unit: 'msg', target: { op: '==', value: r.world.expectedMessages } });
  for (const r of runs) metrics.push({ name: `queries per tick @${label(r.size)}`, value: r.queries.length, unit: 'stmt' });

  const d = first.world.due;
  notes.push(
    `Real bot (createBot, memory channel, manual clock at ${SCHEDULER_NOW.toISOString()}); median of up to ${ticks} tick(s) per size (fewer once ${TIMING_BUDGET_MS / 1000} s of ticks are spent) after an untimed probe tick; due items re-armed before each tick.`,
    `Due per tick: ${d.meetingReminders.length} meeting reminders, ${d.taskReminders.length} task reminders (owner / overdue), ${d.votes.length} vote deadlines = ${first.world.expectedMessages} messages; plus ${d.expiredEvents.length} processed events past retention for housekeeping. Every tick checked: that many messages sent, rows SENT/CLOSED/deleted.`,
    kind === 'sqlite'
      ? 'SQLite without ANALYZE (the app never runs it), WAL checkpointed after seeding.'
      : 'PostgreSQL after ANALYZE (what autovacuum does on a live database).',
  );
  for (const r of runs) {
    const c = r.world.counts;
    notes.push(
      `@${label(r.size)}: ${r.world.cells} cells, ${c.Meeting} meetings (${Object.entries(r.world.spread).filter(([k]) => !k.startsWith('reminders')).map(([k, n]) => `${n} ${k}`).join(', ')}), ${c.Reminder} reminders (${Object.entries(r.world.spread).filter(([k]) => k.startsWith('reminders')).map(([k, n]) => `${n} ${k.slice(10)}`).join(', ')}), ${c.Task} tasks, ${c.MeetingAttendance} attendance, ${c.Prompt} prompts, ${c.Vote} votes, ${c.ProcessedEvent} processed events, ${c.CellAlert} flags; seeded in ${(r.seedMs / 1000).toFixed(1)} s; ticks ${r.samples.map((s) => s.toFixed(1)).join(', ')} ms.`,
    );
  }

  // Work per job: a job whose statement count grows with the stored data does work per stored row.
  const jobs = [...new Set(runs.flatMap((r) => r.queries.map((q) => q.job)))];
  const perJob = runs.map((r) => countBy(r.queries, (q) => q.job));
  notes.push(`statements per tick by job (${runs.map((r) => `@${label(r.size)}`).join(' / ')}): ${jobs.map((j) => `${j} ${perJob.map((m) => m.get(j) ?? 0).join('/')}`).join('; ')}.`);
  notes.push(`probe-tick ms by job, approx. (${runs.map((r) => `@${label(r.size)}`).join(' / ')}): ${jobs.map((j) => `${j} ${runs.map((r) => (r.probeTimes.get(j) ?? 0).toFixed(1)).join('/')}`).join('; ')}.`);
  const defects: string[] = [];
  for (const job of jobs) {
    const small = perJob[0]!.get(job) ?? 0;
    const big = perJob.at(-1)!.get(job) ?? 0;
    if (runs.length > 1 && big > small * 1.5 && big - small > due) {
      const calls = countBy(last.queries.filter((q) => q.job === job), (q) => q.call);
      defects.push(`DEFECT ${job}: works per stored row, ${small} statements @${label(first.size)} → ${big} @${label(last.size)} (${[...calls].map(([c, n]) => `${c} ×${n}`).join(', ')}).`);
    }
  }
  const rowsAt = (r: SizeRun, shape: string) => r.plans.find((p) => p.shape === shape)?.rowsRead ?? null;
  for (const p of last.plans) {
    const growing = p.scans.filter((t) => GROWING.has(t));
    const reads = runs.map((r) => rowsAt(r, p.shape));
    const readNote = p.rowsRead === null ? '' : ` rows read ${reads.map((n) => n ?? '–').join('/')};`;
    const verdict = p.verdict === 'write' ? 'write' : growing.length ? `SCAN ${growing.join(', ')}` : 'index';
    notes.push(`plan @${label(last.size)} [${p.job}] ${p.call} ×${p.count}: ${verdict};${readNote} ${p.plan.map((l) => l.trim()).join(' | ') || '(insert)'}`);
    const small = reads[0] ?? null;
    const big = p.rowsRead;
    const sql = p.sql.replace(/\s+/g, ' ').slice(0, 200);
    if (kind === 'sqlite' && growing.length) {
      defects.push(`DEFECT ${p.job} ${p.call}: SQLite scans ${growing.join(', ')} (${p.plan.join(' | ')}) — ${sql}`);
    } else if (kind === 'postgresql' && big !== null && small !== null && runs.length > 1 && big > 2 * small + 100) {
      defects.push(`DEFECT ${p.job} ${p.call}: reads ${small} rows @${label(first.size)} → ${big} @${label(last.size)} per run (${p.plan.map((l) => l.trim()).join(' | ')}) — ${sql}`);
    }
  }
  notes.push(...(defects.length ? defects : ['No job scans a growing table or does work per stored row.']));
  const warnings = runs.reduce((n, r) => n + r.warnings, 0);
  if (warnings) notes.push(`${warnings} warning(s) logged by the bot during the ticks.`);
  return { bench: 'scheduler growth', db: kind, metrics, notes };
}
