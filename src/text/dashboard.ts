// The web dashboard's pages (read-only, no script): every Vietnamese word of them, and the templates.
// Every stored string (names, task texts, conclusions) goes through `html`, which escapes it.
import { LINK_TTL_MS, type CalendarRow, type OrganisationView } from '../app/reports.ts';
import type { CellRecord, OrganisationRecord, OutcomeRecord, TaskRecord, VoteRecord } from '../app/ports.ts';
import { MAX_CONSECUTIVE_EXCUSED, UNEXCUSED_MONTHS_ALERT, type Ratio } from '../domain/attendance.ts';
import { formatDayMonthYear } from '../domain/dates.ts';
import { reviewTask, type TaskReview } from '../domain/minutes.ts';
import { type CellReport, type MemberYear, type MonthRow, type OrganisationReport, type Period } from '../domain/reports.ts';
import { BANDS, type Band } from '../domain/scoring.ts';
import { vietnamDate } from '../domain/time.ts';
import { html, trusted, type Html, type HtmlValue } from '../dashboard/html.ts';
import { paths, type FileKind } from '../dashboard/paths.ts';
import { formatPercent, kindLabel } from './meetings.ts';
import { bandLabel, monthShort, monthStateLabel, periodLabel, rateText, shortKind, taskLine, tenthsText } from './reports.ts';
import { labels } from './vi.ts';

