// A fresh, migrated, real database for one test: a copy of the SQLite base file, or a PostgreSQL
// database created from the migrated template. Never a mocked repository.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Store } from '../../src/app/ports.ts';
import { openStore } from '../../src/storage/store.ts';
import { withDatabase } from './global-setup.ts';

export interface TestDatabase {
  url: string;
  provider: 'sqlite' | 'postgresql';
  store: Store;
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const setup = inject('testDatabase');
  if (setup.provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'chibo-db-'));
    const file = join(dir, 'test.db');
    copyFileSync(setup.baseFile, file);
    const url = `file:${file}`;
    const store = await openStore(url, { migrate: false });
    return {
      url,
      provider: 'sqlite',
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `chibo_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: setup.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${setup.template}`);
  await admin.end();
  const url = withDatabase(setup.adminUrl, name);
  const store = await openStore(url, { migrate: false });
  return {
    url,
    provider: 'postgresql',
    store,
    async cleanup() {
      await store.close();
      const dropper = new pg.Client({ connectionString: setup.adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
