// Zalo-specific behaviour of the adapter: mostly against the typed in-memory fake of the ZaloApi subset,
// plus a few runs of the real zca-js `API` against the fake Zalo Web server where payload shapes matter.
// Assertions are about what a member sees in Zalo and what the bot receives.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ThreadType } from 'zca-js';
import { ChannelError, type ChatRef, type InboundEvent, type OutboundPrompt, type UserRef } from '../../src/channels/channel.ts';
import type { ZaloApi } from '../../src/channels/zalo/zalo-api.ts';
import { ZaloChannel, type ZaloOptions } from '../../src/channels/zalo/zalo-channel.ts';
import { FileZaloStateStore, type ZaloState } from '../../src/channels/zalo/zalo-state.ts';
import { FakeZaloApi } from '../support/fake-zalo-api.ts';
import { connectZaloApi, FakeZaloServer } from '../support/fake-zalo-server.ts';

// ---------- fixtures ----------

const GROUP_ID = '7001';
const G: ChatRef = { channel: 'zalo', chatId: GROUP_ID, kind: 'group' };
const AN = { uid: '111', name: 'Nguyễn Văn An' };
const BINH = { uid: '222', name: 'Trần Bình' };
const CUONG = { uid: '333', name: 'Lê Văn Cường' };
const userRef = (p: { uid: string; name: string }): UserRef => ({ channel: 'zalo', userId: p.uid, displayName: p.name });

type Choice = Extract<InboundEvent, { kind: 'choice' }>;

const attendance = (promptId = 'diem-danh-1'): OutboundPrompt => ({
  promptId,
  question: 'Đồng chí có dự họp chi bộ ngày 05/12 không?',
  options: [
    { id: 'co', label: 'Có dự' },
    { id: 'vang', label: 'Vắng, có lý do' },
  ],
  multiple: false,
  everyone: { headline: 'Dự họp 05/12?' },
});

const numbered = (promptId: string, question = `Câu hỏi ${promptId}?`): OutboundPrompt => ({
  promptId,
  question,
  options: [
    { id: `${promptId}-a`, label: 'Đồng ý' },
    { id: `${promptId}-b`, label: 'Không đồng ý' },
    { id: `${promptId}-c`, label: 'Ý kiến khác' },
  ],
  multiple: false,
});

const invitation = (startsAt: Date, promptId = 'moi-hop-1'): OutboundPrompt => ({
  ...attendance(promptId),
  appointment: { title: 'Sinh hoạt chi bộ tháng 12', startsAt, accept: 'co', decline: 'vang' },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

function sentTexts(fake: FakeZaloApi): string[] {
  return fake.sent.map((s) => s.text);
}

const pollIdOf = (messageId: string): number => {
  expect(messageId).toMatch(/^poll:\d+$/);
  return Number(messageId.slice('poll:'.length));
};

/** The attendance question asked as a native poll, with the Zalo ids of its "Có dự" and "Vắng" options. */
async function askAttendancePoll(o: { channel: ZaloChannel; fake: FakeZaloApi }) {
  const ref = await o.channel.ask(G, attendance());
  const pollId = pollIdOf(ref.messageId);
  return { ref, pollId, co: o.fake.optionId(pollId, 'Có dự'), vang: o.fake.optionId(pollId, 'Vắng, có lý do') };
}

// ---------- opening channels (everything opened is closed after each test) ----------

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zalo-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'zalo-state.json');
}

/** The adapter's clock: real time, moved by `offsetMs`, or stopped at `frozen`. */
interface TestClock {
  offsetMs: number;
  frozen?: number;
}

interface Opened {
  channel: ZaloChannel;
  events: InboundEvent[];
  choices(): Choice[];
  clock: TestClock;
  statePath: string;
  stop(): Promise<void>;
}

interface OpenOptions extends Partial<Omit<ZaloOptions, 'api' | 'state' | 'log' | 'now'>> {
  statePath?: string;
  clock?: TestClock;
}

async function open(api: ZaloApi, extra: OpenOptions = {}): Promise<Opened> {
  const { statePath = stateFile(), clock = { offsetMs: 0 }, ...settings } = extra;
  const channel = new ZaloChannel({
    api,
    state: new FileZaloStateStore(statePath),
    log: pino({ level: 'silent' }),
    now: () => new Date(clock.frozen ?? Date.now() + clock.offsetMs),
    limits: { perChatPerSecond: Infinity, perGroupPerMinute: Infinity, globalPerSecond: Infinity },
    jitterMs: 0,
    pollWatch: { minMs: 20, maxMs: 100 },
    reconnect: { minMs: 10, maxMs: 50 },
    ...settings,
  });
  const events: InboundEvent[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= channel.stop());
  cleanups.push(stop);
  await channel.start(async (event) => {
    events.push(event);
  });
  return { channel, events, choices: () => events.filter((e): e is Choice => e.kind === 'choice'), clock, statePath, stop };
}

async function openFake(extra: OpenOptions = {}, fake = new FakeZaloApi('999')): Promise<Opened & { fake: FakeZaloApi }> {
  return { ...(await open(fake.api, extra)), fake };
}

async function openServer(extra: OpenOptions = {}): Promise<Opened & { server: FakeZaloServer }> {
  const server = await new FakeZaloServer({ ownId: '999' }).start();
  cleanups.push(() => server.stop());
  for (const p of [AN, BINH, CUONG]) server.addUser(p.uid, p.name);
  server.addGroup(GROUP_ID, 'Chi bộ Khu phố 3', ['999', AN.uid, BINH.uid, CUONG.uid]);
  const api = await connectZaloApi(server);
  return { ...(await open(api, extra)), server };
}

/** Pushes, then waits for the handler to have one more event. */
async function next(o: Opened, push: () => unknown): Promise<InboundEvent> {
  const before = o.events.length;
  push();
  await until(() => o.events.length > before, 'an event');
  return o.events.at(-1)!;
}

// ---------- capabilities ----------

