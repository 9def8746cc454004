// The scheduler-growth benchmark on tiny sizes: the shape of its result, and that every timed tick really
// sent the due items (the benchmark throws otherwise). No timing assertions: targets are met in
// `npm run bench`, where all sizes are measured side by side.
import { describe, expect, inject, it } from 'vitest';
import { runSchedulerGrowth } from '../../bench/scheduler-growth.ts';

describe('scheduler growth benchmark', () => {
  it('times real ticks that send exactly the due items, and plans every statement a tick runs', async () => {
    const kind = inject('testDatabase').provider;
    const result = await runSchedulerGrowth(kind, { sizes: [50, 200], due: 3, ticks: 1 });

    expect(result).toMatchObject({ bench: 'scheduler growth', db: kind });
    const metric = (name: string) => result.metrics.find((m) => m.name === name);
    for (const size of ['50', '200']) {
      expect(metric(`tick ms @${size}`)).toMatchObject({ unit: 'ms' });
      expect(metric(`tick ms @${size}`)!.value).toBeGreaterThan(0);
      // One reminder of a meeting, one of a task, one vote deadline: three messages, each tick.
      expect(metric(`messages sent @${size}`)).toMatchObject({ value: 3, target: { op: '==', value: 3 } });
      expect(metric(`queries per tick @${size}`)!.value).toBeGreaterThan(0);
    }
    expect(metric('200 / 50')).toMatchObject({ target: { op: '<=', value: 2 } });
    expect(metric('200 / 50')!.value).toBeGreaterThan(0);

    const notes = result.notes ?? [];
    expect(notes.some((n) => n.startsWith('Due per tick: 1 meeting reminders, 1 task reminders (owner / overdue), 1 vote deadlines = 3 messages'))).toBe(true);
    // Each job's statements are attributed and planned: the due reminders are read through (state, dueAt).
    for (const job of ['prune-processed-events', 'meeting-reminders', 'monthly-drafts', 'thematic-per-quarter', 'vote-deadlines', 'task-reminders']) {
      expect(notes.some((n) => n.startsWith('plan @200 [') && n.includes(job)), job).toBe(true);
    }
    expect(notes.find((n) => n.startsWith('plan @200 [meeting-reminders] reminders.due'))).toMatch(/Reminder_state_dueAt_idx/);
    expect(notes.some((n) => n.startsWith('plan @200 [?]'))).toBe(false);
  }, 30_000);
});
