// An in-memory fake of exactly the ZaloApi subset the Zalo adapter uses (src/channels/zalo/zalo-api.ts):
// no network, typed from zca-js' own declarations. The listener is an EventEmitter that emits the same
// objects zca-js does (GroupMessage/UserMessage instances, GroupEvent and FriendEvent shapes), always
// asynchronously, and only while started. Tests drive it with push*/votePoll/respondReminder/close.
import { EventEmitter } from 'node:events';
import {
  FriendEventType, Gender, GroupEventType, GroupMessage, ThreadType, UserMessage, ZaloApiError,
  type API, type CreateReminderGroup, type CreateReminderOptions, type CreatePollOptions, type GetGroupMembersInfoResponse,
  type GroupEvent, type Mention, type MessageContent, type PollDetail, type Reactions, type CustomReaction,
  type AddReactionDestination, type TGroupMessage, type TMention, type TMessage, type TQuote, type User,
} from 'zca-js';
import type { ZaloApi } from '../../src/channels/zalo/zalo-api.ts';

type ListenerEvents = API['listener'] extends EventEmitter<infer E> ? E : never;

export type FakeZaloMethod =
  | 'sendMessage' | 'createPoll' | 'getPollDetail' | 'lockPoll' | 'createReminder' | 'removeReminder'
  | 'getGroupMembersInfo' | 'getAllFriends' | 'addReaction';

/** One call the adapter made, with its start time (performance.now()) and whether it threw. */
export interface FakeZaloCall {
  method: FakeZaloMethod;
  at: number;
  args: unknown[];
  error?: unknown;
}

/** A message the adapter sent, as Zalo stored it. */
export interface FakeSent {
  threadId: string;
  threadType: ThreadType;
  text: string;
  mentions: Mention[];
  msgId: number;
  /** performance.now() when the send started. */
  at: number;
}

export interface FakeReaction {
  icon: Reactions | CustomReaction;
  msgId: string;
  cliMsgId: string;
  threadId: string;
  threadType: ThreadType;
}

export interface FakeReminder {
  id: string;
  groupId: string;
  title: string;
  startTime: number;
  emoji: string;
  repeat: number;
}

export interface PushOptions {
  msgId?: string;
  /** Zalo's ms timestamp of the message; default Date.now(). */
  ts?: number;
  mentions?: { uid: string; pos: number; len: number }[];
  /** Quoting a message: its global msgId (what the bot got back as messageId). */
  quote?: { msgId: string; ownerId?: string; text?: string };
}

interface Stored {
  kind: 'group' | 'user';
  data: TMessage | TGroupMessage;
}

interface FakePoll {
  detail: PollDetail;
  /** uid → chosen option ids. */
  choices: Map<string, number[]>;
}

/** The listener: start() connects (connected, then cipher_key, asynchronously); stop() closes with 1000. */
export class FakeZaloListener extends EventEmitter<ListenerEvents> {
  /** How many times start() was called. */
  starts = 0;
  running = false;

  start(_options?: { retryOnClose?: boolean }): void {
    if (this.running) throw new ZaloApiError('Already started');
    this.running = true;
    this.starts++;
    setImmediate(() => {
      if (!this.running) return;
      this.emit('connected');
      this.emit('cipher_key', 'fake-cipher-key');
    });
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    setImmediate(() => this.emit('closed', 1000, ''));
  }

  /** The connection ends from Zalo's side with this code (3000 duplicate, 3003 kicked, 1006 dropped). */
  drop(code: number, reason = ''): void {
    this.running = false;
    setImmediate(() => {
      this.emit('disconnected', code, reason);
      this.emit('closed', code, reason);
    });
  }

  /** Emits as zca-js does: later, and only while connected. */
  deliver(emit: () => void): void {
    setImmediate(() => {
      if (this.running) emit();
    });
  }
}

export class FakeZaloApi {
  readonly listener = new FakeZaloListener();
  readonly calls: FakeZaloCall[] = [];
  readonly sent: FakeSent[] = [];
  readonly reactions: FakeReaction[] = [];
  readonly reminders = new Map<string, FakeReminder>();
  readonly removedReminders: string[] = [];
  readonly lockedPolls: number[] = [];

  private readonly polls = new Map<number, FakePoll>();
  private readonly users = new Map<string, string>();
  private readonly friends = new Set<string>();
  private readonly messages = new Map<string, Stored>();
  private readonly failures = new Map<FakeZaloMethod, ZaloApiError[]>();
  private nextId = 7_000_000;

  constructor(readonly ownId = '999') {}

  /** The fake as the adapter sees it. */
  get api(): ZaloApi {
    return this as unknown as ZaloApi;
  }