describe('zalo: capabilities', () => {
  it('declares what Zalo can do, honestly', async () => {
    const { channel } = await openFake();
    expect(channel.capabilities).toMatchObject({
      buttons: false,
      editMessages: false,
      nativePolls: 'pull',
      files: false,
      mentionAll: true,
      privateChat: true,
      maxTextLength: 2000,
    });
    expect(channel.privateChatLink()).toBeNull();
    await expect(channel.sendFile(G, { name: 'a.md', mimeType: 'text/markdown', bytes: new Uint8Array() })).rejects.toBeInstanceOf(ChannelError);
  });
});

// ---------- mentions ----------

describe('zalo: mentions', () => {
  it('mentions everyone as "@All" with the uid -1 at the start', async () => {
    const { channel, fake } = await openFake();
    await channel.send(G, { text: 'Họp chi bộ lúc 19 giờ.', mentions: 'all' });
    const sent = fake.sent.at(-1)!;
    expect(sent).toMatchObject({ threadId: GROUP_ID, threadType: ThreadType.Group, text: '@All\nHọp chi bộ lúc 19 giờ.' });
    expect(sent.mentions).toEqual([{ uid: '-1', pos: 0, len: 4 }]);
  });

  it('tags members as "@<name>" spans carrying their uids', async () => {
    const { channel, fake } = await openFake();
    await channel.send(G, { text: 'Đề nghị hai đồng chí báo cáo.', mentions: [userRef(BINH), userRef(CUONG)] });
    const sent = fake.sent.at(-1)!;
    expect(sent.text).toBe('@Trần Bình @Lê Văn Cường\nĐề nghị hai đồng chí báo cáo.');
    expect(sent.mentions.map((m) => [m.uid, sent.text.slice(m.pos, m.pos + m.len)])).toEqual([
      [BINH.uid, '@Trần Bình'],
      [CUONG.uid, '@Lê Văn Cường'],
    ]);
  });

  it('adds no tags in a private chat', async () => {
    const { channel, fake } = await openFake();
    await channel.send({ channel: 'zalo', chatId: AN.uid, kind: 'private' }, { text: 'Chào đồng chí.', mentions: [userRef(AN)] });
    expect(fake.sent.at(-1)).toMatchObject({ threadId: AN.uid, threadType: ThreadType.User, text: 'Chào đồng chí.', mentions: [] });
  });

  it('hands over tags in a command with offsets into its args', async () => {
    const o = await openFake();
    const text = '/vang @Trần Bình ốm';
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, text, { mentions: [{ uid: BINH.uid, pos: text.indexOf('@'), len: '@Trần Bình'.length }] }));
    expect(event.kind).toBe('command');
    if (event.kind !== 'command') return;
    expect(event.name).toBe('vang');
    expect(event.args).toBe('@Trần Bình ốm');
    expect(event.mentions).toHaveLength(1);
    const [m] = event.mentions!;
    expect(m!.user).toMatchObject({ channel: 'zalo', userId: BINH.uid, displayName: 'Trần Bình' });
    expect(event.args.slice(m!.offset, m!.offset + m!.length)).toBe('@Trần Bình');
  });

  it('hands over tags in a text with offsets into the text, leaving out @All', async () => {
    const o = await openFake();
    const text = '@All nhắc @Lê Văn Cường nộp đảng phí';
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, text, {
      mentions: [{ uid: '-1', pos: 0, len: 4 }, { uid: CUONG.uid, pos: text.indexOf('@Lê'), len: '@Lê Văn Cường'.length }],
    }));
    expect(event.kind).toBe('text');
    if (event.kind !== 'text') return;
    expect(event.mentions?.map((m) => [m.user.userId, event.text.slice(m.offset, m.offset + m.length)])).toEqual([[CUONG.uid, '@Lê Văn Cường']]);
  });

  it('through zca-js: @All goes to /api/group/mention as type 1, members as type 0', async () => {
    const { channel, server } = await openServer();
    await channel.send(G, { text: 'Họp lúc 19 giờ.', mentions: 'all' });
    let call = server.calls.at(-1)!;
    expect(call.path).toBe('/api/group/mention');
    expect(JSON.parse(String(call.params?.mentionInfo))).toEqual([{ pos: 0, uid: '-1', len: 4, type: 1 }]);
    expect(server.sent.at(-1)).toMatchObject({ threadId: GROUP_ID, text: '@All\nHọp lúc 19 giờ.' });

    await channel.send(G, { text: 'Đồng chí báo cáo.', mentions: [userRef(BINH)] });
    call = server.calls.at(-1)!;
    expect(call.path).toBe('/api/group/mention');
    expect(JSON.parse(String(call.params?.mentionInfo))).toEqual([{ pos: 0, uid: BINH.uid, len: 10, type: 0 }]);
  });

  it('through zca-js: an inbound tag keeps its offset into the args', async () => {
    const o = await openServer();
    const text = '/vang @Trần Bình ốm';
    const event = await next(o, () => o.server.pushGroupMessage(GROUP_ID, AN.uid, text, { mentions: [{ uid: BINH.uid, pos: 6, len: 10 }] }));
    expect(event).toMatchObject({ kind: 'command', name: 'vang', args: '@Trần Bình ốm', from: { userId: AN.uid, displayName: AN.name } });
    if (event.kind !== 'command') return;
    expect(event.mentions).toEqual([{ user: { channel: 'zalo', userId: BINH.uid, displayName: 'Trần Bình' }, offset: 0, length: 10 }]);
  });
});

// ---------- native polls ----------

