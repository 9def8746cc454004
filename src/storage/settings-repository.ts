import type { CellSettingsRecord, SettingsRepository } from '../app/ports.ts';
import type { CellSettings } from '../../generated/sqlite/client.ts';
import { isUniqueViolation, type Db } from './database.ts';

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
      try {
        await db.cellAlert.create({ data: { cellId, key, at } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
