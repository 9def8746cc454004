// The Summariser port on the openai SDK, against any OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenAI).
// The model proposes; groundDraft decides: an item survives only if it cites real source lines, and an owner
// or a deadline only if a cited line states it. Text carrying a classification mark never leaves the machine.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError, RateLimitError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { SummariserUnavailable, type Summariser, type SummaryRequest } from '../app/ports.ts';
import {
  chunkSources, emptyDraft, groundDraft, mergeDrafts, sourceLines, type MinutesDraft, type SourceLine,
} from '../domain/minutes.ts';
import { classificationMark } from '../minutes/classification.ts';
import { kindLabel } from '../text/meetings.ts';
import { loadPrompt } from './prompts.ts';

export interface OpenAiSummariserOptions {
  /** e.g. http://localhost:11434/v1 (Ollama), http://host:8000/v1 (vLLM). */
  baseURL: string;
  /** Sent as "Authorization: Bearer"; local servers ignore it but it must not be empty. */
  apiKey: string;
  model: string;
  /** Per HTTP attempt. Default 60 s. */
  timeoutMs?: number;
  /** Retries by the SDK on connection errors, timeouts, 408/409/429 and 5xx. Default 2. */
  maxRetries?: number;
  /** Source characters per request. Default 12 000. */
  chunkChars?: number;
  log?: Logger;
  fetch?: typeof fetch;
}

export interface SummariserStats {
  /** HTTP requests sent, SDK retries included. */
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

export type OpenAiSummariser = Summariser & { stats(): SummariserStats };

const Item = z.object({ text: z.string(), sources: z.array(z.string()) });
const Task = z.object({
  what: z.string(),
  owner: z.string().nullable(),
  deadline: z.string().nullable(),
  sources: z.array(z.string()),
});
/** What the model must answer (strict json_schema: every field required, optional ones nullable). */
export const MinutesDraftSchema = z.object({
  conclusions: z.array(Item),
  resolutions: z.array(Item),
  tasks: z.array(Task),
  lastMonthNotes: z.array(Item),
});
export type MinutesDraftAnswer = z.infer<typeof MinutesDraftSchema>;

export const RESPONSE_FORMAT_NAME = 'minutes_draft';
const responseFormat = zodResponseFormat(MinutesDraftSchema, RESPONSE_FORMAT_NAME);

const toDraft = (answer: MinutesDraftAnswer): MinutesDraft => ({
  conclusions: answer.conclusions.map((i) => ({ text: i.text, sources: i.sources })),
  resolutions: answer.resolutions.map((i) => ({ text: i.text, sources: i.sources })),
  tasks: answer.tasks.map((t) => ({ what: t.what, ownerName: t.owner, dueOn: t.deadline, sources: t.sources })),
  lastMonthNotes: answer.lastMonthNotes.map((i) => ({ text: i.text, sources: i.sources })),
});

/** The model answered, but not with a usable draft (refusal, no content). */
class InvalidOutput extends Error {
  override name = 'InvalidOutput';
}

/** Whether anything that would be sent carries a classification mark. */
function carriesMark(request: SummaryRequest): boolean {
  const texts = [request.text ?? '', request.meeting.topic ?? '', ...request.captures.map((c) => c.text), ...request.context];
  return texts.some((t) => classificationMark(t) !== null);
}

const list = (items: readonly string[]) => (items.length ? items.map((i) => `- ${i}`).join('\n') : '-');
const renderLine = (line: SourceLine) => `[${line.ref}] ${line.text.replace(/\s*\r?\n\s*/g, ' ')}`;

function classify(err: unknown): SummariserUnavailable['reason'] {
  if (err instanceof APIConnectionTimeoutError) return 'timeout';
  if (err instanceof APIConnectionError || err instanceof APIUserAbortError) return 'connection';
  if (err instanceof RateLimitError) return 'rate-limit';
  if (err instanceof APIError) return 'server';
  // JSON.parse SyntaxError, ZodError, LengthFinishReasonError, ContentFilterFinishReasonError, a malformed completion.
  return 'invalid-output';
}

/** The SDK's own warnings, into pino (never with request bodies: the level stays at warn). */
const sdkLogger = (log: Logger) => ({
  error: (message: string) => log.error({ module: 'openai' }, message),
  warn: (message: string) => log.warn({ module: 'openai' }, message),
  info: (message: string) => log.info({ module: 'openai' }, message),
  debug: (message: string) => log.debug({ module: 'openai' }, message),
});

export function createOpenAiSummariser(options: OpenAiSummariserOptions): OpenAiSummariser {
  const { model, log } = options;
  const chunkChars = options.chunkChars ?? 12_000;
  const counters: SummariserStats = { requests: 0, promptTokens: 0, completionTokens: 0 };

  const baseFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  // Every HTTP attempt passes here, SDK retries included; usage is read even from answers that fail to parse.
  const countingFetch: typeof fetch = async (input, init) => {
    counters.requests++;
    const response = await baseFetch(input, init);
    if (response.status !== 200 && (response.headers.has('retry-after') || response.headers.has('retry-after-ms'))) {
      // The SDK waits up to 60 s per retry when the server asks: the secretary would wait minutes. Its
      // own short backoff is used instead, so timeout × retries bounds the whole summary.
      const headers = new Headers(response.headers);
      headers.delete('retry-after');
      headers.delete('retry-after-ms');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body = await response.text();
    try {
      const usage = (JSON.parse(body) as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } } | null)?.usage;
      if (typeof usage?.prompt_tokens === 'number') counters.promptTokens += usage.prompt_tokens;
      if (typeof usage?.completion_tokens === 'number') counters.completionTokens += usage.completion_tokens;
    } catch {
      // Not JSON after all: the SDK reports it.
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  // The SDK falls back to https://api.openai.com/v1 on an empty baseURL: meeting text must never go there by accident.
  if (!/^https?:\/\/[^/]/i.test(options.baseURL)) throw new Error(`LLM baseURL must be an http(s) URL, got "${options.baseURL}"`);
  if (!options.apiKey) throw new Error('LLM apiKey must not be empty (local servers accept any value)');
  const client = new OpenAI({
    baseURL: options.baseURL,
    apiKey: options.apiKey,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    fetch: countingFetch,
    // Not taken from OPENAI_ORG_ID / OPENAI_PROJECT_ID / OPENAI_ADMIN_KEY: nothing of OpenAI's goes to another server.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    // The SDK logs to console (stdout, the shell channel's conversation) and OPENAI_LOG=debug prints request bodies.
    logLevel: log ? 'warn' : 'off',
    ...(log ? { logger: sdkLogger(log) } : {}),
  });

  async function askChunk(system: string, user: string, part: number, parts: number): Promise<MinutesDraft> {
    for (let attempt = 1; ; attempt++) {
      try {
        const completion = await client.chat.completions.parse({
          model,
          temperature: 0,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: user },
          ],
          response_format: responseFormat,
        });
        const message = completion.choices[0]?.message;
        if (!message) throw new InvalidOutput('no choice in the completion');
        if (message.refusal) throw new InvalidOutput('the model refused');
        if (!message.parsed) throw new InvalidOutput('no parsed content');
        return toDraft(message.parsed);
      } catch (err) {
        const reason = classify(err);
        if (reason === 'invalid-output') {
          // The message of a JSON.parse error quotes the answer, i.e. meeting text: log the kind only.
          const errName = err instanceof Error ? err.name : typeof err;
          if (attempt < 2) {
            log?.warn({ part, parts, attempt, errName }, 'llm answer unusable; asking again');
            continue;
          }
          log?.warn({ part, parts, attempt, errName }, 'llm answer unusable again; giving up');
        } else if (err instanceof APIError && err.status !== undefined && err.status < 500 && err.status !== 429 && err.status !== 408) {
          // 401, 404, 400: a configuration problem (key, model name, a server without json_schema).
          log?.error({ part, parts, status: err.status, message: err.message }, 'llm request refused');
        } else {
          log?.warn({ part, parts, reason, status: err instanceof APIError ? err.status : undefined }, 'llm unavailable');
        }
        throw new SummariserUnavailable(reason, { cause: err });
      }
    }
  }

