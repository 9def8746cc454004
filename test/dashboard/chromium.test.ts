// The dashboard in a real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// the link from the bot, the pages as a person sees them, a real download, and the refusals.
// Skipped where Chromium is not installed, unless REQUIRE_CHROMIUM is set (CI sets it, so there it fails).
import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CELL_A, CELL_B, ORGANISATION, dashboardWorld, secretaryA, viewer, type DashboardWorld } from '../support/dashboard-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

describe.skipIf(!available && !process.env.REQUIRE_CHROMIUM)('the dashboard in Chromium', () => {
  let w: DashboardWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** What the page reported about itself: script errors and refused resources (a CSP violation shows here). */
  const problems: string[] = [];

  beforeAll(async () => {
    w = await dashboardWorld();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  /** A fresh browser profile (no cookies), as a new person or a new device. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    return page;
  }

  const visibleText = (page: Page) => page.locator('body').innerText();

  it('a đảng ủy member opens the link from the bot, reads the đảng bộ page and downloads the .xlsx', async () => {
    const page = await freshPage();
    await page.goto(`${w.url}/login/${await w.reports.issueLink(viewer)}`);
    // The secret left the address bar: the login answered with a redirect to the overview.
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await visibleText(page)).toContain('Tổng quan');

    await page.getByRole('link', { name: ORGANISATION }).click();
    expect(new URL(page.url()).pathname).toBe(`/org/${w.organisationId}`);
    const text = await visibleText(page);
    expect(text).toContain(CELL_A);
    // A name typed in chat with markup in it shows as the characters typed.
    expect(text).toContain(CELL_B);
    expect(text).toContain('1/2 = 50,00%');
    expect(text).toContain('Ngày 10 hằng tháng lúc 19:30');
    expect(await page.locator('figure.chart svg').count()).toBe(2);
    expect(await page.locator('figure.chart svg').first().isVisible()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bảng tính Excel (.xlsx)' }).click()]);
    expect(download.suggestedFilename()).toBe(`dang-bo-${w.organisationId}-bao-cao-2026.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const cells = book.getWorksheet('Các chi bộ')!;
    expect(cells.getRow(2).getCell(1).value).toBe('Chi bộ');
    expect([cells.getRow(3).getCell(1).value, cells.getRow(4).getCell(1).value]).toEqual([CELL_A, CELL_B]);

    // Nothing the page has was blocked by its own Content-Security-Policy, and no script ran to fail.
    expect(problems).toEqual([]);
  });

  it('a cell secretary who types the address of another cell sees the refusal', async () => {
    const page = await freshPage();
    await page.goto(`${w.url}/login/${await w.reports.issueLink(secretaryA)}`);
    expect(await visibleText(page)).toContain(CELL_A);
    const res = await page.goto(`${w.url}/cell/${w.cellB}`);
    expect(res?.status()).toBe(403);
    expect(await visibleText(page)).toContain('Không có quyền xem');
    expect(await visibleText(page)).not.toContain(CELL_B);
    const own = await page.goto(`${w.url}/cell/${w.cellA}`);
    expect(own?.status()).toBe(200);
    expect(await visibleText(page)).toContain('Đảng viên năm 2026');
  });

  it('a link already used is refused on another device', async () => {
    const link = `${w.url}/login/${await w.reports.issueLink(viewer)}`;
    const first = await freshPage();
    await first.goto(link);
    expect(new URL(first.url()).pathname).toBe('/');
    const second = await freshPage();
    const res = await second.goto(link);
    expect(res?.status()).toBe(403);
    const text = await visibleText(second);
    expect(text).toContain('Liên kết không dùng được');
    expect(text).toContain('/dangnhap');
    // And the second device has no session: the overview asks to log in.
    expect((await second.goto(`${w.url}/`))?.status()).toBe(401);
  });

  it('a link opened after 15 minutes is refused', async () => {
    const link = `${w.url}/login/${await w.reports.issueLink(viewer)}`;
    w.clock.advance(15 * 60_000 + 1000);
    const page = await freshPage();
    const res = await page.goto(link);
    expect(res?.status()).toBe(403);
    expect(await visibleText(page)).toContain('đã hết hạn');
  });

  it('logging out with the button ends the session', async () => {
    const page = await freshPage();
    await page.goto(`${w.url}/login/${await w.reports.issueLink(secretaryA)}`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    expect(new URL(page.url()).pathname).toBe('/logged-out');
    expect(await visibleText(page)).toContain('Đã đăng xuất');
    expect((await page.goto(`${w.url}/cell/${w.cellA}`))?.status()).toBe(401);
  });
});