  // ---------- the ZaloApi subset ----------

  getOwnId = (): string => this.ownId;

  sendMessage = async (message: MessageContent | string, threadId: string, type: ThreadType = ThreadType.User): Promise<{ message: { msgId: number } | null; attachment: { msgId: number }[] }> => {
    const at = this.begin('sendMessage', [message, threadId, type]);
    const content = typeof message === 'string' ? { msg: message } : message;
    if (!content.msg) throw new ZaloApiError('Missing message content');
    const msgId = this.newId();
    // zca-js keeps mentions only in groups, and drops malformed ones.
    const mentions = type === ThreadType.Group ? (content.mentions ?? []).filter((m) => m.pos >= 0 && m.uid && m.len > 0) : [];
    this.sent.push({ threadId, threadType: type, text: content.msg, mentions: mentions.map((m) => ({ ...m })), msgId, at });
    return { message: { msgId }, attachment: [] };
  };

  createPoll = async (options: CreatePollOptions, groupId: string): Promise<PollDetail> => {
    this.begin('createPoll', [options, groupId]);
    const now = Date.now();
    const detail: PollDetail = {
      creator: this.ownId,
      question: options.question,
      // Option ids are not 1, 2, 3: the adapter must map them, not count them.
      options: options.options.map((content) => ({ option_id: this.newId(), content, votes: 0, voted: false, voters: [] })),
      joined: false,
      closed: false,
      poll_id: this.newId(),
      allow_multi_choices: options.allowMultiChoices ?? false,
      allow_add_new_option: options.allowAddNewOption ?? false,
      is_anonymous: options.isAnonymous ?? false,
      poll_type: 0,
      created_time: now,
      updated_time: now,
      expired_time: options.expiredTime ?? 0,
      is_hide_vote_preview: options.hideVotePreview ?? false,
      num_vote: 0,
    };
    this.polls.set(detail.poll_id, { detail, choices: new Map() });
    return this.pollView(detail.poll_id);
  };

  getPollDetail = async (pollId: number): Promise<PollDetail> => {
    this.begin('getPollDetail', [pollId]);
    return this.pollView(pollId);
  };

  lockPoll = async (pollId: number): Promise<''> => {
    this.begin('lockPoll', [pollId]);
    this.poll(pollId).detail.closed = true;
    this.lockedPolls.push(pollId);
    return '';
  };

  createReminder = async (options: CreateReminderOptions, threadId: string, type: ThreadType = ThreadType.User): Promise<CreateReminderGroup> => {
    this.begin('createReminder', [options, threadId, type]);
    const now = Date.now();
    const reminder: FakeReminder = {
      id: String(this.newId()), groupId: threadId, title: options.title, startTime: options.startTime ?? now, emoji: options.emoji ?? '', repeat: options.repeat ?? 0,
    };
    this.reminders.set(reminder.id, reminder);
    return {
      id: reminder.id, groupId: threadId, params: { title: reminder.title }, emoji: reminder.emoji, color: -16245706, startTime: reminder.startTime,
      repeat: reminder.repeat, creatorId: this.ownId, editorId: this.ownId, createTime: now, editTime: now, eventType: 0, type: 0, duration: -1,
      repeatInfo: null, repeatData: [],
    };
  };

  removeReminder = async (reminderId: string, threadId: string, type: ThreadType = ThreadType.User): Promise<''> => {
    this.begin('removeReminder', [reminderId, threadId, type]);
    if (!this.reminders.delete(reminderId)) throw new ZaloApiError(`no reminder ${reminderId}`, 404);
    this.removedReminders.push(reminderId);
    return '';
  };

  getGroupMembersInfo = async (memberId: string | string[]): Promise<GetGroupMembersInfoResponse> => {
    this.begin('getGroupMembersInfo', [memberId]);
    const profiles: GetGroupMembersInfoResponse['profiles'] = {};
    for (const entry of Array.isArray(memberId) ? memberId : [memberId]) {
      const uid = entry.split('_')[0] ?? entry;
      const name = this.users.get(uid);
      if (name === undefined) continue; // unknown accounts get no profile
      profiles[uid] = { id: uid, displayName: name, zaloName: name, avatar: '', accountStatus: 0, type: 1, lastUpdateTime: 0, globalId: `U${uid}` };
    }
    return { profiles, unchangeds_profile: [] };
  };

  getAllFriends = async (): Promise<User[]> => {
    this.begin('getAllFriends', []);
    return [...this.friends].map((uid) => this.userRecord(uid));
  };

