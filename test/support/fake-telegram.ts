// An offline fake of the Telegram Bot API (the subset this project uses), served by node:http on
// 127.0.0.1 and meant to be telegraf's `apiRoot`. Bot side: POST /bot<token>/<method> with JSON,
// urlencoded or multipart bodies, answered like Telegram ({ ok, result } or { ok:false, error_code,
// description, parameters? }). Test side: user()/group() build fixtures, inject*() create updates
// (served by long polling, or POSTed to the webhook), `sent`/messagesIn()/waitFor() read what the bot did.
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BotCommand, CallbackQuery, Chat, ChatMember, Document, File, InlineKeyboardMarkup, Message, MessageEntity, PhotoSize, Poll, Update, User,
} from 'telegraf/types';

type Json = Record<string, any>;
export interface SentCall { method: string; payload: Json; error?: { error_code: number; description: string } }
/** A stored message (the bot's or a user's); edits are applied in place. */
export type FakeMessage = Message.CommonMessage & {
  text?: string; entities?: MessageEntity[]; caption?: string; caption_entities?: MessageEntity[]; document?: Document; photo?: PhotoSize[]; poll?: Poll; reply_markup?: InlineKeyboardMarkup;
};
export interface FakeTelegramOptions {
  /** Clock in ms for message dates and rate limits (default Date.now). */
  now?: () => number;
  /** Answer 429 like Telegram: > 1 msg/s per chat (burst 3), > 20/min per group, > 30/s overall. */
  enforceLimits?: boolean;
  /** Cap for getUpdates `timeout` (default 1000 ms). */
  longPollCapMs?: number;
  /** Pause before a webhook delivery that did not get 200 is retried (default 50 ms). */
  webhookRetryMs?: number;
  /** If set, other tokens get 401 Unauthorized. */
  token?: string;
}
interface Pending { update: Update; replay: boolean; delivered: boolean }
interface StoredFile { file: File; name?: string; mimeType?: string; bytes: Buffer }

class ApiError extends Error {
  constructor(readonly code: number, readonly description: string, readonly parameters?: Json) { super(description); }
}
const bad = (what: string) => new ApiError(400, `Bad Request: ${what}`);
/** Update types Telegram leaves out when allowed_updates is empty or never set. */
const OPT_IN_UPDATES = ['chat_member', 'message_reaction', 'message_reaction_count'];
/** Form fields kept as strings even if they look like JSON ("42" as a text stays "42"). */
const STRING_FIELDS = new Set(['text', 'caption', 'question', 'explanation', 'data', 'url', 'secret_token', 'callback_query_id',
  'file_id', 'parse_mode', 'caption_parse_mode', 'title', 'description', 'language_code', 'inline_message_id', 'emoji']);
const SEND_METHOD = /^(send(?!ChatAction)|copyMessage|forwardMessage)/;

export class FakeTelegram extends EventEmitter {
  readonly me = { id: 777, is_bot: true as const, first_name: 'Chi Bộ Bot', username: 'ChiBoBot', can_join_groups: true,
    can_read_all_group_messages: false, supports_inline_queries: false };
  /** Every bot call except getUpdates, in order, with the error it got (if any). */
  readonly sent: SentCall[] = [];
  readonly callbackAnswers: { callback_query_id: string; text?: string; show_alert?: boolean }[] = [];
  readonly reactions: { chat_id: number; message_id: number; reaction: unknown[]; is_big?: boolean }[] = [];
  /** Users who may receive private messages (they sent the bot a private message, or a test added them). */
  readonly startedUsers = new Set<number>();
  readonly blockedUsers = new Set<number>();
  readonly polls = new Map<string, { poll: Poll; chatId: number; messageId: number; votes: Map<number, number[]> }>();
  readonly webhookDeliveries: { update_id: number; status: number }[] = [];
  webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | null = null;
  /** 429s given by enforceLimits. */
  floodCount = 0;
  getUpdatesCount = 0;

