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
  TELEGRAM_API_ROOT: z.string().trim().optional(),
  TELEGRAM_WEBHOOK_URL: z.string().trim().optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().trim().optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  TELEGRAM_WEBHOOK_HOST: z.string().trim().default('127.0.0.1'),
  TELEGRAM_PER_CHAT_PER_SECOND: z.coerce.number().positive().default(1),
  TELEGRAM_PER_GROUP_PER_MINUTE: z.coerce.number().positive().default(20),
  TELEGRAM_GLOBAL_PER_SECOND: z.coerce.number().positive().default(30),
  ZALO_ENABLED: flag,
  ZALO_CREDENTIALS_FILE: z.string().trim().default('data/zalo-credentials.json'),
  ZALO_STATE_FILE: z.string().trim().optional(),
  ZALO_PER_CHAT_PER_SECOND: z.coerce.number().positive().default(1 / 3),
  ZALO_PER_GROUP_PER_MINUTE: z.coerce.number().positive().default(12),
  ZALO_GLOBAL_PER_SECOND: z.coerce.number().positive().default(1),
  ZALO_JITTER_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  ZALO_RATE_LIMIT_PAUSE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  ZALO_POLL_MIN_MS: z.coerce.number().int().min(2000).max(3_600_000).default(15_000),
  ZALO_POLL_MAX_MS: z.coerce.number().int().min(2000).max(3_600_000).default(300_000),
  ZALO_MAX_TEXT: z.coerce.number().int().min(200).max(20_000).default(2000),
  CHANNELS: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()) : []))
    .pipe(z.array(z.enum(['shell', 'telegram', 'zalo']))),
  SHELL_SPEAKER: z.string().trim().optional(),
  SHELL_FILE_DIR: z.string().trim().optional(),
  OPENAI_BASE_URL: z.string().trim().optional(),
  OPENAI_API_KEY: z.string().trim().optional(),
  LLM_MODEL: z.string().trim().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  LLM_CHUNK_CHARS: z.coerce.number().int().min(2000).max(500_000).default(12_000),
  SCORE_SHEET_FILE: z.string().trim().optional(),
  DASHBOARD_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DASHBOARD_HOST: z.string().trim().default('127.0.0.1'),
  DASHBOARD_URL: z.string().trim().optional(),
});

