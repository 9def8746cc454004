// The vote-burst benchmark at a small size: it runs end to end against both bots and the count is exact.
// No timing assertions: the figures are for `npm run bench`, not for the test.
import { describe, expect, it } from 'vitest';
import { runVoteBurst } from '../../bench/vote-burst.ts';

describe('vote burst benchmark', () => {
  it('measures both bots and finds the tally equal to the ground truth', async () => {
    const run = await runVoteBurst('sqlite', { members: 40, pacedPerSecond: 40 });
    expect(run.exact).toBe(true);
    const burst = run.results.find((r) => r.bench === 'vote burst')!;
    const metric = (name: string) => burst.metrics.find((m) => m.name.startsWith(name))!.value;
    expect(metric('bot throughput')).toBeGreaterThan(0);
    expect(metric('bare telegraf throughput')).toBeGreaterThan(0);
    expect(run.results.find((r) => r.bench === 'footprint')!.metrics.every((m) => m.value > 0)).toBe(true);
  }, 120_000);
});
