// A đảng bộ with two cells, made through the repositories on a real database, and the dashboard over
// it: what the dashboard tests (plain HTTP and real Chromium) look at.
import pino from 'pino';
import type { AccountRef, Store } from '../../src/app/ports.ts';
import { createDelivery } from '../../src/app/delivery.ts';
import { createMeetingService } from '../../src/app/meetings.ts';
import { createMinutesService } from '../../src/app/minutes.ts';
import { createReportService, type ReportService } from '../../src/app/reports.ts';
import { createDashboard, type Dashboard } from '../../src/dashboard/server.ts';
import { emptyDraft } from '../../src/domain/minutes.ts';
import { offlineSummariser } from '../../src/minutes/extract.ts';
import { loadScoreSheet } from '../../src/reports/score-sheet-file.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { meetingFields, memberFields } from './storage-fixtures.ts';

/** 10:00 on 15 June 2026 in Vietnam. */
export const NOW = new Date('2026-06-15T03:00:00.000Z');
const CREATED = new Date('2026-01-02T02:00:00.000Z');
const MINUTE = 60_000;

export const ORGANISATION = 'Đảng bộ phường Bến Thành';
export const CELL_A = 'Chi bộ Khu phố 1';
/** Names come from chat: the pages must show them as text. */
export const CELL_B = 'Chi bộ <script>alert("B")</script> Khu phố 2';
export const MEMBER = 'Trần Thị <b>Bích</b>';
export const TASK = 'Rà soát hộ nghèo <img src=x onerror=alert(1)>';

export const secretaryA: AccountRef = { channel: 'telegram', externalId: 'tg-an', displayName: 'An Nguyễn' };
export const secretaryB: AccountRef = { channel: 'telegram', externalId: 'tg-cuong', displayName: 'Cường Lê' };
export const viewer: AccountRef = { channel: 'telegram', externalId: 'tg-danguy', displayName: 'Phạm Đảng Ủy' };

export interface DashboardWorld {
  db: TestDatabase;
  store: Store;
  clock: ManualClock;
  reports: ReportService;
  dashboard: Dashboard;
  url: string;
  cellA: number;
  cellB: number;
  organisationId: number;
  close(): Promise<void>;
}

export async function dashboardWorld(): Promise<DashboardWorld> {
  const db = await createTestDatabase();
  const { store } = db;
  const clock = new ManualClock(CREATED);
  const log = pino({ level: 'silent' });
  const delivery = createDelivery({ store, clock, channels: [], log });
  const meetings = createMeetingService({ store, clock, delivery, log, instanceId: 'test' });
  const minutes = createMinutesService({ store, clock, delivery, meetings, llm: null, offline: offlineSummariser, log, instanceId: 'test' });
  const reports = createReportService({ store, clock, sheet: loadScoreSheet(), meetings, minutes });

  const organisations = [{ name: ORGANISATION, kind: 'DANG_BO' as const }];
  const a = await store.cells.create(
    { name: CELL_A, organisations, chat: { channel: 'telegram', chatId: '-1001' }, founder: memberFields('Nguyễn Văn An', { role: 'BI_THU' }), founderAccount: secretaryA },
    CREATED,
  );
  const b = await store.cells.create(
    { name: CELL_B, organisations, chat: { channel: 'telegram', chatId: '-1002' }, founder: memberFields('Lê Văn Cường', { role: 'BI_THU' }), founderAccount: secretaryB },
    CREATED,
  );
  const organisationId = (await store.organisations.all()).find((o) => o.name === ORGANISATION)!.id;
  await store.organisations.grantViewer(organisationId, viewer, CREATED);
  const founder = a.founder.id;
  const bich = (await store.members.add(a.cell.id, memberFields(MEMBER), founder, CREATED)).id;
  await store.settings.update(a.cell.id, { rule: { dayOfMonth: 10, time: '19:30', shiftToWorkingDay: true, place: 'Nhà văn hóa khu phố 1' } }, CREATED);

  // May's regular meeting of cell A: 120 minutes, the bí thư present, Bích absent without reason; minuted, with a task and a vote.
  const startsAt = new Date('2026-05-10T12:30:00.000Z');
  const endsAt = new Date(startsAt.getTime() + 120 * MINUTE);
  const meeting = (await store.meetings.create(a.cell.id, meetingFields(startsAt), 'SCHEDULED', null, [], founder, CREATED))!;
  await store.meetings.mark(meeting.id, [{ memberId: founder, attendance: 'PRESENT', reason: null }, { memberId: bich, attendance: 'ABSENT_UNEXCUSED', reason: null }], founder, startsAt);
  await store.meetings.transition(meeting.id, ['SCHEDULED'], 'IN_PROGRESS', { startedAt: startsAt, chairId: founder }, { action: 'open', detail: null, actorId: founder }, startsAt);
  const vote = await store.votes.open(
    { cellId: a.cell.id, meetingId: meeting.id, kind: 'ORDINARY', form: 'OPEN', mode: 'OPEN', options: ['yes', 'no'], aboutMemberId: null, subject: 'Thông qua kế hoạch quý III', threshold: 'HALF', base: 2, eligible: [founder], openedById: founder, closesAt: null },
    startsAt,
  );
  await store.votes.cast(vote.id, founder, 'yes', startsAt);
  await store.votes.closeAndCount(vote.id, startsAt);
  await store.votes.setResult(vote.id, { threshold: 'HALF', base: 2, yes: 1, needed: 2, passed: false, shareHundredths: 5000 });
  await store.meetings.transition(meeting.id, ['IN_PROGRESS'], 'CLOSED', { endedAt: endsAt }, { action: 'close', detail: null, actorId: founder }, endsAt);
  const draft = await store.minutes.createDraft(meeting.id, emptyDraft(), 'offline', founder, endsAt);
  await store.minutes.approveDraft(
    draft.id, founder, endsAt,
    [{ kind: 'CONCLUSION', text: 'Chi bộ thống nhất đẩy mạnh vận động hội viên', sources: [] }, { kind: 'RESOLUTION', text: 'Nghị quyết tháng 5', sources: [] }],
    [{ what: TASK, ownerId: founder, ownerName: 'Nguyễn Văn An', dueOn: '2026-05-30', sources: [], reminders: [] }],
  );
  // June's meeting, still to come (on the calendar).
  await store.meetings.create(a.cell.id, meetingFields(new Date('2026-06-20T12:30:00.000Z')), 'SCHEDULED', null, [], founder, CREATED);

  clock.set(NOW);
  const dashboard = createDashboard({ reports, store, clock, log, port: 0 });
  const { url } = await dashboard.start();
  return {
    db, store, clock, reports, dashboard, url, cellA: a.cell.id, cellB: b.cell.id, organisationId,
    async close() {
      await dashboard.stop();
      await db.cleanup();
    },
  };
}
