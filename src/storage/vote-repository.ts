import type { ProgressRef, VoteMode, VoteRecord, VoteRepository } from '../app/ports.ts';
import type { BallotForm, DecisionKind, Threshold } from '../domain/votes.ts';
import type { Vote } from '../../generated/sqlite/client.ts';
import { isWriteConflict, pauseBeforeRetry, type Db, type Provider, type Tx } from './database.ts';

const toRecord = (row: Vote): VoteRecord => ({
  id: row.id,
  cellId: row.cellId,
  meetingId: row.meetingId,
  seq: row.seq,
  kind: row.kind as DecisionKind,
  form: row.form as BallotForm,
  mode: row.mode as VoteMode,
  options: JSON.parse(row.options) as string[],
  aboutMemberId: row.aboutMemberId,
  seats: row.seats,
  round: row.round,
  subject: row.subject,
  threshold: row.threshold as Threshold,
  base: row.base,
  status: row.status,
  openedAt: row.openedAt,
  closesAt: row.closesAt,
  closedAt: row.closedAt,
  result: row.result === null ? null : (JSON.parse(row.result) as unknown),
  progress: row.progress === null ? [] : (JSON.parse(row.progress) as ProgressRef[]),
});

/**
 * A no-op update as the "is it open?" check: it locks the vote row, so a closing transaction waits for
 * this ballot (and counts it) or this ballot waits for the close (and finds it closed). A plain read
 * would let both pass.
 */
async function lockOpenVote(tx: Tx, voteId: number): Promise<boolean> {
  return (await tx.$executeRaw`UPDATE "Vote" SET "status" = "status" WHERE "id" = ${voteId} AND "status" = 'OPEN'`) === 1;
}

/** Integer columns as numbers, whatever the driver returns for a raw query. */
const voteRow = (row: Vote): Vote => ({
  ...row,
  id: Number(row.id), cellId: Number(row.cellId), meetingId: Number(row.meetingId), seq: Number(row.seq), base: Number(row.base),
  openedById: Number(row.openedById),
  aboutMemberId: row.aboutMemberId === null ? null : Number(row.aboutMemberId),
  seats: row.seats === null ? null : Number(row.seats),
  round: row.round === null ? null : Number(row.round),
});

