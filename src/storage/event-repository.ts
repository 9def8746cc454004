import type { ProcessedEventRepository } from '../app/ports.ts';
import { isUniqueViolation, type Db } from './database.ts';

export function createProcessedEventRepository(db: Db): ProcessedEventRepository {
  return {
    async claim(channel, eventId, at) {
      try {
        await db.processedEvent.create({ data: { channel, eventId, processedAt: at } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async pruneBefore(before) {
      const { count } = await db.processedEvent.deleteMany({ where: { processedAt: { lt: before } } });
      return count;
    },
  };
}
