// Secret ballots (bỏ phiếu kín) as the cell sees them, on a real database: /bophieukin hands out private
// ballots when the cell switched electronic secret ballots on (/caidat phiếu kín điện tử: bật), otherwise
// posts the paper-ballot instructions and waits for the counting committee's /kiemphieu. Discipline is by
// secret ballot only, with the forms and the cumulative count of domain-rules.md §3.5–3.6 (worked example 15).
// The key promise (§7.6, §7.7): the database stores who voted apart from what was chosen, so that nothing
// in it links a member to a choice — checked below by reading every row of every table.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { VoteRecord } from '../../src/app/ports.ts';
import type { ChatRef, UserRef } from '../../src/channels/channel.ts';
import type { SentRecord } from '../../src/channels/memory/memory-channel.ts';
import { openDatabase, sqlitePath, type Db } from '../../src/storage/database.ts';
import { errorText } from '../../src/text/vi.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';

const onPostgres = inject('testDatabase').provider === 'postgresql';

/** A Vietnam wall-clock time ("2026-11-23T14:00") as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);

const PROMPT_CLOSED = 'Câu hỏi này đã được trả lời hoặc đã đóng.';
const NO_BALLOT = 'Đồng chí không còn phiếu kín nào cần bỏ.';
const ELECTRONIC_ON = 'Bỏ phiếu kín: qua tin nhắn riêng với bot (chi bộ đã bật).';
const ADMISSION_SOURCE = '(Điều lệ Đảng, Điều 4.3; Hướng dẫn 06-HD/TW (2025))';
const DISCIPLINE_RULE = 'Khai trừ cần từ 2/3 trở lên, các hình thức khác quá 1/2 (Quy định 69-QĐ/TW, Điều 15; Quy định 296-QĐ/TW (2025)).';
const SUBJECT = 'Quần chúng Nguyễn Văn Nam';
const received = (seq: number) => `Đã nhận phiếu của đồng chí cho cuộc bỏ phiếu số ${seq}. Bot không lưu đồng chí chọn gì cùng với tên.`;
const progress = (seq: number, voted: number, eligible: number) => `Bỏ phiếu kín số ${seq}: đã bỏ phiếu ${voted}/${eligible}.`;
const privateBallot = (seq: number, heading: string) =>
  `PHIẾU KÍN số ${seq} — ${heading}\nChọn một lựa chọn. Mỗi đồng chí bỏ một phiếu; đã bỏ thì không đổi được.`;

const YES_NO_OTHER = [
  { id: 'yes', label: 'Tán thành' },
  { id: 'no', label: 'Không tán thành' },
  { id: 'other', label: 'Ý kiến khác (bảo lưu)' },
];
const FORM = {
  KHAI_TRU: { id: 'KHAI_TRU', label: 'Khai trừ' },
  CACH_CHUC: { id: 'CACH_CHUC', label: 'Cách chức' },
  CANH_CAO: { id: 'CANH_CAO', label: 'Cảnh cáo' },
  KHIEN_TRACH: { id: 'KHIEN_TRACH', label: 'Khiển trách' },
  none: { id: 'none', label: 'Không kỷ luật' },
};
const ALL_OPTIONS = [...YES_NO_OTHER, ...Object.values(FORM)];

/** Members after the bí thư (seq 1), in roll order: seq 2 is Trần Thị Hoa (chi ủy viên), seq 3 Lê Văn Cường, … */
const NAMES = ['Trần Thị Hoa', 'Lê Văn Cường', 'Phạm Thị Dung', 'Đỗ Văn Em', 'Vũ Thị Giang', 'Hồ Văn Hải', 'Ngô Văn Khánh', 'Bùi Thị Lan'];

// ---- building a cell and a meeting (as in vote-commands.test.ts) ----

/** The bí thư (seq 1), `officials - 1` more official members (seq 2 a chi ủy viên), then `probationary` dự bị. */
async function roll(h: Harness, officials: number, probationary = 0): Promise<UserRef[]> {
  const users = [await h.createCell()];
  for (let i = 1; i < officials + probationary; i++) {
    users.push(await h.addLinkedMember(NAMES[i - 1]!, i >= officials ? 'dự bị' : i === 1 ? 'chính thức chi ủy' : 'chính thức'));
  }
  return users;
}

async function enableElectronic(h: Harness, bt: UserRef) {
  expect(await h.say(bt, '/caidat phiếu kín điện tử: bật')).toEqual([expect.stringContaining(ELECTRONIC_ON)]);
}

/** Schedules the 14:00 meeting of 23/11/2026, opens it at its time and takes the roll with `sheet`. */
async function startMeeting(h: Harness, bt: UserRef, sheet = 'có mặt: còn lại') {
  expect((await h.say(bt, '/lichhop thường kỳ | 23/11/2026 14:00 | Hội trường')).at(-1)).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
  h.clock.set(vn('2026-11-23T14:00'));
  expect(await h.say(bt, '/batdauhop')).toContainEqual(expect.stringMatching(/^BẮT ĐẦU cuộc họp số 1/));
  expect(await h.say(bt, `/diemdanh ${sheet}`)).toContainEqual(expect.stringMatching(/^Đã ghi điểm danh\./));
  h.clock.set(vn('2026-11-23T15:00'));
}

// ---- reading what the bot stored and sent ----

const cellIdOf = async (h: Harness) => (await h.db.store.cells.findByChat('memory', h.group.chatId))!.id;
async function votesOf(h: Harness): Promise<VoteRecord[]> {
  const meeting = (await h.db.store.meetings.bySeq(await cellIdOf(h), 1))!;
  return h.db.store.votes.ofMeeting(meeting.id);
}
const voteOf = async (h: Harness, seq = 1): Promise<VoteRecord> => (await votesOf(h)).find((v) => v.seq === seq)!;
async function memberIdOf(h: Harness, name: string): Promise<number> {
  return (await h.db.store.members.listCurrent(await cellIdOf(h))).find((m) => m.fullName === name)!.id;
}

const mark = (h: Harness) => h.channel.records.length;
const since = (h: Harness, index: number): SentRecord[] => h.channel.records.slice(index);
type Message = Extract<SentRecord, { type: 'message' }>;
type Prompt = Extract<SentRecord, { type: 'prompt' }>;
const groupTexts = (h: Harness, index = 0) =>
  since(h, index).filter((r): r is Message => r.type === 'message' && r.chat.chatId === h.group.chatId).map((r) => r.text);
const groupEdits = (h: Harness, index = 0) =>
  since(h, index).flatMap((r) => (r.type === 'edit' && r.chat.chatId === h.group.chatId ? [r.text] : []));
const promptsSince = (h: Harness, index = 0) => since(h, index).filter((r): r is Prompt => r.type === 'prompt');
const acks = (h: Harness, index: number) => since(h, index).flatMap((r) => (r.type === 'ack' ? [r.notice] : []));
/** The ballot prompts a member has received in the private chat with the bot. */
const ballotsOf = (h: Harness, user: UserRef) => h.channel.prompts(h.dm(user).chatId);

/** Presses `optionId` on a given prompt (not necessarily the newest one) in `chat`. */
async function pressOn(h: Harness, prompt: Prompt, user: UserRef, optionId: string, chat: ChatRef = h.dm(user)) {
  const before = mark(h);
  await h.channel.choice({ chat, from: user, promptId: prompt.prompt.promptId, optionIds: [optionId] });
  await h.bot.idle();
  return since(h, before);
}