// ---- words ----

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const monthLong = (month: string) => `Tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
const ROMAN = ['I', 'II', 'III', 'IV'];
const quarterLong = (quarter: string) => `Quý ${ROMAN[Number(quarter.slice(6)) - 1]}/${quarter.slice(0, 4)}`;
const dateText = (isoDate: string) => formatDayMonthYear(isoDate);
const orgKind: Record<OrganisationRecord['kind'], string> = { DANG_BO: 'Đảng bộ', DANG_BO_BO_PHAN: 'Đảng bộ bộ phận' };
const taskReviewLabel: Record<TaskReview, string> = { DONE_ON_TIME: 'Hoàn thành đúng hạn', DONE_LATE: 'Hoàn thành trễ hạn', OPEN: 'Đang làm', OVERDUE: 'Quá hạn' };
const yesNo = (v: boolean) => (v ? 'có' : 'chưa');

export const dashboardText = {
  siteName: 'Trang theo dõi sinh hoạt chi bộ',
  readOnly: 'Chỉ xem',
  logout: 'Đăng xuất',
  signedInAs: 'Người xem:',
  asOf: (today: string) => `Số liệu đến ngày ${dateText(today)}.`,
  periodNav: 'Chọn kỳ báo cáo',
  year: 'Cả năm',
  quarterShort: (q: number) => `Quý ${ROMAN[q - 1]}`,
  monthShort: (m: number) => `T${m}`,
  previousYear: (y: number) => `‹ ${y}`,
  nextYear: (y: number) => `${y} ›`,
  downloads: 'Tải báo cáo',
  xlsx: 'Bảng tính Excel (.xlsx)',
  csv: 'Tệp CSV',
  charts: 'Biểu đồ',
  noData: 'chưa có số liệu',
  none: 'Không có.',
} as const;

/** Messages of the pages that are not reports: what went wrong and what to do. */
const messages = {
  loginFailed: {
    title: 'Liên kết không dùng được',
    lines: [
      `Liên kết đăng nhập này không đúng, đã được dùng hoặc đã hết hạn (mỗi liên kết chỉ dùng được một lần, trong ${LINK_TTL_MS / 60_000} phút).`,
      'Hãy nhắn /dangnhap cho bot trong trò chuyện riêng để nhận liên kết mới.',
    ],
  },
  unauthenticated: {
    title: 'Cần đăng nhập',
    lines: [
      'Phiên xem đã hết hoặc đồng chí chưa đăng nhập.',
      'Hãy đăng nhập bằng liên kết bot gửi: nhắn /dangnhap cho bot trong trò chuyện riêng, rồi bấm vào liên kết nhận được.',
    ],
  },
  forbidden: {
    title: 'Không có quyền xem',
    lines: ['Tài khoản của đồng chí không được xem trang này.', 'Chi ủy xem chi bộ của mình; đảng ủy xem các chi bộ trực thuộc.'],
  },
  notFound: { title: 'Không tìm thấy trang', lines: ['Địa chỉ này không có trên trang theo dõi.'] },
  badId: { title: 'Địa chỉ không hợp lệ', lines: ['Mã chi bộ hoặc mã đảng bộ trong địa chỉ phải là một số.'] },
  badPeriod: {
    title: 'Kỳ báo cáo không hợp lệ',
    lines: ['Kỳ báo cáo viết theo dạng 2026 (cả năm), 2026-Q1 (quý) hoặc 2026-03 (tháng), năm từ 2000 đến 2100.'],
  },
  methodNotAllowed: { title: 'Thao tác không được phép', lines: ['Trang theo dõi chỉ để xem, không nhận dữ liệu gửi lên.'] },
  unavailable: { title: 'Tạm thời chưa xem được', lines: ['Cơ sở dữ liệu đang bận hoặc không kết nối được. Xin thử lại sau ít phút.'] },
  serverError: { title: 'Có lỗi', lines: ['Trang gặp lỗi khi lấy số liệu. Xin thử lại; nếu vẫn lỗi, báo người quản trị bot.'] },
  loggedOut: { title: 'Đã đăng xuất', lines: ['Đồng chí đã đăng xuất khỏi trang theo dõi.', 'Muốn xem lại, nhắn /dangnhap cho bot trong trò chuyện riêng.'] },
  preview: { title: 'Liên kết đăng nhập', lines: ['Mở liên kết này trong trình duyệt để đăng nhập trang theo dõi.'] },
} as const;

export type DashboardMessage = keyof typeof messages;

/** ASCII file names (a download's name must survive every browser and mail client). */
export const dashboardFiles = {
  cellReport: (cellId: number, key: string, ext: FileKind) => `chi-bo-${cellId}-bao-cao-${key}.${ext}`,
  organisationReport: (orgId: number, key: string, ext: FileKind) => `dang-bo-${orgId}-bao-cao-${key}.${ext}`,
  members: (cellId: number, year: number, ext: FileKind) => `chi-bo-${cellId}-dang-vien-${year}.${ext}`,
};

// ---- the frame ----

const STYLE = `
:root{color-scheme:light;--ink:#1d1d1f;--muted:#5b5b63;--line:#d9d9de;--accent:#a3160f;--soft:#f6f4f1;--warn:#8a4b00;--bad:#a3160f;--good:#1d6b2f}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
header.site{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:var(--accent);color:#fff}
header.site a{color:#fff;font-weight:600;text-decoration:none}
header.site form{margin:0}
header.site .who{font-size:.9rem}
button{font:inherit;padding:.3rem .8rem;border:1px solid #fff;border-radius:4px;background:transparent;color:#fff;cursor:pointer}
main{max-width:68rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
h4{font-size:1rem;margin:.7rem 0 .2rem}
p{margin:.4rem 0}
a{color:#0b4f9c}
.muted{color:var(--muted)}
.path{color:var(--muted);font-size:.95rem;margin:0}
nav.periods{display:flex;flex-wrap:wrap;gap:.3rem;margin:.8rem 0}
nav.periods a{padding:.15rem .5rem;border:1px solid var(--line);border-radius:4px;text-decoration:none}
nav.periods a[aria-current]{background:var(--accent);border-color:var(--accent);color:#fff}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.6rem;margin:.6rem 0}
.figure{background:var(--soft);border-radius:6px;padding:.6rem .8rem}
.figure .label{display:block;color:var(--muted);font-size:.85rem}
.figure .value{display:block;font-size:1.2rem;font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;min-width:30rem;margin:.4rem 0;font-size:.95rem}
table.wide{min-width:62rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft)}
th.num{text-align:right}
td.num{text-align:right;white-space:nowrap}
td:first-child{white-space:nowrap}
.state-NOT_HELD,.bad{color:var(--bad);font-weight:600}
.state-HELD_NOT_MINUTED,.warn{color:var(--warn)}
.state-HELD_MINUTED,.good{color:var(--good)}
.meeting{border:1px solid var(--line);border-radius:6px;padding:.4rem .9rem;margin:.8rem 0;break-inside:avoid}
ul{padding-left:1.3rem;margin:.3rem 0}
.chart svg{max-width:100%;height:auto;display:block}
.chart{margin:.6rem 0;break-inside:avoid}
.downloads a{display:inline-block;margin:.2rem 1rem .2rem 0}
.private{border-left:4px solid var(--warn);padding-left:.8rem}
@media (max-width:40rem){body{font-size:15px}.figure .value{font-size:1.05rem}h1{font-size:1.3rem}main{padding:.75rem}}
footer{max-width:68rem;margin:1.5rem auto;padding:0 1rem;color:var(--muted);font-size:.85rem}
@media print{header.site form,nav.periods,.downloads{display:none}header.site{background:none;color:var(--ink);border-bottom:2px solid var(--ink)}header.site a{color:var(--ink)}a{color:inherit;text-decoration:none}}
`;

const trustedStyle = trusted(STYLE);

export interface Frame {
  title: string;
  /** The viewer's display name; null on pages shown without a session. */
  viewer: string | null;
  today?: string;
}

export function page(frame: Frame, body: HtmlValue): string {
  const header = html`<header class="site"><a href="${paths.home}">${dashboardText.siteName}</a>${
    frame.viewer === null
      ? null
      : html`<span class="who">${dashboardText.signedInAs} ${frame.viewer} · ${dashboardText.readOnly}</span><form method="post" action="${paths.logout}"><button type="submit">${dashboardText.logout}</button></form>`
  }</header>`;
  const doc = html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow"><link rel="icon" href="data:,">
<title>${frame.title} — ${dashboardText.siteName}</title><style>${trustedStyle}</style></head>
<body>${header}<main>${body}</main>${frame.today ? html`<footer>${dashboardText.asOf(frame.today)}</footer>` : null}</body></html>`;
  return doc.value;
}

/** A page that only says something (an error, the logged-out page). */
export function messagePage(message: DashboardMessage, viewer: string | null = null): string {
  const m = messages[message];
  return page({ title: m.title, viewer }, html`<h1>${m.title}</h1>${m.lines.map((line) => html`<p>${line}</p>`)}${
    message === 'forbidden' || message === 'notFound' || message === 'badId' || message === 'badPeriod' ? html`<p><a href="${paths.home}">${dashboardText.siteName}</a></p>` : null
  }`);
}

// ---- pieces ----

const figure = (label: string, value: HtmlValue) => html`<div class="figure"><span class="label">${label}</span><span class="value">${value}</span></div>`;
const rate = (r: Ratio | null) => (r && r.den ? rateText(r) : dashboardText.noData);
const percentOnly = (r: Ratio | null) => (r && r.den ? `${r.num}/${r.den} (${formatPercent(r.num, r.den)})` : '—');
const average = (tenths: number | null) => (tenths === null ? '—' : tenthsText(tenths));
const bandCounts = (byBand: Record<Band, number>) => BANDS.map((b) => `${bandLabel[b]}: ${byBand[b]}`).join(' · ');
/** A table; `numeric` lists the columns whose header is right-aligned like their figures. */
const table = (head: string[], rows: HtmlValue[], numeric: number[] = [], wide = false) =>
  html`<div class="scroll"><table${wide ? html` class="wide"` : null}><thead><tr>${head.map((h, i) => html`<th scope="col"${numeric.includes(i) ? html` class="num"` : null}>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
const td = (value: HtmlValue) => html`<td>${value}</td>`;
const num = (value: HtmlValue) => html`<td class="num">${value}</td>`;

function periodNav(period: Period, href: (p: Period) => string): Html {
  const y = period.year;
  const link = (p: Period, label: string, current: boolean) => html`<a href="${href(p)}"${current ? html` aria-current="page"` : null}>${label}</a>`;
  return html`<nav class="periods" aria-label="${dashboardText.periodNav}">${[
    y > 2000 ? link({ kind: 'year', year: y - 1 }, dashboardText.previousYear(y - 1), false) : null,
    link({ kind: 'year', year: y }, `${dashboardText.year} ${y}`, period.kind === 'year'),
    [1, 2, 3, 4].map((q) => link({ kind: 'quarter', year: y, quarter: q }, dashboardText.quarterShort(q), period.kind === 'quarter' && period.quarter === q)),
    Array.from({ length: 12 }, (_, i) => i + 1).map((m) => link({ kind: 'month', year: y, month: m }, dashboardText.monthShort(m), period.kind === 'month' && period.month === m)),
    y < 2100 ? link({ kind: 'year', year: y + 1 }, dashboardText.nextYear(y + 1), false) : null,
  ]}</nav>`;
}

const downloads = (xlsx: string, csv: string, label: string = dashboardText.downloads) =>
  html`<p class="downloads"><strong>${label}:</strong> <a href="${xlsx}" download>${dashboardText.xlsx}</a><a href="${csv}" download>${dashboardText.csv}</a></p>`;

const chartsSection = (charts: Html[]) => (charts.length ? html`<h2>${dashboardText.charts}</h2>${charts.map((svg) => html`<figure class="chart">${svg}</figure>`)}` : null);

function ruleText(rule: CalendarRow['rule']): string {
  if (!rule) return 'Chưa đăng ký lịch họp định kỳ';
  return `Ngày ${rule.dayOfMonth} hằng tháng lúc ${rule.time}${rule.place ? `, ${rule.place}` : ''}`;
}

const upcomingText = (m: CalendarRow['upcoming'][number]) =>
  `Số ${m.seq} — ${capitalise(shortKind[m.kind])} — ${dateText(m.date)} lúc ${m.time}${m.place ? `, ${m.place}` : ''}`;

function calendarTable(rows: CalendarRow[]): Html {
  if (!rows.length) return html`<p>${dashboardText.none}</p>`;
  return table(
    ['Chi bộ', 'Lịch định kỳ đã đăng ký', 'Cuộc họp sắp tới'],
    rows.map((c) => html`<tr>${td(html`<a href="${paths.cell(c.cell.id)}">${c.cell.name}</a>`)}${td(ruleText(c.rule))}${td(
      c.upcoming.length ? html`<ul>${c.upcoming.map((m) => html`<li>${upcomingText(m)}</li>`)}</ul>` : html`<span class="muted">Chưa có cuộc họp nào được lên lịch</span>`,
    )}</tr>`),
  );
}

// ---- the overview ----

export interface OverviewPage {
  viewer: string;
  today: string;
  organisations: OrganisationRecord[];
  cells: { cell: CellRecord; committee: boolean }[];
}

export function overviewPage(v: OverviewPage): string {
  const orgs = v.organisations.length
    ? html`<h2>Đảng ủy — xem các chi bộ trực thuộc</h2><ul>${v.organisations.map((o) => html`<li><a href="${paths.organisation(o.id)}">${o.name}</a> <span class="muted">(${orgKind[o.kind]})</span></li>`)}</ul>`
    : null;
  const cells = html`<h2>Chi bộ</h2>${
    v.cells.length
      ? html`<ul>${v.cells.map(({ cell, committee }) => html`<li><a href="${paths.cell(cell.id)}">${cell.name}</a>${
          cell.organisationPath.length ? html` <span class="muted">— ${cell.organisationPath.join(' › ')}</span>` : null
        }${committee ? html` <span class="muted">(chi ủy)</span>` : null}</li>`)}</ul>`
      : html`<p>${dashboardText.none}</p>`
  }`;
  return page({ title: 'Tổng quan', viewer: v.viewer, today: v.today }, html`<h1>Tổng quan</h1><p class="muted">Chọn đảng bộ hoặc chi bộ để xem số liệu sinh hoạt.</p>${orgs}${cells}`);
}

// ---- the đảng ủy's page ----

export interface OrganisationPage {
  viewer: string;
  today: string;
  period: Period;
  view: OrganisationView;
  charts: Html[];
}

function byMonth(items: { cellName: string; month: string }[]): Html {
  if (!items.length) return html`<p>${dashboardText.none}</p>`;
  const months = [...new Set(items.map((i) => i.month))].sort();
  return html`<ul>${months.map((m) => html`<li><strong>${monthLong(m)}:</strong> ${items.filter((i) => i.month === m).map((i) => i.cellName).join(', ')}</li>`)}</ul>`;
}

function byQuarter(items: { cellName: string; quarter: string }[]): Html {
  if (!items.length) return html`<p>${dashboardText.none}</p>`;
  const quarters = [...new Set(items.map((i) => i.quarter))].sort();
  return html`<ul>${quarters.map((q) => html`<li><strong>${quarterLong(q)}:</strong> ${items.filter((i) => i.quarter === q).map((i) => i.cellName).join(', ')}</li>`)}</ul>`;
}

function totals(r: OrganisationReport | CellReport, cellCount: number | null): Html {
  return html`<div class="figures">${[
    cellCount === null ? null : figure('Số chi bộ', cellCount),
    figure('Cuộc họp đã tổ chức', r.held),
    figure('Tỷ lệ dự họp', rate(r.attendance.rate)),
    figure('Điểm bình quân', r.scores.averageTenths === null ? dashboardText.noData : `${tenthsText(r.scores.averageTenths)} (${r.scores.scored} cuộc được chấm)`),
    figure('Xếp loại các cuộc họp', bandCounts(r.scores.byBand)),
    figure('Công việc được giao', taskLine(r.tasks)),
  ]}</div>`;
}

export function organisationPage(v: OrganisationPage): string {
  const { view, period } = v;
  const r = view.report;
  const title = `${view.organisation.name} — ${capitalise(periodLabel(period))}`;
  const cellRows = r.cells.map((c) => html`<tr>${[
    td(html`<a href="${paths.cell(c.cell.id, period)}">${c.cell.name}</a>`),
    num(c.held),
    num(percentOnly(c.attendance.rate)),
    num(average(c.scores.averageTenths)),
    td(c.months.filter((m) => m.state === 'NOT_HELD').map((m) => monthShort(m.month)).join(', ') || '—'),
    td(c.quarters.filter((q) => q.lacking).map((q) => quarterLong(q.quarter)).join(', ') || '—'),
    num(c.tasks.overdue),
  ]}</tr>`);
  const body = html`
${view.path.length > 1 ? html`<p class="path">${view.path.slice(0, -1).join(' › ')}</p>` : null}
<h1>${title}</h1>
${periodNav(period, (p) => paths.organisation(view.organisation.id, p))}
<h2>Tổng hợp toàn đảng bộ</h2>
${totals(r, r.cells.length)}
${downloads(paths.organisationReport(view.organisation.id, period, 'xlsx'), paths.organisationReport(view.organisation.id, period, 'csv'))}
<h2>Các chi bộ</h2>
${r.cells.length ? table(['Chi bộ', 'Số cuộc họp', 'Tỷ lệ dự họp', 'Điểm bình quân', 'Tháng không họp thường kỳ', 'Quý thiếu chuyên đề', 'Việc quá hạn'], cellRows, [1, 2, 3, 6]) : html`<p>${dashboardText.none}</p>`}
<h2>Chi bộ không họp thường kỳ</h2>
${byMonth(r.notHeld)}
<h2>Chi bộ đã họp nhưng chưa có biên bản</h2>
${byMonth(r.notMinuted)}
<h2>Quý thiếu sinh hoạt chuyên đề</h2>
${byQuarter(r.quartersLacking)}
<h2>Lịch sinh hoạt đã đăng ký</h2>
${calendarTable(view.calendar)}
${chartsSection(v.charts)}`;
  return page({ title, viewer: v.viewer, today: v.today }, body);
}

// ---- a cell's page ----

export interface MeetingDetail {
  votes: VoteRecord[];
  outcomes: OutcomeRecord[];
  tasks: TaskRecord[];
}

export interface CellPage {
  viewer: string;
  today: string;
  period: Period;
  report: CellReport;
  /** By meeting id. */
  details: Map<number, MeetingDetail>;
  /** Each member's year: the cell's own chi ủy only; null hides the table. */
  members: MemberYear[] | null;
  charts: Html[];
}

function monthRow(m: MonthRow): Html {
  return html`<tr>${[
    td(monthLong(m.month)),
    html`<td class="state-${m.state}">${capitalise(monthStateLabel[m.state])}</td>`,
    td(m.meeting ? `Số ${m.meeting.seq}, ${dateText(m.meeting.date)}` : '—'),
    num(m.thematic),
    num(percentOnly(m.rate)),
    num(m.score ? `${m.score.total} (${bandLabel[m.score.band]})` : '—'),
  ]}</tr>`;
}

interface VoteSummary {
  passed?: unknown;
  yes?: unknown;
  base?: unknown;
  election?: { elected?: unknown };
}

function voteLine(vote: VoteRecord): Html {
  const result = (vote.result ?? {}) as VoteSummary;
  const open = vote.status !== 'CLOSED';
  const outcome = open ? 'đang biểu quyết' : result.passed === true ? 'thông qua' : result.passed === false ? 'không thông qua' : 'đã kết thúc';
  const counts = typeof result.yes === 'number' && typeof result.base === 'number' && vote.kind !== 'ELECTION' ? `, tán thành ${result.yes}/${result.base}` : '';
  const elected = Array.isArray(result.election?.elected) && result.election.elected.length ? `; trúng cử: ${result.election.elected.filter((x) => typeof x === 'string').join(', ')}` : '';
  const form = vote.form === 'SECRET' ? 'bỏ phiếu kín' : 'biểu quyết công khai';
  return html`<li>${vote.subject} <span class="muted">(${form})</span> — <strong class="${result.passed === true ? 'good' : result.passed === false ? 'bad' : ''}">${capitalise(outcome)}</strong>${counts}${elected}</li>`;
}

function taskRow(t: TaskRecord, today: string): Html {
  const review = reviewTask({ status: t.status, dueOn: t.dueOn, doneOn: t.doneAt ? vietnamDate(t.doneAt) : null }, today);
  return html`<tr>${[num(t.seq), td(t.what), td(t.ownerName ?? '—'), td(t.dueOn ? dateText(t.dueOn) : '—'), html`<td class="${review === 'OVERDUE' ? 'bad' : review === 'DONE_LATE' ? 'warn' : ''}">${taskReviewLabel[review]}</td>`]}</tr>`;
}

function meetingSection(m: CellReport['meetings'][number], detail: MeetingDetail | undefined, today: string): Html {
  const conclusions = detail?.outcomes.filter((o) => o.kind === 'CONCLUSION') ?? [];
  const resolutions = detail?.outcomes.filter((o) => o.kind === 'RESOLUTION') ?? [];
  const list = (title: string, items: HtmlValue[]) => (items.length ? html`<h4>${title}</h4><ul>${items}</ul>` : null);
  return html`<section class="meeting">
<h3>Cuộc họp số ${m.seq} — ${kindLabel[m.kind]} — ${dateText(m.date)} lúc ${m.time}</h3>
<p>${[
    m.rate ? `Có mặt: ${rate(m.rate)}` : 'Không tính tỷ lệ dự họp cho loại cuộc họp này',
    m.minutes === null ? null : `; thời lượng ${m.minutes} phút${m.minimumMinutes !== null && m.minutes < m.minimumMinutes ? ` (dưới mức tối thiểu ${m.minimumMinutes} phút)` : ''}`,
    `; biên bản: ${yesNo(m.minuted)}`,
    m.score ? `; điểm ${m.score.total} — ${bandLabel[m.score.band]}` : null,
    '.',
  ]}</p>
${list('Biểu quyết', (detail?.votes ?? []).map(voteLine))}
${list('Kết luận', conclusions.map((o) => html`<li>${o.text}</li>`))}
${list('Nghị quyết', resolutions.map((o) => html`<li>${o.text}</li>`))}
${detail?.tasks.length ? html`<h4>Công việc được giao</h4>${table(['Số', 'Nội dung', 'Người thực hiện', 'Hạn', 'Tình trạng'], detail.tasks.map((t) => taskRow(t, today)), [0])}` : null}
</section>`;
}

function memberTable(cellId: number, year: number, rows: MemberYear[]): Html {
  const flagged = (m: MemberYear) => m.unexcusedMonths.length >= UNEXCUSED_MONTHS_ALERT || m.longestExcusedRun > MAX_CONSECUTIVE_EXCUSED;
  return html`<section class="private">
<h2>Đảng viên năm ${year}</h2>
<p class="muted">Chỉ chi ủy chi bộ xem được bảng này (căn cứ kiểm điểm, xếp loại cuối năm); đảng ủy chỉ xem số liệu tổng hợp.</p>
${rows.length ? table(
    ['STT', 'Họ và tên', 'Loại', 'Phải dự', 'Có mặt', 'Vắng có lý do', 'Vắng không lý do', 'Tháng vắng không lý do', 'Vắng có lý do liên tiếp', 'Biểu quyết', 'Việc được giao', 'Đúng hạn', 'Trễ hạn', 'Quá hạn'],
    rows.map((m, i) => html`<tr>${[
      num(i + 1),
      html`<td${flagged(m) ? html` class="bad"` : null}>${m.member.fullName}</td>`,
      td(`${labels.membership[m.member.membership]}${m.member.status === 'ACTIVE' ? '' : `, ${labels.status[m.member.status]}`}`),
      num(m.obliged), num(m.present), num(m.excused), num(m.unexcused),
      td(m.unexcusedMonths.map(monthShort).join(', ') || '—'),
      num(m.longestExcusedRun), num(m.votes), num(m.tasks.assigned), num(m.tasks.doneOnTime), num(m.tasks.doneLate), num(m.tasks.overdue),
    ]}</tr>`),
    [0, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13],
    true,
  ) : html`<p>${dashboardText.none}</p>`}
${downloads(paths.members(cellId, year, 'xlsx'), paths.members(cellId, year, 'csv'), 'Tải bảng đảng viên')}
</section>`;
}

export function cellPage(v: CellPage): string {
  const r = v.report;
  const id = r.cell.id;
  const title = `${r.cell.name} — ${capitalise(periodLabel(v.period))}`;
  const kinds = (Object.keys(shortKind) as (keyof typeof shortKind)[]).filter((k) => r.meetingsByKind[k]).map((k) => `${shortKind[k]} ${r.meetingsByKind[k]}`);
  const body = html`
${r.cell.organisationPath.length ? html`<p class="path">${r.cell.organisationPath.join(' › ')}</p>` : null}
<h1>${title}</h1>
${periodNav(v.period, (p) => paths.cell(id, p))}
<h2>Tổng hợp</h2>
${totals(r, null)}
<p>${[
    kinds.length ? `Các cuộc họp: ${kinds.join(', ')}. ` : null,
    `Vắng có lý do ${r.attendance.excused} lượt, vắng không lý do ${r.attendance.unexcused} lượt. `,
    r.duration.averageMinutes === null ? null : `Thời lượng bình quân ${r.duration.averageMinutes} phút; ${r.duration.belowMinimum} cuộc dưới mức tối thiểu. `,
    `Biểu quyết đã kết thúc ${r.decisions.closed}, thông qua ${r.decisions.passed}; nghị quyết đã duyệt ${r.decisions.resolutions}.`,
  ]}</p>
${downloads(paths.cellReport(id, v.period, 'xlsx'), paths.cellReport(id, v.period, 'csv'))}
<h2>Sinh hoạt theo tháng</h2>
${table(['Tháng', 'Tình trạng', 'Cuộc họp thường kỳ', 'Chuyên đề', 'Tỷ lệ dự họp', 'Điểm'], r.months.map(monthRow), [3, 4, 5])}
<h2>Sinh hoạt chuyên đề theo quý</h2>
${table(['Quý', 'Số cuộc chuyên đề', 'Đánh giá'], r.quarters.map((q) => html`<tr>${[
    td(quarterLong(q.quarter)),
    num(q.thematic),
    html`<td class="${q.lacking ? 'bad' : q.ended ? 'good' : ''}">${q.lacking ? 'Thiếu sinh hoạt chuyên đề' : q.ended ? 'Đạt' : 'Quý chưa hết'}</td>`,
  ]}</tr>`), [1])}
<h2>Các cuộc họp đã tổ chức</h2>
${r.meetings.length ? r.meetings.map((m) => meetingSection(m, v.details.get(m.id), v.today)) : html`<p>Chưa có cuộc họp nào kết thúc trong kỳ này.</p>`}
${chartsSection(v.charts)}
${v.members ? memberTable(id, v.period.year, v.members) : null}`;
  return page({ title, viewer: v.viewer, today: v.today }, body);
}

