// Reports, meeting scores and dashboard links, as the chat shows them.
import { MAX_CONSECUTIVE_EXCUSED, UNEXCUSED_MONTHS_ALERT, type Ratio } from '../domain/attendance.ts';
import { formatDayMonthYear } from '../domain/dates.ts';
import type { MeetingKind } from '../domain/meeting.ts';
import type { CellReport, MemberYear, MonthState, OrganisationReport, Period, TaskCounts } from '../domain/reports.ts';
import type { Band, ScoreFacts, ScoreResult, ScoreSheet } from '../domain/scoring.ts';
import { formatPercent } from './meetings.ts';
import { labels } from './vi.ts';

export const bandLabel: Record<Band, string> = { TOT: 'Tốt', KHA: 'Khá', TRUNG_BINH: 'Trung bình', KEM: 'Kém' };

export const shortKind: Record<MeetingKind, string> = {
  THUONG_KY: 'thường kỳ', CHUYEN_DE: 'chuyên đề', KET_HOP: 'kết hợp', BAT_THUONG: 'bất thường', DAI_HOI: 'đại hội',
};

export const monthStateLabel: Record<MonthState, string> = {
  HELD_MINUTED: 'đã họp, có biên bản',
  HELD_NOT_MINUTED: 'đã họp, chưa có biên bản',
  NOT_HELD: 'không họp',
  UPCOMING: 'chưa đến kỳ',
  BEFORE: 'chưa dùng bot',
};