  private readonly now: () => number;
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private port = 0;
  private stopped = false;
  private readonly users = new Map<number, User>();
  private readonly chats = new Map<number, Chat>();
  private readonly members = new Map<number, Map<number, ChatMember>>();
  private readonly messages = new Map<string, FakeMessage>();
  private readonly files = new Map<string, StoredFile>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly history = new Map<number, Update>();
  private pending: Pending[] = [];
  private allowed: string[] | undefined;
  private readonly wakers = new Set<() => void>();
  private readonly floods = new Map<string, { count: number; retryAfter: number }>();
  private readonly buckets = new Map<number, { tokens: number; at: number }>();
  private readonly groupSends = new Map<number, number[]>();
  private globalSends: number[] = [];
  private readonly outgoing = new Set<http.ClientRequest>();
  private pumping = false;
  private lastWebhookError: { date: number; message: string } | undefined;
  private seq = { update: 1, message: 1, poll: 1, file: 1, callback: 1 };

  constructor(private readonly opts: FakeTelegramOptions = {}) {
    super();
    this.now = opts.now ?? Date.now;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    for (const req of this.outgoing) req.destroy();
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
  get apiRoot(): string { return `http://127.0.0.1:${this.port}`; }

  // ---------------------------------------------------------------- test side
  user(id: number, firstName: string, username?: string): User {
    const user: User = { id, is_bot: false, first_name: firstName, ...(username ? { username } : {}), language_code: 'vi' };
    this.users.set(id, user);
    return user;
  }
  group(id: number, title: string): Chat.GroupChat | Chat.SupergroupChat {
    const chat = id <= -1e12 ? { id, type: 'supergroup' as const, title } : { id, type: 'group' as const, title };
    this.chats.set(id, chat);
    return chat;
  }
  privateChat(user: User): Chat.PrivateChat {
    return { id: user.id, type: 'private', first_name: user.first_name, ...(user.username ? { username: user.username } : {}) };
  }
  /** Sets a user's status in a group (what getChatMember / getChatAdministrators answer). */
  setMember(chatId: number, user: User, status: 'creator' | 'administrator' | 'member' | 'left' | 'kicked' = 'member'): void {
    this.users.set(user.id, user);
    const map = this.members.get(chatId) ?? new Map<number, ChatMember>();
    this.members.set(chatId, map);
    const rights = { can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: true,
      can_restrict_members: true, can_promote_members: false, can_change_info: true, can_invite_users: true, can_post_stories: false,
      can_edit_stories: false, can_delete_stories: false, can_pin_messages: true };
    const member = status === 'creator' ? { status, user, is_anonymous: false }
      : status === 'administrator' ? { status, user, ...rights }
      : status === 'kicked' ? { status, user, until_date: 0 } : { status, user };
    map.set(user.id, member as ChatMember);
  }
  /** A user writes in a chat. A leading /cmd or /cmd@Bot gets a bot_command entity, as Telegram adds. */
  injectMessage(chat: Chat, from: User, text: string,
    opts: { replyTo?: Message | FakeMessage | number; document?: { name: string; bytes: Uint8Array | string; mimeType?: string } } = {}): Update.MessageUpdate {
    this.users.set(from.id, from);
    if (chat.type === 'private') this.startedUsers.add(from.id);
    else { if (!this.chats.has(chat.id)) this.chats.set(chat.id, chat); if (!this.members.get(chat.id)?.has(from.id)) this.setMember(chat.id, from); }
    const replyId = typeof opts.replyTo === 'number' ? opts.replyTo : opts.replyTo?.message_id;
    const base = this.newMessage(chat, from, { reply_to_message_id: replyId, allow_sending_without_reply: true });
    let message: FakeMessage;
    if (opts.document) {
      const stored = this.storeFile(Buffer.from(opts.document.bytes), opts.document.name, opts.document.mimeType);
      message = { ...base, document: this.documentOf(stored), ...(text ? { caption: text } : {}) };
    } else {
      const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
      message = { ...base, text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) };
    }
    this.messages.set(key(chat.id, message.message_id), message);
    return this.push({ message: message as Message }) as Update.MessageUpdate;
  }
  injectDocument(chat: Chat, from: User, name: string, bytes: Uint8Array | string, caption?: string): Update.MessageUpdate {
    return this.injectMessage(chat, from, caption ?? '', { document: { name, bytes } });
  }
  /** A user presses an inline button on `message`. */
  injectCallback(from: User, message: Message | FakeMessage, data: string): Update.CallbackQueryUpdate {
    const id = `cb${this.seq.callback++}`;
    this.users.set(from.id, from);
    const query = { id, from, chat_instance: `ci${message.chat.id}`, message, data } as CallbackQuery;
    return this.push({ callback_query: query }) as Update.CallbackQueryUpdate;
  }
  /** A vote (`[]` retracts). Non-anonymous polls give a poll_answer update; every poll also gets a `poll` update with counts. */
  injectPollAnswer(pollId: string, user: User, optionIds: number[]): void {
    const entry = this.polls.get(pollId);
    if (!entry) throw new Error(`FakeTelegram: unknown poll ${pollId}`);
    if (entry.poll.is_closed) throw new Error(`FakeTelegram: poll ${pollId} is closed`);
    if (optionIds.length > 1 && !entry.poll.allows_multiple_answers) throw new Error('FakeTelegram: poll allows one answer');
    entry.votes.set(user.id, optionIds);
    if (!entry.poll.is_anonymous) this.push({ poll_answer: { poll_id: pollId, user, option_ids: optionIds } });
    this.push({ poll: this.tally(pollId) });
  }
  /** Re-delivers an earlier update with the same update_id (a webhook retry, or getUpdates after a crash). */
  replay(updateId: number): void {
    const update = this.history.get(updateId);
    if (!update) throw new Error(`FakeTelegram: no update ${updateId}`);
    this.enqueue(update, true);
  }
  /** An update created before, by id. */
  update(updateId: number): Update | undefined { return this.history.get(updateId); }
  /** The next `count` calls of `method` answer 429 with retry_after. */
  injectFlood(method: string, count: number, retryAfterSeconds: number): void {
    this.floods.set(method, { count, retryAfter: retryAfterSeconds });
  }
  /** The bot's live messages in a chat (copies, edits applied, deleted ones gone), oldest first. */
  messagesIn(chatId: number): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.chat.id === chatId && m.from?.id === this.me.id).map((m) => structuredClone(m));
  }
  lastMessage(chatId: number): FakeMessage | undefined { return this.messagesIn(chatId).at(-1); }
  /** Bytes and name of a file a user or the bot sent. */
  file(fileId: string): { name?: string; mimeType?: string; bytes: Buffer } | undefined { return this.files.get(fileId); }
  /** Resolves with the first bot call (already made or still to come) that matches. */
  waitFor(predicate: string | ((call: SentCall) => boolean), timeoutMs = 2000): Promise<SentCall> {
    const match = typeof predicate === 'string' ? (c: SentCall) => c.method === predicate : predicate;
    const hit = this.sent.find(match);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const onCall = (call: SentCall) => { if (match(call)) { cleanup(); resolve(call); } };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`FakeTelegram.waitFor: no matching call in ${timeoutMs} ms (calls: ${this.sent.map((c) => c.method).join(', ') || 'none'})`));
      }, timeoutMs);
      const cleanup = () => { clearTimeout(timer); this.off('call', onCall); };
      this.on('call', onCall);
    });
  }

  // ---------------------------------------------------------------- updates
  private push(body: Omit<Update, 'update_id'>): Update {
    const update = { update_id: this.seq.update++, ...body } as Update;
    this.history.set(update.update_id, update);
    this.enqueue(update, false);
    return update;
  }
  private enqueue(update: Update, replay: boolean): void {
    this.pending.push({ update, replay, delivered: false });
    this.wake();
    void this.pump();
  }
  /** Updates not yet handed to the bot (by getUpdates or a webhook POST). */
  get pendingUpdates(): number {
    return this.pending.filter((p) => !p.delivered).length;
  }
  private wake(): void { for (const w of [...this.wakers]) w(); }
  /** Pending updates of allowed types; fresh replays first so telegraf's next offset stays past the newest update. */
  private deliverable(): Pending[] {
    const allowed = (this.webhook ? this.webhook.allowed_updates : this.allowed) ?? undefined;
    this.pending = this.pending.filter((p) => {
      const type = Object.keys(p.update).find((k) => k !== 'update_id')!;
      return allowed?.length ? allowed.includes(type) : !OPT_IN_UPDATES.includes(type);
    });
    const fresh = (p: Pending) => p.replay && !p.delivered;
    return [...this.pending.filter(fresh), ...this.pending.filter((p) => !fresh(p))];
  }
  private async getUpdates(p: Json, res: http.ServerResponse): Promise<Update[]> {
    this.getUpdatesCount++;
    this.emit('getUpdates', p);
    if (this.webhook) throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    if (Array.isArray(p.allowed_updates)) this.allowed = p.allowed_updates;
    const offset = Number(p.offset ?? 0);
    if (offset > 0) this.pending = this.pending.filter((e) => e.update.update_id >= offset || (e.replay && !e.delivered));
    const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, this.opts.longPollCapMs ?? 1000);
    if (!this.deliverable().length && waitMs > 0 && !this.stopped) {
      await new Promise<void>((resolve) => {
        const done = () => { clearTimeout(timer); this.wakers.delete(done); res.off('close', done); resolve(); };
        const timer = setTimeout(done, waitMs);
        this.wakers.add(done);
        res.on('close', done); // the client aborted (telegraf's bot.stop())
      });
    }
    if (res.destroyed) return []; // nobody gets these, so they stay unconfirmed and undelivered
    const batch = this.deliverable().slice(0, Math.max(1, Math.min(100, Number(p.limit ?? 100))));
    for (const e of batch) e.delivered = true;
    const updates = batch.map((e) => e.update);
    if (updates.length) this.emit('delivered', updates);
    return updates;
  }
  /** Webhook mode: POST pending updates in order; anything but 200 is retried, as Telegram does. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.webhook && !this.stopped) {
        const entry = this.deliverable()[0];
        if (!entry) break;
        const status = await this.post(this.webhook, entry.update);
        this.webhookDeliveries.push({ update_id: entry.update.update_id, status });
        this.emit('delivery', { update_id: entry.update.update_id, status });
        if (status === 200) { this.pending = this.pending.filter((e) => e !== entry); continue; }
        this.lastWebhookError = { date: this.seconds(), message: status ? `Wrong response from the webhook: ${status}` : 'Connection refused' };
        await new Promise((r) => setTimeout(r, this.opts.webhookRetryMs ?? 50));
      }
    } finally { this.pumping = false; }
  }
  private post(hook: { url: string; secret_token?: string }, update: Update): Promise<number> {
    const body = JSON.stringify(update);
    return new Promise((resolve) => {
      const req = http.request(hook.url, { method: 'POST', agent: false, headers: {
        'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
        ...(hook.secret_token ? { 'x-telegram-bot-api-secret-token': hook.secret_token } : {}),
      } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
      req.on('error', () => resolve(0));
      this.outgoing.add(req);
      req.on('close', () => { this.outgoing.delete(req); resolve(0); });
      req.end(body);
    });
  }

  // ---------------------------------------------------------------- HTTP
  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const reply = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const download = /^\/file\/bot[^/]+\/(.+)$/.exec(path);
    if (req.method === 'GET' && download) {
      const stored = [...this.files.values()].find((f) => f.file.file_path === decodeURIComponent(download[1]!));
      if (!stored) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': stored.mimeType ?? 'application/octet-stream' }).end(stored.bytes);
      return;
    }
    const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!route) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = route as unknown as [string, string, string];
    let payload: Json;
    try { payload = await readBody(req); } catch { return reply(400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" }); }
    const call: SentCall = { method, payload };
    try {
      if (this.opts.token && token !== this.opts.token) throw new ApiError(401, 'Unauthorized');
      const flood = this.floods.get(method);
      if (flood && flood.count > 0) {
        flood.count--;
        throw new ApiError(429, `Too Many Requests: retry after ${flood.retryAfter}`, { retry_after: flood.retryAfter });
      }
      if (SEND_METHOD.test(method)) this.checkTarget(Number(payload.chat_id));
      const result = method === 'getUpdates' ? await this.getUpdates(payload, res) : this.call(method, payload);
      this.record(call);
      reply(200, { ok: true, result });
    } catch (err) {
      if (!(err instanceof ApiError)) { this.record(call); return reply(500, { ok: false, error_code: 500, description: String(err) }); }
      call.error = { error_code: err.code, description: err.description };
      this.record(call);
      reply(err.code, { ok: false, error_code: err.code, description: err.description, ...(err.parameters ? { parameters: err.parameters } : {}) });
    }
  }
  private record(call: SentCall): void {
    if (call.method === 'getUpdates') return;
    this.sent.push(call);
    this.emit('call', call);
  }
  private checkTarget(chatId: number): void {
    if (chatId > 0 && this.blockedUsers.has(chatId)) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    if (chatId > 0 && !this.startedUsers.has(chatId)) throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
    if (this.opts.enforceLimits) this.admit(chatId);
  }
  /** Telegram's published limits; the rejected call does not count. */
  private admit(chatId: number): void {
    const t = this.now();
    let wait = 0;
    this.globalSends = this.globalSends.filter((x) => x > t - 1000);
    if (this.globalSends.length >= 30) wait = Math.max(wait, this.globalSends[0]! + 1000 - t);
    const group = (this.groupSends.get(chatId) ?? []).filter((x) => x > t - 60_000);
    if (chatId < 0 && group.length >= 20) wait = Math.max(wait, group[0]! + 60_000 - t);
    const bucket = this.buckets.get(chatId) ?? { tokens: 3, at: t };
    const tokens = Math.min(3, bucket.tokens + (t - bucket.at) / 1000);
    if (tokens < 1) wait = Math.max(wait, (1 - tokens) * 1000);
    if (wait > 0) {
      this.floodCount++;
      const retry = Math.max(1, Math.ceil(wait / 1000));
      throw new ApiError(429, `Too Many Requests: retry after ${retry}`, { retry_after: retry });
    }
    this.globalSends.push(t);
    if (chatId < 0) this.groupSends.set(chatId, [...group, t]);
    this.buckets.set(chatId, { tokens: tokens - 1, at: t });
  }

  // ---------------------------------------------------------------- bot methods
  private call(method: string, p: Json): unknown {
    const chatId = Number(p.chat_id);
    switch (method) {
      case 'getMe': return this.me;
      case 'setWebhook':
        if (!p.url) return this.call('deleteWebhook', p);
        this.webhook = { url: String(p.url), ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}),
          ...(Array.isArray(p.allowed_updates) ? { allowed_updates: p.allowed_updates } : {}) };
        if (p.drop_pending_updates) this.pending = [];
        void this.pump();
        return true;
      case 'deleteWebhook':
        this.webhook = null;
        if (p.drop_pending_updates) this.pending = [];
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.pending.length,
          ...(this.webhook?.allowed_updates ? { allowed_updates: this.webhook.allowed_updates } : {}),
          ...(this.webhook && this.lastWebhookError ? { last_error_date: this.lastWebhookError.date, last_error_message: this.lastWebhookError.message } : {}) };
      case 'sendMessage': {
        const text = String(p.text ?? '');
        if (!text.trim()) throw bad('message text is empty');
        if (text.length > 4096) throw bad('message is too long');
        return this.botMessage(chatId, p, { text, ...(p.entities ? { entities: p.entities } : {}) });
      }
      case 'editMessageText': case 'editMessageReplyMarkup': {
        const msg = this.findMessage(chatId, p, 'message to edit not found');
        if (msg.from?.id !== this.me.id) throw bad("message can't be edited");
        const text = method === 'editMessageText' ? String(p.text ?? '') : msg.text;
        if (method === 'editMessageText' && !text?.trim()) throw bad('message text is empty');
        if (text === msg.text && JSON.stringify(p.reply_markup) === JSON.stringify(msg.reply_markup)) {
          throw bad('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        // As on Telegram, an edit without reply_markup removes the inline keyboard.
        const { reply_markup: _old, ...rest } = msg;
        const edited: FakeMessage = { ...rest, ...(text !== undefined ? { text } : {}), edit_date: this.seconds(),
          ...(method === 'editMessageText' ? { entities: p.entities } : {}), ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) };
        if (!edited.entities) delete edited.entities;
        this.messages.set(key(chatId, msg.message_id), edited);
        return edited;
      }
      case 'deleteMessage':
        this.findMessage(chatId, p, 'message to delete not found');
        this.messages.delete(key(chatId, Number(p.message_id)));
        return true;
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id ?? '');
        const known = [...this.history.values()].some((u) => 'callback_query' in u && u.callback_query.id === id);
        if (!known) throw bad('query is too old and response timeout expired or query ID is invalid');
        this.callbackAnswers.push({ callback_query_id: id, ...(p.text !== undefined ? { text: String(p.text) } : {}),
          ...(p.show_alert !== undefined ? { show_alert: Boolean(p.show_alert) } : {}) });
        return true;
      }
      case 'setMessageReaction':
        this.findMessage(chatId, p, 'message to react not found');
        this.reactions.push({ chat_id: chatId, message_id: Number(p.message_id), reaction: p.reaction ?? [], ...(p.is_big ? { is_big: true } : {}) });
        return true;
      case 'sendChatAction': return true;
      case 'sendDocument': {
        const doc = p.document;
        let stored: StoredFile | undefined;
        if (doc && typeof doc === 'object' && Buffer.isBuffer(doc.bytes)) stored = this.storeFile(doc.bytes, doc.filename, doc.mimeType);
        else if (typeof doc === 'string' && /^https?:\/\//.test(doc)) stored = this.storeFile(Buffer.alloc(0), doc.split('/').at(-1));
        else if (typeof doc === 'string') stored = this.files.get(doc);
        if (!stored) throw bad('wrong file identifier/HTTP URL specified');
        return this.botMessage(chatId, p, { document: this.documentOf(stored), ...(p.caption ? { caption: String(p.caption) } : {}),
          ...(p.caption_entities ? { caption_entities: p.caption_entities } : {}) });
      }
      case 'sendPhoto': {
        const photo = p.photo;
        if (!(photo && typeof photo === 'object' && Buffer.isBuffer(photo.bytes))) throw bad('wrong file identifier/HTTP URL specified');
        const stored = this.storeFile(photo.bytes, photo.filename, photo.mimeType);
        const size = { file_id: stored.file.file_id, file_unique_id: stored.file.file_unique_id, width: 900, height: 500, file_size: photo.bytes.length };
        return this.botMessage(chatId, p, { photo: [size], ...(p.caption ? { caption: String(p.caption) } : {}) });
      }
      case 'getFile': {
        const stored = this.files.get(String(p.file_id));
        if (!stored) throw bad('invalid file_id');
        return stored.file;
      }
      case 'sendPoll': {
        const options = (Array.isArray(p.options) ? p.options : []).map((o: unknown) => (typeof o === 'string' ? o : String((o as Json).text)));
        if (options.length < 2) throw bad('poll must have at least 2 option');
        const id = String(this.seq.poll++);
        const poll = { id, question: String(p.question), options: options.map((text: string) => ({ text, voter_count: 0 })), total_voter_count: 0,
          is_closed: false, is_anonymous: p.is_anonymous ?? true, type: p.type ?? 'regular', allows_multiple_answers: Boolean(p.allows_multiple_answers) } as Poll;
        const msg = this.botMessage(chatId, p, { poll });
        this.polls.set(id, { poll, chatId, messageId: msg.message_id, votes: new Map() });
        return msg;
      }
      case 'stopPoll': {
        const entry = [...this.polls.values()].find((e) => e.chatId === chatId && e.messageId === Number(p.message_id));
        if (!entry) throw bad('message with poll to stop not found');
        if (entry.poll.is_closed) throw bad('poll has already been closed');
        entry.poll = { ...this.tally(entry.poll.id), is_closed: true };
        const msg = this.messages.get(key(chatId, entry.messageId));
        if (msg) msg.poll = entry.poll;
        return entry.poll;
      }
      case 'setMyCommands': this.commands.set(scopeKey(p), (p.commands ?? []) as BotCommand[]); return true;
      case 'deleteMyCommands': this.commands.delete(scopeKey(p)); return true;
      case 'getMyCommands': return this.commands.get(scopeKey(p)) ?? [];
      case 'getChat': return { ...this.chatFor(chatId) };
      case 'getChatMember': {
        const member = this.members.get(chatId)?.get(Number(p.user_id));
        if (member) return member;
        const user = this.users.get(Number(p.user_id)) ?? (Number(p.user_id) === this.me.id ? this.me : undefined);
        if (!user) throw bad('user not found');
        return { status: 'left', user };
      }
      case 'getChatAdministrators':
        if (chatId > 0) throw bad('there are no administrators in the private chat');
        return [...(this.members.get(chatId)?.values() ?? [])].filter((m) => m.status === 'creator' || m.status === 'administrator');
      default: throw new ApiError(404, 'Not Found');
    }
  }

  // ---------------------------------------------------------------- helpers
  private seconds(): number { return Math.floor(this.now() / 1000); }
  private chatFor(id: number): Chat {
    const known = this.chats.get(id);
    if (known) return known;
    if (id > 0) { const user = this.users.get(id); return this.privateChat(user ?? { id, is_bot: false, first_name: `User ${id}` }); }
    return id <= -1e12 ? { id, type: 'supergroup', title: `Group ${id}` } : { id, type: 'group', title: `Group ${id}` };
  }
  private newMessage(chat: Chat, from: User, p: Json): FakeMessage {
    const message: FakeMessage = { message_id: this.seq.message++, date: this.seconds(), chat, from };
    const replyId = p.reply_parameters?.message_id ?? p.reply_to_message_id;
    if (replyId !== undefined) {
      const target = this.messages.get(key(chat.id, Number(replyId)));
      if (target) message.reply_to_message = structuredClone(target) as Message.CommonMessage as FakeMessage['reply_to_message'];
      else if (!p.reply_parameters?.allow_sending_without_reply && !p.allow_sending_without_reply) throw bad('message to be replied not found');
    }
    return message;
  }
  private botMessage(chatId: number, p: Json, content: Partial<FakeMessage>): FakeMessage {
    const message: FakeMessage = { ...this.newMessage(this.chatFor(chatId), this.me, p), ...content,
      ...(p.reply_markup?.inline_keyboard ? { reply_markup: p.reply_markup } : {}) };
    this.messages.set(key(chatId, message.message_id), message);
    return message;
  }
  private findMessage(chatId: number, p: Json, notFound: string): FakeMessage {
    if (p.inline_message_id) throw bad('inline messages are not faked');
    const msg = this.messages.get(key(chatId, Number(p.message_id)));
    if (!msg) throw bad(notFound);
    return msg;
  }
  private storeFile(bytes: Buffer, name?: string, mimeType?: string): StoredFile {
    const n = this.seq.file++;
    const ext = name?.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
    const file: File = { file_id: `file-${n}`, file_unique_id: `uniq-${n}`, file_size: bytes.length, file_path: `documents/file_${n}${ext}` };
    const stored: StoredFile = { file, bytes, ...(name ? { name } : {}), ...(mimeType ? { mimeType } : {}) };
    this.files.set(file.file_id, stored);
    return stored;
  }
  private documentOf(stored: StoredFile): Document {
    return { file_id: stored.file.file_id, file_unique_id: stored.file.file_unique_id, file_size: stored.bytes.length,
      ...(stored.name ? { file_name: stored.name } : {}), ...(stored.mimeType ? { mime_type: stored.mimeType } : {}) };
  }
  private tally(pollId: string): Poll {
    const entry = this.polls.get(pollId)!;
    const counts = entry.poll.options.map(() => 0);
    for (const ids of entry.votes.values()) for (const i of ids) counts[i] = (counts[i] ?? 0) + 1;
    entry.poll = { ...entry.poll, options: entry.poll.options.map((o, i) => ({ ...o, voter_count: counts[i] ?? 0 })),
      total_voter_count: [...entry.votes.values()].filter((v) => v.length > 0).length };
    const msg = this.messages.get(key(entry.chatId, entry.messageId));
    if (msg) msg.poll = entry.poll;
    return entry.poll;
  }
}

const key = (chatId: number, messageId: number) => `${chatId}:${messageId}`;
const scopeKey = (p: Json) => JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']);

/** JSON, urlencoded or multipart (files become { filename, bytes, mimeType }); telegraf's extra `method` field is dropped. */
async function readBody(req: http.IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json')) return JSON.parse(raw.toString('utf8')) as Json;
  const fields: Json = {};
  const value = (name: string, v: string) => {
    if (STRING_FIELDS.has(name)) return v;
    try { return JSON.parse(v) as unknown; } catch { return v; }
  };
  if (type.includes('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    for (const [name, v] of form) {
      fields[name] = typeof v === 'string' ? value(name, v)
        : { filename: v.name, bytes: Buffer.from(await v.arrayBuffer()), ...(v.type ? { mimeType: v.type } : {}) };
    }
  } else {
    for (const [name, v] of new URLSearchParams(raw.toString('utf8'))) fields[name] = value(name, v);
  }
  delete fields.method;
  return fields;
}
