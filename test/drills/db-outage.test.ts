// The database-outage drill on the test's own database kind (SQLite here; PostgreSQL in CI's second
// pass runs it through a proxy it cuts): "đang bảo trì" answers, no reminder lost or sent twice.
import { describe, expect, it } from 'vitest';
import { runDbOutage } from '../../drills/db-outage.ts';

describe('database outage drill', () => {
  it('answers every request during the outage with the maintenance text and sends the queued reminder once after', async () => {
    const result = await runDbOutage(process.env.DATABASE_URL?.startsWith('postgres') ? 'postgresql' : 'sqlite');
    expect(result.detail).toMatch(/^3\/3 requests/);
    expect(result.pass).toBe(true);
  }, 60_000);
});
