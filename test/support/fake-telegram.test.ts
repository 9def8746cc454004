// Proves FakeTelegram against the real telegraf client (long polling and webhook), offline.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, Telegraf, TelegramError } from 'telegraf';
import { message } from 'telegraf/filters';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram, type FakeTelegramOptions } from './fake-telegram.ts';

const TOKEN = '123456:TEST-TOKEN';
let fake: FakeTelegram;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await fake?.stop();
});

async function startFake(options?: FakeTelegramOptions): Promise<FakeTelegram> {
  fake = await new FakeTelegram(options).start();
  return fake;
}

function newBot(): { bot: Telegraf; errors: unknown[] } {
  const bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot, webhookReply: false } });
  const errors: unknown[] = [];
  bot.catch((err) => { errors.push(err); });
  return { bot, errors };
}

/** Starts long polling. `launch()` only settles when polling stops, and its onLaunch fires before
 *  polling exists (stop() would throw), so wait for the first getUpdates instead. Returns stop(). */
async function launch(bot: Telegraf, options: Telegraf.LaunchOptions = {}): Promise<() => Promise<void>> {
  const polled = once(fake, 'getUpdates');
  const finished = bot.launch(options);
  await Promise.race([polled, finished]);
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    bot.stop('test');
    await finished; // the loop ends after confirming handled updates with a last getUpdates(offset)
  };
  cleanups.push(stop);
  return stop;
}

/** Collects values from handlers; until(n) waits for the n-th. */
function inbox<T>() {
  const items: T[] = [];
  const waiters = new Set<() => void>();
  return {
    items,
    push(item: T) { items.push(item); for (const w of waiters) w(); },
    until(count: number, timeoutMs = 2000): Promise<T[]> {
      if (items.length >= count) return Promise.resolve(items);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`inbox: ${items.length}/${count} after ${timeoutMs} ms`)); }, timeoutMs);
        const check = () => { if (items.length >= count) { clearTimeout(timer); waiters.delete(check); resolve(items); } };
        waiters.add(check);
      });
    },
  };
}

