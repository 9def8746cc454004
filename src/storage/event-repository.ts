import type { ProcessedEventRepository } from '../app/ports.ts';
import type { Db } from './database.ts';

export function createProcessedEventRepository(db: Db): ProcessedEventRepository {
  return {
    // Raw SQL on the button-press path (docs/decisions/0009); ON CONFLICT works on SQLite and PostgreSQL.
    async claim(channel, eventId, at) {
      const inserted = await db.$executeRaw`
        INSERT INTO "ProcessedEvent" ("channel", "eventId", "processedAt") VALUES (${channel}, ${eventId}, ${at})
        ON CONFLICT ("channel", "eventId") DO NOTHING`;
      return inserted === 1;
    },
    async seen(channel, eventId) {
      const rows = await db.$queryRaw<unknown[]>`SELECT 1 AS "one" FROM "ProcessedEvent" WHERE "channel" = ${channel} AND "eventId" = ${eventId}`;
      return rows.length > 0;
    },
    async pruneBefore(before) {
      const { count } = await db.processedEvent.deleteMany({ where: { processedAt: { lt: before } } });
      return count;
    },
  };
}
