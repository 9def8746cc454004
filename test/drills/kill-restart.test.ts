// kill -9 of the real bot process in the middle of a vote burst, twice, on a small cell: the tally the
// group is told equals the ground truth, and presses the killed process never confirmed came again.
import { describe, expect, it } from 'vitest';
import { runKillRestart } from '../../drills/kill-restart.ts';

describe('kill -9 drill', () => {
  it('keeps the tally exact across two kills mid-burst', async () => {
    const result = await runKillRestart('sqlite', { restarts: 2, members: 60 });
    expect(result.detail).toMatch(/^2\/2 restarts with the tally exact/);
    expect(result.detail).not.toMatch(/; 0 updates handed out again/);
    expect(result.pass).toBe(true);
  }, 120_000);
});
