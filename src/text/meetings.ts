// What the bot says and understands about meetings, reminders and attendance.
import type { Attendance, AttendanceFacts, CriterionMiss } from '../domain/attendance.ts';
import type { AttendanceRecord, Rsvp } from '../app/ports.ts';
import type { Holiday, HolidayCode } from '../domain/calendar.ts';
import type { DurationCheck, MeetingKind } from '../domain/meeting.ts';
import type { RosterMember } from '../domain/roster.ts';
import { percentHundredths } from '../domain/attendance.ts';
import { vietnamClock } from '../domain/time.ts';
import { formatDayMonthYear } from '../domain/dates.ts';



/** A meeting as the texts need it (MeetingRecord plus the names of chair and minute-taker). */
export interface MeetingView {
  seq: number;
  kind: MeetingKind;
  topic: string | null;
  status: string;
  startsAt: Date;
  place: string | null;
  agenda: string[];
  chair: string | null;
  minuteTaker: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export const kindLabel: Record<MeetingKind, string> = {
  THUONG_KY: 'Sinh hoạt chi bộ thường kỳ',
  CHUYEN_DE: 'Sinh hoạt chuyên đề',
  KET_HOP: 'Sinh hoạt thường kỳ kết hợp chuyên đề',
  BAT_THUONG: 'Sinh hoạt chi bộ bất thường',
  DAI_HOI: 'Đại hội chi bộ',
};

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

const holidayLabel: Record<HolidayCode, string> = {
  NEW_YEAR: 'Tết Dương lịch',
  TET: 'Tết Nguyên đán',
  HUNG_KINGS: 'Giỗ Tổ Hùng Vương',
  REUNIFICATION: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
  LABOUR_DAY: 'Ngày Quốc tế Lao động',
  NATIONAL_DAY: 'Quốc khánh',
  COMPENSATORY: 'Nghỉ bù',
  CELL: 'Ngày nghỉ của chi bộ',
};

/** "Thứ Ba, 01/12/2026" */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}, ${formatDayMonthYear(date)}`;
}

/** "Thứ Ba, 01/12/2026, lúc 07:30" (Vietnam time) */
export function formatWhen(at: Date): string {
  const c = vietnamClock(at);
  return `${WEEKDAYS[c.weekday]}, ${formatDayMonthYear(c.date)}, lúc ${c.time}`;
}

const clockTime = (at: Date) => vietnamClock(at).time;

/** 51,35% — two decimals and a decimal comma (domain-rules §2.6). */
export function formatPercent(num: number, den: number): string {
  const h = percentHundredths(num, den);
  return `${Math.floor(h / 100)},${String(h % 100).padStart(2, '0')}%`;
}

/** "3 ngày", "1 giờ 30 phút", "45 phút" */
export function formatDuration(minutes: number): string {
  if (minutes >= 24 * 60) {
    const days = Math.round(minutes / (24 * 60));
    return `${days} ngày`;
  }
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} giờ` : '', m || !h ? `${m} phút` : ''].filter(Boolean).join(' ');
}

const title = (v: Pick<MeetingView, 'kind' | 'startsAt'>) => {
  const c = vietnamClock(v.startsAt);
  const month = v.kind === 'THUONG_KY' || v.kind === 'KET_HOP' ? ` tháng ${Number(c.date.slice(5, 7))}/${c.date.slice(0, 4)}` : '';
  return `${kindLabel[v.kind]}${month}`;
};

const names = (list: readonly string[]) => (list.length ? list.join(', ') : '');
const counted = (label: string, list: readonly string[]) => `${label}: ${list.length}${list.length ? ` — ${names(list)}` : ''}`;

function meetingBlock(v: MeetingView): string[] {
  return [
    `Cuộc họp số ${v.seq}: ${title(v)}`,
    ...(v.topic ? [`Chuyên đề: ${v.topic}`] : []),
    `Thời gian: ${formatWhen(v.startsAt)}`,
    `Địa điểm: ${v.place ?? '(chưa có)'}`,
    ...(v.chair ? [`Chủ trì: đồng chí ${v.chair}`] : []),
    ...(v.agenda.length ? ['Nội dung:', ...v.agenda.map((a, i) => `${i + 1}. ${a}`)] : []),
  ];
}