/** Each user presses their choice on the newest ballot in their private chat; each gets the receipt. */
async function voteAll(h: Harness, users: UserRef[], choices: string[], seq = 1) {
  for (const [i, choice] of choices.entries()) {
    const user = users[i]!;
    const before = mark(h);
    await h.press(user, choice, h.dm(user));
    expect(acks(h, before), `${user.displayName} voting ${choice}`).toEqual([received(seq)]);
  }
}

// A second client on the test database, for the rows the store does not expose.
const rawClients = new Map<Harness, Db>();
async function raw(h: Harness): Promise<Db> {
  let db = rawClients.get(h);
  if (!db) rawClients.set(h, (db = await openDatabase(h.db.url)));
  return db;
}
async function closeRaw(h: Harness) {
  await rawClients.get(h)?.$disconnect();
  rawClients.delete(h);
}
async function tallies(h: Harness, voteId: number): Promise<Record<string, number>> {
  const rows = await (await raw(h)).secretTally.findMany({ where: { voteId } });
  return Object.fromEntries(rows.map((r) => [r.option, r.count]));
}
async function voterIds(h: Harness, voteId: number): Promise<number[]> {
  return (await (await raw(h)).secretVoter.findMany({ where: { voteId } })).map((r) => r.memberId).sort((a, b) => a - b);
}

// ---- reading every row of every table ----

type Row = Record<string, unknown>;
interface TableDump {
  table: string;
  columns: string[];
  /** In physical order (rowid on SQLite, ctid on PostgreSQL); on PostgreSQL with `__xmin` and `__ctid`. */
  rows: Row[];
}

/** Every table of the database (sqlite_master / information_schema), every row, read with the plain driver. */
async function dumpDatabase(h: Harness): Promise<TableDump[]> {
  if (h.db.provider === 'sqlite') {
    const sqlite = new Database(sqlitePath(h.db.url), { readonly: true });
    try {
      const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
      return tables.map(({ name }) => {
        const quoted = `"${name.replace(/"/g, '""')}"`;
        const columns = (sqlite.prepare(`PRAGMA table_info(${quoted})`).all() as { name: string }[]).map((c) => c.name);
        return { table: name, columns, rows: sqlite.prepare(`SELECT * FROM ${quoted} ORDER BY rowid`).all() as Row[] };
      });
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: h.db.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const dump: TableDump[] = [];
    for (const { name } of tables.rows) {
      const columns = await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [name],
      );
      const rows = await client.query<Row>(`SELECT xmin::text AS "__xmin", ctid::text AS "__ctid", * FROM "${name.replace(/"/g, '""')}" ORDER BY ctid`);
      dump.push({ table: name, columns: columns.rows.map((c) => c.name), rows: rows.rows });
    }
    return dump;
  } finally {
    await client.end();
  }
}

const META = new Set(['__xmin', '__ctid']);
/** Columns that hold a member: memberId, aboutMemberId, actorMemberId, openedById, markedById, actorId, chairId, … */
const PERSON_KEY = /(member|actor)Id$|ById$|^(chairId|minuteTakerId)$/i;

interface Voter {
  memberId: number;
  /** The chat account (externalId on the memory channel) and its private chat. */
  account: string;
  name: string;
}

function parseJson(value: string): unknown {
  const text = value.trim();
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a row names the voter: by member id in a member column, or by account or name anywhere (JSON included). */
function namesVoter(table: string, row: Row, voter: Voter): boolean {
  const account = new RegExp(`(^|[^\\w-])(dm-)?${voter.account}($|[^\\w])`);
  const inText = (s: string) => account.test(s) || s.includes(voter.name);
  const walk = (node: unknown, key: string): boolean => {
    if (typeof node === 'string') return inText(node);
    if (typeof node === 'number' || typeof node === 'bigint') return PERSON_KEY.test(key) && Number(node) === voter.memberId;
    if (Array.isArray(node)) return node.some((n) => walk(n, key));
    if (node && typeof node === 'object') return Object.entries(node).some(([k, v]) => walk(v, k));
    return false;
  };
  return Object.entries(row).some(([column, value]) => {
    if (META.has(column) || value === null || value === undefined) return false;
    if ((PERSON_KEY.test(column) || (table === 'Member' && column === 'id')) && Number(value) === voter.memberId) return true;
    if (typeof value !== 'string') return false;
    if (inText(value)) return true;
    const json = parseJson(value);
    return json !== undefined && walk(json, column);
  });
}

/**
 * The choice a row holds, if any: a value equal to an option id, a text with an option's label, or in JSON
 * a single option as a value or an option keyed to anything but a plain total. The ballot's own list of
 * all its options (Vote.options) and totals keyed by option (Vote.result.counts) are not a choice.
 */
function choiceIn(row: Row, options: readonly { id: string; label: string }[]): string | null {
  const ids = new Set(options.map((o) => o.id));
  const labels = options.map((o) => o.label.toLowerCase());
  const inText = (s: string): string | null => (ids.has(s.trim()) ? s : (labels.find((l) => s.toLowerCase().includes(l)) ?? null));
  const walk = (node: unknown): string | null => {
    if (typeof node === 'string') return inText(node);
    if (Array.isArray(node)) {
      const strings = node.filter((n): n is string => typeof n === 'string');
      // The list of every option on a ballot (Vote.options) names no choice.
      if (strings.length === node.length && strings.length > 1 && strings.every((s) => ids.has(s))) return null;
      for (const n of node) {
        const found = walk(n);
        if (found) return found;
      }
      return null;
    }
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (ids.has(k) && typeof v !== 'number') return `${k} → ${JSON.stringify(v)}`;
        const found = walk(v);
        if (found) return found;
      }
    }
    return null;
  };
  for (const [column, value] of Object.entries(row)) {
    if (META.has(column) || typeof value !== 'string') continue;
    const json = parseJson(value);
    const found = json === undefined ? inText(value) : walk(json);
    if (found) return `${column}: ${found}`;
  }
  return null;
}

/** Rows that name one of the voters and hold a choice: each would link a member to a choice. */
function links(dump: TableDump[], voters: Voter[], options: readonly { id: string; label: string }[]) {
  return dump.flatMap(({ table, rows }) =>
    rows.flatMap((row) => {
      const who = voters.filter((v) => namesVoter(table, row, v)).map((v) => v.name);
      const choice = choiceIn(row, options);
      return who.length && choice ? [{ table, row, who, choice }] : [];
    }),
  );
}

async function votersOf(h: Harness, users: UserRef[]): Promise<Voter[]> {
  return Promise.all(users.map(async (u) => ({ memberId: await memberIdOf(h, u.displayName), account: u.userId, name: u.displayName })));
}

/**
 * The dump with what differs between two runs of the same story for reasons other than the ballots:
 * random prompt ids become P1, P2, … and PostgreSQL transaction ids become their rank (x1, x2, …).
 */
