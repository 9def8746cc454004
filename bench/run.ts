// npm run bench: every benchmark, on SQLite and (when DATABASE_URL names a server) on PostgreSQL, side by
// side in one run. Prints a table and writes bench/results.json. `--quick` runs tiny sizes (a smoke run).
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runBroadcast } from './broadcast.ts';
import { runSchedulerGrowth } from './scheduler-growth.ts';
import { runSummariser } from './summariser.ts';
import { runVoteBurst } from './vote-burst.ts';
import { databaseKinds } from './support/db.ts';
import { ROOT } from './support/processes.ts';
import { benchTable, meets, type BenchResult } from './support/report.ts';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (name: string) => !only || only.includes(name);

const results: BenchResult[] = [];
const say = (line: string) => process.stderr.write(`${line}\n`);
const started = new Date().toISOString(); // the report's date, not a measurement

for (const kind of databaseKinds()) {
  if (wanted('vote-burst')) {
    say(`vote burst on ${kind}…`);
    results.push(...(await runVoteBurst(kind, quick ? { members: 50, pacedPerSecond: 50 } : {})).results);
  }
  if (wanted('broadcast')) {
    say(`broadcast on ${kind}…`);
    results.push(await runBroadcast(kind, quick ? { groups: 20 } : {}));
  }
  if (wanted('scheduler')) {
    say(`scheduler growth on ${kind}…`);
    results.push(await runSchedulerGrowth(kind, quick ? { sizes: [50, 200], due: 3, ticks: 1 } : {}));
  }
}
if (wanted('summariser')) {
  say('summariser…');
  results.push(await runSummariser(quick ? { pages: 8 } : {}));
}

console.log(benchTable(results));
for (const r of results) for (const note of r.notes ?? []) console.log(`  [${r.bench}, ${r.db}] ${note}`);
const missed = results.flatMap((r) => r.metrics.filter((m) => m.target && !meets(m.value, m.target)).map((m) => `${r.bench} (${r.db}): ${m.name}`));
if (!quick) {
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify({ at: started, machine: { cpus: availableParallelism(), model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30) }, results }, null, 2)}\n`);
}
console.log(missed.length ? `\nTargets missed:\n- ${missed.join('\n- ')}` : '\nEvery target met.');
process.exit(0);
