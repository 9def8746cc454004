// The bot with an LLM summariser: the real openai client against a local OpenAI-compatible stub (no SDK
// mocking), the real router, use cases and repositories on a real database. What the thư ký sees in private,
// what the group sees, and what the stub received.
import { describe, expect, it, type TestContext } from 'vitest';
import type { Summariser } from '../../src/app/ports.ts';
import type { UserRef } from '../../src/channels/channel.ts';
import type { SentRecord } from '../../src/channels/memory/memory-channel.ts';
import { createOpenAiSummariser } from '../../src/llm/openai-summariser.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';
import { completion, startOpenAiStub, type OpenAiStub, type StubReply, type StubScript } from '../support/openai-stub.ts';

/** A Vietnam wall-clock time ("2026-12-05T14:00") as an instant. */
const vn = (local: string) => new Date(`${local}:00+07:00`);

const CONCLUSION_LINE = 'Chi bộ thống nhất tổ chức trao Huy hiệu Đảng trong tháng 12';
const TASK_LINE = 'Lê Văn Cường: rà soát danh sách hộ nghèo, hạn 20/12';
const HALL_LINE = 'Chuẩn bị hội trường cho lễ trao Huy hiệu';
/** What the model writes: words of its own, so that seeing them in the group means the draft got there. */
const LLM_CONCLUSION = 'Tổ chức lễ trao Huy hiệu Đảng cho các đồng chí đủ tuổi Đảng ngay trong tháng 12';
const LLM_TASK = 'Hoàn thành rà soát danh sách hộ nghèo của khu phố';

const MADE_BY_LLM = 'Lập bằng mô hình AI đã cấu hình, đối chiếu với ghi chép; đồng chí kiểm tra từng mục.';
const MADE_OFFLINE = 'Lập bằng cách trích tự động từ ghi chép (không gửi nội dung ra ngoài máy chủ của chi bộ).';
/** After a failed attempt the text did go to the AI server: the draft must not claim otherwise. */
const MADE_OFFLINE_AFTER_FALLBACK = 'Lập bằng cách trích tự động từ ghi chép.';
const SENT_PRIVATELY = 'Đã gửi dự thảo kết luận cuộc họp số 1 cho đồng chí Lê Văn Cường qua tin nhắn riêng để duyệt. Nội dung chỉ đăng lên nhóm sau khi duyệt.';
const fallback = (reason: string) => `Lưu ý: máy chủ AI không dùng được (${reason}); dự thảo dưới đây được lập bằng cách trích tự động từ ghi chép.`;

/** The model's answer in the schema's shape. */
const answer = (a: { conclusions?: unknown[]; resolutions?: unknown[]; tasks?: unknown[]; lastMonthNotes?: unknown[] }) =>
  ({ json: completion(JSON.stringify({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [], ...a })) });

/** A grounded answer citing T1..T3, plus an item citing a line that does not exist and an owner T3 does not name. */
const goodAnswer: StubScript = () =>
  answer({
    conclusions: [
      { text: LLM_CONCLUSION, sources: ['T1'] },
      { text: 'Kết luận không có trong ghi chép', sources: ['T9'] },
    ],
    tasks: [
      { what: LLM_TASK, owner: 'Lê Văn Cường', deadline: '2026-12-20', sources: ['T2'] },
      { what: 'Chuẩn bị hội trường', owner: 'Trần Thị Hoa', deadline: '2026-12-15', sources: ['T3'] },
      { what: 'Việc bịa ra không có nguồn', owner: 'Nguyễn Văn Bình', deadline: '2026-12-31', sources: ['T42', 'L7'] },
    ],
  });

/**
 * One bot, one stub and the helpers to read them: each test has its own, so that the tests can run at once
 * (closed through the test's own context: the global onTestFinished cannot tell concurrent tests apart).
 */
