// The real openai client against a local OpenAI-compatible stub: no SDK mocking.
import { APIError, APIConnectionTimeoutError, RateLimitError } from 'openai';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { SummariserUnavailable, type SummaryRequest } from '../../src/app/ports.ts';
import type { CapturedItem } from '../../src/domain/minutes.ts';
import { createOpenAiSummariser } from '../../src/llm/openai-summariser.ts';
import { completion, startOpenAiStub, type OpenAiStub, type StubReply, type StubScript } from '../support/openai-stub.ts';

const members = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường'];
const capture = (seq: number, text: string, tag: CapturedItem['tag'] = 'TASK'): CapturedItem => ({
  seq, tag, text, authorName: 'Nguyễn Văn An', at: new Date('2026-12-10T12:30:00Z'), ownerName: null, dueOn: null,
});
const minutesText = [
  'BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 12',
  '',
  'Đồng chí An kết luận: chi bộ thống nhất kế hoạch công tác tháng 1.',
  'Chi bộ biểu quyết thông qua nghị quyết tháng 12 với 9/9 đồng chí tán thành.',
  'Về nghị quyết tháng trước: đã hoàn thành thu đảng phí, còn chậm báo cáo tổng kết.',
].join('\n');
const request = (over: Partial<SummaryRequest> = {}): SummaryRequest => ({
  meeting: { seq: 12, kind: 'THUONG_KY', date: '2026-12-10', topic: null, cellName: 'Chi bộ Khu phố 3' },
  captures: [capture(1, 'Giao đồng chí Bình hoàn thành báo cáo tổng kết năm, hạn 25/12')],
  text: minutesText,
  members,
  context: ['Có mặt 9/10 đồng chí'],
  ...over,
});

const reply = (...args: Parameters<typeof completion>): StubReply => ({ json: completion(...args) });
/** A model answer in the schema's shape. */
const answer = (a: { conclusions?: unknown[]; resolutions?: unknown[]; tasks?: unknown[]; lastMonthNotes?: unknown[] }) =>
  reply(JSON.stringify({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [], ...a }));

let stub: OpenAiStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});
const start = async (script: StubScript) => (stub = await startOpenAiStub(script));
const summariser = (s: OpenAiStub, over: Partial<Parameters<typeof createOpenAiSummariser>[0]> = {}) =>
  createOpenAiSummariser({ baseURL: s.baseURL, apiKey: 'test-key', model: 'qwen2.5:7b', timeoutMs: 5_000, maxRetries: 0, ...over });
const failure = async (promise: Promise<unknown>): Promise<SummariserUnavailable> => {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(SummariserUnavailable);
  return err as SummariserUnavailable;
};
const userPrompt = (body: any): string => body.messages[1].content;
const refsIn = (prompt: string) => [...prompt.matchAll(/^\[([TL]\d+)\]/gm)].map((m) => m[1]!);

