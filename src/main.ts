// Composition root: configuration, database, channels, scheduler, shutdown.
import { ConfigError, loadConfig, loadDotEnv } from './config.ts';
import { createLogger } from './log.ts';
import { openStore } from './storage/store.ts';
import { createBot } from './bot.ts';
import { ShellChannel } from './channels/shell/shell-channel.ts';
import { ManualClock, systemClock } from './scheduler/clock.ts';
import type { Channel } from './channels/channel.ts';
import type { Clock } from './app/ports.ts';
import { shell as shellText } from './text/vi.ts';
import { TelegramChannel } from './channels/telegram/telegram-channel.ts';
import { commandMenu } from './commands/help.commands.ts';
import { ZaloSessionError } from './channels/zalo/session-error.ts';
import { loadScoreSheet, ScoreSheetError } from './reports/score-sheet-file.ts';

async function main(argv: string[]): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const scriptIndex = argv.indexOf('--script');
  const scriptFile = scriptIndex >= 0 ? argv[scriptIndex + 1] : undefined;
  const shellOnly = config.channels.includes('shell') || scriptFile !== undefined;
  // On the shell the log would mix with the conversation: warnings only, unless a file is given.
  const log = createLogger(shellOnly && !config.logFile ? (config.logLevel === 'info' ? 'warn' : config.logLevel) : config.logLevel, config.logFile);

  const scoreSheet = loadScoreSheet(config.scoreSheetFile);
  const store = await openStore(config.databaseUrl);
  // A year of example history to try the reports on (examples/*.seed.json), before anything else runs.
  const seedIndex = argv.indexOf('--seed');
  if (seedIndex >= 0) {
    const { readHistory, seedHistory } = await import('./reports/history-seed.ts');
    const file = argv[seedIndex + 1];
    if (!file) throw new ConfigError('--seed needs a file, e.g. --seed examples/bao-cao-nam-2025.seed.json');
    process.stdout.write(`${await seedHistory(store, readHistory(file), { log, scoreSheet })}\n\n`);
  }
  // The shell alone runs on a simulated clock that :clock moves forward; chat platforms run on real time.
  const chatPlatforms = scriptFile ? [] : config.channels.filter((c) => c !== 'shell');
  const manualClock = shellOnly && !chatPlatforms.length ? new ManualClock(systemClock.now()) : undefined;
  const clock: Clock = manualClock ?? systemClock;
  const channels: Channel[] = [];
  let shell: ShellChannel | undefined;
  let bot: ReturnType<typeof createBot> | undefined;
  if (shellOnly) {
    const { createReadStream } = await import('node:fs');
    const input = scriptFile ? createReadStream(scriptFile) : process.stdin;
    shell = new ShellChannel({
      input,
      output: process.stdout,
      interactive: !scriptFile && process.stdin.isTTY === true,
      speaker: config.shellSpeaker ?? shellText.defaultSpeaker,
      ...(config.shellFileDir ? { fileDir: config.shellFileDir } : {}),
      now: () => clock.now(),
      ...(manualClock
        ? {
            async advanceClock(to: Date, initial: boolean) {
              if (initial) manualClock.reset(to);
              else manualClock.set(to);
              await bot!.scheduler.runDue();
            },
          }
        : {}),
    });
    channels.push(shell);
  }
  const telegram = config.telegram && chatPlatforms.includes('telegram') ? new TelegramChannel({ ...config.telegram, log }) : undefined;
  if (telegram) channels.push(telegram);
  let releaseZalo: (() => void) | undefined;
  if (config.zalo && chatPlatforms.includes('zalo')) {
    // Loaded only when Zalo runs: zca-js alone adds about 35 MB and 0.4 s to the start.
    const [{ ZaloChannel }, { FileZaloStateStore }, { lockListener, loginWithCredentials }] = await Promise.all([
      import('./channels/zalo/zalo-channel.ts'), import('./channels/zalo/zalo-state.ts'), import('./channels/zalo/session.ts'),
    ]);
    // One listener per account: the lock first, so a second process stops before it kicks the first.
    releaseZalo = lockListener(`${config.zalo.credentialsFile}.lock`);
    const { credentialsFile, stateFile, ...settings } = config.zalo;
    const api = await loginWithCredentials(credentialsFile).catch((error: unknown) => {
      releaseZalo?.();
      throw error;
    });
    channels.push(new ZaloChannel({
      ...settings,
      api,
      state: new FileZaloStateStore(stateFile),
      log,
      now: () => clock.now(),
      onSessionEnded: () => releaseZalo?.(),
    }));
  }
  const llm = config.llm ? (await import('./llm/openai-summariser.ts')).createOpenAiSummariser({ ...config.llm, log }) : null;
  bot = createBot({ store, clock, channels, log, llm, scoreSheet, dashboardUrl: config.dashboard?.publicUrl ?? null, startScheduler: !(scriptFile && manualClock) });
  await bot.start();
  // DASHBOARD_PORT: the bot serves the read-only dashboard too (npm run dashboard serves it alone).
  const dashboard = config.dashboard?.port
    ? (await import('./dashboard/server.ts')).createDashboard({ reports: bot.services.reports, store, clock, log, host: config.dashboard.host, port: config.dashboard.port, publicUrl: config.dashboard.publicUrl })
    : undefined;
  await dashboard?.start();
  // The "/" menu in Telegram, from the command registry, with the Vietnamese summaries.
  if (telegram) await telegram.publishCommands(commandMenu(bot.router.commands)).catch((error: unknown) => log.warn({ err: error }, 'could not publish the command menu'));
  log.info({ channels: channels.map((c) => c.name), database: config.databaseUrl.split(':')[0], llm: config.llm ? config.llm.baseURL : 'offline' }, 'bot started');

  const stop = async () => {
    await dashboard?.stop();
    await bot!.stop();
    await store.close();
    releaseZalo?.();
  };
  if (shell) {
    await shell.finished();
    await stop();
    return 0;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof ZaloSessionError || error instanceof ScoreSheetError ? error.message : error);
    process.exit(1);
  },
);
