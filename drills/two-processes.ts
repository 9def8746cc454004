// Two-processes drill (issue: "two bot processes against one PostgreSQL with reminders due → each reminder
// sent exactly once"). Two real bot processes (src/main.ts) share one database and one fake Telegram.
// Seeded: many cells, each bound to its own group, with meeting reminders, task reminders, a monthly rule to
// draft, an overdue vote and a quarter without a thematic meeting — due when the processes start (both run
// their start-up tick at once), and more falling due on the next minute(s), when node-cron fires in both
// processes at the same instant (the last of them is "08:00": only task reminders, so both processes reach
// the task job together). In the first shared tick process A is killed with SIGKILL while it still holds
// claimed reminders; a fresh process takes its place, and the claims are taken over once the lease
// (REMINDER_LEASE_MS, 10 minutes) has passed — the drill ages them in the database instead of waiting.
// Verdict: at the fake, every group (and committee member) got each expected message exactly once; in the
// database every due reminder row is SENT (the latest of a burst) or SKIPPED (the others), none left behind.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { REMINDER_LEASE_MS } from '../src/app/meetings.ts';
import { FakeTelegram, type SentCall } from '../test/support/fake-telegram.ts';
import { createBenchDatabase, type DbKind } from '../bench/support/db.ts';
import { spawnBot, type BotProcess } from '../bench/support/processes.ts';
import type { DrillResult } from '../bench/support/report.ts';
import { openRaw, type RawDb } from '../bench/support/scheduler-raw.ts';
import { startApiProxy, type ApiProxy } from './support/two-processes-proxy.ts';
import { FLAG_MARKER, markerOf, seedWorld, type SeededWorld } from './support/two-processes-seed.ts';

export interface TwoProcessesOptions {
  /** Cells, each with its own group (default 200). */
  cells?: number;
  /** Shared minute ticks after the start-up tick (default 2; each costs up to a minute of waiting). */
  rounds?: number;
}

const TOKEN = '424242:two-processes-drill';
/** No message for this long: the processes have finished what the tick gave them. */
const QUIET_MS = 1_500;

interface Received {
  at: number;
  chatId: string;
  key: string | null;
  text: string;
}

interface Runner {
  label: string;
  bot: BotProcess;
  proxy: ApiProxy;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await sleep(stepMs);
  }
  return condition();
}

const keyOf = (chatId: string, text: string): string | null => {
  const marker = markerOf(text);
  if (marker) return `${chatId}|${marker}`;
  return Number(chatId) > 0 ? `${chatId}|${FLAG_MARKER}` : null;
};

