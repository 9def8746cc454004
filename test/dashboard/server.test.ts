// The web dashboard over plain HTTP, on a real database: one-time links, sessions, who sees which cell,
// the downloads, escaping of chat-typed names, and the security headers.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRef } from '../../src/app/ports.ts';
import { SESSION_COOKIE } from '../../src/dashboard/server.ts';
import { CELL_A, CELL_B, MEMBER, TASK, dashboardWorld, secretaryA, viewer, type DashboardWorld } from '../support/dashboard-fixtures.ts';

let w: DashboardWorld;

beforeAll(async () => {
  w = await dashboardWorld();
});

afterAll(async () => {
  await w?.close();
});

const get = (path: string, cookie?: string, init: RequestInit = {}) =>
  fetch(`${w.url}${path}`, { redirect: 'manual', ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) } });

/** Logs the account in through a fresh one-time link; the Cookie header to send afterwards. */
async function loginAs(account: AccountRef): Promise<string> {
  const res = await get(`/login/${await w.reports.issueLink(account)}`);
  expect(res.status).toBe(303);
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  expect(set).toBeDefined();
  return set!.split(';')[0]!;
}

const text = async (res: Response) => res.text();

describe('logging in with the link the bot sends', () => {
  it('works once: the browser gets a session cookie and lands on the overview; the same link again is refused', async () => {
    const secret = await w.reports.issueLink(secretaryA);
    const first = await get(`/login/${secret}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');

    const home = await get('/', cookie.split(';')[0]);
    expect(home.status).toBe(200);
    const page = await text(home);
    expect(page).toContain(CELL_A);
    expect(page).toContain('An Nguyễn');

    const again = await get(`/login/${secret}`);
    expect(again.status).toBe(403);
    const refusal = await text(again);
    expect(refusal).toContain('đã được dùng hoặc đã hết hạn');
    expect(refusal).toContain('/dangnhap');
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a link older than 15 minutes', async () => {
    const secret = await w.reports.issueLink(secretaryA);
    w.clock.advance(16 * 60_000);
    const res = await get(`/login/${secret}`);
    expect(res.status).toBe(403);
    expect(await text(res)).toContain('Liên kết không dùng được');
  });

  it('refuses a made-up or malformed link the same way', async () => {
    for (const secret of ['A'.repeat(43), 'short', '%3Cscript%3E']) {
      const res = await get(`/login/${secret}`);
      expect(res.status, secret).toBe(403);
    }
  });

  it('does not use the link up when a chat app fetches a preview of it, or on HEAD', async () => {
    const secret = await w.reports.issueLink(secretaryA);
    const preview = await get(`/login/${secret}`, undefined, { headers: { 'user-agent': 'TelegramBot (like TwitterBot)' } });
    expect(preview.status).toBe(200);
    expect(preview.headers.getSetCookie()).toEqual([]);
    expect((await get(`/login/${secret}`, undefined, { method: 'HEAD' })).status).toBe(200);
    expect((await get(`/login/${secret}`)).status).toBe(303);
  });
});

describe('without a session', () => {
  it('asks to log in with the bot’s link (401) on every page', async () => {
    for (const path of ['/', `/cell/${w.cellA}`, `/org/${w.organisationId}`, `/cell/${w.cellA}/report-2026.xlsx`]) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(await text(res), path).toContain('/dangnhap');
    }
  });

  it('treats a junk or forged cookie as no session, and clears it', async () => {
    for (const cookie of [`${SESSION_COOKIE}=nonsense`, `${SESSION_COOKIE}=${'x'.repeat(43)}`, 'a=b; ;;; =; chibo_session', `${SESSION_COOKIE}="${'y'.repeat(43)}"; other=1`, '\u00ff\u00fe']) {
      const res = await get('/', cookie.replace(/[^\x20-\x7e]/g, '?'));
      expect(res.status, cookie).toBe(401);
    }
    const res = await get('/', `${SESSION_COOKIE}=${'x'.repeat(43)}`);
    expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
  });
});

describe('what a cell secretary sees', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await loginAs(secretaryA);
  });

  it('opens their own cell with its months, the meeting, the vote, the conclusions and the tasks', async () => {
    const res = await get(`/cell/${w.cellA}?period=2026`, cookie);
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain(`${CELL_A} — Năm 2026`);
    expect(page).toContain('Đã họp, có biên bản');
    expect(page).toContain('Không họp');
    expect(page).toContain('1/2 = 50,00%');
    expect(page).toContain('Thông qua kế hoạch quý III');
    expect(page).toContain('Không thông qua');
    expect(page).toContain('Chi bộ thống nhất đẩy mạnh vận động hội viên');
    expect(page).toContain('Nghị quyết tháng 5');
    expect(page).toContain('Quá hạn');
    expect(page).toContain('<svg');
  });

  it('sees the member table of their own cell, and can download it', async () => {
    const page = await text(await get(`/cell/${w.cellA}`, cookie));
    expect(page).toContain('Đảng viên năm 2026');
    expect(page).toContain('Trần Thị &lt;b&gt;Bích&lt;/b&gt;');
    const csv = await get(`/cell/${w.cellA}/members-2026.csv`, cookie);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="chi-bo-${w.cellA}-dang-vien-2026.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body).toContain('Họ và tên');
    expect(body).toContain(MEMBER);
  });

  it('is refused the other cell and the đảng ủy page (403), the same whether the cell exists or not', async () => {
    const other = await get(`/cell/${w.cellB}`, cookie);
    expect(other.status).toBe(403);
    const missing = await get('/cell/999999', cookie);
    expect(missing.status).toBe(403);
    expect(await text(missing)).toBe(await text(other));
    expect((await get(`/org/${w.organisationId}`, cookie)).status).toBe(403);
    expect((await get(`/org/${w.organisationId}/report-2026.xlsx`, cookie)).status).toBe(403);
    expect((await get(`/cell/${w.cellB}/report-2026.csv`, cookie)).status).toBe(403);
  });
});

describe('what the đảng ủy sees', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await loginAs(viewer);
  });

  it('lists the đảng bộ and both cells on the overview', async () => {
    const page = await text(await get('/', cookie));
    expect(page).toContain('Đảng bộ phường Bến Thành');
    expect(page).toContain(CELL_A);
    expect(page).toContain('Chi bộ &lt;script&gt;alert(&quot;B&quot;)&lt;/script&gt; Khu phố 2');
  });

  it('sees the đảng bộ page with both cells, the totals, the missed months and the calendar', async () => {
    const res = await get(`/org/${w.organisationId}?period=2026`, cookie);
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain(CELL_A);
    expect(page).toContain('Chi bộ &lt;script&gt;alert(&quot;B&quot;)&lt;/script&gt; Khu phố 2');
    expect(page).toContain('Tổng hợp toàn đảng bộ');
    expect(page).toMatch(/Cuộc họp đã tổ chức<\/span><span class="value">1</);
    expect(page).toContain('1/2 = 50,00%');
    expect(page).toContain('Tốt: 0');
    expect(page).toContain('Chi bộ không họp thường kỳ');
    expect(page).toMatch(/Tháng 1\/2026:<\/strong> Chi bộ Khu phố 1, Chi bộ &lt;script&gt;/);
    expect(page).toContain('Ngày 10 hằng tháng lúc 19:30, Nhà văn hóa khu phố 1');
    expect(page).toContain('20/06/2026 lúc 19:30');
    expect(page).toContain(`/org/${w.organisationId}/report-2026.xlsx`);
    expect(page).toContain(`/org/${w.organisationId}/report-2026.csv`);
    expect((page.match(/<svg/g) ?? []).length).toBe(2);
  });

  it('opens a cell under the đảng bộ but sees aggregates only: no member table, no member download', async () => {
    const res = await get(`/cell/${w.cellA}`, cookie);
    expect(res.status).toBe(200);
    const page = await text(res);
    expect(page).toContain('1/2 = 50,00%');
    expect(page).not.toContain('Đảng viên năm 2026');
    expect(page).not.toContain('Bích');
    expect(page).not.toContain('members-2026');
    expect((await get(`/cell/${w.cellA}/members-2026.xlsx`, cookie)).status).toBe(403);
  });

  it('downloads the đảng bộ report as an .xlsx workbook with Vietnamese headers', async () => {
    const res = await get(`/org/${w.organisationId}/report-2026.xlsx`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="dang-bo-${w.organisationId}-bao-cao-2026.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Các chi bộ', 'Lịch sinh hoạt']);
    const cells = book.getWorksheet('Các chi bộ')!;
    expect(cells.getRow(2).getCell(1).value).toBe('Chi bộ');
    expect(cells.getRow(2).getCell(2).value).toBe('Số cuộc họp');
    expect(cells.getRow(3).getCell(1).value).toBe(CELL_A);
    expect(cells.getRow(4).getCell(1).value).toBe(CELL_B);
  });

  it('downloads a cell report as CSV: every table under its title, separated by a blank line', async () => {
    const res = await get(`/cell/${w.cellA}/report-2026-Q2.csv`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="chi-bo-${w.cellA}-bao-cao-2026-Q2.csv"`);
    const body = new TextDecoder().decode(await res.arrayBuffer());
    expect(body).toContain('Chỉ tiêu,Số liệu');
    expect(body).toContain('\r\n\r\n');
    expect(body).toContain('Tháng,Sinh hoạt thường kỳ');
  });

  it('loses the đảng bộ at once when the view is taken away', async () => {
    const own = await loginAs(viewer);
    await w.store.organisations.revokeViewer(w.organisationId, viewer);
    try {
      expect((await get(`/org/${w.organisationId}`, own)).status).toBe(403);
      expect((await get(`/cell/${w.cellA}`, own)).status).toBe(403);
    } finally {
      await w.store.organisations.grantViewer(w.organisationId, viewer, w.clock.now());
    }
  });
});

