// Router guarantees: per-chat order, replayed events ignored, one error boundary that keeps the bot alive.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRef, UserRef } from '../../src/channels/channel.ts';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { createRouter, type Router } from '../../src/commands/router.ts';
import { createServices } from '../../src/bot.ts';
import type { Feature } from '../../src/commands/registry.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const chatA: ChatRef = { channel: 'memory', chatId: 'A', kind: 'group' };
const chatB: ChatRef = { channel: 'memory', chatId: 'B', kind: 'group' };
const anna: UserRef = { channel: 'memory', userId: 'u1', displayName: 'Anna' };

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('router', () => {
  let db: TestDatabase;
  let channel: MemoryChannel;
  let router: Router;
  let handled: string[];
  let gates: Map<string, ReturnType<typeof deferred>>;
  let logs: Record<string, unknown>[];

  beforeEach(async () => {
    db = await createTestDatabase();
    const clock = new ManualClock(new Date('2026-11-23T01:00:00Z'));
    handled = [];
    gates = new Map();
    logs = [];
    // Test commands: 'wait <key>' blocks until the test opens the gate; 'crash' is a bug.
    const probe: Feature = {
      commands: [
        {
          name: 'huongdan',
          scope: 'any',
          access: 'anyone',
          async run(ctx) {
            const [verb, key = ''] = ctx.args.split(' ');
            handled.push(`${ctx.chat.chatId}:start:${ctx.args}`);
            if (verb === 'wait') await gates.get(key)!.promise;
            if (verb === 'crash') throw new TypeError('boom');
            handled.push(`${ctx.chat.chatId}:end:${ctx.args}`);
            await ctx.reply(`ok ${ctx.args}`);
          },
        },
      ],
    };
    const sink = new Writable({
      write(chunk, _e, done) {
        logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    const log = pino({ level: 'info' }, sink);
    router = createRouter({
      services: createServices({ store: db.store, clock, channels: [], log, instanceId: 'test' }),
      features: [probe],
      log,
    });
    channel = new MemoryChannel(undefined, () => clock.now());
    await channel.start((event) => router.handle(channel, event));
  });
  afterEach(async () => {
    await router.idle();
    await db.cleanup();
  });

  it('handles the events of one chat in arrival order, while another chat goes on', async () => {
    gates.set('first', deferred());
    const first = channel.command({ chat: chatA, from: anna, name: 'huongdan', args: 'wait first' });
    const second = channel.command({ chat: chatA, from: anna, name: 'huongdan', args: 'second' });
    await channel.command({ chat: chatB, from: anna, name: 'huongdan', args: 'other chat' });
    expect(handled).toContain('B:end:other chat');
    expect(handled).not.toContain('A:start:second');
    gates.get('first')!.resolve();
    await Promise.all([first, second]);
    expect(handled.filter((h) => h.startsWith('A:'))).toEqual(['A:start:wait first', 'A:end:wait first', 'A:start:second', 'A:end:second']);
  });

  it('ignores a replayed event: handled once, answered once', async () => {
    const event = await channel.command({ chat: chatA, from: anna, name: 'huongdan', args: 'once', eventId: 'update-42' });
    await channel.inject(event);
    await channel.inject({ ...event });
    expect(handled.filter((h) => h === 'A:end:once')).toHaveLength(1);
    expect(channel.texts('A')).toEqual(['ok once']);
  });

  it('answers a bug with a short apology naming the event, logs it once, and keeps running', async () => {
    await channel.command({ chat: chatA, from: anna, name: 'huongdan', args: 'crash', eventId: 'update-7' });
    expect(channel.lastText('A')).toMatch(/^Xin lỗi, bot gặp lỗi khi xử lý yêu cầu này \(mã update-7\)/);
    expect(channel.lastText('A')).not.toContain('boom');
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ eventId: 'update-7', msg: 'handler failed' });
    await channel.command({ chat: chatA, from: anna, name: 'huongdan', args: 'after' });
    expect(channel.lastText('A')).toBe('ok after');
  });

  it('answers an unknown command in Vietnamese', async () => {
    await channel.command({ chat: chatA, from: anna, name: 'bogus', args: '' });
    expect(channel.lastText('A')).toBe('Không có lệnh /bogus. Gõ /huongdan để xem các lệnh.');
  });

  it('answers a press on a question that does not exist', async () => {
    await channel.choice({ chat: chatA, from: anna, promptId: 'nope', optionIds: ['yes'] });
    expect(channel.records.at(-1)).toMatchObject({ type: 'ack', notice: 'Câu hỏi này đã được trả lời hoặc đã đóng.' });
  });
});
