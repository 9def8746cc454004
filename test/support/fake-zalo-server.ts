// An offline fake of the Zalo Web endpoints that the real zca-js 2.2.0 `API` talks to, on 127.0.0.1.
// HTTP: `params` (query or urlencoded body) are AES-256-CBC with a zero IV and the base64 session
// secretKey; replies are { error_code: 0, data: AES(JSON{ error_code: 0, data }) } (utils.js handleZaloResponse).
// WebSocket: frames are a 4-byte header [version u8, cmd u16le, subCmd u8] + JSON (apis/listen.js).
// The WebSocket side is hand-rolled on node:http 'upgrade' (RFC 6455, server half only) because the
// project has no typings for `ws`, and because a close with code 1006 can only be produced by
// dropping the TCP socket, which `ws` refuses to send as a close code anyway.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { deflateSync } from 'node:zlib';
import { CookieJar } from 'tough-cookie';
import {
  API,
  type ContextSession,
  type CreateReminderGroup,
  type GetReminderResponse,
  type GroupInfo,
  type GroupInfoResponse,
  type GroupMemberProfile,
  type PollDetail,
  type PollOptions,
  type ReminderListGroup,
  type TGroupEventRemindRespond,
  type TGroupMessage,
  type TMention,
  type TMessage,
  type TQuote,
  type User,
  type ZPWServiceMap,
} from 'zca-js';

type Params = Record<string, unknown>;

export interface FakeZaloCall {
  path: string;
  method: string;
  /** Decrypted `params`, or null when the request carried none. */
  params: Params | null;
  /** Set when the fake answered with a Zalo error (failNext, bad params, not faked). */
  error?: FakeZaloErrorReply;
}
export interface FakeZaloErrorReply { error_code: number; error_message: string }
export interface FakeMention { uid: string; pos: number; len: number }
/** What the bot sent through sendMessage, in a form tests can assert on. */
export interface SentMessage {
  threadId: string;
  threadType: 'group' | 'user';
  text: string;
  mentions?: FakeMention[];
  /** The id returned to zca-js as `message.msgId`. */
  msgId: number;
  /** Set for quote replies (/api/group/quote, /api/message/quote). */
  quoteMsgId?: string;
  path: string;
}
export interface SentReaction {
  threadId: string;
  threadType: 'group' | 'user';
  icon: string;
  rType: number;
  msgId: string;
  cliMsgId: string;
}
export interface FakeQuote {
  /** Id of the quoted message. */
  msgId: string;
  ownerId: string;
  text: string;
  cliMsgId?: string;
  ts?: number;
}
export interface PushMessageOptions {
  mentions?: (FakeMention & { type?: 0 | 1 })[];
  quote?: FakeQuote;
  /** Reusing an id that was already pushed re-delivers the stored message unchanged. */
  msgId?: string;
}
export interface FakeZaloOptions {
  /** The logged-in account (poll creator, reminder creator, default for connectZaloApi). */
  ownId?: string;
  /** WS payload encoding: 2 = AES-GCM + deflate as real Zalo does (default), 0 = plain JSON. */
  wsEncrypt?: 0 | 2;
}
export interface FakeGroupOptions { creatorId?: string; adminIds?: string[] }
export interface FakeReminder {
  id: string;
  groupId: string;
  title: string;
  emoji: string;
  color: number;
  startTime: number;
  repeat: number;
  creatorId: string;
  editorId: string;
  createTime: number;
  editTime: number;
  accepted: string[];
  rejected: string[];
}

interface FakeGroup { groupId: string; name: string; memberUids: string[]; creatorId: string; adminIds: string[]; createdTime: number }
interface FakePoll {
  id: number;
  groupId: string;
  question: string;
  options: { option_id: number; content: string }[];
  /** uid -> chosen option ids, in voting order; an empty choice is deleted. */
  choices: Map<string, number[]>;
  closed: boolean;
  allowMulti: boolean;
  allowAddNewOption: boolean;
  anonymous: boolean;
  hideVotePreview: boolean;
  expiredTime: number;
  createdTime: number;
  updatedTime: number;
}
interface StoredMessage { kind: 'group' | 'user'; msg: TMessage | TGroupMessage }
interface WsConn { socket: Socket; cipherKey: Buffer; buffer: Buffer; closing: boolean; ready: boolean }
type Handler = (params: Params, path: string) => unknown;

/** Thrown inside handlers to answer with a Zalo error envelope. */
class ZaloReplyError extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

/** Errors real Zalo returned to zca-js users (codes and texts from zca-js issues #114/#173, #229, #307). */
export const ZALO_ERRORS = {
  rateLimited: { error_code: 221, error_message: 'Vượt quá số request cho phép' },
  cannotReceive: { error_code: 123, error_message: 'Không thể nhận tin nhắn từ bạn.' },
  strangerBlocked: { error_code: 122, error_message: 'Bạn chưa thể gửi tin nhắn đến người này vì người này chặn không nhận tin nhắn từ người lạ.' },
} as const satisfies Record<string, FakeZaloErrorReply>;

