// What the bot says about minutes, drafts and tasks, and the words of the biên bản and the nghị quyết
// (domain-rules.md §5.3, §5.4).
import type { AttendanceFacts } from '../domain/attendance.ts';
import type { CaptureTag, MinutesDraft, RollCount, TaskReview } from '../domain/minutes.ts';
import type { TaskRecord } from '../app/ports.ts';
import type { Band } from '../domain/scoring.ts';
import { bandLabel } from './reports.ts';
import type { PartyDocument, DocumentBlock } from '../documents/party-document.ts';
import { formatDayMonthYear } from '../domain/dates.ts';
import { vietnamClock } from '../domain/time.ts';
import { formatPercent, formatWhen, kindLabel, type MeetingView } from './meetings.ts';
import { voteText } from './votes.ts';

const tagLabel: Record<CaptureTag, string> = {
  TOPIC: 'chủ đề',
  OPINION: 'ý kiến',
  CONCLUSION: 'kết luận',
  TASK: 'việc',
  RESOLUTION: 'nghị quyết',
};

export const tagExamples: Record<CaptureTag, string> = {
  TOPIC: '#chude Đánh giá kết quả thực hiện nghị quyết tháng 11',
  OPINION: '#ykien Đề nghị đẩy nhanh việc thu đảng phí quý IV',
  CONCLUSION: '#ketluan Chi bộ thống nhất tổ chức trao Huy hiệu Đảng trong tháng 12',
  TASK: '#giao Lê Minh Tuấn: rà soát danh sách hộ nghèo, hạn 20/12',
  RESOLUTION: '#nghiquyet Phấn đấu 100% đảng viên nộp đảng phí đúng hạn',
};

/** Words in /suamuc, compared after nameKey(). */
export const editLabels = {
  owner: ['nguoi', 'nguoi thuc hien', 'nguoi phu trach', 'phu trach', 'giao'],
  due: ['han', 'thoi han', 'han chot'],
  none: ['khong', 'bo', 'xoa', '-'],
};

const day = (iso: string) => formatDayMonthYear(iso);
const dayMonth = (at: Date) => formatDayMonthYear(vietnamClock(at).date);

function taskLine(t: { what: string; ownerName: string | null; dueOn: string | null }): string {
  return `${t.what} — ${t.ownerName ? `thực hiện: ${t.ownerName}` : 'chưa có người thực hiện'}, ${t.dueOn ? `hạn ${day(t.dueOn)}` : 'chưa có hạn'}`;
}

const reviewLabel: Record<TaskReview, string> = {
  DONE_ON_TIME: 'đã hoàn thành đúng hạn',
  DONE_LATE: 'đã hoàn thành nhưng chậm hạn',
  OVERDUE: 'QUÁ HẠN, chưa hoàn thành',
  OPEN: 'đang thực hiện, chưa đến hạn',
};

const reviewMark: Record<TaskReview, string> = { DONE_ON_TIME: '✓', DONE_LATE: '✓', OVERDUE: '✗', OPEN: '…' };

export interface PriorTask {
  task: TaskRecord;
  review: TaskReview;
}

function priorLines(prior: readonly PriorTask[]): string[] {
  return prior.map(({ task, review }) => `${reviewMark[review]} Việc số ${task.seq}: ${taskLine(task)} — ${reviewLabel[review]}.`);
}

const meetingTitle = (m: Pick<MeetingView, 'seq' | 'kind' | 'startsAt'>) =>
  `cuộc họp số ${m.seq} (${kindLabel[m.kind].toLowerCase()} ngày ${dayMonth(m.startsAt)})`;

const cite = (sources: readonly string[]) => (sources.length ? ` [${sources.join(', ')}]` : '');

