import type { PromptRecord, PromptRepository } from '../app/ports.ts';
import type { ChannelName } from '../channels/channel.ts';
import type { Db } from './database.ts';
import type { Prompt } from '../../generated/sqlite/client.ts';

const toRecord = (row: Prompt): PromptRecord => ({
  ...row,
  channel: row.channel as ChannelName,
  chatKind: row.chatKind as PromptRecord['chatKind'],
  payload: JSON.parse(row.payload) as unknown,
});

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
      // Raw SQL on the button-press path (docs/decisions/0009).
      const [row] = await db.$queryRaw<Prompt[]>`SELECT * FROM "Prompt" WHERE "id" = ${promptId}`;
      return row ? toRecord({ ...row, cellId: row.cellId === null ? null : Number(row.cellId) }) : null;
    },
    async openAbout(subject) {
      const rows = await db.prompt.findMany({ where: { subject, closedAt: null }, orderBy: { createdAt: 'asc' } });
      return rows.map(toRecord);
    },
    async awaitingText(channel, chatId, userId) {
      const row = await db.prompt.findFirst({
        where: { channel, chatId, awaitUserId: userId, closedAt: null },
        orderBy: { createdAt: 'desc' },
      });
      return row && toRecord(row);
    },
    async close(promptId, at) {
      const { count } = await db.prompt.updateMany({ where: { id: promptId, closedAt: null }, data: { closedAt: at } });
      return count === 1;
    },
  };
}