async function start({ onTestFinished }: TestContext, script: StubScript | null) {
  const stub: OpenAiStub | null = script ? await startOpenAiStub(script) : null;
  onTestFinished(() => stub?.close());
  const llm: Summariser | null = stub
    ? createOpenAiSummariser({ baseURL: stub.baseURL, apiKey: 'test-key', model: 'stub-model', timeoutMs: 2000, maxRetries: 1 })
    : null;
  const h: Harness = await createHarness(undefined, { llm });
  onTestFinished(() => h.close());

  const records = (from = 0): SentRecord[] => h.channel.records.slice(from);
  const mark = () => h.channel.records.length;
  /** Every text that reached a chat: messages, edits and prompt questions. */
  const chatTexts = (chatId: string, from = 0) =>
    records(from).flatMap((r) => {
      if ((r.type === 'message' || r.type === 'edit') && r.chat.chatId === chatId) return [r.text];
      if (r.type === 'prompt' && r.chat.chatId === chatId) return [r.prompt.question];
      return [];
    });
  const cellId = async () => (await h.db.store.cells.findByChat('memory', h.group.chatId))!.id;

  /**
   * The bí thư (Nguyễn Văn Bình), Trần Thị Hoa (chi ủy) and Lê Văn Cường, thư ký of meeting 1, held on
   * 23/11/2026 with lines tagged in the group (by default: T1 a conclusion, T2 a task for Cường due 20/12,
   * T3 a task naming nobody).
   */
  async function heldMeeting(lines = [`#ketluan ${CONCLUSION_LINE}`, `#giao ${TASK_LINE}`, `#giao ${HALL_LINE}`]) {
    const bt = await h.createCell();
    const hoa = await h.addLinkedMember('Trần Thị Hoa', 'chính thức chi ủy');
    const cuong = await h.addLinkedMember('Lê Văn Cường');
    expect((await h.say(bt, '/lichhop thường kỳ | 23/11/2026 14:00 | Hội trường khu phố 3')).at(-1)).toContain('THÔNG BÁO LỊCH SINH HOẠT CHI BỘ');
    h.clock.set(vn('2026-11-23T14:00'));
    expect(await h.say(bt, '/batdauhop thư ký: Lê Văn Cường')).toContainEqual(expect.stringMatching(/^BẮT ĐẦU cuộc họp số 1/));
    await h.say(bt, '/diemdanh có mặt: còn lại');
    const acks: string[] = [];
    for (const [i, text] of lines.entries()) acks.push(...(await h.say(i % 2 ? cuong : hoa, text)));
    h.clock.set(vn('2026-11-23T15:40'));
    expect((await h.say(cuong, '/ketthuchop')).find((x) => x.startsWith('KẾT THÚC cuộc họp số 1'))).toBeDefined();
    return { bt, hoa, cuong, acks, meetingId: (await h.db.store.meetings.bySeq(await cellId(), 1))!.id };
  }

  return {
    h,
    /** The stub's recorded requests (none when no LLM is configured). */
    requests: () => stub?.requests ?? [],
    mark,
    records,
    groupTexts: (from = 0) => chatTexts(h.group.chatId, from),
    /** The newest review prompt in the user's private chat. */
    reviewIn: (user: UserRef) => h.channel.prompts(h.dm(user).chatId).at(-1),
    pendingDraft: async () => h.db.store.minutes.pendingDraftOfCell(await cellId()),
    heldMeeting,
  };
}

