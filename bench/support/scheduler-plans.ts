// Which queries one scheduler tick runs, which job and repository call sent each, and how the database
// plans them (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). The SQL is taken from the drivers
// themselves (better-sqlite3 prepare, pg Client.query), so nothing is guessed from the Prisma calls.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Store } from '../../src/app/ports.ts';
import type { DbKind } from './db.ts';
import type { RawDb, Value } from './scheduler-raw.ts';

export interface RecordedQuery {
  sql: string;
  params: unknown[];
  /** The scheduler job that ran it ("meeting-reminders"…), or "?" when the stack did not say. */
  job: string;
  /** The repository method that sent it ("reminders.due"). */
  call: string;
  /** performance.now() when it was sent. */
  at: number;
}

export interface QueryPlan {
  job: string;
  call: string;
  /** How many times one tick sent it. */
  count: number;
  sql: string;
  plan: string[];
  /** Tables read by a full scan (of the table or of a whole index). */
  scans: string[];
  /** Rows the statement read from tables (PostgreSQL: EXPLAIN ANALYZE in a rolled-back transaction); null on SQLite. */
  rowsRead: number | null;
  /** Statement shape, the same across sizes. */
  shape: string;
  verdict: 'index' | 'scan' | 'write';
}

/** Maps a stack frame in src/app to the job whose runDue it lies in, by the `name: '…'` lines of the source. */
function jobLocator(): (stack: string) => string {
  const files = ['meetings.ts', 'votes.ts', 'minutes.ts', 'housekeeping.ts'];
  const spans: { file: string; name: string; from: number }[] = [];
  for (const file of files) {
    const path = fileURLToPath(new URL(`../../src/app/${file}`, import.meta.url));
    readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
      const m = /^\s*name: '([a-z-]+)',/.exec(line);
      if (m) spans.push({ file, name: m[1]!, from: i + 1 });
    });
  }
  return (stack) => {
    // Innermost first: the first frame in a job's span names it (helpers like claimDueReminders sit above all jobs).
    for (const frame of stack.split('\n')) {
      const m = /src\/app\/([\w-]+\.ts):(\d+)/.exec(frame);
      if (!m) continue;
      const line = Number(m[2]);
      const candidates = spans.filter((s) => s.file === m[1] && s.from <= line);
      const span = candidates.at(-1);
      // A frame in a job's runDue is within a few dozen lines after its name.
      if (span && line - span.from < 40) return span.name;
    }
    return '?';
  };
}

export interface QueryRecorder {
  /** The store with each repository call labelled, for a probe bot (the timed bot gets the plain store). */
  wrap(store: Store): Store;
  start(): void;
  stop(): RecordedQuery[];
  dispose(): void;
}

export function createQueryRecorder(kind: DbKind): QueryRecorder {
  const context = new AsyncLocalStorage<{ job: string; call: string }>();
  const locate = jobLocator();
  let recording = false;
  let recorded: RecordedQuery[] = [];
  const note = (sql: string, params: unknown[]) => {
    if (!recording || !/^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)\b/i.test(sql)) return;
    const ctx = context.getStore();
    recorded.push({ sql, params, job: ctx?.job ?? '?', call: ctx?.call ?? '?', at: performance.now() });
  };

  let restore: () => void;
  if (kind === 'sqlite') {
    // The adapter runs `client.prepare(sql).bind(args)`: wrap bind on statements prepared while recording.
    const proto = Database.prototype as unknown as { prepare(this: unknown, sql: string): { bind(...a: unknown[]): unknown } };
    const prepare = proto.prepare;
    proto.prepare = function (this: unknown, sql: string) {
      const stmt = prepare.call(this, sql);
      if (recording) {
        const bind = stmt.bind;
        stmt.bind = (...args: unknown[]) => {
          note(sql, Array.isArray(args[0]) ? (args[0] as unknown[]) : args);
          return bind.apply(stmt, args);
        };
      }
      return stmt;
    };
    restore = () => { proto.prepare = prepare; };
  } else {
    const proto = pg.Client.prototype as unknown as { query(this: unknown, ...a: unknown[]): unknown };
    const query = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      const [config, values] = args;
      if (typeof config === 'string') note(config, Array.isArray(values) ? values : []);
      else if (config && typeof config === 'object' && 'text' in config) {
        const c = config as { text: string; values?: unknown[] };
        note(c.text, c.values ?? (Array.isArray(values) ? values : []));
      }
      return query.apply(this, args);
    };
    restore = () => { proto.query = query; };
  }

  return {
    wrap(store) {
      const wrapped: Record<string, unknown> = {};
      for (const [repoName, repo] of Object.entries(store)) {
        if (typeof repo !== 'object' || repo === null) {
          wrapped[repoName] = repo;
          continue;
        }
        const methods: Record<string, unknown> = {};
        for (const [name, fn] of Object.entries(repo as Record<string, unknown>)) {
          methods[name] = typeof fn === 'function'
            ? (...args: unknown[]) => {
                // The caller's stack (async frames included) says which job this is.
                const job = recording ? locate(new Error().stack ?? '') : '?';
                return context.run({ job, call: `${repoName}.${name}` }, () => (fn as (...a: unknown[]) => unknown).apply(repo, args));
              }
            : fn;
        }
        wrapped[repoName] = methods;
      }
      return wrapped as unknown as Store;
    },
    start() {
      recorded = [];
      recording = true;
    },
    stop() {
      recording = false;
      return recorded;
    },
    dispose() {
      recording = false;
      restore();
    },
  };
}

