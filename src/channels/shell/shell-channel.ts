// A group chat with the bot in the terminal. Interactive on a TTY; otherwise a script: each line is
// handled to completion, in order, and the process ends at the end of input.
// Lines starting with ":" are controls (persona, chat, clock, buttons); everything else is a message.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { nameKey, tidyName } from '../../domain/names.ts';
import { shell as words } from '../../text/vi.ts';
import type {
  Channel, ChannelCapabilities, ChatRef, EventHandler, InboundEvent, InboundFile, MessageRef, OutboundFile, OutboundMessage, OutboundPrompt, UserRef,
} from '../channel.ts';
import { splitText } from '../channel.ts';


/** The shell's account id for a speaker's name (the same name is the same account). */
export const shellUserId = (displayName: string): string => `u:${nameKey(tidyName(displayName))}`;
export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  speaker: string;
  groupName?: string;
  /** Where files the bot sends are saved (default ./data/files). */
  fileDir?: string;
  now(): Date;
  /**
   * `:clock` — move simulated time forward and run what became due. Before the conversation starts
   * (`initial`), a script may also set an earlier time, so that its transcript is the same every day.
   */
  advanceClock?(to: Date, initial: boolean): Promise<void>;
}

interface ShownPrompt {
  promptId: string;
  optionIds: string[];
}

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** "2026-12-05 14:00" in Vietnam → the instant; null when malformed. */
export function parseShellClock(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || h > 23 || mi > 59) return null;
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi) - VN_OFFSET_MS);
  return Number.isNaN(at.getTime()) || new Date(at.getTime() + VN_OFFSET_MS).getUTCDate() !== d ? null : at;
}

const formatClock = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

export class ShellChannel implements Channel {
  readonly name = 'shell' as const;
  readonly capabilities: ChannelCapabilities = {
    buttons: true, // numbered options, pressed with :chon
    nativePolls: 'none',
    privateChat: true,
    editMessages: true,
    mentionAll: true,
    listMembers: false,
    maxTextLength: 100_000,
    files: true, // saved under fileDir
    trustsDisplayName: true,
    turnByTurn: true,
  };

  private handler?: EventHandler;
  private speaker: UserRef;
  private groupName: string;
  private chat: ChatRef;
  private readonly session = randomBytes(4).toString('hex');
  private counter = 0;
  private messageCounter = 0;
  private readonly prompts = new Map<string, ShownPrompt[]>();
  private readonly known = new Map<string, UserRef>();
  private done?: Promise<void>;
  private clockSet = false;

  constructor(private readonly options: ShellOptions) {
    this.speaker = this.user(options.speaker);
    this.groupName = options.groupName ?? 'chibo';
    this.chat = this.groupChat();
  }

  private groupChat(): ChatRef {
    return { channel: 'shell', chatId: `g:${this.groupName}`, kind: 'group', title: this.groupName };
  }

  private user(name: string): UserRef {
    const displayName = tidyName(name);
    const ref: UserRef = { channel: 'shell', userId: shellUserId(displayName), displayName };
    this.known.set(ref.userId, ref);
    return ref;
  }

  private chatLabel(chat: ChatRef): string {
    if (chat.kind === 'group') return words.group(chat.title ?? chat.chatId.slice(2));
    return words.private(this.known.get(chat.chatId.slice(3))?.displayName ?? chat.chatId.slice(3));
  }

  private write(block: string): void {
    this.options.output.write(`${block}\n\n`);
  }

  private note(text: string): void {
    this.write(`· ${text}`);
  }

  async start(onEvent: EventHandler): Promise<void> {
    this.handler = onEvent;
    this.done = this.readLines();
  }

  /** Resolves when the input has ended (or :quit) and every line has been handled. */
  finished(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    this.handler = undefined;
  }