describe.concurrent('a draft by the LLM', () => {
  it('shows the grounded items with their citations to the thư ký privately; the stub got the T-lines, the roster and the json_schema', async (ctx) => {
    const { h, requests, mark, records, groupTexts, reviewIn, pendingDraft, heldMeeting } = await start(ctx, goodAnswer);
    const { cuong, acks } = await heldMeeting();
    expect(acks).toEqual([
      '✓ Đã ghi kết luận (T1).',
      '✓ Đã ghi việc (T2): thực hiện: Lê Văn Cường; hạn 20/12/2026.',
      expect.stringMatching(/^✓ Đã ghi việc \(T3\): chưa rõ người thực hiện/),
    ]);
    // Capturing sends nothing anywhere.
    expect(requests()).toHaveLength(0);

    const before = mark();
    expect(await h.say(cuong, '/tomtat')).toContain(SENT_PRIVATELY);
    expect(groupTexts(before)).toEqual([SENT_PRIVATELY]);

    const review = reviewIn(cuong)!;
    expect(records(before)).toContainEqual(review);
    expect(review.prompt.options.map((o) => o.id)).toEqual(['approve', 'discard']);
    const question = review.prompt.question;
    const lines = question.split('\n');
    expect(lines[0]).toBe('DỰ THẢO KẾT LUẬN — cuộc họp số 1 (sinh hoạt chi bộ thường kỳ ngày 23/11/2026)');
    expect(lines[1]).toBe(MADE_BY_LLM);
    expect(question).not.toContain('Lưu ý: máy chủ AI');
    expect(question).toContain(['Kết luận:', `K1. ${LLM_CONCLUSION} [T1]`, '', 'Nghị quyết:', '(chưa có)'].join('\n'));
    expect(question).toContain(
      [
        'Nhiệm vụ:',
        `V1. ${LLM_TASK} — thực hiện: Lê Văn Cường, hạn 20/12/2026 [T2]`,
        // The model named Trần Thị Hoa and a deadline, but T3 states neither.
        'V2. Chuẩn bị hội trường — chưa có người thực hiện, chưa có hạn [T3]',
        '',
      ].join('\n'),
    );
    // Items citing lines that do not exist are not shown.
    expect(question).not.toContain('Kết luận không có trong ghi chép');
    expect(question).not.toContain('Việc bịa ra');
    expect(question).not.toMatch(/^(K2|V3)\./m);
    expect(question).not.toContain('Trần Thị Hoa');
    // The stored draft is the grounded one, marked as the LLM's.
    const draft = (await pendingDraft())!;
    expect(draft.source).toBe('llm');
    expect(draft.content).toEqual({
      conclusions: [{ text: LLM_CONCLUSION, sources: ['T1'] }],
      resolutions: [],
      tasks: [
        { what: LLM_TASK, ownerName: 'Lê Văn Cường', dueOn: '2026-12-20', sources: ['T2'] },
        { what: 'Chuẩn bị hội trường', ownerName: null, dueOn: null, sources: ['T3'] },
      ],
      lastMonthNotes: [],
    });

    // What the stub received: one request with the captured lines as "[T1] …", the roster, the json_schema.
    expect(requests()).toHaveLength(1);
    const req = requests()[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer test-key');
    expect(req.body.model).toBe('stub-model');
    const [system, user] = req.body.messages as { role: string; content: string }[];
    expect([system!.role, user!.role]).toEqual(['system', 'user']);
    expect(user!.content).toContain(
      [`[T1] ${CONCLUSION_LINE}`, '[T2] Rà soát danh sách hộ nghèo (Lê Văn Cường, 20/12/2026)', `[T3] ${HALL_LINE}`].join('\n'),
    );
    expect([...user!.content.matchAll(/^\[([TL]\d+)\]/gm)].map((m) => m[1])).toEqual(['T1', 'T2', 'T3']);
    expect(system!.content).toContain(['- Nguyễn Văn Bình', '- Trần Thị Hoa', '- Lê Văn Cường'].join('\n'));
    expect(system!.content).toContain('Chi bộ Khu phố 3');
    expect(req.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'minutes_draft', strict: true, schema: { type: 'object', required: ['conclusions', 'resolutions', 'tasks', 'lastMonthNotes'] } },
    });
  });

  it('nothing unreviewed reaches the group: the conclusion appears there only after approve is pressed, once', async (ctx) => {
    const { h, requests, mark, groupTexts, reviewIn, heldMeeting } = await start(ctx, goodAnswer);
    const { bt, cuong } = await heldMeeting();
    const withDraft = (texts: string[]) => texts.filter((x) => x.includes(LLM_CONCLUSION) || x.includes(LLM_TASK));

    // A first draft, discarded: nothing in the group.
    await h.say(cuong, '/tomtat');
    expect(await h.press(cuong, 'discard', h.dm(cuong))).toEqual(['Đã huỷ dự thảo kết luận cuộc họp số 1. Không có gì được đăng lên nhóm.']);
    expect(withDraft(groupTexts())).toEqual([]);

    // A second draft, edited from the group: the group is told where it went; the new version goes privately.
    let before = mark();
    await h.say(cuong, '/tomtat');
    expect(await h.say(cuong, '/xoamuc V2')).toContain(SENT_PRIVATELY);
    expect(groupTexts(before)).toEqual([SENT_PRIVATELY, SENT_PRIVATELY]);
    const edited = reviewIn(cuong)!.prompt.question;
    expect(edited).toContain(`K1. ${LLM_CONCLUSION} [T1]`);
    expect(edited).toContain(`V1. ${LLM_TASK}`);
    expect(edited).not.toContain('V2.');
    // No task is followed before approval.
    expect(await h.say(bt, '/viec')).toEqual(['Không có việc nào đang theo dõi.']);
    expect(withDraft(groupTexts())).toEqual([]);
    expect(requests()).toHaveLength(2);

    before = mark();
    expect(await h.press(cuong, 'approve', h.dm(cuong))).toContain(
      'Đã đăng kết luận cuộc họp số 1 lên nhóm; 1 việc được theo dõi và nhắc hạn. Xuất biên bản và dự thảo nghị quyết: /xuatbienban 1',
    );
    expect(groupTexts(before)).toEqual([
      [
        'KẾT LUẬN CUỘC HỌP SỐ 1 (SINH HOẠT CHI BỘ THƯỜNG KỲ NGÀY 23/11/2026)',
        `1. ${LLM_CONCLUSION}`,
        '',
        'Nhiệm vụ:',
        `• Việc số 1: ${LLM_TASK} — thực hiện: Lê Văn Cường, hạn 20/12/2026`,
        '',
        'Khi hoàn thành, đồng chí được giao gõ /xong <số việc>. Xem các việc: /viec',
      ].join('\n'),
    ]);
    // A second press changes nothing; a new /tomtat is refused and sends nothing to the model.
    before = mark();
    expect(await h.press(cuong, 'approve', h.dm(cuong))).toEqual(['Câu hỏi này đã được trả lời hoặc đã đóng.']);
    expect(await h.say(cuong, '/tomtat')).toEqual(['Kết luận cuộc họp số 1 đã được duyệt và đăng lên nhóm; không lập lại dự thảo.']);
    expect(withDraft(groupTexts(before))).toEqual([]);
    expect(requests()).toHaveLength(2);
  });
});

