// A pass-through in front of the fake Telegram, one per bot process: the fake counts what each group got,
// this says which process sent it (both processes use the same token, so the fake cannot tell them apart).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedSend {
  /** Date.now() when the request reached the proxy. */
  at: number;
  chatId: string;
  text: string;
}

export interface ApiProxy {
  readonly url: string;
  /** sendMessage calls that went through this proxy, in order. */
  readonly sends: ProxiedSend[];
  /** Called on each sendMessage as it passes (before the fake answers). */
  onSend?: (send: ProxiedSend) => void;
  close(): Promise<void>;
}

export async function startApiProxy(target: string): Promise<ApiProxy> {
  const upstream = new URL(target);
  const inFlight = new Set<http.ClientRequest>();
  const proxy: ApiProxy = { url: '', sends: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (/\/sendMessage$/.test(req.url ?? '') && String(req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          const payload = JSON.parse(body.toString('utf8')) as { chat_id?: unknown; text?: unknown };
          const send = { at: Date.now(), chatId: String(payload.chat_id), text: String(payload.text ?? '') };
          proxy.sends.push(send);
          proxy.onSend?.(send);
        } catch {
          // Not ours to judge: the fake answers the malformed body.
        }
      }
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => inFlight.delete(forward));
        },
      );
      inFlight.add(forward);
      forward.on('error', () => {
        inFlight.delete(forward);
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      // A killed bot drops its sockets: its pending long poll must not linger at the fake.
      res.on('close', () => {
        if (!res.writableFinished) forward.destroy();
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const request of inFlight) request.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  });
  return proxy;
}