/** Accepting a native appointment means attending; declining it, an absence whose reason the bot then asks. */
export const RSVP_ACCEPT = 'yes';
export const RSVP_DECLINE = 'excused';
export const rsvpOptions = [
  { id: 'yes', label: 'Tham dự' },
  { id: 'excused', label: 'Vắng có lý do' },
  { id: 'maybe', label: 'Chưa chắc' },
];
export const checkInOptions = [{ id: 'present', label: 'Có mặt' }];
export const draftOptions = [
  { id: 'confirm', label: 'Xác nhận, gửi thông báo' },
  { id: 'skip', label: 'Bỏ dự kiến này' },
];

const rsvpLabel: Record<Rsvp, string> = { YES: 'tham dự', EXCUSED: 'vắng có lý do', MAYBE: 'chưa chắc' };
const attendanceLabel: Record<Attendance, string> = { PRESENT: 'có mặt', ABSENT_EXCUSED: 'vắng có lý do', ABSENT_UNEXCUSED: 'vắng không lý do' };

const criterionText: Record<CriterionMiss, string> = {
  rate: 'tỷ lệ dự họp chưa trên 85%',
  unexcused: 'có đồng chí vắng không lý do',
  consecutiveExcused: 'có đồng chí vắng có lý do quá 3 lần liên tiếp trong năm',
};

interface FactsInput extends MeetingView {
  members: RosterMember[];
  records: Map<number, AttendanceRecord>;
  facts: AttendanceFacts;
}

function factsLines(v: FactsInput): string[] {
  const f = v.facts;
  const withAttendance = (a: Attendance) =>
    v.members.filter((m) => v.records.get(m.id)?.attendance === a && m.status !== 'TEMP_IN').map((m) => {
      const r = v.records.get(m.id)!;
      const note = [r.reason, r.excuseApproved ? 'chi ủy chấp nhận lý do' : null].filter(Boolean).join('; ');
      return note ? `${m.fullName} (${note})` : m.fullName;
    });
  const unmarked = v.members.filter((m) => m.status === 'ACTIVE' && !v.records.get(m.id)?.attendance).map((m) => m.fullName);
  const r = f.roll;
  const others = [
    r.exempt ? `miễn sinh hoạt ${r.exempt}` : '',
    r.tempOut ? `sinh hoạt tạm thời nơi khác ${r.tempOut}` : '',
    r.suspended ? `đình chỉ sinh hoạt/bị khởi tố ${r.suspended}` : '',
    r.tempIn ? `đảng viên nơi khác đến sinh hoạt tạm thời ${r.tempIn}` : '',
  ].filter(Boolean);
  const ex = f.baseExclusions;
  const excluded = [
    ex.exemptAbsent ? `${ex.exemptAbsent} đồng chí miễn sinh hoạt vắng mặt` : '',
    ex.tempOut ? `${ex.tempOut} đồng chí sinh hoạt tạm thời nơi khác` : '',
    ex.suspended ? `${ex.suspended} đồng chí bị đình chỉ/khởi tố` : '',
    ex.approvedExcuses ? `${ex.approvedExcuses} đồng chí vắng có lý do được chi ủy chấp nhận` : '',
  ].filter(Boolean);
  const feasible = (ok: boolean) => (ok ? 'số có mặt đủ để thông qua' : 'số có mặt KHÔNG đủ để thông qua');
  return [
    `Tổng số đảng viên: ${r.total} (chính thức ${r.official}, dự bị ${r.probationary})${others.length ? `; ${others.join('; ')}` : ''}.`,
    `Phải dự họp: ${f.obliged}.`,
    `Có mặt: ${f.present} (chính thức ${f.presentOfficial}, dự bị ${f.presentProbationary})${f.presentGuests ? `; đảng viên sinh hoạt tạm thời có mặt: ${f.presentGuests}` : ''}.`,
    counted('Vắng có lý do', withAttendance('ABSENT_EXCUSED')),
    counted('Vắng không lý do', withAttendance('ABSENT_UNEXCUSED')),
    ...(f.unmarked ? [counted('Chưa điểm danh', unmarked)] : []),
    `Tỷ lệ dự họp: ${f.rate.num}/${f.rate.den} = ${formatPercent(f.rate.num, f.rate.den)}.`,
    `Số đảng viên làm căn cứ biểu quyết (D): ${f.voteBase}${excluded.length ? ` (không tính ${excluded.join(', ')})` : ''}; có mặt được biểu quyết: ${f.voters}.`,
    `- Quá 1/2: cần ít nhất ${f.half.needed}/${f.voteBase} tán thành — ${feasible(f.half.feasible)}.`,
    `- Từ 2/3 trở lên (kết nạp, chuyển chính thức, khai trừ): cần ít nhất ${f.twoThirds.needed}/${f.voteBase} — ${feasible(f.twoThirds.feasible)}.`,
  ];
}

