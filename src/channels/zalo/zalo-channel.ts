// Zalo through zca-js, a personal account driven like Zalo Web (unofficial: docs/decisions/0008-zalo.md).
// Transport only: it maps Zalo's messages, poll votes and reminder answers to the bot's events, and
// renders the bot's messages and questions as a careful human would send them: paced, one listener,
// no bursts. No storage beyond its own transport state, no business rules, no sentences of its own.
import type { Logger } from 'pino';
import { ThreadType, ZaloApiError, GroupEventType, FriendEventType, ReminderRepeatMode, Reactions, type Message, type GroupEvent, type FriendEvent } from 'zca-js';
import {
  ChannelError, splitText,
  type AnswerOutcome, type Channel, type ChannelCapabilities, type ChatRef, type EventHandler, type InboundEvent, type InboundMention,
  type MessageRef, type OutboundFile, type OutboundMessage, type OutboundPrompt, type UserRef,
} from '../channel.ts';
import { OutboundQueue, OutboundQueueClosedError, type OutboundLimits } from '../outbound-queue.ts';
import { zalo as words } from '../../text/vi.ts';
import type { ZaloApi } from './zalo-api.ts';
import { PollWatcher, takeChanges } from './poll-watcher.ts';
import type { AskRecord, ReminderRecord, ZaloState, ZaloStateStore } from './zalo-state.ts';

/** A careful human in a group: one message every few seconds, never a burst (platform-notes §3). */
export const ZALO_LIMITS: OutboundLimits = { perChatPerSecond: 1 / 3, perGroupPerMinute: 12, globalPerSecond: 1 };
/** Zalo shows long messages, but the official bot platform stops at 2,000 characters: stay there. */
export const ZALO_MAX_TEXT = 2000;
/** Zalo's "Vượt quá số request cho phép" (zca-js #114, #173). */
const RATE_LIMITED = 221;
/** The listener's close codes after which only a new login helps (zca-js CloseReason). */
const SESSION_OVER = new Set([3000, 3003]);
/** zca-js decrypts frames concurrently, so they may be emitted out of order: each chat waits this long and sorts. */
const ORDER_WINDOW_MS = 150;
/** Numbered questions a chat keeps answerable, newest first, and for how long. */
const NUMBERED_KEPT = 10;
const NUMBERED_DAYS = 14;
/** Events whose source acknowledge() may still need. */
const SOURCES_KEPT = 5000;
const CONNECT_TIMEOUT_MS = 20_000;
/** Poll reads share the account's pace with the messages, in a lane of their own. */
const POLL_READS = 'zalo-poll-reads';

export interface ZaloOptions {
  api: ZaloApi;
  state: ZaloStateStore;
  log: Logger;
  now: () => Date;
  limits?: OutboundLimits;
  /** Up to this many milliseconds of random wait before each call, so the rhythm is not a machine's. */
  jitterMs?: number;
  /** Wait after Zalo refuses for too many requests, before trying again. */
  rateLimitPauseMs?: number;
  pollWatch?: { minMs: number; maxMs: number };
  reconnect?: { minMs: number; maxMs: number };
  maxTextLength?: number;
  connectTimeoutMs?: number;
  /** The session is over (kicked or logged in elsewhere): the operator has to log in again. */
  onSessionEnded?: (code: number, reason: string) => void;
}

type ChoiceEvent = Extract<InboundEvent, { kind: 'choice' }>;
/** Where an event came from, for acknowledge(): Zalo's own UI (a poll, a reminder) or a member's message. */
type Source = { via: 'poll' | 'reminder' } | { via: 'message'; msgId: string; cliMsgId: string; threadId: string };

/** Accounts with a listener in this process; Zalo allows one per account (a second one kicks the first). */
const listening = new Set<string>();

export class ZaloChannel implements Channel {
  readonly name = 'zalo' as const;
  readonly capabilities: ChannelCapabilities;

