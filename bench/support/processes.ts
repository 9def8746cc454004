// The bot as its own process (the real src/main.ts, configured by environment), as an operator runs
// it: the benchmarks read its start-up time and memory, the drills kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BotProcess {
  child: ChildProcess;
  /** Milliseconds from spawn to the "bot started" log line. */
  ready: Promise<number>;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  /** Resident memory now, in MB (from /proc). */
  rssMb(): number;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
  kill9(): Promise<number | string>;
}

/** Starts a TypeScript entry point with node --import tsx (one process: its pid is the bot's). */
export function spawnTs(entry: string, env: Record<string, string>): ChildProcess {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the bot under load.
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...extra, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** The bot with these settings (DATABASE_URL, TELEGRAM_*, …); nothing is read from ./.env. */
export function spawnBot(env: Record<string, string>, options: { readyLine?: string; entry?: string } = {}): BotProcess {
  const started = performance.now();
  const child = spawnTs(options.entry ?? 'src/main.ts', { LOG_LEVEL: 'info', ...env });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const ready = new Promise<number>((resolve, reject) => {
    // The bot logs to stderr (stdout is the shell channel's conversation).
    const read = (line: string) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === (options.readyLine ?? 'bot started')) resolve(performance.now() - started);
    };
    createInterface({ input: child.stdout! }).on('line', read);
    createInterface({ input: child.stderr! }).on('line', read);
    void exited.then((code) => reject(new Error(`bot exited (${code}) before it was ready:\n${stderr}`)));
  });
  ready.catch(() => undefined);
  return {
    child, ready, logs, exited,
    rssMb: () => rssMbOf(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill9() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
