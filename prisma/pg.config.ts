// Prisma CLI config for PostgreSQL (generate, migrate diff/status/deploy, db push).
// The app never loads this file: it applies migrations itself (src/storage/migrate.ts).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import './pg-name-workaround.ts';

// Discrete fields, not connectionString: PrismaPg.connectToShadowDb() spreads this config and sets
// `database` to the shadow database, which a connectionString would silently override.
const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'pg/schema.prisma',
  migrations: { path: 'pg/migrations' },
  adapter: async () =>
    new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1) || 'postgres',
    }),
});
