// The read-only web dashboard: server-rendered pages on node:http, no framework and no client script.
// A one-time link from the bot (/dangnhap) opens a session held in an HttpOnly cookie; every request
// re-reads what the session's account may see (ReportService.session), so a role taken away applies at
// once. A cell or đảng bộ outside that scope answers 403 whether it exists or not.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { AccountRef, CellRecord, Clock, Store } from '../app/ports.ts';
import { SESSION_TTL_MS, type ReportService, type Scopes } from '../app/reports.ts';
import { parsePeriodKey, periodKey, type Period } from '../domain/reports.ts';
import { vietnamDate } from '../domain/time.ts';
import { renderChartSvg, type ChartSpec } from '../reports/charts.ts';
import { cellCharts, organisationCharts } from '../reports/report-charts.ts';

const PAGE_CHART_SIZE = { width: 800, height: 360 };
import { toCsv, toCsvAll, toXlsx, type ReportTable } from '../reports/exports.ts';
import { cellReportTables, memberYearTable, organisationTables } from '../text/report-tables.ts';
import {
  cellPage, dashboardFiles, messagePage, organisationPage, overviewPage, type DashboardMessage, type MeetingDetail,
} from '../text/dashboard.ts';
import { trusted, type Html } from './html.ts';
import { paths, type FileKind } from './paths.ts';

export interface DashboardOptions {
  reports: ReportService;
  store: Store;
  clock: Clock;
  log: Logger;
  host?: string;
  /** 0: any free port (tests). */
  port: number;
  /** Where users reach the dashboard (behind a proxy); an https address makes the cookie Secure. */
  publicUrl?: string | null;
}

export interface Dashboard {
  /** Listens; the URL is the local address it listens on. */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

export const SESSION_COOKIE = 'chibo_session';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  // The login secret is in a URL: it must never travel in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Link and session secrets are 32 random bytes in base64url (43 characters). */
const SECRET = /^[A-Za-z0-9_-]{32,128}$/;
const ID = /^[1-9][0-9]{0,8}$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
/**
 * Link-preview fetchers of chat apps: opening a link for a preview must not use up the one-time link.
 * (Telegram's servers fetch a URL a bot sends unless the preview is turned off.)
 */
const PREVIEW_AGENTS = /TelegramBot|facebookexternalhit|Facebot|Twitterbot|Slackbot|Discordbot|WhatsApp\/|LinkedInBot|SkypeUriPreview/i;

const MIME: Record<FileKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

interface Reply {
  status: number;
  body: string | Uint8Array;
  type: string;
  headers?: Record<string, string>;
}

interface Session {
  account: AccountRef;
  scopes: Scopes;
}

class BadRequest extends Error {
  constructor(readonly reason: 'badId' | 'badPeriod') {
    super(reason);
  }
}

const page = (status: number, body: string, headers?: Record<string, string>): Reply => ({ status, body, type: 'text/html; charset=utf-8', ...(headers ? { headers } : {}) });
const message = (status: number, which: DashboardMessage, headers?: Record<string, string>) => page(status, messagePage(which), headers);
const redirect = (location: string, headers: Record<string, string> = {}): Reply => ({ status: 303, body: '', type: 'text/plain; charset=utf-8', headers: { Location: location, ...headers } });
const file = (bytes: Uint8Array, name: string, ext: FileKind): Reply => ({
  status: 200,
  body: bytes,
  type: MIME[ext],
  headers: { 'Content-Disposition': `attachment; filename="${name}"` },
});

const accountLabel = (a: AccountRef) => `${a.channel}:${a.externalId}`;
/** The path as logged: never a login secret. */
const loggedPath = (path: string) => (path.startsWith('/login/') ? '/login/…' : path.slice(0, 200));

/** The session secret from the Cookie header; junk, duplicates and malformed values are ignored. */
function readCookie(req: IncomingMessage): { secret: string | null; present: boolean } {
  const header = req.headers.cookie;
  let present = false;
  if (!header) return { secret: null, present };
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    present = true;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (SECRET.test(value)) return { secret: value, present };
  }
  return { secret: null, present };
}

function parseId(text: string): number {
  if (!ID.test(text)) throw new BadRequest('badId');
  return Number(text);
}

function parsePeriod(key: string): Period {
  const period = parsePeriodKey(key);
  if (!period || period.year < FIRST_YEAR || period.year > LAST_YEAR) throw new BadRequest('badPeriod');
  return period;
}

