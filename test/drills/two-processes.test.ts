// The two-processes drill, small: 12 cells (every kind of scheduled message appears), two real bot processes
// on one database, their start-up ticks side by side (meeting reminders, a few of them bursts of 2–3 due at
// once, drafts, a vote result, flags, task reminders), then one minute tick in both at the same instant (the
// day's task reminders, half of them bursts), with one process killed (SIGKILL) in the middle of it and its
// claims taken over by a fresh process once the lease is aged.
// The minute tick is the race that matters (node-cron fires in both processes on the minute), so the test
// waits for one minute boundary: 0–60 s, about 25–85 s in all. SQLite (WAL, busy_timeout) runs two processes
// too, so the test runs on every `npm test`; on PostgreSQL as well when DATABASE_URL names a server (both
// drills run concurrently, sharing the one minute wait).
import { describe, it } from 'vitest';
import { runTwoProcesses } from '../../drills/two-processes.ts';

const SMALL = { cells: 12, rounds: 1 };
const TIMEOUT_MS = 150_000;
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

describe.concurrent('two-processes drill', () => {
  it('SQLite: each due message reaches its group once, none lost when a process dies', async ({ expect }) => {
    const result = await runTwoProcesses('sqlite', SMALL);
    expect(result.db).toBe('sqlite');
    // The detail names the duplicates, the missing and the row states when the drill fails.
    expect(result.pass ? 'PASS' : result.detail).toBe('PASS');
  }, TIMEOUT_MS);

  it.runIf(onPostgres)('PostgreSQL: each due message reaches its group once, none lost when a process dies', async ({ expect }) => {
    const result = await runTwoProcesses('postgresql', SMALL);
    expect(result.db).toBe('postgresql');
    expect(result.pass ? 'PASS' : result.detail).toBe('PASS');
  }, TIMEOUT_MS);
});
