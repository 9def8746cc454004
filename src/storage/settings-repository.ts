import type { CellSettingsRecord, SettingsRepository } from '../app/ports.ts';
import type { CellSettings } from '../../generated/sqlite/client.ts';
import type { Db } from './database.ts';

const EMPTY: CellSettingsRecord = { rule: null, reminderOffsets: null, minMeetingMinutes: null, electronicSecretBallot: false, summariseWithLlm: true };

const toRecord = (row: CellSettings | null): CellSettingsRecord =>
  row
    ? {
        rule:
          row.ruleDay !== null && row.ruleTime !== null
            ? { dayOfMonth: row.ruleDay, time: row.ruleTime, shiftToWorkingDay: row.ruleShift, place: row.rulePlace }
            : null,
        reminderOffsets: row.reminderOffsets === null ? null : (JSON.parse(row.reminderOffsets) as number[]),
        minMeetingMinutes: row.minMeetingMinutes,
        electronicSecretBallot: row.electronicSecretBallot,
        summariseWithLlm: row.summariseWithLlm,
      }
    : { ...EMPTY };

export function createSettingsRepository(db: Db): SettingsRepository {
  return {
    async get(cellId) {
      return toRecord(await db.cellSettings.findUnique({ where: { cellId } }));
    },

    async update(cellId, patch, at) {
      const data = {
        ...('rule' in patch
          ? {
              ruleDay: patch.rule?.dayOfMonth ?? null,
              ruleTime: patch.rule?.time ?? null,
              ruleShift: patch.rule?.shiftToWorkingDay ?? true,
              rulePlace: patch.rule?.place ?? null,
              // A new rule is looked at on the next tick; without one there is nothing to look at.
              nextDraftAt: patch.rule ? at : null,
            }
          : {}),
        ...('reminderOffsets' in patch ? { reminderOffsets: patch.reminderOffsets ? JSON.stringify(patch.reminderOffsets) : null } : {}),
        ...('minMeetingMinutes' in patch ? { minMeetingMinutes: patch.minMeetingMinutes ?? null } : {}),
        ...(patch.electronicSecretBallot !== undefined ? { electronicSecretBallot: patch.electronicSecretBallot } : {}),
        ...(patch.summariseWithLlm !== undefined ? { summariseWithLlm: patch.summariseWithLlm } : {}),
        updatedAt: at,
      };
      const row = await db.cellSettings.upsert({ where: { cellId }, create: { cellId, ...data }, update: data });
      return toRecord(row);
    },

    async cellsWithRule() {
      const rows = await db.cellSettings.findMany({ where: { ruleDay: { not: null } }, select: { cellId: true } });
      return rows.map((r) => r.cellId);
    },

    async draftsDue(now) {
      const rows = await db.cellSettings.findMany({
        where: { nextDraftAt: { lte: now } },
        select: { cellId: true, nextDraftAt: true },
        orderBy: { nextDraftAt: 'asc' },
      });
      return rows.map((r) => ({ cellId: r.cellId, dueAt: r.nextDraftAt! }));
    },

    async moveDraftCheck(cellId, dueAt, next) {
      // Conditional on the time read: a rearmDraft in between wins, and the rule is looked at again.
      const { count } = await db.cellSettings.updateMany({ where: { cellId, nextDraftAt: dueAt }, data: { nextDraftAt: next } });
      return count === 1;
    },

    async rearmDraft(cellId, at) {
      await db.cellSettings.updateMany({ where: { cellId, ruleDay: { not: null } }, data: { nextDraftAt: at } });
    },

    async holidays(cellId) {
      const rows = await db.cellHoliday.findMany({ where: { cellId }, orderBy: { date: 'asc' } });
      return rows.map((r) => ({ date: r.date, label: r.label, off: r.off }));
    },

    async setHoliday(cellId, date, label, off) {
      await db.cellHoliday.upsert({ where: { cellId_date: { cellId, date } }, create: { cellId, date, label, off }, update: { label, off } });
    },

    async removeHoliday(cellId, date) {
      const { count } = await db.cellHoliday.deleteMany({ where: { cellId, date } });
      return count > 0;
    },

    async claimAlert(cellId, key, at) {
      // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): a flag already sent is no failed insert, and no
      // error in PostgreSQL's log. Raw SQL as in event-repository.ts.
      const inserted = await db.$executeRaw`
        INSERT INTO "CellAlert" ("cellId", "key", "at") VALUES (${cellId}, ${key}, ${at})
        ON CONFLICT ("cellId", "key") DO NOTHING`;
      return inserted === 1;
    },
  };
}
