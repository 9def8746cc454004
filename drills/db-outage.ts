// The database goes away for a while (PostgreSQL: every connection dropped and new ones refused by a
// proxy in front of the server; SQLite: another process holds the write lock). Members keep writing:
// each gets the catalogue's "đang bảo trì" answer, never an apology for a bug. A reminder falls due
// meanwhile; when the database is back it is sent, once, and nothing stored before is lost.
import Database from 'better-sqlite3';
import { createBenchDatabase, type DbKind } from '../bench/support/db.ts';
import type { DrillResult } from '../bench/support/report.ts';
import { createHarnessOn } from '../test/support/bot-harness.ts';
import { sqlitePath } from '../src/storage/database.ts';
import { openStore } from '../src/storage/store.ts';
import { text } from '../src/text/vi.ts';
import { startOutageProxy } from './support/outage-proxy.ts';

const HOUR = 3_600_000;

export async function runDbOutage(kind: DbKind): Promise<DrillResult> {
  const db = await createBenchDatabase(kind);
  const problems: string[] = [];
  let proxy: Awaited<ReturnType<typeof startOutageProxy>> | undefined;
  let locker: Database.Database | undefined;
  let url = db.url;
  if (kind === 'postgresql') {
    const server = new URL(db.url);
    proxy = await startOutageProxy({ host: server.hostname, port: Number(server.port || 5432) });
    server.port = String(proxy.port);
    url = server.toString();
  } else {
    locker = new Database(sqlitePath(db.url));
  }
  const store = await openStore(url, { migrate: false });
  const h = await createHarnessOn({ url, provider: kind, store, cleanup: async () => store.close() });
  const cut = () => (proxy ? proxy.cut() : locker!.exec('BEGIN EXCLUSIVE'));
  const restore = () => (proxy ? proxy.restore() : locker!.exec('COMMIT'));
  try {
    const bt = await h.createCell();
    const hoa = await h.addLinkedMember('Trần Thị Hoa');
    const cuong = await h.addLinkedMember('Lê Văn Cường');
    await h.say(bt, '/lichhop thường kỳ | 05/12/2026 14:00 | Hội trường khu phố 3');
    await h.press(hoa, 'yes'); // stored before the outage: must survive it
    const cell = (await db.store.cells.findByChat('memory', h.group.chatId))!;
    const [meeting] = await db.store.meetings.list(cell.id, ['SCHEDULED']);
    // The clock stands just before the one-hour reminder; it falls due during the outage.
    h.clock.set(new Date(meeting!.startsAt.getTime() - HOUR - 60_000));
    await h.bot.scheduler.runDue();
    const sentBefore = h.channel.records.length;

    cut();
    const answers = [
      ...(await h.say(cuong, '/lich')),
      ...(await h.say(cuong, '/vang bận công tác')),
      ...(await h.press(cuong, 'yes')),
    ];
    h.clock.set(new Date(meeting!.startsAt.getTime() - HOUR + 60_000));
    await h.bot.scheduler.runDue(); // fails: the reminder stays queued in its row
    const duringOutage = h.channel.records.slice(sentBefore).filter((r) => r.type === 'message' && r.chat.chatId === h.group.chatId && r.text.includes('05/12/2026'));
    if (answers.length !== 3 || answers.some((a) => a !== text.maintenance)) problems.push(`answers during the outage: ${JSON.stringify(answers)}`);
    if (duringOutage.length) problems.push('a reminder went out while its row could not be marked sent');

    restore();
    await new Promise((r) => setTimeout(r, 200));
    const after = await h.say(cuong, '/lich');
    if (!after.length || after.some((a) => a === text.maintenance)) problems.push(`after the outage /lich answered ${JSON.stringify(after)}`);
    const beforeTick = h.channel.records.length;
    await h.bot.scheduler.runDue();
    await h.bot.scheduler.runDue(); // a second tick sends nothing more
    const reminders = h.channel.records.slice(beforeTick).filter((r) => r.type === 'message' && r.chat.chatId === h.group.chatId);
    if (reminders.length !== 1) problems.push(`${reminders.length} reminder messages after the outage (expected 1)`);
    const rsvps = await db.store.meetings.attendance(meeting!.id);
    if (!rsvps.some((a) => a.rsvp === 'YES')) problems.push("Hoa's answer given before the outage was lost");
    const apologies = h.channel.records.filter((r) => (r.type === 'message' && r.text.startsWith('Xin lỗi, bot gặp lỗi')) || (r.type === 'ack' && r.notice?.startsWith('Xin lỗi')));
    if (apologies.length) problems.push(`${apologies.length} apologies`);
    return {
      drill: 'database outage',
      db: kind,
      pass: problems.length === 0,
      detail: problems.length
        ? problems.join('; ')
        : `3/3 requests during the outage answered "đang bảo trì"; the reminder due meanwhile sent once after recovery; earlier answers kept`,
    };
  } finally {
    try {
      restore();
    } catch {
      // already restored
    }
    await h.close();
    locker?.close();
    await proxy?.close();
    await db.drop();
  }
}