describe('zalo: prompts for everyone become native polls', () => {
  it('sends the question, then a non-anonymous poll with the headline and the labels in order', async () => {
    const { channel, fake } = await openFake();
    const ref = await channel.ask(G, attendance());
    expect(fake.sent.map((s) => [s.threadId, s.text])).toEqual([[GROUP_ID, 'Đồng chí có dự họp chi bộ ngày 05/12 không?']]);
    const [call] = fake.callsOf('createPoll');
    expect(call!.args[1]).toBe(GROUP_ID);
    expect(call!.args[0]).toMatchObject({ question: 'Dự họp 05/12?', options: ['Có dự', 'Vắng, có lý do'], isAnonymous: false, allowMultiChoices: false });
    expect(ref).toEqual({ chat: G, messageId: `poll:${fake.pollIds()[0]}` });
    // The question was sent before the poll.
    expect(fake.sent[0]!.at).toBeLessThanOrEqual(call!.at);
  });

  it('asks with numbers where no poll fits: a private chat, or a single option', async () => {
    const { channel, fake } = await openFake();
    await channel.ask({ channel: 'zalo', chatId: AN.uid, kind: 'private' }, attendance('p1'));
    await channel.ask(G, { ...attendance('p2'), options: [{ id: 'co', label: 'Có dự' }] });
    expect(fake.callsOf('createPoll')).toHaveLength(0);
    expect(fake.sent.map((s) => s.text.split('\n')[2])).toEqual(['1. Có dự', '1. Có dự']);
  });

  it('hands over votes as choices with the prompt id and option id, one per member change', async () => {
    const o = await openFake();
    o.fake.addUser(AN.uid, AN.name);
    const { ref, pollId, co, vang } = await askAttendancePoll(o);

    o.fake.votePoll(pollId, AN.uid, [co]);
    await until(() => o.choices().length === 1, 'the first vote');
    expect(o.choices()[0]).toMatchObject({ kind: 'choice', chat: G, promptId: 'diem-danh-1', optionIds: ['co'], from: { channel: 'zalo', userId: AN.uid } });
    expect(o.choices()[0]!.at).toBeInstanceOf(Date);

    // Changing the vote: exactly one new event.
    o.fake.votePoll(pollId, AN.uid, [vang]);
    await until(() => o.choices().length === 2, 'the changed vote');
    await sleep(150);
    expect(o.choices().map((c) => c.optionIds)).toEqual([['co'], ['vang']]);

    // Taking it back: a choice of nothing.
    o.fake.votePoll(pollId, AN.uid, []);
    await until(() => o.choices().length === 3, 'the retraction');
    expect(o.choices()[2]).toMatchObject({ from: { userId: AN.uid }, optionIds: [] });
    expect(new Set(o.choices().map((c) => c.eventId)).size).toBe(3);
  });

  it('gives exactly one event per member when several vote (or change their mind) between two reads', async () => {
    const o = await openFake();
    const { ref, pollId, co, vang } = await askAttendancePoll(o);
    // All in one tick, so no read can fall between them.
    o.fake.votePoll(pollId, AN.uid, [co]);
    o.fake.votePoll(pollId, BINH.uid, [co]);
    o.fake.votePoll(pollId, CUONG.uid, [vang]);
    o.fake.votePoll(pollId, AN.uid, [vang]);
    await until(() => o.choices().length >= 3, 'three votes');
    await sleep(200);
    const byMember = o.choices().map((c) => [c.from.userId, c.optionIds]).sort();
    expect(byMember).toEqual([[AN.uid, ['vang']], [BINH.uid, ['co']], [CUONG.uid, ['vang']]]);
  });

  it('closeAsk locks the poll and returns the votes the bot has not read, so the count is exact', async () => {
    // The watcher never reads within the test: only the last read at closing sees the votes.
    const o = await openFake({ pollWatch: { minMs: 60_000, maxMs: 60_000 } });
    const { ref, pollId, co, vang } = await askAttendancePoll(o);
    o.fake.votePoll(pollId, AN.uid, [co]);
    o.fake.votePoll(pollId, BINH.uid, [vang]);
    o.fake.votePoll(pollId, CUONG.uid, [co]);

    const held = await o.channel.closeAsk(ref);
    expect(o.fake.lockedPolls).toEqual([pollId]);
    expect(held.map((e) => (e.kind === 'choice' ? [e.from.userId, e.promptId, e.optionIds] : e.kind)).sort()).toEqual([
      [AN.uid, 'diem-danh-1', ['co']],
      [BINH.uid, 'diem-danh-1', ['vang']],
      [CUONG.uid, 'diem-danh-1', ['co']],
    ]);
    expect(o.events).toEqual([]);
    expect(() => o.fake.votePoll(pollId, AN.uid, [vang])).toThrow(/closed/);

    // Closed: no more reads, no more events, a second close is empty.
    const reads = o.fake.pollDetailCalls;
    await sleep(150);
    expect(o.fake.pollDetailCalls).toBe(reads);
    expect(o.events).toEqual([]);
    await expect(o.channel.closeAsk(ref)).resolves.toEqual([]);
  });

  it('after closeAsk the watcher hands over nothing more for that poll', async () => {
    const o = await openFake();
    const ref = await o.channel.ask(G, attendance());
    const pollId = pollIdOf(ref.messageId);
    o.fake.votePoll(pollId, AN.uid, [o.fake.optionId(pollId, 'Có dự')]);
    await until(() => o.choices().length === 1, 'the vote');
    await expect(o.channel.closeAsk(ref)).resolves.toEqual([]);
    const reads = o.fake.pollDetailCalls;
    await sleep(250);
    expect(o.fake.pollDetailCalls).toBe(reads);
    expect(o.choices()).toHaveLength(1);
  });

  it('falls back to numbered answers when Zalo refuses to create the poll', async () => {
    const o = await openFake();
    o.fake.failNext('createPoll', { message: 'Không có quyền tạo bình chọn', code: 166 });
    const ref = await o.channel.ask(G, attendance());
    expect(ref.messageId).not.toMatch(/^poll:/);
    expect(sentTexts(o.fake).at(-1)).toContain('2. Vắng, có lý do');
    const choice = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '2'));
    expect(choice).toMatchObject({ kind: 'choice', promptId: 'diem-danh-1', optionIds: ['vang'] });
  });

  it('shows the question once when the poll falls back to numbered answers', async () => {
    const o = await openFake();
    o.fake.failNext('createPoll', { message: 'Không có quyền tạo bình chọn', code: 166 });
    await o.channel.ask(G, attendance());
    const shown = sentTexts(o.fake).filter((t) => t.includes('Đồng chí có dự họp chi bộ ngày 05/12 không?'));
    expect(shown).toHaveLength(1);
  });

  it('through zca-js: creates the poll with Zalo\'s parameters and reads votes from it', async () => {
    const o = await openServer();
    const ref = await o.channel.ask(G, attendance());
    const pollId = pollIdOf(ref.messageId);
    const create = o.server.calls.find((c) => c.path === '/api/poll/create')!;
    expect(create.params).toMatchObject({ group_id: GROUP_ID, question: 'Dự họp 05/12?', options: ['Có dự', 'Vắng, có lý do'], is_anonymous: false, allow_multi_choices: false });
    o.server.votePoll(pollId, BINH.uid, [2]);
    await until(() => o.choices().length === 1, 'the vote');
    expect(o.choices()[0]).toMatchObject({ chat: G, promptId: 'diem-danh-1', optionIds: ['vang'], from: { userId: BINH.uid } });
    o.server.votePoll(pollId, AN.uid, [1]);
    const held = await o.channel.closeAsk(ref);
    expect(o.server.calls.some((c) => c.path === '/api/poll/end' && Number(c.params?.poll_id) === pollId)).toBe(true);
    expect(o.server.getPoll(pollId)?.closed).toBe(true);
    // AN's vote is either handed over by the watcher or returned at closing: never lost, never both.
    const anVotes = [...o.choices(), ...held].filter((e) => e.kind === 'choice' && e.from.userId === AN.uid);
    expect(new Set(anVotes.map((e) => e.eventId)).size).toBe(1);
  });
});