export const meetingText = {
  defaultAgenda: (kind: MeetingKind): string[] =>
    kind === 'THUONG_KY' || kind === 'KET_HOP'
      ? ['Thông tin thời sự, phổ biến chủ trương mới', 'Đánh giá kết quả thực hiện nghị quyết tháng trước', 'Phương hướng, nhiệm vụ tháng tới']
      : [],

  announcement: (v: MeetingView, headline: 'new' | 'rescheduled' | 'confirmed') =>
    [
      headline === 'rescheduled' ? 'THÔNG BÁO LỊCH SINH HOẠT CHI BỘ (ĐÃ ĐỔI LỊCH)' : 'THÔNG BÁO LỊCH SINH HOẠT CHI BỘ',
      ...meetingBlock(v),
      '',
      'Đề nghị các đồng chí cho biết có tham dự không (hoặc gõ /thamdu, /vang <lý do>, /chuachac):',
    ].join('\n'),

  draftQuestion: (v: MeetingView) =>
    [
      'DỰ KIẾN LỊCH SINH HOẠT THEO LỊCH ĐỊNH KỲ',
      ...meetingBlock(v),
      '',
      'Bí thư, Phó Bí thư hoặc Chi ủy viên xác nhận để gửi thông báo cho chi bộ:',
    ].join('\n'),
  draftDropped: (v: { seq: number }) => `Đã bỏ dự kiến cuộc họp số ${v.seq}. Lên lịch khác bằng /lichhop.`,

  scheduledPrivately: (v: { seq: number }) => `Đã gửi thông báo cuộc họp số ${v.seq} vào nhóm chat của chi bộ.`,
  cancelledPrivately: (v: { seq: number }) => `Đã huỷ cuộc họp số ${v.seq} và báo cho nhóm chat của chi bộ.`,

  rescheduled: (v: { seq: number; from: Date; reason: string | null }) =>
    [
      `ĐỔI LỊCH: cuộc họp số ${v.seq} (trước đây ${formatWhen(v.from)}) có lịch mới như dưới đây.${v.reason ? ` Lý do: ${v.reason}.` : ''}`,
      'Đồng chí nào không dự được theo lịch mới, xin trả lời lại.',
    ].join('\n'),

  cancelled: (v: MeetingView & { reason: string | null }) =>
    `HUỶ LỊCH: cuộc họp số ${v.seq} — ${title(v)}, ${formatWhen(v.startsAt)} — không tổ chức nữa.${v.reason ? ` Lý do: ${v.reason}.` : ''}`,

  reminder: (v: MeetingView & { remainingMinutes: number; waiting: string[] }) =>
    [
      `NHẮC LỊCH: còn ${formatDuration(v.remainingMinutes)} nữa đến cuộc họp số ${v.seq} — ${title(v)}.`,
      `Thời gian: ${formatWhen(v.startsAt)}. Địa điểm: ${v.place ?? '(chưa có)'}.`,
      v.waiting.length
        ? `Các đồng chí chưa trả lời (${v.waiting.length}): ${names(v.waiting)}. Đề nghị trả lời ở thông báo hoặc gõ /thamdu, /vang <lý do>.`
        : 'Tất cả các đồng chí đã trả lời. Cảm ơn các đồng chí.',
    ].join('\n'),

  rsvpRecorded: (v: { names: string[]; answer: Rsvp; reason: string | null; seq: number; byName: string | null }) =>
    `Đã ghi ${rsvpLabel[v.answer]}${v.reason ? ` (${v.reason})` : ''} — cuộc họp số ${v.seq}: ${v.names.length > 1 ? `${v.names.length} đồng chí — ` : 'đồng chí '}${names(v.names)}${v.byName ? `; đồng chí ${v.byName} trả lời thay` : ''}.`,
  rsvpNotice: (v: { answer: Rsvp; seq: number }) => `Đã ghi: ${rsvpLabel[v.answer]} — cuộc họp số ${v.seq}. Đồng chí có thể đổi câu trả lời đến khi họp.`,
  rsvpWithdrawn: (v: { seq: number }) => `Đã xoá câu trả lời của đồng chí về cuộc họp số ${v.seq}.`,
  askReason: (v: { name: string }) => `Đồng chí ${v.name} vui lòng nhắn lý do vắng vào tin tiếp theo (hoặc gõ /vang <lý do>).`,
  reasonRecorded: (v: { name: string; reason: string }) => `Đã ghi lý do vắng của đồng chí ${v.name}: ${v.reason}.`,

  started: (v: MeetingView & { at: Date }) =>
    [
      `BẮT ĐẦU cuộc họp số ${v.seq} — ${title(v)} — lúc ${clockTime(v.at)}.`,
      `Chủ trì: ${v.chair ? `đồng chí ${v.chair}` : 'chưa rõ'}. Thư ký: ${v.minuteTaker ? `đồng chí ${v.minuteTaker}` : 'chưa cử (gõ /batdauhop thư ký: <họ tên> lần sau)'}.`,
    ].join('\n'),
  /** The short question of a native group poll and the title of a native appointment (Zalo). */
  rsvpHeadline: (v: Pick<MeetingView, 'kind' | 'startsAt' | 'seq'>) => `Đồng chí có dự họp số ${v.seq} — ${title(v)}, ${formatWhen(v.startsAt)}?`,
  appointmentTitle: (v: Pick<MeetingView, 'kind' | 'startsAt' | 'seq'>) => `Họp chi bộ số ${v.seq} — ${title(v)}`,
  checkInHeadline: (v: { seq: number }) => `Điểm danh cuộc họp số ${v.seq}: có mặt`,
  checkInQuestion: (v: { seq: number }) => `ĐIỂM DANH cuộc họp số ${v.seq}: đồng chí có mặt bấm nút dưới đây (hoặc gõ /comat).`,
  checkInNotice: () => 'Đã điểm danh: có mặt.',
  checkedIn: (v: { name: string }) => `Đã điểm danh: đồng chí ${v.name} có mặt.`,
  marked: (v: { names: string[]; attendance: Attendance }) => `Đã ghi ${attendanceLabel[v.attendance]}: ${names(v.names)}.`,
  sheetRecorded: (v: { present: string[]; excused: string[]; unexcused: string[] }) =>
    [
      'Đã ghi điểm danh.',
      ...(v.present.length ? [`Có mặt (${v.present.length}): ${names(v.present)}`] : []),
      ...(v.excused.length ? [`Vắng có lý do (${v.excused.length}): ${names(v.excused)}`] : []),
      ...(v.unexcused.length ? [`Vắng không lý do (${v.unexcused.length}): ${names(v.unexcused)}`] : []),
      'Gõ /tinhhinh để xem tình hình dự họp.',
    ].join('\n'),
  excusesApproved: (v: { names: string[] }) =>
    `Chi ủy chấp nhận lý do vắng của: ${names(v.names)}. Các đồng chí này không tính vào số đảng viên làm căn cứ biểu quyết (Quy định thi hành Điều lệ Đảng 294-QĐ/TW; 24-QĐ/TW mục 9.3.2).`,

  facts: (v: FactsInput & { flags: CriterionMiss[] }) =>
    [
      `TÌNH HÌNH DỰ HỌP — cuộc họp số ${v.seq}, ${title(v)}, ${formatWhen(v.startsAt)}`,
      ...factsLines(v),
      ...(v.status === 'CLOSED' || (v.status === 'IN_PROGRESS' && v.facts.unmarked === 0) ? [v.flags.length ? `Tiêu chí dự họp (trên 85%, không ai vắng không lý do): chưa đạt — ${v.flags.map((f) => criterionText[f]).join('; ')}.` : 'Tiêu chí dự họp (trên 85%, không ai vắng không lý do): đạt.'] : []),
    ].join('\n'),

  rsvpSummary: (v: FactsInput & { waiting: string[] }) => {
    const by = (a: Rsvp) =>
      v.members.filter((m) => v.records.get(m.id)?.rsvp === a).map((m) => {
        const r = v.records.get(m.id)!;
        const notes = [a === 'EXCUSED' ? (r.rsvpReason ?? 'chưa nêu lý do') : null, r.rsvpById !== null ? 'chi ủy ghi thay' : null].filter(Boolean);
        return notes.length ? `${m.fullName} (${notes.join('; ')})` : m.fullName;
      });
    return [
      `TRẢ LỜI THÔNG BÁO — cuộc họp số ${v.seq}, ${title(v)}, ${formatWhen(v.startsAt)}${v.status === 'DRAFT' ? ' (dự kiến, chưa thông báo)' : ''}`,
      counted('Tham dự', by('YES')),
      counted('Vắng có lý do', by('EXCUSED')),
      counted('Chưa chắc', by('MAYBE')),
      counted('Chưa trả lời', v.waiting),
    ].join('\n');
  },

  closed: (v: FactsInput & { duration: DurationCheck; unmarked: string[]; flags: CriterionMiss[] }) =>
    [
      `KẾT THÚC cuộc họp số ${v.seq} lúc ${clockTime(v.endedAt!)}. Thời lượng: ${v.duration.minutes} phút${
        v.duration.required === null
          ? '.'
          : v.duration.ok
            ? ` — đạt thời lượng tối thiểu ${v.duration.required} phút.`
            : ` — CHƯA ĐẠT thời lượng tối thiểu ${v.duration.required} phút${v.kind === 'KET_HOP' ? ' (sinh hoạt thường kỳ kết hợp chuyên đề)' : ''} theo Hướng dẫn 42-HD/BTCTW.`
      }`,
      ...(v.unmarked.length ? [`Chưa điểm danh, đã ghi vắng không lý do: ${names(v.unmarked)}. Nếu có sai sót, sửa bằng /diemdanh trong 7 ngày.`] : []),
      '',
      meetingText.facts({ ...v, status: 'CLOSED' }),
    ].join('\n'),

  upcoming: (v: { cell: string; meetings: MeetingView[] }) =>
    v.meetings.length
      ? [
          `LỊCH SINH HOẠT ${v.cell.toUpperCase()}`,
          ...v.meetings.map(
            (m) =>
              `Số ${m.seq}: ${title(m)} — ${formatWhen(m.startsAt)}${m.place ? `, ${m.place}` : ''}${m.status === 'DRAFT' ? ' (dự kiến, chờ xác nhận)' : m.status === 'IN_PROGRESS' ? ' (đang họp)' : ''}`,
          ),
        ].join('\n')
      : 'Chưa có cuộc họp nào sắp tới. Bí thư lên lịch bằng /lichhop, hoặc đặt lịch định kỳ bằng /lichdinhky.',

  ruleShown: (v: { dayOfMonth: number; time: string; shiftToWorkingDay: boolean; place: string | null; next: string }) =>
    [
      `Lịch sinh hoạt định kỳ: ngày ${v.dayOfMonth} hằng tháng lúc ${v.time}${v.place ? `, tại ${v.place}` : ''}${v.shiftToWorkingDay ? '; trùng thứ Bảy, Chủ nhật hoặc ngày lễ thì lùi sang ngày làm việc tiếp theo' : ''}.`,
      `Lần tới: ${formatDay(v.next)}. Bot soạn dự kiến trước ${14} ngày để chi ủy xác nhận.`,
    ].join('\n'),
  ruleNone: () => 'Chi bộ chưa đặt lịch sinh hoạt định kỳ. Ví dụ: /lichdinhky ngày 1 hằng tháng lúc 7h30 | Hội trường khu phố 3',
  ruleCleared: () => 'Đã bỏ lịch sinh hoạt định kỳ.',

  holidayDefaultLabel: (action: 'add' | 'work') => (action === 'add' ? 'Ngày nghỉ của chi bộ' : 'Đi làm'),
  holidays: (v: { holidays: Holiday[]; worked: string[] }) =>
    [
      'NGÀY NGHỈ LỄ (dùng khi lùi lịch sinh hoạt):',
      ...v.holidays.map((h) => `${formatDay(h.date)}: ${h.code === 'CELL' ? (h.label ?? holidayLabel.CELL) : holidayLabel[h.code]}`),
      ...(v.worked.length ? [`Chi bộ tính là ngày làm việc: ${v.worked.map(formatDay).join('; ')}`] : []),
      'Ngày nghỉ Tết và Quốc khánh có thể thay đổi theo thông báo của Chính phủ mỗi năm. Sửa: /ngaynghi thêm dd/mm/yyyy <tên> · /ngaynghi làm dd/mm/yyyy · /ngaynghi bỏ dd/mm/yyyy',
    ].join('\n'),

  settingsShown: (s: { reminderOffsets: number[] | null; minMeetingMinutes: number | null; electronicSecretBallot: boolean; summariseWithLlm: boolean }) =>
    [
      'CÀI ĐẶT CỦA CHI BỘ',
      `Nhắc lịch trước: ${s.reminderOffsets === null ? '3 ngày, 1 ngày, 1 giờ (mặc định)' : s.reminderOffsets.length ? s.reminderOffsets.map(formatDuration).join(', ') : 'không nhắc'}.`,
      `Thời lượng tối thiểu: ${s.minMeetingMinutes === null ? '90 phút; 120 phút khi kết hợp chuyên đề (mặc định)' : `${s.minMeetingMinutes} phút (do cấp ủy cấp trên quy định cho chi bộ)`}.`,
      `Bỏ phiếu kín: ${s.electronicSecretBallot ? 'qua tin nhắn riêng với bot (chi bộ đã bật)' : 'phiếu giấy, ban kiểm phiếu nhập kết quả (mặc định)'}.`,
      `Tóm tắt biên bản: ${s.summariseWithLlm ? 'dùng máy chủ AI nếu quản trị viên đã cấu hình, nếu không thì trích tự động trên máy (mặc định)' : 'chỉ trích tự động trên máy, không gửi nội dung ra ngoài'}.`,
      'Sửa: /caidat nhắc: 3 ngày, 1 ngày, 2 giờ · /caidat thời lượng: 60 · /caidat phiếu kín điện tử: bật · /caidat tóm tắt AI: tắt',
    ].join('\n'),

  flagUnexcused: (v: { name: string; months: string[]; year: number }) =>
    `[Riêng chi ủy] Đồng chí ${v.name} đã vắng sinh hoạt không lý do ${v.months.length} tháng trong năm ${v.year} (tháng ${v.months.map((m) => Number(m.slice(5))).join(', ')}). Theo Quy định thi hành Điều lệ Đảng (294-QĐ/TW, trước đây 24-QĐ/TW), đảng viên bỏ sinh hoạt ba tháng trong năm không có lý do chính đáng thì chi bộ xem xét, đề nghị xoá tên. Bot chỉ thông báo; việc xem xét do chi bộ quyết định.`,
  flagConsecutiveExcused: (v: { name: string; run: number; year: number }) =>
    `[Riêng chi ủy] Đồng chí ${v.name} đã vắng có lý do ${v.run} lần liên tiếp trong năm ${v.year}. Theo hướng dẫn sinh hoạt chi bộ (42-HD/BTCTW, trước đây 12-HD/BTCTW), chi bộ không đạt tiêu chí dự họp khi có đảng viên vắng có lý do quá 3 lần liên tiếp.`,
  flagNoThematic: (v: { quarter: number; year: number }) =>
    `[Riêng chi ủy] Quý ${v.quarter}/${v.year} chi bộ chưa tổ chức buổi sinh hoạt chuyên đề nào (Hướng dẫn 42-HD/BTCTW, trước đây 12-HD/BTCTW: ít nhất mỗi quý một lần).`,
};