describe.concurrent('fallback to the offline summariser', () => {
  const RETRY_NOW = { 'retry-after-ms': '1' };
  it.for([
    ['the server answers 500', (): StubReply => ({ status: 500, headers: RETRY_NOW, json: { error: { message: 'internal error' } } }), 'máy chủ báo lỗi'],
    ['the server answers 429 every time', (): StubReply => ({ status: 429, headers: RETRY_NOW, json: { error: { message: 'rate limited' } } }), 'máy chủ báo quá tải'],
    ['the server answers only after the timeout', (): StubReply => ({ ...goodAnswer(null, 1), delayMs: 2_600 }), 'quá thời gian chờ'],
    ['the model answers invalid JSON twice', (): StubReply => ({ json: completion('{"conclusions": [ không phải JSON') }), 'kết quả trả về không đúng định dạng'],
  ] as const)('%s: the draft still arrives, made offline, with the notice; the group only hears where it went', async ([, reply, reason], ctx) => {
    const { h, requests, mark, groupTexts, reviewIn, pendingDraft, heldMeeting } = await start(ctx, reply);
    const { cuong } = await heldMeeting();
    const before = mark();
    expect(await h.say(cuong, '/tomtat')).toContain(SENT_PRIVATELY);
    expect(groupTexts(before)).toEqual([SENT_PRIVATELY]);
    // One retry (maxRetries: 1, or the one repeat after an unusable answer), then the offline summariser.
    expect(requests()).toHaveLength(2);

    const question = reviewIn(cuong)!.prompt.question;
    const lines = question.split('\n');
    expect(lines[1]).toBe(MADE_OFFLINE_AFTER_FALLBACK);
    expect(lines[2]).toBe(fallback(reason));
    expect(question).not.toContain(MADE_BY_LLM);
    // Drawn from the captured lines themselves, with their citations.
    expect(question).toContain(`K1. ${CONCLUSION_LINE} [T1]`);
    expect(question).toContain('Rà soát danh sách hộ nghèo — thực hiện: Lê Văn Cường, hạn 20/12/2026 [T2]');
    expect(question).not.toContain(LLM_CONCLUSION);
    expect((await pendingDraft())!.source).toBe('offline');
    expect(h.logs.filter((l) => l.msg === 'LLM summary failed; using the offline summariser')).toHaveLength(1);
  });
});