export function createVoteRepository(db: Db, provider: Provider): VoteRepository {
  return {
    async open(vote, at) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.$transaction(async (tx) => {
            const { _max } = await tx.vote.aggregate({ where: { meetingId: vote.meetingId }, _max: { seq: true } });
            const { eligible, options, ...fields } = vote;
            const row = await tx.vote.create({ data: { ...fields, options: JSON.stringify(options), seq: (_max.seq ?? 0) + 1, status: 'OPEN', openedAt: at } });
            if (eligible.length) await tx.voteEligible.createMany({ data: eligible.map((memberId) => ({ voteId: row.id, memberId })) });
            // Every counter exists from the start, so a ballot only ever increments one.
            if (vote.mode === 'ELECTRONIC') await tx.secretTally.createMany({ data: options.map((option) => ({ voteId: row.id, option, count: 0 })) });
            return toRecord(row);
          });
        } catch (error) {
          if (!isWriteConflict(error) || attempt >= 8) throw error;
          await pauseBeforeRetry(attempt);
        }
      }
    },

    async get(voteId) {
      // Raw SQL on the button-press path (docs/decisions/0009).
      const [row] = await db.$queryRaw<Vote[]>`SELECT * FROM "Vote" WHERE "id" = ${voteId}`;
      return row ? toRecord(voteRow(row)) : null;
    },

    async ofMeeting(meetingId) {
      const rows = await db.vote.findMany({ where: { meetingId }, orderBy: { seq: 'asc' } });
      return rows.map(toRecord);
    },

    async eligible(voteId) {
      const rows = await db.voteEligible.findMany({ where: { voteId } });
      return rows.map((r) => r.memberId);
    },

    async cast(voteId, memberId, choice, at) {
      // Three raw statements (docs/decisions/0009): this runs once per button press, a thousand times a minute.
      return db.$transaction(async (tx) => {
        if (!(await lockOpenVote(tx, voteId))) return 'closed';
        const [state] = await tx.$queryRaw<{ eligible: number | bigint; before: string | null }[]>`
          SELECT (SELECT COUNT(*) FROM "VoteEligible" WHERE "voteId" = ${voteId} AND "memberId" = ${memberId}) AS "eligible",
                 (SELECT "choice" FROM "OpenBallot" WHERE "voteId" = ${voteId} AND "memberId" = ${memberId}) AS "before"`;
        if (!state || !Number(state.eligible)) return 'ineligible';
        await tx.$executeRaw`
          INSERT INTO "OpenBallot" ("voteId", "memberId", "choice", "at") VALUES (${voteId}, ${memberId}, ${choice}, ${at})
          ON CONFLICT ("voteId", "memberId") DO UPDATE SET "choice" = excluded."choice", "at" = excluded."at"`;
        return state.before === null ? 'recorded' : 'changed';
      });
    },

    async withdraw(voteId, memberId) {
      return db.$transaction(async (tx) => {
        if (!(await lockOpenVote(tx, voteId))) return 'closed';
        const { count } = await tx.openBallot.deleteMany({ where: { voteId, memberId } });
        return count ? 'withdrawn' : 'none';
      });
    },

    async counts(voteId) {
      const groups = await db.openBallot.groupBy({ by: ['choice'], where: { voteId }, _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.choice, g._count._all]));
    },

    async closeAndCount(voteId, at) {
      return db.$transaction(async (tx) => {
        // The update locks the vote row: a cast in flight finishes first (and is counted) or finds it closed.
        const { count } = await tx.vote.updateMany({ where: { id: voteId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: at } });
        if (count === 0) return null;
        const groups = await tx.openBallot.groupBy({ by: ['choice'], where: { voteId }, _count: { _all: true } });
        return Object.fromEntries(groups.map((g) => [g.choice, g._count._all]));
      });
    },

    async setResult(voteId, result) {
      await db.vote.update({ where: { id: voteId }, data: { result: JSON.stringify(result) } });
    },

    async castSecret(voteId, memberId, option) {
      return db.$transaction(async (tx) => {
        // Two submissions of one member are handled one after the other.
        if (!(await lockOpenVote(tx, voteId))) return 'closed';
        if (!(await tx.voteEligible.count({ where: { voteId, memberId } }))) return 'ineligible';
        if (await tx.secretVoter.count({ where: { voteId, memberId } })) return 'already';
        const { count: counted } = await tx.secretTally.updateMany({ where: { voteId, option }, data: { count: { increment: 1 } } });
        if (counted !== 1) throw new Error(`no counter for option ${option} of vote ${voteId}`);
        await tx.secretVoter.create({ data: { voteId, memberId } });
        return 'recorded';
      });
    },

    async hasVoted(voteId, memberId) {
      return (await db.secretVoter.count({ where: { voteId, memberId } })) > 0;
    },

    async voters(voteId) {
      return db.secretVoter.count({ where: { voteId } });
    },

    async closeSecret(voteId, at) {
      const closed = await db.$transaction(async (tx) => {
        const { count } = await tx.vote.updateMany({ where: { id: voteId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: at } });
        if (count === 0) return null;
        // Rewrite every counter in the closing transaction: on PostgreSQL a row carries the id of the
        // transaction that last wrote it (xmin), which would otherwise match the last voter's SecretVoter row.
        await tx.secretTally.updateMany({ where: { voteId }, data: { count: { increment: 0 } } });
        const tallies = await tx.secretTally.findMany({ where: { voteId } });
        const voters = await tx.secretVoter.count({ where: { voteId } });
        return { counts: Object.fromEntries(tallies.map((t) => [t.option, t.count])), voters };
      });
      // SQLite's write-ahead log keeps the counters' earlier page images until a checkpoint: fold it now.
      if (provider === 'sqlite' && closed) await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      return closed;
    },

    async closeWith(voteId, result, at) {
      const { count } = await db.vote.updateMany({ where: { id: voteId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: at, result: JSON.stringify(result) } });
      return count === 1;
    },

    async overdue(now) {
      const rows = await db.vote.findMany({ where: { status: 'OPEN', closesAt: { lte: now } }, orderBy: { closesAt: 'asc' } });
      return rows.map(toRecord);
    },

    async setProgress(voteId, refs) {
      await db.vote.update({ where: { id: voteId }, data: { progress: JSON.stringify(refs) } });
    },
  };
}