describe('FakeTelegram with telegraf long polling', () => {
  it('routes /cmd@ChiBoBot to bot.command, /x@OtherBot and plain text to bot.on(text)', async () => {
    await startFake();
    const group = fake.group(-1001234567890, 'Chi bộ 1');
    const an = fake.user(11, 'An', 'an_nguyen');
    const { bot, errors } = newBot();
    const seen = inbox<string>();
    bot.command('lichhop', async (ctx) => { seen.push(`lichhop:${ctx.payload}`); await ctx.reply(`Lịch họp: ${ctx.payload}`); });
    bot.command('x', (ctx) => { seen.push('x'); });
    bot.on(message('text'), (ctx) => { seen.push(`text:${ctx.message.text}`); });
    await launch(bot);

    fake.injectMessage(group, an, '/lichhop@ChiBoBot thứ năm 19:00');
    await fake.waitFor((c) => c.method === 'sendMessage');
    fake.injectMessage(group, an, '/x@OtherBot hello');
    fake.injectMessage(group, an, 'có mặt');
    expect(await seen.until(3)).toEqual(['lichhop:thứ năm 19:00', 'text:/x@OtherBot hello', 'text:có mặt']);

    const reply = fake.lastMessage(group.id)!;
    expect(reply).toMatchObject({ text: 'Lịch họp: thứ năm 19:00', chat: { id: -1001234567890, type: 'supergroup', title: 'Chi bộ 1' }, from: { username: 'ChiBoBot' } });
    expect(fake.sent.find((c) => c.method === 'getMe')).toBeDefined();
    expect(errors).toEqual([]);
  });

  it('answers a callback press and shows the edit in messagesIn', async () => {
    await startFake();
    const group = fake.group(-42, 'Tổ 2');
    const binh = fake.user(12, 'Bình');
    const { bot, errors } = newBot();
    bot.command('rsvp', (ctx) => ctx.reply('Họp chi bộ tối nay?', Markup.inlineKeyboard([Markup.button.callback('Có', 'rsvp:yes'), Markup.button.callback('Vắng', 'rsvp:no')])));
    bot.action(/^rsvp:(yes|no)$/, async (ctx) => {
      await ctx.answerCbQuery('Đã ghi nhận');
      await ctx.editMessageText(`Có mặt: ${ctx.from.first_name}`, Markup.inlineKeyboard([Markup.button.callback('Huỷ', 'rsvp:no')]));
    });
    await launch(bot);

    fake.injectMessage(group, binh, '/rsvp');
    await fake.waitFor('sendMessage');
    const prompt = fake.lastMessage(group.id)!;
    expect(prompt.chat.type).toBe('group');
    expect(prompt.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['Có', 'Vắng']);

    const press = fake.injectCallback(binh, prompt, 'rsvp:yes');
    await fake.waitFor('editMessageText');
    expect(fake.callbackAnswers).toEqual([{ callback_query_id: press.callback_query.id, text: 'Đã ghi nhận' }]);
    expect(fake.messagesIn(group.id)).toHaveLength(1);
    expect(fake.messagesIn(group.id)[0]).toMatchObject({ message_id: prompt.message_id, text: 'Có mặt: Bình',
      reply_markup: { inline_keyboard: [[{ text: 'Huỷ', callback_data: 'rsvp:no' }]] } });

    // Like Telegram: an edit that changes nothing is a 400, and an edit without a keyboard removes it.
    await expect(bot.telegram.editMessageText(group.id, prompt.message_id, undefined, 'Có mặt: Bình',
      Markup.inlineKeyboard([Markup.button.callback('Huỷ', 'rsvp:no')]))).rejects.toMatchObject({ code: 400, description: expect.stringContaining('message is not modified') });
    await bot.telegram.editMessageText(group.id, prompt.message_id, undefined, 'Đã chốt');
    expect(fake.lastMessage(group.id)?.reply_markup).toBeUndefined();
    await expect(bot.telegram.answerCbQuery('nope')).rejects.toMatchObject({ code: 400 });
    expect(errors).toEqual([]);
  });

  it('replays an update with the same update_id', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const an = fake.user(11, 'An');
    const { bot } = newBot();
    const ids = inbox<number>();
    bot.on(message('text'), (ctx) => { ids.push(ctx.update.update_id); });
    await launch(bot);

    const first = fake.injectMessage(group, an, 'biểu quyết: tán thành');
    await ids.until(1);
    fake.replay(first.update_id);
    fake.injectMessage(group, an, 'sau đó');
    expect(await ids.until(3)).toEqual([first.update_id, first.update_id, first.update_id + 1]);
  });

  it('confirms updates by offset: a new bot gets only unconfirmed ones', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const an = fake.user(11, 'An');
    const one = newBot();
    const seenByOne = inbox<number>();
    one.bot.on(message('text'), (ctx) => { seenByOne.push(ctx.update.update_id); });
    const stopOne = await launch(one.bot);
    const handled = fake.injectMessage(group, an, 'một');
    await seenByOne.until(1);
    await stopOne();

    // A consumer that crashes after reading: getUpdates without a later offset leaves B unconfirmed.
    const unconfirmed = fake.injectMessage(group, an, 'hai');
    const raw = await fetch(`${fake.apiRoot}/bot${TOKEN}/getUpdates`, { method: 'POST' }).then((r) => r.json()) as { result: { update_id: number }[] };
    expect(raw.result.map((u) => u.update_id)).toEqual([unconfirmed.update_id]);

    const two = newBot();
    const seenByTwo = inbox<number>();
    two.bot.on(message('text'), (ctx) => { seenByTwo.push(ctx.update.update_id); });
    await launch(two.bot);
    expect(await seenByTwo.until(1)).toEqual([unconfirmed.update_id]);
    expect(seenByOne.items).toEqual([handled.update_id]);
  });

  it('respects allowed_updates', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const an = fake.user(11, 'An');
    const { bot } = newBot();
    const seen = inbox<string>();
    bot.on(message('text'), (ctx) => { seen.push(ctx.message.text); });
    bot.on('callback_query', () => { seen.push('callback'); });
    await launch(bot, { allowedUpdates: ['message'] });
    const msg = fake.injectMessage(group, an, 'một').message;
    fake.injectCallback(an, msg, 'x');
    fake.injectMessage(group, an, 'hai');
    expect(await seen.until(2)).toEqual(['một', 'hai']);
  });

  it('downloads a document a user sent through getFile', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const an = fake.user(11, 'An');
    const { bot, errors } = newBot();
    const got = inbox<{ name?: string; caption?: string; body: string }>();
    bot.on(message('document'), async (ctx) => {
      const link = await ctx.telegram.getFileLink(ctx.message.document.file_id);
      const body = await fetch(link).then((r) => r.text());
      got.push({ name: ctx.message.document.file_name, caption: ctx.message.caption, body });
    });
    await launch(bot);
    fake.injectDocument(group, an, 'de-cuong.txt', 'Đề cương sinh hoạt chi bộ', 'Tài liệu họp');
    expect(await got.until(1)).toEqual([{ name: 'de-cuong.txt', caption: 'Tài liệu họp', body: 'Đề cương sinh hoạt chi bộ' }]);
    expect(errors).toEqual([]);
  });
});

