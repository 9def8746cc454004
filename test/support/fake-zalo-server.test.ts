// Proves FakeZaloServer against the real zca-js 2.2.0 `API` (HTTP endpoints and the WebSocket listener), offline.
import { afterEach, describe, expect, it } from 'vitest';
import {
  GroupEventType, Reactions, ThreadType, ZaloApiError,
  type API, type GroupEvent, type Message,
} from 'zca-js';
import { connectZaloApi, FakeZaloServer, ZALO_ERRORS, type FakeZaloOptions } from './fake-zalo-server.ts';

let server: FakeZaloServer | undefined;
let api: API | undefined;
let listenerErrors: unknown[] = [];

afterEach(async () => {
  api?.listener.stop();
  await server?.stop();
  api = undefined;
  server = undefined;
});

async function setup(options?: FakeZaloOptions): Promise<{ server: FakeZaloServer; api: API }> {
  server = await new FakeZaloServer(options).start();
  server.addUser('111', 'Nguyễn Văn An');
  server.addUser('222', 'Trần Thị Bình');
  server.addUser('333', 'Lê Văn Cường');
  server.addGroup('G1', 'Chi bộ 1', ['111', '222', '333', '999'], { adminIds: ['222'] });
  api = await connectZaloApi(server);
  listenerErrors = [];
  api.listener.on('error', (e) => listenerErrors.push(e)); // an unhandled 'error' event would crash the worker
  return { server, api };
}

/** Resolves with the first value a one-shot registration delivers, or rejects after timeoutMs. */
function waitEvent<T>(register: (cb: (value: T) => void) => void, timeoutMs = 2000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for listener event')), timeoutMs);
    register((value) => { clearTimeout(timer); resolve(value); });
  });
}

async function startListener(s: FakeZaloServer, a: API): Promise<void> {
  const keyed = waitEvent<string>((cb) => a.listener.once('cipher_key', cb));
  a.listener.start();
  await keyed;
  await s.waitForConnection();
}

/** Collects `n` listener messages. */
function collectMessages(a: API, n: number, timeoutMs = 2000): Promise<Message[]> {
  const got: Message[] = [];
  return waitEvent<Message[]>((done) => {
    const on = (m: Message) => {
      got.push(m);
      if (got.length === n) { a.listener.off('message', on); done(got); }
    };
    a.listener.on('message', on);
  }, timeoutMs);
}