describe.concurrent('secrets and settings', () => {
  it('a /bienban text with a "TỐI MẬT" line is refused and the stub receives nothing, even after /tomtat', async (ctx) => {
    const { h, requests, heldMeeting } = await start(ctx, goodAnswer);
    // During the meeting, a tagged line with a mark is refused and not recorded.
    const { cuong, acks, meetingId } = await heldMeeting(['#ketluan Tài liệu Tối mật về phương án nhân sự']);
    expect(acks).toEqual([expect.stringMatching(/^Nội dung có dấu độ mật «TỐI MẬT»\. /)]);
    expect(await h.db.store.minutes.captures(meetingId)).toEqual([]);

    // After it, the biên bản with a "TỐI MẬT" line is refused and not stored.
    const secret = ['BIÊN BẢN SINH HOẠT CHI BỘ', 'TỐI MẬT', 'Đồng chí Bình kết luận: chi bộ thống nhất phương án nhân sự tháng 12.'].join('\n');
    const [refusal, ...more] = await h.say(cuong, `/bienban\n${secret}`);
    expect(more).toEqual([]);
    expect(refusal).toMatch(/^Nội dung có dấu độ mật «TỐI MẬT»\. /);
    expect(refusal).toContain('Bot không lưu, không gửi đi và không đăng nội dung này.');
    expect(await h.db.store.minutes.text(meetingId)).toBeNull();

    expect(await h.say(cuong, '/tomtat')).toEqual([
      'Cuộc họp số 1 chưa có ghi chép nào (thẻ #ketluan, #giao… hoặc biên bản gửi bằng /bienban) để lập dự thảo.',
    ]);
    expect(await h.say(cuong, '/tomtat', h.dm(cuong))).toEqual([
      'Cuộc họp số 1 chưa có ghi chép nào (thẻ #ketluan, #giao… hoặc biên bản gửi bằng /bienban) để lập dự thảo.',
    ]);
    expect(requests()).toHaveLength(0);
    expect(h.channel.prompts(h.dm(cuong).chatId)).toEqual([]);
    expect(JSON.stringify(h.logs)).not.toContain('phương án nhân sự');
  });

  it('with /caidat tóm tắt AI: tắt the captured lines stay on the machine; turned on again, the model is asked', async (ctx) => {
    const { h, requests, mark, groupTexts, reviewIn, pendingDraft, heldMeeting } = await start(ctx, goodAnswer);
    const { bt, cuong } = await heldMeeting();
    const [shown] = await h.say(bt, '/caidat tóm tắt AI: tắt');
    expect(shown).toContain('Tóm tắt biên bản: chỉ trích tự động trên máy, không gửi nội dung ra ngoài.');

    const before = mark();
    await h.say(cuong, '/tomtat');
    expect(groupTexts(before)).toEqual([SENT_PRIVATELY]);
    expect(requests()).toHaveLength(0);
    const question = reviewIn(cuong)!.prompt.question;
    expect(question.split('\n')[1]).toBe(MADE_OFFLINE);
    expect(question).not.toContain('Lưu ý: máy chủ AI');
    expect(question).toContain(`K1. ${CONCLUSION_LINE} [T1]`);
    expect((await pendingDraft())!.source).toBe('offline');

    await h.say(bt, '/caidat tóm tắt AI: bật');
    await h.say(cuong, '/tomtat');
    expect(requests()).toHaveLength(1);
    expect(reviewIn(cuong)!.prompt.question.split('\n')[1]).toBe(MADE_BY_LLM);
  });

  it('with no LLM configured (llm: null) the draft is made offline', async (ctx) => {
    const { h, mark, groupTexts, reviewIn, pendingDraft, heldMeeting } = await start(ctx, null);
    const { cuong } = await heldMeeting();
    const before = mark();
    await h.say(cuong, '/tomtat');
    expect(groupTexts(before)).toEqual([SENT_PRIVATELY]);
    const question = reviewIn(cuong)!.prompt.question;
    expect(question.split('\n')[1]).toBe(MADE_OFFLINE);
    expect(question).not.toContain('Lưu ý: máy chủ AI');
    expect(question).toContain(`K1. ${CONCLUSION_LINE} [T1]`);
    expect((await pendingDraft())!.source).toBe('offline');
  });

  it('an unusable answer that quotes the meeting is not written to the log', async (ctx) => {
    // The model restates a captured line instead of answering JSON, twice: the summariser gives up, the bot falls back.
    const echoed = 'Chuẩn bị hội trường';
    const { h, requests, reviewIn, heldMeeting } = await start(ctx, () => ({ json: completion(echoed) }));
    const { cuong } = await heldMeeting();
    await h.say(cuong, '/tomtat');
    expect(requests()).toHaveLength(2);
    expect(reviewIn(cuong)!.prompt.question.split('\n')[2]).toBe(fallback('kết quả trả về không đúng định dạng'));
    const logged = JSON.stringify(h.logs);
    expect(logged).toContain('LLM summary failed; using the offline summariser');
    expect(logged).not.toContain(echoed);
  });
});
