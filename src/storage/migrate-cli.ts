// npm run db:deploy — applies pending migrations to DATABASE_URL without starting the bot.
import { loadConfig } from '../config.ts';
import { migrate } from './migrate.ts';

const applied = await migrate(loadConfig().databaseUrl);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