// ---------- appointments (nhắc hẹn) ----------

describe('zalo: invitations also get a reminder', () => {
  it('creates a reminder with the title and start time next to the poll', async () => {
    const { channel, fake } = await openFake();
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const ref = await channel.ask(G, invitation(startsAt));
    expect(ref.messageId).toMatch(/^poll:/);
    const [call] = fake.callsOf('createReminder');
    expect(call!.args[0]).toMatchObject({ title: 'Sinh hoạt chi bộ tháng 12', startTime: startsAt.getTime() });
    expect(call!.args.slice(1)).toEqual([GROUP_ID, ThreadType.Group]);
    expect(fake.reminders.size).toBe(1);
  });

  it('creates no reminder for a meeting already begun', async () => {
    const { channel, fake } = await openFake();
    await channel.ask(G, invitation(new Date(Date.now() - 60_000)));
    expect(fake.callsOf('createReminder')).toHaveLength(0);
    expect(fake.callsOf('createPoll')).toHaveLength(1);
  });

  it('hands over accepting as the accept option and declining as the decline option, once per answer', async () => {
    const o = await openFake();
    await o.channel.ask(G, invitation(new Date(Date.now() + 86_400_000)));
    const [reminderId] = [...o.fake.reminders.keys()];
    const time = o.fake.respondReminder(reminderId!, AN.uid, 'accept');
    await until(() => o.choices().length === 1, 'the acceptance');
    expect(o.choices()[0]).toMatchObject({ chat: G, promptId: 'moi-hop-1', optionIds: ['co'], from: { userId: AN.uid } });

    // The same event delivered again.
    o.fake.respondReminder(reminderId!, AN.uid, 'accept', { time });
    o.fake.respondReminder(reminderId!, BINH.uid, 'reject');
    await until(() => o.choices().length >= 2, 'the refusal');
    await sleep(200);
    expect(o.choices().map((c) => [c.from.userId, c.optionIds])).toEqual([[AN.uid, ['co']], [BINH.uid, ['vang']]]);

    // A change of mind is a new answer.
    o.fake.respondReminder(reminderId!, AN.uid, 'reject');
    await until(() => o.choices().length === 3, 'the change of mind');
    expect(o.choices()[2]).toMatchObject({ from: { userId: AN.uid }, optionIds: ['vang'] });
  });

  it('closeAsk removes the reminder of a meeting still to come', async () => {
    const { channel, fake } = await openFake();
    const ref = await channel.ask(G, invitation(new Date(Date.now() + 86_400_000)));
    const [reminderId] = [...fake.reminders.keys()];
    await channel.closeAsk(ref);
    expect(fake.removedReminders).toEqual([reminderId]);
    expect(fake.callsOf('removeReminder')[0]!.args).toEqual([reminderId, GROUP_ID, ThreadType.Group]);
  });

  it('closeAsk keeps the reminder of a meeting that has begun', async () => {
    const clock: TestClock = { offsetMs: 0 };
    const { channel, fake } = await openFake({ clock });
    const ref = await channel.ask(G, invitation(new Date(Date.now() + 3_600_000)));
    clock.offsetMs = 2 * 3_600_000;
    await channel.closeAsk(ref);
    expect(fake.callsOf('removeReminder')).toHaveLength(0);
    expect(fake.reminders.size).toBe(1);
  });

  it('through zca-js: the reminder is created, answered and removed with Zalo\'s payloads', async () => {
    const o = await openServer();
    const startsAt = new Date(Date.now() + 86_400_000);
    const ref = await o.channel.ask(G, invitation(startsAt));
    const create = o.server.calls.find((c) => c.path === '/api/board/topic/createv2')!;
    expect(create.params).toMatchObject({ grid: GROUP_ID, startTime: startsAt.getTime() });
    expect(JSON.parse(String(create.params?.params))).toMatchObject({ title: 'Sinh hoạt chi bộ tháng 12' });
    const state = JSON.parse(readFileSync(o.statePath, 'utf8')) as ZaloState;
    const [reminderId] = Object.keys(state.reminders);
    expect(o.server.getReminder(reminderId!)).toMatchObject({ groupId: GROUP_ID, title: 'Sinh hoạt chi bộ tháng 12' });

    o.server.respondReminder(reminderId!, CUONG.uid, 'reject');
    await until(() => o.choices().length === 1, 'the refusal');
    expect(o.choices()[0]).toMatchObject({ chat: G, promptId: 'moi-hop-1', optionIds: ['vang'], from: { userId: CUONG.uid } });

    await o.channel.closeAsk(ref);
    expect(o.server.getReminder(reminderId!)).toBeUndefined();
  });
});

// ---------- numbered replies ----------

