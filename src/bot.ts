// Wires use cases, commands, channels and the scheduler. main.ts and the tests build the bot here.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Channel } from './channels/channel.ts';
import type { Clock, Store } from './app/ports.ts';
import { createRosterService } from './app/roster.ts';
import { pruneDashboardAccess, pruneProcessedEvents } from './app/housekeeping.ts';
import { createRouter, type Router } from './commands/router.ts';
import type { Feature } from './commands/registry.ts';
import type { Services } from './commands/context.ts';
import { helpFeature } from './commands/help.commands.ts';
import { cellFeature } from './commands/cell.commands.ts';
import { rosterFeature } from './commands/roster.commands.ts';
import { identityFeature } from './commands/identity.commands.ts';
import { meetingFeature } from './commands/meeting.commands.ts';
import { voteFeature } from './commands/vote.commands.ts';
import { createVoteService } from './app/votes.ts';
import { createDelivery } from './app/delivery.ts';
import { createMeetingService } from './app/meetings.ts';
import { createScheduler, type Scheduler } from './scheduler/scheduler.ts';
import { createMinutesService } from './app/minutes.ts';
import { minutesFeature } from './commands/minutes.commands.ts';
import { offlineSummariser } from './minutes/extract.ts';
import type { Summariser } from './app/ports.ts';
import { createReportService } from './app/reports.ts';
import { reportFeature } from './commands/report.commands.ts';
import type { ScoreSheet } from './domain/scoring.ts';
import { loadScoreSheet } from './reports/score-sheet-file.ts';

export interface Bot {
  router: Router;
  services: Services;
  scheduler: Scheduler;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every event accepted so far is handled and no progress line is being rewritten. */
  idle(): Promise<void>;
}

export interface BotOptions {
  store: Store;
  clock: Clock;
  channels: Channel[];
  log: Logger;
  instanceId?: string;
  /** The LLM summariser when an endpoint is configured; without one nothing leaves the machine. */
  llm?: Summariser | null;
  /** The meeting score sheet (SCORE_SHEET_FILE); the common 100-point sheet by default. */
  scoreSheet?: ScoreSheet;
  /** Where the dashboard is reached, for the one-time links /dangnhap hands out; null: no dashboard. */
  dashboardUrl?: string | null;
  /**
   * Start the scheduler's minute timer with the bot (default). A shell script moves its simulated clock
   * itself (:clock runs what fell due), so a tick at the terminal's real time before its first line is wrong.
   */
  startScheduler?: boolean;
}

/** The use cases over one store and set of channels: what the bot's commands and the dashboard use. */
export function createServices(options: Omit<BotOptions, 'instanceId'> & { instanceId: string; answerNow?: Parameters<typeof createDelivery>[0]['answerNow'] }): Services {
  const { store, clock, channels, log, instanceId, llm = null, scoreSheet = loadScoreSheet(), dashboardUrl = null, answerNow } = options;
  const delivery = createDelivery({ store, clock, channels, log, ...(answerNow ? { answerNow } : {}) });
  const meetings = createMeetingService({ store, clock, delivery, log, instanceId });
  const votes = createVoteService({ store, clock, delivery, meetings });
  const minutes = createMinutesService({ store, clock, delivery, meetings, llm, offline: offlineSummariser, log, instanceId, scoreSheet });
  const reports = createReportService({ store, clock, sheet: scoreSheet, meetings, minutes });
  return { store, clock, roster: createRosterService({ store, clock }), meetings, delivery, votes, minutes, reports, dashboardUrl };
}

export function createBot(options: BotOptions): Bot {
  const { store, clock, channels, log, instanceId = randomUUID() } = options;
  let router: Router | undefined;
  const services = createServices({ ...options, instanceId, answerNow: (channel, event) => router!.handleNow(channel, event) });
  const { delivery, meetings, votes, minutes } = services;
  const features: Feature[] = [helpFeature(() => router!.commands), cellFeature, rosterFeature, identityFeature, meetingFeature, voteFeature, minutesFeature, reportFeature];
  router = createRouter({ services, features, log });
  const scheduler = createScheduler({ clock, log, jobs: [pruneProcessedEvents(store), pruneDashboardAccess(store), ...meetings.jobs(), votes.job(), minutes.job()] });
  const bot: Bot = {
    router,
    services,
    scheduler,
    async start() {
      for (const channel of channels) {
        await channel.start(async (event) => {
          await bot.router.handle(channel, event);
          if (channel.capabilities.turnByTurn) await bot.idle();
        });
      }
      if (options.startScheduler !== false) scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      for (const channel of channels) await channel.stop();
      await bot.idle();
    },
    async idle() {
      await router!.idle();
      await delivery.idle();
    },
  };
  return bot;
}
