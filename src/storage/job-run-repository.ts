import type { JobRunRepository } from '../app/ports.ts';
import type { Db } from './database.ts';

export function createJobRunRepository(db: Db): JobRunRepository {
  return {
    async claim(job, period, by, now, staleBefore) {
      // One statement on SQLite and PostgreSQL: the first claim inserts the row; a reopened run, or a claim
      // whose process died (older than the lease and never finished), is taken over; otherwise nothing
      // changes — no failed insert, no error in PostgreSQL's log.
      const changed = await db.$executeRaw`
        INSERT INTO "JobRun" ("job", "period", "claimedBy", "claimedAt") VALUES (${job}, ${period}, ${by}, ${now})
        ON CONFLICT ("job", "period") DO UPDATE SET "claimedBy" = excluded."claimedBy", "claimedAt" = excluded."claimedAt"
        WHERE "JobRun"."doneAt" IS NULL AND ("JobRun"."claimedBy" IS NULL OR "JobRun"."claimedAt" < ${staleBefore})`;
      return changed === 1;
    },

    async finish(job, period, by, at) {
      // claimedBy is cleared: it names the process while the run is under way, not afterwards.
      const { count } = await db.jobRun.updateMany({ where: { job, period, claimedBy: by, doneAt: null }, data: { doneAt: at, claimedBy: null } });
      return count === 1;
    },

    async reopen(job, period) {
      await db.jobRun.updateMany({ where: { job, period }, data: { claimedBy: null, doneAt: null } });
    },
  };
}
