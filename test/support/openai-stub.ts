// A small OpenAI-compatible server for tests: 127.0.0.1, a free port, scripted answers, every request recorded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON (default `{}`). */
  json?: unknown;
  /** Sent as it is instead of `json` (a broken body, say). */
  raw?: string;
  /** Waits before answering (to provoke a client timeout). */
  delayMs?: number;
}

export interface StubRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: any;
}

/** `n` counts requests from 1. */
export type StubScript = (body: any, n: number) => StubReply;

export interface OpenAiStub {
  /** e.g. http://127.0.0.1:41234/v1 */
  baseURL: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export async function startOpenAiStub(script: StubScript): Promise<OpenAiStub> {
  const requests: StubRequest[] = [];
  const server = http.createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the raw text
    }
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
    let reply: StubReply;
    try {
      reply = script(body, requests.length);
    } catch (err) {
      reply = { status: 500, json: { error: { message: `stub script failed: ${String(err)}` } } };
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
    res.end(reply.raw ?? JSON.stringify(reply.json ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A chat.completion whose message content is `content` (a JSON string for structured output). */
export function completion(content: string | null, extra: { refusal?: string | null; finishReason?: string; promptTokens?: number; completionTokens?: number } = {}) {
  const promptTokens = extra.promptTokens ?? 100;
  const completionTokens = extra.completionTokens ?? 20;
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 0,
    model: 'stub-model',
    choices: [
      {
        index: 0,
        finish_reason: extra.finishReason ?? 'stop',
        logprobs: null,
        message: { role: 'assistant', content, refusal: extra.refusal ?? null },
      },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}
