// npm run drills: scripted fault drills on 127.0.0.1, each stopping by itself, pass/fail per drill.
// SQLite always; PostgreSQL too when DATABASE_URL names a server (the two-process drill needs it).
import { databaseKinds } from '../bench/support/db.ts';
import { drillTable, type DrillResult } from '../bench/support/report.ts';
import { runDbOutage } from './db-outage.ts';
import { runHostileInputs } from './hostile-inputs.ts';
import { runKillRestart } from './kill-restart.ts';
import { runLlmFaults } from './llm-faults.ts';
import { runTwoProcesses } from './two-processes.ts';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name: string) => !only || only.includes(name);
const results: DrillResult[] = [];
const say = (line: string) => process.stderr.write(`${line}\n`);

async function drill(name: string, run: () => Promise<DrillResult | DrillResult[]>) {
  say(`${name}…`);
  try {
    const result = await run();
    results.push(...(Array.isArray(result) ? result : [result]));
  } catch (error) {
    results.push({ drill: name, db: '-', pass: false, detail: `the drill itself failed: ${error instanceof Error ? error.message : String(error)}` });
  }
  say(`  ${results.slice(-1).map((r) => `${r.pass ? 'PASS' : 'FAIL'} ${r.detail}`).join('')}`);
}

for (const kind of databaseKinds()) {
  if (wanted('kill')) await drill(`kill -9 mid-burst (${kind})`, () => runKillRestart(kind, quick ? { restarts: 2, members: 60 } : {}));
  if (wanted('hostile')) await drill(`hostile inputs (${kind})`, () => runHostileInputs({ runs: quick ? 300 : 10_000, seed: 42, kind }));
  if (wanted('llm')) await drill(`LLM faults (${kind})`, () => runLlmFaults(kind));
  if (wanted('outage')) await drill(`database outage (${kind})`, () => runDbOutage(kind));
}
if (wanted('two')) {
  const kind = databaseKinds().includes('postgresql') ? 'postgresql' : 'sqlite';
  await drill(`two processes (${kind})`, () => runTwoProcesses(kind, quick ? { cells: 10, rounds: 1 } : {}));
}

console.log(drillTable(results));
const failed = results.filter((r) => !r.pass).length;
console.log(failed ? `\n${failed} of ${results.length} drills failed.` : `\nAll ${results.length} drills passed.`);
process.exit(failed ? 1 : 0);