const monthName = (month: string) => `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
/** "T3/2026": short, for chart axes. */
export const monthShort = (month: string) => `T${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
const quarterName = (quarter: string) => `quý ${quarter.slice(6)}/${quarter.slice(0, 4)}`;

export function periodLabel(p: Period): string {
  return p.kind === 'month' ? `tháng ${p.month}/${p.year}` : p.kind === 'quarter' ? `quý ${p.quarter}/${p.year}` : `năm ${p.year}`;
}

export const rateText = (r: Ratio) => (r.den ? `${r.num}/${r.den} = ${formatPercent(r.num, r.den)}` : 'chưa có số liệu');
export const tenthsText = (tenths: number) => `${Math.floor(tenths / 10)}${tenths % 10 ? `,${tenths % 10}` : ''}`;
const list = (items: string[]) => items.join(', ');

export const taskLine = (t: TaskCounts) =>
  `${t.assigned} — đúng hạn ${t.doneOnTime}, trễ hạn ${t.doneLate}, đang làm ${t.open}${t.overdue ? ` (quá hạn ${t.overdue})` : ''}`;

const bandCounts = (byBand: Record<Band, number>) => (Object.keys(bandLabel) as Band[]).map((b) => `${bandLabel[b]} ${byBand[b]}`).join(', ');

function cellLines(r: CellReport, today: string): string[] {
  const kinds = (Object.keys(shortKind) as MeetingKind[]).filter((k) => r.meetingsByKind[k]).map((k) => `${shortKind[k]} ${r.meetingsByKind[k]}`);
  const past = r.months.filter((m) => m.state !== 'UPCOMING' && m.state !== 'BEFORE');
  const notHeld = r.months.filter((m) => m.state === 'NOT_HELD').map((m) => monthName(m.month));
  const notMinuted = r.months.filter((m) => m.state === 'HELD_NOT_MINUTED').map((m) => monthName(m.month));
  const held = r.months.filter((m) => m.state === 'HELD_MINUTED' || m.state === 'HELD_NOT_MINUTED').length;
  const quarters = r.quarters.map((q) => `${quarterName(q.quarter)}: ${q.thematic}${q.lacking ? ' — THIẾU chuyên đề' : q.ended ? '' : ' (quý chưa hết)'}`);
  return [
    `Cuộc họp đã tổ chức: ${r.held}${kinds.length ? ` — ${list(kinds)}` : ''}.`,
    `Sinh hoạt thường kỳ: ${held}/${past.length} tháng đã qua${notHeld.length ? `; không họp: ${list(notHeld)}` : ''}${notMinuted.length ? `; chưa có biên bản: ${list(notMinuted)}` : ''}.`,
    `Sinh hoạt chuyên đề theo quý (ít nhất 1 lần mỗi quý): ${list(quarters)}.`,
    `Tỷ lệ dự họp: ${rateText(r.attendance.rate)} (vắng có lý do ${r.attendance.excused}, vắng không lý do ${r.attendance.unexcused}).`,
    r.duration.averageMinutes === null ? 'Thời lượng: chưa có cuộc họp nào ghi giờ mở và kết thúc.' : `Thời lượng bình quân: ${r.duration.averageMinutes} phút; ${r.duration.belowMinimum} cuộc dưới mức tối thiểu.`,
    r.scores.averageTenths === null ? 'Chấm điểm: chưa có cuộc họp nào được chấm (/chamdiem).' : `Chấm điểm: ${r.scores.scored} cuộc, bình quân ${tenthsText(r.scores.averageTenths)} điểm — ${bandCounts(r.scores.byBand)}.`,
    `Biểu quyết đã kết thúc: ${r.decisions.closed}, thông qua ${r.decisions.passed}; nghị quyết đã duyệt: ${r.decisions.resolutions}.`,
    `Công việc được giao: ${taskLine(r.tasks)}.`,
    `(Số liệu đến ngày ${formatDayMonthYear(today)}.)`,
  ];
}

function memberLines(m: MemberYear): string[] {
  const lines = [
    `${m.member.fullName}${m.member.status === 'ACTIVE' ? '' : ` (${labels.status[m.member.status]})`}${m.member.membership === 'DU_BI' ? ' (dự bị)' : ''}: phải dự ${m.obliged}, có mặt ${m.present}, vắng có lý do ${m.excused}, vắng không lý do ${m.unexcused}; biểu quyết ${m.votes}; việc được giao ${taskLine(m.tasks)}.`,
  ];
  if (m.unexcusedMonths.length >= UNEXCUSED_MONTHS_ALERT) {
    lines.push(`   ⚠ Vắng không lý do ${m.unexcusedMonths.length} tháng trong năm (${list(m.unexcusedMonths.map(monthName))}): chi bộ xem xét, đề nghị cấp có thẩm quyền theo quy định (bot không tự xoá tên ai).`);
  } else if (m.unexcusedMonths.length) {
    lines.push(`   Vắng không lý do: ${list(m.unexcusedMonths.map(monthName))}.`);
  }
  if (m.longestExcusedRun > MAX_CONSECUTIVE_EXCUSED) lines.push(`   ⚠ Vắng có lý do ${m.longestExcusedRun} lần liên tiếp (quá ${MAX_CONSECUTIVE_EXCUSED} lần).`);
  return lines;
}

export interface ScoringTextInput {
  seq: number;
  sheet: ScoreSheet;
  facts: ScoreFacts;
  points: Record<string, number>;
  judged: string[];
  result: ScoreResult;
}

const factNote = (fact: string, f: ScoreFacts): string => {
  switch (fact) {
    case 'duration':
      return f.durationMet === null ? 'không có giờ mở, kết thúc' : f.durationMet ? 'đủ thời lượng' : 'chưa đủ thời lượng';
    case 'attendance':
      return f.attendanceMisses.length ? `chưa đạt: ${f.attendanceMisses.map((m) => ({ rate: 'tỷ lệ chưa trên 85%', unexcused: 'có vắng không lý do', consecutiveExcused: 'có người vắng có lý do quá 3 lần liên tiếp' })[m]).join('; ')}` : 'đạt tiêu chí dự họp';
    case 'priorTasks':
      return f.priorTasks.due ? `${f.priorTasks.doneOnTime}/${f.priorTasks.due} việc đến hạn hoàn thành đúng hạn` : 'không có việc đến hạn';
    default:
      return f.minutesDone ? 'đã có biên bản, kết luận' : 'chưa có biên bản, kết luận';
  }
};

export const reportText = {
  cell: (r: CellReport, today: string) =>
    [`BÁO CÁO SINH HOẠT CHI BỘ — ${r.cell.name}, ${periodLabel(r.period)}`, ...cellLines(r, today), 'Tệp Excel và CSV: chi ủy dùng /xuatbaocao; trang theo dõi: /dangnhap.'].join('\n'),

  members: (cellName: string, year: number, rows: MemberYear[]) =>
    [
      `ĐẢNG VIÊN NĂM ${year} — ${cellName} (chỉ gửi chi ủy; căn cứ để kiểm điểm, xếp loại cuối năm)`,
      ...rows.flatMap((m, i) => memberLines(m).map((line, j) => (j === 0 ? `${i + 1}. ${line}` : line))),
    ].join('\n'),

  organisation: (name: string, r: OrganisationReport, today: string) =>
    [
      `BÁO CÁO TOÀN ĐẢNG BỘ — ${name}, ${periodLabel(r.period)}: ${r.cells.length} chi bộ`,
      `Cuộc họp đã tổ chức: ${r.held}. Tỷ lệ dự họp: ${rateText(r.attendance.rate)}.`,
      r.scores.averageTenths === null ? 'Chấm điểm: chưa có.' : `Chấm điểm: ${r.scores.scored} cuộc, bình quân ${tenthsText(r.scores.averageTenths)} điểm — ${bandCounts(r.scores.byBand)}.`,
      `Công việc được giao: ${taskLine(r.tasks)}.`,
      r.notHeld.length ? `Không họp thường kỳ: ${list(r.notHeld.map((x) => `${x.cellName} (${monthName(x.month)})`))}.` : 'Không có chi bộ nào bỏ họp thường kỳ.',
      r.notMinuted.length ? `Đã họp nhưng chưa có biên bản: ${list(r.notMinuted.map((x) => `${x.cellName} (${monthName(x.month)})`))}.` : 'Các cuộc họp thường kỳ đều đã có biên bản.',
      r.quartersLacking.length ? `Quý thiếu sinh hoạt chuyên đề: ${list(r.quartersLacking.map((x) => `${x.cellName} (${quarterName(x.quarter)})`))}.` : 'Không có quý nào thiếu sinh hoạt chuyên đề.',
      ...r.cells.map((c) => `• ${c.cell.name}: ${c.held} cuộc họp; dự họp ${rateText(c.attendance.rate)}${c.scores.averageTenths === null ? '' : `; điểm bình quân ${tenthsText(c.scores.averageTenths)}`}.`),
      `(Số liệu đến ngày ${formatDayMonthYear(today)}.)`,
    ].join('\n'),

  chartCaption: (cellName: string, what: 'attendance' | 'scores', p: Period) =>
    `${what === 'attendance' ? 'Tỷ lệ dự họp' : 'Điểm chấm sinh hoạt'} — ${cellName}, ${periodLabel(p)}`,
  chart: {
    attendanceTitle: (name: string, p: Period) => `Tỷ lệ dự họp — ${name}, ${periodLabel(p)}`,
    scoreTitle: (name: string, p: Period) => `Điểm chấm sinh hoạt thường kỳ — ${name}, ${periodLabel(p)}`,
    attendanceSeries: 'Tỷ lệ dự họp (%)',
    scoreSeries: 'Điểm',
    threshold: 'Trên 85%',
    bandLine: (band: Band, min: number) => `${bandLabel[band]} ≥ ${min}`,
  },
  filesCaption: (name: string, p: Period) => `Báo cáo ${name}, ${periodLabel(p)}: bảng tính Excel và CSV (mở bằng Excel, Google Sheets) để chép vào Sổ tay đảng viên điện tử hoặc báo cáo cấp trên.`,
  filesSentPrivately: (name: string) => `Đã gửi tệp báo cáo vào tin nhắn riêng cho đồng chí ${name}.`,
  membersSentPrivately: (name: string) => `Báo cáo từng đảng viên chỉ dành cho chi ủy: đã gửi vào tin nhắn riêng cho đồng chí ${name}.`,

  scoring: (v: ScoringTextInput) => {
    const lines = [`CHẤM ĐIỂM SINH HOẠT — cuộc họp số ${v.seq} (${v.sheet.name})`];
    v.sheet.criteria.forEach((c, i) => {
      const p = v.points[c.id];
      const how = c.fact ? (v.judged.includes(c.id) ? 'chi ủy sửa' : `bot chấm: ${factNote(c.fact, v.facts)}`) : v.judged.includes(c.id) ? 'chi ủy chấm' : 'chi ủy chấm';
      lines.push(`${i + 1}. ${c.label} — tối đa ${c.max}: ${p === undefined ? '…' : p} (${how})`);
    });
    if (v.result.band) {
      lines.push(`TỔNG: ${v.result.total}/100 điểm — xếp loại ${bandLabel[v.result.band].toUpperCase()}.`);
      if (v.result.heldBackBy.length) {
        const names = v.result.heldBackBy.map((id) => String(v.sheet.criteria.findIndex((c) => c.id === id) + 1));
        lines.push(`Đủ điểm Tốt nhưng tiêu chí ${list(names)} chưa đạt điểm tối đa nên xếp loại Khá.`);
      }
      lines.push('Điểm này được ghi vào biên bản (/xuatbienban).');
    } else {
      const missing = v.result.missing.map((id) => String(v.sheet.criteria.findIndex((c) => c.id === id) + 1));
      lines.push(`Còn thiếu điểm tiêu chí ${list(missing)}. Chi ủy chấm: /chamdiem số ${v.seq} ${missing.map((n) => `${n}=<điểm>`).join(' ')}`);
    }
    lines.push(`Căn cứ: ${v.sheet.source}`);
    return lines.join('\n');
  },

  loginLink: (url: string, minutes: number) =>
    `Liên kết đăng nhập trang theo dõi (chỉ xem, dùng được 1 lần trong ${minutes} phút, không chuyển cho người khác):\n${url}`,
  loginSentPrivately: (name: string) => `Đã gửi liên kết đăng nhập vào tin nhắn riêng cho đồng chí ${name}.`,
};

/** Words of /baocao and /xuatbaocao, compared after nameKey(). */
export const reportWords = {
  members: ['dang vien', 'dangvien', 'thanh vien'],
  organisation: ['dang uy', 'danguy', 'dang bo', 'dangbo'],
  month: ['thang'],
  quarter: ['quy'],
  year: ['nam'],
  /** Roman quarters people write: "quý IV". */
  roman: { i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>,
};

/** What a seeded history (npm start -- --seed FILE) writes for what the file leaves out. */
export const historyText = {
  conclusion: (month: string) => `Chi bộ thống nhất đánh giá kết quả ${monthName(month)} và nhiệm vụ tháng tới.`,
  resolution: (month: string) => `Nghị quyết sinh hoạt chi bộ ${monthName(month)}.`,
  voteSubject: (month: string) => `Thông qua nghị quyết ${monthName(month)}`,
  task: (month: string) => `Thực hiện nhiệm vụ được giao ${monthName(month)}`,
  alreadySeeded: (group: string) => `Nhóm ${group} đã có chi bộ: bỏ qua (chỉ nạp dữ liệu mẫu vào cơ sở dữ liệu mới).`,
  seeded: (cells: number, meetings: number) => `Đã nạp lịch sử mẫu: ${cells} chi bộ, ${meetings} cuộc họp.`,
};

/** `npm run danguy`: the operator gives or takes the đảng ủy's view of an organisation. */
export const viewersCli = {
  usage: [
    'Cấp quyền xem báo cáo toàn đảng bộ (vai trò đảng ủy) cho một tài khoản chat:',
    '  npm run danguy                                   — danh sách đảng bộ và người được xem',
    '  npm run danguy -- cap <mã đảng bộ> <kênh>:<mã tài khoản> <họ tên>',
    '  npm run danguy -- thu <mã đảng bộ> <kênh>:<mã tài khoản>',
    'Mã tài khoản: bot cho biết khi đồng chí đó gõ /dangnhap hoặc /baocao đảng ủy trong tin nhắn riêng.',
  ].join('\n'),
  organisation: (id: number, indent: number, name: string, kind: 'DANG_BO' | 'DANG_BO_BO_PHAN') =>
    `${'  '.repeat(indent)}[${id}] ${name}${kind === 'DANG_BO_BO_PHAN' ? ' (đảng bộ bộ phận)' : ''}`,
  viewer: (indent: number, account: string, name: string) => `${'  '.repeat(indent)}    xem: ${name} (${account})`,
  none: 'Chưa có đảng bộ nào: đảng bộ được tạo khi chi bộ đầu tiên của nó dùng /taochibo.',
  granted: (name: string, org: string) => `Đã cấp cho đồng chí ${name} quyền xem toàn ${org} (và các đảng bộ bộ phận, chi bộ trực thuộc).`,
  revoked: (org: string) => `Đã thu hồi quyền xem ${org}.`,
  notGranted: 'Tài khoản này chưa được cấp quyền với đảng bộ đó.',
  noOrganisation: (id: string) => `Không có đảng bộ mã ${id}. Chạy npm run danguy để xem danh sách.`,
  badAccount: (value: string) => `Mã tài khoản "${value}" chưa đúng; viết <kênh>:<mã>, ví dụ telegram:123456789 hoặc zalo:8123456789012345678.`,
};