describe('zalo: numbered replies', () => {
  /** One second later at each question, so "newest" is unambiguous. */
  async function askAll(o: Opened, ...prompts: OutboundPrompt[]) {
    const refs = [];
    for (const p of prompts) {
      refs.push(await o.channel.ask(G, p));
      o.clock.offsetMs += 1000;
    }
    return refs;
  }

  it('shows the question with numbered options and a hint', async () => {
    const { channel, fake } = await openFake();
    await channel.ask(G, numbered('q1', 'Thông qua biên bản?'));
    const lines = fake.sent.at(-1)!.text.split('\n');
    expect(lines.slice(0, 5)).toEqual(['Thông qua biên bản?', '', '1. Đồng ý', '2. Không đồng ý', '3. Ý kiến khác']);
    expect(lines).toHaveLength(6);
  });

  it('"2" answers option 2 of the newest open question in that chat', async () => {
    const o = await openFake();
    await askAll(o, numbered('q1'), numbered('q2'));
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '2'));
    expect(event).toMatchObject({ kind: 'choice', chat: G, promptId: 'q2', optionIds: ['q2-b'], from: { userId: AN.uid, displayName: AN.name } });
  });

  it('a number beyond the options is no answer: the member is told which numbers there are', async () => {
    const o = await openFake();
    await askAll(o, numbered('q1'));
    const before = o.fake.sent.length;
    o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '7');
    await until(() => o.fake.sent.length > before, 'the answer');
    await sleep(50);
    expect(o.events).toEqual([]);
    expect(o.fake.sent.slice(before).map((m) => m.text)).toEqual([`@${AN.name}\nKhông có lựa chọn số 7. Trả lời bằng số: 1, 2 hoặc 3.`]);
  });

  it('a reply quoting an older question answers that one', async () => {
    const o = await openFake();
    const [first] = await askAll(o, numbered('q1'), numbered('q2'));
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '3', { quote: { msgId: first!.messageId } }));
    expect(event).toMatchObject({ kind: 'choice', promptId: 'q1', optionIds: ['q1-c'] });
  });

  it('after closeAsk the number is plain text again', async () => {
    const o = await openFake();
    const [ref] = await askAll(o, numbered('q1'));
    await expect(o.channel.closeAsk(ref!)).resolves.toEqual([]);
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '1'));
    expect(event).toMatchObject({ kind: 'text', text: '1' });
  });

  it('a number in a chat without a question is plain text', async () => {
    const o = await openFake();
    await askAll(o, numbered('q1'));
    const elsewhere = await next(o, () => o.fake.pushGroupMessage('7002', AN.uid, AN.name, '1'));
    expect(elsewhere).toMatchObject({ kind: 'text', text: '1', chat: { chatId: '7002', kind: 'group' } });
    const privately = await next(o, () => o.fake.pushUserMessage(AN.uid, AN.name, '1'));
    expect(privately).toMatchObject({ kind: 'text', text: '1', chat: { chatId: AN.uid, kind: 'private' } });
  });

  it('answers a question asked in a private chat there', async () => {
    const o = await openFake();
    const dm: ChatRef = { channel: 'zalo', chatId: AN.uid, kind: 'private' };
    await o.channel.ask(dm, numbered('q1'));
    const event = await next(o, () => o.fake.pushUserMessage(AN.uid, AN.name, '1'));
    expect(event).toMatchObject({ kind: 'choice', chat: dm, promptId: 'q1', optionIds: ['q1-a'] });
  });

  it('closeAsk returns a numbered answer the adapter received but has not handed over yet', async () => {
    const o = await openFake();
    const [ref] = await askAll(o, numbered('q1'));
    o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '1');
    await sleep(20); // emitted by the listener, still inside the adapter's ordering window
    expect(o.events).toEqual([]);
    const held = await o.channel.closeAsk(ref!);
    const handedBeforeClose = o.events.length;
    await sleep(250);
    // Returned at closing or handed over before closeAsk resolved: never after the close.
    expect(held.length + handedBeforeClose).toBe(1);
    expect(o.events).toHaveLength(handedBeforeClose);
  });

  it('"1" answers the newer of two questions asked within the same millisecond', async () => {
    const o = await openFake({ clock: { offsetMs: 0, frozen: Date.now() } });
    await o.channel.ask(G, numbered('q1'));
    await o.channel.ask(G, numbered('q2'));
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '1'));
    expect(event).toMatchObject({ kind: 'choice', promptId: 'q2' });
  });
});

// ---------- inbound ----------

describe('zalo: inbound messages', () => {
  it('hands a msgId delivered twice over with the same event id, so the bot drops the second', async () => {
    const o = await openFake();
    const msgId = o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '/diemdanh');
    await until(() => o.events.length === 1, 'the message');
    o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '/diemdanh', { msgId });
    await until(() => o.events.length === 2, 'the redelivery');
    expect(o.events[0]).toMatchObject({ kind: 'command', name: 'diemdanh', eventId: `msg:${msgId}` });
    expect(o.events[1]!.eventId).toBe(o.events[0]!.eventId);
  });

  it('hands over a chat\'s messages in Zalo\'s time order even when they arrive out of order', async () => {
    const o = await openFake();
    const t = Date.now();
    o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, 'ba', { ts: t + 2 });
    o.fake.pushGroupMessage(GROUP_ID, BINH.uid, BINH.name, 'hai', { ts: t + 1 });
    o.fake.pushGroupMessage(GROUP_ID, CUONG.uid, CUONG.name, 'một', { ts: t });
    await until(() => o.events.length === 3, 'three messages');
    expect(o.events.map((e) => (e.kind === 'text' ? e.text : e.kind))).toEqual(['một', 'hai', 'ba']);
    expect(o.events.map((e) => e.at.getTime())).toEqual([t, t + 1, t + 2]);
  });

  it('ignores the bot\'s own messages', async () => {
    const o = await openFake();
    o.fake.pushGroupMessage(GROUP_ID, '999', 'Bot chi bộ', '/diemdanh');
    o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, 'Có mặt');
    await until(() => o.events.length >= 1, 'the member\'s message');
    await sleep(200);
    expect(o.events.map((e) => [e.kind, 'from' in e ? e.from.userId : ''])).toEqual([['text', AN.uid]]);
  });

  it('maps a private message to a private chat with the sender\'s uid as chat id', async () => {
    const o = await openFake();
    const event = await next(o, () => o.fake.pushUserMessage(BINH.uid, BINH.name, '/toila Trần Bình'));
    expect(event).toMatchObject({ kind: 'command', name: 'toila', args: 'Trần Bình', chat: { channel: 'zalo', chatId: BINH.uid, kind: 'private' }, from: { userId: BINH.uid, displayName: BINH.name } });
  });
});

