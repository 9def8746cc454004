// LLM-faults drill: the model's server times out, answers 500, or answers invalid JSON while a secretary asks
// for the draft of a real meeting (held through the bot's commands, minutes given with /bienban). The bot must
// fall back to the offline extraction and say so, keep the draft pending for review, publish nothing and
// store no conclusion, resolution or task until the secretary approves, and then publish once. A timeout must
// not hang the bot: /tomtat ends within the configured timeout × attempts, and other chats are answered meanwhile.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { ChatRef, UserRef } from '../src/channels/channel.ts';
import { createOpenAiSummariser } from '../src/llm/openai-summariser.ts';
import { minutesText as t } from '../src/text/minutes.ts';
import { errorText } from '../src/text/vi.ts';
import { asTestDatabase, createBenchDatabase, type DbKind } from '../bench/support/db.ts';
import type { DrillResult } from '../bench/support/report.ts';
import { createHarnessOn, type Harness } from '../test/support/bot-harness.ts';
import { completion, startOpenAiStub, type OpenAiStub, type StubReply } from '../test/support/openai-stub.ts';

/** Per HTTP attempt, and retries by the SDK: what a cell would configure with LLM_TIMEOUT_MS / LLM_MAX_RETRIES, made small. */
const TIMEOUT_MS = 400;
const MAX_RETRIES = 1;
/** The SDK's backoff before retry i (0.5 s doubling, at most 8 s; jitter only shortens it). */
const BACKOFF_MS = Array.from({ length: MAX_RETRIES }, (_, i) => Math.min(500 * 2 ** i, 8_000)).reduce((a, b) => a + b, 0);
/** Room for the database work and the offline extraction around the LLM attempts. */
const SLACK_MS = 4_000;
const BOUND_MS = TIMEOUT_MS * (MAX_RETRIES + 1) + BACKOFF_MS + SLACK_MS;
/** The slow server answers, correctly, after this: past the bound, so a bot that waited for it would be caught. */
const LATE_MS = BOUND_MS + 1_500;

const MINUTES_TEXT = readFileSync(new URL('../test/fixtures/minutes/thang-12-2026.txt', import.meta.url), 'utf8');
const SECRETARY = 'Lý Ngọc Mai';

/** A valid answer in the summariser's schema, citing a captured line: what the server would say if it were on time. */
const validAnswer = (): StubReply => ({
  json: completion(JSON.stringify({
    conclusions: [{ text: 'Tập trung bảo đảm an ninh trật tự dịp Tết (mô hình)', sources: ['T2'] }],
    resolutions: [],
    tasks: [],
    lastMonthNotes: [],
  })),
});

export type LlmFault = 'timeout' | 'http-500' | 'invalid-json';

interface Fault {
  name: LlmFault;
  /** The key of the reason the secretary is told (src/text/minutes.ts fallbackReasons). */
  reason: 'timeout' | 'server' | 'invalid-output';
  reply: (n: number) => StubReply;
  /** HTTP requests before the fallback: the SDK's retries, or the summariser's one repeat after an unusable answer. */
  requests: number;
}

const FAULTS: Fault[] = [
  { name: 'timeout', reason: 'timeout', reply: () => ({ ...validAnswer(), delayMs: LATE_MS }), requests: MAX_RETRIES + 1 },
  { name: 'http-500', reason: 'server', reply: () => ({ status: 500, json: { error: { message: 'internal server error', type: 'server_error' } } }), requests: MAX_RETRIES + 1 },
  {
    name: 'invalid-json',
    reason: 'invalid-output',
    // First a body cut off mid-JSON, then a well-formed completion whose content is not JSON.
    reply: (n) => (n % 2 ? { raw: '{"id":"chatcmpl-stub","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{\\"conclu' } : { json: completion('{"conclusions": [{"text": "Chi bộ thống nhất', { finishReason: 'stop' }) }),
    requests: 2,
  },
];

class DrillFailure extends Error {}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new DrillFailure(what);
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    const show = (v: unknown) => JSON.stringify(v)?.slice(0, 300);
    throw new DrillFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** A Vietnam wall-clock time as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);
const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** Texts the bot sent to one chat since record `from`: messages, edits and prompt questions. */
function textsIn(h: Harness, chat: ChatRef, from: number): string[] {
  return h.channel.records.slice(from).flatMap((r) => {
    if ((r.type === 'message' || r.type === 'edit') && r.chat.chatId === chat.chatId) return [r.text];
    if (r.type === 'prompt' && r.chat.chatId === chat.chatId) return [r.prompt.question];
    return [];
  });
}

