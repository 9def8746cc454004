import type { Store } from '../app/ports.ts';
import { createCellRepository } from './cell-repository.ts';
import { isDatabaseUnavailable, openDatabase, providerOf } from './database.ts';
import { createProcessedEventRepository } from './event-repository.ts';
import { createIdentityRepository } from './identity-repository.ts';
import { createMemberRepository } from './member-repository.ts';
import { migrate } from './migrate.ts';
import { createPromptRepository } from './prompt-repository.ts';
import { createMeetingRepository } from './meeting-repository.ts';
import { createReminderRepository } from './reminder-repository.ts';
import { createSettingsRepository } from './settings-repository.ts';
import { createJobRunRepository } from './job-run-repository.ts';
import { createVoteRepository } from './vote-repository.ts';
import { createMinutesRepository } from './minutes-repository.ts';
import { createTaskRepository } from './task-repository.ts';
import { createDashboardAccessRepository, createOrganisationRepository, createReportRepository } from './report-repository.ts';

/** Migrates the database to the newest schema and returns the repositories over it. */
export async function openStore(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Store> {
  if (options.migrate !== false) await migrate(databaseUrl);
  const db = await openDatabase(databaseUrl);
  return {
    cells: createCellRepository(db),
    members: createMemberRepository(db),
    identities: createIdentityRepository(db),
    prompts: createPromptRepository(db),
    events: createProcessedEventRepository(db),
    meetings: createMeetingRepository(db),
    reminders: createReminderRepository(db),
    settings: createSettingsRepository(db),
    jobs: createJobRunRepository(db),
    votes: createVoteRepository(db, providerOf(databaseUrl)),
    minutes: createMinutesRepository(db),
    tasks: createTaskRepository(db),
    reports: createReportRepository(db),
    organisations: createOrganisationRepository(db),
    dashboard: createDashboardAccessRepository(db),
    isUnavailable: isDatabaseUnavailable,
    close: () => db.$disconnect(),
  };
}
