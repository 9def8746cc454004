// Reads for the reports (a year of a đảng bộ's meetings in a few queries), the meetings' scores, the
// đảng ủy's viewers and the dashboard's one-time links and sessions.
import type { ChannelName } from '../channels/channel.ts';
import type {
  AccountRef, DashboardAccessRepository, OrganisationRepository, ReportRepository, ScoreRecord,
} from '../app/ports.ts';
import type { Band } from '../domain/scoring.ts';
import type { Db } from './database.ts';
import { toTaskRecord } from './task-repository.ts';

export function createReportRepository(db: Db): ReportRepository {
  return {
    async records(cellIds, from, to) {
      const meetings = await db.meeting.findMany({
        where: { cellId: { in: cellIds }, status: { in: ['CLOSED', 'SCHEDULED'] }, startsAt: { gte: from, lt: to } },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        include: {
          attendance: { where: { attendance: { not: null } }, select: { memberId: true, attendance: true } },
          minutesText: { select: { meetingId: true } },
          drafts: { where: { status: 'APPROVED' }, select: { id: true } },
          score: { select: { total: true, band: true } },
          _count: { select: { outcomes: { where: { kind: 'RESOLUTION' } } } },
        },
      });
      const meetingIds = meetings.map((m) => m.id);
      const votes = await db.vote.findMany({
        where: { meetingId: { in: meetingIds } },
        select: { id: true, meetingId: true, status: true, result: true, ballots: { select: { memberId: true } } },
      });
      const secretVoters = await db.secretVoter.findMany({ where: { voteId: { in: votes.map((v) => v.id) } } });
      const tasks = await db.task.findMany({ where: { meetingId: { in: meetingIds } }, orderBy: [{ cellId: 'asc' }, { seq: 'asc' }] });
      const cells = await db.cell.findMany({ where: { id: { in: cellIds } }, select: { id: true, createdAt: true } });
      return {
        cells,
        meetings: meetings.map((m) => ({
          id: m.id,
          cellId: m.cellId,
          seq: m.seq,
          kind: m.kind,
          status: m.status,
          startsAt: m.startsAt,
          startedAt: m.startedAt,
          endedAt: m.endedAt,
          attendance: m.attendance.map((a) => ({ memberId: a.memberId, attendance: a.attendance! })),
          minuted: m.minutesText !== null || m.drafts.length > 0,
          score: m.score && m.score.total !== null && m.score.band !== null ? { total: m.score.total, band: m.score.band as Band } : null,
          resolutions: m._count.outcomes,
        })),
        votes: votes.map((v) => ({
          meetingId: v.meetingId,
          status: v.status,
          result: v.result === null ? null : (JSON.parse(v.result) as unknown),
          voterIds: [...v.ballots.map((b) => b.memberId), ...secretVoters.filter((s) => s.voteId === v.id).map((s) => s.memberId)],
        })),
        tasks: tasks.map(toTaskRecord),
      };
    },

    async score(meetingId) {
      const row = await db.meetingScore.findUnique({ where: { meetingId } });
      return row && {
        meetingId: row.meetingId,
        sheet: row.sheet,
        points: JSON.parse(row.points) as Record<string, number>,
        judged: JSON.parse(row.judged) as string[],
        total: row.total,
        band: row.band as Band | null,
        scoredById: row.scoredById,
        scoredAt: row.scoredAt,
      };
    },

    async saveScore(score: ScoreRecord) {
      const data = {
        sheet: score.sheet,
        points: JSON.stringify(score.points),
        judged: JSON.stringify(score.judged),
        total: score.total,
        band: score.band,
        scoredById: score.scoredById,
        scoredAt: score.scoredAt,
      };
      await db.meetingScore.upsert({ where: { meetingId: score.meetingId }, create: { meetingId: score.meetingId, ...data }, update: data });
    },
  };
}

const toAccount = (row: { channel: string; externalId: string; displayName: string }): AccountRef => ({
  channel: row.channel as ChannelName,
  externalId: row.externalId,
  displayName: row.displayName,
});

export function createOrganisationRepository(db: Db): OrganisationRepository {
  return {
    async get(id) {
      return db.organisation.findUnique({ where: { id }, select: { id: true, name: true, kind: true, parentId: true } });
    },

    async all() {
      // Parents are always created before their children, so id order puts them first.
      return db.organisation.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true, kind: true, parentId: true } });
    },

    async cellsUnder(organisationIds) {
      const cells = await db.cell.findMany({ where: { organisationId: { in: organisationIds } }, orderBy: { id: 'asc' }, select: { id: true, name: true, organisationId: true } });
      return cells.map((c) => ({ id: c.id, name: c.name, organisationId: c.organisationId! }));
    },

    async grantViewer(organisationId, account, at) {
      const key = { organisationId, channel: account.channel, externalId: account.externalId };
      await db.organisationViewer.upsert({
        where: { organisationId_channel_externalId: key },
        create: { ...key, displayName: account.displayName, grantedAt: at },
        update: { displayName: account.displayName },
      });
    },

    async revokeViewer(organisationId, account) {
      const { count } = await db.organisationViewer.deleteMany({ where: { organisationId, channel: account.channel, externalId: account.externalId } });
      return count > 0;
    },

    async viewersOf(organisationId) {
      return (await db.organisationViewer.findMany({ where: { organisationId }, orderBy: { grantedAt: 'asc' } })).map(toAccount);
    },

    async viewedBy(account) {
      const rows = await db.organisationViewer.findMany({ where: { channel: account.channel, externalId: account.externalId }, select: { organisationId: true } });
      return rows.map((r) => r.organisationId);
    },
  };
}

export function createDashboardAccessRepository(db: Db): DashboardAccessRepository {
  return {
    async create(hash, kind, account, at, expiresAt) {
      await db.dashboardAccess.create({ data: { hash, kind, ...account, createdAt: at, expiresAt } });
    },

    async redeem(hash, now) {
      // One conditional update: of two requests with the same link, only one sees count 1.
      const { count } = await db.dashboardAccess.updateMany({ where: { hash, kind: 'LINK', usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
      if (count !== 1) return null;
      const row = await db.dashboardAccess.findUnique({ where: { hash } });
      return row && toAccount(row);
    },

    async session(hash, now) {
      const row = await db.dashboardAccess.findUnique({ where: { hash } });
      return row && row.kind === 'SESSION' && row.usedAt === null && row.expiresAt > now ? toAccount(row) : null;
    },

    async end(hash, at) {
      await db.dashboardAccess.updateMany({ where: { hash, kind: 'SESSION', usedAt: null }, data: { usedAt: at } });
    },

    async pruneBefore(before) {
      return (await db.dashboardAccess.deleteMany({ where: { expiresAt: { lt: before } } })).count;
    },
  };
}