describe('OpenAI-compatible summariser', () => {
  it('sends the prompts and a strict json_schema, and parses the answer into a grounded draft with its citations', async () => {
    const s = await start(() =>
      answer({
        conclusions: [{ text: 'Chi bộ thống nhất kế hoạch công tác tháng 1', sources: ['L3'] }],
        resolutions: [{ text: 'Thông qua nghị quyết tháng 12', sources: ['L4'] }],
        tasks: [{ what: 'Hoàn thành báo cáo tổng kết năm', owner: 'Trần Thị Bình', deadline: '2026-12-25', sources: ['T1'] }],
        lastMonthNotes: [{ text: 'Đã hoàn thành thu đảng phí; còn chậm báo cáo tổng kết', sources: ['L5'] }],
      }),
    );
    const llm = summariser(s);
    expect(llm.kind).toBe('llm');
    const draft = await llm.summarise(request());

    expect(draft).toEqual({
      conclusions: [{ text: 'Chi bộ thống nhất kế hoạch công tác tháng 1', sources: ['L3'] }],
      resolutions: [{ text: 'Thông qua nghị quyết tháng 12', sources: ['L4'] }],
      tasks: [{ what: 'Hoàn thành báo cáo tổng kết năm', ownerName: 'Trần Thị Bình', dueOn: '2026-12-25', sources: ['T1'] }],
      lastMonthNotes: [{ text: 'Đã hoàn thành thu đảng phí; còn chậm báo cáo tổng kết', sources: ['L5'] }],
    });

    expect(s.requests).toHaveLength(1);
    const req = s.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.authorization).toBe('Bearer test-key');
    expect(req.body.model).toBe('qwen2.5:7b');
    expect(req.body.temperature).toBe(0);
    expect(req.body.messages.map((m: any) => m.role)).toEqual(['system', 'user']);

    const format = req.body.response_format;
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.name).toBe('minutes_draft');
    expect(format.json_schema.strict).toBe(true);
    const schema = format.json_schema.schema;
    expect(schema.required).toEqual(['conclusions', 'resolutions', 'tasks', 'lastMonthNotes']);
    expect(schema.additionalProperties).toBe(false);
    for (const key of ['conclusions', 'resolutions', 'tasks', 'lastMonthNotes']) expect(schema.properties[key].type).toBe('array');
    expect(schema.properties.tasks.items.required).toEqual(['what', 'owner', 'deadline', 'sources']);
    expect(schema.properties.tasks.items.properties.owner.type).toEqual(['string', 'null']);

    const system: string = req.body.messages[0].content;
    for (const name of members) expect(system).toContain(`- ${name}`);
    expect(system).toContain('2026-12-10');
    expect(system).toContain('Chi bộ Khu phố 3');
    expect(system).toContain('Sinh hoạt chi bộ thường kỳ');
    expect(system).toContain('Có mặt 9/10 đồng chí');
    expect(system).not.toContain('[L3]');
    expect(system).not.toMatch(/\{\{/);

    const user = userPrompt(req.body);
    expect(user).toContain('phần 1/1');
    expect(user).toContain('[T1] Giao đồng chí Bình hoàn thành báo cáo tổng kết năm, hạn 25/12');
    expect(user).toContain('[L1] BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 12');
    expect(user).toContain('[L3] Đồng chí An kết luận: chi bộ thống nhất kế hoạch công tác tháng 1.');
    expect(refsIn(user)).toEqual(['T1', 'L1', 'L3', 'L4', 'L5']); // the blank line 2 keeps its number and is not sent

    expect(llm.stats()).toEqual({ requests: 1, promptTokens: 100, completionTokens: 20 });
  });

  it('drops an item that cites only a reference that does not exist, and unknown references of the others', async () => {
    const s = await start(() =>
      answer({
        conclusions: [
          { text: 'Bịa ra', sources: ['L99'] },
          { text: 'Thống nhất kế hoạch tháng 1', sources: ['L99', 'L3'] },
          { text: 'Không nguồn', sources: [] },
        ],
        tasks: [{ what: 'Việc không có thật', owner: null, deadline: null, sources: ['T7'] }],
      }),
    );
    const draft = await summariser(s).summarise(request());
    expect(draft.conclusions).toEqual([{ text: 'Thống nhất kế hoạch tháng 1', sources: ['L3'] }]);
    expect(draft.tasks).toEqual([]);
  });

  it('keeps no owner the cited line does not name, and no deadline the cited line does not state', async () => {
    const s = await start(() =>
      answer({
        tasks: [
          // L4 names nobody: the model's owner is not believed.
          { what: 'Triển khai nghị quyết tháng 12', owner: 'Lê Văn Cường', deadline: null, sources: ['L4'] },
          // T1 names Bình and 25/12, not 31/12.
          { what: 'Báo cáo tổng kết năm', owner: 'Trần Thị Bình', deadline: '2026-12-31', sources: ['T1'] },
          // Not on the roster at all.
          { what: 'Chuẩn bị hội trường', owner: 'Phạm Văn Dũng', deadline: '2026-12-25', sources: ['T1'] },
        ],
      }),
    );
    const draft = await summariser(s).summarise(request());
    expect(draft.tasks).toEqual([
      { what: 'Triển khai nghị quyết tháng 12', ownerName: null, dueOn: null, sources: ['L4'] },
      { what: 'Báo cáo tổng kết năm', ownerName: 'Trần Thị Bình', dueOn: null, sources: ['T1'] },
      { what: 'Chuẩn bị hội trường', ownerName: null, dueOn: '2026-12-25', sources: ['T1'] },
    ]);
  });

  it('lets the SDK retry a 429 after retry-after-ms, then succeeds (3 requests)', async () => {
    const s = await start((_body, n) =>
      n < 3
        ? { status: 429, headers: { 'retry-after-ms': '10' }, json: { error: { message: 'slow down' } } }
        : answer({ conclusions: [{ text: 'Thống nhất kế hoạch', sources: ['L3'] }] }),
    );
    const llm = summariser(s, { maxRetries: 2 });
    const draft = await llm.summarise(request());
    expect(draft.conclusions).toEqual([{ text: 'Thống nhất kế hoạch', sources: ['L3'] }]);
    expect(s.requests).toHaveLength(3);
    expect(s.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
    expect(llm.stats()).toEqual({ requests: 3, promptTokens: 100, completionTokens: 20 });
  });

  it('gives up on a persistent 429 with rate-limit after maxRetries + 1 requests', async () => {
    const s = await start(() => ({ status: 429, headers: { 'retry-after-ms': '10' }, json: { error: { message: 'slow down' } } }));
    const err = await failure(summariser(s, { maxRetries: 2 }).summarise(request()));
    expect(err.reason).toBe('rate-limit');
    expect(err.cause).toBeInstanceOf(RateLimitError);
    expect(s.requests).toHaveLength(3);
  });

  it("does not wait the 30 s a server asks for in retry-after: the SDK's own short backoff bounds the summary", async () => {
    const s = await start(() => ({ status: 503, headers: { 'retry-after': '30' }, json: { error: { message: 'overloaded' } } }));
    const started = performance.now();
    const err = await failure(summariser(s, { maxRetries: 1 }).summarise(request()));
    expect(err.reason).toBe('server');
    expect(s.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('maps a timeout to timeout', async () => {
    const s = await start(() => ({ delayMs: 1_000, ...answer({}) }));
    const started = performance.now();
    const err = await failure(summariser(s, { timeoutMs: 200, maxRetries: 0 }).summarise(request()));
    expect(err.reason).toBe('timeout');
    expect(err.cause).toBeInstanceOf(APIConnectionTimeoutError);
    expect(performance.now() - started).toBeLessThan(900);
    expect(s.requests).toHaveLength(1);
  });

  it('maps a 500 to server, after the SDK retries', async () => {
    const s = await start(() => ({ status: 500, headers: { 'retry-after-ms': '10' }, json: { error: { message: 'boom' } } }));
    const err = await failure(summariser(s, { maxRetries: 1 }).summarise(request()));
    expect(err.reason).toBe('server');
    expect((err.cause as APIError).status).toBe(500);
    expect(s.requests).toHaveLength(2);
  });

  it('maps a connection failure to connection', async () => {
    const s = await start(() => answer({}));
    const baseURL = s.baseURL;
    await s.close();
    stub = undefined;
    const err = await failure(createOpenAiSummariser({ baseURL, apiKey: 'k', model: 'm', maxRetries: 0 }).summarise(request()));
    expect(err.reason).toBe('connection');
  });

  it('maps a 401 to server without retrying, and logs it as an error', async () => {
    const s = await start(() => ({ status: 401, json: { error: { message: 'bad key' } } }));
    const logged: any[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const err = await failure(summariser(s, { maxRetries: 2, log }).summarise(request()));
    expect(err.reason).toBe('server');
    expect(s.requests).toHaveLength(1);
    expect(logged.filter((l) => l.level === 50)).toEqual([expect.objectContaining({ status: 401, msg: 'llm request refused' })]);
  });

  it('asks once more on invalid JSON, then gives up with invalid-output (exactly 2 requests)', async () => {
    const s = await start(() => reply('Đây không phải JSON'));
    const logged: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => logged.push(line) });
    const llm = summariser(s, { maxRetries: 2, log });
    const err = await failure(llm.summarise(request()));
    expect(err.reason).toBe('invalid-output');
    expect(err.cause).toBeInstanceOf(SyntaxError);
    expect(s.requests).toHaveLength(2);
    expect(llm.stats()).toEqual({ requests: 2, promptTokens: 200, completionTokens: 40 });
    // The answer (meeting text) is not copied into the logs.
    expect(logged.join('\n')).not.toContain('JSON');
  });

  it('succeeds when the answer is invalid once and valid the second time', async () => {
    const s = await start((_body, n) => (n === 1 ? reply('{"conclusions": [') : answer({ conclusions: [{ text: 'Thống nhất', sources: ['L3'] }] })));
    const draft = await summariser(s).summarise(request());
    expect(draft.conclusions).toEqual([{ text: 'Thống nhất', sources: ['L3'] }]);
    expect(s.requests).toHaveLength(2);
  });

  it.each([
    ['a schema violation', reply(JSON.stringify({ conclusions: [{ text: 1 }] }))],
    ['a refusal', reply(null, { refusal: 'Tôi không thể giúp' })],
    ['no content', reply(null)],
    ['a cut-off answer', reply('{"conclusions": [', { finishReason: 'length' })],
  ])('treats %s as invalid output', async (_name, reply) => {
    const s = await start(() => reply);
    const err = await failure(summariser(s).summarise(request()));
    expect(err.reason).toBe('invalid-output');
    expect(s.requests).toHaveLength(2);
  });

  it('splits a long text into chunks: every line in exactly one request, and merges the answers', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `Ý kiến ${i + 1}: `.padEnd(300, 'x'));
    const s = await start((body, n) => {
      const refs = refsIn(userPrompt(body));
      return answer({
        // Every chunk says it; the draft lists it once, citing each chunk.
        conclusions: [{ text: 'Chi bộ thống nhất kế hoạch', sources: [refs[0]] }, { text: `Kết luận riêng phần ${n}`, sources: [refs.at(-1)] }],
        // Cites a line of another chunk: it was not shown this line, so it is dropped.
        resolutions: [{ text: `Nghị quyết phần ${n}`, sources: [n === 1 ? 'L200' : refs[0]] }],
      });
    });
    const llm = summariser(s, { chunkChars: 12_000 });
    const draft = await llm.summarise(request({ captures: [], text: lines.join('\n') }));

    const parts = s.requests.length;
    expect(parts).toBeGreaterThanOrEqual(5);
    const seen = s.requests.flatMap((r) => refsIn(userPrompt(r.body)));
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => `L${i + 1}`));
    s.requests.forEach((r, i) => {
      expect(userPrompt(r.body)).toContain(`phần ${i + 1}/${parts}`);
      expect(userPrompt(r.body).length).toBeLessThan(12_000 + 500);
    });
    const firsts = s.requests.map((r) => refsIn(userPrompt(r.body))[0]);
    expect(draft.conclusions[0]).toEqual({ text: 'Chi bộ thống nhất kế hoạch', sources: firsts });
    expect(draft.conclusions.slice(1).map((c) => c.text)).toEqual(Array.from({ length: parts }, (_, i) => `Kết luận riêng phần ${i + 1}`));
    expect(draft.resolutions.map((r) => r.text)).toEqual(Array.from({ length: parts - 1 }, (_, i) => `Nghị quyết phần ${i + 2}`));
    expect(llm.stats()).toEqual({ requests: parts, promptTokens: 100 * parts, completionTokens: 20 * parts });
  });

  it.each([
    ['a line "MẬT" in the text', { text: `MẬT\n${minutesText}` }],
    ['a captured item marked (Mật)', { captures: [capture(1, '(Mật) Kế hoạch bảo vệ')] }],
    ['a "Độ mật" line in the text', { text: `${minutesText}\nĐộ mật: Tối mật` }],
  ])('refuses %s without sending anything', async (_name, over) => {
    const s = await start(() => answer({}));
    await expect(summariser(s).summarise(request(over))).rejects.toThrow(/classification mark/);
    expect(s.requests).toHaveLength(0);
  });

  it('sends nothing when there is nothing to summarise', async () => {
    const s = await start(() => answer({}));
    const llm = summariser(s);
    expect(await llm.summarise(request({ captures: [], text: '\n  \n' }))).toEqual({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [] });
    expect(s.requests).toHaveLength(0);
    expect(llm.stats().requests).toBe(0);
  });
});

