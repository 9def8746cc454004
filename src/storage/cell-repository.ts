import type { ChannelName } from '../channels/channel.ts';
import type { CellRecord, CellRepository, ChatAddress, NewCell } from '../app/ports.ts';
import { nameKey } from '../domain/names.ts';
import { DomainError } from '../domain/errors.ts';
import { isUniqueViolation, type Db, type Tx } from './database.ts';
import { toRosterMember } from './member-mapping.ts';

async function organisationPath(db: Db | Tx, organisationId: number | null): Promise<string[]> {
  const path: string[] = [];
  for (let id = organisationId; id !== null; ) {
    const org = await db.organisation.findUnique({ where: { id } });
    if (!org) break;
    path.unshift(org.name);
    id = org.parentId;
  }
  return path;
}

export function createCellRepository(db: Db): CellRepository {
  // Organisations are never renamed or moved once created, so their path is read once per process:
  // every button press resolves its cell, and the walk up the tree cost a query per level.
  const paths = new Map<number, Promise<string[]>>();
  const pathOf = (organisationId: number | null): Promise<string[]> => {
    if (organisationId === null) return Promise.resolve([]);
    let path = paths.get(organisationId);
    if (!path) {
      path = organisationPath(db, organisationId);
      paths.set(organisationId, path);
      path.catch(() => paths.delete(organisationId));
    }
    return path.then((p) => [...p]);
  };
  const toRecord = async (cell: { id: number; name: string; organisationId: number | null }): Promise<CellRecord> => ({
    id: cell.id,
    name: cell.name,
    organisationPath: await pathOf(cell.organisationId),
  });

  return {
    async chatsOf(cellId) {
      const rows = await db.chatBinding.findMany({ where: { cellId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ channel: r.channel as ChannelName, chatId: r.chatId, ...(r.title ? { title: r.title } : {}) }));
    },

    async findByChat(channel, chatId) {
      const binding = await db.chatBinding.findUnique({ where: { channel_chatId: { channel, chatId } }, include: { cell: true } });
      return binding ? toRecord(binding.cell) : null;
    },

    async get(cellId) {
      // Raw SQL on the button-press path (docs/decisions/0009): Prisma 6's query compiler costs more than the query.
      const [cell] = await db.$queryRaw<{ id: number; name: string; organisationId: number | null }[]>`
        SELECT "id", "name", "organisationId" FROM "Cell" WHERE "id" = ${cellId}`;
      return cell ? toRecord({ id: Number(cell.id), name: cell.name, organisationId: cell.organisationId === null ? null : Number(cell.organisationId) }) : null;
    },

    async create(input: NewCell, at: Date) {
      try {
        return await db.$transaction(async (tx) => {
          let parentId: number | null = null;
          for (const org of input.organisations) {
            const key = { parentKey: parentId ?? 0, nameKey: nameKey(org.name) };
            const found: { id: number } =
              (await tx.organisation.findUnique({ where: { parentKey_nameKey: key } })) ??
              (await tx.organisation.create({ data: { ...key, name: org.name, kind: org.kind, parentId, createdAt: at } }));
            parentId = found.id;
          }
          const cell = await tx.cell.create({ data: { name: input.name, organisationId: parentId, createdAt: at } });
          await tx.chatBinding.create({
            data: { cellId: cell.id, channel: input.chat.channel, chatId: input.chat.chatId, title: input.chat.title ?? null, createdAt: at },
          });
          const key = nameKey(input.founder.fullName);
          const founder = await tx.member.create({
            data: { ...input.founder, cellId: cell.id, seq: 1, nameKey: key, activeNameKey: key, createdAt: at, updatedAt: at },
          });
          await tx.memberIdentity.create({
            data: {
              cellId: cell.id,
              memberId: founder.id,
              channel: input.founderAccount.channel,
              externalId: input.founderAccount.externalId,
              displayName: input.founderAccount.displayName,
              linkedAt: at,
            },
          });
          await tx.auditEntry.create({
            data: { cellId: cell.id, actorMemberId: founder.id, action: 'cell.create', detail: JSON.stringify({ name: input.name }), at },
          });
          return {
            cell: { id: cell.id, name: cell.name, organisationPath: input.organisations.map((o) => o.name) },
            founder: toRosterMember(founder),
          };
        });
      } catch (error) {
        // Two "/taochibo" in one chat at once: the chat binding's unique index lets one through.
        if (isUniqueViolation(error)) throw new DomainError('cell.alreadyBound');
        throw error;
      }
    },

    async bindChat(cellId: number, chat: ChatAddress, at: Date) {
      try {
        await db.chatBinding.create({ data: { cellId, channel: chat.channel, chatId: chat.chatId, title: chat.title ?? null, createdAt: at } });
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('cell.alreadyBound');
        throw error;
      }
    },
  };
}
