// The environment, checked once at start-up. Every variable is documented in .env.example.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || 'file:./data/chibo.db')
    .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v), 'must start with file: or postgres://'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z.string().trim().optional(),
  TELEGRAM_BOT_TOKEN: z.string().trim().optional(),
  ZALO_ENABLED: flag,
  CHANNELS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : []))
    .pipe(z.array(z.enum(['shell', 'telegram', 'zalo']))),
  SHELL_SPEAKER: z.string().trim().optional(),
});

export interface Config {
  databaseUrl: string;
  logLevel: string;
  logFile?: string;
  channels: ('shell' | 'telegram' | 'zalo')[];
  shellSpeaker?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  const chat: Config['channels'] = [];
  if (e.TELEGRAM_BOT_TOKEN) chat.push('telegram');
  if (e.ZALO_ENABLED) chat.push('zalo');
  // The shell runs when asked, or when no chat platform is configured.
  const channels = e.CHANNELS.length ? e.CHANNELS : chat.length ? chat : ['shell' as const];
  for (const c of channels) {
    if (c === 'telegram' && !e.TELEGRAM_BOT_TOKEN) throw new ConfigError('CHANNELS names telegram but TELEGRAM_BOT_TOKEN is empty');
  }
  return { databaseUrl: e.DATABASE_URL, logLevel: e.LOG_LEVEL, logFile: e.LOG_FILE, channels, shellSpeaker: e.SHELL_SPEAKER };
}

/** Reads ./.env when present (Node's own loader); variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
