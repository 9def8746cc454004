// Fresh, migrated databases for the benchmarks and drills: a SQLite file in a temporary directory, and a
// PostgreSQL database on the server DATABASE_URL names (when it names one), dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/app/ports.ts';
import { migrate } from '../../src/storage/migrate.ts';
import { openStore } from '../../src/storage/store.ts';

export type DbKind = 'sqlite' | 'postgresql';

export interface BenchDatabase {
  kind: DbKind;
  url: string;
  /** Repositories over the database, for seeding and for reading the ground truth back. */
  store: Store;
  /** Closes the store and removes the database. */
  drop(): Promise<void>;
}

const postgresUrl = (): string | null => {
  const url = process.env.DATABASE_URL ?? '';
  return /^postgres(ql)?:\/\//.test(url) ? url : null;
};

/** SQLite always; PostgreSQL too when DATABASE_URL points at a server. */
export function databaseKinds(): DbKind[] {
  return postgresUrl() ? ['sqlite', 'postgresql'] : ['sqlite'];
}

export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl()! });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(kind: DbKind): Promise<BenchDatabase> {
  const { url, remove } = await freshDatabase(kind);
  await migrate(url);
  const store = await openStore(url, { migrate: false });
  return {
    kind, url, store,
    async drop() {
      await store.close();
      await remove();
    },
  };
}

/** An empty database of this kind, and how to remove it afterwards. */
async function freshDatabase(kind: DbKind): Promise<{ url: string; remove(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chibo-bench-'));
    return { url: `file:${join(dir, 'bench.db')}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!postgresUrl()) throw new Error('PostgreSQL needs DATABASE_URL=postgres://…');
  const name = `chibo_bench_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { url: withDatabaseName(postgresUrl()!, name), remove: async () => { await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)); } };
}

/** The bench database in the shape the test harness takes (test/support/bot-harness.ts createHarnessOn). */
export function asTestDatabase(db: BenchDatabase): { url: string; provider: DbKind; store: Store; cleanup(): Promise<void> } {
  return { url: db.url, provider: db.kind, store: db.store, cleanup: () => db.drop() };
}