const ZERO_IV = Buffer.alloc(16);
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Codes the fake invents for its own validation errors (real Zalo codes for these are unknown). */
const BAD_PARAMS = 114;
const NOT_FOUND = 404;

// Param readers: zca-js sends numbers as numbers and ids as strings, but be lenient on both.
function str(p: Params, key: string): string {
  const v = p[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new ZaloReplyError(BAD_PARAMS, `fake: missing string param ${key}`);
}
function num(p: Params, key: string): number {
  const v = p[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new ZaloReplyError(BAD_PARAMS, `fake: missing number param ${key}`);
}
function optNum(p: Params, key: string, fallback: number): number {
  return p[key] === undefined ? fallback : num(p, key);
}
function strArray(p: Params, key: string): string[] {
  const v = p[key];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  throw new ZaloReplyError(BAD_PARAMS, `fake: param ${key} is not a string[]`);
}
function isRecord(v: unknown): v is Params {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function parseJsonParam(p: Params, key: string): unknown {
  try {
    return JSON.parse(str(p, key));
  } catch (e) {
    if (e instanceof ZaloReplyError) throw e;
    throw new ZaloReplyError(BAD_PARAMS, `fake: param ${key} is not JSON`);
  }
}
function toMentions(raw: unknown): FakeMention[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((m) => ({ uid: String(m.uid), pos: Number(m.pos), len: Number(m.len) }));
}

export class FakeZaloServer {
  readonly ownId: string;
  /** Every HTTP call zca-js made, in order, with decrypted params. */
  readonly calls: FakeZaloCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly reactions: SentReaction[] = [];
  /** Paths that were called but are not faked (also answered with error 404 'not faked: <path>'). */
  readonly unhandled: string[] = [];
  /** The session secretKey (zpw_enk): 32 bytes, so zca-js' CryptoJS picks AES-256. */
  readonly secretKey = randomBytes(32).toString('base64');

  private readonly wsEncrypt: 0 | 2;
  private readonly server = http.createServer((req, res) => void this.onHttp(req, res));
  private port = 0;
  private nextId = 100_000;
  private readonly conns = new Set<WsConn>();
  private readonly connWaiters = new Set<() => void>();
  private readonly sentWaiters = new Set<() => void>();
  private readonly groups = new Map<string, FakeGroup>();
  private readonly users = new Map<string, string>();
  private readonly friends = new Set<string>();
  private readonly polls = new Map<number, FakePoll>();
  private readonly reminders = new Map<string, FakeReminder>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly failures = new Map<string, { reply: FakeZaloErrorReply; times: number }>();
  private readonly handlers: Record<string, Handler>;

  constructor(options: FakeZaloOptions = {}) {
    this.ownId = options.ownId ?? '999';
    this.wsEncrypt = options.wsEncrypt ?? 2;
    this.server.on('upgrade', (req, socket) => this.onUpgrade(req, socket as Socket));
    this.handlers = {
      '/api/group/sendmsg': (p, path) => this.recordSend(p, path, 'group'),
      '/api/group/mention': (p, path) => this.recordSend(p, path, 'group'),
      '/api/group/quote': (p, path) => this.recordSend(p, path, 'group'),
      '/api/message/sms': (p, path) => this.recordSend(p, path, 'user'),
      '/api/message/quote': (p, path) => this.recordSend(p, path, 'user'),
      '/api/group/reaction': (p) => this.recordReaction(p, 'group'),
      '/api/message/reaction': (p) => this.recordReaction(p, 'user'),
      '/api/poll/create': (p) => this.createPoll(p),
      '/api/poll/detail': (p) => this.pollDetail(this.poll(num(p, 'poll_id'))),
      '/api/poll/end': (p) => { this.poll(num(p, 'poll_id')).closed = true; return ''; },
      '/api/poll/vote': (p) => this.voteAsOwner(p),
      '/api/board/topic/createv2': (p) => this.createReminder(p),
      '/api/board/topic/updatev2': (p) => this.editReminder(p),
      '/api/board/topic/remove': (p) => { this.reminders.delete(this.reminder(str(p, 'topicId')).id); return ''; },
      '/api/board/topic/getReminder': (p) => this.reminderDetail(this.reminder(str(p, 'eventId'))),
      '/api/board/listReminder': (p) => this.listReminders(p),
      '/api/board/topic/listResponseEvent': (p) => {
        const r = this.reminder(str(p, 'eventId'));
        return { acceptMember: [...r.accepted], rejectMember: [...r.rejected] };
      },
      '/api/group/getmg-v2': (p) => this.groupInfo(p),
      '/api/social/group/members': (p) => this.memberProfiles(p),
      '/api/social/friend/getfriends': () => [...this.friends].map((uid) => this.userRecord(uid)),
      '/api/social/friend/getprofiles/v2': (p) => ({
        unchanged_profiles: {},
        phonebook_version: 0,
        changed_profiles: Object.fromEntries(strArray(p, 'friend_pversion_map')
          .map((v) => v.split('_')[0] ?? v).filter((uid) => this.users.has(uid)).map((uid) => [uid, this.userRecord(uid)])),
      }),
    };
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const conn of this.conns) conn.socket.destroy();
    this.conns.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get baseUrl(): string { return `http://127.0.0.1:${this.port}`; }
  get wsUrl(): string { return `ws://127.0.0.1:${this.port}/ws`; }
  /** Open WebSocket connections. */
  get connections(): number { return [...this.conns].filter((c) => !c.closing).length; }

  // ---------- fixtures ----------

  addUser(uid: string, displayName: string): void { this.users.set(uid, displayName); }

  addFriend(uid: string): void {
    if (!this.users.has(uid)) throw new Error(`fake zalo: addUser('${uid}', …) before addFriend`);
    this.friends.add(uid);
  }

  /** The first member is the creator unless told otherwise. */
  addGroup(groupId: string, name: string, memberUids: string[], options: FakeGroupOptions = {}): void {
    const creatorId = options.creatorId ?? memberUids[0] ?? this.ownId;
    this.groups.set(groupId, { groupId, name, memberUids: [...memberUids], creatorId, adminIds: options.adminIds ?? [], createdTime: Date.now() });
  }

  // ---------- test controls ----------

  /** The next `times` calls to `path` (e.g. '/api/group/sendmsg') answer with this Zalo error. */
  failNext(path: string, error: FakeZaloErrorReply, times = 1): void {
    this.failures.set(path, { reply: { ...error }, times });
  }

  /** Delivers a group message (WS cmd 521) from a member; returns its msgId. */
  pushGroupMessage(groupId: string, fromUid: string, text: string, options: PushMessageOptions = {}): string {
    const again = this.redelivery(options.msgId, 'group');
    if (again) return again;
    const base = this.baseMessage(521, fromUid, groupId, text, options);
    const msg: TGroupMessage = {
      ...base,
      mentions: options.mentions?.map((m): TMention => ({ uid: m.uid, pos: m.pos, len: m.len, type: m.type ?? (m.uid === '-1' ? 1 : 0) })),
    };
    this.messages.set(msg.msgId, { kind: 'group', msg });
    this.broadcast(521, 0, { groupMsgs: [msg] });
    return msg.msgId;
  }

  /** Delivers a private message to the bot (WS cmd 501); the listener's threadId is the sender. */
  pushUserMessage(fromUid: string, text: string, options: Omit<PushMessageOptions, 'mentions'> = {}): string {
    const again = this.redelivery(options.msgId, 'user');
    if (again) return again;
    const msg = this.baseMessage(501, fromUid, this.ownId, text, options);
    this.messages.set(msg.msgId, { kind: 'user', msg });
    this.broadcast(501, 0, { msgs: [msg] });
    return msg.msgId;
  }

  /** A member's vote: replaces their choice; [] retracts. Throws on closed polls or bad options. */
  votePoll(pollId: number, uid: string, optionIds: number[]): PollDetail {
    const poll = this.polls.get(pollId);
    if (!poll) throw new Error(`fake zalo: no poll ${pollId}`);
    if (poll.closed) throw new Error(`fake zalo: poll ${pollId} is closed`);
    const group = this.groups.get(poll.groupId);
    if (group && !group.memberUids.includes(uid) && uid !== this.ownId) throw new Error(`fake zalo: ${uid} is not in group ${poll.groupId}`);
    const unknown = optionIds.filter((id) => !poll.options.some((o) => o.option_id === id));
    if (unknown.length) throw new Error(`fake zalo: poll ${pollId} has no option ${unknown.join(',')}`);
    if (!poll.allowMulti && optionIds.length > 1) throw new Error(`fake zalo: poll ${pollId} allows one choice`);
    poll.choices.delete(uid); // re-insert so voters stay in voting order
    if (optionIds.length) poll.choices.set(uid, [...new Set(optionIds)]);
    poll.updatedTime = Date.now();
    return this.pollDetail(poll);
  }

  /** A member answers a reminder in the Zalo UI: updates responses and pushes the WS group event. */
  respondReminder(reminderId: string, uid: string, answer: 'accept' | 'reject'): void {
    const r = this.reminders.get(reminderId);
    if (!r) throw new Error(`fake zalo: no reminder ${reminderId}`);
    r.accepted = r.accepted.filter((u) => u !== uid);
    r.rejected = r.rejected.filter((u) => u !== uid);
    (answer === 'accept' ? r.accepted : r.rejected).push(uid);
    const data: TGroupEventRemindRespond = { topicId: r.id, updateMembers: [uid], groupId: r.groupId, time: String(Date.now()) };
    // listen.js cmd 601: controls[].content { act_type: 'group', act, data (JSON string or object) }
    this.broadcast(601, 0, { controls: [{ content: { act_type: 'group', act: `${answer}_remind`, data: JSON.stringify(data) } }] });
  }

  /** Closes every listener socket. 1006 drops TCP without a close frame (that is what 1006 means). */
  closeSockets(code: number, reason = ''): void {
    for (const conn of this.conns) {
      if (code === 1006) {
        conn.socket.destroy();
        this.conns.delete(conn);
        continue;
      }
      const why = Buffer.from(reason);
      const payload = Buffer.alloc(2 + why.length);
      payload.writeUInt16BE(code, 0);
      why.copy(payload, 2);
      this.writeFrame(conn, 0x8, payload);
      conn.closing = true;
      // The client answers with its own close frame (handled in onWsData); don't wait forever.
      setTimeout(() => { conn.socket.destroy(); this.conns.delete(conn); }, 1000).unref();
    }
  }

  /** Zalo's "another tab opened" signal (WS cmd 3000): zca-js itself then closes with code 3000. */
  signalDuplicateConnection(): void {
    this.broadcastRaw(3000, 0, {});
  }

  /** Resolves once a listener is connected and has been sent its cipher key (at once if one already is). */
  waitForConnection(timeoutMs = 2000): Promise<void> {
    if ([...this.conns].some((c) => c.ready && !c.closing)) return Promise.resolve();
    return this.waitFor(this.connWaiters, () => [...this.conns].some((c) => c.ready && !c.closing), timeoutMs, 'a listener connection')
      .then(() => undefined);
  }

  /** Resolves with the first sent message matching `predicate` (already sent or sent later). */
  waitForSent(predicate: (m: SentMessage) => boolean = () => true, timeoutMs = 2000): Promise<SentMessage> {
    const find = () => this.sent.find(predicate);
    return this.waitFor(this.sentWaiters, find, timeoutMs, 'a matching sendMessage');
  }

  /** Current poll state as zca-js' getPollDetail would see it. */
  getPoll(pollId: number): PollDetail | undefined {
    const poll = this.polls.get(pollId);
    return poll && this.pollDetail(poll);
  }

  /** Every poll created so far, oldest first, as getPollDetail would see it. */
  allPolls(): PollDetail[] {
    return [...this.polls.values()].map((p) => this.pollDetail(p));
  }

  /** Every reminder still standing, oldest first. */
  allReminders(): FakeReminder[] {
    return [...this.reminders.keys()].map((id) => this.getReminder(id)!);
  }

  getReminder(reminderId: string): FakeReminder | undefined {
    const r = this.reminders.get(reminderId);
    return r && { ...r, accepted: [...r.accepted], rejected: [...r.rejected] };
  }

  // ---------- HTTP ----------

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const call: FakeZaloCall = { path: url.pathname, method: req.method ?? 'GET', params: null };
    this.calls.push(call);
    let data: unknown;
    try {
      const raw = url.searchParams.get('params') ?? new URLSearchParams(body).get('params');
      if (raw) call.params = this.decryptParams(raw);
      const failure = this.failures.get(url.pathname);
      if (failure) {
        if (--failure.times <= 0) this.failures.delete(url.pathname);
        throw new ZaloReplyError(failure.reply.error_code, failure.reply.error_message);
      }
      const handler = this.handlers[url.pathname];
      if (!handler) {
        this.unhandled.push(url.pathname);
        throw new ZaloReplyError(NOT_FOUND, `not faked: ${url.pathname}`);
      }
      data = handler(call.params ?? {}, url.pathname);
    } catch (e) {
      const err = e instanceof ZaloReplyError ? e : new ZaloReplyError(500, `fake zalo crashed: ${(e as Error).message}`);
      call.error = { error_code: err.code, error_message: err.message };
      // Outer envelope error: handleZaloResponse turns it into ZaloApiError(error_message, error_code).
      // HTTP status stays 200, otherwise zca-js only says "Request failed with status code N".
      return this.json(res, call.error);
    }
    const inner = JSON.stringify({ error_code: 0, error_message: '', data });
    this.json(res, { error_code: 0, error_message: '', data: this.encryptAes(inner) });
  }

  private json(res: http.ServerResponse, body: unknown): void {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  }

  private decryptParams(raw: string): Params {
    const d = createDecipheriv('aes-256-cbc', Buffer.from(this.secretKey, 'base64'), ZERO_IV);
    const text = Buffer.concat([d.update(Buffer.from(raw, 'base64')), d.final()]).toString('utf8');
    const parsed: unknown = JSON.parse(text);
    if (!isRecord(parsed)) throw new ZaloReplyError(BAD_PARAMS, 'fake: params is not an object');
    return parsed;
  }

  private encryptAes(text: string): string {
    const c = createCipheriv('aes-256-cbc', Buffer.from(this.secretKey, 'base64'), ZERO_IV);
    return Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
  }

  private newId(): number { return this.nextId++; }

  private recordSend(p: Params, path: string, threadType: 'group' | 'user'): { msgId: number } {
    const msgId = this.newId();
    const mentionInfo = p.mentionInfo === undefined ? undefined : toMentions(parseJsonParam(p, 'mentionInfo'));
    const entry: SentMessage = {
      threadId: str(p, threadType === 'group' ? 'grid' : 'toid'),
      threadType,
      text: str(p, 'message'),
      msgId,
      path,
    };
    if (mentionInfo?.length) entry.mentions = mentionInfo;
    if (p.qmsgId !== undefined) entry.quoteMsgId = str(p, 'qmsgId');
    this.sent.push(entry);
    for (const wake of this.sentWaiters) wake();
    return { msgId };
  }

  private recordReaction(p: Params, threadType: 'group' | 'user'): { msgIds: number[] } {
    const list = p.react_list;
    const first = Array.isArray(list) && isRecord(list[0]) ? list[0] : undefined;
    const message: unknown = first && typeof first.message === 'string' ? JSON.parse(first.message) : undefined;
    if (!isRecord(message) || !Array.isArray(message.rMsg) || !isRecord(message.rMsg[0])) {
      throw new ZaloReplyError(BAD_PARAMS, 'fake: bad react_list');
    }
    const target = message.rMsg[0];
    this.reactions.push({
      threadId: str(p, threadType === 'group' ? 'grid' : 'toid'),
      threadType,
      icon: String(message.rIcon),
      rType: Number(message.rType),
      msgId: String(target.gMsgID),
      cliMsgId: String(target.cMsgID),
    });
    return { msgIds: [this.newId()] };
  }

  // ---------- polls ----------

  private poll(id: number): FakePoll {
    const poll = this.polls.get(id);
    if (!poll) throw new ZaloReplyError(NOT_FOUND, `fake: no poll ${id}`);
    return poll;
  }

  private createPoll(p: Params): PollDetail {
    const id = this.newId();
    const now = Date.now();
    const poll: FakePoll = {
      id,
      groupId: str(p, 'group_id'),
      question: str(p, 'question'),
      options: strArray(p, 'options').map((content, i) => ({ option_id: i + 1, content })),
      choices: new Map(),
      closed: false,
      allowMulti: p.allow_multi_choices === true,
      allowAddNewOption: p.allow_add_new_option === true,
      anonymous: p.is_anonymous === true,
      hideVotePreview: p.is_hide_vote_preview === true,
      expiredTime: optNum(p, 'expired_time', 0),
      createdTime: now,
      updatedTime: now,
    };
    this.polls.set(id, poll);
    return this.pollDetail(poll);
  }

  private voteAsOwner(p: Params): { options: PollOptions[] } {
    const poll = this.poll(num(p, 'poll_id'));
    const ids = p.option_ids;
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'number')) throw new ZaloReplyError(BAD_PARAMS, 'fake: bad option_ids');
    if (poll.closed) throw new ZaloReplyError(BAD_PARAMS, `fake: poll ${poll.id} is closed`);
    return { options: this.votePoll(poll.id, this.ownId, ids).options };
  }

  private pollDetail(poll: FakePoll): PollDetail {
    const own = poll.choices.get(this.ownId) ?? [];
    const options = poll.options.map((o): PollOptions => {
      const voters = [...poll.choices].filter(([, ids]) => ids.includes(o.option_id)).map(([uid]) => uid);
      return { option_id: o.option_id, content: o.content, votes: voters.length, voted: own.includes(o.option_id), voters: poll.anonymous ? [] : voters };
    });
    return {
      creator: this.ownId,
      question: poll.question,
      options,
      joined: own.length > 0,
      closed: poll.closed,
      poll_id: poll.id,
      allow_multi_choices: poll.allowMulti,
      allow_add_new_option: poll.allowAddNewOption,
      is_anonymous: poll.anonymous,
      poll_type: 0,
      created_time: poll.createdTime,
      updated_time: poll.updatedTime,
      expired_time: poll.expiredTime,
      is_hide_vote_preview: poll.hideVotePreview,
      num_vote: poll.choices.size,
    };
  }

  // ---------- reminders ----------

  private reminder(id: string): FakeReminder {
    const r = this.reminders.get(id);
    if (!r) throw new ZaloReplyError(NOT_FOUND, `fake: no reminder ${id}`);
    return r;
  }

  private reminderTitle(p: Params): string {
    const params = parseJsonParam(p, 'params');
    if (!isRecord(params) || typeof params.title !== 'string') throw new ZaloReplyError(BAD_PARAMS, 'fake: params.title missing');
    return params.title;
  }

  private createReminder(p: Params): CreateReminderGroup {
    const now = Date.now();
    const r: FakeReminder = {
      id: String(this.newId()),
      groupId: str(p, 'grid'),
      title: this.reminderTitle(p),
      emoji: typeof p.emoji === 'string' ? p.emoji : '',
      color: optNum(p, 'color', -16245706),
      startTime: optNum(p, 'startTime', now),
      repeat: optNum(p, 'repeat', 0),
      creatorId: this.ownId,
      editorId: this.ownId,
      createTime: now,
      editTime: now,
      accepted: [],
      rejected: [],
    };
    this.reminders.set(r.id, r);
    return this.reminderView(r);
  }

  private editReminder(p: Params): CreateReminderGroup {
    const r = this.reminder(str(p, 'topicId'));
    if (str(p, 'grid') !== r.groupId) throw new ZaloReplyError(BAD_PARAMS, `fake: reminder ${r.id} is not in group ${str(p, 'grid')}`);
    r.title = this.reminderTitle(p);
    if (typeof p.emoji === 'string') r.emoji = p.emoji;
    r.color = optNum(p, 'color', r.color);
    r.startTime = optNum(p, 'startTime', r.startTime);
    r.repeat = optNum(p, 'repeat', r.repeat);
    r.editorId = this.ownId;
    r.editTime = Date.now();
    return this.reminderView(r);
  }

  private reminderView(r: FakeReminder): CreateReminderGroup {
    return {
      id: r.id, groupId: r.groupId, params: { title: r.title }, emoji: r.emoji, color: r.color, startTime: r.startTime,
      repeat: r.repeat, creatorId: r.creatorId, editorId: r.editorId, createTime: r.createTime, editTime: r.editTime,
      eventType: 0, type: 0, duration: -1, repeatInfo: null, repeatData: [],
    };
  }

  private reminderDetail(r: FakeReminder): GetReminderResponse {
    // myResp encoding (0 none / 1 accepted / 2 rejected) is the fake's guess.
    const myResp = r.accepted.includes(this.ownId) ? 1 : r.rejected.includes(this.ownId) ? 2 : 0;
    return { ...this.reminderView(r), responseMem: { acceptMember: r.accepted.length, rejectMember: r.rejected.length, myResp } };
  }

  private listReminders(p: Params): string {
    const data = parseJsonParam(p, 'objectData');
    if (!isRecord(data) || typeof data.group_id !== 'string') throw new ZaloReplyError(BAD_PARAMS, 'fake: objectData.group_id missing');
    const groupId = data.group_id;
    const list = [...this.reminders.values()].filter((r) => r.groupId === groupId)
      .map((r) => ({ ...this.reminderDetail(r), repeatInfo: { list_ts: [] } }));
    // getListReminder JSON.parses result.data: this endpoint's data is a JSON string.
    return JSON.stringify(list satisfies ReminderListGroup[]);
  }

  // ---------- groups and users ----------

  private displayName(uid: string): string { return this.users.get(uid) ?? `User ${uid}`; }

  private groupInfo(p: Params): GroupInfoResponse {
    const requested = parseJsonParam(p, 'gridVerMap');
    if (!isRecord(requested)) throw new ZaloReplyError(BAD_PARAMS, 'fake: gridVerMap is not an object');
    const gridInfoMap: GroupInfoResponse['gridInfoMap'] = {};
    for (const id of Object.keys(requested)) {
      const g = this.groups.get(id);
      if (!g) continue; // unknown groups are simply absent
      const info: GroupInfo = {
        groupId: g.groupId, name: g.name, desc: '', type: 1, creatorId: g.creatorId, version: '0', avt: '', fullAvt: '',
        // Real Zalo often leaves memberIds/currentMems empty for larger groups; memVerList is the member list to use.
        memberIds: [], adminIds: [...g.adminIds], currentMems: [], updateMems: [], admins: [], hasMoreMember: 0, subType: 0,
        totalMember: g.memberUids.length, maxMember: 1000,
        setting: {
          blockName: 0, signAdminMsg: 0, addMemberOnly: 0, setTopicOnly: 0, enableMsgHistory: 1, joinAppr: 0, lockCreatePost: 0,
          lockCreatePoll: 0, lockSendMsg: 0, lockViewMember: 0, bannFeature: 0, dirtyMedia: 0, banDuration: 0,
        },
        createdTime: g.createdTime, visibility: 0, globalId: `G${g.groupId}`, e2ee: 0, extraInfo: { enable_media_store: 0 },
      };
      gridInfoMap[id] = { ...info, memVerList: g.memberUids.map((uid) => `${uid}_0`), pendingApprove: { time: 0, uids: null } };
    }
    return { removedsGroup: [], unchangedsGroup: [], gridInfoMap };
  }

  private memberProfiles(p: Params): { profiles: Record<string, GroupMemberProfile>; unchangeds_profile: unknown[] } {
    const profiles: Record<string, GroupMemberProfile> = {};
    for (const entry of strArray(p, 'friend_pversion_map')) {
      const uid = entry.split('_')[0] ?? entry;
      if (!this.users.has(uid)) continue; // unknown uids get no profile, as for an invalid account
      const name = this.displayName(uid);
      profiles[uid] = { id: uid, displayName: name, zaloName: name, avatar: '', accountStatus: 0, type: 1, lastUpdateTime: 0, globalId: `U${uid}` };
    }
    return { profiles, unchangeds_profile: [] };
  }

  private userRecord(uid: string): User {
    const name = this.displayName(uid);
    return {
      userId: uid, username: '', displayName: name, zaloName: name, avatar: '', bgavatar: '', cover: '', gender: 0, dob: 0, sdob: '',
      status: '', phoneNumber: '', isFr: this.friends.has(uid) ? 1 : 0, isBlocked: 0, lastActionTime: 0, lastUpdateTime: 0,
      isActive: 1, key: 0, type: 1, isActivePC: 0, isActiveWeb: 0, isValid: 1, userKey: '', accountStatus: 0, oaInfo: null,
      user_mode: 0, globalId: `U${uid}`, bizPkg: { label: null, pkgId: 0 }, createdTs: 0, oa_status: null,
    };
  }

  // ---------- pushed messages ----------

  private redelivery(msgId: string | undefined, kind: 'group' | 'user'): string | undefined {
    const stored = msgId === undefined ? undefined : this.messages.get(msgId);
    if (!stored) return undefined;
    if (stored.kind !== kind) throw new Error(`fake zalo: msgId ${msgId} was a ${stored.kind} message`);
    this.broadcast(kind === 'group' ? 521 : 501, 0, kind === 'group' ? { groupMsgs: [stored.msg] } : { msgs: [stored.msg] });
    return stored.msg.msgId;
  }

  private baseMessage(cmd: 501 | 521, fromUid: string, idTo: string, text: string, options: Omit<PushMessageOptions, 'mentions'>): TMessage {
    const msgId = options.msgId ?? String(this.newId());
    const cliMsgId = String(this.newId());
    const ts = String(Date.now());
    const quote: TQuote | undefined = options.quote && {
      ownerId: options.quote.ownerId,
      cliMsgId: Number(options.quote.cliMsgId ?? 0),
      globalMsgId: Number(options.quote.msgId),
      cliMsgType: 1,
      ts: options.quote.ts ?? Date.now(),
      msg: options.quote.text,
      attach: '',
      fromD: this.displayName(options.quote.ownerId),
      ttl: 0,
    };
    return {
      actionId: msgId, msgId, cliMsgId, msgType: 'webchat',
      // zca-js marks its own account's messages by uidFrom "0".
      uidFrom: fromUid === this.ownId ? '0' : fromUid,
      idTo, dName: this.displayName(fromUid), ts, status: 1, content: text, notify: '1', ttl: 0, userId: '0', uin: '0',
      topOut: '0', topOutTimeOut: '0', topOutImprTimeOut: '0', propertyExt: undefined,
      paramsExt: { countUnread: 1, containType: 0, platformType: 1 }, cmd, st: 3, at: 5,
      realMsgId: '0', quote,
    };
  }

  // ---------- WebSocket ----------

  private onUpgrade(req: http.IncomingMessage, socket: Socket): void {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    // No Sec-WebSocket-Extensions in the answer: permessage-deflate is declined, frames stay plain.
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.setNoDelay(true);
    const conn: WsConn = { socket, cipherKey: randomBytes(16), buffer: Buffer.alloc(0), closing: false, ready: false };
    this.conns.add(conn);
    socket.on('data', (chunk: Buffer) => this.onWsData(conn, chunk));
    socket.on('close', () => this.conns.delete(conn));
    socket.on('error', () => this.conns.delete(conn));
    // cmd 1 / subCmd 1 carries the key used for encrypt:2 payloads.
    this.sendWs(conn, 1, 1, { key: conn.cipherKey.toString('base64') });
    conn.ready = true;
    for (const wake of this.connWaiters) wake();
  }

  /** Parses client frames (always masked); only close and ping need an answer. */
  private onWsData(conn: WsConn, chunk: Buffer): void {
    conn.buffer = Buffer.concat([conn.buffer, chunk]);
    for (;;) {
      const b = conn.buffer;
      if (b.length < 2) return;
      const opcode = b[0]! & 0x0f;
      const masked = (b[1]! & 0x80) !== 0;
      let len = b[1]! & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (b.length < 4) return;
        len = b.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (b.length < 10) return;
        len = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (b.length < offset + len) return;
      const payload = Buffer.from(b.subarray(offset, offset + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= b[maskAt + (i % 4)]!;
      conn.buffer = b.subarray(offset + len);
      if (opcode === 0x8) {
        if (!conn.closing) this.writeFrame(conn, 0x8, payload.subarray(0, 2)); // echo the code, as RFC 6455 asks
        conn.closing = true;
        conn.socket.end();
        return;
      }
      if (opcode === 0x9) this.writeFrame(conn, 0xa, payload);
      // Binary frames are zca-js pings (cmd 2) or history requests: nothing to answer.
    }
  }

  private writeFrame(conn: WsConn, opcode: number, payload: Buffer): void {
    if (conn.socket.destroyed || conn.closing) return;
    const len = payload.length;
    const header = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    if (len < 126) header[1] = len;
    else if (len < 65536) { header[1] = 126; header.writeUInt16BE(len, 2); } else { header[1] = 127; header.writeBigUInt64BE(BigInt(len), 2); }
    conn.socket.write(Buffer.concat([header, payload]));
  }

  private sendWs(conn: WsConn, cmd: number, subCmd: number, body: unknown): void {
    const json = Buffer.from(JSON.stringify(body));
    const header = Buffer.alloc(4);
    header.writeUInt8(1, 0);
    header.writeUInt16LE(cmd, 1);
    header.writeUInt8(subCmd, 3);
    this.writeFrame(conn, 0x2, Buffer.concat([header, json]));
  }

  /** Sends an event the way decodeEventData reads it: { encrypt, data } wrapping { data: payload }. */
  private broadcast(cmd: number, subCmd: number, payload: unknown): void {
    const inner = JSON.stringify({ data: payload, error_code: 0 });
    for (const conn of this.conns) {
      if (this.wsEncrypt === 0) {
        this.sendWs(conn, cmd, subCmd, { encrypt: 0, data: inner });
        continue;
      }
      // encrypt 2: base64(iv16 | aad16 | AES-GCM(deflate(json)) | tag16), URI-encoded.
      const iv = randomBytes(16);
      const aad = randomBytes(16);
      const cipher = createCipheriv('aes-128-gcm', conn.cipherKey, iv);
      cipher.setAAD(aad);
      const enc = Buffer.concat([cipher.update(deflateSync(Buffer.from(inner))), cipher.final(), cipher.getAuthTag()]);
      this.sendWs(conn, cmd, subCmd, { encrypt: 2, data: encodeURIComponent(Buffer.concat([iv, aad, enc]).toString('base64')) });
    }
  }

  private broadcastRaw(cmd: number, subCmd: number, body: unknown): void {
    for (const conn of this.conns) this.sendWs(conn, cmd, subCmd, body);
  }

  private waitFor<T>(waiters: Set<() => void>, check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const wake = () => {
        const value = check();
        if (!value) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve(value);
      };
      const timer = setTimeout(() => { waiters.delete(wake); reject(new Error(`fake zalo: timed out waiting for ${what}`)); }, timeoutMs);
      waiters.add(wake);
    });
  }
}

