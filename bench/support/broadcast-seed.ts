// The broadcast benchmark's world: `groups` cells, each bound to its own Telegram supergroup, each with
// its roll and its monthly meeting (drafted from the same rule, confirmed) starting one hour after the
// current minute — so every cell's 1-hour reminder falls due in the same minute, as when all cells keep
// the same default rule. Written in bulk with Prisma's createMany (the app's own client, so every value
// is in the format the app reads back), in seconds rather than one transaction per cell; not timed.
import { randomUUID } from 'node:crypto';
import { DEFAULT_REMINDER_OFFSETS_MINUTES, planReminders } from '../../src/domain/reminders.ts';
import { nameKey } from '../../src/domain/names.ts';
import { vietnamClock } from '../../src/domain/time.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { meetingText } from '../../src/text/meetings.ts';
import { memberName } from './names.ts';

/** Members per cell: a typical residential cell (bí thư, phó bí thư, 9 official members, 1 probationary). */
export const ROLL = 12;
/** Cells per đảng bộ (ward), as in a district. */
const CELLS_PER_WARD = 40;
/** Rows per createMany statement: well under SQLite's 32,766 bound variables for every table here. */
const CHUNK = 1000;
const PLACE = 'Hội trường khu phố';

export interface BroadcastWorld {
  /** Group chat id (as the bot stores it) → cell id. */
  cellOfChat: Map<string, number>;
  /** When the reminders are due (the current minute) and when the meetings start. */
  dueAt: Date;
  startsAt: Date;
}

/** A supergroup id the way Telegram writes them: -100 followed by ten digits. */
export const chatIdOf = (i: number): string => String(-(1_001_000_000_000 + i));
const cellName = (i: number) => `Chi bộ Khu phố ${i + 1}`;

async function chunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

async function chunkedReturn<T, R>(rows: T[], write: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(...(await write(rows.slice(i, i + CHUNK))));
  return out;
}

export async function seedBroadcast(url: string, groups: number, now = new Date()): Promise<BroadcastWorld> {
  const dueAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const startsAt = new Date(dueAt.getTime() + 60 * 60_000);
  const local = vietnamClock(startsAt);
  // The rule that gives this meeting, stored so the monthly-drafts job reads it as in production and finds
  // this month's meeting already there (ruleMonth), so it drafts nothing.
  const rule = { ruleDay: Number(local.date.slice(8, 10)), ruleTime: local.time, ruleShift: false, rulePlace: PLACE };
  const ruleMonth = local.date.slice(0, 7);
  // Only the reminder due now: the 3-day and 1-day ones went out before (planReminders drops past ones).
  const reminders = planReminders(startsAt, new Date(dueAt.getTime() - 1), DEFAULT_REMINDER_OFFSETS_MINUTES);
  if (reminders.length !== 1 || reminders[0]!.offsetMinutes !== 60) throw new Error(`broadcast seed: expected only the 1-hour reminder, planned ${JSON.stringify(reminders)}`);
  const createdAt = new Date(now.getTime() - 14 * 24 * 3600_000); // drafted by the rule two weeks ago

  const db = await openDatabase(url);
  try {
    const wards = await db.organisation.createManyAndReturn({
      data: Array.from({ length: Math.ceil(groups / CELLS_PER_WARD) }, (_, w) => {
        const name = `Đảng bộ phường ${w + 1}`;
        return { name, nameKey: nameKey(name), kind: 'DANG_BO' as const, parentId: null, parentKey: 0, createdAt };
      }),
    });
    const wardId = new Map(wards.map((w) => [w.name, w.id]));
    const index = Array.from({ length: groups }, (_, i) => i);
    const cells = await chunkedReturn(index, (chunk) =>
      db.cell.createManyAndReturn({
        data: chunk.map((i) => ({ name: cellName(i), organisationId: wardId.get(`Đảng bộ phường ${Math.floor(i / CELLS_PER_WARD) + 1}`)!, createdAt })),
      }),
    );
    const cellId = new Map(cells.map((c) => [c.name, c.id]));
    const idOf = (i: number) => cellId.get(cellName(i))!;
    await chunked(index, (chunk) =>
      db.chatBinding.createMany({ data: chunk.map((i) => ({ cellId: idOf(i), channel: 'telegram', chatId: chatIdOf(i), title: cellName(i), createdAt })) }),
    );
    const roll = index.flatMap((i) =>
      Array.from({ length: ROLL }, (_, k) => {
        const fullName = memberName(i * ROLL + k);
        const key = nameKey(fullName);
        return {
          cellId: idOf(i), seq: k + 1, fullName, nameKey: key, activeNameKey: key,
          membership: k === ROLL - 1 ? ('DU_BI' as const) : ('CHINH_THUC' as const), status: 'ACTIVE' as const,
          role: k === 0 ? ('BI_THU' as const) : k === 1 ? ('PHO_BI_THU' as const) : ('DANG_VIEN' as const),
          phone: null, admittedOn: null, createdAt, updatedAt: createdAt,
        };
      }),
    );
    const members = await chunkedReturn(roll, (chunk) => db.member.createManyAndReturn({ data: chunk, select: { id: true, cellId: true, seq: true, fullName: true } }));
    const secretaryOf = new Map(members.filter((m) => m.seq === 1).map((m) => [m.cellId, m]));
    // The bí thư linked a Telegram account (the one who created the cell in the group): the reminder
    // mentions the members who have not answered and have an account, so the message carries a mention.
    await chunked(index, (chunk) =>
      db.memberIdentity.createMany({
        data: chunk.map((i) => {
          const s = secretaryOf.get(idOf(i))!;
          return { cellId: s.cellId, memberId: s.id, channel: 'telegram', externalId: String(50_000_000 + i), displayName: s.fullName, linkedAt: createdAt, linkedById: null };
        }),
      }),
    );
    await chunked(index, (chunk) => db.cellSettings.createMany({ data: chunk.map((i) => ({ cellId: idOf(i), ...rule, updatedAt: createdAt })) }));
    const meetings = await chunkedReturn(index, (chunk) =>
      db.meeting.createManyAndReturn({
        data: chunk.map((i) => ({
          cellId: idOf(i), seq: 1, kind: 'THUONG_KY' as const, topic: null, status: 'SCHEDULED' as const, startsAt, place: PLACE,
          agenda: JSON.stringify(meetingText.defaultAgenda('THUONG_KY')), chairId: null, ruleMonth, createdById: null, createdAt, updatedAt: createdAt,
        })),
        select: { id: true, cellId: true },
      }),
    );
    // The history the app writes: drafted by the rule, confirmed by the bí thư.
    await chunked(meetings, (chunk) =>
      db.meetingEvent.createMany({
        data: chunk.flatMap((m) => [
          { meetingId: m.id, action: 'draft', detail: JSON.stringify({ startsAt, place: PLACE }), actorId: null, at: createdAt },
          { meetingId: m.id, action: 'confirm', detail: 'null', actorId: secretaryOf.get(m.cellId)!.id, at: createdAt },
        ]),
      }),
    );
    await chunked(meetings, (chunk) =>
      db.reminder.createMany({
        data: chunk.flatMap((m) => reminders.map((r) => ({ id: randomUUID(), meetingId: m.id, offsetMinutes: r.offsetMinutes, dueAt: r.dueAt, state: 'PENDING' as const }))),
      }),
    );
    return { cellOfChat: new Map(index.map((i) => [chatIdOf(i), idOf(i)])), dueAt, startsAt };
  } finally {
    await db.$disconnect();
  }
}