export async function runTwoProcesses(kind: DbKind, options: TwoProcessesOptions = {}): Promise<DrillResult> {
  const cells = options.cells ?? 200;
  const rounds = Math.max(1, options.rounds ?? 2);
  const drill = 'two processes, reminders once';
  const started = performance.now();
  const fake = await new FakeTelegram().start();
  const db = await createBenchDatabase(kind);
  const raw: RawDb = await openRaw(kind, db.url);
  const runners: Runner[] = [];
  try {
    const world = await seedWorld(db.store, raw, fake, { cells, rounds, now: new Date() });
    const seedSeconds = (performance.now() - started) / 1000;
    const expectedKeys = new Map(world.expected.map((e) => [e.key, e]));

    // Ground truth: every message the fake accepted, in the chats the drill watches.
    const received: Received[] = [];
    let lastSendAt = Date.now();
    fake.on('call', (call: SentCall) => {
      if (call.method !== 'sendMessage' || call.error) return;
      const chatId = String(call.payload.chat_id);
      if (!world.chats.has(chatId)) return;
      const text = String(call.payload.text ?? '');
      received.push({ at: Date.now(), chatId, key: keyOf(chatId, text), text });
      lastSendAt = Date.now();
    });
    const quiet = () => Date.now() - lastSendAt >= QUIET_MS;
    const receivedKeys = () => new Set(received.map((r) => r.key));
    const allOfTick = (tick: number) => {
      const got = receivedKeys();
      return world.expected.filter((e) => e.tick === tick).every((e) => got.has(e.key));
    };

    // In small runs A (the process to kill) sends slowly, so that the kill lands while it still holds claims.
    const spawn = async (label: string, perSecond = '30'): Promise<Runner> => {
      const proxy = await startApiProxy(fake.apiRoot);
      const bot = spawnBot({ DATABASE_URL: db.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: proxy.url, TELEGRAM_GLOBAL_PER_SECOND: perSecond });
      const runner = { label, bot, proxy };
      runners.push(runner);
      return runner;
    };
    const a = await spawn('A', cells < 50 ? '4' : '30');
    const b = await spawn('B');
    await Promise.all([a.bot.ready, b.bot.ready]);

    // Tick 0: both processes run what fell due while no bot ran, at start-up, side by side.
    const startupComplete = await until(() => allOfTick(0) && quiet(), 60_000);
    // A's instance id (its rows' claimedBy): the claimer of a reminder only A sent.
    const unitByKey = new Map(world.units.map((u) => [u.key, u]));
    const onlyA = a.proxy.sends.map((s) => keyOf(s.chatId, s.text)).find((k) => k && unitByKey.get(k)?.rows.length === 1 && !b.proxy.sends.some((s) => keyOf(s.chatId, s.text) === k));
    const aInstance = onlyA
      ? ((await raw.all<{ claimedBy: string | null }>('SELECT "claimedBy" FROM "Reminder" WHERE "id" = ?', [unitByKey.get(onlyA)!.latestId]))[0]?.claimedBy ?? null)
      : null;
    // Then the shared ticks: the rows of round k fall due on a minute boundary, in both processes at once.
    const firstTick = Math.ceil((Date.now() + 1_500) / 60_000) * 60_000;
    const tickAt = (k: number) => firstTick + (k - 1) * 60_000;
    // A second before the boundary, so that a timer firing a hair early still finds them due.
    for (let k = 1; k <= rounds; k++) {
      const ids = world.tickRows.get(k) ?? [];
      if (ids.length) await raw.run(`UPDATE "Reminder" SET "dueAt" = ? WHERE "id" IN (${ids.map(() => '?').join(', ')})`, [new Date(tickAt(k) - 1_000), ...ids]);
    }

    // Round 1: kill A with SIGKILL once it has sent a few of the tick's messages (it claims before it sends).
    const tick1Total = world.expected.filter((e) => e.tick === 1).length;
    const killAfter = Math.max(1, Math.floor(tick1Total / 8));
    const sentByA = () => a.proxy.sends.filter((s) => s.at >= tickAt(1)).length;
    await sleep(tickAt(1) - Date.now());
    // Between sends, not during one: a kill after a send and before its `finish` repeats that reminder on
    // takeover, which ADR 0004 accepts; A silent for a moment means it is waiting on its rate limit.
    const lastSendOfA = () => a.proxy.sends.at(-1)?.at ?? 0;
    const killReached = await until(() => sentByA() >= killAfter && Date.now() - lastSendOfA() >= 60, 15_000, 5);
    await a.bot.kill9();
    const killAt = Date.now();
    const aSentBeforeKill = sentByA();
    // What A left claimed: lost unless taken over after the lease. Without A's id (it sent nothing alone at
    // start-up), B's unfinished rows would look the same: wait for B to finish the tick first.
    if (!aInstance) await until(() => quiet() && Date.now() - killAt >= QUIET_MS, 60_000);
    const stranded = await raw.all<{ id: string; claimedBy: string }>(
      `SELECT "id", "claimedBy" FROM "Reminder" WHERE "state" = 'CLAIMED'${aInstance ? ' AND "claimedBy" = ?' : ''}`,
      aInstance ? [aInstance] : [],
    );
    const deadInstances = [...new Set(stranded.map((r) => r.claimedBy))];
    const unitOfRow = new Map(world.units.flatMap((u) => u.rows.map((r) => [r.id, u] as const)));
    const strandedKeys = new Set(stranded.map((r) => unitOfRow.get(r.id)?.key).filter((k): k is string => k !== undefined));
    // Sent by A but never marked SENT (SIGKILL between send and finish): ADR 0004 accepts a repeat here.
    const aKeys = new Set(a.proxy.sends.map((s) => keyOf(s.chatId, s.text)));
    const windowKeys = new Set([...strandedKeys].filter((k) => aKeys.has(k)));
    const strandedIds = new Set(stranded.map((r) => r.id));

    // A tick was shared when both processes claimed some of its rows (the stranded ones are claimed again later).
    let sharedTicks = 0;
    const claimers = async (k: number) => {
      const ids = (world.tickRows.get(k) ?? []).filter((id) => !strandedIds.has(id));
      if (!ids.length) return 0;
      const rows = await raw.all<{ claimedBy: string | null }>(`SELECT DISTINCT "claimedBy" FROM "Reminder" WHERE "id" IN (${ids.map(() => '?').join(', ')})`, ids);
      return rows.filter((r) => r.claimedBy).length;
    };

    // A supervisor starts a fresh process in A's place. The lease is 10 minutes: rather than wait, the
    // drill moves the stranded claims' claimedAt back past it, which is all the takeover query looks at.
    // Whoever looks first takes them over: the fresh process at start-up, or B in its next batch.
    if (stranded.length) {
      await raw.run(`UPDATE "Reminder" SET "claimedAt" = ? WHERE "state" = 'CLAIMED' AND "id" IN (${stranded.map(() => '?').join(', ')})`, [
        new Date(Date.now() - REMINDER_LEASE_MS - 60_000), ...stranded.map((r) => r.id),
      ]);
    }
    const a2 = await spawn("A'");
    await a2.bot.ready;
    await until(() => strandedKeys.size === 0 || [...strandedKeys].every((k) => receivedKeys().has(k)), 60_000);
    await until(() => allOfTick(1) && quiet(), 30_000);
    if ((await claimers(1)) >= 2) sharedTicks++;

    // Rounds 2…n with A' and B.
    for (let k = 2; k <= rounds; k++) {
      await sleep(tickAt(k) - Date.now());
      await until(() => allOfTick(k) && quiet(), 60_000);
      if ((await claimers(k)) >= 2) sharedTicks++;
    }
    await until(() => received.length >= world.expected.length && quiet(), 15_000);
    const jobErrors = runners.flatMap((r) => r.bot.logs.filter((l) => Number(l.level) >= 50).map((l) => `${r.label}: ${String(l.msg)}${(l.err as { message?: string } | undefined)?.message ? ` (${(l.err as { message: string }).message.split('\n')[0]})` : ''}`));
    await Promise.all(runners.filter((r) => r.bot.child.exitCode === null && r.bot.child.signalCode === null).map((r) => r.bot.stop()));

    return await verdict({
      kind, drill, world, raw, received, expectedKeys, runners, rounds, sharedTicks, startupComplete, killReached, killAfter, aSentBeforeKill,
      strandedIds, deadInstances, windowKeys, jobErrors, seedSeconds, seconds: (performance.now() - started) / 1000,
    });
  } finally {
    await Promise.all(runners.map(async (r) => {
      if (r.bot.child.exitCode === null && r.bot.child.signalCode === null) await r.bot.kill9();
      await r.proxy.close();
    }));
    await raw.close();
    await fake.stop();
    await db.drop();
  }
}

