// Reports, meeting scores and who may see them (docs/decisions/0011-reports.md): the figures of a cell,
// of its members' year and of a đảng bộ's cells, read from what the bot stored; the score sheet
// pre-filled from facts; one-time dashboard links.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import { durationCheck, minimumMinutes } from '../domain/meeting.ts';
import { nameKey } from '../domain/names.ts';
import { findMember } from './roster.ts';
import {
  cellReport, memberYears, organisationReport, type CellData, type CellReport, type MemberYear, type OrganisationReport, type Period,
} from '../domain/reports.ts';
import { isSecretariat, type RosterMember } from '../domain/roster.ts';
import { prefill, scoreMeeting, validPoints, type ScoreFacts, type ScoreSheet } from '../domain/scoring.ts';
import { vietnamClock, vietnamDate, vietnamInstant } from '../domain/time.ts';
import type { MeetingService } from './meetings.ts';
import type { MinutesService } from './minutes.ts';
import type { AccountRef, CellRecord, Clock, MeetingRecord, OrganisationRecord, ScoreRecord, Store } from './ports.ts';

/** A login link works once, for a short while; the session it opens lasts a working day. */
export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 60 * 60_000;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface Scopes {
  /** Cells whose committee the account sits on. */
  cells: CellRecord[];
  /** Organisations the account was given the đảng ủy's view of, and those under them. */
  organisations: OrganisationRecord[];
}

export interface OrganisationView {
  organisation: OrganisationRecord;
  /** Names from the top down, the organisation's own last. */
  path: string[];
  report: OrganisationReport;
  calendar: CalendarRow[];
}

export interface CalendarRow {
  cell: { id: number; name: string };
  rule: { dayOfMonth: number; time: string; place: string | null } | null;
  /** Meetings scheduled from today on. */
  upcoming: { seq: number; kind: MeetingRecord['kind']; date: string; time: string; place: string | null }[];
}

export interface ScoringView {
  sheet: ScoreSheet;
  facts: ScoreFacts;
  points: Record<string, number>;
  judged: string[];
  result: ReturnType<typeof scoreMeeting>;
  scoredAt: Date | null;
}

