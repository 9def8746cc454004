// Opens the database named by DATABASE_URL: SQLite (better-sqlite3 adapter) for file: URLs,
// PostgreSQL (pg adapter) for postgres:// URLs. Same models, same code (prisma/models.prisma).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';
import { PrismaClient as PgClient } from '../../generated/pg/client.ts';

export type Provider = 'sqlite' | 'postgresql';

/** Typed against the SQLite client; the PostgreSQL client is generated from the same models. */
export type Db = InstanceType<typeof SqliteClient>;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export function providerOf(databaseUrl: string): Provider {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: or postgres://, got "${databaseUrl}"`);
}

/** Absolute file path of a SQLite URL ("file:./data/chibo.db" → /…/data/chibo.db). */
export function sqlitePath(databaseUrl: string): string {
  return resolve(databaseUrl.slice('file:'.length).split('?')[0] ?? '');
}

export async function openDatabase(databaseUrl: string): Promise<Db> {
  if (providerOf(databaseUrl) === 'postgresql') {
    const client = new PgClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
    return client as unknown as Db;
  }
  const file = sqlitePath(databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  // WAL lets a reader (a second process, a backup) work beside the bot; busy_timeout waits for a writer.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  return db;
}

/** Prisma's unique-constraint violation (P2002), the database's own guard against double counting. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/**
 * A write that lost a race and may simply be tried again: a unique key taken meanwhile (P2002), a
 * serialization conflict (P2034), or SQLite refusing to upgrade a stale read to a write when another
 * process committed in between (SQLITE_BUSY, surfacing as "database is locked" or a P1008 timeout).
 */
export function isWriteConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: string; message?: string };
  return code === 'P2002' || code === 'P2034' || code === 'P1008' || /SQLITE_BUSY|database is locked/i.test(message ?? '');
}

/** A short random pause, longer with each attempt, before a write that lost a race is tried again. */
export const pauseBeforeRetry = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.floor(Math.random() * 40))));

/** Runs a write again while it loses races (see isWriteConflict), up to `attempts` times. */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isWriteConflict(error) || attempt >= attempts) throw error;
      await pauseBeforeRetry(attempt);
    }
  }
}

/** A number a 32-bit INTEGER column can hold (PostgreSQL's int4; SQLite's is wider): larger ones match no row. */
export const fitsIntColumn = (n: number): boolean => Number.isSafeInteger(n) && n >= -2_147_483_648 && n <= 2_147_483_647;

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006',
  'P1001', 'P1002', 'P1008', 'P1017', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL']);
const UNAVAILABLE_TEXT = /Connection terminated|connect ECONNREFUSED|Can't reach database|database is locked|terminating connection|the database system is (starting up|shutting down)|Timed out fetching a new connection|server closed the connection/i;

/**
 * The database cannot be reached or written just now (server down, connection dropped, file locked): the
 * request may succeed later, and the member is told so instead of getting an apology for a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_TEXT.test(message)) return true;
  }
  return false;
}
