import type { DraftRecord, MinutesRepository, OutcomeRecord, TaskRecord } from '../app/ports.ts';
import type { CapturedItem, CaptureTag, MinutesDraft } from '../domain/minutes.ts';
import type { MinuteEntry, MinutesDraft as DraftRow } from '../../generated/sqlite/client.ts';
import { retryOnConflict, type Db } from './database.ts';
import { toTaskRecord } from './task-repository.ts';

const toCaptured = (row: MinuteEntry): CapturedItem => ({
  seq: row.seq,
  tag: row.tag as CaptureTag,
  text: row.text,
  authorName: row.authorName,
  at: row.createdAt,
  ownerName: row.ownerName,
  dueOn: row.dueOn,
});

const toDraft = (row: DraftRow): DraftRecord => ({
  id: row.id,
  meetingId: row.meetingId,
  status: row.status,
  source: row.source as DraftRecord['source'],
  content: JSON.parse(row.content) as MinutesDraft,
  requestedById: row.requestedById,
  createdAt: row.createdAt,
});

export function createMinutesRepository(db: Db): MinutesRepository {
  return {
    capture(meetingId, entry, at) {
      return retryOnConflict(() =>
        db.$transaction(async (tx) => {
          const { _max } = await tx.minuteEntry.aggregate({ where: { meetingId }, _max: { seq: true } });
          const row = await tx.minuteEntry.create({ data: { ...entry, meetingId, seq: (_max.seq ?? 0) + 1, createdAt: at } });
          return toCaptured(row);
        }),
      );
    },

    async undoLast(meetingId, authorAccount, at) {
      return retryOnConflict(() =>
        db.$transaction(async (tx) => {
          const last = await tx.minuteEntry.findFirst({ where: { meetingId, authorAccount, removedAt: null }, orderBy: { seq: 'desc' } });
          if (!last) return null;
          const { count } = await tx.minuteEntry.updateMany({ where: { id: last.id, removedAt: null }, data: { removedAt: at } });
          return count === 1 ? toCaptured(last) : null;
        }),
      );
    },

    async captures(meetingId) {
      const rows = await db.minuteEntry.findMany({ where: { meetingId, removedAt: null }, orderBy: { seq: 'asc' } });
      return rows.map(toCaptured);
    },

    async setText(meetingId, text, byId, at) {
      await db.minutesText.upsert({
        where: { meetingId },
        create: { meetingId, text, submittedById: byId, submittedAt: at },
        update: { text, submittedById: byId, submittedAt: at },
      });
    },

    async text(meetingId) {
      return (await db.minutesText.findUnique({ where: { meetingId } }))?.text ?? null;
    },

    async createDraft(meetingId, content, source, byId, at) {
      return db.$transaction(async (tx) => {
        await tx.minutesDraft.updateMany({ where: { meetingId, status: 'PENDING' }, data: { status: 'DISCARDED', reviewedById: byId, reviewedAt: at } });
        const row = await tx.minutesDraft.create({
          data: { meetingId, content: JSON.stringify(content), source, status: 'PENDING', requestedById: byId, createdAt: at },
        });
        return toDraft(row);
      });
    },

    async draft(draftId) {
      const row = await db.minutesDraft.findUnique({ where: { id: draftId } });
      return row && toDraft(row);
    },

    async pendingDraft(meetingId) {
      const row = await db.minutesDraft.findFirst({ where: { meetingId, status: 'PENDING' }, orderBy: { id: 'desc' } });
      return row && toDraft(row);
    },

    async pendingDraftOfCell(cellId) {
      const row = await db.minutesDraft.findFirst({ where: { status: 'PENDING', meeting: { cellId } }, orderBy: { id: 'desc' } });
      return row && toDraft(row);
    },

    async approvedDraft(meetingId) {
      const row = await db.minutesDraft.findFirst({ where: { meetingId, status: 'APPROVED' }, orderBy: { id: 'desc' } });
      return row && toDraft(row);
    },

    async updateDraft(draftId, content) {
      const { count } = await db.minutesDraft.updateMany({ where: { id: draftId, status: 'PENDING' }, data: { content: JSON.stringify(content) } });
      return count === 1;
    },

    async discardDraft(draftId, byId, at) {
      const { count } = await db.minutesDraft.updateMany({ where: { id: draftId, status: 'PENDING' }, data: { status: 'DISCARDED', reviewedById: byId, reviewedAt: at } });
      return count === 1;
    },

    approveDraft(draftId, byId, at, outcomes, tasks) {
      return retryOnConflict(() =>
        db.$transaction(async (tx): Promise<TaskRecord[] | null> => {
          // The conditional update is the guard: a second approval finds nothing PENDING and stores nothing.
          const { count } = await tx.minutesDraft.updateMany({ where: { id: draftId, status: 'PENDING' }, data: { status: 'APPROVED', reviewedById: byId, reviewedAt: at } });
          if (count !== 1) return null;
          const draft = await tx.minutesDraft.findUniqueOrThrow({ where: { id: draftId }, include: { meeting: { select: { cellId: true } } } });
          const { meetingId } = draft;
          const { cellId } = draft.meeting;
          // Approving again after an edit replaces what the earlier approval stored for this meeting.
          await tx.meetingOutcome.deleteMany({ where: { meetingId } });
          await tx.meetingOutcome.createMany({
            data: outcomes.map((o, i) => ({ meetingId, kind: o.kind, position: i + 1, text: o.text, sources: JSON.stringify(o.sources), createdAt: at })),
          });
          const { _max } = await tx.task.aggregate({ where: { cellId }, _max: { seq: true } });
          const created: TaskRecord[] = [];
          for (const [i, task] of tasks.entries()) {
            const { reminders, sources, ...fields } = task;
            const row = await tx.task.create({
              data: { ...fields, cellId, meetingId, seq: (_max.seq ?? 0) + i + 1, status: 'OPEN', sources: JSON.stringify(sources), createdAt: at },
            });
            if (reminders.length) {
              await tx.reminder.createMany({
                data: reminders.map((r) => ({ id: `task-${row.id}-${r.offsetMinutes}`, meetingId, taskId: row.id, offsetMinutes: r.offsetMinutes, dueAt: r.dueAt, state: 'PENDING' as const })),
              });
            }
            created.push(toTaskRecord(row));
          }
          return created;
        }),
      );
    },

    async outcomes(meetingId) {
      const rows = await db.meetingOutcome.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
      return rows.map((r): OutcomeRecord => ({ kind: r.kind, text: r.text, sources: JSON.parse(r.sources) as string[] }));
    },
  };
}