export const minutesText = {
  captured: (v: { tag: CaptureTag; seq: number; ownerName: string | null; ownerOnRoster: boolean; dueOn: string | null }) => {
    if (v.tag !== 'TASK') return `✓ Đã ghi ${tagLabel[v.tag]} (T${v.seq}).`;
    const owner = v.ownerName ? `thực hiện: ${v.ownerName}${v.ownerOnRoster ? '' : ' (không có trong danh sách đảng viên, sẽ không được nhắc riêng)'}` : 'chưa rõ người thực hiện — ghi như: #giao Họ Tên: việc, hạn dd/mm';
    return `✓ Đã ghi việc (T${v.seq}): ${owner}; ${v.dueOn ? `hạn ${day(v.dueOn)}` : 'chưa có hạn'}.`;
  },
  undone: (v: { tag: CaptureTag; seq: number }) => `Đã xoá dòng ${tagLabel[v.tag]} T${v.seq} của đồng chí.`,
  textReceived: (v: { seq: number; lines: number }) =>
    `Đã nhận biên bản của cuộc họp số ${v.seq} (${v.lines} dòng). Gõ /tomtat để lập dự thảo kết luận và nhiệm vụ.`,
  closedHint: () => 'Lập dự thảo kết luận và nhiệm vụ từ ghi chép: /tomtat (dự thảo gửi riêng để duyệt trước khi đăng).',

  /** Told in the group when the draft went to the reviewer's private chat. */
  draftSentPrivately: (v: { seq: number; name: string }) =>
    `Đã gửi dự thảo kết luận cuộc họp số ${v.seq} cho đồng chí ${v.name} qua tin nhắn riêng để duyệt. Nội dung chỉ đăng lên nhóm sau khi duyệt.`,
  fallbackNotice: (reason: string) => `Lưu ý: máy chủ AI không dùng được (${reason}); dự thảo dưới đây được lập bằng cách trích tự động từ ghi chép.`,
  fallbackReasons: {
    timeout: 'quá thời gian chờ',
    'rate-limit': 'máy chủ báo quá tải',
    server: 'máy chủ báo lỗi',
    'invalid-output': 'kết quả trả về không đúng định dạng',
    connection: 'không kết nối được',
    empty: 'không trích được mục nào có dẫn nguồn',
  } as Record<string, string>,

  review: (v: { meeting: Pick<MeetingView, 'seq' | 'kind' | 'startsAt'>; draft: MinutesDraft; source: 'llm' | 'offline'; prior: PriorTask[]; notice?: string }) => {
    const section = (title: string, code: string, items: string[]) =>
      items.length ? [title, ...items.map((text, i) => `${code}${i + 1}. ${text}`)] : [title, '(chưa có)'];
    return [
      `DỰ THẢO KẾT LUẬN — ${meetingTitle(v.meeting)}`,
      v.source === 'llm'
        ? 'Lập bằng mô hình AI đã cấu hình, đối chiếu với ghi chép; đồng chí kiểm tra từng mục.'
        : v.notice
          ? 'Lập bằng cách trích tự động từ ghi chép.'
          : 'Lập bằng cách trích tự động từ ghi chép (không gửi nội dung ra ngoài máy chủ của chi bộ).',
      ...(v.notice ? [v.notice] : []),
      'Trong ngoặc vuông là nguồn: T = dòng ghi trong cuộc họp, L = dòng của biên bản đã gửi.',
      '',
      ...section('Kết luận:', 'K', v.draft.conclusions.map((i) => `${i.text}${cite(i.sources)}`)),
      '',
      ...section('Nghị quyết:', 'N', v.draft.resolutions.map((i) => `${i.text}${cite(i.sources)}`)),
      '',
      ...section('Nhiệm vụ:', 'V', v.draft.tasks.map((t) => `${taskLine(t)}${cite(t.sources)}`)),
      '',
      ...section('Việc thực hiện nghị quyết tháng trước (theo ghi chép):', 'D', v.draft.lastMonthNotes.map((i) => `${i.text}${cite(i.sources)}`)),
      ...(v.prior.length ? ['', 'Các việc đã giao trước đây (theo dõi của bot):', ...priorLines(v.prior)] : []),
      '',
      'Sửa: /suamuc V2 nội dung mới | người: Họ Tên | hạn: 20/12 · Xoá: /xoamuc K1 · Thêm: /themmuc K nội dung',
      'Duyệt thì kết luận và nhiệm vụ được đăng lên nhóm và các việc được theo dõi, nhắc hạn.',
    ].join('\n');
  },
  reviewOptions: [
    { id: 'approve', label: 'Duyệt và đăng lên nhóm' },
    { id: 'discard', label: 'Huỷ dự thảo' },
  ],
  edited: (code: string) => `Đã sửa mục ${code}. Dự thảo mới:`,
  discarded: (v: { seq: number }) => `Đã huỷ dự thảo kết luận cuộc họp số ${v.seq}. Không có gì được đăng lên nhóm.`,
  approved: (v: { seq: number; tasks: number }) =>
    `Đã đăng kết luận cuộc họp số ${v.seq} lên nhóm${v.tasks ? `; ${v.tasks} việc được theo dõi và nhắc hạn` : ''}. Xuất biên bản và dự thảo nghị quyết: /xuatbienban ${v.seq}`,

  published: (v: { meeting: Pick<MeetingView, 'seq' | 'kind' | 'startsAt'>; conclusions: string[]; resolutions: string[]; tasks: TaskRecord[] }) =>
    [
      `KẾT LUẬN ${meetingTitle(v.meeting).toUpperCase()}`,
      ...(v.conclusions.length ? v.conclusions.map((c, i) => `${i + 1}. ${c}`) : []),
      ...(v.resolutions.length ? ['', 'Nghị quyết:', ...v.resolutions.map((r, i) => `${i + 1}. ${r}`)] : []),
      ...(v.tasks.length
        ? ['', 'Nhiệm vụ:', ...v.tasks.map((t) => `• Việc số ${t.seq}: ${taskLine(t)}`), '', 'Khi hoàn thành, đồng chí được giao gõ /xong <số việc>. Xem các việc: /viec']
        : []),
    ].join('\n'),

  // ---- tasks ----
  taskList: (v: { tasks: { task: TaskRecord; review: TaskReview }[] }) =>
    v.tasks.length
      ? ['CÁC VIỆC ĐANG THEO DÕI', ...v.tasks.map(({ task, review }) => `${reviewMark[review]} Việc số ${task.seq}: ${taskLine(task)}${review === 'OVERDUE' ? ' — QUÁ HẠN' : ''}`), '', 'Đánh dấu hoàn thành: /xong <số việc>'].join('\n')
      : 'Không có việc nào đang theo dõi.',
  taskDone: (v: { task: TaskRecord; by: string; late: boolean }) =>
    `✓ Việc số ${v.task.seq} đã hoàn thành${v.late ? ' (chậm so với hạn)' : ''}: ${v.task.what}. Đồng chí ${v.by} xác nhận.`,
  taskReminder: (v: { task: TaskRecord; days: number }) =>
    `Nhắc việc: còn ${v.days} ngày đến hạn (${day(v.task.dueOn!)}) — Việc số ${v.task.seq}: ${v.task.what}.${v.task.ownerName ? ` Người thực hiện: ${v.task.ownerName}.` : ''} Khi xong, gõ /xong ${v.task.seq}.`,
  taskOverdue: (v: { task: TaskRecord }) =>
    `Việc quá hạn: Việc số ${v.task.seq} — ${taskLine(v.task)} — chưa được đánh dấu hoàn thành. (Gửi riêng ban chi ủy.)`,
  priorReview: (v: { prior: PriorTask[] }) =>
    ['KIỂM ĐIỂM VIỆC THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC', ...priorLines(v.prior)].join('\n'),
  noPriorTasks: () => 'Chưa có việc nào được giao ở các cuộc họp trước để kiểm điểm.',

  // ---- files ----
  filesCaption: (v: { seq: number; what: 'minutes' | 'resolution' }) =>
    v.what === 'minutes' ? `Biên bản cuộc họp số ${v.seq}` : `Dự thảo nghị quyết cuộc họp số ${v.seq}`,
  filesSentPrivately: (v: { seq: number; name: string }) => `Đã gửi biên bản và dự thảo nghị quyết cuộc họp số ${v.seq} cho đồng chí ${v.name} qua tin nhắn riêng.`,

  /** Context lines given to a summariser with the minutes. */
  context: (v: { facts: AttendanceFacts; votes: Parameters<typeof voteText.result>[0][] }) => [
    `Có mặt ${v.facts.present}/${v.facts.obliged} đảng viên phải dự; vắng có lý do ${v.facts.excused}, vắng không lý do ${v.facts.unexcused}; D = ${v.facts.voteBase}.`,
    // The title and the verdict of each vote.
    ...v.votes.map((vote) => voteText.result(vote).split('\n').slice(0, 2).join(' ')),
  ],
  uploadReasons: {
    type: 'chỉ nhận tệp .txt hoặc .docx',
    encoding: 'tệp .txt phải mã hoá UTF-8',
    corrupt: 'tệp .docx bị hỏng',
    size: 'tệp quá lớn (tối đa 2 MB)',
  } as Record<string, string>,
};