/** Chats (other than those listed) the bot wrote to since record `from`. */
function otherChats(h: Harness, from: number, allowed: ChatRef[]): string[] {
  const ok = new Set(allowed.map((c) => c.chatId));
  return [...new Set(h.channel.records.slice(from).flatMap((r) => ('chat' in r && !ok.has(r.chat.chatId) ? [r.chat.chatId] : [])))];
}

/** A monthly meeting of Chi bộ Tổ dân phố 5 (the fixture's cell) held through the bot's commands, closed, minutes given. */
async function holdMeeting(h: Harness) {
  const bt = await h.createCell('Nguyễn Văn Bình');
  const hoa = await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
  await h.addLinkedMember('Lê Minh Tuấn');
  await h.addLinkedMember('Huỳnh Kim Oanh');
  const son = await h.addLinkedMember('Hoàng Quốc Sơn');
  await h.addLinkedMember('Phạm Ngọc Yến');
  await h.addLinkedMember('Võ Đức Đạt');
  await h.addLinkedMember('Dương Đức Thắng', 'dự bị');
  const mai = await h.addLinkedMember(SECRETARY);

  const announced = await h.say(bt, '/lichhop thường kỳ | 10/12/2026 19:00 | Hội trường Tổ dân phố 5 | Đánh giá kết quả thực hiện nghị quyết tháng 11; Phương hướng, nhiệm vụ tháng 01/2027');
  check(announced.some((x) => x.includes('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ')), `/lichhop not announced: ${announced.at(-1)}`);
  h.clock.set(vn('2026-12-10T19:00'));
  const opened = await h.say(bt, `/batdauhop thư ký: ${SECRETARY}`);
  check(opened.some((x) => x.startsWith('BẮT ĐẦU cuộc họp số 1')), `/batdauhop: ${opened.join(' / ')}`);
  const roll = await h.say(bt, '/diemdanh vắng có lý do: Dương Đức Thắng (đi công tác) | có mặt: còn lại');
  check(roll.some((x) => x.startsWith('Đã ghi điểm danh.')), `/diemdanh: ${roll.join(' / ')}`);

  const tagged: [UserRef, string][] = [
    [hoa, '#chude Đánh giá kết quả thực hiện nghị quyết tháng 11'],
    [mai, '#ketluan Chi bộ thống nhất tập trung lãnh đạo bảo đảm an ninh trật tự dịp Tết'],
    [son, '#ykien Đề nghị quan tâm vận động thanh niên tham gia giữ gìn trật tự'],
    [mai, '#giao Lê Minh Tuấn: xây dựng kế hoạch "Tết sum vầy" cho các hộ khó khăn, hạn 20/12'],
    [mai, '#giao đ/c Oanh - vận động kinh phí lắp camera an ninh hẻm 14, hạn 15/01'],
    [mai, '#nghiquyet Phấn đấu 100% đảng viên nộp đảng phí đúng hạn'],
  ];
  for (const [who, line] of tagged) {
    const ack = await h.say(who, line);
    check(ack.length === 1 && ack[0]!.startsWith('✓ Đã ghi'), `tag «${line}» answered ${JSON.stringify(ack)}`);
  }
  h.clock.set(vn('2026-12-10T21:05'));
  const closed = await h.say(mai, '/ketthuchop');
  check(closed.some((x) => x.startsWith('KẾT THÚC cuộc họp số 1')), `/ketthuchop: ${closed.join(' / ')}`);
  const lines = MINUTES_TEXT.split('\n').filter((l) => l.trim()).length;
  same(await h.say(mai, `/bienban\n${MINUTES_TEXT}`), [t.textReceived({ seq: 1, lines })], '/bienban answer');

  const cell = (await h.db.store.cells.findByChat('memory', h.group.chatId))!;
  const meeting = (await h.db.store.meetings.bySeq(cell.id, 1))!;
  return { bt, mai, cellId: cell.id, meeting };
}

