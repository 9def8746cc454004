import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('falls back to the shell and a local SQLite file when nothing is configured', () => {
    expect(loadConfig({})).toMatchObject({ channels: ['shell'], databaseUrl: 'file:./data/chibo.db', logLevel: 'info' });
  });

  it('runs the chat platforms that have credentials, and the shell only when asked', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }).channels).toEqual(['telegram']);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', ZALO_ENABLED: 'true' }).channels).toEqual(['telegram', 'zalo']);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', CHANNELS: 'shell' }).channels).toEqual(['shell']);
  });

  it('paces Zalo like a careful person by default and keeps its state beside the session', () => {
    expect(loadConfig({}).zalo).toBeNull();
    expect(loadConfig({ ZALO_ENABLED: 'true' }).zalo).toEqual({
      credentialsFile: 'data/zalo-credentials.json',
      stateFile: 'data/zalo-credentials.state.json',
      limits: { perChatPerSecond: 1 / 3, perGroupPerMinute: 12, globalPerSecond: 1 },
      jitterMs: 1500,
      rateLimitPauseMs: 60_000,
      pollWatch: { minMs: 15_000, maxMs: 300_000 },
      maxTextLength: 2000,
    });
    expect(loadConfig({ ZALO_ENABLED: 'true', ZALO_CREDENTIALS_FILE: '/srv/chibo/zalo', ZALO_PER_CHAT_PER_SECOND: '0.2' }).zalo).toMatchObject({
      stateFile: '/srv/chibo/zalo.state.json',
      limits: { perChatPerSecond: 0.2 },
    });
  });

  it('takes PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/chibo' }).databaseUrl).toBe('postgres://u@127.0.0.1:5432/chibo');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CHANNELS: 'fax' }, 'CHANNELS'],
    [{ CHANNELS: 'telegram' }, 'TELEGRAM_BOT_TOKEN'],
    [{ CHANNELS: 'zalo' }, 'ZALO_ENABLED'],
    [{ ZALO_ENABLED: 'true', ZALO_POLL_MIN_MS: '60000', ZALO_POLL_MAX_MS: '30000' }, 'ZALO_POLL_MAX_MS'],
    [{ ZALO_ENABLED: 'true', ZALO_GLOBAL_PER_SECOND: '0' }, 'ZALO_GLOBAL_PER_SECOND'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, 'LLM_MODEL'],
    [{ OPENAI_BASE_URL: '127.0.0.1:11434', LLM_MODEL: 'qwen2.5:7b' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 'soon' }, 'LLM_TIMEOUT_MS'],
    [{ DASHBOARD_PORT: '8080', DASHBOARD_HOST: '0.0.0.0' }, 'DASHBOARD_URL'],
    [{ DASHBOARD_URL: 'https://x.example.vn/dashboard' }, 'DASHBOARD_URL'],
    [{ DASHBOARD_PORT: 'eighty' }, 'DASHBOARD_PORT'],
  ])('refuses %o at start-up, naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrowError(ConfigError);
    expect(() => loadConfig(env)).toThrowError(variable);
  });

  it('sends no meeting text anywhere unless an endpoint is set; then it names the model', () => {
    expect(loadConfig({}).llm).toBeNull();
    expect(loadConfig({ OPENAI_API_KEY: 'sk-x', LLM_MODEL: 'gpt-4o-mini' }).llm).toBeNull();
    expect(loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5:7b' }).llm).toEqual({
      baseURL: 'http://127.0.0.1:11434/v1', apiKey: 'none', model: 'qwen2.5:7b', timeoutMs: 60_000, maxRetries: 2, chunkChars: 12_000,
    });
  });

  it('keeps the dashboard off unless asked, on loopback when asked, and links to the address people open', () => {
    expect(loadConfig({}).dashboard).toBeNull();
    expect(loadConfig({ DASHBOARD_PORT: '8080' }).dashboard).toEqual({ host: '127.0.0.1', port: 8080, publicUrl: 'http://127.0.0.1:8080' });
    expect(loadConfig({ DASHBOARD_PORT: '8080', DASHBOARD_HOST: '0.0.0.0', DASHBOARD_URL: 'https://chibo.example.vn' }).dashboard)
      .toEqual({ host: '0.0.0.0', port: 8080, publicUrl: 'https://chibo.example.vn' });
    // The dashboard served by `npm run dashboard` alone, behind a proxy: the bot only needs the address.
    expect(loadConfig({ DASHBOARD_URL: 'https://chibo.example.vn/' }).dashboard).toEqual({ host: '127.0.0.1', port: null, publicUrl: 'https://chibo.example.vn/' });
  });
});