// ---- the documents ----

export interface MinutesRecordView {
  cellName: string;
  organisationPath: string[];
  meeting: MeetingView;
  facts: AttendanceFacts;
  roll: RollCount;
  excused: { name: string; reason: string | null }[];
  unexcused: string[];
  exemptAbsent: string[];
  away: string[];
  guests: string[];
  proceedings: { topic: string | null; lines: { author: string; tag: CaptureTag; text: string }[] }[];
  fullText: string | null;
  votes: Parameters<typeof voteText.result>[0][];
  conclusions: string[];
  resolutions: string[];
  tasks: TaskRecord[];
  prior: PriorTask[];
  lastMonthNotes: string[];
  /** The vote that adopted the resolution, when the meeting held one. */
  resolutionVote: { yes: number; base: number } | null;
  biThu: string | null;
  /** The meeting's self-assessment on the score sheet, when the chi ủy completed it (/chamdiem). */
  score: { sheetName: string; total: number; band: Band; rows: { label: string; max: number | null; points: number }[] } | null;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');
const monthTitle = (m: MeetingView) => {
  const c = vietnamClock(m.startsAt).date;
  return `THÁNG ${Number(c.slice(5, 7))} NĂM ${c.slice(0, 4)}`;
};
const kindTitle: Record<MeetingView['kind'], string> = {
  THUONG_KY: 'SINH HOẠT CHI BỘ THƯỜNG KỲ',
  CHUYEN_DE: 'SINH HOẠT CHI BỘ CHUYÊN ĐỀ',
  KET_HOP: 'SINH HOẠT CHI BỘ THƯỜNG KỲ KẾT HỢP CHUYÊN ĐỀ',
  BAT_THUONG: 'SINH HOẠT CHI BỘ BẤT THƯỜNG',
  DAI_HOI: 'ĐẠI HỘI CHI BỘ',
};

/** "Phường Bến Thành, ngày 10 tháng 12 năm 2026": the place is the locality of the đảng bộ, where its name gives it. */
function dateLine(organisationPath: string[], at: Date): string {
  const [y, m, d] = vietnamClock(at).date.split('-');
  const locality = (organisationPath[0] ?? '').replace(/^đảng bộ\s+/i, '').trim();
  const place = locality ? `${locality.charAt(0).toLocaleUpperCase('vi')}${locality.slice(1)}, ` : '';
  return `${place}ngày ${d} tháng ${m} năm ${y}`;
}

function documentHeader(v: Pick<MinutesRecordView, 'organisationPath' | 'cellName'>, at: Date, extra: string[] = []) {
  return {
    left: [...v.organisationPath.map(upper), upper(v.cellName), '*', ...extra],
    right: ['ĐẢNG CỘNG SẢN VIỆT NAM'],
    dateLine: dateLine(v.organisationPath, at),
  };
}

const listOrNone = (items: string[]): DocumentBlock =>
  items.length ? { kind: 'list', ordered: true, items } : { kind: 'paragraph', text: 'Không có.', italic: true };

const time = (at: Date | null) => (at ? vietnamClock(at).time.replace(':', ' giờ ') + ' phút' : '…');

export function minutesDocument(v: MinutesRecordView): PartyDocument {
  const m = v.meeting;
  const f = v.facts;
  const absentLines = [
    ...v.excused.map((e) => `${e.name} — vắng có lý do${e.reason ? `: ${e.reason}` : ''}`),
    ...v.unexcused.map((n) => `${n} — vắng không có lý do`),
  ];
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: `Thời gian: bắt đầu lúc ${time(m.startedAt)}, ${formatWhen(m.startsAt).split(',').slice(0, 2).join(',')}; kết thúc lúc ${time(m.endedAt)}.` },
    { kind: 'paragraph', text: `Địa điểm: ${m.place ?? '…'}. Hình thức: trực tiếp.` },
    ...(m.topic ? [{ kind: 'paragraph' as const, text: `Chuyên đề: ${m.topic}.` }] : []),
    { kind: 'paragraph', text: `Chủ trì: đồng chí ${m.chair ?? '…'}. Thư ký: đồng chí ${m.minuteTaker ?? '…'}.` },
    { kind: 'heading', text: 'I. THÀNH PHẦN' },
    {
      kind: 'table',
      header: ['Nội dung', 'Số lượng'],
      rows: [
        ['Tổng số đảng viên của chi bộ', String(v.roll.total)],
        ['— chính thức / dự bị', `${f.roll.official} / ${f.roll.probationary}`],
        ['Có mặt', String(v.roll.present)],
        ['— chính thức / dự bị', `${f.presentOfficial} / ${f.presentProbationary}`],
        ['Vắng có lý do', String(v.roll.excused)],
        ['Vắng không có lý do', String(v.roll.unexcused)],
        ['Miễn công tác và sinh hoạt đảng, vắng', String(v.roll.exemptAbsent)],
        ['Sinh hoạt tạm thời nơi khác', String(v.roll.away)],
        ['Đình chỉ sinh hoạt, bị khởi tố hoặc tạm giam', String(v.roll.suspended)],
        ['Đảng viên sinh hoạt tạm thời đến dự', String(v.guests.length)],
        ['Số đảng viên làm căn cứ biểu quyết (D)', String(f.voteBase)],
      ],
    },
    { kind: 'paragraph', text: `Tỷ lệ đảng viên dự họp: ${formatPercent(f.rate.num, f.rate.den)} (${f.rate.num}/${f.rate.den} đảng viên phải dự).` },
    ...(absentLines.length ? [{ kind: 'paragraph' as const, text: 'Đảng viên vắng mặt:' }, { kind: 'list' as const, ordered: false, items: absentLines }] : []),
    ...(v.exemptAbsent.length ? [{ kind: 'paragraph' as const, text: `Miễn sinh hoạt, vắng: ${v.exemptAbsent.join(', ')}.` }] : []),
    ...(v.away.length ? [{ kind: 'paragraph' as const, text: `Sinh hoạt tạm thời nơi khác: ${v.away.join(', ')}.` }] : []),
    ...(v.guests.length ? [{ kind: 'paragraph' as const, text: `Đảng viên sinh hoạt tạm thời đến dự: ${v.guests.join(', ')}.` }] : []),
    { kind: 'heading', text: 'II. NỘI DUNG' },
    listOrNone(m.agenda),
    { kind: 'heading', text: 'III. DIỄN BIẾN' },
  ];
  if (v.prior.length) blocks.push({ kind: 'paragraph', text: 'Kiểm điểm việc thực hiện nghị quyết tháng trước:', bold: true }, { kind: 'list', ordered: false, items: priorLines(v.prior) });
  for (const [i, part] of v.proceedings.entries()) {
    blocks.push({ kind: 'paragraph', text: part.topic ? `${i + 1}. ${part.topic}` : 'Ý kiến trong cuộc họp', bold: true });
    if (part.lines.length) blocks.push({ kind: 'list', ordered: false, items: part.lines.map((l) => `${l.tag === 'OPINION' ? `Đồng chí ${l.author}: ` : `${tagLabel[l.tag][0]!.toLocaleUpperCase('vi')}${tagLabel[l.tag].slice(1)}: `}${l.text}`) });
  }
  if (v.fullText) {
    blocks.push({ kind: 'paragraph', text: 'Ghi chép của thư ký:', bold: true });
    for (const line of v.fullText.split('\n').map((l) => l.trim()).filter(Boolean)) blocks.push({ kind: 'paragraph', text: line });
  }
  if (!v.proceedings.length && !v.fullText && !v.prior.length) blocks.push({ kind: 'paragraph', text: 'Không có ghi chép.', italic: true });
  blocks.push({ kind: 'heading', text: 'IV. BIỂU QUYẾT' });
  if (v.votes.length) for (const vote of v.votes) blocks.push({ kind: 'list', ordered: false, items: voteText.result(vote).split('\n') });
  else blocks.push({ kind: 'paragraph', text: 'Không có biểu quyết.', italic: true });
  blocks.push(
    { kind: 'heading', text: 'V. KẾT LUẬN' },
    listOrNone([...v.conclusions, ...v.resolutions.map((r) => `Nghị quyết: ${r}`)]),
    { kind: 'heading', text: 'VI. NHIỆM VỤ VÀ PHÂN CÔNG' },
    listOrNone(v.tasks.map((t) => `Việc số ${t.seq}: ${taskLine(t)}`)),
    ...(v.score
      ? [
        { kind: 'heading' as const, text: 'VII. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT' },
        {
          kind: 'table' as const,
          header: ['Tiêu chí', 'Điểm tối đa', 'Điểm chấm'],
          rows: [...v.score.rows.map((r) => [r.label, r.max === null ? '' : String(r.max), String(r.points)]), ['Tổng cộng', '100', String(v.score.total)]],
        },
        { kind: 'paragraph' as const, text: `Chi bộ tự đánh giá buổi sinh hoạt đạt ${v.score.total}/100 điểm, xếp loại ${bandLabel[v.score.band]} (${v.score.sheetName}).` },
      ]
      : []),
    { kind: 'paragraph', text: `Cuộc họp kết thúc lúc ${time(m.endedAt)} cùng ngày. Biên bản đã được đọc lại trước chi bộ và được thông qua.` },
  );
  return {
    fileName: `bien-ban-cuoc-hop-so-${m.seq}`,
    header: documentHeader(v, m.startsAt),
    title: ['BIÊN BẢN', `${kindTitle[m.kind]} ${monthTitle(m)}`],
    blocks,
    signatures: [
      { role: 'THƯ KÝ', name: m.minuteTaker },
      { role: 'CHỦ TRÌ', name: m.chair },
    ],
  };
}