async function drill(kind: DbKind, fault: Fault): Promise<DrillResult> {
  const name = `llm-faults: ${fault.name}`;
  let stub: OpenAiStub | null = null;
  let h: Harness | null = null;
  try {
    stub = await startOpenAiStub((_body, n) => fault.reply(n));
    const llm = createOpenAiSummariser({ baseURL: stub.baseURL, apiKey: 'drill', model: 'stub-model', timeoutMs: TIMEOUT_MS, maxRetries: MAX_RETRIES });
    const db = await createBenchDatabase(kind);
    try {
      h = await createHarnessOn(asTestDatabase(db), undefined, { llm });
    } catch (error) {
      await db.drop();
      throw error;
    }
    const { store } = h.db;
    const { bt, mai, cellId, meeting } = await holdMeeting(h);
    const maiDm = h.dm(mai);
    const btDm = h.dm(bt);
    same(stub.requests.length, 0, 'requests to the LLM before /tomtat');

    // ---- the draft is asked for; the server misbehaves ----
    const before = h.channel.records.length;
    const started = performance.now();
    const since = (at: number) => performance.now() - at;
    let tomtatMs = 0;
    let groupMs = 0;
    const asked = h.say(mai, '/tomtat').then(() => (tomtatMs = since(started)));
    // Queues are per chat: a command in the group waits behind /tomtat, the bí thư's private chat does not.
    const inGroup = h.say(bt, '/viec').then(() => (groupMs = since(started)));
    await h.say(bt, '/viec', btDm);
    const elsewhereMs = since(started);
    await Promise.all([asked, inGroup]);
    same(textsIn(h, btDm, before), [t.taskList({ tasks: [] })], '/viec in a private chat during /tomtat');

    check(tomtatMs <= BOUND_MS, `/tomtat took ${seconds(tomtatMs)}, over the bound ${seconds(BOUND_MS)} (timeout ${TIMEOUT_MS} ms × ${MAX_RETRIES + 1} attempts + backoff)`);
    if (fault.name === 'timeout') {
      check(tomtatMs >= TIMEOUT_MS * (MAX_RETRIES + 1), `/tomtat ended after ${seconds(tomtatMs)}, before the attempts could time out`);
      check(elsewhereMs < tomtatMs, `a private chat waited for /tomtat (${seconds(elsewhereMs)} vs ${seconds(tomtatMs)})`);
    }
    same(stub.requests.length, fault.requests, 'requests to the LLM');

    // What the secretary sees: the draft, made offline, with the reason; the group hears only where it went.
    const draft = await store.minutes.pendingDraftOfCell(cellId);
    check(draft !== null, 'no pending draft after /tomtat');
    same([draft.status, draft.source, draft.meetingId], ['PENDING', 'offline', meeting.id], 'draft status, source, meeting');
    const { conclusions, resolutions, tasks, lastMonthNotes } = draft.content;
    check(conclusions.length > 0 && tasks.length > 0, `offline draft too thin: ${conclusions.length} conclusions, ${tasks.length} tasks`);
    check(conclusions.some((c) => c.sources.includes('T2')), 'the #ketluan line is not among the conclusions');
    check(resolutions.some((c) => c.sources.includes('T6')), 'the #nghiquyet line is not among the resolutions');
    // The #giao lines keep the owner and deadline they were recorded with.
    same(
      tasks.filter((x) => x.sources.includes('T4') || x.sources.includes('T5')).map((x) => [x.ownerName, x.dueOn]),
      [['Lê Minh Tuấn', '2026-12-20'], ['Huỳnh Kim Oanh', '2027-01-15']],
      'owners and deadlines of the #giao lines in the draft',
    );
    const notice = t.fallbackNotice(t.fallbackReasons[fault.reason]!);
    const review = h.channel.prompts(maiDm.chatId).at(-1);
    check(review !== undefined, 'no review prompt in the secretary\'s private chat');
    check(review.prompt.question.includes(notice), `the review does not say the offline extraction was used («${notice}»)`);
    same(review.prompt.question, t.review({ meeting, draft: draft.content, source: 'offline', prior: [], notice }), 'the review the secretary sees');
    same(review.prompt.options.map((o) => o.id), t.reviewOptions.map((o) => o.id), 'review buttons');
    same(textsIn(h, h.group, before), [t.draftSentPrivately({ seq: 1, name: SECRETARY }), t.taskList({ tasks: [] })], 'what the group heard after /tomtat (and the /viec sent meanwhile)');
    same(otherChats(h, before, [h.group, maiDm, btDm]), [], 'other chats written to after /tomtat');
    const failures = h.logs.filter((l) => l.msg === 'LLM summary failed; using the offline summariser');
    same(failures.map((l) => l.reason), [fault.reason], 'fallback logged once with its reason');

    // Nothing published, nothing stored as decided, nothing followed, before approval.
    const itemTexts = [...conclusions.map((i) => i.text), ...resolutions.map((i) => i.text), ...tasks.map((i) => i.what)];
    const groupSoFar = textsIn(h, h.group, 0);
    same(itemTexts.filter((x) => groupSoFar.some((g) => g.includes(x))), [], 'draft items in the group before approval');
    same(await store.minutes.outcomes(meeting.id), [], 'conclusion/resolution rows before approval');
    same(await store.tasks.ofMeeting(meeting.id), [], 'task rows before approval');
    same(await store.minutes.approvedDraft(meeting.id), null, 'approved draft before approval');
    same(await h.say(bt, '/viec'), [t.taskList({ tasks: [] })], '/viec in the group before approval');

    // ---- the secretary approves: published once ----
    const beforeApproval = h.channel.records.length;
    const approved = await h.press(mai, 'approve', maiDm);
    check(approved.includes(t.approved({ seq: 1, tasks: tasks.length })), `approve answered ${JSON.stringify(approved)}`);
    const outcomes = await store.minutes.outcomes(meeting.id);
    same(outcomes.map((o) => [o.kind, o.text]), [...conclusions.map((i) => ['CONCLUSION', i.text]), ...resolutions.map((i) => ['RESOLUTION', i.text])], 'outcome rows after approval');
    const taskRows = await store.tasks.ofMeeting(meeting.id);
    same(taskRows.map((x) => [x.what, x.ownerName, x.dueOn]), tasks.map((x) => [x.what, x.ownerName, x.dueOn]), 'task rows after approval');
    const published = t.published({ meeting, conclusions: conclusions.map((i) => i.text), resolutions: resolutions.map((i) => i.text), tasks: taskRows });
    same(textsIn(h, h.group, beforeApproval).join('\n'), published, 'what the group got on approval');
    same((await store.minutes.approvedDraft(meeting.id))?.id, draft.id, 'approved draft');

    // A second press, /duyet and a new /tomtat publish nothing more and ask the model nothing.
    const afterApproval = h.channel.records.length;
    same(await h.press(mai, 'approve', maiDm), [errorText('prompt.closed')], 'second press on approve');
    same(await h.say(mai, '/duyet', maiDm), [errorText('minutes.noDraft')], '/duyet after approval');
    same(await h.say(mai, '/tomtat'), [errorText('minutes.alreadyApproved', { seq: 1 })], '/tomtat after approval');
    same(textsIn(h, h.group, afterApproval), [errorText('minutes.alreadyApproved', { seq: 1 })], 'group after approval');
    same(textsIn(h, h.group, 0).filter((x) => x.startsWith('KẾT LUẬN CUỘC HỌP SỐ 1')).length, 1, 'publications of meeting 1');
    same(stub.requests.length, fault.requests, 'requests to the LLM after approval');
    same((await store.minutes.outcomes(meeting.id)).length + (await store.tasks.ofMeeting(meeting.id)).length, outcomes.length + taskRows.length, 'rows after the repeats');

    return {
      drill: name,
      db: kind,
      pass: true,
      detail:
        `fallback after ${fault.requests} requests in ${seconds(tomtatMs)} (bound ${seconds(BOUND_MS)}; a DM answered meanwhile in ${seconds(elsewhereMs)}, ` +
        `the group's queue waited ${seconds(groupMs)}); told «${t.fallbackReasons[fault.reason]}»; pending offline draft ` +
        `${conclusions.length}K ${resolutions.length}N ${tasks.length}V ${lastMonthNotes.length}D; before approval 0 items in the group, 0 rows; ` +
        `approved: ${outcomes.length} outcomes + ${taskRows.length} tasks, published once`,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { drill: name, db: kind, pass: false, detail: error instanceof DrillFailure ? why : `error: ${why}` };
  } finally {
    await h?.close();
    await stub?.close();
  }
}

export async function runLlmFaults(kind: DbKind): Promise<DrillResult[]> {
  const results: DrillResult[] = [];
  for (const fault of FAULTS) results.push(await drill(kind, fault));
  return results;
}
