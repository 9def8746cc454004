// Migrates one base database per run; each test then gets a cheap copy of it (Epic Stack ADR 038).
// SQLite by default; PostgreSQL when DATABASE_URL is a postgres:// URL (the CI's second pass).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/storage/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { provider: 'sqlite'; baseFile: string } | { provider: 'postgresql'; adminUrl: string; template: string };
  }
}

/** One template per run, so that two test runs on one server (two terminals, CI beside a developer) do not drop each other's. */
const PG_TEMPLATE = `chibo_test_template_${process.pid}`;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL ?? '';
  if (/^postgres(ql)?:\/\//.test(url)) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    await admin.end();
    await migrate(withDatabase(url, PG_TEMPLATE));
    project.provide('testDatabase', { provider: 'postgresql', adminUrl: url, template: PG_TEMPLATE });
    return async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
      await dropper.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'chibo-test-'));
  const baseFile = join(dir, 'base.db');
  await migrate(`file:${baseFile}`);
  project.provide('testDatabase', { provider: 'sqlite', baseFile });
  return () => rmSync(dir, { recursive: true, force: true });
}
