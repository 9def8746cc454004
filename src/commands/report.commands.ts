// Reports and scores in the chat: /baocao (figures and charts), /xuatbaocao (Excel and CSV files),
// /chamdiem (the meeting's score sheet) and /dangnhap (a one-time link to the read-only dashboard).
import type { Channel, ChatRef, OutboundFile } from '../channels/channel.ts';
import type { AccountRef } from '../app/ports.ts';
import { LINK_TTL_MS } from '../app/reports.ts';
import { DomainError } from '../domain/errors.ts';
import { periodKey, type Period } from '../domain/reports.ts';
import { vietnamDate } from '../domain/time.ts';
import { renderChartPng } from '../reports/charts.ts';
import { toCsvAll, toXlsx, type ReportTable } from '../reports/exports.ts';
import { cellCharts, organisationCharts } from '../reports/report-charts.ts';
import { cellReportTables, memberYearTable, organisationTables } from '../text/report-tables.ts';
import { reportText as t } from '../text/reports.ts';
import type { CommandContext } from './context.ts';
import { readMeetingNumber } from './meeting-input.ts';
import { readReportArgs } from './report-input.ts';
import { requireAccess, type CommandSpec, type Feature } from './registry.ts';

const accountOf = (ctx: CommandContext): AccountRef => ({ channel: ctx.channel.name, externalId: ctx.from.userId, displayName: ctx.from.displayName });

/** The requester's private chat on this channel: where anything for the committee or the đảng ủy goes. */
async function privateChat(ctx: CommandContext): Promise<{ channel: Channel; chat: ChatRef }> {
  if (ctx.chat.kind === 'private') return { channel: ctx.channel, chat: ctx.chat };
  const chat = await ctx.channel.privateChat(ctx.from).catch(() => null);
  if (!chat) throw new DomainError('minutes.privateUnreachable', {});
  return { channel: ctx.channel, chat };
}