describe('configuration', () => {
  it('refuses an empty base URL (the SDK would fall back to api.openai.com) and an empty key', () => {
    expect(() => createOpenAiSummariser({ baseURL: '', apiKey: 'k', model: 'm' })).toThrow(/baseURL/);
    expect(() => createOpenAiSummariser({ baseURL: 'localhost:11434/v1', apiKey: 'k', model: 'm' })).toThrow(/baseURL/);
    expect(() => createOpenAiSummariser({ baseURL: 'http://127.0.0.1:11434/v1', apiKey: '', model: 'm' })).toThrow(/apiKey/);
  });

  it('sends no OpenAI organisation or project taken from the environment', async () => {
    const s = await start(() => answer({}));
    const saved = { org: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID };
    process.env.OPENAI_ORG_ID = 'org-secret';
    process.env.OPENAI_PROJECT_ID = 'proj-secret';
    try {
      await summariser(s).summarise(request());
    } finally {
      if (saved.org === undefined) delete process.env.OPENAI_ORG_ID; else process.env.OPENAI_ORG_ID = saved.org;
      if (saved.project === undefined) delete process.env.OPENAI_PROJECT_ID; else process.env.OPENAI_PROJECT_ID = saved.project;
    }
    expect(s.requests[0]!.headers['openai-organization']).toBeUndefined();
    expect(s.requests[0]!.headers['openai-project']).toBeUndefined();
  });
});