/** Groups a tick's queries by statement shape (IN lists of any length are one shape). */
export const shapeOf = (sql: string) => sql.replace(/(\?|\$\d+)(\s*,\s*(\?|\$\d+))+/g, '…').replace(/\$\d+/g, '$');

export function distinctQueries(queries: readonly RecordedQuery[]): { first: RecordedQuery; count: number; jobs: Set<string>; calls: Set<string> }[] {
  const shape = shapeOf;
  const groups = new Map<string, { first: RecordedQuery; count: number; jobs: Set<string>; calls: Set<string> }>();
  for (const q of queries) {
    const key = shape(q.sql);
    const g = groups.get(key) ?? { first: q, count: 0, jobs: new Set<string>(), calls: new Set<string>() };
    g.count++;
    g.jobs.add(q.job);
    g.calls.add(q.call);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Plans each distinct query of a tick on the database it ran on. */
export async function explainQueries(raw: RawDb, queries: readonly RecordedQuery[]): Promise<QueryPlan[]> {
  const plans: QueryPlan[] = [];
  for (const g of distinctQueries(queries)) {
    const { sql, params } = g.first;
    const isInsert = /^\s*INSERT\b/i.test(sql);
    let plan: string[];
    let scans: string[];
    let rowsRead: number | null = null;
    if (raw.kind === 'sqlite') {
      const rows = await raw.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params as Value[]);
      plan = rows.map((r) => r.detail);
      // "SCAN t" reads the whole table, "SCAN t USING [COVERING] INDEX i" the whole index; SEARCH is a lookup.
      scans = plan.flatMap((line) => /^SCAN (?:\w+\.)?(\w+)/.exec(line.trim())?.slice(1, 2) ?? []);
    } else {
      // ANALYZE runs the statement: inside a transaction rolled back, so a write changes nothing. A statement
      // that fails when run again (an insert refused by its unique key) is only planned.
      let json: unknown;
      await raw.run('BEGIN');
      try {
        json = (await raw.all<{ 'QUERY PLAN': unknown }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params as Value[]))[0]?.['QUERY PLAN'];
      } catch {
        json = undefined;
      } finally {
        await raw.run('ROLLBACK');
      }
      json ??= (await raw.all<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params as Value[]))[0]?.['QUERY PLAN'];
      const root = (typeof json === 'string' ? (JSON.parse(json) as { Plan: PgNode }[]) : (json as { Plan: PgNode }[]))[0]!.Plan;
      plan = [];
      scans = [];
      const read = { rows: 0, analyzed: false };
      walkPg(root, 0, plan, scans, read);
      rowsRead = read.analyzed ? read.rows : null;
    }
    plans.push({
      job: [...g.jobs].join('+'),
      call: [...g.calls].join('+'),
      count: g.count,
      sql,
      plan,
      scans: [...new Set(scans)],
      rowsRead,
      shape: shapeOf(sql),
      verdict: isInsert ? 'write' : scans.length ? 'scan' : 'index',
    });
  }
  return plans;
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PgNode[];
}

/**
 * One line per plan node; a Seq Scan, or an index scan with no condition (a whole index read in order),
 * is a scan. Rows read from a table: those a node returned plus those its filter threw away.
 */
function walkPg(node: PgNode, depth: number, lines: string[], scans: string[], read: { rows: number; analyzed: boolean }) {
  const type = node['Node Type'];
  const relation = node['Relation Name'];
  const loops = node['Actual Loops'] ?? 1;
  const parts = [type];
  if (relation) parts.push(`on ${relation}`);
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Index Cond']) parts.push(`cond ${node['Index Cond']}`);
  if (node.Filter) parts.push(`filter ${node.Filter}`);
  if (node['Actual Rows'] !== undefined && relation && type !== 'ModifyTable') {
    const rows = Math.round(loops * (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)));
    read.rows += rows;
    read.analyzed = true;
    parts.push(`[read ${rows}]`);
  } else if (node['Actual Rows'] !== undefined) read.analyzed = true;
  lines.push(`${'  '.repeat(depth)}${parts.join(' ')}`);
  if (relation && (type === 'Seq Scan' || (/^Index (Only )?Scan$/.test(type) && !node['Index Cond']))) scans.push(relation);
  for (const child of node.Plans ?? []) walkPg(child, depth + 1, lines, scans, read);
}

/**
 * Approximate wall time of each job in a recorded tick: jobs run one after the other, so a job lasts
 * from its first statement to the next job's first (the first from the tick's start, the last to its end).
 */
export function jobTimes(queries: readonly RecordedQuery[], start: number, end: number): Map<string, number> {
  const firsts: { job: string; at: number }[] = [];
  for (const q of queries) if (!firsts.some((f) => f.job === q.job)) firsts.push({ job: q.job, at: q.at });
  return new Map(firsts.map((f, i) => [f.job, (firsts[i + 1]?.at ?? end) - (i === 0 ? start : f.at)]));
}