function canonical(dump: TableDump[]) {
  const promptIds = new Map<string, string>();
  for (const row of dump.find((t) => t.table === 'Prompt')?.rows ?? []) promptIds.set(String(row.id), `P${promptIds.size + 1}`);
  const xids = [...new Set(dump.flatMap((t) => t.rows.map((r) => r.__xmin)).filter((x): x is string => typeof x === 'string'))].sort(
    (a, b) => Number(a) - Number(b),
  );
  const rank = new Map(xids.map((x, i) => [x, `x${i + 1}`]));
  const value = (column: string, v: unknown): unknown => {
    if (column === '__xmin') return rank.get(String(v));
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return [...promptIds].reduce((s, [id, p]) => s.split(id).join(p), v);
    return v;
  };
  return dump.map(({ table, columns, rows }) => ({
    table,
    columns,
    rows: rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(k, v)]))),
  }));
}

describe('secret ballots', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await closeRaw(h);
    await h.close();
  });

  /**
   * The common electronic story: official members 1-6 (2 is chi ủy viên), Hồ Văn Hải (7) dự bị; 1-5 and 7
   * present, Vũ Thị Giang (6) absent without reason. D = 6, 5 may vote; an admission needs 4 of 6.
   */
  async function electronicAdmission(target: Harness = h) {
    const users = await roll(target, 6, 1);
    await enableElectronic(target, users[0]!);
    await startMeeting(target, users[0]!, 'có mặt: 1-5, 7 | vắng không lý do: 6');
    const before = mark(target);
    const replies = await target.say(users[0]!, `/bophieukin kết nạp | ${SUBJECT}`);
    return { users, before, replies };
  }

  // ---- 1. Electronic secret ballot ----

  describe('electronic', () => {
    it('posts the ballot to the group without buttons and one private ballot to each eligible member, none to a probationary or absent member', async () => {
      const { users, before } = await electronicAdmission();
      const [bt, hoa, cuong, dung, em, giang, hai] = users;
      expect(groupTexts(h, before)).toEqual([
        [
          `BỎ PHIẾU KÍN số 1 — Kết nạp đảng viên: ${SUBJECT}`,
          `Số đảng viên làm căn cứ (D): 6; có mặt được bỏ phiếu: 5. Để thông qua cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành ${ADMISSION_SOURCE}.`,
          'Phiếu được gửi riêng cho từng đồng chí qua tin nhắn riêng với bot. Bot chỉ lưu ai đã bỏ phiếu và tổng số phiếu mỗi lựa chọn, không lưu ai chọn gì.',
        ].join('\n'),
        progress(1, 0, 5),
      ]);
      // No buttons in the group: every prompt went to a private chat, one per eligible member.
      const sent = promptsSince(h, before);
      expect(sent.filter((p) => p.chat.kind !== 'private')).toEqual([]);
      expect(sent.map((p) => p.chat.chatId)).toEqual([bt, hoa, cuong, dung, em].map((u) => h.dm(u!).chatId));
      for (const p of sent) {
        expect(p.prompt.question).toBe(privateBallot(1, `Kết nạp đảng viên: ${SUBJECT}`));
        expect(p.prompt.options).toEqual(YES_NO_OTHER);
      }
      expect(ballotsOf(h, giang!)).toEqual([]);
      expect(ballotsOf(h, hai!)).toEqual([]);

      const vote = await voteOf(h);
      expect(vote).toMatchObject({
        seq: 1, kind: 'ADMISSION', form: 'SECRET', mode: 'ELECTRONIC', subject: SUBJECT, threshold: 'TWO_THIRDS', base: 6, status: 'OPEN',
        options: ['yes', 'no', 'other'], result: null,
      });
      expect(await h.db.store.votes.eligible(vote.id)).toHaveLength(5);
      // One counter per option from the start, no voter yet, no open-vote rows.
      expect(await tallies(h, vote.id)).toEqual({ yes: 0, no: 0, other: 0 });
      expect(await voterIds(h, vote.id)).toEqual([]);
      const db = await raw(h);
      expect(await db.openBallot.count()).toBe(0);
      // The private ballots are stored prompts naming only the vote.
      const stored = await db.prompt.findMany({ where: { kind: 'vote.secret' } });
      expect(stored.map((p) => [p.chatId, p.chatKind, JSON.parse(p.payload), p.subject, p.closedAt])).toEqual(
        [bt, hoa, cuong, dung, em].map((u) => [h.dm(u!).chatId, 'private', { voteId: vote.id }, `vote:${vote.id}`, null]),
      );
    });

    it('takes one ballot per member: a receipt, the progress line counts voters, and the spent ballot loses its buttons', async () => {
      const { users } = await electronicAdmission();
      const [bt, hoa, cuong] = users;
      const vote = await voteOf(h);
      const progressRef = vote.progress[0]!;
      const ballot = ballotsOf(h, cuong!)[0]!;
      const before = mark(h);
      expect((await h.press(cuong!, 'no', h.dm(cuong!))).sort()).toEqual([received(1), progress(1, 1, 5)].sort());
      // The receipt is an ack to the voter and names no choice; the group only sees the edited count.
      expect(acks(h, before)).toEqual([received(1)]);
      expect(since(h, before)).toContainEqual({ type: 'edit', chat: expect.objectContaining({ chatId: h.group.chatId }), messageId: progressRef.messageId, text: progress(1, 1, 5) });
      expect(since(h, before)).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.dm(cuong!).chatId }), messageId: ballot.messageId });
      expect(groupTexts(h, before)).toEqual([]);
      expect(await tallies(h, vote.id)).toEqual({ yes: 0, no: 1, other: 0 });
      expect(await voterIds(h, vote.id)).toEqual([await memberIdOf(h, 'Lê Văn Cường')]);

      expect((await h.press(bt!, 'yes', h.dm(bt!))).sort()).toEqual([received(1), progress(1, 2, 5)].sort());
      expect((await h.press(hoa!, 'other', h.dm(hoa!))).sort()).toEqual([received(1), progress(1, 3, 5)].sort());
      expect(groupEdits(h, before)).toEqual([progress(1, 1, 5), progress(1, 2, 5), progress(1, 3, 5)]);
      expect(await tallies(h, vote.id)).toEqual({ yes: 1, no: 1, other: 1 });
      expect(await voterIds(h, vote.id)).toHaveLength(3);
    });

    it('refuses a second vote: another press on the spent ballot, /phieu afterwards, and a second ballot taken with /phieu before voting', async () => {
      const { users } = await electronicAdmission();
      const [, hoa, cuong] = users;
      const vote = await voteOf(h);
      // Trần Thị Hoa asks for her ballot again before voting: she now holds two.
      expect(await h.say(hoa!, '/phieu', h.dm(hoa!))).toEqual([`${privateBallot(1, `Kết nạp đảng viên: ${SUBJECT}`)}\n[yes] Tán thành [no] Không tán thành [other] Ý kiến khác (bảo lưu)`]);
      const [first, second] = ballotsOf(h, hoa!);
      expect(second).toBeDefined();
      await voteAll(h, [cuong!], ['yes']);
      const spent = ballotsOf(h, cuong!)[0]!;

      // The same ballot pressed again (its buttons may linger on a channel that cannot remove them).
      let before = mark(h);
      expect(await pressOn(h, spent, cuong!, 'no')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED })]);
      expect(groupEdits(h, before)).toEqual([]);
      // /phieu after voting hands out nothing.
      expect(await h.say(cuong!, '/phieu', h.dm(cuong!))).toEqual([NO_BALLOT]);

      // Hoa votes on one ballot, then presses the other: refused as already voted.
      before = mark(h);
      await pressOn(h, first!, hoa!, 'no');
      expect(acks(h, before)).toEqual([received(1)]);
      before = mark(h);
      const again = await pressOn(h, second!, hoa!, 'yes');
      expect(again).toEqual([expect.objectContaining({ type: 'ack', notice: errorText('vote.alreadyVoted', { seq: 1 }) })]);
      expect(acks(h, before)[0]).toContain('đã bỏ phiếu');
      expect(groupEdits(h, before)).toEqual([]);

      expect(await tallies(h, vote.id)).toEqual({ yes: 1, no: 1, other: 0 });
      expect(await voterIds(h, vote.id)).toEqual([await memberIdOf(h, 'Trần Thị Hoa'), await memberIdOf(h, 'Lê Văn Cường')].sort((a, b) => a - b));
    });

    it('counts a member once when two of their ballots are pressed at the same moment from two private chats', async () => {
      const { users } = await electronicAdmission();
      const cuong = users[2]!;
      const vote = await voteOf(h);
      // A second private chat of the same account (another device or client) asks for the ballot too.
      const other: ChatRef = { channel: 'memory', chatId: `dm2-${cuong.userId}`, kind: 'private' };
      await h.say(cuong, '/phieu', other);
      const a = ballotsOf(h, cuong)[0]!;
      const b = h.channel.prompts(other.chatId)[0]!;
      const before = mark(h);
      await Promise.all([
        h.channel.choice({ chat: h.dm(cuong), from: cuong, promptId: a.prompt.promptId, optionIds: ['yes'] }),
        h.channel.choice({ chat: other, from: cuong, promptId: b.prompt.promptId, optionIds: ['no'] }),
      ]);
      expect(acks(h, before).sort()).toEqual([received(1), errorText('vote.alreadyVoted', { seq: 1 })].sort());
      const counts = await tallies(h, vote.id);
      expect(counts.yes! + counts.no! + counts.other!).toBe(1);
      expect(await voterIds(h, vote.id)).toEqual([await memberIdOf(h, 'Lê Văn Cường')]);
    });

    it('/phieu returns the ballot to an eligible member who has not voted, and has nothing for a probationary or absent member', async () => {
      const { users } = await electronicAdmission();
      const [, , , dung, , giang, hai] = users;
      let before = mark(h);
      expect(await h.say(dung!, '/phieu', h.dm(dung!))).toEqual([expect.stringMatching(/^PHIẾU KÍN số 1 — /)]);
      expect(promptsSince(h, before).map((p) => [p.chat.chatId, p.prompt.options])).toEqual([[h.dm(dung!).chatId, YES_NO_OTHER]]);
      // The ballot from /phieu counts like the first one.
      expect((await h.press(dung!, 'yes', h.dm(dung!))).sort()).toEqual([received(1), progress(1, 1, 5)].sort());
      before = mark(h);
      expect(await h.say(hai!, '/phieu', h.dm(hai!))).toEqual([NO_BALLOT]);
      expect(await h.say(giang!, '/phieu', h.dm(giang!))).toEqual([NO_BALLOT]);
      expect(promptsSince(h, before)).toEqual([]);
      // Only in a private chat.
      expect(await h.say(dung!, '/phieu')).toEqual([errorText('command.privateOnly', { name: 'phieu' })]);
      expect(await tallies(h, (await voteOf(h)).id)).toEqual({ yes: 1, no: 0, other: 0 });
    });

    it('names the members it could not reach privately and lets them take the ballot with /phieu', async () => {
      const bt = await h.createCell();
      await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
      const cuong = await h.addLinkedMember('Lê Văn Cường');
      // On the roll, but without a linked chat account: the bot cannot write to her first.
      await h.db.store.members.add(
        await cellIdOf(h),
        { fullName: 'Phạm Thị Dung', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'DANG_VIEN', phone: null, admittedOn: null },
        0,
        h.clock.now(),
      );
      await enableElectronic(h, bt);
      await startMeeting(h, bt);
      const before = mark(h);
      await h.say(bt, `/bophieukin kết nạp | ${SUBJECT}`);
      expect(groupTexts(h, before)).toEqual([
        expect.stringMatching(/^BỎ PHIẾU KÍN số 1 — /),
        'Bot chưa nhắn riêng được cho: Phạm Thị Dung. Các đồng chí nhắn riêng cho bot lệnh /phieu để nhận phiếu số 1.',
        progress(1, 0, 4),
      ]);
      expect(promptsSince(h, before)).toHaveLength(3);
      expect(ballotsOf(h, cuong)).toHaveLength(1);
    });

    it('asks before opening a ballot that cannot pass, and hands out the private ballots once confirmed', async () => {
      const users = await roll(h, 6);
      const [bt, hoa, cuong] = users;
      await enableElectronic(h, bt!);
      await startMeeting(h, bt!, 'có mặt: 1-3 | vắng không lý do: 4-6');
      const [question] = await h.say(bt!, `/bophieukin kết nạp | ${SUBJECT}`);
      expect(question).toContain('D = 6, có mặt được biểu quyết 3; cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành');
      expect(await votesOf(h)).toEqual([]);
      const before = mark(h);
      await h.press(bt!, 'open');
      expect(groupTexts(h, before)).toEqual([expect.stringMatching(/^BỎ PHIẾU KÍN số 1 — Kết nạp đảng viên/), progress(1, 0, 3)]);
      expect(promptsSince(h, before).map((p) => p.chat.chatId)).toEqual([bt, hoa, cuong].map((u) => h.dm(u!).chatId));
      expect(await voteOf(h)).toMatchObject({ mode: 'ELECTRONIC', form: 'SECRET', base: 6 });
    });

    it.each([
      [4, ['yes', 'yes', 'yes', 'yes', 'no'], 'đạt 66,67% — THÔNG QUA, đủ 2/3', 6667, true],
      [3, ['yes', 'yes', 'yes', 'other'], 'đạt 50,00% — KHÔNG THÔNG QUA, chưa đủ 2/3', 5000, false],
    ])('closes with counts only: %i tán thành of D = 6', async (yes, choices, verdict, hundredths, passed) => {
      const { users } = await electronicAdmission();
      await voteAll(h, users, choices);
      const vote = await voteOf(h);
      const spare = users.slice(choices.length, 5);
      h.clock.set(vn('2026-11-23T15:20'));
      const before = mark(h);
      const no = choices.filter((c) => c === 'no').length;
      const other = choices.filter((c) => c === 'other').length;
      expect(await h.say(users[0]!, '/ketthucbieuquyet')).toEqual([
        [
          `KẾT QUẢ BỎ PHIẾU KÍN số 1 — Kết nạp đảng viên: ${SUBJECT}`,
          `Tán thành: ${yes}/6 đồng chí, ${verdict} (cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành ${ADMISSION_SOURCE}).`,
          `Không tán thành: ${no}; ý kiến khác (bảo lưu): ${other}; không bỏ phiếu: ${5 - choices.length} (trong 5 đồng chí có mặt được bỏ phiếu).`,
        ].join('\n'),
      ]);
      // Only counts: no member is named in the announcement.
      for (const name of ['Nguyễn Văn Bình', ...NAMES]) expect(groupTexts(h, before).join('\n')).not.toContain(name);
      expect(await voteOf(h)).toMatchObject({
        status: 'CLOSED', closedAt: vn('2026-11-23T15:20'),
        result: { threshold: 'TWO_THIRDS', base: 6, yes, needed: 4, passed, shareHundredths: hundredths, counts: { yes, no, other }, voted: choices.length, eligible: 5 },
      });
      // The ballots not cast lose their buttons; a press after closing is refused and changes nothing.
      for (const u of spare) {
        const ballot = ballotsOf(h, u!)[0]!;
        expect(since(h, before)).toContainEqual({ type: 'closeAsk', chat: expect.objectContaining({ chatId: h.dm(u!).chatId }), messageId: ballot.messageId });
        expect(await pressOn(h, ballot, u!, 'yes')).toEqual([expect.objectContaining({ type: 'ack', notice: PROMPT_CLOSED })]);
        expect(await h.say(u!, '/phieu', h.dm(u!))).toEqual([NO_BALLOT]);
      }
      expect(await tallies(h, vote.id)).toEqual({ yes, no, other });
      expect(await h.say(users[0]!, '/ketthucbieuquyet')).toEqual(['Không có biểu quyết nào đang mở.']);
    });

    it('answers /kiemphieu on an electronic ballot that it is closed with /ketthucbieuquyet', async () => {
      const { users } = await electronicAdmission();
      expect(await h.say(users[0]!, '/kiemphieu phát ra: 5 | thu về: 5 | hợp lệ: 5 | tán thành: 5')).toEqual([errorText('vote.notPaper', { seq: 1 })]);
      expect(await voteOf(h)).toMatchObject({ status: 'OPEN' });
    });
  });

  // ---- 2. Secrecy: nothing in the database links a member to a choice ----

  describe('secrecy', () => {
    /** Four voters with four different choices (Đỗ Văn Em eligible, silent), then the close. */
    async function votedAndClosed(target: Harness, choices = ['yes', 'no', 'other', 'yes']) {
      const { users } = await electronicAdmission(target);
      await voteAll(target, users, choices);
      expect((await target.say(users[0]!, '/ketthucbieuquyet'))[0]).toMatch(/^KẾT QUẢ BỎ PHIẾU KÍN số 1/);
      return { users, voters: await votersOf(target, users.slice(0, choices.length)), vote: await voteOf(target) };
    }

    it('after a secret ballot no row of any table holds both a voter and a choice', async () => {
      const { voters, vote } = await votedAndClosed(h);
      const dump = await dumpDatabase(h);
      const table = (name: string) => dump.find((t) => t.table === name)!;
      // Every table of the schema was read.
      for (const name of ['Member', 'MemberIdentity', 'Prompt', 'ProcessedEvent', 'AuditEntry', 'Meeting', 'MeetingEvent', 'MeetingAttendance', 'Vote', 'VoteEligible', 'OpenBallot', 'SecretVoter', 'SecretTally']) {
        expect(table(name), name).toBeDefined();
      }

      // The inspection finds a link where there is one (a row like an open vote's ballot).
      expect(links([{ table: 'OpenBallot', columns: [], rows: [{ voteId: vote.id, memberId: voters[0]!.memberId, choice: 'yes' }] }], voters, YES_NO_OTHER)).toHaveLength(1);
      expect(links([{ table: 'Prompt', columns: [], rows: [{ chatId: `dm-${voters[1]!.account}`, payload: JSON.stringify({ voteId: vote.id, choice: 'no' }) }] }], voters, YES_NO_OTHER)).toHaveLength(1);

      // The rule itself: no row names a voter and holds a choice.
      expect(links(dump, voters, ALL_OPTIONS)).toEqual([]);

      // SecretVoter says who voted and nothing else; SecretTally says how many chose what and nothing else.
      expect([...table('SecretVoter').columns].sort()).toEqual(['memberId', 'voteId']);
      expect([...table('SecretTally').columns].sort()).toEqual(['count', 'option', 'voteId']);
      expect(table('SecretVoter').rows.map((r) => Number(r.memberId)).sort((a, b) => a - b)).toEqual(voters.map((v) => v.memberId).sort((a, b) => a - b));
      expect(Object.fromEntries(table('SecretTally').rows.map((r) => [r.option, Number(r.count)]))).toEqual({ yes: 2, no: 1, other: 1 });
      for (const row of table('SecretVoter').rows) expect(choiceIn(row, ALL_OPTIONS)).toBeNull();
      // No open-vote row was written for the secret ballot.
      expect(table('OpenBallot').rows).toEqual([]);

      // The private ballots name the vote only, whether spent or closed at the end.
      const ballots = table('Prompt').rows.filter((r) => r.kind === 'vote.secret');
      expect(ballots).toHaveLength(5);
      for (const row of ballots) {
        expect(row.chatKind).toBe('private');
        expect(JSON.parse(String(row.payload))).toEqual({ voteId: vote.id });
        expect(choiceIn(row, ALL_OPTIONS)).toBeNull();
        expect(row.closedAt).not.toBeNull();
      }
      // Handled events, the audit trail and the meeting's history hold no choice at all.
      for (const name of ['ProcessedEvent', 'AuditEntry', 'MeetingEvent']) {
        expect(table(name).rows.filter((r) => choiceIn(r, ALL_OPTIONS)), name).toEqual([]);
      }
    });

    it('control: the same inspection finds the links of a show-of-hands vote', async () => {
      const users = await roll(h, 4);
      await startMeeting(h, users[0]!);
      await h.say(users[0]!, '/bieuquyet Thông qua nghị quyết tháng 11');
      await h.press(users[1]!, 'yes');
      await h.press(users[2]!, 'no');
      const found = links(await dumpDatabase(h), await votersOf(h, users.slice(1, 3)), YES_NO_OTHER);
      expect(found.map((f) => [f.table, f.who, f.choice])).toEqual([
        ['OpenBallot', ['Trần Thị Hoa'], 'choice: yes'],
        ['OpenBallot', ['Lê Văn Cường'], 'choice: no'],
      ]);
    });

    // Two runs of one story, the same members voting in the same order with the same totals but each
    // choosing differently: if the database differed, it would tell who chose what.
    it.each([
      ['an admission', `kết nạp | ${SUBJECT}`, ['yes', 'no', 'other', 'yes', 'no'], ['no', 'yes', 'yes', 'no', 'other']],
      [
        'a discipline',
        'kỷ luật | Đỗ Văn Em',
        ['KHAI_TRU', 'KHAI_TRU', 'CANH_CAO', 'KHIEN_TRACH', 'KHIEN_TRACH', 'none', 'none'],
        ['none', 'KHIEN_TRACH', 'KHAI_TRU', 'none', 'KHAI_TRU', 'KHIEN_TRACH', 'CANH_CAO'],
      ],
    ])('stores exactly the same database whoever chose what (%s)', async (_kind, line, first, second) => {
      for (const [i, choice] of first.entries()) expect(second[i]).not.toBe(choice);
      expect([...first].sort()).toEqual([...second].sort());
      const story = async (target: Harness, choices: string[]) => {
        const users = await roll(target, 7);
        await enableElectronic(target, users[0]!);
        await startMeeting(target, users[0]!);
        expect((await target.say(users[0]!, `/bophieukin ${line}`))[0]).toMatch(/^BỎ PHIẾU KÍN số 1/);
        await voteAll(target, users, choices);
        expect((await target.say(users[0]!, '/ketthucbieuquyet'))[0]).toMatch(/^KẾT QUẢ BỎ PHIẾU KÍN số 1/);
        return dumpDatabase(target);
      };
      const other = await createHarness();
      try {
        const a = await story(h, first);
        const b = await story(other, second);
        expect(canonical(b)).toEqual(canonical(a));
      } finally {
        await other.close();
      }
    });

    it.skipIf(!onPostgres)('PostgreSQL: after the close no SecretTally row carries the transaction id (xmin) of a SecretVoter row, or of any row naming a voter', async () => {
      const { voters, vote } = await votedAndClosed(h);
      const client = new pg.Client({ connectionString: h.db.url });
      await client.connect();
      try {
        const tally = (await client.query<{ x: string }>(`SELECT xmin::text AS x FROM "SecretTally" WHERE "voteId" = $1`, [vote.id])).rows.map((r) => r.x);
        const voterXids = (await client.query<{ x: string }>(`SELECT xmin::text AS x FROM "SecretVoter" WHERE "voteId" = $1`, [vote.id])).rows.map((r) => r.x);
        expect(tally).toHaveLength(3);
        expect(voterXids).toHaveLength(4);
        expect(tally.filter((x) => voterXids.includes(x))).toEqual([]);
      } finally {
        await client.end();
      }
      const dump = await dumpDatabase(h);
      const tallyXids = new Set(dump.find((t) => t.table === 'SecretTally')!.rows.map((r) => String(r.__xmin)));
      const naming = dump.flatMap(({ table, rows }) =>
        rows.filter((r) => table !== 'SecretTally' && tallyXids.has(String(r.__xmin)) && voters.some((v) => namesVoter(table, r, v))).map((r) => ({ table, r })),
      );
      expect(naming).toEqual([]);
    });
  });

  // ---- 3. Discipline ----

  describe('discipline', () => {
    /** The forms on the private ballot of `name`, opened by the bí thư; cell of 7 official + 1 dự bị, all present. */
    async function disciplineBallot(name: string) {
      const users = await roll(h, 7, 1);
      await enableElectronic(h, users[0]!);
      await startMeeting(h, users[0]!);
      const before = mark(h);
      await h.say(users[0]!, `/bophieukin kỷ luật | ${name}`);
      const sent = promptsSince(h, before);
      // Only the 7 official members get a ballot, never the probationary one.
      expect(sent.map((p) => p.chat.chatId)).toEqual(users.slice(0, 7).map((u) => h.dm(u).chatId));
      return { users, sent, texts: groupTexts(h, before) };
    }

    it('lists khai trừ, cảnh cáo, khiển trách and no discipline for an official member without a post (no cách chức)', async () => {
      const { sent, texts } = await disciplineBallot('Lê Văn Cường');
      expect(texts[0]).toBe(
        [
          'BỎ PHIẾU KÍN số 1 — Kỷ luật: Lê Văn Cường',
          `Số đảng viên làm căn cứ (D): 7; có mặt được bỏ phiếu: 7. ${DISCIPLINE_RULE}`,
          'Phiếu được gửi riêng cho từng đồng chí qua tin nhắn riêng với bot. Bot chỉ lưu ai đã bỏ phiếu và tổng số phiếu mỗi lựa chọn, không lưu ai chọn gì.',
        ].join('\n'),
      );
      for (const p of sent) {
        expect(p.prompt.question).toBe(privateBallot(1, 'Kỷ luật: Lê Văn Cường'));
        expect(p.prompt.options).toEqual([FORM.KHAI_TRU, FORM.CANH_CAO, FORM.KHIEN_TRACH, FORM.none]);
      }
      const vote = await voteOf(h);
      expect(vote).toMatchObject({ kind: 'DISCIPLINE', mode: 'ELECTRONIC', form: 'SECRET', subject: 'Lê Văn Cường', aboutMemberId: await memberIdOf(h, 'Lê Văn Cường') });
      expect(await tallies(h, vote.id)).toEqual({ KHAI_TRU: 0, CANH_CAO: 0, KHIEN_TRACH: 0, none: 0 });
    });

    it('adds cách chức for a member holding a post', async () => {
      const { sent } = await disciplineBallot('Trần Thị Hoa');
      expect(sent[0]!.prompt.options).toEqual([FORM.KHAI_TRU, FORM.CACH_CHUC, FORM.CANH_CAO, FORM.KHIEN_TRACH, FORM.none]);
    });

    it('lists only cảnh cáo and khiển trách (and no discipline) for a probationary member', async () => {
      const { sent } = await disciplineBallot('Ngô Văn Khánh');
      expect(sent[0]!.prompt.options).toEqual([FORM.CANH_CAO, FORM.KHIEN_TRACH, FORM.none]);
      expect(await voteOf(h)).toMatchObject({ subject: 'Ngô Văn Khánh', options: ['CANH_CAO', 'KHIEN_TRACH', 'none'] });
    });

    it('refuses a show of hands on discipline, and a member not on the roll; nothing opens', async () => {
      const users = await roll(h, 4);
      await enableElectronic(h, users[0]!);
      await startMeeting(h, users[0]!);
      const before = mark(h);
      expect(await h.say(users[0]!, '/bieuquyet kỷ luật | Lê Văn Cường')).toEqual([errorText('vote.secretOnly')]);
      expect(await h.say(users[0]!, '/bophieukin kỷ luật | Nguyễn Văn Vắng')).toEqual([errorText('vote.disciplineWho')]);
      expect(errorText('vote.disciplineWho')).toContain('Ghi rõ đảng viên bị xem xét kỷ luật');
      expect(promptsSince(h, before)).toEqual([]);
      expect(await votesOf(h)).toEqual([]);
    });

    // D = 7 (all present). Khai trừ needs 5 (≥ 2/3), the other forms 4 (> 1/2).
    it.each([
      {
        name: 'by cumulative count: 2 khai trừ, 1 cảnh cáo, 2 khiển trách, 2 none → khiển trách (2 + 1 + 2 = 5 ≥ 4)',
        choices: ['KHAI_TRU', 'KHAI_TRU', 'CANH_CAO', 'KHIEN_TRACH', 'KHIEN_TRACH', 'none', 'none'],
        counts: 'Khai trừ: 2; Cảnh cáo: 1; Khiển trách: 2; Không kỷ luật: 2',
        verdict: 'Hình thức kỷ luật: KHIỂN TRÁCH (tính cộng dồn từ hình thức cao nhất).',
        steps: 'cộng dồn đến khai trừ 2/7 (cần 5) — chưa đạt; cộng dồn đến cảnh cáo 3/7 (cần 4) — chưa đạt; cộng dồn đến khiển trách 5/7 (cần 4) — đạt',
        form: 'KHIEN_TRACH', how: 'cumulative',
      },
      {
        name: 'directly: 5 khai trừ, 2 none → khai trừ (5 ≥ 2/3 of 7)',
        choices: ['KHAI_TRU', 'KHAI_TRU', 'KHAI_TRU', 'KHAI_TRU', 'KHAI_TRU', 'none', 'none'],
        counts: 'Khai trừ: 5; Cảnh cáo: 0; Khiển trách: 0; Không kỷ luật: 2',
        verdict: 'Hình thức kỷ luật: KHAI TRỪ.',
        steps: 'khai trừ 5/7 (cần 5) — đạt; cảnh cáo 0/7 (cần 4) — chưa đạt; khiển trách 0/7 (cần 4) — chưa đạt',
        form: 'KHAI_TRU', how: 'direct',
      },
      {
        name: 'directly on a lighter form: 3 khai trừ, 4 cảnh cáo → cảnh cáo',
        choices: ['KHAI_TRU', 'KHAI_TRU', 'KHAI_TRU', 'CANH_CAO', 'CANH_CAO', 'CANH_CAO', 'CANH_CAO'],
        counts: 'Khai trừ: 3; Cảnh cáo: 4; Khiển trách: 0; Không kỷ luật: 0',
        verdict: 'Hình thức kỷ luật: CẢNH CÁO.',
        steps: 'khai trừ 3/7 (cần 5) — chưa đạt; cảnh cáo 4/7 (cần 4) — đạt; khiển trách 0/7 (cần 4) — chưa đạt',
        form: 'CANH_CAO', how: 'direct',
      },
      {
        name: 'khai trừ short of 2/3 (4 of 7) carries to cảnh cáo by cumulative count',
        choices: ['KHAI_TRU', 'KHAI_TRU', 'KHAI_TRU', 'KHAI_TRU', 'none', 'none', 'none'],
        counts: 'Khai trừ: 4; Cảnh cáo: 0; Khiển trách: 0; Không kỷ luật: 3',
        verdict: 'Hình thức kỷ luật: CẢNH CÁO (tính cộng dồn từ hình thức cao nhất).',
        steps: 'cộng dồn đến khai trừ 4/7 (cần 5) — chưa đạt; cộng dồn đến cảnh cáo 4/7 (cần 4) — đạt',
        form: 'CANH_CAO', how: 'cumulative',
      },
    ])('announces the form $name', (expected) => disciplineResultIs(expected));

    // When no form is reached even cumulatively, the steps still say they are running totals.
    it('announces no form, with the cumulative totals marked as such (1 + 1 + 1 of 7, 4 none)', () =>
      disciplineResultIs({
        choices: ['KHAI_TRU', 'CANH_CAO', 'KHIEN_TRACH', 'none', 'none', 'none', 'none'],
        counts: 'Khai trừ: 1; Cảnh cáo: 1; Khiển trách: 1; Không kỷ luật: 4',
        verdict: 'Không hình thức kỷ luật nào đạt tỷ lệ cần thiết, kể cả khi cộng dồn.',
        steps: 'cộng dồn đến khai trừ 1/7 (cần 5) — chưa đạt; cộng dồn đến cảnh cáo 2/7 (cần 4) — chưa đạt; cộng dồn đến khiển trách 3/7 (cần 4) — chưa đạt',
        form: null, how: 'none',
      }),
    );

    async function disciplineResultIs({ choices, counts, verdict, steps, form, how }: { choices: string[]; counts: string; verdict: string; steps: string; form: string | null; how: string }) {
      const users = await roll(h, 7);
      await enableElectronic(h, users[0]!);
      await startMeeting(h, users[0]!);
      await h.say(users[0]!, '/bophieukin kỷ luật | Đỗ Văn Em');
      await voteAll(h, users, choices);
      const [result] = await h.say(users[0]!, '/ketthucbieuquyet');
      const lines = result!.split('\n');
      expect(lines[0]).toBe('KẾT QUẢ BỎ PHIẾU KÍN số 1 — Kỷ luật: Đỗ Văn Em');
      expect(lines[1]!.replace(/\.$/, '').toLowerCase()).toBe(counts.toLowerCase());
      expect(lines.slice(2)).toEqual([verdict, `Cách tính: ${steps}. ${DISCIPLINE_RULE}`, 'Đã bỏ phiếu: 7/7 đồng chí có mặt được bỏ phiếu.']);
      expect((await voteOf(h)).result).toMatchObject({ passed: form !== null, discipline: { form, how } });
    }
  });

  // ---- 4. Paper ballots (electronic off) ----

  describe('paper', () => {
    /** Official members 1-6, 1-5 present, Vũ Thị Giang (6) absent: D = 6, 5 may vote (at most 5 ballots). */
    async function paperAdmission() {
      const users = await roll(h, 6);
      await startMeeting(h, users[0]!, 'có mặt: 1-5 | vắng không lý do: 6');
      const before = mark(h);
      const replies = await h.say(users[0]!, `/bophieukin kết nạp | ${SUBJECT}`);
      return { users, before, replies };
    }

    it('posts the paper instructions and no private ballot; /phieu has nothing and /ketthucbieuquyet points to /kiemphieu', async () => {
      const { users, before, replies } = await paperAdmission();
      expect(replies).toEqual([
        [
          `BỎ PHIẾU KÍN BẰNG PHIẾU GIẤY số 1 — Kết nạp đảng viên: ${SUBJECT}`,
          `Số đảng viên làm căn cứ (D): 6; có mặt được bỏ phiếu: 5 (phát tối đa 5 phiếu). Để thông qua cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành ${ADMISSION_SOURCE}.`,
          'Ban kiểm phiếu nhập kết quả: /kiemphieu số 1 | phát ra: … | thu về: … | hợp lệ: … | tán thành: … | không tán thành: … | ý kiến khác (bảo lưu): …',
        ].join('\n'),
      ]);
      expect(promptsSince(h, before)).toEqual([]);
      const vote = await voteOf(h);
      expect(vote).toMatchObject({ kind: 'ADMISSION', form: 'SECRET', mode: 'PAPER', status: 'OPEN', base: 6 });
      expect(await tallies(h, vote.id)).toEqual({});
      expect(await h.say(users[2]!, '/phieu', h.dm(users[2]!))).toEqual([NO_BALLOT]);
      expect(await h.say(users[0]!, '/ketthucbieuquyet')).toEqual([errorText('vote.paperNeedsCount', { seq: 1 })]);
      expect(errorText('vote.paperNeedsCount', { seq: 1 })).toContain('/kiemphieu số 1');
      expect(await voteOf(h)).toMatchObject({ status: 'OPEN', result: null });
    });

    it.each([
      ['more issued than voters', 'phát ra: 6 | thu về: 5 | hợp lệ: 5 | tán thành: 5', errorText('paper.tooManyIssued', { issued: 6, eligible: 5 })],
      ['more collected than issued', 'phát ra: 4 | thu về: 5 | hợp lệ: 4 | tán thành: 4', errorText('paper.tooManyCollected', { collected: 5, issued: 4 })],
      ['more valid than collected', 'phát ra: 5 | thu về: 4 | hợp lệ: 5 | tán thành: 5', errorText('paper.tooManyValid', { valid: 5, collected: 4 })],
      ['options not summing to the valid ballots', 'phát ra: 5 | thu về: 5 | hợp lệ: 5 | tán thành: 3 | không tán thành: 1', errorText('paper.sumMismatch', { sum: 4, valid: 5 })],
      ['an unknown label', 'phát ra: 5 | thu về: 5 | hợp lệ: 5 | tán thành: 4 | phiếu trắng: 1', errorText('paper.syntax', { value: 'phiếu trắng: 1' })],
      ['an option not on this ballot', 'phát ra: 5 | thu về: 5 | hợp lệ: 5 | tán thành: 4 | khai trừ: 1', errorText('paper.unknownOption')],
      ['the totals missing', 'tán thành: 4 | không tán thành: 1', errorText('paper.syntax', { value: 'tán thành: 4 | không tán thành: 1' })],
      ['the valid count missing', 'phát ra: 5 | thu về: 5 | tán thành: 5', errorText('paper.syntax', { value: 'phát ra: 5 | thu về: 5 | tán thành: 5' })],
    ])('refuses a count with %s and leaves the vote open', async (_case, count, message) => {
      const { users } = await paperAdmission();
      const before = mark(h);
      expect(await h.say(users[0]!, `/kiemphieu số 1 | ${count}`)).toEqual([message]);
      expect(await h.say(users[0]!, `/kiemphieu ${count}`)).toEqual([message]);
      expect(groupTexts(h, before).filter((t) => t.startsWith('KẾT QUẢ'))).toEqual([]);
      expect(await voteOf(h)).toMatchObject({ status: 'OPEN', closedAt: null, result: null });
    });

    it('refuses /kiemphieu from a member outside the chi ủy', async () => {
      const { users } = await paperAdmission();
      expect(await h.say(users[2]!, '/kiemphieu phát ra: 5 | thu về: 5 | hợp lệ: 4 | tán thành: 4')).toEqual([errorText('access.secretariatOnly', { name: 'kiemphieu' })]);
      expect(await voteOf(h)).toMatchObject({ status: 'OPEN' });
    });

    it.each([
      [4, 'đạt 66,67% — THÔNG QUA, đủ 2/3', true],
      // 3 of the 4 valid ballots is 75 %, but the share is taken of D = 6.
      [3, 'đạt 50,00% — KHÔNG THÔNG QUA, chưa đủ 2/3', false],
    ])('closes on a consistent count and announces it against D: %i tán thành', async (yes, verdict, passed) => {
      const { users } = await paperAdmission();
      h.clock.set(vn('2026-11-23T15:40'));
      const replies = await h.say(users[1]!, `/kiemphieu số 1 | phát ra: 5 | thu về: 5 | hợp lệ: 4 | tán thành: ${yes} | không tán thành: ${4 - yes} | ý kiến khác: 0`);
      expect(replies).toEqual([
        [
          `KẾT QUẢ BỎ PHIẾU KÍN số 1 — Kết nạp đảng viên: ${SUBJECT}`,
          `Tán thành: ${yes}/6 đồng chí, ${verdict} (cần từ 2/3 trở lên: ít nhất 4/6 đồng chí tán thành ${ADMISSION_SOURCE}).`,
          `Không tán thành: ${4 - yes}; ý kiến khác (bảo lưu): 0. Phiếu phát ra: 5; thu về: 5; hợp lệ: 4 (5 đồng chí có mặt được bỏ phiếu).`,
        ].join('\n'),
      ]);
      expect(await voteOf(h)).toMatchObject({
        status: 'CLOSED', closedAt: vn('2026-11-23T15:40'),
        result: { threshold: 'TWO_THIRDS', base: 6, yes, needed: 4, passed, voted: 4, eligible: 5, paper: { issued: 5, collected: 5, valid: 4, counts: { yes, no: 4 - yes, other: 0 } } },
      });
      // Counted once: a second count finds nothing open.
      expect(await h.say(users[0]!, '/kiemphieu phát ra: 5 | thu về: 5 | hợp lệ: 5 | tán thành: 5')).toEqual(['Không có biểu quyết nào đang mở.']);
    });

    // A count typed with the labels of the bot's own instructions is read.
    it('accepts a count typed with the labels its own instructions show', async () => {
      const { users, replies } = await paperAdmission();
      const template = /\/kiemphieu .*$/m.exec(replies[0]!)![0];
      expect(template).toContain('ý kiến khác (bảo lưu): …');
      const values = ['5', '5', '5', '4', '0', '1'];
      let i = 0;
      const line = template.replace(/…/g, () => values[i++]!);
      expect(line).toBe('/kiemphieu số 1 | phát ra: 5 | thu về: 5 | hợp lệ: 5 | tán thành: 4 | không tán thành: 0 | ý kiến khác (bảo lưu): 1');
      expect((await h.say(users[0]!, line))[0]).toMatch(/^KẾT QUẢ BỎ PHIẾU KÍN số 1/);
      expect(await voteOf(h)).toMatchObject({ status: 'CLOSED' });
    });

    it('counts a paper discipline ballot: forms of the member, cumulative result against D', async () => {
      const users = await roll(h, 7);
      await startMeeting(h, users[0]!);
      const [instructions] = await h.say(users[0]!, '/bophieukin kỷ luật | Đỗ Văn Em');
      expect(instructions).toBe(
        [
          'BỎ PHIẾU KÍN BẰNG PHIẾU GIẤY số 1 — Kỷ luật: Đỗ Văn Em',
          `Số đảng viên làm căn cứ (D): 7; có mặt được bỏ phiếu: 7 (phát tối đa 7 phiếu). ${DISCIPLINE_RULE}`,
          'Ban kiểm phiếu nhập kết quả: /kiemphieu số 1 | phát ra: … | thu về: … | hợp lệ: … | khai trừ: … | cảnh cáo: … | khiển trách: … | không kỷ luật: …',
        ].join('\n'),
      );
      expect(await voteOf(h)).toMatchObject({ kind: 'DISCIPLINE', mode: 'PAPER', options: ['KHAI_TRU', 'CANH_CAO', 'KHIEN_TRACH', 'none'] });
      // Cách chức is not on the ballot of a member without a post.
      expect(await h.say(users[0]!, '/kiemphieu phát ra: 7 | thu về: 7 | hợp lệ: 7 | cách chức: 7')).toEqual([errorText('paper.unknownOption')]);
      const [result] = await h.say(users[0]!, '/kiemphieu số 1 | phát ra: 7 | thu về: 7 | hợp lệ: 7 | khai trừ: 2 | cảnh cáo: 1 | khiển trách: 2 | không kỷ luật: 2');
      const lines = result!.split('\n');
      expect(lines[0]).toBe('KẾT QUẢ BỎ PHIẾU KÍN số 1 — Kỷ luật: Đỗ Văn Em');
      expect(lines[1]!.replace(/\.$/, '').toLowerCase()).toBe('khai trừ: 2; cảnh cáo: 1; khiển trách: 2; không kỷ luật: 2');
      expect(lines.slice(2)).toEqual([
        'Hình thức kỷ luật: KHIỂN TRÁCH (tính cộng dồn từ hình thức cao nhất).',
        `Cách tính: cộng dồn đến khai trừ 2/7 (cần 5) — chưa đạt; cộng dồn đến cảnh cáo 3/7 (cần 4) — chưa đạt; cộng dồn đến khiển trách 5/7 (cần 4) — đạt. ${DISCIPLINE_RULE}`,
        'Phiếu phát ra: 7; thu về: 7; hợp lệ: 7 (7 đồng chí có mặt được bỏ phiếu).',
      ]);
      expect(await voteOf(h)).toMatchObject({ status: 'CLOSED', result: { passed: true, discipline: { form: 'KHIEN_TRACH', how: 'cumulative' } } });
    });
  });
});