export function createReportService(deps: { store: Store; clock: Clock; sheet: ScoreSheet; meetings: MeetingService; minutes: MinutesService }) {
  const { store, clock, sheet } = deps;
  const today = () => vietnamDate(clock.now());
  const yearStart = (year: number) => vietnamInstant(`${year}-01-01`, '00:00');

  /** What the reports read about these cells, for the calendar years from `fromYear` to `toYear`. */
  async function cellData(cells: CellRecord[], fromYear: number, toYear: number): Promise<CellData[]> {
    const records = await store.reports.records(cells.map((c) => c.id), yearStart(fromYear), yearStart(toYear + 1));
    return Promise.all(cells.map(async (cell) => {
      const settings = await store.settings.get(cell.id);
      const members = await store.members.listCurrent(cell.id);
      const meetingIds = new Set<number>();
      const meetings = records.meetings.filter((m) => m.cellId === cell.id).map((m) => {
        meetingIds.add(m.id);
        const { date, time } = vietnamClock(m.startsAt);
        const closed = m.status === 'CLOSED';
        return {
          id: m.id, seq: m.seq, kind: m.kind, date, time, closed,
          minutes: closed && m.startedAt && m.endedAt ? durationCheck(m.kind, m.startedAt, m.endedAt, settings.minMeetingMinutes).minutes : null,
          minimumMinutes: minimumMinutes(m.kind, settings.minMeetingMinutes),
          attendance: m.attendance, minuted: m.minuted, score: m.score, resolutions: m.resolutions,
        };
      });
      return {
        cell: { id: cell.id, name: cell.name, organisationPath: cell.organisationPath, since: vietnamDate(records.cells.find((c) => c.id === cell.id)?.createdAt ?? new Date(0)).slice(0, 7) },
        members: members.map((m) => ({ id: m.id, fullName: m.fullName, membership: m.membership, status: m.status })),
        meetings,
        votes: records.votes.filter((v) => meetingIds.has(v.meetingId)).map((v) => ({
          meetingId: v.meetingId,
          closed: v.status === 'CLOSED',
          passed: v.result && typeof (v.result as { passed?: unknown }).passed === 'boolean' ? (v.result as { passed: boolean }).passed : null,
          voterIds: v.voterIds,
        })),
        tasks: records.tasks.filter((t) => meetingIds.has(t.meetingId)).map((t) => ({
          seq: t.seq, meetingId: t.meetingId, what: t.what, ownerId: t.ownerId, ownerName: t.ownerName, dueOn: t.dueOn, status: t.status,
          doneOn: t.doneAt ? vietnamDate(t.doneAt) : null,
        })),
        rule: settings.rule && { dayOfMonth: settings.rule.dayOfMonth, time: settings.rule.time, place: settings.rule.place },
      };
    }));
  }

  /** Organisations under (and including) these, parents first, out of the list `all()` gives. */
  function subtree(all: OrganisationRecord[], roots: number[]): OrganisationRecord[] {
    const inside = new Set(roots);
    for (const org of all) if (org.parentId !== null && inside.has(org.parentId)) inside.add(org.id);
    return all.filter((o) => inside.has(o.id));
  }

  /** Names from the top down to `org`'s own. */
  function pathOf(all: OrganisationRecord[], org: OrganisationRecord): string[] {
    const parent = all.find((o) => o.id === org.parentId);
    return [...(parent ? pathOf(all, parent) : []), org.name];
  }

  async function cellsOf(organisationIds: number[]): Promise<CellRecord[]> {
    const rows = await store.organisations.cellsUnder(organisationIds);
    return (await Promise.all(rows.map((r) => store.cells.get(r.id)))).filter((c): c is CellRecord => c !== null);
  }

  /** The account's roster entry in each cell it belongs to (on the shell, by its trusted display name). */
  async function membersOf(account: Pick<AccountRef, 'channel' | 'externalId' | 'displayName'>): Promise<{ cell: CellRecord; member: RosterMember }[]> {
    const ids = new Set(await store.identities.cellsOf(account));
    const byName = account.channel === 'shell';
    if (byName) for (const id of await store.identities.cellsWithName(nameKey(account.displayName))) ids.add(id);
    const found: { cell: CellRecord; member: RosterMember }[] = [];
    for (const id of [...ids].sort((a, b) => a - b)) {
      const cell = await store.cells.get(id);
      if (!cell) continue;
      const member = (await store.identities.findMember(id, account)) ?? (byName ? findMember(await store.members.listCurrent(id), account.displayName) ?? null : null);
      if (member) found.push({ cell, member });
    }
    return found;
  }

  async function scoreFacts(meeting: MeetingRecord): Promise<ScoreFacts> {
    const settings = await store.settings.get(meeting.cellId);
    const snap = await deps.meetings.snapshot(meeting);
    const prior = await deps.minutes.priorTasks(meeting.cellId, meeting);
    const date = vietnamDate(meeting.startsAt);
    const due = prior.filter((p) => p.task.dueOn !== null && p.task.dueOn <= date);
    return {
      durationMet: meeting.startedAt && meeting.endedAt ? durationCheck(meeting.kind, meeting.startedAt, meeting.endedAt, settings.minMeetingMinutes).ok : null,
      attendanceMisses: await deps.meetings.criterionOf(snap),
      priorTasks: { due: due.length, doneOnTime: due.filter((p) => p.review === 'DONE_ON_TIME').length },
      minutesDone: (await store.minutes.approvedDraft(meeting.id)) !== null || (await store.minutes.text(meeting.id)) !== null,
    };
  }

  const service = {
    sheet,

    async cellReport(cell: CellRecord, period: Period): Promise<CellReport> {
      const [data] = await cellData([cell], period.year, period.year);
      return cellReport(data!, period, today());
    },

    /** Each member's year, for the chi ủy only (the caller checks who asks). */
    async memberYears(cell: CellRecord, year: number): Promise<MemberYear[]> {
      const [data] = await cellData([cell], year, year);
      return memberYears(data!, year, today());
    },

    async organisationView(organisationId: number, period: Period): Promise<OrganisationView> {
      const all = await store.organisations.all();
      const organisation = all.find((o) => o.id === organisationId);
      if (!organisation) throw new DomainError('report.noOrganisation');
      const cells = await cellsOf(subtree(all, [organisationId]).map((o) => o.id));
      const data = await cellData(cells, period.year, period.year);
      const now = clock.now();
      // The registered rule is in the cell data already; only meetings beyond the period's year are read again.
      const calendar = await Promise.all(data.map(async (d): Promise<CalendarRow> => ({
        cell: { id: d.cell.id, name: d.cell.name },
        rule: d.rule,
        upcoming: (await store.meetings.list(d.cell.id, ['SCHEDULED']))
          .filter((m) => m.startsAt >= now).map((m) => ({ seq: m.seq, kind: m.kind, ...vietnamClock(m.startsAt), place: m.place })),
      })));
      return {
        organisation,
        path: pathOf(all, organisation),
        report: organisationReport(data.map((d) => cellReport(d, period, today())), period),
        calendar,
      };
    },

    // ---- scoring (§6.2) ----

    async scoring(meeting: MeetingRecord): Promise<ScoringView> {
      if (meeting.status !== 'CLOSED') throw new DomainError('score.notClosed', { seq: meeting.seq });
      const facts = await scoreFacts(meeting);
      const stored = await store.reports.score(meeting.id);
      // A score made on another sheet is not re-read against this one: it starts again from the facts.
      const kept = stored && stored.sheet === sheet.id ? stored : null;
      const judged = kept?.judged ?? [];
      const points = { ...prefill(sheet, facts), ...Object.fromEntries(judged.map((id) => [id, kept!.points[id]!])) };
      return { sheet, facts, points, judged, result: scoreMeeting(sheet, points), scoredAt: kept?.scoredAt ?? null };
    },

    /** The secretary's points ("criterion number → points"); facts are re-read, so a late biên bản counts. */
    async score(meeting: MeetingRecord, by: RosterMember, given: Map<number, number>): Promise<ScoringView> {
      const view = await service.scoring(meeting);
      const judged = new Set(view.judged);
      const points = { ...view.points };
      for (const [number, value] of given) {
        const criterion = sheet.criteria[number - 1];
        if (!criterion) throw new DomainError('score.noCriterion', { number, count: sheet.criteria.length });
        if (!validPoints(criterion, value)) throw new DomainError('score.outOfRange', { number, max: criterion.max });
        points[criterion.id] = value;
        judged.add(criterion.id);
      }
      const result = scoreMeeting(sheet, points);
      const record: ScoreRecord = {
        meetingId: meeting.id, sheet: sheet.id, points, judged: [...judged], total: result.band ? result.total : null, band: result.band,
        scoredById: by.id, scoredAt: clock.now(),
      };
      await store.reports.saveScore(record);
      return { ...view, points, judged: record.judged, result, scoredAt: record.scoredAt };
    },

    // ---- who sees what ----

    async scopes(account: AccountRef): Promise<Scopes> {
      const cells = (await membersOf(account)).filter((x) => isSecretariat(x.member.role)).map((x) => x.cell);
      const organisations = subtree(await store.organisations.all(), await store.organisations.viewedBy(account));
      return { cells, organisations };
    },

    /** Cells the account may see: its committees' and those under its organisations. */
    async visibleCells(scopes: Scopes): Promise<CellRecord[]> {
      const under = await cellsOf(scopes.organisations.map((o) => o.id));
      const byId = new Map([...scopes.cells, ...under].map((c) => [c.id, c]));
      return [...byId.values()].sort((a, b) => a.id - b.id);
    },

    /** A one-time login link's secret, for an account that may see something. */
    async issueLink(account: AccountRef): Promise<string> {
      const scopes = await service.scopes(account);
      if (!scopes.cells.length && !scopes.organisations.length) throw new DomainError('dashboard.nothingToSee', { account: `${account.channel}:${account.externalId}` });
      const secret = randomBytes(32).toString('base64url');
      const now = clock.now();
      await store.dashboard.create(hashOf(secret), 'LINK', account, now, new Date(now.getTime() + LINK_TTL_MS));
      return secret;
    },

    /** Trades a link's secret for a session's; null when the link is unknown, used or expired. */
    async redeemLink(secret: string): Promise<{ session: string; account: AccountRef } | null> {
      const now = clock.now();
      const account = await store.dashboard.redeem(hashOf(secret), now);
      if (!account) return null;
      const session = randomBytes(32).toString('base64url');
      await store.dashboard.create(hashOf(session), 'SESSION', account, now, new Date(now.getTime() + SESSION_TTL_MS));
      return { session, account };
    },

    /** The session's account and what it may see now (a role taken away applies at once). */
    async session(secret: string): Promise<{ account: AccountRef; scopes: Scopes } | null> {
      const account = await store.dashboard.session(hashOf(secret), clock.now());
      return account && { account, scopes: await service.scopes(account) };
    },

    async logout(secret: string) {
      await store.dashboard.end(hashOf(secret), clock.now());
    },

  };

  return service;
}

export type ReportService = ReturnType<typeof createReportService>;
