// The channel contract for the in-memory channel the bot's own tests drive: once with its default
// capabilities, once declaring a poorer platform (no buttons, edits, @all or private chat; short texts).
import type { ChannelCapabilities, ChatRef, InboundEvent } from '../../src/channels/channel.ts';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { describeChannelContract, type ChannelHarness, type SentItem } from './contract.ts';

async function memoryHarness(capabilities?: ChannelCapabilities): Promise<ChannelHarness> {
  const channel = new MemoryChannel(capabilities, () => new Date('2026-11-23T01:00:00Z'));
  const events: InboundEvent[] = [];
  await channel.start(async (event) => {
    events.push(event);
  });
  let last: InboundEvent | undefined;
  const track = async (delivery: Promise<InboundEvent>) => (last = await delivery);

  return {
    channel,
    group: { channel: 'memory', chatId: 'group-1', kind: 'group', title: 'Chi bộ Khu phố 3' },
    privateChat: (user): ChatRef => ({ channel: 'memory', chatId: `dm-${user.userId}`, kind: 'private' }),
    injectCommand: (from, chat, name, args) => track(channel.command({ chat, from, name, args })),
    injectText: (from, chat, text) => track(channel.text({ chat, from, text })),
    injectChoice: (from, chat, promptId, optionId) => track(channel.choice({ chat, from, promptId, optionIds: [optionId] })),
    async replayLast() {
      if (!last) throw new Error('nothing to replay');
      return channel.inject(last);
    },
    received: () => [...events],
    sent: () =>
      channel.records.flatMap((r): SentItem[] => {
        if (r.type === 'message') {
          const mentions =
            r.mentions === 'all' ? '@all\n' : r.mentions?.length ? `${r.mentions.map((u) => `@${u.displayName}`).join(' ')}\n` : '';
          return [{ chatId: r.chat.chatId, text: `${mentions}${r.text}` }];
        }
        if (r.type === 'edit') return [{ chatId: r.chat.chatId, text: r.text }];
        if (r.type === 'file') return [{ chatId: r.chat.chatId, text: `${r.caption ?? ''}\n${r.file.name}` }];
        if (r.type === 'prompt') {
          return [{ chatId: r.chat.chatId, text: r.prompt.question, options: r.prompt.options.map((o) => o.label) }];
        }
        return [];
      }),
    close: () => channel.stop(),
  };
}

describeChannelContract('memory', () => memoryHarness());

describeChannelContract('memory (plain platform)', () =>
  memoryHarness({
    buttons: false,
    nativePolls: 'none',
    privateChat: false,
    editMessages: false,
    mentionAll: false,
    listMembers: false,
    maxTextLength: 300,
    files: false,
    trustsDisplayName: false,
  }),
);
