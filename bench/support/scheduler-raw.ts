// A plain driver connection beside the bot's Prisma client, for what Prisma is too slow or too polite for:
// bulk seeding (millions of rows in seconds), re-arming due rows between ticks, and EXPLAIN.
// Values are written in the formats the Prisma adapters use, so the app reads them back unchanged.
import Database from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from '../../src/storage/database.ts';
import type { DbKind } from './db.ts';

export type Value = string | number | boolean | Date | null;

export interface RawDb {
  kind: DbKind;
  /** Inserts rows (in column order) into a table; fast, in as few statements as the driver allows. */
  insert(table: string, columns: readonly string[], rows: readonly Value[][]): Promise<void>;
  /** A statement with `?` placeholders (rewritten to $n on PostgreSQL). */
  run(sql: string, params?: readonly Value[]): Promise<number>;
  all<T = Record<string, unknown>>(sql: string, params?: readonly Value[]): Promise<T[]>;
  close(): Promise<void>;
}

/** `?` placeholders to PostgreSQL's `$1, $2 …` (the SQL here never holds a literal question mark). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The adapter's SQLite format: ISO 8601 with "+00:00" (see @prisma/adapter-better-sqlite3 mapArg). */
const sqliteValue = (v: Value): string | number | null =>
  v instanceof Date ? v.toISOString().replace('Z', '+00:00') : typeof v === 'boolean' ? (v ? 1 : 0) : v;

/** timestamp(3) without time zone holds UTC: pass the UTC wall time, never a Date (pg would send local time). */
const pgValue = (v: Value): string | number | boolean | null => (v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : v);

export async function openRaw(kind: DbKind, url: string): Promise<RawDb> {
  if (kind === 'sqlite') {
    const db = new Database(sqlitePath(url));
    db.pragma('busy_timeout = 5000');
    // Seeding writes children before the bot could ever see them; the migration's FKs stay as they are.
    db.pragma('foreign_keys = OFF');
    // Bulk inserts into random-keyed indexes thrash the default 2 MB page cache.
    db.pragma('cache_size = -262144');
    const statements = new Map<string, Database.Statement>();
    const prepared = (sql: string) => {
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    };
    return {
      kind,
      async insert(table, columns, rows) {
        // Many rows per statement: one call into the driver per batch instead of per row.
        const per = Math.max(1, Math.min(200, Math.floor(32_000 / columns.length)));
        const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        const statement = (n: number) => prepared(head + Array.from({ length: n }, () => tuple).join(', '));
        db.transaction(() => {
          for (let start = 0; start < rows.length; start += per) {
            const batch = rows.slice(start, start + per);
            statement(batch.length).run(batch.flatMap((row) => row.map(sqliteValue)));
          }
        })();
      },
      async run(sql, params = []) {
        return prepared(sql).run(params.map(sqliteValue)).changes;
      },
      async all<T>(sql: string, params: readonly Value[] = []) {
        const stmt = prepared(sql);
        return (stmt.reader ? stmt.all(params.map(sqliteValue)) : (stmt.run(params.map(sqliteValue)), [])) as T[];
      },
      async close() {
        db.close();
      },
    };
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Column types per table, for the unnest() casts below.
  const types = new Map<string, Map<string, string>>();
  const typesOf = async (table: string) => {
    let map = types.get(table);
    if (!map) {
      const { rows } = await client.query<{ column_name: string; udt_name: string }>(
        `SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`, [table]);
      map = new Map(rows.map((r) => [r.column_name, r.udt_name]));
      types.set(table, map);
    }
    return map;
  };
  return {
    kind,
    async insert(table, columns, rows) {
      if (!rows.length) return;
      const udt = await typesOf(table);
      // One array parameter per column: a whole batch in one statement, far faster than VALUES lists.
      const casts = columns.map((c, i) => {
        const t = udt.get(c);
        if (!t) throw new Error(`no column ${table}.${c}`);
        return `$${i + 1}::"${t}"[]`;
      });
      const sql = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
      for (let start = 0; start < rows.length; start += 20_000) {
        const batch = rows.slice(start, start + 20_000);
        await client.query(sql, columns.map((_, i) => batch.map((row) => pgValue(row[i] ?? null))));
      }
    },
    async run(sql, params = []) {
      return (await client.query(numbered(sql), params.map(pgValue))).rowCount ?? 0;
    },
    async all<T>(sql: string, params: readonly Value[] = []) {
      return (await client.query(numbered(sql), params.map(pgValue))).rows as T[];
    },
    async close() {
      await client.end();
    },
  };
}
