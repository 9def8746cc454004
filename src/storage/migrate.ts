// Applies prisma/<provider>/migrations at start, with `prisma migrate deploy` semantics: pending
// migrations in name order, each in a transaction, recorded in _prisma_migrations with the same
// checksum Prisma uses, so `prisma migrate status` agrees. An applied migration whose file changed
// stops the start. The app does it itself (docs/decisions/0003-migrations-at-start.md) so that the
// runtime needs neither the Prisma CLI nor the prisma/orm#27403 workaround.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqlitePath, type Provider } from './database.ts';

const PRISMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../prisma');
const FOLDER: Record<Provider, string> = { sqlite: 'sqlite', postgresql: 'pg' };
/** Prisma's own advisory lock key, so the CLI and the app never migrate at the same time. */
const ADVISORY_LOCK = 72707369;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: Provider): Migration[] {
  const dir = join(PRISMA_DIR, FOLDER[provider], 'migrations');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

function pending(all: Migration[], applied: Map<string, string>): Migration[] {
  for (const [name, checksum] of applied) {
    const known = all.find((m) => m.name === name);
    if (known && known.checksum !== checksum) {
      throw new Error(`Migration ${name} was changed after it was applied; restore the file or write a new migration.`);
    }
  }
  return all.filter((m) => !applied.has(m.name));
}

/** Brings the database to the newest schema. Returns the names of the migrations it applied. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  return provider === 'sqlite' ? migrateSqlite(databaseUrl) : migratePostgres(databaseUrl);
}

function migrateSqlite(databaseUrl: string): string[] {
  const file = sqlitePath(databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    // IMMEDIATE takes the write lock before reading, so two processes cannot both apply a migration.
    return db.transaction(() => {
      const rows = db
        .prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
        .all() as { migration_name: string; checksum: string }[];
      const todo = pending(listMigrations('sqlite'), new Map(rows.map((r) => [r.migration_name, r.checksum])));
      const record = db.prepare(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES (?, ?, ?, current_timestamp, current_timestamp, 1)`,
      );
      for (const m of todo) {
        db.exec(m.sql);
        record.run(randomUUID(), m.checksum, m.name);
      }
      return todo.map((m) => m.name);
    }).immediate();
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const todo = pending(listMigrations('postgresql'), new Map(rows.map((r) => [r.migration_name, r.checksum])));
    for (const m of todo) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}
