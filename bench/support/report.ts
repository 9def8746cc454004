// The shape every benchmark and drill reports in, and the table `npm run bench` / `npm run drills` print.
import type { DbKind } from './db.ts';

export interface Target {
  op: '>=' | '<=' | '<' | '>' | '==';
  value: number;
}

export interface Metric {
  name: string;
  value: number;
  unit: string;
  target?: Target;
}

export interface BenchResult {
  bench: string;
  db: DbKind | '-';
  metrics: Metric[];
  /** What a reader needs to trust the figures (sizes, what was compared). */
  notes?: string[];
}

export interface DrillResult {
  drill: string;
  db: DbKind | '-';
  pass: boolean;
  /** One line: what was done and what was seen ("20/20 restarts, tally exact"). */
  detail: string;
}

export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '>=': return value >= target.value;
    case '<=': return value <= target.value;
    case '<': return value < target.value;
    case '>': return value > target.value;
    case '==': return value === target.value;
  }
}

const format = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1));

export function benchTable(results: BenchResult[]): string {
  const rows = [['benchmark', 'db', 'metric', 'value', 'target', '']];
  for (const r of results) {
    for (const m of r.metrics) {
      rows.push([
        r.bench, r.db, m.name, `${format(m.value)} ${m.unit}`.trim(),
        m.target ? `${m.target.op} ${format(m.target.value)}` : '',
        m.target ? (meets(m.value, m.target) ? 'ok' : 'MISSED') : '',
      ]);
    }
  }
  return table(rows);
}

export function drillTable(results: DrillResult[]): string {
  return table([['drill', 'db', 'result', 'detail'], ...results.map((r) => [r.drill, r.db, r.pass ? 'PASS' : 'FAIL', r.detail])]);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** Percentile of a sample, by nearest rank. */
export function percentile(sample: readonly number[], p: number): number {
  if (!sample.length) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
