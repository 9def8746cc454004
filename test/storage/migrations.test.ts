// Drift checks between prisma/models.prisma, the generated provider schemas, the committed
// migrations and what src/storage/migrate.ts does to a real database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.ts';

type Folder = 'sqlite' | 'pg';
// scripts/db.mjs is plain JavaScript without type declarations.
const db = (await import('../../scripts/db.mjs' as string)) as {
  renderSchema(provider: Folder): string;
  schemaPath(provider: Folder): string;
  migratedSchemaPath(provider: Folder): string;
  PROVIDERS: Record<Folder, 'sqlite' | 'postgresql'>;
};

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const setup = inject('testDatabase');
const onSqlite = setup.provider === 'sqlite';
const CLI_TIMEOUT = 120_000;

function prisma(args: string[], databaseUrl: string) {
  const result = spawnSync(join(root, 'node_modules/.bin/prisma'), args, {
    cwd: root,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('schemas', () => {
  const folders = Object.keys(db.PROVIDERS) as Folder[];

  it('covers both providers', () => {
    expect(db.PROVIDERS).toEqual({ sqlite: 'sqlite', pg: 'postgresql' });
  });

  it.each(folders)('prisma/%s/schema.prisma is rendered from prisma/models.prisma', (folder) => {
    expect(readFileSync(db.schemaPath(folder), 'utf8'), `prisma/${folder}/schema.prisma is stale: run npm run db:generate`).toBe(
      db.renderSchema(folder),
    );
  });

  it.each(folders)('the newest migration of prisma/%s was made from the current schema', (folder) => {
    expect(
      readFileSync(db.migratedSchemaPath(folder), 'utf8'),
      `prisma/${folder}/schema.prisma changed since the newest migration: run npm run db:migration <name>`,
    ).toBe(readFileSync(db.schemaPath(folder), 'utf8'));
  });
});

/** Tables, columns, indexes and foreign keys of a SQLite file, normalised for comparison. */
function describeSqlite(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (
      sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`)
        .all() as { name: string }[]
    ).map((t) => t.name);
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    return Object.fromEntries(
      tables.map((table) => {
        const columns = (
          sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as {
            name: string;
            type: string;
            notnull: number;
            dflt_value: string | null;
            pk: number;
          }[]
        )
          .map((c) => ({ name: c.name, type: c.type.toUpperCase(), notnull: c.notnull, default: c.dflt_value, pk: c.pk }))
          .sort((a, b) => a.name.localeCompare(b.name));
        const indexes = (
          sqlite.prepare(`PRAGMA index_list(${quote(table)})`).all() as { name: string; unique: number; origin: string; partial: number }[]
        )
          .map((i) => ({
            name: i.name,
            unique: i.unique,
            origin: i.origin,
            partial: i.partial,
            columns: (sqlite.prepare(`PRAGMA index_info(${quote(i.name)})`).all() as { seqno: number; name: string }[])
              .sort((a, b) => a.seqno - b.seqno)
              .map((c) => c.name),
          }))
          .sort((a, b) => a.name.localeCompare(b.name));
        const foreignKeys = (
          sqlite.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as {
            table: string;
            from: string;
            to: string;
            on_update: string;
            on_delete: string;
          }[]
        )
          .map((f) => ({ table: f.table, from: f.from, to: f.to, onUpdate: f.on_update, onDelete: f.on_delete }))
          .sort((a, b) => `${a.table}.${a.from}`.localeCompare(`${b.table}.${b.from}`));
        return [table, { columns, indexes, foreignKeys }];
      }),
    );
  } finally {
    sqlite.close();
  }
}

describe.skipIf(!onSqlite)('SQLite migrations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chibo-migrations-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'migrate() builds the same tables, columns and indexes as prisma db push from the schema',
    async () => {
      const migrated = join(dir, 'migrated.db');
      const pushed = join(dir, 'pushed.db');
      expect(await migrate(`file:${migrated}`)).not.toEqual([]);

      const push = prisma(['db', 'push', '--skip-generate', '--config', 'prisma/sqlite.config.ts'], `file:${pushed}`);
      expect(push.status, push.output).toBe(0);

      const fromMigrations = describeSqlite(migrated);
      expect(Object.keys(fromMigrations)).toEqual(
        expect.arrayContaining(['AuditEntry', 'Cell', 'ChatBinding', 'LinkRequest', 'Member', 'MemberIdentity', 'Organisation', 'ProcessedEvent', 'Prompt']),
      );
      expect(fromMigrations).toEqual(describeSqlite(pushed));
    },
    2 * CLI_TIMEOUT,
  );

  it(
    'migrate() is idempotent, records _prisma_migrations as Prisma does, and prisma migrate status agrees',
    async () => {
      const file = join(dir, 'status.db');
      const url = `file:${file}`;
      const applied = await migrate(url);
      expect(applied.length).toBeGreaterThan(0);
      expect(await migrate(url)).toEqual([]);

      const sqlite = new Database(file, { readonly: true });
      const rows = sqlite
        .prepare('SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name')
        .all() as { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown; applied_steps_count: number }[];
      sqlite.close();
      expect(rows.map((r) => r.migration_name)).toEqual(applied);
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }

      const status = prisma(['migrate', 'status', '--config', 'prisma/sqlite.config.ts'], url);
      expect(status.status, status.output).toBe(0);
      expect(status.output).toMatch(/up to date/i);
    },
    2 * CLI_TIMEOUT,
  );

  it('migrate() refuses to start when an applied migration was changed', async () => {
    const file = join(dir, 'tampered.db');
    const url = `file:${file}`;
    await migrate(url);
    const sqlite = new Database(file);
    sqlite.prepare(`UPDATE _prisma_migrations SET checksum = 'x'`).run();
    sqlite.close();

    await expect(migrate(url)).rejects.toThrow('was changed after it was applied');
  });
});

describe.skipIf(onSqlite)('PostgreSQL migrations', () => {
  it(
    'the committed migrations produce exactly prisma/pg/schema.prisma',
    () => {
      const adminUrl = setup.provider === 'postgresql' ? setup.adminUrl : '';
      const diff = prisma(
        [
          'migrate',
          'diff',
          '--from-migrations',
          'prisma/pg/migrations',
          '--to-schema-datamodel',
          'prisma/pg/schema.prisma',
          '--exit-code',
          '--config',
          'prisma/pg.config.ts',
        ],
        adminUrl,
      );
      expect(diff.status, `prisma/pg/migrations drifted from prisma/pg/schema.prisma:\n${diff.output}`).toBe(0);
    },
    CLI_TIMEOUT + 10_000,
  );
});