  private async readLines(): Promise<void> {
    const { interactive } = this.options;
    const lines = createInterface({ input: this.options.input, terminal: interactive, crlfDelay: Infinity });
    if (interactive) {
      this.write(words.banner(this.speaker.displayName, this.chatLabel(this.chat)));
      lines.setPrompt(`${this.speaker.displayName} @ ${this.chatLabel(this.chat)} > `);
      lines.prompt();
    }
    let pending = '';
    for await (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1)}\n`;
        continue;
      }
      const full = pending + line;
      pending = '';
      if (full.trim()) {
        if (!interactive) this.echo(full);
        if ((await this.handleLine(full)) === 'quit') break;
      }
      if (interactive) {
        lines.setPrompt(`${this.speaker.displayName} @ ${this.chatLabel(this.chat)} > `);
        lines.prompt();
      }
    }
    // A script whose last line ends in "\\" still sends what it collected.
    if (pending.trim()) {
      if (!interactive) this.echo(pending.replace(/\n$/, ''));
      await this.handleLine(pending.replace(/\n$/, ''));
    }
    lines.close();
  }

  /** Script mode prints each input line, so the output reads as a transcript; ":#" lines are comments. */
  private echo(line: string): void {
    const comment = /^\s*:#\s?(.*)$/s.exec(line);
    this.options.output.write(comment ? `# ${comment[1]}\n` : `» ${this.speaker.displayName} @ ${this.chatLabel(this.chat)}: ${line}\n`);
  }

  /** Handles one line to completion: a control, or a message delivered to the bot. */
  async handleLine(line: string): Promise<'quit' | void> {
    const trimmed = line.trim();
    if (!trimmed.startsWith(':')) return this.deliverMessage(line, undefined);
    const [control = '', ...rest] = trimmed.slice(1).split(/\s+/);
    const arg = rest.join(' ');
    switch (control) {
      case 'as':
        if (!arg) return this.note(words.controlHelp);
        this.speaker = this.user(arg);
        if (this.chat.kind === 'private') this.chat = this.ownPrivateChat();
        return this.note(words.speakerNow(this.speaker.displayName));
      case 'group':
        if (arg) this.groupName = tidyName(arg);
        this.chat = this.groupChat();
        return this.note(words.chatNow(this.chatLabel(this.chat)));
      case 'dm':
        this.chat = this.ownPrivateChat();
        return this.note(words.chatNow(this.chatLabel(this.chat)));
      case 'chon':
        return this.press(arg);
      case 'tep': {
        // Keep the message exactly as typed (line breaks of a continued line, spacing).
        const [, path = '', message = ''] = /^:tep\s+(\S+)\s*([\s\S]*)$/.exec(trimmed) ?? [];
        let bytes: Uint8Array;
        try {
          bytes = await readFile(path);
        } catch {
          return this.note(words.fileMissing(path));
        }
        return this.deliverMessage(message, { name: path.split('/').pop() ?? path, bytes });
      }
      case 'clock': {
        const to = parseShellClock(arg);
        const initial = this.counter === 0 && !this.clockSet;
        if (!to || (!initial && to.getTime() < this.options.now().getTime()) || !this.options.advanceClock) return this.note(words.badClock);
        this.clockSet = true;
        await this.options.advanceClock(to, initial);
        return this.note(words.clockNow(formatClock(to)));
      }
      case '#':
        return;
      case 'quit':
      case 'q':
        return 'quit';
      case 'help':
      case '?':
        return this.note(words.controlHelp);
      default:
        if (control.startsWith('#')) return;
        return this.note(words.unknownControl(control));
    }
  }

  private ownPrivateChat(): ChatRef {
    return { channel: 'shell', chatId: `dm:${this.speaker.userId}`, kind: 'private', title: this.speaker.displayName };
  }

  private base() {
    return { eventId: `${this.session}-${++this.counter}`, at: this.options.now(), chat: this.chat, from: this.speaker };
  }

  private async deliver(event: InboundEvent): Promise<void> {
    await this.handler?.(event);
  }

  private async deliverMessage(line: string, file: InboundFile | undefined): Promise<void> {
    const command = /^\/([A-Za-z0-9_]+)(?:@\S+)?(?:[ \t]+([\s\S]*)|\n([\s\S]*))?$/.exec(line.trim());
    if (command) {
      const args = [command[2], command[3]].filter(Boolean).join('\n');
      return this.deliver({ ...this.base(), kind: 'command', name: command[1]!, args, file });
    }
    return this.deliver({ ...this.base(), kind: 'text', text: line, file });
  }

  private async press(arg: string): Promise<void> {
    const shown = this.prompts.get(this.chat.chatId)?.at(-1);
    if (!shown) return this.note(words.noPrompt);
    const optionId = shown.optionIds[Number(arg) - 1];
    if (!/^\d+$/.test(arg) || !optionId) return this.note(words.noOption(arg));
    return this.deliver({ ...this.base(), kind: 'choice', promptId: shown.promptId, optionIds: [optionId] });
  }

  private header(chat: ChatRef, extra?: string): string {
    return `[${this.chatLabel(chat)}] ${words.bot}${extra ? ` (${extra})` : ''}:`;
  }

  async send(chat: ChatRef, message: OutboundMessage): Promise<MessageRef> {
    const mentions =
      message.mentions === 'all'
        ? `@${words.all}\n`
        : message.mentions?.length
          ? `${words.mentioned(message.mentions.length)}\n`
          : '';
    let messageId = '';
    for (const part of splitText(`${mentions}${message.text}`, this.capabilities.maxTextLength)) {
      messageId = String(++this.messageCounter);
      this.write(`${this.header(chat)}\n${part}`);
    }
    return { chat, messageId };
  }

  async edit(ref: MessageRef, text: string): Promise<MessageRef> {
    this.write(`${this.header(ref.chat, words.edited(ref.messageId))}\n${text}`);
    return ref;
  }

  async ask(chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef> {
    const messageId = String(++this.messageCounter);
    const options = prompt.options.map((o, i) => `  ${i + 1}) ${o.label}`).join('\n');
    this.write(`${this.header(chat)}\n${prompt.question}\n${options}`);
    const list = this.prompts.get(chat.chatId) ?? [];
    list.push({ promptId: prompt.promptId, optionIds: prompt.options.map((o) => o.id) });
    this.prompts.set(chat.chatId, list);
    return { chat, messageId };
  }

  async sendFile(chat: ChatRef, file: OutboundFile, caption?: string): Promise<MessageRef> {
    const dir = this.options.fileDir ?? join('data', 'files');
    await mkdir(dir, { recursive: true });
    const path = join(dir, file.name);
    await writeFile(path, file.bytes);
    const shown = relative(process.cwd(), path);
    this.write(`${this.header(chat)}\n${caption ? `${caption}\n` : ''}${words.fileSaved(file.name, shown.startsWith('..') ? path : shown)}`);
    return { chat, messageId: String(++this.messageCounter) };
  }

  async closeAsk(): Promise<InboundEvent[]> {
    // A closed question stays pressable, so that a late press gets the bot's "already closed" answer.
    return [];
  }

  async acknowledge(event: InboundEvent, notice?: string): Promise<void> {
    if (notice && 'from' in event) this.write(`[${words.noticeTo(event.from.displayName)}]\n${notice}`);
  }

  async describeMember(_chat: ChatRef, userId: string): Promise<UserRef | undefined> {
    return this.known.get(userId);
  }

  privateChatLink(): string | null {
    return null;
  }

  /** On the shell a person is their name, so the chat is found from the name alone. */
  async privateChat(user: UserRef): Promise<ChatRef | null> {
    const ref = this.user(user.displayName);
    return { channel: 'shell', chatId: `dm:${ref.userId}`, kind: 'private', title: ref.displayName };
  }
}