/** Words the bot reads in meeting commands, compared after nameKey() (no diacritics, lower case). */
export const meetingWords = {
  kind: {
    'thuong ky': 'THUONG_KY', 'dinh ky': 'THUONG_KY', 'hang thang': 'THUONG_KY', 'sinh hoat thuong ky': 'THUONG_KY', 'sinh hoat chi bo thuong ky': 'THUONG_KY',
    'chuyen de': 'CHUYEN_DE', 'sinh hoat chuyen de': 'CHUYEN_DE',
    'ket hop': 'KET_HOP', 'thuong ky ket hop chuyen de': 'KET_HOP', 'thuong ky va chuyen de': 'KET_HOP', 'thuong ky + chuyen de': 'KET_HOP',
    'bat thuong': 'BAT_THUONG', 'dot xuat': 'BAT_THUONG', 'sinh hoat bat thuong': 'BAT_THUONG',
    'dai hoi': 'DAI_HOI', 'dai hoi chi bo': 'DAI_HOI',
  } as Record<string, MeetingKind>,
  formLabel: {
    'thoi gian': 'when', 'ngay gio': 'when', luc: 'when', 'ngay hop': 'when',
    'dia diem': 'place', tai: 'place', link: 'place', 'truc tuyen': 'place', 'phong hop': 'place',
    'noi dung': 'agenda', 'chuong trinh': 'agenda',
    'chu tri': 'chair', 'chu toa': 'chair',
    'chuyen de': 'topic',
  } as Record<string, 'when' | 'place' | 'agenda' | 'chair' | 'topic'>,
  changeLabel: { 'thoi gian': 'when', 'gio moi': 'when', 'dia diem': 'place', 'ly do': 'reason' } as Record<string, 'when' | 'place' | 'reason'>,
  roleLabel: { 'thu ky': 'minuteTaker', 'chu tri': 'chair', 'chu toa': 'chair' } as Record<string, 'minuteTaker' | 'chair'>,
  attendanceLabel: {
    'co mat': 'PRESENT', du: 'PRESENT', 'tham du': 'PRESENT',
    'vang co ly do': 'ABSENT_EXCUSED', 'co ly do': 'ABSENT_EXCUSED', 'vang cld': 'ABSENT_EXCUSED',
    'vang khong ly do': 'ABSENT_UNEXCUSED', 'khong ly do': 'ABSENT_UNEXCUSED', 'vang kld': 'ABSENT_UNEXCUSED', vang: 'ABSENT_UNEXCUSED',
  } as Record<string, Attendance>,
  rest: ['con lai', 'tat ca con lai', 'nhung dong chi con lai'],
  numberWord: 'so',
  rsvpOption: { yes: 'YES', excused: 'EXCUSED', maybe: 'MAYBE' } as Record<string, Rsvp>,
  off: ['tat', 'bo', 'khong', 'huy'],
  noShift: ['khong lui', 'giu nguyen ngay'],
  holidayVerb: { them: 'add', nghi: 'add', lam: 'work', 'di lam': 'work', bo: 'remove', xoa: 'remove' } as Record<string, 'add' | 'work' | 'remove'>,
  offsetUnit: { ngay: 24 * 60, gio: 60, tieng: 60, h: 60, phut: 1, p: 1 } as Record<string, number>,
  settingLabel: {
    nhac: 'reminders', 'nhac truoc': 'reminders', 'nhac lich': 'reminders', 'nhac nho': 'reminders',
    'thoi luong': 'duration', 'thoi luong toi thieu': 'duration',
    'phieu kin dien tu': 'electronicSecret', 'phieu kin': 'electronicSecret', 'bo phieu kin dien tu': 'electronicSecret',
    'tom tat ai': 'llm', 'tom tat bang ai': 'llm', ai: 'llm', 'gui ai': 'llm',
  } as Record<string, 'reminders' | 'duration' | 'electronicSecret' | 'llm'>,
  on: ['bat', 'co', 'mo'],
};
