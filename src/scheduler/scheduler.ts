// Schedules are data; timers only wake the scheduler. A node-cron tick every minute (Vietnam time)
// runs each job's runDue(now) with the injected clock. Jobs claim their own rows, so a tick that runs
// twice (two processes, a restart) does no work twice.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Clock } from '../app/ports.ts';
import { TIME_ZONE } from '../domain/time.ts';

export interface Job {
  name: string;
  runDue(now: Date): Promise<void>;
}

export interface Scheduler {
  /** Runs every job once for the clock's current time; resolves when all are done. */
  runDue(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler({ clock, jobs, log }: { clock: Clock; jobs: Job[]; log: Logger }): Scheduler {
  let task: ScheduledTask | undefined;
  let running: Promise<void> = Promise.resolve();

  const runDue = () => {
    running = running.then(async () => {
      const now = clock.now();
      for (const job of jobs) {
        try {
          await job.runDue(now);
        } catch (error) {
          log.error({ err: error, job: job.name }, 'scheduled job failed');
        }
      }
    });
    return running;
  };

  return {
    runDue,
    start() {
      task = cron.schedule('* * * * *', () => runDue(), { timezone: TIME_ZONE, noOverlap: true, name: 'chibo-scheduler' });
      void runDue(); // what fell due while the bot was down runs now, once
    },
    async stop() {
      await task?.destroy();
      await running;
    },
  };
}