/** Every zca-js service name pointed at the fake (typed, so a new key in zca-js shows up in tsc). */
function serviceMap(baseUrl: string): ZPWServiceMap {
  const u = [baseUrl];
  return {
    other_contact: u, chat_e2e: u, workspace: u, catalog: u, boards: u, downloadStickerUrl: u, sp_contact: u, zcloud_up_file: u,
    media_store_send2me: u, push_act: u, aext: u, zfamily: u, group_poll: u, group_cloud_message: u, media_store: u, file: u,
    auto_reply: u, sync_action: u, friendLan: u, friend: u, alias: u, zimsg: u, group_board: u, conversation: u, group: u,
    fallback_LP: u, friend_board: u, up_file: u, zavi: u, reaction: u, voice_call: u, profile: u, sticker: u, label: u,
    consent: u, zcloud: u, chat: u, todoUrl: u, recent_search: u, group_e2e: u, quick_message: u,
  };
}

export interface ConnectOptions {
  /** Let the listener emit the account's own messages (uidFrom "0"). */
  selfListen?: boolean;
}

/**
 * The real zca-js `API`, wired to the fake. Builds by hand the ContextSession that Zalo.login() would
 * build from getLoginInfo/getServerInfo (which are the only parts of zca-js not exercised).
 */
export async function connectZaloApi(server: FakeZaloServer, ownId: string = server.ownId, options: ConnectOptions = {}): Promise<API> {
  const services = serviceMap(server.baseUrl);
  const ctx: ContextSession = {
    uid: ownId,
    imei: 'fake-imei',
    cookie: new CookieJar(),
    userAgent: 'Mozilla/5.0 (fake-zalo test)',
    language: 'vi',
    secretKey: server.secretKey,
    zpwServiceMap: services,
    settings: {
      features: {
        sharefile: {
          big_file_domain_list: [], max_size_share_file_v2: 1, max_size_share_file_v3: 1, file_upload_show_icon_1GB: false,
          restricted_ext: '', next_file_time: 0, max_file: 10, max_size_photo: 1, max_size_share_file: 1, max_size_resize_photo: 1,
          max_size_gif: 1, max_size_original_photo: 1, chunk_size_file: 1, restricted_ext_file: [],
        },
        socket: {
          // No retry codes: on close the listener emits 'closed' and the bot decides what to do.
          rotate_error_codes: [], retries: {}, debug: { enable: false }, ping_interval: 60_000, reset_endpoint: 0,
          queue_ctrl_actionid_map: { '611_0': '', '610_1': '', '610_0': '', '603_0': '', '611_1': '' },
          close_and_retry_codes: [], max_msg_size: 1_000_000, enable_ctrl_socket: true, reconnect_after_fallback: false,
          enable_chat_socket: true, submit_wss_log: false, disable_lp: true, offline_monitor: { enable: false },
        },
      },
      keepalive: { alway_keepalive: 0, keepalive_duration: 0, time_deactive: 0 },
    },
    loginInfo: { haspcclient: 0, public_ip: '127.0.0.1', language: 'vi', send2me_id: ownId, zpw_service_map_v3: services },
    extraVer: { phonebook: 0, conv_label: '', friend: '', ver_sticker_giphy_suggest: 0, ver_giphy_cate: 0, alias: '', ver_sticker_cate_list: 0, block_friend: '' },
    uploadCallbacks: new Map(),
    API_TYPE: 30,
    API_VERSION: 685,
    options: {
      selfListen: options.selfListen ?? false,
      checkUpdate: false,
      logging: false,
      apiType: 30,
      apiVersion: 685,
      polyfill: (input, init) => globalThis.fetch(input, init), // late-bound, so test fetch guards apply
    },
  };
  return new API(ctx, services, [server.wsUrl]);
}