describe('text typed in chat', () => {
  it('is shown as text on every page, never run as markup', async () => {
    const secretary = await loginAs(secretaryA);
    const danguy = await loginAs(viewer);
    const pages = [await text(await get(`/cell/${w.cellA}`, secretary)), await text(await get(`/org/${w.organisationId}`, danguy)), await text(await get('/', danguy))];
    for (const page of pages) {
      expect(page).not.toContain('<script');
      expect(page).not.toContain('<b>Bích');
      expect(page).not.toContain('<img src=x');
    }
    expect(pages[0]).toContain('Rà soát hộ nghèo &lt;img src=x onerror=alert(1)&gt;');
    expect(TASK).toContain('<img');
  });
});

describe('requests the dashboard does not serve', () => {
  it('answers 405 to a POST on a page, 404 to an unknown address, 400 to a malformed id or period', async () => {
    const cookie = await loginAs(viewer);
    const post = await get('/', cookie, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await get(`/cell/${w.cellA}`, cookie, { method: 'PUT' })).status).toBe(405);
    expect((await get('/logout', cookie)).status).toBe(405);
    expect((await get('/nothing-here', cookie)).status).toBe(404);
    expect((await get(`/cell/${w.cellA}/secret.txt`, cookie)).status).toBe(404);
    const badId = await get('/cell/abc', cookie);
    expect(badId.status).toBe(400);
    expect(await text(badId)).toContain('phải là một số');
    expect((await get('/org/0', cookie)).status).toBe(400);
    const badPeriod = await get(`/cell/${w.cellA}?period=2026-13`, cookie);
    expect(badPeriod.status).toBe(400);
    expect(await text(badPeriod)).toContain('Kỳ báo cáo không hợp lệ');
    expect((await get(`/org/${w.organisationId}/report-1999.xlsx`, cookie)).status).toBe(400);
    expect((await get(`/cell/${w.cellA}/members-2026-Q1.csv`, cookie)).status).toBe(400);
  });

  it('answers HEAD like GET, without a body', async () => {
    const cookie = await loginAs(viewer);
    const res = await get(`/org/${w.organisationId}`, cookie, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await res.text()).toBe('');
  });
});

