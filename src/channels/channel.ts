// THE interface every chat channel implements (docs/decisions/0002-channel-interface.md).
// Adapters do transport only: they map platform payloads to these types and render messages
// into platform calls. They make no business decisions and compose no Vietnamese sentences.

export type ChannelName = 'telegram' | 'zalo' | 'shell' | 'memory';

export interface ChatRef {
  channel: ChannelName;
  chatId: string;
  kind: 'group' | 'private';
  title?: string;
}

export interface UserRef {
  channel: ChannelName;
  userId: string;
  displayName: string;
}

export interface MessageRef {
  chat: ChatRef;
  messageId: string;
}

export interface InboundFile {
  name: string;
  bytes: Uint8Array;
}

/** A member tagged in a message: `offset`/`length` locate the tag in the command's args or the text. */
export interface InboundMention {
  user: UserRef;
  offset: number;
  length: number;
}

interface EventBase {
  /** Stable across redeliveries of the same platform event (update id, message id, …). */
  eventId: string;
  at: Date;
  chat: ChatRef;
}

export type InboundEvent =
  | (EventBase & { kind: 'command'; from: UserRef; name: string; args: string; file?: InboundFile; mentions?: InboundMention[] })
  | (EventBase & { kind: 'text'; from: UserRef; text: string; replyTo?: MessageRef; file?: InboundFile; mentions?: InboundMention[] })
  | (EventBase & { kind: 'choice'; from: UserRef; promptId: string; optionIds: string[] })
  | (EventBase & { kind: 'members'; joined: UserRef[]; left: UserRef[] });

export interface ChannelCapabilities {
  /** Inline buttons under a message (Telegram); otherwise prompts are numbered options. */
  buttons: boolean;
  nativePolls: 'push' | 'pull' | 'none';
  privateChat: boolean;
  editMessages: boolean;
  mentionAll: boolean;
  listMembers: boolean;
  maxTextLength: number;
  /** Files can be sent (documents such as the biên bản); elsewhere the feature falls back to text. */
  files: boolean;
  /**
   * The speaker's display name can be trusted as their roster name. Only the local shell, where
   * whoever runs the terminal may play any member; chat platforms link accounts through /toila.
   */
  trustsDisplayName: boolean;
  /**
   * The conversation is read turn by turn (the shell's transcript): the next input waits until the bot
   * has finished everything the last one started, background edits included.
   */
  turnByTurn?: boolean;
}

export interface OutboundMessage {
  text: string;
  mentions?: UserRef[] | 'all';
  replyTo?: MessageRef;
}

export interface OutboundFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface PromptOption {
  id: string;
  label: string;
}

export interface OutboundPrompt {
  promptId: string;
  question: string;
  options: PromptOption[];
  multiple: boolean;
  /**
   * Every member answers (attendance, a show of hands), so a channel with native group polls may ask it
   * as one, with `headline` as the poll's short question.
   */
  everyone?: { headline: string };
  /**
   * The question is an invitation: a channel with a native appointment (Zalo's nhắc hẹn) may also create
   * one; accepting it answers `accept`, declining it answers `decline`.
   */
  appointment?: { title: string; startsAt: Date; accept: string; decline: string };
}

/** How the bot took an answer: acknowledge() may show a refusal where it shows no thanks. */
export type AnswerOutcome = 'taken' | 'refused';

export type EventHandler = (event: InboundEvent) => Promise<void>;

export interface Channel {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  start(onEvent: EventHandler): Promise<void>;
  stop(): Promise<void>;
  send(chat: ChatRef, message: OutboundMessage): Promise<MessageRef>;
  /** Falls back to sending a new message where the channel cannot edit. */
  edit(ref: MessageRef, text: string): Promise<MessageRef>;
  ask(chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef>;
  /** Sends a document; only called when capabilities.files. */
  sendFile(chat: ChatRef, file: OutboundFile, caption?: string): Promise<MessageRef>;
  /**
   * Closes the question on the platform. Returns the answers the platform took before it closed and the
   * bot has not handled yet (a native poll read one last time), so that a count made next is exact.
   */
  closeAsk(ref: MessageRef): Promise<InboundEvent[]>;
  /** Confirms an event to the platform (callback answer, reaction); a no-op where there is none. */
  acknowledge(event: InboundEvent, notice?: string, outcome?: AnswerOutcome): Promise<void>;
  describeMember(chat: ChatRef, userId: string): Promise<UserRef | undefined>;
  /** The private chat with this user, or null when the platform does not let the bot write first. */
  privateChat(user: UserRef): Promise<ChatRef | null>;
  /**
   * A link that opens the member's private chat with the bot (Telegram's t.me deep link), for members
   * the bot could not write to; null where there is none.
   */
  privateChatLink(payload?: string): string | null;
}

/** Raised by adapters for platform refusals, rate limits and outages, after their own retries. */
export class ChannelError extends Error {
  constructor(
    readonly channel: ChannelName,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** Splits text at line boundaries so each part fits maxLength (a single long line is cut hard). */
export function splitText(text: string, maxLength: number): string[] {
  if (text.length <= maxLength) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= maxLength) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    let rest = line;
    while (rest.length > maxLength) {
      parts.push(rest.slice(0, maxLength));
      rest = rest.slice(maxLength);
    }
    current = rest;
  }
  if (current) parts.push(current);
  return parts;
}

export const chatKey = (chat: ChatRef): string => `${chat.channel}:${chat.chatId}`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text a database can store: a lone surrogate becomes U+FFFD and NUL a space (PostgreSQL refuses NUL,
 * Prisma refuses lone surrogates). Same length, so mention offsets still point at the same words.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, ' ');
}

/** The event with every string a chat sent made storable (see storableText). */
export function storableEvent(event: InboundEvent): InboundEvent {
  const t = storableText;
  const base = { ...event, eventId: t(event.eventId), chat: { ...event.chat, chatId: t(event.chat.chatId), ...(event.chat.title !== undefined ? { title: t(event.chat.title) } : {}) } };
  const user = (u: UserRef): UserRef => ({ ...u, userId: t(u.userId), displayName: t(u.displayName) });
  switch (event.kind) {
    case 'command':
      return { ...base, kind: 'command', from: user(event.from), name: t(event.name), args: t(event.args) } as InboundEvent;
    case 'text':
      return { ...base, kind: 'text', from: user(event.from), text: t(event.text) } as InboundEvent;
    case 'choice':
      return { ...base, kind: 'choice', from: user(event.from), promptId: t(event.promptId), optionIds: event.optionIds.map(t) } as InboundEvent;
    case 'members':
      return { ...base, kind: 'members', joined: event.joined.map(user), left: event.left.map(user) } as InboundEvent;
  }
}
