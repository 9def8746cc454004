// `npm run dashboard`: the read-only web dashboard as its own process, beside the bot, on the same database.
// It sends nothing to any chat: the services it builds have no channel and no scheduler runs.
import { randomUUID } from 'node:crypto';
import { createServices } from '../bot.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { createLogger } from '../log.ts';
import { loadScoreSheet, ScoreSheetError } from '../reports/score-sheet-file.ts';
import { systemClock } from '../scheduler/clock.ts';
import { openStore } from '../storage/store.ts';
import { createDashboard } from './server.ts';

/** DASHBOARD_PORT alone may be missing (DASHBOARD_URL names the address behind a proxy): this port then. */
const DEFAULT_PORT = 8080;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const settings = { host: config.dashboard?.host ?? '127.0.0.1', port: config.dashboard?.port ?? DEFAULT_PORT, publicUrl: config.dashboard?.publicUrl ?? null };
  const log = createLogger(config.logLevel, config.logFile);
  const store = await openStore(config.databaseUrl);
  const clock = systemClock;
  const instanceId = randomUUID();
  // The report service reads through the meeting and minutes services (for scores); with no channel they send nothing.
  const { reports } = createServices({ store, clock, channels: [], log, instanceId, scoreSheet: loadScoreSheet(config.scoreSheetFile) });
  const dashboard = createDashboard({ reports, store, clock, log, ...settings });
  await dashboard.start();

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await dashboard.stop();
  await store.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof ScoreSheetError ? error.message : error);
    process.exit(1);
  },
);
