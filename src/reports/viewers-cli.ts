// npm run danguy — the deployment's operator gives or takes the đảng ủy's view of an organisation. Kept off
// the chat on purpose: a role that shows every cell of a đảng bộ is not something a chat message can grant.
import type { ChannelName } from '../channels/channel.ts';
import type { Clock, Store } from '../app/ports.ts';
import { viewersCli as t } from '../text/reports.ts';

const CHANNELS: readonly ChannelName[] = ['telegram', 'zalo', 'shell', 'memory'];

function readAccount(value: string | undefined): { channel: ChannelName; externalId: string } | null {
  const m = /^(\w+):(.+)$/.exec(value ?? '');
  if (!m || !CHANNELS.includes(m[1] as ChannelName)) return null;
  return { channel: m[1] as ChannelName, externalId: m[2]! };
}

/** Runs one operator command and returns what to print (the tests call this directly). */
export async function runViewersCommand(store: Store, clock: Clock, args: string[]): Promise<{ ok: boolean; text: string }> {
  const [verb, orgId, accountArg, ...name] = args;
  const organisations = await store.organisations.all();
  if (!verb) {
    if (!organisations.length) return { ok: true, text: t.none };
    const depth = (id: number | null): number => (id === null ? 0 : 1 + depth(organisations.find((o) => o.id === id)?.parentId ?? null));
    const lines: string[] = [];
    for (const org of organisations) {
      const indent = depth(org.parentId);
      lines.push(t.organisation(org.id, indent, org.name, org.kind));
      for (const v of await store.organisations.viewersOf(org.id)) lines.push(t.viewer(indent, `${v.channel}:${v.externalId}`, v.displayName));
    }
    return { ok: true, text: lines.join('\n') };
  }
  if (verb !== 'cap' && verb !== 'thu') return { ok: false, text: t.usage };
  const org = organisations.find((o) => String(o.id) === orgId);
  if (!org) return { ok: false, text: t.noOrganisation(orgId ?? '') };
  const account = readAccount(accountArg);
  if (!account) return { ok: false, text: t.badAccount(accountArg ?? '') };
  if (verb === 'thu') {
    return (await store.organisations.revokeViewer(org.id, account)) ? { ok: true, text: t.revoked(org.name) } : { ok: false, text: t.notGranted };
  }
  const displayName = name.join(' ').trim();
  if (!displayName) return { ok: false, text: t.usage };
  await store.organisations.grantViewer(org.id, { ...account, displayName }, clock.now());
  return { ok: true, text: t.granted(displayName, org.name) };
}

async function main(): Promise<number> {
  const [{ loadConfig, loadDotEnv }, { openStore }, { systemClock }] = await Promise.all([
    import('../config.ts'), import('../storage/store.ts'), import('../scheduler/clock.ts'),
  ]);
  loadDotEnv();
  const store = await openStore(loadConfig().databaseUrl);
  try {
    const { ok, text } = await runViewersCommand(store, systemClock, process.argv.slice(2));
    (ok ? console.log : console.error)(text);
    return ok ? 0 : 2;
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