/** Sends text and files to a chat; a channel that cannot send files gets the text alone. */
async function sendAll(target: { channel: Channel; chat: ChatRef }, text: string, files: () => Promise<{ file: OutboundFile; caption?: string }[]>) {
  await target.channel.send(target.chat, { text });
  if (!target.channel.capabilities.files) return;
  for (const { file, caption } of await files()) await target.channel.sendFile(target.chat, file, caption);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Spreadsheets are the point of /xuatbaocao: a channel that cannot send files points to the dashboard instead. */
function assertFiles(target: { channel: Channel }) {
  if (!target.channel.capabilities.files) throw new DomainError('report.noFiles');
}

async function tableFiles(base: string, tables: ReportTable[]): Promise<OutboundFile[]> {
  return [
    { name: `${base}.xlsx`, mimeType: XLSX, bytes: await toXlsx(tables) },
    { name: `${base}.csv`, mimeType: 'text/csv', bytes: toCsvAll(tables) },
  ];
}

/** The organisations the account views that are not under another it views: one report each. */
async function viewedRoots(ctx: CommandContext) {
  const { organisations } = await ctx.services.reports.scopes(accountOf(ctx));
  const ids = new Set(organisations.map((o) => o.id));
  const roots = organisations.filter((o) => o.parentId === null || !ids.has(o.parentId));
  if (!roots.length) throw new DomainError('report.notViewer', { account: `${ctx.channel.name}:${ctx.from.userId}` });
  return roots;
}

async function organisationReports(ctx: CommandContext, period: Period, withFiles: 'charts' | 'tables') {
  const target = await privateChat(ctx);
  const { reports } = ctx.services;
  for (const org of await viewedRoots(ctx)) {
    const view = await reports.organisationView(org.id, period);
    const name = view.path.join(' / ');
    if (withFiles === 'tables') {
      assertFiles(target);
      const files = await tableFiles(`bao-cao-dang-bo-${org.id}-${periodKey(period)}`, organisationTables(view));
      await sendAll(target, t.filesCaption(name, period), async () => files.map((file) => ({ file })));
      continue;
    }
    await sendAll(target, t.organisation(name, view.report, vietnamDate(ctx.now)), async () =>
      Promise.all(organisationCharts(org.name, period, view.report.cells, reports.sheet).map(async (spec, i) => ({
        file: { name: `bieu-do-${i === 0 ? 'du-hop' : 'diem'}-dang-bo-${org.id}-${periodKey(period)}.png`, mimeType: 'image/png', bytes: await renderChartPng(spec) },
        caption: t.chartCaption(org.name, i === 0 ? 'attendance' : 'scores', period),
      }))));
  }
  if (target.chat.chatId !== ctx.chat.chatId) await ctx.reply(t.filesSentPrivately(ctx.from.displayName));
}

const commands: CommandSpec[] = [
  {
    name: 'baocao',
    scope: 'any',
    access: 'anyone',
    async run(ctx) {
      const { scope, period } = readReportArgs(ctx.args, vietnamDate(ctx.now));
      const { reports } = ctx.services;
      if (scope === 'organisation') return organisationReports(ctx, period, 'charts');
      if (scope === 'members') {
        const { cell, member } = requireAccess('secretariat', ctx, 'baocao');
        const rows = await reports.memberYears(cell, period.year);
        const target = await privateChat(ctx);
        await target.channel.send(target.chat, { text: t.members(cell.name, period.year, rows) });
        if (target.chat.chatId !== ctx.chat.chatId) await ctx.reply(t.membersSentPrivately(member.fullName));
        return;
      }
      // Open to anyone for the đảng ủy's report above; the cell's own figures are for its members.
      const { cell } = requireAccess('member', ctx, 'baocao');
      const report = await reports.cellReport(cell, period);
      await sendAll({ channel: ctx.channel, chat: ctx.chat }, t.cell(report, vietnamDate(ctx.now)), async () =>
        Promise.all(cellCharts(report, reports.sheet).map(async (spec, i) => ({
          file: { name: `bieu-do-${i === 0 ? 'du-hop' : 'diem'}-chi-bo-${report.cell.id}-${periodKey(period)}.png`, mimeType: 'image/png', bytes: await renderChartPng(spec) },
          caption: t.chartCaption(report.cell.name, i === 0 ? 'attendance' : 'scores', period),
        }))));
    },
  },
  {
    name: 'xuatbaocao',
    scope: 'any',
    access: 'anyone',
    committeeCommand: true,
    async run(ctx) {
      const { scope, period } = readReportArgs(ctx.args, vietnamDate(ctx.now));
      if (scope === 'organisation') return organisationReports(ctx, period, 'tables');
      const { cell, member } = requireAccess('secretariat', ctx, 'xuatbaocao');
      const { reports } = ctx.services;
      const report = await reports.cellReport(cell, period);
      const members = await reports.memberYears(cell, period.year);
      const tables = [...cellReportTables(report), memberYearTable(members, period.year, cell.name)];
      const target = await privateChat(ctx);
      assertFiles(target);
      const files = await tableFiles(`bao-cao-chi-bo-${cell.id}-${periodKey(period)}`, tables);
      await sendAll(target, t.filesCaption(cell.name, period), async () => files.map((file) => ({ file })));
      if (target.chat.chatId !== ctx.chat.chatId) await ctx.reply(t.filesSentPrivately(member.fullName));
    },
  },
  {
    name: 'chamdiem',
    scope: 'any',
    access: 'secretariat',
    async run(ctx) {
      const { seq, rest } = readMeetingNumber(ctx.args);
      const meeting = seq !== null ? await ctx.services.meetings.find(ctx.cell!.id, seq, []) : await lastClosed(ctx);
      const given = new Map<number, number>();
      for (const part of rest.split(/[\s,;]+/).filter(Boolean)) {
        const m = /^(\d{1,2})\s*[=:]\s*(\d{1,3})$/.exec(part);
        if (!m) throw new DomainError('command.syntax');
        given.set(Number(m[1]), Number(m[2]));
      }
      const { reports } = ctx.services;
      const view = given.size ? await reports.score(meeting, ctx.member!, given) : await reports.scoring(meeting);
      await ctx.reply(t.scoring({ seq: meeting.seq, ...view }));
    },
  },
  {
    name: 'dangnhap',
    scope: 'private',
    access: 'anyone',
    async run(ctx) {
      if (!ctx.services.dashboardUrl) throw new DomainError('dashboard.off');
      const secret = await ctx.services.reports.issueLink(accountOf(ctx));
      await ctx.reply(t.loginLink(`${ctx.services.dashboardUrl.replace(/\/+$/, '')}/login/${secret}`, LINK_TTL_MS / 60_000));
    },
  },
];

/** Without a number: the cell's latest closed meeting. */
async function lastClosed(ctx: CommandContext) {
  const closed = await ctx.services.store.meetings.list(ctx.cell!.id, ['CLOSED']);
  const meeting = closed.at(-1);
  if (!meeting) throw new DomainError('meeting.notInProgress');
  return meeting;
}

export const reportFeature: Feature = { commands };
