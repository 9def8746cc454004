// The LLM-faults drill on the test database kind (SQLite): timeout, HTTP 500 and invalid JSON each fall back to
// the offline draft, pending review, nothing published or stored before approval, published once after it.
import { describe, expect, it } from 'vitest';
import { runLlmFaults } from '../../drills/llm-faults.ts';

describe('LLM-faults drill', () => {
  it('passes for a timeout, an HTTP 500 and invalid JSON', async () => {
    const results = await runLlmFaults('sqlite');
    expect(results.map((r) => r.drill)).toEqual(['llm-faults: timeout', 'llm-faults: http-500', 'llm-faults: invalid-json']);
    // The detail names the first broken expectation when a drill fails.
    expect(results.map((r) => [r.drill, r.pass ? 'PASS' : r.detail])).toEqual(results.map((r) => [r.drill, 'PASS']));
    for (const r of results) {
      expect(r.db).toBe('sqlite');
      expect(r.detail).toContain('published once');
    }
  });
});