describe('FakeZaloServer with the real zca-js API', () => {
  it('sends a plain group message to /api/group/sendmsg and returns a fresh msgId', async () => {
    const { server, api } = await setup();
    const first = await api.sendMessage('Họp chi bộ 19:00 thứ Năm', 'G1', ThreadType.Group);
    const second = await api.sendMessage('Nhắc lại: họp tối nay', 'G1', ThreadType.Group);
    expect(server.sent).toEqual([
      { threadId: 'G1', threadType: 'group', text: 'Họp chi bộ 19:00 thứ Năm', msgId: first.message?.msgId, path: '/api/group/sendmsg' },
      { threadId: 'G1', threadType: 'group', text: 'Nhắc lại: họp tối nay', msgId: second.message?.msgId, path: '/api/group/sendmsg' },
    ]);
    expect(first.message?.msgId).not.toBe(second.message?.msgId);
    expect(server.calls[0]).toMatchObject({ path: '/api/group/sendmsg', method: 'POST', params: { grid: 'G1', message: 'Họp chi bộ 19:00 thứ Năm', visibility: 0, ttl: 0 } });
  });

  it('sends a private message to /api/message/sms with toid', async () => {
    const { server, api } = await setup();
    const r = await api.sendMessage('Chào đồng chí An', '111', ThreadType.User);
    expect(server.sent).toEqual([{ threadId: '111', threadType: 'user', text: 'Chào đồng chí An', msgId: r.message?.msgId, path: '/api/message/sms' }]);
    expect(server.calls[0]).toMatchObject({ path: '/api/message/sms', params: { toid: '111', imei: 'fake-imei' } });
  });

  it('sends @All and member mentions to /api/group/mention (uid -1 as type 1)', async () => {
    const { server, api } = await setup();
    await api.sendMessage({ msg: '@All @An họp nhé', mentions: [{ pos: 0, len: 4, uid: '-1' }, { pos: 5, len: 3, uid: '111' }] }, 'G1', ThreadType.Group);
    const call = server.calls.at(-1);
    expect(call?.path).toBe('/api/group/mention');
    expect(call?.params?.mentionInfo).toBe(JSON.stringify([{ pos: 0, uid: '-1', len: 4, type: 1 }, { pos: 5, uid: '111', len: 3, type: 0 }]));
    expect(server.sent[0]?.mentions).toEqual([{ uid: '-1', pos: 0, len: 4 }, { uid: '111', pos: 5, len: 3 }]);
  });

  it('runs a poll: create, members vote, retract, lock; voting after lock throws', async () => {
    const { server, api } = await setup();
    const poll = await api.createPoll({ question: 'Thông qua biên bản?', options: ['Đồng ý', 'Không đồng ý'], expiredTime: 0 }, 'G1');
    expect(poll.options.map((o) => [o.option_id, o.content])).toEqual([[1, 'Đồng ý'], [2, 'Không đồng ý']]);
    expect(server.calls.at(-1)?.params).toMatchObject({ group_id: 'G1', question: 'Thông qua biên bản?', allow_multi_choices: false, is_anonymous: false });

    server.votePoll(poll.poll_id, '111', [1]);
    server.votePoll(poll.poll_id, '222', [2]);
    let detail = await api.getPollDetail(poll.poll_id);
    expect(detail.options.map((o) => ({ id: o.option_id, votes: o.votes, voters: o.voters }))).toEqual([
      { id: 1, votes: 1, voters: ['111'] },
      { id: 2, votes: 1, voters: ['222'] },
    ]);
    expect(detail.num_vote).toBe(2);

    server.votePoll(poll.poll_id, '222', [1]); // change of mind replaces the choice
    server.votePoll(poll.poll_id, '111', []); // retract
    detail = await api.getPollDetail(poll.poll_id);
    expect(detail.options.map((o) => o.voters)).toEqual([['222'], []]);
    expect(detail.num_vote).toBe(1);

    await expect(api.lockPoll(poll.poll_id)).resolves.toBe('');
    expect((await api.getPollDetail(poll.poll_id)).closed).toBe(true);
    expect(() => server.votePoll(poll.poll_id, '333', [1])).toThrow(/closed/);
    await expect(api.votePoll(poll.poll_id, 1)).rejects.toBeInstanceOf(ZaloApiError);
  });

  it('reminder RSVP: respondReminder emits group_event ACCEPT_REMIND and getReminderResponses reflects it', async () => {
    const { server, api } = await setup();
    await startListener(server, api);
    const created = await api.createReminder({ title: 'Sinh hoạt chi bộ tháng 7', startTime: Date.now() + 3_600_000 }, 'G1', ThreadType.Group);
    expect(server.calls.at(-1)).toMatchObject({ path: '/api/board/topic/createv2', params: { grid: 'G1', params: JSON.stringify({ title: 'Sinh hoạt chi bộ tháng 7' }) } });
    if (!('id' in created)) throw new Error('expected a group reminder');
    expect(created).toMatchObject({ groupId: 'G1', params: { title: 'Sinh hoạt chi bộ tháng 7' }, creatorId: '999' });

    const accepted = waitEvent<GroupEvent>((cb) => api.listener.once('group_event', cb));
    server.respondReminder(created.id, '111', 'accept');
    const event = await accepted;
    expect(event.type).toBe(GroupEventType.ACCEPT_REMIND);
    if (event.type !== GroupEventType.ACCEPT_REMIND) throw new Error('narrowing');
    expect(event.threadId).toBe('G1');
    expect(event.data).toMatchObject({ topicId: created.id, updateMembers: ['111'], groupId: 'G1' });
    expect(event.isSelf).toBe(false);

    const rejected = waitEvent<GroupEvent>((cb) => api.listener.once('group_event', cb));
    server.respondReminder(created.id, '222', 'reject');
    expect((await rejected).type).toBe(GroupEventType.REJECT_REMIND);

    expect(await api.getReminderResponses(created.id)).toEqual({ acceptMember: ['111'], rejectMember: ['222'] });
    server.respondReminder(created.id, '111', 'reject'); // changing the answer moves the member
    expect(await api.getReminderResponses(created.id)).toEqual({ acceptMember: [], rejectMember: ['222', '111'] });
    expect(listenerErrors).toEqual([]);
  });

  it('edits, reads and removes a reminder', async () => {
    const { server, api } = await setup();
    const created = await api.createReminder({ title: 'Họp', startTime: 1_800_000_000_000 }, 'G1', ThreadType.Group);
    if (!('id' in created)) throw new Error('expected a group reminder');
    const edited = await api.editReminder({ topicId: created.id, title: 'Họp (dời 20:00)', startTime: 1_800_003_600_000 }, 'G1', ThreadType.Group);
    expect(edited).toMatchObject({ id: created.id, params: { title: 'Họp (dời 20:00)' }, startTime: 1_800_003_600_000 });
    expect((await api.getReminder(created.id)).responseMem).toEqual({ acceptMember: 0, rejectMember: 0, myResp: 0 });
    expect((await api.getListReminder({}, 'G1', ThreadType.Group)).map((r) => r.id)).toEqual([created.id]);
    await api.removeReminder(created.id, 'G1', ThreadType.Group);
    expect(server.getReminder(created.id)).toBeUndefined();
    await expect(api.getReminderResponses(created.id)).rejects.toMatchObject({ code: 404 });
  });

  it('answers getGroupInfo, getGroupMembersInfo, getAllFriends and getUserInfo from registered fixtures', async () => {
    const { server, api } = await setup();
    server.addFriend('111');
    server.addFriend('333');
    const info = (await api.getGroupInfo('G1')).gridInfoMap['G1'];
    expect(info).toMatchObject({ groupId: 'G1', name: 'Chi bộ 1', creatorId: '111', adminIds: ['222'], totalMember: 4 });
    expect(info?.memVerList).toEqual(['111_0', '222_0', '333_0', '999_0']);

    const members = await api.getGroupMembersInfo(info?.memVerList ?? []);
    expect(Object.values(members.profiles).map((p) => [p.id, p.displayName])).toEqual([
      ['111', 'Nguyễn Văn An'], ['222', 'Trần Thị Bình'], ['333', 'Lê Văn Cường'],
    ]); // 999 (the bot) was never addUser()ed, so it has no profile

    const friends = await api.getAllFriends();
    expect(friends.map((f) => [f.userId, f.displayName])).toEqual([['111', 'Nguyễn Văn An'], ['333', 'Lê Văn Cường']]);
    const user = await api.getUserInfo('222');
    expect(user.changed_profiles['222']?.zaloName).toBe('Trần Thị Bình');
  });

  it('records addReaction', async () => {
    const { server, api } = await setup();
    await api.addReaction(Reactions.LIKE, { data: { msgId: '5001', cliMsgId: '6001' }, threadId: 'G1', type: ThreadType.Group });
    expect(server.reactions).toEqual([{ threadId: 'G1', threadType: 'group', icon: '/-strong', rType: 3, msgId: '5001', cliMsgId: '6001' }]);
  });

  it.each([2, 0] as const)('listener receives group (with mentions and quote) and private messages (wsEncrypt %i)', async (wsEncrypt) => {
    const { server, api } = await setup({ wsEncrypt });
    await startListener(server, api);
    const got = collectMessages(api, 2);
    const groupMsgId = server.pushGroupMessage('G1', '111', '@Bot /diemdanh', {
      mentions: [{ uid: '999', pos: 0, len: 4 }],
      quote: { msgId: '4242', ownerId: '222', text: 'Họp lúc mấy giờ?' },
    });
    const userMsgId = server.pushUserMessage('222', 'Em xin vắng họp');
    // No order assertion: with encrypt 2, zca-js decrypts each frame asynchronously (crypto.subtle),
    // so two frames can be emitted in either order.
    const messages = await got;
    const group = messages.find((m) => m.type === ThreadType.Group);
    const user = messages.find((m) => m.type === ThreadType.User);

    expect(group?.type).toBe(ThreadType.Group);
    expect(group).toMatchObject({ threadId: 'G1', isSelf: false, data: { msgId: groupMsgId, uidFrom: '111', dName: 'Nguyễn Văn An', content: '@Bot /diemdanh' } });
    if (group?.type !== ThreadType.Group) throw new Error('narrowing');
    expect(group.data.mentions).toEqual([{ uid: '999', pos: 0, len: 4, type: 0 }]);
    expect(group.data.quote).toMatchObject({ ownerId: '222', globalMsgId: 4242, msg: 'Họp lúc mấy giờ?' });

    expect(user).toMatchObject({ type: ThreadType.User, threadId: '222', isSelf: false, data: { msgId: userMsgId, content: 'Em xin vắng họp', idTo: '999' } });
    expect(listenerErrors).toEqual([]);
  });

  it('re-delivers an identical message when the same msgId is pushed again', async () => {
    const { server, api } = await setup();
    await startListener(server, api);
    const got = collectMessages(api, 2);
    const msgId = server.pushGroupMessage('G1', '333', '/bieuquyet');
    expect(server.pushGroupMessage('G1', '333', '/bieuquyet', { msgId })).toBe(msgId);
    const [a, b] = await got;
    expect(a?.data.msgId).toBe(msgId);
    expect(b?.data).toEqual(a?.data);
  });

  it('does not deliver the account\'s own messages unless selfListen', async () => {
    const { server, api } = await setup();
    await startListener(server, api);
    const got = collectMessages(api, 1);
    server.pushGroupMessage('G1', '999', 'tin của chính bot');
    server.pushGroupMessage('G1', '111', 'tin của An');
    expect((await got)[0]?.data.content).toBe('tin của An');
  });

  it('failNext makes the call reject with ZaloApiError carrying the code, then recovers', async () => {
    const { server, api } = await setup();
    server.failNext('/api/group/sendmsg', ZALO_ERRORS.rateLimited);
    server.failNext('/api/message/sms', ZALO_ERRORS.cannotReceive, 2);

    const err = await api.sendMessage('a', 'G1', ThreadType.Group).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err).toMatchObject({ code: 221, message: 'Vượt quá số request cho phép' });
    await expect(api.sendMessage('b', 'G1', ThreadType.Group)).resolves.toMatchObject({ message: { msgId: expect.any(Number) } });

    await expect(api.sendMessage('c', '111', ThreadType.User)).rejects.toMatchObject({ code: 123, message: 'Không thể nhận tin nhắn từ bạn.' });
    await expect(api.sendMessage('c', '111', ThreadType.User)).rejects.toMatchObject({ code: 123, message: 'Không thể nhận tin nhắn từ bạn.' });
    await api.sendMessage('c', '111', ThreadType.User);
    expect(server.sent.map((m) => m.text)).toEqual(['b', 'c']);
    expect(server.calls.filter((c) => c.error).length).toBe(3);
  });

  it('answers un-faked endpoints with a clear "not faked: <path>" error', async () => {
    const { server, api } = await setup();
    await expect(api.getAllGroups()).rejects.toMatchObject({ code: 404, message: expect.stringMatching(/^not faked: \/api\//) });
    expect(server.unhandled).toHaveLength(1);
  });

  it.each([
    { code: 3003, reason: 'kicked' },
    { code: 3000, reason: 'duplicate' },
    { code: 1006, reason: '' },
  ])('closeSockets($code) makes the listener emit closed with that code', async ({ code, reason }) => {
    const { server, api } = await setup();
    await startListener(server, api);
    expect(server.connections).toBe(1);
    const closed = waitEvent<[number, string]>((cb) => api.listener.once('closed', (c, r) => cb([c, r])));
    server.closeSockets(code, reason);
    expect(await closed).toEqual([code, reason]);
  });

  it('signalDuplicateConnection (WS cmd 3000) makes zca-js close itself with 3000', async () => {
    const { server, api } = await setup();
    await startListener(server, api);
    const closed = waitEvent<number>((cb) => api.listener.once('closed', (c) => cb(c)));
    server.signalDuplicateConnection();
    expect(await closed).toBe(3000);
  });
});
