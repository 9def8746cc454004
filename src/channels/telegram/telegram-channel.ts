// Telegram through telegraf: long polling or a webhook, every outgoing call through a queue within
// Telegram's limits, inline keyboards with signed callback data, files, and private chats. Transport
// only: no storage, no business rules, no Vietnamese sentences (docs/decisions/0002, 0007).
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Logger } from 'pino';
import { Telegraf, TelegramError } from 'telegraf';
import type { Chat, Message, MessageEntity, Update, User } from 'telegraf/types';
import {
  ChannelError, splitText,
  type Channel, type ChannelCapabilities, type ChatRef, type EventHandler, type InboundEvent, type InboundFile, type MessageRef,
  type OutboundFile, type OutboundMessage, type OutboundPrompt, type UserRef,
} from '../channel.ts';
import { ARRIVAL_MARGIN_MS, OutboundQueue, TELEGRAM_LIMITS, telegramRetryAfterMs, type OutboundLimits } from '../outbound-queue.ts';

export interface TelegramOptions {
  token: string;
  /** A self-hosted Bot API server (or a test's fake); default https://api.telegram.org. */
  apiRoot?: string;
  /** Receive updates on this HTTPS URL (behind a reverse proxy) instead of long polling. */
  webhook?: { url: string; secretToken?: string; port: number; host?: string } | null;
  limits?: OutboundLimits;
  /** Largest file a member may send (minutes as .txt/.docx). */
  maxFileBytes?: number;
  log: Logger;
}

/** Telegram's limit for one message; longer texts are split on line boundaries. */
export const TELEGRAM_MAX_TEXT = 4096;
/** answerCallbackQuery shows at most 200 characters. */
const CALLBACK_NOTICE_MAX = 200;
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

const isGroup = (chat: Chat) => chat.type === 'group' || chat.type === 'supergroup';
const displayName = (user: User) => [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);


