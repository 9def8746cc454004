// The channel contract for Zalo, twice: over the typed in-memory fake of the ZaloApi subset, and over the
// real zca-js `API` talking to the fake Zalo Web server. Users' messages are pushed through the listener;
// what the bot sent is read back from the fake. A choice on Zalo is a numbered reply: the member types
// the number shown before the option's label.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ChatRef, InboundEvent, MessageRef, OutboundPrompt, UserRef } from '../../src/channels/channel.ts';
import type { ZaloApi } from '../../src/channels/zalo/zalo-api.ts';
import { ZaloChannel } from '../../src/channels/zalo/zalo-channel.ts';
import { FileZaloStateStore } from '../../src/channels/zalo/zalo-state.ts';
import { FakeZaloApi } from '../support/fake-zalo-api.ts';
import { connectZaloApi, FakeZaloServer } from '../support/fake-zalo-server.ts';
import { describeChannelContract, type ChannelHarness, type SentItem } from './contract.ts';

const GROUP_ID = '7001';

/** Waits until `check()` holds (events reach the handler after the adapter's ordering window). */
async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What a harness needs from a Zalo backend: push what members do, read back what the bot sent. */
interface Backend {
  api: ZaloApi;
  pushGroup(user: UserRef, text: string, msgId?: string): string;
  pushUser(user: UserRef, text: string, msgId?: string): string;
  befriend(user: UserRef): void;
  sent(): SentItem[];
  stop(): Promise<void>;
}

function typedBackend(): Backend {
  const fake = new FakeZaloApi('999');
  return {
    api: fake.api,
    pushGroup: (u, text, msgId) => fake.pushGroupMessage(GROUP_ID, u.userId, u.displayName, text, msgId ? { msgId } : {}),
    pushUser: (u, text, msgId) => fake.pushUserMessage(u.userId, u.displayName, text, msgId ? { msgId } : {}),
    befriend: (u) => fake.addFriend(u.userId, u.displayName),
    sent: () => fake.sent.map((m) => ({ chatId: m.threadId, text: m.text })),
    stop: async () => undefined,
  };
}

async function serverBackend(): Promise<Backend> {
  const server = await new FakeZaloServer({ ownId: '999' }).start();
  server.addGroup(GROUP_ID, 'Chi bộ Khu phố 3', ['999']);
  const api = await connectZaloApi(server);
  const known = (u: UserRef) => server.addUser(u.userId, u.displayName);
  return {
    api,
    pushGroup: (u, text, msgId) => (known(u), server.pushGroupMessage(GROUP_ID, u.userId, text, msgId ? { msgId } : {})),
    pushUser: (u, text, msgId) => (known(u), server.pushUserMessage(u.userId, text, msgId ? { msgId } : {})),
    // The fake server pushes no friend event: the adapter learns of this friend at its next start, or
    // when the member writes first (which every contract test does before the bot writes privately).
    befriend: (u) => (known(u), server.addFriend(u.userId)),
    sent: () => server.sent.map((m) => ({ chatId: m.threadId, text: m.text })),
    stop: () => server.stop(),
  };
}

/** Remembers each prompt it asks, so that a member can answer an option by its number. */
class RecordingZaloChannel extends ZaloChannel {
  readonly prompts = new Map<string, OutboundPrompt>();

  override async ask(chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef> {
    this.prompts.set(prompt.promptId, prompt);
    return super.ask(chat, prompt);
  }
}

async function zaloHarness(backend: Backend): Promise<ChannelHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-contract-'));
  const channel = new RecordingZaloChannel({
    api: backend.api,
    state: new FileZaloStateStore(join(dir, 'zalo-state.json')),
    log: pino({ level: 'silent' }),
    now: () => new Date(),
    limits: { perChatPerSecond: Infinity, perGroupPerMinute: Infinity, globalPerSecond: Infinity },
    jitterMs: 0,
    pollWatch: { minMs: 20, maxMs: 100 },
    reconnect: { minMs: 10, maxMs: 50 },
  });
  const events: InboundEvent[] = [];
  await channel.start(async (event) => {
    events.push(event);
  });
  const group: ChatRef = { channel: 'zalo', chatId: GROUP_ID, kind: 'group', title: 'Chi bộ Khu phố 3' };
  let last: { user: UserRef; chat: ChatRef; text: string; msgId: string } | undefined;

  const push = (user: UserRef, chat: ChatRef, text: string, msgId?: string): string =>
    chat.kind === 'group' ? backend.pushGroup(user, text, msgId) : backend.pushUser(user, text, msgId);
  const deliver = async (user: UserRef, chat: ChatRef, text: string): Promise<InboundEvent> => {
    const before = events.length;
    last = { user, chat, text, msgId: push(user, chat, text) };
    await until(() => events.length > before, `"${text}" to reach the handler`);
    return events.at(-1)!;
  };

  return {
    channel,
    group,
    privateChat(user) {
      backend.befriend(user);
      return { channel: 'zalo', chatId: user.userId, kind: 'private', title: user.displayName };
    },
    injectCommand: (u, chat, name, args) => deliver(u, chat, `/${name}${args ? ` ${args}` : ''}`),
    injectText: (u, chat, text) => deliver(u, chat, text),
    injectChoice(u, chat, promptId, optionId) {
      // The member reads the number in front of the label in the question the bot sent to this chat
      // (a late answer to a closed question still types it).
      const prompt = channel.prompts.get(promptId);
      const index = prompt?.options.findIndex((o) => o.id === optionId) ?? -1;
      if (!prompt || index < 0) throw new Error(`no option ${promptId}/${optionId} was asked`);
      const line = `${index + 1}. ${prompt.options[index]!.label}`;
      const shown = backend.sent().some((s) => s.chatId === chat.chatId && s.text.includes(prompt.question) && s.text.split('\n').includes(line));
      if (!shown) throw new Error(`the bot never showed "${line}" in chat ${chat.chatId}`);
      return deliver(u, chat, String(index + 1));
    },
    async replayLast() {
      if (!last) throw new Error('nothing to replay');
      const before = events.length;
      push(last.user, last.chat, last.text, last.msgId);
      await until(() => events.length > before, `the re-delivered message ${last.msgId} to reach the handler (the adapter drops a msgId it has seen)`, 1500);
      return events.at(-1)!;
    },
    received: () => [...events],
    sent: () => backend.sent(),
    async close() {
      await channel.stop();
      await backend.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeChannelContract('zalo (typed fake API)', () => zaloHarness(typedBackend()));
describeChannelContract('zalo (real zca-js against the fake Zalo server)', async () => zaloHarness(await serverBackend()));