// ---------- private chats ----------

describe('zalo: private chats', () => {
  it('is null for a stranger, and a chat for a friend or for someone who wrote to the bot', async () => {
    const fake = new FakeZaloApi('999');
    fake.addFriend(CUONG.uid, CUONG.name);
    const o = await openFake({}, fake);
    expect(await o.channel.privateChat(userRef(AN))).toBeNull();
    expect(await o.channel.privateChat(userRef(CUONG))).toEqual({ channel: 'zalo', chatId: CUONG.uid, kind: 'private', title: CUONG.name });

    // Writing in the group is not enough; writing privately is.
    await next(o, () => fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, 'Chào chi bộ'));
    expect(await o.channel.privateChat(userRef(AN))).toBeNull();
    await next(o, () => fake.pushUserMessage(AN.uid, AN.name, 'Chào bot'));
    expect(await o.channel.privateChat(userRef(AN))).toMatchObject({ chatId: AN.uid, kind: 'private' });

    // A friend made while running.
    fake.addFriend(BINH.uid, BINH.name);
    await until(() => JSON.parse(readFileSync(o.statePath, 'utf8')).contacts.includes(BINH.uid), 'the new friend');
    expect(await o.channel.privateChat(userRef(BINH))).toMatchObject({ chatId: BINH.uid, kind: 'private' });
  });

  it('describes a member from Zalo\'s profile', async () => {
    const fake = new FakeZaloApi('999');
    fake.addUser(BINH.uid, BINH.name);
    const o = await openFake({}, fake);
    await expect(o.channel.describeMember(G, BINH.uid)).resolves.toEqual({ channel: 'zalo', userId: BINH.uid, displayName: BINH.name });
    await expect(o.channel.describeMember(G, '404')).resolves.toBeUndefined();
  });
});

// ---------- acknowledge ----------

describe('zalo: acknowledge', () => {
  async function pollVote(o: Opened & { fake: FakeZaloApi }, uid: string): Promise<Choice> {
    const ref = await o.channel.ask(G, attendance());
    const pollId = pollIdOf(ref.messageId);
    o.fake.votePoll(pollId, uid, [o.fake.optionId(pollId, 'Có dự')]);
    await until(() => o.choices().length === 1, 'the vote');
    return o.choices()[0]!;
  }

  it('a poll vote taken says nothing (Zalo shows the vote); a refused one is said to the member in the group', async () => {
    const o = await openFake();
    await next(o, () => o.fake.pushGroupMessage(GROUP_ID, BINH.uid, BINH.name, 'Chào chi bộ'));
    const vote = await pollVote(o, BINH.uid);
    const before = o.fake.sent.length;
    await o.channel.acknowledge(vote, 'Đã ghi nhận.', 'taken');
    expect(o.fake.sent).toHaveLength(before);

    await o.channel.acknowledge(vote, 'Đồng chí chưa liên kết tài khoản.', 'refused');
    const sent = o.fake.sent.at(-1)!;
    expect(sent).toMatchObject({ threadId: GROUP_ID, text: '@Trần Bình\nĐồng chí chưa liên kết tài khoản.' });
    expect(sent.mentions).toEqual([{ uid: BINH.uid, pos: 0, len: '@Trần Bình'.length }]);
  });

  it('a refused poll vote tags the member by their Zalo name even if they never wrote', async () => {
    const o = await openFake();
    o.fake.addUser(BINH.uid, BINH.name);
    const vote = await pollVote(o, BINH.uid);
    expect(vote.from.displayName).toBe(BINH.name);
    await o.channel.acknowledge(vote, 'Đồng chí chưa liên kết tài khoản.', 'refused');
    expect(o.fake.sent.at(-1)!.text).toBe('@Trần Bình\nĐồng chí chưa liên kết tài khoản.');
  });

  it('a numbered answer in a group: taken gets a reaction on it, refused is said to the member', async () => {
    // The adapter's documented rule (acknowledge): in a group only a refusal is written.
    const o = await openFake();
    await o.channel.ask(G, numbered('q1'));
    const before = o.fake.sent.length;
    const msgId = o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '1');
    await until(() => o.events.length === 1, 'the answer');
    const choice = o.events[0]!;
    expect(choice.kind).toBe('choice');
    await o.channel.acknowledge(choice, 'Đã ghi nhận: Đồng ý.', 'taken');
    expect(o.fake.sent).toHaveLength(before);
    expect(o.fake.reactions).toEqual([expect.objectContaining({ msgId, cliMsgId: o.fake.pushed(msgId)!.cliMsgId, threadId: GROUP_ID, threadType: ThreadType.Group })]);

    const refused = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '3'));
    await o.channel.acknowledge(refused, 'Đồng chí đã trả lời rồi.', 'refused');
    const sent = o.fake.sent.at(-1)!;
    expect(sent).toMatchObject({ threadId: GROUP_ID, text: '@Nguyễn Văn An\nĐồng chí đã trả lời rồi.' });
    expect(sent.mentions).toEqual([{ uid: AN.uid, pos: 0, len: '@Nguyễn Văn An'.length }]);
  });

  it('a numbered answer in a private chat gets its notice there', async () => {
    const o = await openFake();
    const dm: ChatRef = { channel: 'zalo', chatId: AN.uid, kind: 'private' };
    await o.channel.ask(dm, numbered('q1'));
    const choice = await next(o, () => o.fake.pushUserMessage(AN.uid, AN.name, '2'));
    await o.channel.acknowledge(choice, 'Đã ghi nhận: Không đồng ý.', 'taken');
    expect(o.fake.sent.at(-1)).toMatchObject({ threadId: AN.uid, threadType: ThreadType.User, text: 'Đã ghi nhận: Không đồng ý.', mentions: [] });
  });

  it('a text in a group gets a reaction on it instead of a message', async () => {
    const o = await openFake();
    const msgId = o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '#viec Chuẩn bị hội trường - Bình');
    await until(() => o.events.length === 1, 'the text');
    const before = o.fake.sent.length;
    await o.channel.acknowledge(o.events[0]!, 'Đã ghi việc.');
    expect(o.fake.sent).toHaveLength(before);
    expect(o.fake.reactions).toEqual([
      expect.objectContaining({ msgId, cliMsgId: o.fake.pushed(msgId)!.cliMsgId, threadId: GROUP_ID, threadType: ThreadType.Group }),
    ]);
  });

  it('in a private chat the notice is sent there', async () => {
    const o = await openFake();
    const event = await next(o, () => o.fake.pushUserMessage(AN.uid, AN.name, '#viec Soạn báo cáo'));
    await o.channel.acknowledge(event, 'Đã ghi việc.');
    expect(o.fake.sent.at(-1)).toMatchObject({ threadId: AN.uid, threadType: ThreadType.User, text: 'Đã ghi việc.', mentions: [] });
    expect(o.fake.reactions).toEqual([]);
  });

  it('without a notice nothing is sent', async () => {
    const o = await openFake();
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, 'xin chào'));
    await o.channel.acknowledge(event);
    expect(o.fake.sent).toEqual([]);
    expect(o.fake.reactions).toEqual([]);
  });
});