  return {
    kind: 'llm',
    stats: () => ({ ...counters }),
    async summarise(request: SummaryRequest): Promise<MinutesDraft> {
      if (carriesMark(request)) throw new Error('Refusing to send text that carries a classification mark to the LLM');
      const lines = sourceLines(request.captures, request.text);
      if (!lines.length) return emptyDraft();
      const chunks = chunkSources(lines, chunkChars);
      const system = loadPrompt('minutes-system', {
        cellName: request.meeting.cellName,
        meetingKind: kindLabel[request.meeting.kind] ?? request.meeting.kind,
        meetingDate: request.meeting.date,
        year: request.meeting.date.slice(0, 4),
        topic: request.meeting.topic?.trim() || '-',
        members: list(request.members),
        context: list(request.context),
      });
      const drafts: MinutesDraft[] = [];
      for (const [i, chunk] of chunks.entries()) {
        const user = loadPrompt('minutes-chunk', {
          part: String(i + 1),
          parts: String(chunks.length),
          sources: chunk.map(renderLine).join('\n'),
        });
        log?.debug({ meeting: request.meeting.seq, part: i + 1, parts: chunks.length, lines: chunk.length, chars: user.length }, 'llm request');
        // A chunk may only cite what it was shown.
        drafts.push(groundDraft(await askChunk(system, user, i + 1, chunks.length), chunk, request.members));
      }
      return groundDraft(mergeDrafts(drafts), lines, request.members);
    },
  };
}
