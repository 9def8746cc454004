// Broadcast: 1,000 cells, each in its own Telegram group, whose monthly-meeting reminders all fall due at
// the same minute (every cell keeps the same default rule). The real bot (src/main.ts as its own process,
// on a real database) starts with them due and sends them through its outbound queue to a fake Bot API
// that answers 429 exactly where Telegram would (>1 msg/s per chat with burst 3, >20/min per group,
// >30/s overall). Measured at the fake server: every group must get its reminder exactly once, the
// achieved rate against the 30/s Telegram permits, and no 429.
import { FakeTelegram, type SentCall } from '../test/support/fake-telegram.ts';
import { REMINDER_LEASE_MS } from '../src/app/meetings.ts';
import { createBenchDatabase, type DbKind } from './support/db.ts';
import { spawnBot, type BotProcess } from './support/processes.ts';
import { percentile, type BenchResult } from './support/report.ts';
import { ROLL, seedBroadcast } from './support/broadcast-seed.ts';

const TOKEN = '777:broadcast';
/** Telegram's overall limit for a bot; with one message per group the per-chat and per-group limits never bind. */
export const PERMITTED_PER_SECOND = 30;
/** The send methods (as the fake classifies them): the calls Telegram's message limits count. */
const SEND_METHOD = /^(send(?!ChatAction)|copyMessage|forwardMessage)/;
/** The reminder's opening words (src/text/meetings.ts reminder), after the line of mentioned names. */
const REMINDER_PREFIX = 'NHẮC LỊCH:';
/** After the last expected message, how long to keep listening for duplicates or strays. */
const SETTLE_MS = 3000;
/** A pause this long between two sends is reported as a break between bursts. */
const BURST_BREAK_MS = 2000;

export interface BroadcastOptions {
  groups?: number;
}