// ---------- pacing, refusals, long texts ----------

describe('zalo: pacing and refusals', () => {
  it('spaces sends to one group by the per-chat rate (10/s: ~100 ms apart)', async () => {
    const o = await openFake({ limits: { perChatPerSecond: 10, perGroupPerMinute: Infinity, globalPerSecond: Infinity } });
    await Promise.all([1, 2, 3, 4, 5].map((i) => o.channel.send(G, { text: `Tin ${i}` })));
    const starts = o.fake.sent.map((s) => s.at);
    expect(o.fake.sent.map((s) => s.text)).toEqual(['Tin 1', 'Tin 2', 'Tin 3', 'Tin 4', 'Tin 5']);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(80);
  });

  it('spaces sends evenly at a fractional rate (9.5/s: ~105 ms apart), in order', async () => {
    const o = await openFake({ limits: { perChatPerSecond: 9.5, perGroupPerMinute: Infinity, globalPerSecond: Infinity } });
    await Promise.all([1, 2, 3, 4].map((i) => o.channel.send(G, { text: `Tin ${i}` })));
    expect(o.fake.sent.map((s) => s.text)).toEqual(['Tin 1', 'Tin 2', 'Tin 3', 'Tin 4']);
    const starts = o.fake.sent.map((s) => s.at);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(85);
  });

  it('waits out a rate-limit refusal (221) and sends the message once', async () => {
    const o = await openFake({ rateLimitPauseMs: 50 });
    o.fake.failNext('sendMessage', { message: 'Vượt quá số request cho phép', code: 221 });
    const ref = await o.channel.send(G, { text: 'Nhắc họp' });
    const attempts = o.fake.callsOf('sendMessage');
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(45);
    expect(o.fake.sent.map((s) => s.text)).toEqual(['Nhắc họp']);
    expect(ref.messageId).toBe(String(o.fake.sent[0]!.msgId));
  });

  it('turns any other refusal into a ChannelError at once', async () => {
    const o = await openFake({ rateLimitPauseMs: 50 });
    o.fake.failNext('sendMessage', { message: 'Không thể nhận tin nhắn từ bạn.', code: 123 });
    const error = await o.channel.send({ channel: 'zalo', chatId: AN.uid, kind: 'private' }, { text: 'Phiếu bầu' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toContain('123');
    expect(o.fake.callsOf('sendMessage')).toHaveLength(1);
    expect(o.fake.sent).toEqual([]);
  });

  it('splits a text over maxTextLength into parts that fit and join back to it', async () => {
    const o = await openFake({ maxTextLength: 100 });
    const text = Array.from({ length: 12 }, (_, i) => `${i + 1}. Đồng chí số ${i + 1} đã đóng đảng phí.`).join('\n');
    const ref = await o.channel.send(G, { text });
    const parts = o.fake.sent.map((s) => s.text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100);
    expect(parts.join('\n')).toBe(text);
    expect(o.fake.sent.every((s) => s.threadId === GROUP_ID)).toBe(true);
    expect(ref.messageId).toBe(String(o.fake.sent.at(-1)!.msgId));
  });
});

// ---------- the session ----------

describe('zalo: the listener and the session', () => {
  it.each([3003, 3000])('a close with %i ends the session once: sends fail, no reconnect', async (code) => {
    const ended = vi.fn();
    const o = await openFake({ onSessionEnded: ended });
    o.fake.close(code, 'kicked');
    await until(() => ended.mock.calls.length > 0, 'the session end');
    await sleep(100);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith(code, 'kicked');
    await expect(o.channel.send(G, { text: 'Còn ai không?' })).rejects.toBeInstanceOf(ChannelError);
    expect(o.fake.listener.starts).toBe(1);
    expect(o.fake.sent).toEqual([]);
  });

  it('a send still queued when the session ends rejects with a ChannelError', async () => {
    const o = await openFake({ limits: { perChatPerSecond: 0.5, perGroupPerMinute: Infinity, globalPerSecond: Infinity } });
    await o.channel.send(G, { text: 'Tin 1' });
    const queued = o.channel.send(G, { text: 'Tin 2' }).catch((e: unknown) => e);
    o.fake.close(3003, 'kicked');
    expect(await queued).toBeInstanceOf(ChannelError);
  });

  it('a dropped connection (1006) is restarted after the backoff, and messages flow again', async () => {
    const ended = vi.fn();
    const o = await openFake({ onSessionEnded: ended });
    o.fake.close(1006);
    await until(() => o.fake.listener.starts === 2 && o.fake.listener.running, 'the reconnection');
    const event = await next(o, () => o.fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, 'Đã kết nối lại'));
    expect(event).toMatchObject({ kind: 'text', text: 'Đã kết nối lại' });
    // Again: the backoff was reset by the successful connection.
    o.fake.close(1006);
    await until(() => o.fake.listener.starts === 3, 'the second reconnection');
    expect(ended).not.toHaveBeenCalled();
    await expect(o.channel.send(G, { text: 'Vẫn gửi được' })).resolves.toMatchObject({ chat: G });
  });

  it('through zca-js: after a 1006 drop the listener reconnects and a pushed message reaches the handler', async () => {
    const o = await openServer();
    await o.server.waitForConnection();
    o.server.closeSockets(1006);
    expect(o.server.connections).toBe(0);
    await until(() => o.server.connections === 1, 'the reconnection');
    await o.server.waitForConnection();
    const event = await next(o, () => o.server.pushGroupMessage(GROUP_ID, BINH.uid, 'Có mặt'));
    expect(event).toMatchObject({ kind: 'text', text: 'Có mặt', from: { userId: BINH.uid, displayName: BINH.name } });
  });

  it('through zca-js: a kick (3003) ends the session', async () => {
    const ended = vi.fn();
    const o = await openServer({ onSessionEnded: ended });
    await o.server.waitForConnection();
    o.server.closeSockets(3003, 'kicked');
    await until(() => ended.mock.calls.length > 0, 'the session end');
    expect(ended).toHaveBeenCalledWith(3003, 'kicked');
    await expect(o.channel.send(G, { text: 'x' })).rejects.toBeInstanceOf(ChannelError);
    await sleep(100);
    expect(o.server.connections).toBe(0);
  });

  it('through zca-js: Zalo\'s duplicate-connection signal (3000) ends the session', async () => {
    const ended = vi.fn();
    const o = await openServer({ onSessionEnded: ended });
    await o.server.waitForConnection();
    o.server.signalDuplicateConnection();
    await until(() => ended.mock.calls.length > 0, 'the session end');
    expect(ended.mock.calls[0]![0]).toBe(3000);
    await sleep(100);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(o.server.connections).toBe(0);
  });

  it('refuses a second channel for the same account in the same process', async () => {
    const fake = new FakeZaloApi('999');
    await openFake({}, fake);
    const second = new ZaloChannel({ api: fake.api, state: new FileZaloStateStore(stateFile()), log: pino({ level: 'silent' }), now: () => new Date() });
    await expect(second.start(async () => undefined)).rejects.toBeInstanceOf(ChannelError);
    expect(fake.listener.starts).toBe(1);
  });

  it('stopping the refused second channel leaves the first one listening', async () => {
    const fake = new FakeZaloApi('999');
    const first = await openFake({}, fake);
    const second = new ZaloChannel({ api: fake.api, state: new FileZaloStateStore(stateFile()), log: pino({ level: 'silent' }), now: () => new Date() });
    await expect(second.start(async () => undefined)).rejects.toBeInstanceOf(ChannelError);
    await second.stop();
    expect(fake.listener.running).toBe(true);
    expect(fake.listener.starts).toBe(1);
    const third = new ZaloChannel({ api: fake.api, state: new FileZaloStateStore(stateFile()), log: pino({ level: 'silent' }), now: () => new Date() });
    await expect(third.start(async () => undefined)).rejects.toBeInstanceOf(ChannelError);
    expect(first.events).toEqual([]);
  });

  it('a channel restarted over the same API hands each message to the new handler only', async () => {
    const fake = new FakeZaloApi('999');
    const statePath = stateFile();
    const first = await openFake({ statePath }, fake);
    await first.stop();
    const second = await openFake({ statePath }, fake);
    await next(second, () => fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, 'Sau khi khởi động lại'));
    await sleep(50);
    expect(first.events).toEqual([]);
  });
});

