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

  it('takes PostgreSQL from DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/chibo' }).databaseUrl).toBe('postgres://u@127.0.0.1:5432/chibo');
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CHANNELS: 'fax' }, 'CHANNELS'],
    [{ CHANNELS: 'telegram' }, 'TELEGRAM_BOT_TOKEN'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }, 'LLM_MODEL'],
    [{ OPENAI_BASE_URL: '127.0.0.1:11434', LLM_MODEL: 'qwen2.5:7b' }, 'OPENAI_BASE_URL'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 'soon' }, 'LLM_TIMEOUT_MS'],
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
});
