// A đảng bộ's online conference on the fake Bot API, driven through the real bot's commands: the cell,
// its roll (every member chính thức, accounts linked), a meeting in progress with everyone present,
// and ballots with buttons. Shared by the vote-burst benchmark and the kill -9 drill.
import type { User } from 'telegraf/types';
import type { FakeMessage, FakeTelegram } from '../../test/support/fake-telegram.ts';
import type { BenchDatabase } from './db.ts';
import { memberName } from './names.ts';

export const CHOICES = [
  { id: 'yes', label: 'Tán thành', weight: 0.7 },
  { id: 'no', label: 'Không tán thành', weight: 0.2 },
  { id: 'other', label: 'Ý kiến khác (bảo lưu)', weight: 0.1 },
] as const;
export type ChoiceId = (typeof CHOICES)[number]['id'];

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A choice drawn with the weights above. */
export const drawChoice = (rand: () => number): ChoiceId => {
  const r = rand();
  let acc = 0;
  return CHOICES.find((c) => (acc += c.weight) > r)?.id ?? 'yes';
};

export interface Conference {
  users: User[];
  group: FakeMessage['chat'];
  meetingId: number;
  /** The secretary writes in the group; resolves with the bot's new messages there. */
  say(text: string): Promise<FakeMessage[]>;
  /** Opens a show of hands; resolves with its ballot message and each choice's callback data. */
  openVote(subject: string): Promise<{ seq: number; message: FakeMessage; data: Record<ChoiceId, string> }>;
  /** Closes vote `seq`; resolves with what is stored and what the group was told. */
  closeVote(seq: number): Promise<{ stored: Record<string, number>; announced: string }>;
}

/** Builds the conference; the bot must be running against `fake` and `db`. */
export async function seedConference(fake: FakeTelegram, db: BenchDatabase, size: number, groupId = -1001000000001): Promise<Conference> {
  const users = Array.from({ length: size }, (_, i) => fake.user(10_000 + i, memberName(i)));
  const group = fake.group(groupId, 'Đảng bộ — hội nghị trực tuyến');
  const secretary = users[0]!;
  const say = async (text: string) => {
    const before = fake.messagesIn(group.id).length;
    fake.injectMessage(group, secretary, text);
    return waitFor(`an answer to ${text.slice(0, 30)}`, () => {
      const now = fake.messagesIn(group.id);
      return now.length > before ? now.slice(before) : undefined;
    });
  };
  await say('/taochibo Đảng bộ Phường Bến Thành | Đảng ủy Quận 1');
  await say(`/nhapdv ${['Họ và tên,Đảng viên,Chức vụ', ...users.map((u, i) => `${u.first_name},Chính thức,${i === 0 ? 'Bí thư' : ''}`)].join('\n')}`);
  const cell = (await db.store.cells.findByChat('telegram', String(group.id)))!;
  const byName = new Map((await db.store.members.listCurrent(cell.id)).map((m) => [m.fullName, m]));
  const now = new Date();
  for (const user of users.slice(1)) {
    await db.store.identities.link(cell.id, byName.get(user.first_name)!.id, { channel: 'telegram', externalId: String(user.id), displayName: user.first_name }, null, now);
  }
  const meeting = await db.store.meetings.create(cell.id, {
    kind: 'THUONG_KY', topic: null, startsAt: new Date(now.getTime() + 5 * 60_000), place: 'Trực tuyến', agenda: ['Biểu quyết'], chairId: null,
  }, 'SCHEDULED', null, [], null, now);
  await say('/batdauhop');
  await say(`/diemdanh có mặt: 1-${size}`);
  const ballots = new Set<number>();
  return {
    users, group, meetingId: meeting!.id, say,
    async openVote(subject) {
      await say(`/bieuquyet ${subject}`);
      const message = await waitFor('the ballot', () =>
        fake.messagesIn(group.id).find((m) => !ballots.has(m.message_id) && m.reply_markup?.inline_keyboard.flat().some((b) => b.text === 'Tán thành')));
      ballots.add(message.message_id);
      const data = Object.fromEntries(message.reply_markup!.inline_keyboard.flat().map((b) => [CHOICES.find((c) => c.label === b.text)!.id, (b as { callback_data: string }).callback_data])) as Record<ChoiceId, string>;
      if (Object.keys(data).length !== CHOICES.length) throw new Error('the ballot was not posted with its three buttons');
      const vote = (await db.store.votes.ofMeeting(meeting!.id)).at(-1)!;
      return { seq: vote.seq, message, data };
    },
    async closeVote(seq) {
      const closing = await say(`/ketthucbieuquyet số ${seq}`);
      const vote = (await db.store.votes.ofMeeting(meeting!.id)).find((v) => v.seq === seq)!;
      return { stored: await db.store.votes.counts(vote.id), announced: closing.map((m) => m.text ?? '').join('\n') };
    },
  };
}

/** The stored counts and the announced result both equal the ground truth. */
export function tallyExact(result: { stored: Record<string, number>; announced: string }, truth: Record<ChoiceId, number>, eligible: number): boolean {
  return CHOICES.every((c) => (result.stored[c.id] ?? 0) === truth[c.id]) && result.announced.includes(`Tán thành: ${truth.yes}/${eligible} đồng chí`);
}
