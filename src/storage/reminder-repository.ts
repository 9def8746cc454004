import type { DueReminderRecord, ReminderRepository } from '../app/ports.ts';
import type { Db } from './database.ts';

export function createReminderRepository(db: Db): ReminderRepository {
  // Read through the (state, dueAt) index: a tick costs what is due, not what is stored.
  const dueWhere = (now: Date, staleBefore: Date) => ({
    OR: [
      { state: 'PENDING' as const, dueAt: { lte: now } },
      // Claimed by a process that died before finishing: taken over after the lease.
      { state: 'CLAIMED' as const, dueAt: { lte: now }, claimedAt: { lt: staleBefore } },
    ],
  });

  return {
    async due(now, staleBefore, limit, about) {
      const toRecord = (r: { id: string; meetingId: number; offsetMinutes: number; taskId: number | null; meeting: { cellId: number } }) =>
        ({ id: r.id, meetingId: r.meetingId, cellId: r.meeting.cellId, offsetMinutes: r.offsetMinutes, taskId: r.taskId });
      const page = (where: object, after: { dueAt: Date; id: string } | null) =>
        db.reminder.findMany({
          where: { AND: [dueWhere(now, staleBefore), where, after ? { OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, id: { gt: after.id } }] } : {}] },
          include: { meeting: { select: { cellId: true } } },
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
          take: limit,
        });
      // A meeting's own reminders: `taskId IS NULL` holds for most stored rows, so the planner keeps to (state, dueAt).
      if (about === 'meeting') return (await page({ taskId: null }, null)).map(toRecord);
      // A task's: `taskId IS NOT NULL` would send PostgreSQL's planner through the taskId index over every task
      // reminder ever stored. The kind is told apart here instead: due rows of both kinds are read through
      // (state, dueAt) in pages, in (dueAt, id) order, until `limit` task reminders are found.
      const found: DueReminderRecord[] = [];
      for (let rows = await page({}, null); ; rows = await page({}, rows.at(-1)!)) {
        for (const r of rows) {
          if (r.taskId === null) continue;
          found.push(toRecord(r));
          if (found.length === limit) return found;
        }
        if (rows.length < limit) return found;
      }
    },

    async claim(id, by, now, staleBefore) {
      const { count } = await db.reminder.updateMany({
        where: { id, ...dueWhere(now, staleBefore) },
        data: { state: 'CLAIMED', claimedAt: now, claimedBy: by },
      });
      return count === 1;
    },

    async claimTogether(of, by, now, staleBefore) {
      // One statement takes every due reminder of the meeting (or task): two processes never split them
      // between them, which would send its reminder twice (each deciding on its own share).
      const owner = 'meetingId' in of ? { meetingId: of.meetingId, taskId: null } : { taskId: of.taskId };
      const { count } = await db.reminder.updateMany({
        where: { ...owner, ...dueWhere(now, staleBefore) },
        data: { state: 'CLAIMED', claimedAt: now, claimedBy: by },
      });
      if (!count) return [];
      const rows = await db.reminder.findMany({
        where: { ...owner, state: 'CLAIMED', claimedAt: now, claimedBy: by },
        include: { meeting: { select: { cellId: true } } },
      });
      return rows.map((r) => ({ id: r.id, meetingId: r.meetingId, cellId: r.meeting.cellId, offsetMinutes: r.offsetMinutes, taskId: r.taskId }));
    },

    async finish(id, state, at) {
      await db.reminder.update({ where: { id }, data: { state, doneAt: at } });
    },
  };
}
