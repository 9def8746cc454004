// Vote burst: a đảng bộ's online conference, 1,000 eligible members pressing a show-of-hands button at
// once, plus 10 % of the updates delivered again (Telegram redelivers what was not confirmed). The real
// bot (src/main.ts as its own process, on a real database) and a bare telegraf bot that only answers the
// press run against the same fake Bot API in the same run; the ratio of their throughputs is the cost of
// storing, checking and counting. The tally must equal the ground truth exactly.
import type { Message, User } from 'telegraf/types';
import { FakeTelegram } from '../test/support/fake-telegram.ts';
import { createBenchDatabase, type DbKind } from './support/db.ts';
import { CHOICES, drawChoice, seedConference, tallyExact, type ChoiceId } from './support/conference.ts';
import { memberName, random } from './support/names.ts';
import { spawnBot, type BotProcess } from './support/processes.ts';
import { percentile, type BenchResult } from './support/report.ts';

const TOKEN = '777:bench';

export interface VoteBurstOptions {
  members?: number;
  replayRatio?: number;
  seed?: number;
  /** Presses a second in the latency run: 1,000 members voting within 10 s. */
  pacedPerSecond?: number;
}

export interface VoteBurstRun {
  results: BenchResult[];
  /** The tally the bot stored and announced equals the ground truth. */
  exact: boolean;
}

interface Burst {
  seconds: number;
  updates: number;
  latencies: number[];
}

/**
 * Presses every button once, redelivers `replays` of them after they were answered, waits for all
 * answers. All at once (the throughput), or `perSecond` evenly (the latency a member sees at that load).
 */