// ---------- state across restarts, and the watcher's pace ----------

describe('zalo: state and poll watching', () => {
  it('keeps watching a poll after a restart, without re-delivering a vote already handed over', async () => {
    const fake = new FakeZaloApi('999');
    const statePath = stateFile();
    const first = await openFake({ statePath }, fake);
    const ref = await first.channel.ask(G, attendance());
    const pollId = pollIdOf(ref.messageId);
    const co = fake.optionId(pollId, 'Có dự');
    const vang = fake.optionId(pollId, 'Vắng, có lý do');
    fake.votePoll(pollId, AN.uid, [co]);
    await until(() => first.choices().length === 1, 'the first vote');
    await first.stop();

    fake.votePoll(pollId, BINH.uid, [vang]); // while the bot is down
    const second = await openFake({ statePath }, fake);
    await until(() => second.choices().length >= 1, 'the vote cast while down');
    await sleep(200);
    expect(second.choices().map((c) => [c.from.userId, c.promptId, c.optionIds])).toEqual([[BINH.uid, 'diem-danh-1', ['vang']]]);
    expect(second.choices()[0]!.eventId).not.toBe(first.choices()[0]!.eventId);

    // Still watched, and still closable.
    fake.votePoll(pollId, AN.uid, [vang]);
    await until(() => second.choices().length === 2, 'the changed vote');
    expect(second.choices()[1]).toMatchObject({ from: { userId: AN.uid }, optionIds: ['vang'] });
    await expect(second.channel.closeAsk(ref)).resolves.toEqual([]);
    expect(fake.lockedPolls).toEqual([pollId]);
  });

  it('keeps numbered questions and contacts across a restart', async () => {
    const fake = new FakeZaloApi('999');
    const statePath = stateFile();
    const first = await openFake({ statePath }, fake);
    await first.channel.ask(G, numbered('q1'));
    await next(first, () => fake.pushUserMessage(CUONG.uid, CUONG.name, 'Chào bot'));
    await first.stop();
    const second = await openFake({ statePath }, fake);
    expect(await second.channel.privateChat(userRef(CUONG))).toMatchObject({ chatId: CUONG.uid });
    const event = await next(second, () => fake.pushGroupMessage(GROUP_ID, AN.uid, AN.name, '2'));
    expect(event).toMatchObject({ kind: 'choice', promptId: 'q1', optionIds: ['q1-b'] });
  });

  it('backs off reading a poll nobody votes in', async () => {
    const o = await openFake({ pollWatch: { minMs: 20, maxMs: 80 } });
    await o.channel.ask(G, attendance());
    const before = o.fake.pollDetailCalls;
    await sleep(500);
    const reads = o.fake.pollDetailCalls - before;
    // 20, 40, 80, 80 … ms apart: about 7 reads, where a fixed 20 ms pace would make 25.
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(10);
  });
});
