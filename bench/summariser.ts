// Summariser benchmark: a generated 100-page biên bản (bench/support/summariser-minutes.ts) through the
// offline summariser (time, items found against what was planted) and through the LLM summariser against
// the OpenAI-compatible stub (requests, prompt tokens, time), at a quarter, half and all of the pages so the
// chunking shows: requests grow with the pages, the prompt cost per page stays flat.
// The stub answers as a perfect model would (the planted items of the lines it was shown), so what the LLM path
// loses is lost by chunking, merging or grounding, not by a model.
import type { SummaryRequest } from '../src/app/ports.ts';
import { chunkSources, sourceLines } from '../src/domain/minutes.ts';
import { createOpenAiSummariser } from '../src/llm/openai-summariser.ts';
import { offlineSummariser } from '../src/minutes/extract.ts';
import { completion, startOpenAiStub, type OpenAiStub, type StubScript } from '../test/support/openai-stub.ts';
import { generateMinutes, type GeneratedMinutes, type PlantedItem } from './support/summariser-minutes.ts';
import { scoreDraft, total, type DraftScore } from './support/summariser-score.ts';
import { percentile, type BenchResult, type Metric } from './support/report.ts';

/** The bot's default part size (LLM_CHUNK_CHARS), or the one configured. */
const chunkChars = (): number => {
  const configured = Number(process.env.LLM_CHUNK_CHARS);
  return Number.isInteger(configured) && configured >= 2000 ? configured : 12_000;
};

/** The stub's token count: UTF-8 bytes / 4, the usual rule of thumb (no tokenizer ships with the project). */
const tokens = (text: string) => Math.ceil(Buffer.byteLength(text, 'utf8') / 4);

const OFFLINE_RUNS = 5;

function requestFor(minutes: GeneratedMinutes): SummaryRequest {
  return {
    meeting: { seq: 1, kind: 'THUONG_KY', date: minutes.meetingDate, topic: null, cellName: 'Chi bộ Khu phố 3' },
    captures: [],
    text: minutes.text,
    members: minutes.members,
    context: [`Có mặt ${minutes.members.length - 1}/${minutes.members.length} đảng viên phải dự; vắng có lý do 1, vắng không lý do 0; D = ${minutes.members.length - 1}.`],
  };
}

/** Answers each part with the planted items of its lines, in the schema's shape, with usage from the body's size. */
function oracle(current: () => Map<string, PlantedItem[]>): StubScript {
  return (body) => {
    const messages = (body?.messages ?? []) as { content: string }[];
    const user = messages[1]?.content ?? '';
    const refs = new Set([...user.matchAll(/^\[([TL]\d+)\]/gm)].map((m) => m[1]!));
    const items = [...refs].flatMap((ref) => current().get(ref) ?? []);
    const answer = JSON.stringify({
      conclusions: items.filter((i) => i.kind === 'conclusion').map((i) => ({ text: i.text, sources: [i.ref] })),
      resolutions: items.filter((i) => i.kind === 'resolution').map((i) => ({ text: i.text, sources: [i.ref] })),
      tasks: items.filter((i) => i.kind === 'task').map((i) => ({ what: i.text, owner: i.owner ?? null, deadline: i.dueOn ?? null, sources: [i.ref] })),
      lastMonthNotes: items.filter((i) => i.kind === 'lastMonth').map((i) => ({ text: i.text, sources: [i.ref] })),
    });
    return { json: completion(answer, { promptTokens: tokens(messages.map((m) => m.content).join('\n')), completionTokens: tokens(answer) }) };
  };
}

interface LlmRun {
  pages: number;
  chars: number;
  chunks: number;
  requests: number;
  stubRequests: number;
  promptTokens: number;
  requestBytes: number;
  ms: number;
  /** Source lines of the text, and how many the stub was shown (once each when the parts neither overlap nor leave gaps). */
  lines: number;
  linesShown: number;
  linesShownTwice: number;
  score: DraftScore;
}

async function llmRun(stub: OpenAiStub, pages: number, setCurrent: (m: Map<string, PlantedItem[]>) => void): Promise<LlmRun> {
  const minutes = generateMinutes(pages);
  const byRef = new Map<string, PlantedItem[]>();
  for (const item of minutes.planted) byRef.set(item.ref, [...(byRef.get(item.ref) ?? []), item]);
  setCurrent(byRef);
  const request = requestFor(minutes);
  const lines = sourceLines(request.captures, request.text);
  // maxRetries 0: a failure here is a broken benchmark, to be seen, not retried.
  const llm = createOpenAiSummariser({ baseURL: stub.baseURL, apiKey: 'bench', model: 'stub-model', timeoutMs: 60_000, maxRetries: 0, chunkChars: chunkChars() });
  const first = stub.requests.length;
  const started = performance.now();
  const draft = await llm.summarise(request);
  const ms = performance.now() - started;
  const seen = stub.requests.slice(first);
  const shown = seen.flatMap((r) => [...String(r.body?.messages?.[1]?.content ?? '').matchAll(/^\[([TL]\d+)\]/gm)].map((m) => m[1]!));
  const stats = llm.stats();
  return {
    pages,
    chars: minutes.text.length,
    chunks: chunkSources(lines, chunkChars()).length,
    requests: stats.requests,
    stubRequests: seen.length,
    promptTokens: stats.promptTokens,
    requestBytes: seen.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r.body), 'utf8'), 0),
    ms,
    lines: lines.length,
    linesShown: new Set(shown).size,
    linesShownTwice: shown.length - new Set(shown).size,
    score: scoreDraft(draft, minutes.planted),
  };
}