/** What Telegram shows inline as a photo (it recompresses them, fine for charts). */
const PHOTO_TYPES = ['image/png', 'image/jpeg'];
export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  readonly capabilities: ChannelCapabilities = {
    buttons: true,
    // Buttons give the voter, the chat and a place to refuse; no feature asks for native polls yet.
    nativePolls: 'none',
    privateChat: true,
    editMessages: true,
    mentionAll: false,
    listMembers: false,
    maxTextLength: TELEGRAM_MAX_TEXT,
    files: true,
    trustsDisplayName: false,
  };

  readonly bot: Telegraf;
  private readonly queue: OutboundQueue;
  private readonly log: Logger;
  private username = '';
  private server?: http.Server;
  private polling?: Promise<void>;
  /** What acknowledge() needs of an event it is given: the callback to answer or the message to react to. */
  private readonly pending = new Map<string, { callbackId?: string; chatId?: number; messageId?: number }>();

  constructor(private readonly options: TelegramOptions) {
    this.log = options.log.child({ channel: 'telegram' });
    this.bot = new Telegraf(options.token, { telegram: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), webhookReply: false }, handlerTimeout: 120_000 });
    this.queue = new OutboundQueue({
      limits: options.limits ?? TELEGRAM_LIMITS,
      retryAfterMs: telegramRetryAfterMs,
      marginMs: ARRIVAL_MARGIN_MS,
    });
  }

  /** The bot's username, known after start(). */
  get botUsername(): string {
    return this.username;
  }

  async start(onEvent: EventHandler): Promise<void> {
    // The default handler rethrows and stops polling; one bad update must not stop the bot.
    this.bot.catch((error, ctx) => this.log.error({ err: error, updateId: ctx.update.update_id }, 'telegram update failed'));
    this.bot.on(['message', 'callback_query', 'my_chat_member'], async (ctx) => {
      const event = await this.toEvent(ctx.update);
      if (!event) {
        if ('callback_query' in ctx.update) await this.answerCallback(ctx.update.callback_query.id);
        return;
      }
      try {
        await onEvent(event);
      } finally {
        this.pending.delete(event.eventId); // a command is never acknowledged: forget it once handled
      }
    });
    const me = await this.bot.telegram.getMe();
    this.bot.botInfo = me;
    this.username = me.username;
    const { webhook } = this.options;
    if (webhook) {
      const url = new URL(webhook.url);
      await this.bot.telegram.setWebhook(webhook.url, { allowed_updates: [...ALLOWED_UPDATES], ...(webhook.secretToken ? { secret_token: webhook.secretToken } : {}) });
      this.server = http.createServer(this.bot.webhookCallback(url.pathname, webhook.secretToken ? { secretToken: webhook.secretToken } : {}));
      await new Promise<void>((resolve) => this.server!.listen(webhook.port, webhook.host ?? '127.0.0.1', resolve));
      return;
    }
    // launch() resolves only when polling stops (telegraf#1749): wait for its onLaunch callback instead.
    await new Promise<void>((resolve, reject) => {
      this.polling = this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }, resolve).catch((error: unknown) => {
        this.log.error({ err: error }, 'telegram polling stopped');
        reject(error);
      });
    });
  }

  async stop(): Promise<void> {
    if (this.server) {
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
      this.server = undefined;
    } else if (this.polling) {
      // Stopping confirms the updates handled so far (getUpdates with the next offset). launch() reports
      // ready before its polling loop exists (telegraf#2003): until then stop() throws, so try again.
      for (let attempt = 0; ; attempt++) {
        try {
          this.bot.stop('stop');
          break;
        } catch (error) {
          if (attempt >= 100) {
            this.log.warn({ err: error }, 'telegram polling did not start; not stopped');
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await this.polling.catch(() => undefined);
      this.polling = undefined;
    }
    await this.queue.idle();
  }

  /** Publishes the command menu ("/" in the chat) with its descriptions. */
  async publishCommands(commands: readonly { command: string; description: string }[]): Promise<void> {
    await this.call(null, () => this.bot.telegram.setMyCommands(commands.slice(0, 100).map((c) => ({ command: c.command, description: c.description.slice(0, 256) }))));
  }

  // ---- inbound ----

  private async toEvent(update: Update): Promise<InboundEvent | null> {
    const eventId = String(update.update_id);
    if ('callback_query' in update) {
      const query = update.callback_query;
      if (!query.message || !('chat' in query.message) || !('data' in query)) return null;
      this.pending.set(eventId, { callbackId: query.id });
      const [promptId, optionId] = this.verify(query.data);
      return { eventId, at: new Date(query.message.date * 1000), chat: this.chatRef(query.message.chat), kind: 'choice', from: this.userRef(query.from), promptId, optionIds: [optionId] };
    }
    if ('my_chat_member' in update) return null;
    if (!('message' in update)) return null;
    const message = update.message;
    if (!message.from || message.from.is_bot) return null;
    const chat = this.chatRef(message.chat);
    const base = { eventId, at: new Date(message.date * 1000), chat };
    if ('new_chat_members' in message || 'left_chat_member' in message) {
      const joined = 'new_chat_members' in message ? message.new_chat_members.filter((u) => !u.is_bot).map((u) => this.userRef(u)) : [];
      const left = 'left_chat_member' in message && !message.left_chat_member.is_bot ? [this.userRef(message.left_chat_member)] : [];
      return { ...base, kind: 'members', joined, left };
    }
    const text = 'text' in message ? message.text : 'caption' in message ? (message.caption ?? '') : '';
    const entities = 'text' in message ? message.entities : 'caption' in message ? message.caption_entities : undefined;
    const file = 'document' in message ? await this.download(message as Message.DocumentMessage) : undefined;
    if (!text && !file) return null;
    this.pending.set(eventId, { chatId: message.chat.id, messageId: message.message_id });
    const from = this.userRef(message.from);
    const command = this.command(text, entities);
    if (command === 'elsewhere') return null;
    if (command) return { ...base, kind: 'command', from, name: command.name, args: command.args, ...(file ? { file } : {}) };
    const repliedTo = 'reply_to_message' in message ? message.reply_to_message : undefined;
    const replyTo = repliedTo ? { chat, messageId: String(repliedTo.message_id) } : undefined;
    return { ...base, kind: 'text', from, text, ...(replyTo ? { replyTo } : {}), ...(file ? { file } : {}) };
  }

  /** "/lich@ChiBoBot args" → the command; "/lich@OtherBot" is for another bot. Only a bot_command entity at 0 is a command. */
  private command(text: string, entities: MessageEntity[] | undefined): { name: string; args: string } | 'elsewhere' | null {
    const first = entities?.[0];
    if (!first || first.type !== 'bot_command' || first.offset !== 0) return null;
    const [name = '', target] = text.slice(1, first.length).split('@');
    if (target && target.toLowerCase() !== this.username.toLowerCase()) return 'elsewhere';
    const args = text.slice(first.length).replace(/^[ \t]+/, '').trimEnd();
    // A t.me/<bot>?start=phieu link arrives as "/start phieu": the payload is the command it stands for.
    if (name === 'start' && /^[a-z]{2,32}$/.test(args)) return { name: args, args: '' };
    return { name, args };
  }

  private async download(message: Message.DocumentMessage): Promise<InboundFile | undefined> {
    const { document } = message;
    const max = this.options.maxFileBytes ?? 2 * 1024 * 1024;
    const name = document.file_name ?? 'file';
    // Too large: an empty file under its name, so the feature says why it cannot be read.
    if ((document.file_size ?? 0) > max) return { name, bytes: new Uint8Array(max + 1) };
    const link = await this.bot.telegram.getFileLink(document.file_id);
    const response = await fetch(link);
    if (!response.ok) throw new ChannelError('telegram', `file download failed: ${response.status}`);
    return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  private chatRef(chat: Chat): ChatRef {
    return { channel: 'telegram', chatId: String(chat.id), kind: isGroup(chat) ? 'group' : 'private', ...('title' in chat ? { title: chat.title } : {}) };
  }

  private userRef(user: User): UserRef {
    return { channel: 'telegram', userId: String(user.id), displayName: displayName(user) };
  }

  // ---- callback data: "<promptId>|<optionId>|<mac>", at most 64 bytes, signed so a forged press is refused ----

  private mac(promptId: string, optionId: string): string {
    return createHmac('sha256', `callback:${this.options.token}`).update(`${promptId}|${optionId}`).digest('base64url').slice(0, 10);
  }

  private sign(promptId: string, optionId: string): string {
    const data = `${promptId}|${optionId}|${this.mac(promptId, optionId)}`;
    if (Buffer.byteLength(data) > 64) throw new ChannelError('telegram', `callback data over 64 bytes for option ${optionId}`);
    return data;
  }

  /** A forged or garbled press becomes a press on no prompt, which the bot answers as closed. */
  private verify(data: string): [string, string] {
    const [promptId = '', optionId = '', mac = ''] = data.split('|');
    const expected = Buffer.from(this.mac(promptId, optionId));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? [promptId, optionId] : ['', ''];
  }

  // ---- outbound ----

  /** Every call to Telegram for a chat goes through the queue; failures become ChannelError. */
  private async call<T>(chat: ChatRef | null, work: () => Promise<T>): Promise<T> {
    try {
      return chat ? await this.queue.run({ id: chat.chatId, group: chat.kind === 'group' }, work) : await work();
    } catch (error) {
      if (error instanceof TelegramError) {
        throw new ChannelError('telegram', `${error.code}: ${error.description}`, error.parameters?.retry_after ? error.parameters.retry_after * 1000 : undefined);
      }
      throw error;
    }
  }

  async send(chat: ChatRef, message: OutboundMessage): Promise<MessageRef> {
    // Members are tagged by name with a text_mention entity, which works without a @username.
    const mentions = Array.isArray(message.mentions) ? message.mentions : [];
    const prefix = mentions.map((u) => u.displayName).join(', ');
    const entities: MessageEntity[] = [];
    let offset = 0;
    for (const u of mentions) {
      entities.push({ type: 'text_mention', offset, length: u.displayName.length, user: { id: Number(u.userId), is_bot: false, first_name: u.displayName } });
      offset += u.displayName.length + 2;
    }
    const parts = splitText(prefix ? `${prefix}\n${message.text}` : message.text, TELEGRAM_MAX_TEXT);
    let ref: MessageRef | undefined;
    for (const [i, part] of parts.entries()) {
      const sent = await this.call(chat, () =>
        this.bot.telegram.sendMessage(chat.chatId, part, {
          ...(i === 0 && entities.length ? { entities } : {}),
          ...(i === 0 && message.replyTo ? { reply_parameters: { message_id: Number(message.replyTo.messageId), allow_sending_without_reply: true } } : {}),
          link_preview_options: { is_disabled: true },
        }),
      );
      ref = { chat, messageId: String(sent.message_id) };
    }
    return ref!;
  }

  async edit(ref: MessageRef, text: string): Promise<MessageRef> {
    try {
      await this.call(ref.chat, () => this.bot.telegram.editMessageText(ref.chat.chatId, Number(ref.messageId), undefined, text.slice(0, TELEGRAM_MAX_TEXT)));
      return ref;
    } catch (error) {
      if (error instanceof ChannelError && /not modified/i.test(error.message)) return ref;
      // Too old or deleted: the new text is sent instead.
      if (error instanceof ChannelError && /can't be edited|not found/i.test(error.message)) return this.send(ref.chat, { text });
      throw error;
    }
  }

  async ask(chat: ChatRef, prompt: OutboundPrompt): Promise<MessageRef> {
    const keyboard = prompt.options.map((o) => [{ text: o.label, callback_data: this.sign(prompt.promptId, o.id) }]);
    const parts = splitText(prompt.question, TELEGRAM_MAX_TEXT);
    for (const part of parts.slice(0, -1)) await this.send(chat, { text: part });
    const sent = await this.call(chat, () => this.bot.telegram.sendMessage(chat.chatId, parts.at(-1)!, { reply_markup: { inline_keyboard: keyboard } }));
    return { chat, messageId: String(sent.message_id) };
  }

  /** Removes the buttons; a press reaches the bot at once, so nothing is held back for the count. */
  async closeAsk(ref: MessageRef): Promise<InboundEvent[]> {
    try {
      await this.call(ref.chat, () => this.bot.telegram.editMessageReplyMarkup(ref.chat.chatId, Number(ref.messageId), undefined, { inline_keyboard: [] }));
    } catch (error) {
      if (!(error instanceof ChannelError && /not modified|not found|can't be edited/i.test(error.message))) throw error;
    }
    return [];
  }

  async sendFile(chat: ChatRef, file: OutboundFile, caption?: string): Promise<MessageRef> {
    const extra = caption ? { caption: caption.slice(0, 1024) } : {};
    const input = { source: Buffer.from(file.bytes), filename: file.name };
    // A chart is shown as a picture in the chat; anything else (a biên bản, a spreadsheet) as a document.
    const sent = await this.call(chat, (): Promise<{ message_id: number }> =>
      PHOTO_TYPES.includes(file.mimeType) ? this.bot.telegram.sendPhoto(chat.chatId, input, extra) : this.bot.telegram.sendDocument(chat.chatId, input, extra),
    );
    return { chat, messageId: String(sent.message_id) };
  }

  async acknowledge(event: InboundEvent, notice?: string): Promise<void> {
    const target = this.pending.get(event.eventId);
    this.pending.delete(event.eventId);
    if (target?.callbackId) return this.answerCallback(target.callbackId, notice);
    // A tagged line is acknowledged quietly, with a reaction, not a message to the group.
    if (target?.chatId && target.messageId && event.chat.kind === 'group') {
      await this.bot.telegram.setMessageReaction(target.chatId, target.messageId, [{ type: 'emoji', emoji: '👌' }]).catch((error: unknown) => {
        this.log.warn({ err: error }, 'could not react to a message');
      });
    }
  }

  /** Always answered, so the member's button stops spinning; a long notice shows as an alert. */
  private async answerCallback(callbackId: string, notice?: string): Promise<void> {
    const long = (notice?.length ?? 0) > CALLBACK_NOTICE_MAX;
    const text = notice && long ? `${notice.slice(0, CALLBACK_NOTICE_MAX - 1)}…` : notice;
    await this.bot.telegram.answerCbQuery(callbackId, text, { show_alert: long }).catch((error: unknown) => {
      this.log.warn({ err: error }, 'could not answer a callback');
    });
  }

  async describeMember(chat: ChatRef, userId: string): Promise<UserRef | undefined> {
    try {
      const member = await this.bot.telegram.getChatMember(chat.chatId, Number(userId));
      return this.userRef(member.user);
    } catch {
      return undefined;
    }
  }

  /** A user's private chat has the user's id; the bot can write there only after the user started it. */
  async privateChat(user: UserRef): Promise<ChatRef | null> {
    return /^\d+$/.test(user.userId) ? { channel: 'telegram', chatId: user.userId, kind: 'private', title: user.displayName } : null;
  }

  /** t.me link that opens the private chat with the bot (and sends /start <payload>). */
  privateChatLink(payload?: string): string | null {
    return this.username ? `https://t.me/${this.username}${payload ? `?start=${encodeURIComponent(payload)}` : ''}` : null;
  }
}
