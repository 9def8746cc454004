import type { Store } from './ports.ts';
import type { Job } from '../scheduler/scheduler.ts';

/** Replays arrive within minutes or hours; a month of processed event ids is plenty. */
export const PROCESSED_EVENT_RETENTION_MS = 30 * 24 * 3600 * 1000;

export const pruneProcessedEvents = (store: Store): Job => ({
  name: 'prune-processed-events',
  async runDue(now) {
    await store.events.pruneBefore(new Date(now.getTime() - PROCESSED_EVENT_RETENTION_MS));
  },
});

/** Dashboard links and sessions are of no use once expired; a day later their rows go. */
export const pruneDashboardAccess = (store: Store): Job => ({
  name: 'prune-dashboard-access',
  async runDue(now) {
    await store.dashboard.pruneBefore(new Date(now.getTime() - 24 * 3600 * 1000));
  },
});