  private readonly api: ZaloApi;
  private readonly log: Logger;
  private readonly queue: OutboundQueue;
  private readonly watcher: PollWatcher;
  private state: ZaloState;
  private ownId = '';
  private onEvent: EventHandler = async () => undefined;
  private running = false;
  private ended = false;
  private reconnectAttempt = 0;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private readonly names = new Map<string, string>();
  private readonly sources = new Map<string, Source>();
  /** Choice events handed to the bot and not yet handled, by poll: closing a question returns them too. */
  private readonly inFlight = new Map<number, Map<string, ChoiceEvent>>();
  /** Serialises the reads of one poll (watcher and closing). */
  private readonly pollLocks = new Map<number, Promise<unknown>>();
  private readonly buffers = new Map<string, { items: { order: [number, string]; event: InboundEvent }[]; timer: ReturnType<typeof setTimeout>; since: number }>();

  constructor(private readonly options: ZaloOptions) {
    this.api = options.api;
    this.log = options.log.child({ channel: 'zalo' });
    this.state = options.state.load();
    this.capabilities = {
      buttons: false,
      nativePolls: 'pull',
      privateChat: true,
      editMessages: false,
      mentionAll: true,
      listMembers: false,
      maxTextLength: options.maxTextLength ?? ZALO_MAX_TEXT,
      files: false,
      trustsDisplayName: false,
    };
    const pause = options.rateLimitPauseMs ?? 60_000;
    this.queue = new OutboundQueue({
      limits: options.limits ?? ZALO_LIMITS,
      // A person does not send ten messages in one second and then wait: every rate is spread evenly.
      spread: true,
      retryAfterMs: (error) => (error instanceof ZaloApiError && error.code === RATE_LIMITED ? pause : null),
    });
    const watch = options.pollWatch ?? { minMs: 15_000, maxMs: 300_000 };
    this.watcher = new PollWatcher({
      ...watch,
      check: (pollId) => this.readPoll(pollId),
      onError: (pollId, error) => this.log.warn({ err: error, pollId }, 'could not read a poll'),
    });
  }

  async start(onEvent: EventHandler): Promise<void> {
    const ownId = String(this.api.getOwnId());
    if (listening.has(ownId)) throw new ChannelError('zalo', `account ${ownId} already has a listener in this process`);
    listening.add(ownId);
    this.ownId = ownId;
    this.onEvent = onEvent;
    this.running = true;
    const { listener } = this.api;
    listener.on('message', this.handlers.message);
    listener.on('group_event', this.handlers.groupEvent);
    listener.on('friend_event', this.handlers.friendEvent);
    listener.on('error', this.handlers.error);
    listener.on('closed', this.handlers.closed);
    listener.on('cipher_key', this.handlers.connected);
    await this.connect();
    await this.loadFriends();
    for (const ask of Object.values(this.state.asks)) if (ask.poll) this.watcher.watch(ask.poll.pollId);
  }

  async stop(): Promise<void> {
    // A channel that never started (refused: another one listens) owns nothing to stop.
    if (!this.ownId) return;
    this.running = false;
    clearTimeout(this.reconnectTimer);
    this.watcher.stop();
    for (const chat of [...this.buffers.keys()]) this.flush(chat);
    const { listener } = this.api;
    listener.off('message', this.handlers.message);
    listener.off('group_event', this.handlers.groupEvent);
    listener.off('friend_event', this.handlers.friendEvent);
    listener.off('error', this.handlers.error);
    listener.off('closed', this.handlers.closed);
    listener.off('cipher_key', this.handlers.connected);
    if (!this.ended) {
      try {
        listener.stop();
      } catch (error) {
        this.log.debug({ err: error }, 'listener already stopped');
      }
    }
    await this.queue.idle();
    this.persist();
    listening.delete(this.ownId);
    this.ownId = '';
  }

