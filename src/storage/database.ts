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