interface Accepted {
  at: number;
  /** Wall clock, to relate a burst to the scheduler's minute tick. */
  wall: number;
  chatId: string;
  text: string;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** Splits the accepted sends where they pause, to show how the scheduler fed the queue. */
function bursts(sends: readonly Accepted[]): { count: number; ms: number; pauseBeforeMs: number; intoMinuteMs: number }[] {
  const out: { count: number; ms: number; pauseBeforeMs: number; intoMinuteMs: number }[] = [];
  let start = 0;
  for (let i = 1; i <= sends.length; i++) {
    if (i === sends.length || sends[i]!.at - sends[i - 1]!.at >= BURST_BREAK_MS) {
      out.push({ count: i - start, ms: sends[i - 1]!.at - sends[start]!.at, pauseBeforeMs: start === 0 ? 0 : sends[start]!.at - sends[start - 1]!.at, intoMinuteMs: sends[start]!.wall % 60_000 });
      start = i;
    }
  }
  return out;
}

export async function runBroadcast(kind: DbKind, options: BroadcastOptions = {}): Promise<BenchResult> {
  const groups = options.groups ?? 1000;
  const fake = await new FakeTelegram({ token: TOKEN, enforceLimits: true }).start();
  const db = await createBenchDatabase(kind);
  let bot: BotProcess | undefined;
  try {
    const seedStart = performance.now();
    const world = await seedBroadcast(db.url, groups);
    const seedMs = performance.now() - seedStart;
    for (const [chatId] of world.cellOfChat) fake.group(Number(chatId), `Chi bộ ${chatId}`);
    const expectedPerGroup = 1; // one 1-hour reminder, far below Telegram's 4,096 characters
    const expected = groups * expectedPerGroup;

    // ---- listen at the fake server before the bot exists: every send call, accepted or refused
    const accepted: Accepted[] = [];
    const refused: (SentCall & { at: number })[] = [];
    const reminders = new Map<string, number>();
    let reached = 0;
    let allReached!: () => void;
    const everyGroupReached = new Promise<void>((resolve) => (allReached = resolve));
    const onCall = (call: SentCall) => {
      if (!SEND_METHOD.test(call.method)) return;
      const at = performance.now();
      if (call.error) {
        refused.push({ ...call, at });
        return;
      }
      const chatId = String(call.payload.chat_id);
      const text = String(call.payload.text ?? call.payload.caption ?? '');
      accepted.push({ at, wall: Date.now(), chatId, text });
      if (!world.cellOfChat.has(chatId) || !text.includes(REMINDER_PREFIX)) return;
      const copies = (reminders.get(chatId) ?? 0) + 1;
      reminders.set(chatId, copies);
      if (copies === 1 && ++reached === groups) allReached();
    };
    fake.on('call', onCall);

    // ---- the bot: its scheduler runs what is due at start-up, then every minute
    const spawnedAt = performance.now();
    bot = spawnBot({ DATABASE_URL: db.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    const startupMs = await bot.ready;
    // Generous: three times what the permitted rate needs, plus a minute's tick for every further batch of
    // 500 (the most the reminder job reads per tick), plus start-up slack. Beyond that a group is missing.
    const timeoutMs = 30_000 + (expected / PERMITTED_PER_SECOND) * 3000 + Math.max(0, Math.ceil(groups / 500) - 1) * 60_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      everyGroupReached.then(() => 'done' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
      bot.exited.then((code) => `exited ${code}` as const),
    ]);
    clearTimeout(timer);
    if (outcome !== 'done') {
      const missing = [...world.cellOfChat.keys()].filter((c) => !reminders.has(c));
      const errors = bot.logs.filter((l) => Number(l.level) >= 40).slice(-5).map((l) => JSON.stringify(l));
      throw new Error(
        `broadcast: ${missing.length}/${groups} groups got no reminder (${outcome} after ${seconds(performance.now() - spawnedAt)} s; ` +
          `${accepted.length} sends accepted, ${refused.length} refused, ${fake.floodCount} 429s); missing e.g. ${missing.slice(0, 5).join(', ')}` +
          (errors.length ? `\nbot warnings/errors:\n${errors.join('\n')}` : ''),
      );
    }
    // Anything the bot still sends now is a duplicate or a stray; give it time to show.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    fake.off('call', onCall);
    await bot.stop();
    bot = undefined;

    // ---- ground truth: every reminder handled in the database, every group exactly one copy
    const stillDue = await db.store.reminders.due(new Date(), new Date(Date.now() - REMINDER_LEASE_MS), 10, 'meeting');
    if (stillDue.length) throw new Error(`broadcast: ${stillDue.length}+ reminders still pending in the database after every group got one`);
    const exactlyOne = [...world.cellOfChat.keys()].filter((c) => reminders.get(c) === 1).length;
    const duplicates = [...reminders.values()].reduce((sum, n) => sum + n - 1, 0);
    const toGroups = accepted.filter((s) => world.cellOfChat.has(s.chatId));
    const strays = toGroups.filter((s) => !s.text.includes(REMINDER_PREFIX));
    const messages = toGroups.length;
    const spanMs = toGroups.at(-1)!.at - toGroups[0]!.at;
    // One message has no span: no rate to speak of.
    const achieved = spanMs > 0 ? messages / (spanMs / 1000) : NaN;
    const parts = bursts(toGroups);
    const longestPauseMs = Math.max(0, ...toGroups.slice(1).map((s, i) => s.at - toGroups[i]!.at));
    const refusedOther = refused.filter((c) => c.error?.error_code !== 429);
    // Which of Telegram's limits each 429 hit: sends the fake accepted in the second before it, and whether
    // the refused chat had been written to at all (the per-chat and per-group limits need earlier sends).
    const floods = refused.filter((c) => c.error?.error_code === 429).map((c) => ({
      inLastSecond: accepted.filter((s) => s.at > c.at - 1000 && s.at <= c.at).length,
      chatHadSends: accepted.some((s) => s.chatId === String(c.payload.chat_id) && s.at < c.at),
      retryAfter: Number(/retry after (\d+)/.exec(c.error!.description)?.[1] ?? NaN),
    }));
    // Time between consecutive sends inside a burst: the bot's cost per reminder when the queue is not holding it back.
    const intervals = parts.length ? toGroups.slice(1).map((s, i) => s.at - toGroups[i]!.at).filter((d) => d < BURST_BREAK_MS) : [];
    const stalls = intervals.filter((d) => d >= 900);

    const notes = [
      `${groups} cells, each with ${ROLL} members and its own Telegram supergroup; each cell's monthly meeting starts at ${world.startsAt.toISOString()}, ` +
        `so its 1-hour reminder is due at ${world.dueAt.toISOString()} — all ${groups} in the same minute. Seeded in bulk in ${seconds(seedMs)} s (not timed).`,
      `Messages per group: ${expectedPerGroup} (the reminder, one Telegram message); expected ${expected}, delivered ${messages}` +
        (strays.length ? `, of which ${strays.length} were not the reminder (e.g. ${JSON.stringify(strays[0]!.text.slice(0, 60))})` : '') + '.',
      `Permitted rate: ${PERMITTED_PER_SECOND} messages/s, Telegram's overall limit for one bot (the fake answers 429 above it); ` +
        'the per-chat (1/s, burst 3) and per-group (20/min) limits do not bind at one message per group.',
      `Achieved rate = messages delivered / time from the first to the last accepted send, timed at the fake server (${messages} / ${seconds(spanMs)} s).`,
      `Sends came in ${parts.length} burst(s) separated by pauses ≥ ${BURST_BREAK_MS / 1000} s: ` +
        parts.map((b) => `${b.pauseBeforeMs ? `after ${seconds(b.pauseBeforeMs)} s idle, from ${seconds(b.intoMinuteMs)} s into a wall-clock minute, ` : ''}${b.count} in ${seconds(b.ms)} s (${b.ms ? (b.count / (b.ms / 1000)).toFixed(1) : '—'}/s)`).join('; ') + '.',
      `Bot ready ${Math.round(startupMs)} ms after spawn; first reminder accepted ${Math.round(toGroups[0]!.at - spawnedAt)} ms after spawn.`,
      `Between consecutive sends within a burst: p50 ${percentile(intervals, 50).toFixed(1)} ms, p90 ${percentile(intervals, 90).toFixed(1)} ms, ` +
        `${stalls.length} stalls ≥ 0.9 s (${seconds(stalls.reduce((a, b) => a + b, 0))} s in all).`,
      ...(floods.length
        ? [`429s: ${floods.length}, retry_after ${[...new Set(floods.map((f) => f.retryAfter))].join('/')} s; at each, the fake had accepted ` +
            `${Math.min(...floods.map((f) => f.inLastSecond))}–${Math.max(...floods.map((f) => f.inLastSecond))} sends in the preceding second; ` +
            `${floods.filter((f) => !f.chatHadSends).length} of them to a chat not written to before (so the overall 30/s limit, not per chat or group).`]
        : []),
      ...(refusedOther.length ? [`${refusedOther.length} sends refused other than by 429, e.g. ${JSON.stringify(refusedOther[0]!.error)}`] : []),
    ];
    return {
      bench: 'broadcast',
      db: kind,
      metrics: [
        { name: `messages delivered (${groups} groups)`, value: messages, unit: 'msgs', target: { op: '==', value: expected } },
        { name: 'groups with exactly one reminder', value: exactlyOne, unit: 'groups', target: { op: '==', value: groups } },
        { name: 'duplicate reminders', value: duplicates, unit: 'msgs', target: { op: '==', value: 0 } },
        { name: 'first to last send', value: spanMs / 1000, unit: 's' },
        { name: 'achieved rate', value: achieved, unit: 'msgs/s' },
        { name: 'permitted rate (Telegram, overall)', value: PERMITTED_PER_SECOND, unit: 'msgs/s' },
        { name: 'achieved / permitted', value: achieved / PERMITTED_PER_SECOND, unit: '', target: { op: '>=', value: 0.9 } },
        { name: '429 responses', value: fake.floodCount, unit: '', target: { op: '==', value: 0 } },
        { name: 'longest pause between sends', value: longestPauseMs, unit: 'ms' },
      ],
      notes,
    };
  } finally {
    await bot?.stop();
    await fake.stop();
    await db.drop();
  }
}