async function burst(fake: FakeTelegram, presses: { user: User; message: Message | object; data: string }[], replayOf: Set<number>, timeoutMs: number, perSecond?: number): Promise<Burst> {
  const delivered = new Map<string, number[]>();
  const latencies: number[] = [];
  const originals = new Map<string, number>(); // callback id → update id
  let first = Infinity;
  let last = 0;
  let answered = 0;
  const expected = presses.length + replayOf.size;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vote burst: ${answered}/${expected} presses answered in ${timeoutMs} ms`)), timeoutMs);
    const onDelivered = (updates: { callback_query?: { id: string } }[]) => {
      const now = performance.now();
      first = Math.min(first, now);
      for (const u of updates) if (u.callback_query) delivered.set(u.callback_query.id, [...(delivered.get(u.callback_query.id) ?? []), now]);
    };
    const onCall = (call: { method: string; payload: Record<string, unknown> }) => {
      if (call.method !== 'answerCallbackQuery') return;
      const now = performance.now();
      const id = String(call.payload.callback_query_id);
      const at = delivered.get(id)?.shift();
      if (at !== undefined) latencies.push(now - at);
      last = now;
      answered++;
      const updateId = originals.get(id);
      if (updateId !== undefined && replayOf.has(updateId)) {
        originals.delete(id);
        fake.replay(updateId);
      }
      if (answered >= expected) {
        clearTimeout(timer);
        fake.off('delivered', onDelivered);
        fake.off('call', onCall);
        resolve();
      }
    };
    fake.on('delivered', onDelivered);
    fake.on('call', onCall);
  });
  const startedAt = performance.now();
  for (const [i, press] of presses.entries()) {
    if (perSecond) {
      const wait = startedAt + (i * 1000) / perSecond - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    }
    const update = fake.injectCallback(press.user, press.message as Message, press.data);
    originals.set(update.callback_query.id, update.update_id);
  }
  await done;
  return { seconds: (last - first) / 1000, updates: expected, latencies };
}

/** Which presses get delivered twice: a fixed share, chosen by the seed. */
function replaySet(updateIds: number[], ratio: number, rand: () => number): Set<number> {
  const shuffled = [...updateIds].sort(() => rand() - 0.5);
  return new Set(shuffled.slice(0, Math.round(updateIds.length * ratio)));
}

export async function runVoteBurst(kind: DbKind, options: VoteBurstOptions = {}): Promise<VoteBurstRun> {
  const size = options.members ?? 1000;
  const replayRatio = options.replayRatio ?? 0.1;
  const rand = random(options.seed ?? 2026);
  const paced = options.pacedPerSecond ?? 100;
  const fake = await new FakeTelegram({ token: TOKEN, longPollCapMs: 50 }).start();
  const db = await createBenchDatabase(kind);
  let bot: BotProcess | undefined;
  try {
    const users = Array.from({ length: size }, (_, i) => fake.user(10_000 + i, memberName(i)));
    const choiceOf = users.map(() => drawChoice(rand));

    const step = (s: string) => process.env.BENCH_DEBUG && console.error(`[vote burst] ${s}`);
    step('baseline');
    // ---- baseline: bare telegraf, same fake server, same presses
    const bare = spawnBot({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }, { entry: 'bench/support/bare-telegraf.ts' });
    await bare.ready;
    const dummy = { message_id: 1, date: 0, chat: fake.group(-1002000000001, 'Baseline') };
    const barePresses = users.map((user, i) => ({ user, message: dummy, data: `baseline|${choiceOf[i]}` }));
    // Update ids are assigned on injection: the next `size` ids are the presses.
    const nextId = () => (fake as unknown as { seq: { update: number } }).seq.update;
    const nextIds = () => users.map((_, i) => nextId() + i);
    const baseline = await burst(fake, barePresses, replaySet(nextIds(), replayRatio, rand), 120_000);
    const barePaced = await burst(fake, barePresses, replaySet(nextIds(), replayRatio, rand), 120_000, paced);
    await bare.stop();

    // ---- the bot: a cell of `size` members, a meeting in progress, everyone present, one open vote
    bot = spawnBot({ DATABASE_URL: db.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    const startupMs = await bot.ready;
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = bot.rssMb();
    step('seeding');
    const conference = await seedConference(fake, db, size);
    const first = await conference.openVote('Thông qua nghị quyết hội nghị');
    const presses = (data: Record<ChoiceId, string>, message: object) => users.map((user, i) => ({ user, message, data: data[choiceOf[i]!] }));
    step('burst');
    const measured = await burst(fake, presses(first.data, first.message), replaySet(nextIds(), replayRatio, rand), 600_000);
    const burstRss = bot.rssMb();
    const truth = Object.fromEntries(CHOICES.map((c) => [c.id, choiceOf.filter((x) => x === c.id).length])) as Record<ChoiceId, number>;
    const firstCount = await conference.closeVote(first.seq);

    // ---- the latency a member sees: a second vote, the same presses spread over time
    step('paced');
    const second = await conference.openVote('Thông qua chương trình công tác quý I');
    const pacedRun = await burst(fake, presses(second.data, second.message), replaySet(nextIds(), replayRatio, rand), 600_000, paced);
    const secondCount = await conference.closeVote(second.seq);
    const exact = tallyExact(firstCount, truth, size) && tallyExact(secondCount, truth, size);

    const botRate = measured.updates / measured.seconds;
    const bareRate = baseline.updates / baseline.seconds;
    return {
      exact,
      results: [
        {
          bench: 'vote burst',
          db: kind,
          metrics: [
            { name: 'throughput ratio (bot / bare telegraf)', value: botRate / bareRate, unit: '', target: { op: '>=', value: 0.5 } },
            { name: 'bot throughput', value: botRate, unit: 'updates/s' },
            { name: 'bare telegraf throughput', value: bareRate, unit: 'updates/s' },
            { name: `latency p50 at ${paced} presses/s`, value: percentile(pacedRun.latencies, 50), unit: 'ms' },
            { name: `latency p99 at ${paced} presses/s`, value: percentile(pacedRun.latencies, 99), unit: 'ms', target: { op: '<', value: 50 } },
            { name: `bare telegraf latency p99 at ${paced}/s`, value: percentile(barePaced.latencies, 99), unit: 'ms' },
            { name: 'latency p99 in the all-at-once burst', value: percentile(measured.latencies, 99), unit: 'ms' },
            { name: 'bare telegraf p99 in the burst', value: percentile(baseline.latencies, 99), unit: 'ms' },
            { name: 'tally equals ground truth', value: exact ? 1 : 0, unit: 'yes=1', target: { op: '==', value: 1 } },
          ],
          notes: [
            `${size} presses + ${measured.updates - size} redelivered, all at once (throughput), then again at ${paced}/s on a second vote (latency); ground truth ${JSON.stringify(truth)}, stored ${JSON.stringify(firstCount.stored)} and ${JSON.stringify(secondCount.stored)}`,
            'latency: from the fake server handing the update out (getUpdates) to the press being answered (answerCallbackQuery); in the all-at-once burst it is mostly waiting in the batch of 100',
          ],
        },
        {
          bench: 'footprint',
          db: kind,
          metrics: [
            { name: 'start-up to ready', value: startupMs, unit: 'ms', target: { op: '<', value: 3000 } },
            { name: 'RSS idle', value: idleRss, unit: 'MB', target: { op: '<', value: 200 } },
            { name: `RSS after the burst (${size} members)`, value: burstRss, unit: 'MB', target: { op: '<', value: 200 } },
          ],
        },
      ],
    };
  } finally {
    await bot?.stop();
    await fake.stop();
    await db.drop();
  }
}
