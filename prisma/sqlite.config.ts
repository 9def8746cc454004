// Prisma CLI config for SQLite (generate, migrate diff). Offline: JS engine + WASM schema engine.
// Paths are relative to this file.
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'sqlite/schema.prisma',
  migrations: { path: 'sqlite/migrations' },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? 'file:./data/chibo.db' }),
});