describe('every response', () => {
  it('carries the security headers, on pages, errors, redirects and files', async () => {
    const cookie = await loginAs(viewer);
    const responses = [
      await get('/', cookie), await get('/'), await get('/nothing'), await get('/', cookie, { method: 'DELETE' }),
      await get(`/login/${await w.reports.issueLink(viewer)}`), await get(`/org/${w.organisationId}/report-2026.csv`, cookie),
    ];
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, res.url).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain('script-src');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('is a page without any script', async () => {
    const cookie = await loginAs(secretaryA);
    const page = await text(await get(`/cell/${w.cellA}`, cookie));
    expect(page).not.toMatch(/<script|javascript:|<[^>]*\son[a-z]+=/i);
  });
});

describe('logging out', () => {
  it('ends the session: the cookie is cleared and the old cookie no longer opens anything', async () => {
    const cookie = await loginAs(secretaryA);
    expect((await get('/', cookie)).status).toBe(200);
    const out = await get('/logout', cookie, { method: 'POST' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/logged-out');
    expect(out.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect((await get('/', cookie)).status).toBe(401);
    const after = await get('/logged-out');
    expect(after.status).toBe(200);
    expect(await text(after)).toContain('Đã đăng xuất');
  });

  it('a session older than 12 hours asks to log in again', async () => {
    const cookie = await loginAs(viewer);
    w.clock.advance(12 * 3600_000 + 1);
    expect((await get('/', cookie)).status).toBe(401);
  });
});