async function verdict(v: {
  kind: DbKind; drill: string; world: SeededWorld; raw: RawDb; received: Received[]; expectedKeys: Map<string, SeededWorld['expected'][number]>;
  runners: Runner[]; rounds: number; sharedTicks: number; startupComplete: boolean; killReached: boolean; killAfter: number; aSentBeforeKill: number;
  strandedIds: Set<string>; deadInstances: string[]; windowKeys: Set<string>; jobErrors: string[]; seedSeconds: number; seconds: number;
}): Promise<DrillResult> {
  const { world, raw, received } = v;
  const counts = new Map<string, number>();
  for (const r of received) if (r.key) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
  const senders = (key: string) => v.runners.flatMap((r) => r.proxy.sends.filter((s) => keyOf(s.chatId, s.text) === key).map(() => r.label)).join('+');

  let once = 0;
  let windowRepeats = 0;
  const duplicates: string[] = [];
  const missing: string[] = [];
  for (const e of world.expected) {
    const n = counts.get(e.key) ?? 0;
    if (n === 0) missing.push(`${e.marker} (${e.kind})`);
    else if (n === 1) once++;
    else if (n === 2 && v.windowKeys.has(e.key)) {
      once++;
      windowRepeats++;
    } else duplicates.push(`${e.marker} ${e.kind} ×${n} in ${e.chatId} (sent by ${senders(e.key)})`);
  }
  const duplicateCount = world.expected.reduce((sum, e) => sum + Math.max(0, (counts.get(e.key) ?? 0) - 1), 0) - windowRepeats;
  const unexpected = received.filter((r) => !r.key || !v.expectedKeys.has(r.key)).map((r) => `${r.chatId}: ${r.text.split('\n')[0]!.slice(0, 80)}`);

  // The database side: each unit's latest row SENT, the rest SKIPPED; nothing pending or claimed.
  const rows = await raw.all<{ id: string; state: string; claimedBy: string | null; claimedAt: string | null }>(
    'SELECT "id", "state", "claimedBy", CAST("claimedAt" AS TEXT) AS "claimedAt" FROM "Reminder"',
  );
  const stateOf = new Map(rows.map((r) => [r.id, r.state]));
  const claimerOf = new Map(rows.map((r) => [r.id, r.claimedBy]));
  // The tick (minute) a row was last claimed in; both drivers' text forms start with the date and time.
  const claimMinuteOf = new Map(rows.map((r) => [r.id, r.claimedAt?.replace('T', ' ').slice(0, 16) ?? null]));

  const rowProblems: string[] = [];
  let rowCount = 0;
  for (const unit of world.units) {
    for (const row of unit.rows) {
      rowCount++;
      const want = row.id === unit.latestId ? 'SENT' : 'SKIPPED';
      const got = stateOf.get(row.id);
      if (got !== want) rowProblems.push(`${unit.key.split('|')[1]} offset ${row.offsetMinutes} min: ${got} (want ${want})`);
    }
  }
  const drafts = await raw.all<{ cellId: number; n: number | string }>('SELECT "cellId", COUNT(*) AS n FROM "Meeting" WHERE "ruleMonth" IS NOT NULL GROUP BY "cellId"');
  const draftsOf = new Map(drafts.map((d) => [Number(d.cellId), Number(d.n)]));
  for (const cellId of world.ruleCells) if (draftsOf.get(cellId) !== 1) rowProblems.push(`cell ${cellId}: ${draftsOf.get(cellId) ?? 0} drafted meetings (want 1)`);
  const votes = await raw.all<{ id: number; status: string; result: string | null }>('SELECT "id", "status", "result" FROM "Vote"');
  for (const vote of votes) if (world.voteIds.includes(Number(vote.id)) && (vote.status !== 'CLOSED' || vote.result === null)) rowProblems.push(`vote ${vote.id}: ${vote.status}, result ${vote.result === null ? 'missing' : 'set'}`);
  const alerts = new Set((await raw.all<{ cellId: number; key: string }>('SELECT "cellId", "key" FROM "CellAlert"')).map((a) => `${a.cellId}|${a.key}`));
  for (const key of world.alertKeys) if (!alerts.has(key)) rowProblems.push(`alert ${key} not recorded`);

  // Where the duplicates are: bursts (several reminders of one meeting or task due at once, of which only
  // the latest may go out) whose rows were claimed by different processes.
  const bursts = world.units.filter((u) => u.rows.length > 1);
  const repeated = world.units.filter((u) => (counts.get(u.key) ?? 0) > (v.windowKeys.has(u.key) ? 2 : 1));
  const repeatedBursts = repeated.filter((u) => u.rows.length > 1);
  // Taken over: a row stranded by the kill, re-claimed after the latest had gone out from another process.
  const takenOver = repeatedBursts.filter((u) => u.rows.some((r) => v.strandedIds.has(r.id)));
  // Across ticks: due() reads at most 500 rows a tick, and the rest of a burst came a minute later.
  const acrossTicks = repeatedBursts.filter((u) => !takenOver.includes(u) && new Set(u.rows.map((r) => claimMinuteOf.get(r.id))).size > 1);
  const splitClaims = repeatedBursts.filter((u) => !takenOver.includes(u) && !acrossTicks.includes(u) && new Set(u.rows.map((r) => claimerOf.get(r.id))).size > 1);
  // TWO_PROCESSES_DUMP=file.json keeps the evidence: the repeated units, every reminder row, every send.
  if (process.env.TWO_PROCESSES_DUMP) await dump(process.env.TWO_PROCESSES_DUMP, raw, repeated, v.runners);
  const strandedDone = [...v.strandedIds].filter((id) => ['SENT', 'SKIPPED'].includes(stateOf.get(id) ?? '') && !v.deadInstances.includes(claimerOf.get(id) ?? '')).length;
  const bySender = v.runners.map((r) => `${r.label} ${r.proxy.sends.filter((s) => world.chats.has(s.chatId)).length}`).join(', ');
  const pass = duplicateCount === 0 && missing.length === 0 && unexpected.length === 0 && rowProblems.length === 0;
  const parts = [
    `2 processes, ${world.expected.length} due messages in ${v.rounds + 1} ticks (start-up + ${v.rounds} on the minute; ${v.sharedTicks}/${v.rounds} minute ticks shared by both processes)`,
    `${once} sent once, ${duplicateCount} duplicates, ${missing.length} missing, ${unexpected.length} unexpected`,
    `reminder rows ${rowCount - rowProblems.filter((p) => / min: /.test(p)).length}/${rowCount} SENT or SKIPPED as decided`,
    `kill -9 of A after ${v.aSentBeforeKill} sends in tick 1${v.killReached ? '' : ` (wanted ${v.killAfter})`}: ${v.strandedIds.size} claims stranded, `
      + `${strandedDone}/${v.strandedIds.size} finished by another process once the ${REMINDER_LEASE_MS / 60_000}-min lease was aged in the database`
      + `${v.windowKeys.size ? `, ${windowRepeats} repeat(s) in the send→finish window` : ''}`,
    `sends ${bySender}`,
    `${v.seconds.toFixed(0)} s (seeding ${v.seedSeconds.toFixed(0)} s)`,
  ];
  if (!v.strandedIds.size) parts.push('takeover not exercised: A held no claim when killed');
  if (!v.startupComplete) parts.push('start-up tick incomplete after 60 s');
  if (v.deadInstances.length > 1) parts.push(`stranded claims of ${v.deadInstances.length} instances`);
  if (v.jobErrors.length) parts.push(`${v.jobErrors.length} errors logged (first: ${v.jobErrors[0]})`);
  if (repeated.length) {
    parts.push(
      `${repeatedBursts.length} of ${repeated.length} repeated messages come from the ${bursts.length} bursts (2–3 reminders of one meeting or task due at once): `
        + `${splitClaims.length} with the burst's rows claimed by the 2 processes in one tick, ${takenOver.length} with a row stranded by the kill and taken over after another was sent, `
        + `${acrossTicks.length} with the burst split over 2 ticks by the 500-row read`,
    );
  }
  if (duplicates.length) parts.push(`duplicates e.g. ${duplicates.slice(0, 3).join('; ')}`);
  if (missing.length) parts.push(`missing e.g. ${missing.slice(0, 3).join('; ')}`);
  if (unexpected.length) parts.push(`unexpected e.g. ${unexpected.slice(0, 2).join('; ')}`);
  if (rowProblems.length) parts.push(`${rowProblems.length} row problems e.g. ${rowProblems.slice(0, 3).join('; ')}`);
  return { drill: v.drill, db: v.kind, pass, detail: parts.join('; ') };
}

async function dump(file: string, raw: RawDb, repeated: SeededWorld['units'], runners: Runner[]): Promise<void> {
  const rows = await raw.all(
    'SELECT "id", "meetingId", "taskId", "offsetMinutes", "state", "claimedBy", CAST("claimedAt" AS TEXT) AS "claimedAt", CAST("doneAt" AS TEXT) AS "doneAt", CAST("dueAt" AS TEXT) AS "dueAt" FROM "Reminder"',
  );
  const sends = runners.map((r) => ({ process: r.label, sends: r.proxy.sends.map((x) => ({ at: new Date(x.at).toISOString(), key: keyOf(x.chatId, x.text) })) }));
  writeFileSync(file, JSON.stringify({ repeated, rows, sends }, null, 1));
}