export function createDashboard({ reports, store, clock, log, host = '127.0.0.1', port, publicUrl = null }: DashboardOptions): Dashboard {
  const secure = publicUrl?.startsWith('https://') ?? false;
  const cookie = (value: string, maxAgeSeconds: number) =>
    `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  const clearCookie = cookie('', 0);
  const today = () => vietnamDate(clock.now());
  const thisYear = (): Period => ({ kind: 'year', year: Number(today().slice(0, 4)) });

  // ---- login, logout ----

  async function login(req: IncomingMessage, method: string, secret: string): Promise<Reply> {
    // A HEAD, or a chat app fetching a preview, looks at the link without using it up.
    if (method === 'HEAD' || PREVIEW_AGENTS.test(req.headers['user-agent'] ?? '')) return message(200, 'preview');
    const redeemed = SECRET.test(secret) ? await reports.redeemLink(secret) : null;
    if (!redeemed) {
      log.info('dashboard login refused: link unknown, used or expired');
      return message(403, 'loginFailed');
    }
    // The browser's earlier session, if any, ends: one browser, one session.
    const earlier = readCookie(req).secret;
    if (earlier) await reports.logout(earlier);
    log.info({ account: accountLabel(redeemed.account) }, 'dashboard login');
    return redirect(paths.home, { 'Set-Cookie': cookie(redeemed.session, Math.floor(SESSION_TTL_MS / 1000)) });
  }

  async function logout(req: IncomingMessage): Promise<Reply> {
    const { secret } = readCookie(req);
    if (secret) {
      const session = await reports.session(secret);
      await reports.logout(secret);
      if (session) log.info({ account: accountLabel(session.account) }, 'dashboard logout');
    }
    return redirect(paths.loggedOut, { 'Set-Cookie': clearCookie });
  }

  async function withSession(req: IncomingMessage, handler: (session: Session) => Promise<Reply>): Promise<Reply> {
    const { secret, present } = readCookie(req);
    const session = secret ? await reports.session(secret) : null;
    if (!session) return message(401, 'unauthenticated', present ? { 'Set-Cookie': clearCookie } : undefined);
    return handler(session);
  }

  // ---- pages ----

  /** The chat's charts (src/reports/report-charts.ts), drawn smaller to sit in a page. */
  async function charts(specs: ChartSpec[]): Promise<Html[]> {
    const out: Html[] = [];
    for (const spec of specs) {
      try {
        // ECharts escapes the texts it draws; the SVG is the library's own markup.
        out.push(trusted(await renderChartSvg({ ...spec, ...PAGE_CHART_SIZE })));
      } catch (error) {
        log.warn({ err: error }, 'dashboard chart could not be drawn');
      }
    }
    return out;
  }

  async function overview(s: Session): Promise<Reply> {
    const committee = new Set(s.scopes.cells.map((c) => c.id));
    const cells = (await reports.visibleCells(s.scopes)).map((cell) => ({ cell, committee: committee.has(cell.id) }));
    return page(200, overviewPage({ viewer: s.account.displayName, today: today(), organisations: s.scopes.organisations, cells }));
  }

  async function organisation(s: Session, id: number, period: Period): Promise<Reply> {
    const view = await reports.organisationView(id, period);
    const drawn = await charts(organisationCharts(view.organisation.name, period, view.report.cells, reports.sheet));
    return page(200, organisationPage({ viewer: s.account.displayName, today: today(), period, view, charts: drawn }));
  }

  async function cell(s: Session, record: CellRecord, period: Period, committee: boolean): Promise<Reply> {
    const report = await reports.cellReport(record, period);
    const details = new Map<number, MeetingDetail>();
    for (const m of report.meetings) {
      const [votes, outcomes, tasks] = await Promise.all([store.votes.ofMeeting(m.id), store.minutes.outcomes(m.id), store.tasks.ofMeeting(m.id)]);
      details.set(m.id, { votes, outcomes, tasks });
    }
    const members = committee ? await reports.memberYears(record, period.year) : null;
    const drawn = await charts(cellCharts(report, reports.sheet));
    return page(200, cellPage({ viewer: s.account.displayName, today: today(), period, report, details, members, charts: drawn }));
  }

  // ---- files ----

  const csvOf = (tables: ReportTable[]) => (tables.length === 1 ? toCsv(tables[0]!) : toCsvAll(tables));
  const tablesFile = async (tables: ReportTable[], name: string, ext: FileKind) => file(ext === 'xlsx' ? await toXlsx(tables) : csvOf(tables), name, ext);

  // ---- routing ----

  /** /cell/<id>[/<file>] and /org/<id>[/<file>]: checked (400), then the scope (403). */
  async function scoped(s: Session, kind: 'cell' | 'org', idText: string, sub: string | undefined, query: URLSearchParams): Promise<Reply> {
    const id = parseId(idText);
    const report = sub === undefined ? null : /^report-([^/]+)\.(xlsx|csv)$/.exec(sub);
    const members = sub === undefined || kind !== 'cell' ? null : /^members-([^/]+)\.(xlsx|csv)$/.exec(sub);
    if (sub !== undefined && !report && !members) return message(404, 'notFound');
    const asked = query.get('period');
    const period = report ? parsePeriod(report[1]!) : members ? parsePeriod(members[1]!) : asked !== null ? parsePeriod(asked) : thisYear();
    if (members && period.kind !== 'year') throw new BadRequest('badPeriod');

    const refuse = () => {
      log.info({ account: accountLabel(s.account), kind, id }, 'dashboard: outside the account scope');
      return message(403, 'forbidden');
    };
    if (kind === 'org') {
      if (!s.scopes.organisations.some((o) => o.id === id)) return refuse();
      if (!report) return organisation(s, id, period);
      const view = await reports.organisationView(id, period);
      const ext = report[2] as FileKind;
      return tablesFile(organisationTables(view), dashboardFiles.organisationReport(id, periodKey(period), ext), ext);
    }
    const record = (await reports.visibleCells(s.scopes)).find((c) => c.id === id);
    if (!record) return refuse();
    const committee = s.scopes.cells.some((c) => c.id === id);
    if (members) {
      // Each member's year is for the cell's own chi ủy only; the đảng ủy sees the aggregates.
      if (!committee) return refuse();
      const ext = members[2] as FileKind;
      const table = memberYearTable(await reports.memberYears(record, period.year), period.year, record.name);
      return tablesFile([table], dashboardFiles.members(id, period.year, ext), ext);
    }
    if (report) {
      const ext = report[2] as FileKind;
      return tablesFile(cellReportTables(await reports.cellReport(record, period)), dashboardFiles.cellReport(id, periodKey(period), ext), ext);
    }
    return cell(s, record, period, committee);
  }

  async function route(req: IncomingMessage, method: string, path: string, query: URLSearchParams): Promise<Reply> {
    if (path === paths.logout) {
      if (method !== 'POST') return message(405, 'methodNotAllowed', { Allow: 'POST' });
      return logout(req);
    }
    if (method !== 'GET' && method !== 'HEAD') return message(405, 'methodNotAllowed', { Allow: 'GET, HEAD' });
    if (path === paths.home) return withSession(req, overview);
    if (path === paths.loggedOut) return message(200, 'loggedOut');
    const link = /^\/login\/([^/]*)$/.exec(path);
    if (link) return login(req, method, link[1]!);
    const scopedPath = /^\/(cell|org)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (scopedPath) return withSession(req, (s) => scoped(s, scopedPath[1] as 'cell' | 'org', scopedPath[2]!, scopedPath[3], query));
    return message(404, 'notFound');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    // Nothing is read from a body: POST /logout needs none.
    req.resume();
    let reply: Reply;
    try {
      reply = await route(req, method, path, new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)));
    } catch (error) {
      if (error instanceof BadRequest) reply = message(400, error.reason);
      else if (store.isUnavailable(error)) {
        log.warn({ err: error, path: loggedPath(path) }, 'dashboard: database unavailable');
        reply = message(503, 'unavailable', { 'Retry-After': '30' });
      } else {
        log.error({ err: error, method, path: loggedPath(path) }, 'dashboard request failed');
        reply = message(500, 'serverError');
      }
    }
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
    res.writeHead(reply.status, { ...SECURITY_HEADERS, 'Content-Type': reply.type, 'Content-Length': String(body.byteLength), ...reply.headers });
    res.end(method === 'HEAD' ? undefined : body);
    log.debug({ method, path: loggedPath(path), status: reply.status, ms: Math.round(performance.now() - started) }, 'dashboard request');
  }

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'dashboard response failed');
      res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  return {
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${shown}:${address.port}`;
      log.info({ url, publicUrl }, 'dashboard listening');
      return { url };
    },
    async stop() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A request still running gets a moment to finish; then every connection goes.
      const timer = setTimeout(() => server.closeAllConnections(), 2_000);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}