describe('FakeTelegram bot calls', () => {
  it('stores a multipart sendDocument: name, bytes, caption', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const { bot } = newBot();
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]);
    const sent = await bot.telegram.sendDocument(group.id, { source: bytes, filename: 'bien-ban.docx' }, { caption: 'Biên bản họp' });
    expect(sent.document).toMatchObject({ file_name: 'bien-ban.docx', file_size: bytes.length });
    expect(fake.lastMessage(group.id)).toMatchObject({ caption: 'Biên bản họp', document: { file_name: 'bien-ban.docx' } });
    expect(fake.file(sent.document.file_id)?.bytes.equals(bytes)).toBe(true);
    const call = fake.sent.at(-1)!;
    expect(call.method).toBe('sendDocument');
    expect(call.payload).toMatchObject({ chat_id: -7, caption: 'Biên bản họp', document: { filename: 'bien-ban.docx' } });
  });

  it('keeps reply_parameters of JSON calls; telegraf silently drops them from multipart calls', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const { bot } = newBot();
    const question = await bot.telegram.sendMessage(group.id, 'Ai gửi biên bản?');
    const answer = await bot.telegram.sendMessage(group.id, 'Tôi', { reply_parameters: { message_id: question.message_id }, parse_mode: 'HTML' });
    expect(answer.reply_to_message?.message_id).toBe(question.message_id);
    expect(fake.sent.at(-1)?.payload).toMatchObject({ parse_mode: 'HTML', reply_parameters: { message_id: question.message_id } });
    await expect(bot.telegram.sendMessage(group.id, 'x', { reply_parameters: { message_id: 999 } })).rejects.toMatchObject({ code: 400 });

    // telegraf 4.16 JSON-encodes only a few object fields in multipart bodies; reply_parameters is lost.
    const doc = await bot.telegram.sendDocument(group.id, { source: Buffer.from('x'), filename: 'x.txt' }, { reply_parameters: { message_id: question.message_id } });
    expect(fake.sent.at(-1)?.payload.reply_parameters).toBeUndefined();
    expect(doc.reply_to_message).toBeUndefined();
  });

  it('refuses a private chat with a user who never started the bot (403)', async () => {
    await startFake();
    const chi = fake.user(21, 'Chi');
    const { bot } = newBot();
    const err = await bot.telegram.sendMessage(chi.id, 'Xin chào').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramError);
    expect(err).toMatchObject({ code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    expect(fake.sent.at(-1)?.error?.error_code).toBe(403);

    fake.injectMessage(fake.privateChat(chi), chi, '/start');
    const ok = await bot.telegram.sendMessage(chi.id, 'Xin chào');
    expect(ok.chat).toMatchObject({ id: 21, type: 'private', first_name: 'Chi' });
  });

  it('injectFlood gives TelegramError 429 with retry_after, then recovers', async () => {
    await startFake();
    const { bot } = newBot();
    fake.injectFlood('sendMessage', 1, 7);
    const err = await bot.telegram.sendMessage(-7, 'một').catch((e: unknown) => e) as TelegramError;
    expect(err).toBeInstanceOf(TelegramError);
    expect(err.code).toBe(429);
    expect(err.parameters?.retry_after).toBe(7);
    await expect(bot.telegram.sendMessage(-7, 'hai')).resolves.toMatchObject({ text: 'hai' });
  });

  it('unknown methods answer 404 Not Found', async () => {
    await startFake();
    const { bot } = newBot();
    await expect(bot.telegram.callApi('sendDice' as 'getMe', {} as never)).rejects.toMatchObject({ code: 404, description: 'Not Found' });
  });

  it('keeps polls, commands per scope and chat members', async () => {
    await startFake();
    const group = fake.group(-7, 'Chi bộ');
    const [an, binh] = [fake.user(11, 'An'), fake.user(12, 'Bình')];
    fake.setMember(group.id, an, 'creator');
    fake.setMember(group.id, binh);
    const { bot } = newBot();
    const pollMsg = await bot.telegram.sendPoll(group.id, 'Thông qua nghị quyết?', ['Tán thành', 'Không tán thành'], { is_anonymous: false });
    fake.injectPollAnswer(pollMsg.poll.id, an, [0]);
    fake.injectPollAnswer(pollMsg.poll.id, binh, [1]);
    fake.injectPollAnswer(pollMsg.poll.id, binh, [0]);
    const final = await bot.telegram.stopPoll(group.id, pollMsg.message_id);
    expect(final).toMatchObject({ is_closed: true, total_voter_count: 2, options: [{ voter_count: 2 }, { voter_count: 0 }] });
    expect((await bot.telegram.sendPoll(group.id, 'Q', ['a', 'b'])).poll.is_anonymous).toBe(true);

    await bot.telegram.setMyCommands([{ command: 'lichhop', description: 'Lịch họp' }]);
    await bot.telegram.setMyCommands([{ command: 'duyet', description: 'Duyệt' }], { scope: { type: 'chat_administrators', chat_id: group.id } });
    expect(await bot.telegram.getMyCommands()).toEqual([{ command: 'lichhop', description: 'Lịch họp' }]);
    expect(await bot.telegram.getMyCommands({ scope: { type: 'chat_administrators', chat_id: group.id } })).toEqual([{ command: 'duyet', description: 'Duyệt' }]);

    expect((await bot.telegram.getChatAdministrators(group.id)).map((m) => [m.user.id, m.status])).toEqual([[11, 'creator']]);
    expect((await bot.telegram.getChatMember(group.id, binh.id)).status).toBe('member');
    expect(await bot.telegram.getChat(group.id)).toMatchObject({ id: -7, title: 'Chi bộ' });
  });
});

