// The summariser benchmark on a few pages: sane figures, not timings (targets live in `npm run bench`).
import { describe, expect, it } from 'vitest';
import { runSummariser } from '../../bench/summariser.ts';
import { generateMinutes } from '../../bench/support/summariser-minutes.ts';
import type { BenchResult } from '../../bench/support/report.ts';

const value = (result: BenchResult, name: string): number => {
  const metric = result.metrics.find((m) => m.name === name);
  if (!metric) throw new Error(`no metric "${name}" in ${result.metrics.map((m) => m.name).join(', ')}`);
  return metric.value;
};

describe('summariser benchmark', () => {
  it('generates the same distinct, page-sized minutes every time', () => {
    const a = generateMinutes(8);
    expect(generateMinutes(8).text).toBe(a.text);
    for (const chars of a.pageChars) {
      expect(chars).toBeGreaterThanOrEqual(2_500);
      expect(chars).toBeLessThanOrEqual(3_000);
    }
    expect(new Set(a.planted.map((p) => p.text)).size).toBe(a.planted.length);
    expect(new Set(a.planted.map((p) => p.kind))).toEqual(new Set(['conclusion', 'resolution', 'task', 'lastMonth']));
    // Every planted item is on the line it cites.
    const lines = a.text.split('\n');
    for (const p of a.planted) expect(lines[Number(p.ref.slice(1)) - 1]).toContain(p.text);
  });

  it('on 12 pages: the offline path finds the planted items, the LLM path sends more requests for more pages', async () => {
    const result = await runSummariser({ pages: 12 });
    expect(result.bench).toBe('summariser');
    expect(result.db).toBe('-');
    for (const m of result.metrics) expect(Number.isFinite(m.value), m.name).toBe(true);

    expect(value(result, 'offline items listed')).toBeGreaterThan(0);
    const planted = Number(result.metrics.find((m) => m.name === 'offline planted items found')!.unit.replace(/^of /, ''));
    expect(planted).toBeGreaterThan(0);
    expect(value(result, 'offline planted items found')).toBeGreaterThan(0);
    for (const kind of ['conclusions', 'resolutions', 'tasks', 'last-month notes']) expect(value(result, `offline ${kind} found`)).toBeGreaterThan(0);
    expect(value(result, 'offline task owners right')).toBeGreaterThan(0);

    const requests = [3, 6, 12].map((pages) => value(result, `llm requests, ${pages} p`));
    expect(requests[0]).toBeGreaterThanOrEqual(1);
    expect(requests[1]).toBeGreaterThanOrEqual(requests[0]!);
    expect(requests[2]).toBeGreaterThan(requests[0]!);
    for (const pages of [3, 6, 12]) expect(value(result, `llm prompt tokens per page, ${pages} p`)).toBeGreaterThan(0);
    // Every line of the text reached the model exactly once across the parts, and what the stub answered survived.
    const lines = result.metrics.find((m) => m.name === 'llm source lines shown once')!;
    expect(lines.unit).toBe(`of ${lines.value}`);
    expect(value(result, 'llm planted items found')).toBe(planted);
  });
});
