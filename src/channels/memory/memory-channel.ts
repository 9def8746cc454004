// A recording in-memory channel for tests: inject events, read what the bot sent.
import type {
  AnswerOutcome, Channel, ChannelCapabilities, ChatRef, EventHandler, InboundEvent, MessageRef, OutboundFile, OutboundMessage, OutboundPrompt, UserRef,
} from '../channel.ts';
import { splitText } from '../channel.ts';

export type SentRecord =
  | { type: 'message'; chat: ChatRef; messageId: string; text: string; mentions?: UserRef[] | 'all' }
  | { type: 'edit'; chat: ChatRef; messageId: string; text: string }
  | { type: 'prompt'; chat: ChatRef; messageId: string; prompt: OutboundPrompt }
  | { type: 'closeAsk'; chat: ChatRef; messageId: string }
  | { type: 'file'; chat: ChatRef; messageId: string; file: OutboundFile; caption?: string }
  | { type: 'ack'; eventId: string; notice?: string; outcome?: AnswerOutcome };

type EventInput<K extends InboundEvent['kind']> = Omit<Extract<InboundEvent, { kind: K }>, 'kind' | 'eventId' | 'at'> & { eventId?: string };

export class MemoryChannel implements Channel {
  readonly name = 'memory' as const;
  readonly records: SentRecord[] = [];
  private handler?: EventHandler;
  private counter = 0;

  constructor(
    readonly capabilities: ChannelCapabilities = {
      buttons: true, nativePolls: 'none', privateChat: true, editMessages: true, mentionAll: true,
      listMembers: false, maxTextLength: 4096, files: true, trustsDisplayName: false,
    },
    private readonly now: () => Date = () => new Date(0),
  ) {}

  async start(onEvent: EventHandler): Promise<void> {
    this.handler = onEvent;
  }
  async stop(): Promise<void> {
    this.handler = undefined;
  }

  /** Delivers an event and resolves when the bot has handled it. */
  async inject(event: InboundEvent): Promise<InboundEvent> {
    if (!this.handler) throw new Error('channel not started');
    await this.handler(event);
    return event;
  }

  private base(eventId?: string) {
    return { eventId: eventId ?? `m-${++this.counter}`, at: this.now() };
  }
  command(input: EventInput<'command'>) {
    return this.inject({ ...input, ...this.base(input.eventId), kind: 'command' });
  }
  text(input: EventInput<'text'>) {
    return this.inject({ ...input, ...this.base(input.eventId), kind: 'text' });
  }
  choice(input: EventInput<'choice'>) {
    return this.inject({ ...input, ...this.base(input.eventId), kind: 'choice' });
  }

  /** Texts sent to a chat (messages and edits), oldest first. */
  texts(chatId?: string): string[] {
    return this.records.flatMap((r) =>
      (r.type === 'message' || r.type === 'edit') && (!chatId || r.chat.chatId === chatId) ? [r.text] : [],
    );
  }
  lastText(chatId?: string): string {
    return this.texts(chatId).at(-1) ?? '';
  }
  prompts(chatId?: string) {
    return this.records.flatMap((r) => (r.type === 'prompt' && (!chatId || r.chat.chatId === chatId) ? [r] : []));
  }
  clear(): void {
    this.records.length = 0;
  }

  async send(chat: ChatRef, message: OutboundMessage): Promise<MessageRef> {
    let ref: MessageRef | undefined;
    for (const part of splitText(message.text, this.capabilities.maxTextLength)) {
      ref = { chat, messageId: String(++this.counter) };
      this.records.push({ type: 'message', chat, messageId: ref.messageId, text: part, mentions: message.mentions });
    }
    return ref!;
  }
  async edit(ref: MessageRef, text: string): Promise<MessageRef> {
    if (!this.capabilities.editMessages) return this.send(ref.chat, { text });
    this.records.push({ type: 'edit', chat: ref.chat, messageId: ref.messageId, text });
    return ref;
  }
  async ask(chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef> {
    const ref = { chat, messageId: String(++this.counter) };
    this.records.push({ type: 'prompt', chat, messageId: ref.messageId, prompt });
    return ref;
  }
  async sendFile(chat: ChatRef, file: OutboundFile, caption?: string): Promise<MessageRef> {
    const ref = { chat, messageId: String(++this.counter) };
    this.records.push({ type: 'file', chat, messageId: ref.messageId, file, caption });
    return ref;
  }
  files(chatId?: string) {
    return this.records.flatMap((r) => (r.type === 'file' && (!chatId || r.chat.chatId === chatId) ? [r] : []));
  }
  /** Answers a test lets the platform hold until the question closes (a native poll read at closing). */
  readonly heldAnswers = new Map<string, InboundEvent[]>();
  async closeAsk(ref: MessageRef): Promise<InboundEvent[]> {
    this.records.push({ type: 'closeAsk', chat: ref.chat, messageId: ref.messageId });
    const held = this.heldAnswers.get(ref.messageId) ?? [];
    this.heldAnswers.delete(ref.messageId);
    return held;
  }
  async acknowledge(event: InboundEvent, notice?: string, outcome?: AnswerOutcome): Promise<void> {
    this.records.push({ type: 'ack', eventId: event.eventId, notice, ...(outcome ? { outcome } : {}) });
  }
  async describeMember(_chat: ChatRef, userId: string): Promise<UserRef | undefined> {
    return { channel: 'memory', userId, displayName: userId };
  }
  privateChatLink(): string | null {
    return null;
  }

  async privateChat(user: UserRef): Promise<ChatRef | null> {
    return this.capabilities.privateChat ? { channel: 'memory', chatId: `dm-${user.userId}`, kind: 'private', title: user.displayName } : null;
  }
}
