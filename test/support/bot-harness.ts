// The real bot (router, use cases, repositories on a real database) driven through the in-memory
// channel with a clock that moves only when the test says so. No sleeps: each injected event
// resolves when the bot has handled it.
import { Writable } from 'node:stream';
import pino from 'pino';
import { createBot, type Bot } from '../../src/bot.ts';
import type { ChannelCapabilities, ChatRef, UserRef } from '../../src/channels/channel.ts';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import type { Summariser } from '../../src/app/ports.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface Harness {
  db: TestDatabase;
  bot: Bot;
  channel: MemoryChannel;
  clock: ManualClock;
  group: ChatRef;
  logs: Record<string, unknown>[];
  user(name: string, id?: string): UserRef;
  dm(user: UserRef): ChatRef;
  /** Sends a line as `user` in `chat` (a "/command args" or plain text). */
  say(user: UserRef, line: string, chat?: ChatRef, eventId?: string): Promise<string[]>;
  /** Presses option `optionId` of the newest prompt in the chat. */
  press(user: UserRef, optionId: string, chat?: ChatRef): Promise<string[]>;
  /** Creates the cell with `founder` as bí thư; returns the founder's user. */
  createCell(founderName?: string): Promise<UserRef>;
  /** Adds a member and links the chat account directly (what /toila plus confirmation does). */
  addLinkedMember(name: string, extra?: string): Promise<UserRef>;
  close(): Promise<void>;
}

export async function createHarness(capabilities?: Partial<ChannelCapabilities>, options: { llm?: Summariser | null; dashboardUrl?: string } = {}): Promise<Harness> {
  return createHarnessOn(await createTestDatabase(), capabilities, options);
}

/** The same harness on a database made elsewhere (the benchmarks and drills run outside vitest). */
export async function createHarnessOn(db: TestDatabase, capabilities?: Partial<ChannelCapabilities>, options: { llm?: Summariser | null; dashboardUrl?: string } = {}): Promise<Harness> {
  const clock = new ManualClock(new Date('2026-11-23T01:00:00Z'));
  const channel = new MemoryChannel(
    {
      buttons: true, nativePolls: 'none', privateChat: true, editMessages: true, mentionAll: true,
      listMembers: false, maxTextLength: 4096, files: true, trustsDisplayName: false, ...capabilities,
    },
    () => clock.now(),
  );
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const bot = createBot({ store: db.store, clock, channels: [channel], log: pino({ level: 'info' }, sink), llm: options.llm ?? null, dashboardUrl: options.dashboardUrl ?? null });
  await bot.start();
  const group: ChatRef = { channel: 'memory', chatId: 'group-1', kind: 'group', title: 'Chi bộ KP3' };
  let nextId = 100;
  const user = (name: string, id?: string): UserRef => ({ channel: 'memory', userId: id ?? `u${nextId++}`, displayName: name });

  const harness: Harness = {
    db, bot, channel, clock, group, logs, user,
    dm: (u) => ({ channel: 'memory', chatId: `dm-${u.userId}`, kind: 'private' }),
    async say(from, line, chat = group, eventId) {
      const before = channel.records.length;
      const command = /^\/(\w+)(?:@\S+)?(?:[ \t]+([\s\S]*)|\n([\s\S]*))?$/.exec(line.trim());
      if (command) {
        await channel.command({ chat, from, name: command[1]!, args: [command[2], command[3]].filter(Boolean).join('\n'), eventId });
      } else {
        await channel.text({ chat, from, text: line, eventId });
      }
      await bot.idle();
      return sentSince(before);
    },
    async press(from, optionId, chat = group) {
      const before = channel.records.length;
      const prompt = channel.prompts(chat.chatId).at(-1);
      if (!prompt) throw new Error('no prompt in chat');
      await channel.choice({ chat, from, promptId: prompt.prompt.promptId, optionIds: [optionId] });
      await bot.idle();
      return sentSince(before);
    },
    async createCell(founderName = 'Nguyễn Văn Bình') {
      const founder = user(founderName);
      await harness.say(founder, '/taochibo Chi bộ Khu phố 3 | Đảng bộ phường Bến Thành');
      return founder;
    },
    async addLinkedMember(name, extra = 'chính thức') {
      const cell = await db.store.cells.findByChat('memory', group.chatId);
      if (!cell) throw new Error('create the cell first');
      const member = await db.store.members.add(
        cell.id,
        { fullName: name, membership: extra.includes('dự bị') ? 'DU_BI' : 'CHINH_THUC', status: 'ACTIVE', role: extra.includes('chi ủy') ? 'CHI_UY_VIEN' : 'DANG_VIEN', phone: null, admittedOn: null },
        0,
        clock.now(),
      );
      const u = user(name);
      await db.store.identities.link(cell.id, member.id, { channel: 'memory', externalId: u.userId, displayName: name }, null, clock.now());
      return u;
    },
    async close() {
      await bot.stop();
      await db.cleanup();
    },
  };

  function sentSince(index: number): string[] {
    return channel.records.slice(index).flatMap((r) => {
      if (r.type === 'message' || r.type === 'edit') return [r.text];
      if (r.type === 'prompt') return [`${r.prompt.question}\n${r.prompt.options.map((o) => `[${o.id}] ${o.label}`).join(' ')}`];
      if (r.type === 'ack' && r.notice) return [r.notice];
      return [];
    });
  }
  return harness;
}