/** Waits until the fake has made `count` webhook deliveries answered with `status`. */
async function delivery(status: number, count = 1): Promise<void> {
  const done = () => fake.webhookDeliveries.filter((d) => d.status === status).length >= count;
  while (!done()) await once(fake, 'delivery');
}

describe('FakeTelegram webhook mode', () => {
  it('POSTs updates with the secret header; telegraf rejects a wrong secret and the update is redelivered', async () => {
    await startFake({ webhookRetryMs: 20 });
    const group = fake.group(-7, 'Chi bộ');
    const an = fake.user(11, 'An');
    const { bot, errors } = newBot();
    const seen = inbox<number>();
    bot.on(message('text'), (ctx) => { seen.push(ctx.update.update_id); });
    const headers: (string | undefined)[] = [];
    const callback = bot.webhookCallback('/hook', { secretToken: 'dung-bi-mat' });
    const server = http.createServer((req, res) => {
      headers.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      void callback(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    await bot.telegram.setWebhook(url, { secret_token: 'sai-bi-mat' });
    const update = fake.injectMessage(group, an, 'xin chào');
    await delivery(403);
    expect(seen.items).toEqual([]);
    expect(await bot.telegram.getWebhookInfo()).toMatchObject({ url, pending_update_count: 1, last_error_message: 'Wrong response from the webhook: 403' });
    await expect(bot.telegram.getUpdates(0, 100, 0, undefined)).rejects.toMatchObject({ code: 409 });

    await bot.telegram.setWebhook(url, { secret_token: 'dung-bi-mat' });
    expect(await seen.until(1)).toEqual([update.update_id]);
    await delivery(200);
    expect(headers).toContain('sai-bi-mat');
    expect(headers.at(-1)).toBe('dung-bi-mat');
    expect(fake.webhookDeliveries.at(-1)).toEqual({ update_id: update.update_id, status: 200 });

    fake.replay(update.update_id);
    expect(await seen.until(2)).toEqual([update.update_id, update.update_id]);
    await delivery(200, 2);
    expect((await bot.telegram.getWebhookInfo()).pending_update_count).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('FakeTelegram enforceLimits', () => {
  it('answers 429 on the 21st message to a group within a minute', async () => {
    let clock = Date.parse('2026-11-23T12:00:00Z');
    await startFake({ enforceLimits: true, now: () => clock });
    const group = fake.group(-7, 'Chi bộ');
    const { bot } = newBot();
    for (let i = 1; i <= 20; i++) {
      await bot.telegram.sendMessage(group.id, `tin ${i}`);
      clock += 2000;
    }
    const err = await bot.telegram.sendMessage(group.id, 'tin 21').catch((e: unknown) => e) as TelegramError;
    expect(err.code).toBe(429);
    expect(err.parameters?.retry_after).toBe(20); // the first of the 20 leaves the window at +60 s
    expect(fake.floodCount).toBe(1);
    clock += 20_000;
    await expect(bot.telegram.sendMessage(group.id, 'tin 21')).resolves.toMatchObject({ text: 'tin 21' });
  });

  it('allows a burst of 3 to one chat, then about 1 per second; and 30 per second overall', async () => {
    let clock = 1_000_000;
    await startFake({ enforceLimits: true, now: () => clock });
    const { bot } = newBot();
    const users = Array.from({ length: 31 }, (_, i) => fake.user(100 + i, `U${i}`));
    for (const u of users) fake.startedUsers.add(u.id);
    for (let i = 0; i < 3; i++) await bot.telegram.sendMessage(users[0]!.id, `${i}`);
    await expect(bot.telegram.sendMessage(users[0]!.id, 'x')).rejects.toMatchObject({ code: 429, parameters: { retry_after: 1 } });
    clock += 1000;
    await bot.telegram.sendMessage(users[0]!.id, 'sau 1 giây');

    clock += 5000;
    for (const u of users.slice(1, 31)) await bot.telegram.sendMessage(u.id, 'thông báo');
    await expect(bot.telegram.sendMessage(users[0]!.id, 'quá 30')).rejects.toMatchObject({ code: 429 });
    expect(fake.floodCount).toBe(2);
  });
});
