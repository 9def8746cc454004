import type { PromptRecord, PromptRepository } from '../app/ports.ts';
import type { ChannelName } from '../channels/channel.ts';
import type { Db } from './database.ts';

export function createPromptRepository(db: Db): PromptRepository {
  return {
    async create(prompt, at) {
      await db.prompt.create({
        data: { ...prompt, payload: JSON.stringify(prompt.payload ?? null), createdAt: at },
      });
    },
    async setMessage(promptId, messageId) {
      await db.prompt.update({ where: { id: promptId }, data: { messageId } });
    },
    async get(promptId) {
      const row = await db.prompt.findUnique({ where: { id: promptId } });
      if (!row) return null;
      return {
        ...row,
        channel: row.channel as ChannelName,
        chatKind: row.chatKind as PromptRecord['chatKind'],
        payload: JSON.parse(row.payload) as unknown,
      };
    },
    async close(promptId, at) {
      const { count } = await db.prompt.updateMany({ where: { id: promptId, closedAt: null }, data: { closedAt: at } });
      return count === 1;
    },
  };
}