  addReaction = async (icon: Reactions | CustomReaction, dest: AddReactionDestination): Promise<{ msgIds: number[] }> => {
    this.begin('addReaction', [icon, dest]);
    this.reactions.push({ icon, msgId: dest.data.msgId, cliMsgId: dest.data.cliMsgId, threadId: dest.threadId, threadType: dest.type });
    return { msgIds: [this.newId()] };
  };

  // ---------- fixtures ----------

  /** A Zalo account with this display name (for getGroupMembersInfo and message names). */
  addUser(uid: string, displayName: string): void {
    this.users.set(uid, displayName);
  }

  /** Makes the account a friend of the bot; a running listener also emits the friend_event. */
  addFriend(uid: string, displayName?: string): void {
    if (displayName !== undefined) this.addUser(uid, displayName);
    this.friends.add(uid);
    this.listener.deliver(() => this.listener.emit('friend_event', { type: FriendEventType.ADD, data: uid, threadId: uid, isSelf: false }));
  }

  // ---------- test controls ----------

  /** The next `times` calls of `method` throw this ZaloApiError (default once). */
  failNext(method: FakeZaloMethod, error: ZaloApiError | { message: string; code: number }, times = 1): void {
    const e = error instanceof ZaloApiError ? error : new ZaloApiError(error.message, error.code);
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array.from({ length: times }, () => e)]);
  }

  /** A member's message in a group; pushing a msgId again re-delivers the stored message unchanged. */
  pushGroupMessage(groupId: string, uid: string, name: string, text: string, options: PushOptions = {}): string {
    const again = this.redeliver(options.msgId);
    if (again) return again;
    this.addUser(uid, name);
    const data: TGroupMessage = { ...this.baseMessage(521, uid, groupId, name, text, options), mentions: options.mentions?.map((m): TMention => ({ ...m, type: m.uid === '-1' ? 1 : 0 })) };
    this.messages.set(data.msgId, { kind: 'group', data });
    this.emitMessage('group', data);
    return data.msgId;
  }

  /** A private message to the bot. */
  pushUserMessage(uid: string, name: string, text: string, options: Omit<PushOptions, 'mentions'> = {}): string {
    const again = this.redeliver(options.msgId);
    if (again) return again;
    this.addUser(uid, name);
    const data = this.baseMessage(501, uid, this.ownId, name, text, options);
    this.messages.set(data.msgId, { kind: 'user', data });
    this.emitMessage('user', data);
    return data.msgId;
  }

  /** A member votes in a poll (Zalo option ids); [] takes the vote back. Throws on a closed poll. */
  votePoll(pollId: number, uid: string, optionIds: number[]): void {
    const poll = this.poll(pollId);
    if (poll.detail.closed) throw new Error(`fake zalo: poll ${pollId} is closed`);
    const unknown = optionIds.filter((id) => !poll.detail.options.some((o) => o.option_id === id));
    if (unknown.length) throw new Error(`fake zalo: poll ${pollId} has no option ${unknown.join(',')}`);
    poll.choices.delete(uid);
    if (optionIds.length) poll.choices.set(uid, [...optionIds]);
    poll.detail.updated_time = Date.now();
  }

  /** A member answers a reminder in the Zalo UI: the listener emits ACCEPT_REMIND / REJECT_REMIND. */
  respondReminder(reminderId: string, uid: string, answer: 'accept' | 'reject', options: { time?: string } = {}): string {
    const reminder = this.reminders.get(reminderId);
    if (!reminder) throw new Error(`fake zalo: no reminder ${reminderId}`);
    const time = options.time ?? String(Date.now());
    const data = { topicId: reminderId, updateMembers: [uid], groupId: reminder.groupId, time };
    const event: GroupEvent = answer === 'accept'
      ? { type: GroupEventType.ACCEPT_REMIND, act: 'accept_remind', data, threadId: reminder.groupId, isSelf: uid === this.ownId }
      : { type: GroupEventType.REJECT_REMIND, act: 'reject_remind', data, threadId: reminder.groupId, isSelf: uid === this.ownId };
    this.listener.deliver(() => this.listener.emit('group_event', event));
    return time;
  }

  /** Zalo closes the listener with this code. */
  close(code: number, reason = ''): void {
    this.listener.drop(code, reason);
  }

  // ---------- reading back ----------

  /** A message pushed earlier, as Zalo stored it (for its cliMsgId, ts, …). */
  pushed(msgId: string): TMessage | undefined {
    return this.messages.get(msgId)?.data;
  }

  get pollDetailCalls(): number {
    return this.calls.filter((c) => c.method === 'getPollDetail').length;
  }

  callsOf(method: FakeZaloMethod): FakeZaloCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  pollIds(): number[] {
    return [...this.polls.keys()];
  }

  /** The poll as it stands (voters included). */
  pollDetail(pollId: number): PollDetail {
    return this.pollView(pollId);
  }

  /** Zalo's option id of a poll option, by label. */
  optionId(pollId: number, label: string): number {
    const option = this.poll(pollId).detail.options.find((o) => o.content === label);
    if (!option) throw new Error(`fake zalo: poll ${pollId} has no option "${label}"`);
    return option.option_id;
  }

  // ---------- internals ----------

  /** Records the call and throws a queued failure. */
  private begin(method: FakeZaloMethod, args: unknown[]): number {
    const at = performance.now();
    const call: FakeZaloCall = { method, at, args };
    this.calls.push(call);
    const error = this.failures.get(method)?.shift();
    if (error) {
      call.error = error;
      throw error;
    }
    return at;
  }

  private newId(): number {
    return this.nextId++;
  }

  private poll(pollId: number): FakePoll {
    const poll = this.polls.get(pollId);
    if (!poll) throw new ZaloApiError(`no poll ${pollId}`, 404);
    return poll;
  }

  private pollView(pollId: number): PollDetail {
    const { detail, choices } = this.poll(pollId);
    const options = detail.options.map((o) => {
      const voters = [...choices].filter(([, ids]) => ids.includes(o.option_id)).map(([uid]) => uid);
      return { ...o, votes: voters.length, voted: choices.get(this.ownId)?.includes(o.option_id) ?? false, voters: detail.is_anonymous ? [] : voters };
    });
    return { ...detail, options, num_vote: choices.size };
  }

  private redeliver(msgId: string | undefined): string | undefined {
    const stored = msgId === undefined ? undefined : this.messages.get(msgId);
    if (!stored) return undefined;
    this.emitMessage(stored.kind, structuredClone(stored.data));
    return msgId;
  }

  private emitMessage(kind: 'group' | 'user', data: TMessage | TGroupMessage): void {
    // A fresh copy per delivery: zca-js' message classes rewrite uidFrom/idTo in place.
    const copy = structuredClone(data);
    this.listener.deliver(() =>
      this.listener.emit('message', kind === 'group' ? new GroupMessage(this.ownId, copy as TGroupMessage) : new UserMessage(this.ownId, copy)),
    );
  }

  private baseMessage(cmd: 501 | 521, uid: string, idTo: string, name: string, text: string, options: Omit<PushOptions, 'mentions'>): TMessage {
    const msgId = options.msgId ?? String(this.newId());
    const quote: TQuote | undefined = options.quote && {
      ownerId: options.quote.ownerId ?? this.ownId, cliMsgId: 0, globalMsgId: Number(options.quote.msgId), cliMsgType: 1, ts: Date.now(),
      msg: options.quote.text ?? '', attach: '', fromD: '', ttl: 0,
    };
    return {
      actionId: msgId, msgId, cliMsgId: String(this.newId()), msgType: 'webchat',
      // zca-js marks the account's own messages with uidFrom "0".
      uidFrom: uid === this.ownId ? '0' : uid, idTo, dName: name, ts: String(options.ts ?? Date.now()), status: 1, content: text,
      notify: '1', ttl: 0, userId: '0', uin: '0', topOut: '0', topOutTimeOut: '0', topOutImprTimeOut: '0', propertyExt: undefined,
      paramsExt: { countUnread: 1, containType: 0, platformType: 1 }, cmd, st: 3, at: 5, realMsgId: '0', quote,
    };
  }

  private userRecord(uid: string): User {
    const name = this.users.get(uid) ?? `User ${uid}`;
    return {
      userId: uid, username: '', displayName: name, zaloName: name, avatar: '', bgavatar: '', cover: '', gender: Gender.Male, dob: 0, sdob: '',
      status: '', phoneNumber: '', isFr: 1, isBlocked: 0, lastActionTime: 0, lastUpdateTime: 0, isActive: 1, key: 0, type: 1, isActivePC: 0,
      isActiveWeb: 0, isValid: 1, userKey: '', accountStatus: 0, oaInfo: null, user_mode: 0, globalId: `U${uid}`, bizPkg: { label: null, pkgId: 0 },
      createdTs: 0, oa_status: null,
    };
  }
}

/**
 * Compile-time check that the fake's methods have the shapes of the subset they stand in for. The listener
 * is left out: zca-js' `on` returns its own Listener class, which only the cast in `api` can stand for.
 */
type Fits<T, U> = T extends U ? true : never;
export const fakeFitsZaloApi: Fits<Omit<FakeZaloApi, 'api' | 'listener'>, Omit<ZaloApi, 'listener'>> = true;