  /** The listener's handlers, kept so stop() can take them off again. */
  private readonly handlers = {
    message: (message: Message) => this.onMessage(message),
    groupEvent: (event: GroupEvent) => this.onGroupEvent(event),
    friendEvent: (event: FriendEvent) => this.onFriendEvent(event),
    error: (error: unknown) => this.log.warn({ err: error }, 'zalo listener error'),
    closed: (code: number, reason: string) => this.onClosed(Number(code), String(reason ?? '')),
    connected: () => {
      this.reconnectAttempt = 0;
    },
  };

  /** Starts the listener and waits for its key exchange, the moment messages can be read. */
  private connect(): Promise<void> {
    const { listener } = this.api;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        listener.off('cipher_key', ready);
        reject(new ChannelError('zalo', 'the Zalo listener did not connect'));
      }, this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
      const ready = () => {
        clearTimeout(timer);
        listener.off('cipher_key', ready);
        resolve();
      };
      listener.on('cipher_key', ready);
      listener.start();
    });
  }

  private onClosed(code: number, reason: string): void {
    if (!this.running) return;
    if (SESSION_OVER.has(code)) {
      // Reconnecting would kick the other session back, or fail: a person has to log in again.
      this.ended = true;
      this.running = false;
      this.watcher.stop();
      this.queue.close();
      listening.delete(this.ownId);
      this.log.error({ code, reason }, 'Zalo session ended (logged in elsewhere or kicked): run `npm run zalo:login` again, then restart the bot');
      this.options.onSessionEnded?.(code, reason);
      return;
    }
    const { minMs, maxMs } = this.options.reconnect ?? { minMs: 2000, maxMs: 300_000 };
    const delay = Math.min(maxMs, minMs * 2 ** this.reconnectAttempt++);
    this.log.warn({ code, reason, delay }, 'Zalo listener disconnected; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      if (!this.running) return;
      try {
        this.api.listener.start();
      } catch (error) {
        this.onClosed(1006, String(error));
      }
    }, delay);
  }

  private async loadFriends(): Promise<void> {
    try {
      const friends = await this.api.getAllFriends();
      for (const friend of friends) this.addContact(String(friend.userId));
      this.persist();
    } catch (error) {
      this.log.warn({ err: error }, 'could not list the friends of the bot account');
    }
  }

  private addContact(uid: string): void {
    if (!this.state.contacts.includes(uid)) this.state.contacts.push(uid);
  }

  private persist(): void {
    try {
      this.options.state.save(this.state);
    } catch (error) {
      this.log.error({ err: error }, 'could not save the Zalo adapter state');
    }
  }

  // ---- inbound ----

  private onMessage(message: Message): void {
    if (message.isSelf) return;
    const data = message.data;
    // A message Zalo delivers again keeps its id (msg:<msgId>); the bot's processed-event table drops it.
    const msgId = String(data.msgId);
    const group = message.type === ThreadType.Group;
    const chat: ChatRef = { channel: 'zalo', chatId: String(message.threadId), kind: group ? 'group' : 'private' };
    const uid = String(data.uidFrom);
    const from: UserRef = { channel: 'zalo', userId: uid, displayName: String(data.dName || uid) };
    this.names.set(uid, from.displayName);
    if (!group && !this.state.contacts.includes(uid)) {
      // Someone who wrote to the bot may be written to: their private chat now exists.
      this.addContact(uid);
      this.persist();
    }
    // Attachments (files, images, stickers) are not read: capabilities.files is false.
    if (typeof data.content !== 'string') return;
    const text = data.content;
    const eventId = `msg:${msgId}`;
    const base = { eventId, at: new Date(Number(data.ts) || this.options.now().getTime()), chat };
    this.noteSource(eventId, { via: 'message', msgId, cliMsgId: String(data.cliMsgId), threadId: chat.chatId });
    const mentions = group && 'mentions' in data ? (data.mentions ?? []) : [];
    const numbered = this.numberedAnswer(chat, text, data.quote ? String(data.quote.globalMsgId) : undefined);
    let event: InboundEvent;
    if (numbered && !numbered.optionId) {
      // "7" to a question with three answers: say which numbers there are, and take nothing.
      void this.send(chat, { text: words.noOption(numbered.number, numbered.count), ...(group ? { mentions: [from] } : {}) }).catch((error: unknown) => {
        this.log.warn({ err: error }, 'could not answer a wrong number');
      });
      return;
    }
    if (numbered?.optionId) {
      event = { ...base, kind: 'choice', from, promptId: numbered.promptId, optionIds: [numbered.optionId] };
    } else {
      const command = /^\/([A-Za-z0-9_]{1,32})(?:[ \t\n]+|$)/.exec(text);
      const offset = command ? command[0].length : 0;
      const tagged: InboundMention[] = mentions
        .filter((m) => String(m.uid) !== '-1' && m.pos >= offset)
        .map((m) => ({ user: { channel: 'zalo' as const, userId: String(m.uid), displayName: text.slice(m.pos + 1, m.pos + m.len) }, offset: m.pos - offset, length: m.len }));
      const extra = tagged.length ? { mentions: tagged } : {};
      event = command
        ? { ...base, kind: 'command', from, name: command[1]!, args: text.slice(offset).trimEnd(), ...extra }
        : { ...base, kind: 'text', from, text, ...extra, ...(data.quote ? { replyTo: { chat, messageId: String(data.quote.globalMsgId) } } : {}) };
    }
    this.deliverInOrder(chat.chatId, [Number(data.ts) || 0, msgId], event);
  }

  /** "2" (or "2.") answers the chat's numbered question: the one quoted, else the newest still open. */
  private numberedAnswer(chat: ChatRef, text: string, quoted: string | undefined): { promptId: string; optionId: string | undefined; number: number; count: number } | null {
    const match = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
    if (!match) return null;
    const asks = this.numberedAsks(chat.chatId);
    const ask = (quoted && asks.find(([id]) => id === quoted)?.[1]) || asks[0]?.[1];
    if (!ask) return null;
    const number = Number(match[1]);
    return { promptId: ask.promptId, optionId: ask.options[number - 1], number, count: ask.options.length };
  }

  /** Sources are kept for the newest events only: most (chatter, commands) are never acknowledged. */
  private noteSource(eventId: string, source: Source): void {
    this.sources.set(eventId, source);
    if (this.sources.size > SOURCES_KEPT) this.sources.delete(this.sources.keys().next().value!);
  }

  /** Holds a chat's messages for a moment and hands them over sorted by time, then id. */
  private deliverInOrder(chatId: string, order: [number, string], event: InboundEvent): void {
    const buffer = this.buffers.get(chatId);
    if (buffer) {
      clearTimeout(buffer.timer);
      buffer.items.push({ order, event });
      // Under a steady stream, hand over at least every few windows.
      if (performance.now() - buffer.since > ORDER_WINDOW_MS * 4) return this.flush(chatId);
      buffer.timer = setTimeout(() => this.flush(chatId), ORDER_WINDOW_MS);
      return;
    }
    this.buffers.set(chatId, { items: [{ order, event }], timer: setTimeout(() => this.flush(chatId), ORDER_WINDOW_MS), since: performance.now() });
  }

  private flush(chatId: string): void {
    const buffer = this.buffers.get(chatId);
    if (!buffer) return;
    clearTimeout(buffer.timer);
    this.buffers.delete(chatId);
    const byId = (a: string, b: string) => (a.length - b.length) || (a < b ? -1 : a > b ? 1 : 0);
    buffer.items.sort((a, b) => a.order[0] - b.order[0] || byId(a.order[1], b.order[1]));
    for (const { event } of buffer.items) this.hand(event);
  }

  /** Removes and returns a prompt's answers still held in a chat's ordering buffer. */
  private takeBuffered(chatId: string, promptId: string): ChoiceEvent[] {
    const buffer = this.buffers.get(chatId);
    if (!buffer) return [];
    const taken = buffer.items.flatMap(({ event }) => (event.kind === 'choice' && event.promptId === promptId ? [event] : []));
    buffer.items = buffer.items.filter(({ event }) => !(event.kind === 'choice' && event.promptId === promptId));
    return taken;
  }

  private hand(event: InboundEvent): Promise<void> {
    return this.onEvent(event).catch((error: unknown) => this.log.error({ err: error, eventId: event.eventId }, 'zalo event failed'));
  }

  private onGroupEvent(event: GroupEvent): void {
    if (event.type !== GroupEventType.ACCEPT_REMIND && event.type !== GroupEventType.REJECT_REMIND) return;
    const data = event.data;
    const reminder = this.state.reminders[String(data.topicId)];
    const ask = reminder && this.state.asks[reminder.ask];
    if (!reminder || !ask) return;
    const accepted = event.type === GroupEventType.ACCEPT_REMIND;
    const members = (data.updateMembers ?? []).map(String);
    void this.learnNames(members).then(() => this.remindAnswers(reminder, ask, accepted, members, String(data.topicId), String(data.time ?? '')));
  }

  private remindAnswers(reminder: ReminderRecord, ask: AskRecord, accepted: boolean, members: string[], topicId: string, time: string): void {
    for (const uid of members) {
      if (uid === this.ownId) continue;
      const answer = accepted ? 'accept' : 'reject';
      // Zalo repeats an answer when the member taps it again: only a change is an answer.
      if (reminder.answers?.[uid] === answer) continue;
      (reminder.answers ??= {})[uid] = answer;
      this.persist();
      const eventId = `remind:${topicId}:${uid}:${answer}:${time}`;
      this.noteSource(eventId, { via: 'reminder' });
      const chat: ChatRef = { channel: 'zalo', chatId: reminder.chatId, kind: 'group' };
      const choice: ChoiceEvent = {
        eventId, at: this.options.now(), chat, kind: 'choice',
        from: { channel: 'zalo', userId: uid, displayName: this.names.get(uid) ?? uid },
        promptId: ask.promptId, optionIds: [accepted ? reminder.accept : reminder.decline],
      };
      this.deliverInOrder(reminder.chatId, [Number(time) || 0, eventId], choice);
    }
  }

  private onFriendEvent(event: FriendEvent): void {
    if (event.type === FriendEventType.ADD) {
      this.addContact(String(event.threadId));
      this.persist();
    } else if (event.type === FriendEventType.REMOVE || event.type === FriendEventType.BLOCK) {
      this.state.contacts = this.state.contacts.filter((uid) => uid !== String(event.threadId));
      this.persist();
    }
  }

  // ---- native polls ----

  /** One serialised read of a poll: the changes since the last read, as choice events (null: not watched). */
  private pollChanges(pollId: number): Promise<ChoiceEvent[] | null> {
    const run = (this.pollLocks.get(pollId) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        const ask = Object.values(this.state.asks).find((a) => a.poll?.pollId === pollId);
        if (!ask?.poll) return null;
        const poll = ask.poll;
        const detail = await this.call({ chatId: POLL_READS, kind: 'private' }, () => this.api.getPollDetail(pollId));
        const changes = takeChanges(poll, detail);
        await this.learnNames(changes.map((c) => c.uid));
        const events = changes.map((change): ChoiceEvent => {
          const eventId = `poll:${change.key}`;
          this.noteSource(eventId, { via: 'poll' });
          return {
            eventId, at: this.options.now(), kind: 'choice',
            chat: { channel: 'zalo', chatId: ask.chatId, kind: 'group' },
            from: { channel: 'zalo', userId: change.uid, displayName: this.names.get(change.uid) ?? change.uid },
            promptId: ask.promptId,
            optionIds: change.optionIds.flatMap((id) => poll.options[String(id)] ?? []),
          };
        });
        // Locked or expired in Zalo: nothing more can change.
        if (detail.closed) this.watcher.unwatch(pollId);
        return events;
      });
    this.pollLocks.set(pollId, run);
    return run;
  }

  /** Display names of members the bot has not seen write (a vote or a reminder answer names only the uid). */
  private async learnNames(uids: string[]): Promise<void> {
    const unknown = [...new Set(uids)].filter((uid) => !this.names.has(uid));
    if (!unknown.length) return;
    try {
      const { profiles } = await this.call({ chatId: POLL_READS, kind: 'private' }, () => this.api.getGroupMembersInfo(unknown));
      for (const [uid, profile] of Object.entries(profiles)) {
        const name = profile.displayName || profile.zaloName;
        if (name) this.names.set(uid.replace(/_0$/, ''), name);
      }
    } catch (error) {
      this.log.warn({ err: error }, 'could not read the names of group members');
    }
  }

  /** The watcher's read: changes are handed to the bot outside the lock, and held as in flight meanwhile. */
  private async readPoll(pollId: number): Promise<boolean> {
    const events = (await this.pollChanges(pollId)) ?? [];
    const flying = this.inFlight.get(pollId) ?? new Map<string, ChoiceEvent>();
    this.inFlight.set(pollId, flying);
    for (const event of events) flying.set(event.eventId, event);
    await Promise.all(events.map((event) => this.hand(event).finally(() => flying.delete(event.eventId))));
    // Saved once handled: a crash before this re-reads the same changes, with the same ids, after restart.
    if (events.length) this.persist();
    return events.length > 0;
  }

  // ---- outbound ----

  /** Every call to Zalo for a chat goes through the queue, with a little jitter; failures become ChannelError. */
  private async call<T>(chat: Pick<ChatRef, 'chatId' | 'kind'>, work: () => Promise<T>): Promise<T> {
    if (this.ended) throw new ChannelError('zalo', 'the Zalo session has ended; log in again with npm run zalo:login');
    const jitter = this.options.jitterMs ?? 0;
    try {
      return await this.queue.run({ id: chat.chatId, group: chat.kind === 'group' }, async () => {
        if (jitter > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * jitter));
        return work();
      });
    } catch (error) {
      if (error instanceof ZaloApiError) {
        throw new ChannelError('zalo', `${error.code ?? ''}: ${error.message}`, error.code === RATE_LIMITED ? (this.options.rateLimitPauseMs ?? 60_000) : undefined);
      }
      if (error instanceof OutboundQueueClosedError) throw new ChannelError('zalo', this.ended ? 'the Zalo session has ended; log in again with npm run zalo:login' : 'the Zalo channel is stopping');
      throw error;
    }
  }

  private threadType(chat: ChatRef): ThreadType {
    return chat.kind === 'group' ? ThreadType.Group : ThreadType.User;
  }

  async send(chat: ChatRef, message: OutboundMessage): Promise<MessageRef> {
    // Tags lead the first part: "@All" for everyone, else each member's name, as Zalo shows them.
    const tags = chat.kind !== 'group' || !message.mentions ? [] : message.mentions === 'all' ? [{ uid: '-1', name: words.mentionAll }] : message.mentions.map((u) => ({ uid: u.userId, name: `@${u.displayName}` }));
    const prefix = tags.map((t) => t.name).join(' ');
    const parts = splitText(prefix ? `${prefix}\n${message.text}` : message.text, this.capabilities.maxTextLength);
    let pos = 0;
    const mentions = tags.map((t) => {
      const mention = { uid: t.uid, pos, len: t.name.length };
      pos += t.name.length + 1;
      return mention;
    });
    let ref: MessageRef | undefined;
    for (const [i, part] of parts.entries()) {
      const sent = await this.call(chat, () => this.api.sendMessage(i === 0 && mentions.length ? { msg: part, mentions } : part, chat.chatId, this.threadType(chat)));
      ref = { chat, messageId: String(sent.message?.msgId ?? '') };
    }
    return ref!;
  }

  /** Zalo cannot edit: the new text is sent as a new message. */
  async edit(ref: MessageRef, text: string): Promise<MessageRef> {
    return this.send(ref.chat, { text });
  }

  async ask(chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef> {
    const askedAt = this.options.now().toISOString();
    let question: string[] = [prompt.question, ''];
    if (chat.kind === 'group' && prompt.everyone && prompt.options.length >= 2) {
      await this.send(chat, { text: prompt.question });
      try {
        return await this.pollUnder(chat, prompt, askedAt);
      } catch (error) {
        // The question is in the group already: only the numbered answers follow it.
        this.log.warn({ err: error, chatId: chat.chatId }, 'could not create a Zalo poll; asking with numbered answers');
        question = [];
      }
    }
    const text = [...question, ...prompt.options.map((o, i) => words.numberedOption(i + 1, o.label)), words.numberedHint(prompt.options.length)].join('\n');
    const ref = await this.send(chat, { text });
    this.state.asks[ref.messageId] = { promptId: prompt.promptId, chatId: chat.chatId, group: chat.kind === 'group', options: prompt.options.map((o) => o.id), askedAt };
    this.trimNumbered(chat.chatId);
    this.persist();
    return ref;
  }

  /** A native poll under the question just sent; an invitation also gets a nhắc hẹn. */
  private async pollUnder(chat: ChatRef, prompt: OutboundPrompt, askedAt: string): Promise<MessageRef> {
    const poll = await this.call(chat, () =>
      this.api.createPoll(
        { question: prompt.everyone!.headline, options: prompt.options.map((o) => o.label), isAnonymous: false, allowMultiChoices: prompt.multiple, allowAddNewOption: false, hideVotePreview: false, expiredTime: 0 },
        chat.chatId,
      ),
    );
    const messageId = `poll:${poll.poll_id}`;
    const byZaloId: Record<string, string> = {};
    poll.options.forEach((option, i) => {
      const id = prompt.options.find((o) => o.label === option.content)?.id ?? prompt.options[i]?.id;
      if (id) byZaloId[String(option.option_id)] = id;
    });
    const ask: AskRecord = {
      promptId: prompt.promptId, chatId: chat.chatId, group: true, options: prompt.options.map((o) => o.id), askedAt,
      poll: { pollId: Number(poll.poll_id), options: byZaloId, voters: {}, changes: 0 },
    };
    this.state.asks[messageId] = ask;
    this.persist();
    this.watcher.watch(Number(poll.poll_id));
    const appointment = prompt.appointment;
    if (appointment && appointment.startsAt.getTime() > this.options.now().getTime()) {
      try {
        const reminder = await this.call(chat, () =>
          this.api.createReminder({ title: appointment.title, startTime: appointment.startsAt.getTime(), emoji: '📅', repeat: ReminderRepeatMode.None }, chat.chatId, ThreadType.Group),
        );
        const reminderId = String((reminder as { id?: unknown }).id ?? '');
        if (reminderId) {
          ask.reminderId = reminderId;
          this.state.reminders[reminderId] = { ask: messageId, chatId: chat.chatId, accept: appointment.accept, decline: appointment.decline, startsAt: appointment.startsAt.toISOString() };
          this.persist();
        }
      } catch (error) {
        // The poll already answers the invitation; the reminder is a convenience.
        this.log.warn({ err: error, chatId: chat.chatId }, 'could not create a Zalo reminder');
      }
    }
    return { chat, messageId };
  }

  /** A chat's numbered questions, newest first (asked later, or stored later within the same instant). */
  private numberedAsks(chatId: string): [string, AskRecord][] {
    return Object.entries(this.state.asks)
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry: [, a] }) => a.chatId === chatId && !a.poll)
      .sort((x, y) => y.entry[1].askedAt.localeCompare(x.entry[1].askedAt) || y.index - x.index)
      .map(({ entry }) => entry);
  }

  /** Keeps the newest numbered questions of a chat answerable; older ones stop taking numbers. */
  private trimNumbered(chatId: string): void {
    const cutoff = new Date(this.options.now().getTime() - NUMBERED_DAYS * 86_400_000).toISOString();
    this.numberedAsks(chatId).forEach(([id, a], i) => {
      if (i >= NUMBERED_KEPT || a.askedAt < cutoff) delete this.state.asks[id];
    });
  }

  async closeAsk(ref: MessageRef): Promise<InboundEvent[]> {
    const ask = this.state.asks[ref.messageId];
    if (!ask) return [];
    const held: ChoiceEvent[] = [];
    if (ask.poll) {
      const { pollId } = ask.poll;
      this.watcher.unwatch(pollId);
      try {
        await this.call(ref.chat, () => this.api.lockPoll(pollId));
      } catch (error) {
        this.log.warn({ err: error, pollId }, 'could not lock a Zalo poll');
      }
      // After the lock nothing changes: this last read makes the count exact. Changes handed over but not
      // yet handled come back too; the bot handles each event id once.
      const last = await this.pollChanges(pollId).catch((error: unknown) => {
        this.log.warn({ err: error, pollId }, 'could not read a poll at closing');
        return null;
      });
      held.push(...(this.inFlight.get(pollId)?.values() ?? []), ...(last ?? []));
      this.inFlight.delete(pollId);
      this.pollLocks.delete(pollId);
    }
    // Answers still waiting in the ordering buffer belong to this count too.
    held.push(...this.takeBuffered(ask.chatId, ask.promptId));
    if (ask.reminderId) await this.dropReminder(ask.reminderId, ref.chat);
    delete this.state.asks[ref.messageId];
    this.persist();
    return held;
  }

  /** A reminder of a meeting that has not begun (cancelled or moved) is removed; one that has rung stays. */
  private async dropReminder(reminderId: string, chat: ChatRef): Promise<void> {
    const reminder = this.state.reminders[reminderId];
    delete this.state.reminders[reminderId];
    if (!reminder || new Date(reminder.startsAt).getTime() <= this.options.now().getTime()) return;
    await this.call(chat, () => this.api.removeReminder(reminderId, chat.chatId, ThreadType.Group)).catch((error: unknown) => {
      this.log.warn({ err: error, reminderId }, 'could not remove a Zalo reminder');
    });
  }

  async sendFile(_chat: ChatRef, _file: OutboundFile): Promise<MessageRef> {
    throw new ChannelError('zalo', 'files are not sent on Zalo (capabilities.files is false)');
  }

  /**
   * In a group, a refusal is said to the member by name; anything else is quiet: a vote in a poll or an
   * answer to a reminder shows in Zalo already, and a typed answer or #tag line gets a 👌 reaction, not a
   * message to everyone. In a private chat the notice is the reply.
   */
  async acknowledge(event: InboundEvent, notice?: string, outcome?: AnswerOutcome): Promise<void> {
    const source = this.sources.get(event.eventId);
    this.sources.delete(event.eventId);
    if (!notice || !('from' in event)) return;
    try {
      if (event.chat.kind !== 'group') {
        await this.send(event.chat, { text: notice });
      } else if (outcome === 'refused') {
        await this.send(event.chat, { text: notice, mentions: [event.from] });
      } else if (source?.via === 'message') {
        await this.call(event.chat, () => this.api.addReaction(Reactions.OK, { data: { msgId: source.msgId, cliMsgId: source.cliMsgId }, threadId: source.threadId, type: ThreadType.Group }));
      }
    } catch (error) {
      this.log.warn({ err: error, eventId: event.eventId }, 'could not acknowledge on Zalo');
    }
  }

  async describeMember(_chat: ChatRef, userId: string): Promise<UserRef | undefined> {
    await this.learnNames([userId]);
    const displayName = this.names.get(userId);
    return displayName ? { channel: 'zalo', userId, displayName } : undefined;
  }

  /** Zalo lets an account write privately to its friends and to whoever wrote to it; others get nothing. */
  async privateChat(user: UserRef): Promise<ChatRef | null> {
    return this.state.contacts.includes(user.userId) ? { channel: 'zalo', chatId: user.userId, kind: 'private', title: user.displayName } : null;
  }

  privateChatLink(): string | null {
    return null;
  }
}