export interface Config {
  databaseUrl: string;
  logLevel: string;
  logFile?: string;
  channels: ('shell' | 'telegram' | 'zalo')[];
  shellSpeaker?: string;
  shellFileDir?: string;
  telegram: {
    token: string;
    apiRoot?: string;
    webhook: { url: string; secretToken?: string; port: number; host: string } | null;
    limits: { perChatPerSecond: number; perGroupPerMinute: number; globalPerSecond: number };
  } | null;
  zalo: {
    credentialsFile: string;
    stateFile: string;
    limits: { perChatPerSecond: number; perGroupPerMinute: number; globalPerSecond: number };
    jitterMs: number;
    rateLimitPauseMs: number;
    pollWatch: { minMs: number; maxMs: number };
    maxTextLength: number;
  } | null;
  /** Null: no endpoint, and no meeting text ever leaves the machine. */
  llm: { baseURL: string; apiKey: string; model: string; timeoutMs: number; maxRetries: number; chunkChars: number } | null;
  /** The meeting score sheet; undefined: the common 100-point sheet shipped in config/score-sheets. */
  scoreSheetFile?: string;
  /**
   * The read-only dashboard: served by the bot when `port` is set (or by `npm run dashboard`), reached at
   * `publicUrl` in the links /dangnhap hands out. Null: no dashboard, /dangnhap says so.
   */
  dashboard: { host: string; port: number | null; publicUrl: string } | null;
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
  // The endpoint is what sends text out: it alone turns the LLM on; the model must then be named.
  if (e.OPENAI_BASE_URL && !e.LLM_MODEL) throw new ConfigError('OPENAI_BASE_URL is set but LLM_MODEL is empty (e.g. LLM_MODEL=qwen2.5:7b)');
  if (e.OPENAI_BASE_URL && !/^https?:\/\//.test(e.OPENAI_BASE_URL)) throw new ConfigError('OPENAI_BASE_URL must start with http:// or https://');
  const llm = e.OPENAI_BASE_URL
    ? {
        baseURL: e.OPENAI_BASE_URL,
        // Local servers (Ollama, LM Studio) ignore the key but the SDK needs one.
        apiKey: e.OPENAI_API_KEY || 'none',
        model: e.LLM_MODEL!,
        timeoutMs: e.LLM_TIMEOUT_MS,
        maxRetries: e.LLM_MAX_RETRIES,
        chunkChars: e.LLM_CHUNK_CHARS,
      }
    : null;
  if (e.TELEGRAM_WEBHOOK_URL && !/^https?:\/\/[^/]+/.test(e.TELEGRAM_WEBHOOK_URL)) throw new ConfigError('TELEGRAM_WEBHOOK_URL must be a full URL, e.g. https://bot.example.vn/telegram');
  if (e.TELEGRAM_WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(e.TELEGRAM_WEBHOOK_SECRET)) throw new ConfigError('TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1-256 characters)');
  const telegram = e.TELEGRAM_BOT_TOKEN
    ? {
        token: e.TELEGRAM_BOT_TOKEN,
        ...(e.TELEGRAM_API_ROOT ? { apiRoot: e.TELEGRAM_API_ROOT } : {}),
        webhook: e.TELEGRAM_WEBHOOK_URL
          ? { url: e.TELEGRAM_WEBHOOK_URL, ...(e.TELEGRAM_WEBHOOK_SECRET ? { secretToken: e.TELEGRAM_WEBHOOK_SECRET } : {}), port: e.TELEGRAM_WEBHOOK_PORT, host: e.TELEGRAM_WEBHOOK_HOST }
          : null,
        limits: { perChatPerSecond: e.TELEGRAM_PER_CHAT_PER_SECOND, perGroupPerMinute: e.TELEGRAM_PER_GROUP_PER_MINUTE, globalPerSecond: e.TELEGRAM_GLOBAL_PER_SECOND },
      }
    : null;
  if (channels.includes('zalo') && !e.ZALO_ENABLED) throw new ConfigError('CHANNELS names zalo but ZALO_ENABLED is not true');
  if (e.ZALO_POLL_MAX_MS < e.ZALO_POLL_MIN_MS) throw new ConfigError('ZALO_POLL_MAX_MS must not be below ZALO_POLL_MIN_MS');
  const zalo = e.ZALO_ENABLED
    ? {
        credentialsFile: e.ZALO_CREDENTIALS_FILE,
        // The adapter's memory of open polls and reminders lives beside the session it belongs to.
        stateFile: e.ZALO_STATE_FILE || e.ZALO_CREDENTIALS_FILE.replace(/(\.json)?$/, '.state.json'),
        limits: { perChatPerSecond: e.ZALO_PER_CHAT_PER_SECOND, perGroupPerMinute: e.ZALO_PER_GROUP_PER_MINUTE, globalPerSecond: e.ZALO_GLOBAL_PER_SECOND },
        jitterMs: e.ZALO_JITTER_MS,
        rateLimitPauseMs: e.ZALO_RATE_LIMIT_PAUSE_MS,
        pollWatch: { minMs: e.ZALO_POLL_MIN_MS, maxMs: e.ZALO_POLL_MAX_MS },
        maxTextLength: e.ZALO_MAX_TEXT,
      }
    : null;
  if (e.DASHBOARD_URL && !/^https?:\/\/[^/]+\/?$/.test(e.DASHBOARD_URL)) throw new ConfigError('DASHBOARD_URL must be the root of a host, e.g. https://chibo.example.vn (the pages do not live under a path prefix)');
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(e.DASHBOARD_HOST);
  if (e.DASHBOARD_PORT && !loopback && !e.DASHBOARD_URL) throw new ConfigError(`DASHBOARD_HOST=${e.DASHBOARD_HOST} listens beyond this machine: set DASHBOARD_URL to the address people open (behind TLS), for the links /dangnhap hands out`);
  // Loopback unless the operator says otherwise: the dashboard shows the cells' records.
  const dashboard = e.DASHBOARD_PORT || e.DASHBOARD_URL
    ? { host: e.DASHBOARD_HOST, port: e.DASHBOARD_PORT ?? null, publicUrl: e.DASHBOARD_URL || `http://${e.DASHBOARD_HOST.includes(':') ? `[${e.DASHBOARD_HOST}]` : e.DASHBOARD_HOST}:${e.DASHBOARD_PORT}` }
    : null;
  return {
    databaseUrl: e.DATABASE_URL, logLevel: e.LOG_LEVEL, logFile: e.LOG_FILE, channels, shellSpeaker: e.SHELL_SPEAKER, shellFileDir: e.SHELL_FILE_DIR, llm, telegram, zalo,
    ...(e.SCORE_SHEET_FILE ? { scoreSheetFile: e.SCORE_SHEET_FILE } : {}), dashboard,
  };
}

/** Reads ./.env when present (Node's own loader); variables already set win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