export function resolutionDocument(v: MinutesRecordView): PartyDocument {
  const m = v.meeting;
  const f = v.facts;
  const voteLine = v.resolutionVote
    ? `Nghị quyết được ${v.resolutionVote.yes}/${v.resolutionVote.base} đồng chí tán thành, đạt ${formatPercent(v.resolutionVote.yes, v.resolutionVote.base)}.`
    : 'Nghị quyết được …/… đồng chí tán thành, đạt …%.';
  const c = vietnamClock(m.startsAt).date;
  return {
    fileName: `nghi-quyet-cuoc-hop-so-${m.seq}`,
    header: documentHeader(v, m.endedAt ?? m.startsAt, ['Số …-NQ/CB']),
    title: ['NGHỊ QUYẾT', `${kindTitle[m.kind]} ${monthTitle(m)}`, `Phương hướng, nhiệm vụ tháng ${Number(c.slice(5, 7)) === 12 ? `01/${Number(c.slice(0, 4)) + 1}` : `${String(Number(c.slice(5, 7)) + 1).padStart(2, '0')}/${c.slice(0, 4)}`}`],
    blocks: [
      {
        kind: 'paragraph',
        text: `Ngày ${formatDayMonthYear(c)}, tại ${m.place ?? '…'}, ${v.cellName} tổ chức ${kindLabel[m.kind].toLowerCase()}. Có mặt ${f.present}/${f.roll.total} đảng viên (vắng có lý do ${f.excused}, vắng không lý do ${f.unexcused}, miễn sinh hoạt ${v.roll.exemptAbsent}); thời gian từ ${time(m.startedAt)} đến ${time(m.endedAt)}. Chủ trì: đồng chí ${m.chair ?? '…'}; thư ký: đồng chí ${m.minuteTaker ?? '…'}.`,
      },
      { kind: 'heading', text: 'I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT THÁNG TRƯỚC' },
      ...(v.prior.length || v.lastMonthNotes.length
        ? [{ kind: 'list' as const, ordered: false, items: [...priorLines(v.prior), ...v.lastMonthNotes] }]
        : [{ kind: 'paragraph' as const, text: '…', italic: true }]),
      { kind: 'heading', text: 'II. NHIỆM VỤ THÁNG TỚI' },
      listOrNone([...v.resolutions, ...v.conclusions]),
      { kind: 'heading', text: 'III. PHÂN CÔNG VÀ TỔ CHỨC THỰC HIỆN' },
      v.tasks.length
        ? { kind: 'table', header: ['Số', 'Nội dung', 'Người thực hiện', 'Thời hạn'], rows: v.tasks.map((t) => [String(t.seq), t.what, t.ownerName ?? '…', t.dueOn ? day(t.dueOn) : '…']) }
        : { kind: 'paragraph', text: 'Không có.', italic: true },
      { kind: 'heading', text: 'IV. TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT' },
      { kind: 'paragraph', text: '…', italic: true },
      { kind: 'paragraph', text: voteLine, bold: true },
      { kind: 'paragraph', text: `Nơi nhận: ${v.organisationPath[0] ? `${v.organisationPath[0]} (báo cáo); ` : ''}đảng viên trong chi bộ; lưu chi bộ.`, italic: true },
    ],
    signatures: [{ role: 'T/M CHI ỦY\nBÍ THƯ', name: v.biThu }],
  };
}
