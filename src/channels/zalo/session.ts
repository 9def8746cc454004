// The Zalo session: the credentials a QR login saved (cookie, IMEI, user agent), readable by their owner
// only, and the lock that keeps a second bot process from opening a second listener on the same account
// (Zalo would close one of them with code 3000; platform-notes §3).
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Zalo, type Credentials } from 'zca-js';
import type { ZaloApi } from './zalo-api.ts';

const credentialsSchema = z.object({
  imei: z.string().min(1),
  cookie: z.union([z.array(z.record(z.string(), z.unknown())), z.object({ url: z.string(), cookies: z.array(z.record(z.string(), z.unknown())) })]),
  userAgent: z.string().min(1),
  language: z.string().optional(),
});

import { ZaloSessionError } from './session-error.ts';

export { ZaloSessionError };

/** Writes the credentials with mode 0600 (and tightens an existing file to it). */
export function saveCredentials(path: string, credentials: Credentials): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function readCredentials(path: string): Credentials {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new ZaloSessionError(`No Zalo session at ${path}: run \`npm run zalo:login\` first.`);
  }
  const parsed = credentialsSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new ZaloSessionError(`The Zalo session at ${path} is not valid: run \`npm run zalo:login\` again.`);
  return parsed.data as Credentials;
}

/**
 * Logs in with saved credentials. checkUpdate off: no request to the npm registry at every start;
 * selfListen off: the bot does not read its own messages.
 */
export async function loginWithCredentials(path: string): Promise<ZaloApi> {
  const zalo = new Zalo({ checkUpdate: false, selfListen: false, logging: false });
  try {
    return await zalo.login(readCredentials(path));
  } catch (error) {
    if (error instanceof ZaloSessionError) throw error;
    throw new ZaloSessionError(`Zalo refused the saved session (${(error as Error).message}): run \`npm run zalo:login\` again.`);
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the account's listener lock (a file holding this process id) or refuses, naming the holder.
 * A lock left by a process that no longer runs is taken over. Returns the release.
 */
export function lockListener(lockPath: string): () => void {
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new ZaloSessionError(`Another bot process (pid ${holder}) is listening on this Zalo account; Zalo allows one. Stop it, or remove ${lockPath} if it is stale.`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new ZaloSessionError(`Could not take the Zalo listener lock ${lockPath}.`);
}