const missedNote = (label: string, score: DraftScore) =>
  score.missed.length
    ? [`${label} missed ${score.missed.length}: ${score.missed.slice(0, 3).map((m) => `${m.kind} ${m.ref} «${m.text.slice(0, 90)}»`).join('; ')}${score.missed.length > 3 ? ' …' : ''}`]
    : [];

export async function runSummariser(options: { pages?: number } = {}): Promise<BenchResult> {
  const pages = Math.max(1, Math.round(options.pages ?? 100));
  const minutes = generateMinutes(pages);
  const request = requestFor(minutes);

  // ---- offline: one warm-up run (JIT), then the median of a few ----
  const offlineDraft = await offlineSummariser.summarise(request);
  const times: number[] = [];
  for (let i = 0; i < OFFLINE_RUNS; i++) {
    const started = performance.now();
    await offlineSummariser.summarise(request);
    times.push(performance.now() - started);
  }
  const offline = scoreDraft(offlineDraft, minutes.planted);
  const planted = total(offline.planted);

  // ---- LLM against the stub, at ¼, ½ and all of the pages ----
  let current = new Map<string, PlantedItem[]>();
  const stub = await startOpenAiStub(oracle(() => current));
  const runs: LlmRun[] = [];
  try {
    const sizes = [...new Set([Math.max(1, Math.round(pages / 4)), Math.max(1, Math.round(pages / 2)), pages])];
    for (const size of sizes) runs.push(await llmRun(stub, size, (m) => (current = m)));
  } finally {
    await stub.close();
  }
  const full = runs.at(-1)!;

  const p = `${pages} p`;
  const metrics: Metric[] = [
    { name: `offline time, ${p}`, value: percentile(times, 50), unit: 'ms' },
    { name: 'offline time per page', value: percentile(times, 50) / pages, unit: 'ms' },
    { name: 'offline items listed', value: total(offline.listed), unit: 'items' },
    { name: 'offline conclusions found', value: offline.found.conclusion, unit: `of ${offline.planted.conclusion}` },
    { name: 'offline resolutions found', value: offline.found.resolution, unit: `of ${offline.planted.resolution}` },
    { name: 'offline tasks found', value: offline.found.task, unit: `of ${offline.planted.task}` },
    { name: 'offline last-month notes found', value: offline.found.lastMonth, unit: `of ${offline.planted.lastMonth}` },
    { name: 'offline planted items found', value: total(offline.found), unit: `of ${planted}` },
    { name: 'offline task owners right', value: offline.ownersRight, unit: `of ${offline.planted.task}` },
    { name: 'offline task deadlines right', value: offline.deadlinesRight, unit: `of ${offline.planted.task}` },
    { name: 'offline items not planted', value: offline.extra, unit: 'items' },
  ];
  for (const run of runs) {
    const at = `${run.pages} p`;
    metrics.push(
      { name: `llm requests, ${at}`, value: run.requests, unit: 'req' },
      { name: `llm prompt tokens per page, ${at}`, value: run.promptTokens / run.pages, unit: 'tok' },
    );
  }
  metrics.push(
    { name: `llm prompt tokens, ${p}`, value: full.promptTokens, unit: 'tok' },
    { name: `llm request body per page, ${p}`, value: full.requestBytes / 1024 / full.pages, unit: 'KiB' },
    { name: `llm time, ${p}`, value: full.ms, unit: 'ms' },
    { name: 'llm source lines shown once', value: full.linesShown - full.linesShownTwice, unit: `of ${full.lines}` },
    { name: 'llm planted items found', value: total(full.score.found), unit: `of ${total(full.score.planted)}` },
    { name: 'llm task owners right', value: full.score.ownersRight, unit: `of ${full.score.planted.task}` },
  );

  const avgPage = minutes.pageChars.reduce((a, b) => a + b, 0) / minutes.pageChars.length;
  return {
    bench: 'summariser',
    db: '-',
    metrics,
    notes: [
      `Generated biên bản: ${pages} pages, ${minutes.text.length.toLocaleString('en')} characters (${Math.round(avgPage)} per page, ${Math.min(...minutes.pageChars)}–${Math.max(...minutes.pageChars)}), ${minutes.text.split('\n').length} lines, ${planted} planted items (conclusions ${offline.planted.conclusion}, resolutions ${offline.planted.resolution}, tasks ${offline.planted.task}, last-month notes ${offline.planted.lastMonth}), roster of ${minutes.members.length}; speakers' opinions and proposals are distractors.`,
      `Offline time: median of ${OFFLINE_RUNS} runs after a warm-up.`,
      `LLM: real openai client against the local stub, parts of ${chunkChars().toLocaleString('en')} characters (LLM_CHUNK_CHARS), no retries; the stub answers each part with the planted items of its lines and reports prompt tokens as UTF-8 bytes / 4 of the messages. Requests per run: ${runs.map((r) => `${r.pages} p → ${r.requests} (${r.chunks} parts, stub saw ${r.stubRequests})`).join(', ')}.`,
      ...missedNote('Offline', offline),
      ...missedNote('LLM', full.score),
    ],
  };
}
