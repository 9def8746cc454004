import type { AccountRef, IdentityRepository, LinkRequestRecord } from '../app/ports.ts';
import type { ChannelName } from '../channels/channel.ts';
import { DomainError } from '../domain/errors.ts';
import { isUniqueViolation, type Db } from './database.ts';
import { CURRENT, toRosterMember } from './member-mapping.ts';
import type { LinkRequest, Member } from '../../generated/sqlite/client.ts';

const toRequest = (r: LinkRequest): LinkRequestRecord => ({
  id: r.id,
  cellId: r.cellId,
  memberId: r.memberId,
  account: { channel: r.channel as ChannelName, externalId: r.externalId, displayName: r.displayName },
  status: r.status,
});

export function createIdentityRepository(db: Db): IdentityRepository {
  const link = async (
    tx: Pick<Db, 'memberIdentity'>,
    cellId: number,
    memberId: number,
    account: AccountRef,
    linkedById: number | null,
    at: Date,
  ) => {
    await tx.memberIdentity.create({
      data: { cellId, memberId, channel: account.channel, externalId: account.externalId, displayName: account.displayName, linkedAt: at, linkedById },
    });
  };

  return {
    async findMember(cellId, account) {
      // Raw SQL on the button-press path (docs/decisions/0009).
      const [member] = await db.$queryRaw<Member[]>`
        SELECT m.* FROM "MemberIdentity" i JOIN "Member" m ON m."id" = i."memberId"
        WHERE i."cellId" = ${cellId} AND i."channel" = ${account.channel} AND i."externalId" = ${account.externalId} AND m."removedAt" IS NULL`;
      return member ? toRosterMember({ ...member, id: Number(member.id), seq: Number(member.seq) }) : null;
    },

    async accountsOf(cellId, channel) {
      const rows = await db.memberIdentity.findMany({ where: { cellId, channel, member: CURRENT } });
      return rows.map((r) => ({ memberId: r.memberId, externalId: r.externalId, displayName: r.displayName }));
    },

    async cellsOf(account) {
      const rows = await db.memberIdentity.findMany({
        where: { channel: account.channel, externalId: account.externalId, member: CURRENT },
        select: { cellId: true },
      });
      return rows.map((r) => r.cellId);
    },

    async cellsWithName(key) {
      const rows = await db.member.findMany({ where: { activeNameKey: key }, select: { cellId: true } });
      return rows.map((r) => r.cellId);
    },

    async linkedAccount(memberId, channel) {
      const row = await db.memberIdentity.findUnique({ where: { memberId_channel: { memberId, channel } } });
      return row?.externalId ?? null;
    },

    async requestLink(cellId, memberId, account, at) {
      const row = await db.linkRequest.create({
        data: { cellId, memberId, channel: account.channel, externalId: account.externalId, displayName: account.displayName, status: 'PENDING', createdAt: at },
      });
      return toRequest(row);
    },

    async pendingRequest(cellId, account) {
      const row = await db.linkRequest.findFirst({
        where: { cellId, channel: account.channel, externalId: account.externalId, status: 'PENDING' },
      });
      return row ? toRequest(row) : null;
    },

    async decide(requestId, approve, deciderId, at) {
      try {
        return await db.$transaction(async (tx) => {
          // The conditional update is the guard: a second press finds nothing PENDING.
          const { count } = await tx.linkRequest.updateMany({
            where: { id: requestId, status: 'PENDING' },
            data: { status: approve ? 'APPROVED' : 'REJECTED', decidedAt: at, decidedById: deciderId },
          });
          if (count === 0) return false;
          if (approve) {
            const request = await tx.linkRequest.findUniqueOrThrow({ where: { id: requestId } });
            await link(tx, request.cellId, request.memberId, toRequest(request).account, deciderId, at);
          }
          return true;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('link.memberTaken');
        throw error;
      }
    },

    async link(cellId, memberId, account, linkedById, at) {
      try {
        await link(db, cellId, memberId, account, linkedById, at);
      } catch (error) {
        if (isUniqueViolation(error)) throw new DomainError('link.memberTaken');
        throw error;
      }
    },
  };
}
