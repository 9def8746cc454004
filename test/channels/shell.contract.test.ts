// The channel contract for the terminal channel, driven the way a person at the terminal drives it:
// ":as <name>" to speak as someone, ":group"/":dm" to choose the chat, typed lines, ":chon <n>" to
// press an option. What was sent is read back from the terminal output.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ChatRef, InboundEvent, MessageRef, OutboundPrompt, UserRef } from '../../src/channels/channel.ts';
import { ShellChannel } from '../../src/channels/shell/shell-channel.ts';
import { nameKey, tidyName } from '../../src/domain/names.ts';
import { shell as words } from '../../src/text/vi.ts';
import { describeChannelContract, type ChannelHarness, type SentItem } from './contract.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HEADER = new RegExp(`^\\[(.+)\\] ${escape(words.bot)}(?: \\((.+)\\))?:$`);
const OPTION = /^ {2}(\d+)\) (.*)$/;

/** Parses the terminal output into what the bot showed: blocks separated by a blank line. */
function parseShellOutput(text: string, chatIdOfLabel: (label: string) => string): SentItem[] {
  const items: SentItem[] = [];
  let lastWasBot = false;
  for (const segment of text.split('\n\n')) {
    const lines = segment.split('\n');
    while (lines[0]?.startsWith('» ')) lines.shift(); // echoed input lines (script mode)
    if (lines.length === 0 || (lines.length === 1 && lines[0] === '')) continue;
    const header = HEADER.exec(lines[0]!);
    if (!header) {
      // A bot text with a blank line inside continues the previous block; notes and notices do not.
      const isOther = lines[0]!.startsWith('· ') || lines[0]!.startsWith('[');
      if (lastWasBot && !isOther) {
        const previous = items.at(-1)!;
        previous.text += `\n\n${lines.join('\n')}`;
      } else lastWasBot = false;
      continue;
    }
    const body = lines.slice(1);
    let firstOption = body.length;
    while (firstOption > 0 && OPTION.test(body[firstOption - 1]!)) firstOption--;
    const optionLines = body.slice(firstOption);
    const item: SentItem = { chatId: chatIdOfLabel(header[1]!), text: body.slice(0, firstOption).join('\n') };
    if (optionLines.length > 0) item.options = optionLines.map((l) => OPTION.exec(l)![2]!);
    items.push(item);
    lastWasBot = optionLines.length === 0;
  }
  return items;
}

/** Reads everything written so far to a PassThrough, synchronously. */
function drain(stream: PassThrough): string {
  let text = '';
  let chunk: string | null;
  while ((chunk = stream.read() as string | null) !== null) text += chunk;
  return text;
}

async function shellHarness(): Promise<ChannelHarness> {
  const input = new PassThrough();
  const output = new PassThrough();
  output.setEncoding('utf8');
  let written = '';
  const channel = new ShellChannel({
    input,
    output,
    interactive: false,
    speaker: 'Người thử',
    fileDir: mkdtempSync(join(tmpdir(), 'chibo-shell-files-')),
    now: () => new Date('2026-11-23T01:00:00Z'),
  });
  const events: InboundEvent[] = [];
  const handler = async (event: InboundEvent): Promise<void> => {
    events.push(event);
  };
  await channel.start(handler);

  // Which prompt (and which option order) is shown in each chat: needed to turn an option id
  // into the number a person types after ":chon".
  const asked = new Map<string, OutboundPrompt[]>();
  const realAsk = channel.ask.bind(channel);
  channel.ask = async (chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef> => {
    const ref = await realAsk(chat, prompt);
    asked.set(chat.chatId, [...(asked.get(chat.chatId) ?? []), prompt]);
    return ref;
  };

  const labels = new Map<string, string>();
  const group: ChatRef = { channel: 'shell', chatId: 'g:chibo', kind: 'group', title: 'chibo' };
  labels.set(words.group('chibo'), group.chatId);
  const userId = (user: UserRef) => `u:${nameKey(tidyName(user.displayName))}`;
  const privateChat = (user: UserRef): ChatRef => {
    const chat: ChatRef = { channel: 'shell', chatId: `dm:${userId(user)}`, kind: 'private', title: tidyName(user.displayName) };
    labels.set(words.private(tidyName(user.displayName)), chat.chatId);
    labels.set(words.private(userId(user)), chat.chatId);
    return chat;
  };

  async function enter(user: UserRef, chat: ChatRef): Promise<void> {
    await channel.handleLine(`:as ${user.displayName}`);
    if (chat.kind === 'private') {
      if (chat.chatId !== privateChat(user).chatId) throw new Error(`${user.displayName} cannot speak in ${chat.chatId}`);
      await channel.handleLine(':dm');
    } else {
      const name = chat.title ?? chat.chatId.replace(/^g:/, '');
      labels.set(words.group(name), chat.chatId);
      await channel.handleLine(`:group ${name}`);
    }
  }

  let last: InboundEvent | undefined;
  async function deliver(line: string): Promise<InboundEvent> {
    const before = events.length;
    await channel.handleLine(line);
    if (events.length !== before + 1) throw new Error(`"${line}" delivered ${events.length - before} events`);
    last = events.at(-1)!;
    return last;
  }

  return {
    channel,
    group,
    privateChat,
    async injectCommand(user, chat, name, args) {
      await enter(user, chat);
      return deliver(args ? `/${name} ${args}` : `/${name}`);
    },
    async injectText(user, chat, text) {
      if (/^\s*[:/]/.test(text)) throw new Error(`a shell line "${text}" would not be plain text`);
      await enter(user, chat);
      return deliver(text);
    },
    async injectChoice(user, chat, promptId, optionId) {
      await enter(user, chat);
      const shown = asked.get(chat.chatId)?.at(-1);
      if (!shown || shown.promptId !== promptId) throw new Error(`prompt ${promptId} is not the newest in ${chat.chatId}`);
      const index = shown.options.findIndex((o) => o.id === optionId);
      if (index < 0) throw new Error(`prompt ${promptId} has no option ${optionId}`);
      return deliver(`:chon ${index + 1}`);
    },
    async replayLast() {
      if (!last) throw new Error('nothing to replay');
      const event = last;
      await handler(event);
      return event;
    },
    received: () => [...events],
    sent() {
      written += drain(output);
      return parseShellOutput(written, (label) => labels.get(label) ?? label);
    },
    async close() {
      input.end();
      await channel.finished();
      await channel.stop();
    },
  };
}

describeChannelContract('shell', shellHarness);
