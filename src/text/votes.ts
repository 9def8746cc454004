// What the bot says and understands about votes.
import type { DecisionKind, Threshold } from '../domain/votes.ts';
import { formatPercent } from './meetings.ts';

export const OPEN_CHOICES = [
  { id: 'yes', label: 'Tán thành' },
  { id: 'no', label: 'Không tán thành' },
  { id: 'other', label: 'Ý kiến khác (bảo lưu)' },
];

export const decisionLabel: Record<DecisionKind, string> = {
  ORDINARY: 'Nghị quyết, kết luận',
  ADMISSION: 'Kết nạp đảng viên',
  RECOGNITION: 'Công nhận đảng viên chính thức',
  REMOVAL: 'Xoá tên đảng viên',
  EXEMPTION: 'Miễn công tác và sinh hoạt đảng',
  DISCIPLINE: 'Kỷ luật',
  ELECTION: 'Bầu cử',
};

/** The rules' sources as shown to the cell (domain/votes.ts keeps the same references in ASCII). */
export const ruleSource: Record<DecisionKind, string> = {
  ORDINARY: 'Điều lệ Đảng, Điều 9.5',
  ADMISSION: 'Điều lệ Đảng, Điều 4.3; Hướng dẫn 06-HD/TW (2025)',
  RECOGNITION: 'Điều lệ Đảng, Điều 5.2; Hướng dẫn 06-HD/TW (2025)',
  REMOVAL: 'Điều lệ Đảng, Điều 9.5 (chưa có quy định tỷ lệ riêng)',
  EXEMPTION: 'Điều lệ Đảng, Điều 9.5 (chưa có quy định tỷ lệ riêng)',
  DISCIPLINE: 'Quy định 69-QĐ/TW, Điều 15; Quy định 296-QĐ/TW (2025)',
  ELECTION: 'Quy chế bầu cử 190-QĐ/TW, Điều 3, Điều 30',
};

const thresholdLabel: Record<Threshold, string> = { HALF: 'quá 1/2', TWO_THIRDS: 'từ 2/3 trở lên' };
const choiceLabel: Record<string, string> = Object.fromEntries(OPEN_CHOICES.map((c) => [c.id, c.label.toLowerCase()]));

interface VoteView {
  seq: number;
  kind: DecisionKind;
  subject: string;
  threshold: Threshold;
  base: number;
}

const heading = (v: Omit<VoteView, 'seq'> & { seq?: number }) => `${v.seq ? `số ${v.seq} — ` : ''}${decisionLabel[v.kind]}: ${v.subject}`;
/** "THÔNG QUA, đủ 2/3" — the words the minutes use (domain-rules.md worked example 8). */
const verdict = (threshold: Threshold, passed: boolean) =>
  threshold === 'HALF' ? (passed ? 'THÔNG QUA, quá 1/2' : 'KHÔNG THÔNG QUA, chưa quá 1/2') : passed ? 'THÔNG QUA, đủ 2/3' : 'KHÔNG THÔNG QUA, chưa đủ 2/3';
const rule = (v: Omit<VoteView, 'seq'> & { needed: number }) =>
  `cần ${thresholdLabel[v.threshold]}: ít nhất ${v.needed}/${v.base} đồng chí tán thành (${ruleSource[v.kind]})`;

export const voteText = {
  ballot: (v: VoteView & { eligible: number; needed: number }) =>
    [
      `BIỂU QUYẾT ${heading(v)}`,
      `Số đảng viên làm căn cứ (D): ${v.base}; có mặt được biểu quyết: ${v.eligible}.`,
      `Để thông qua ${rule(v)}.`,
      'Chỉ đảng viên chính thức có mặt biểu quyết; có thể đổi ý đến khi kết thúc biểu quyết.',
    ].join('\n'),
  progress: (v: { seq: number; voted: number; eligible: number }) => `Biểu quyết số ${v.seq}: đã biểu quyết ${v.voted}/${v.eligible}.`,
  infeasible: (v: Omit<VoteView, 'seq'> & { eligible: number; needed: number }) =>
    [
      `Lưu ý trước khi mở biểu quyết ${heading(v)}:`,
      `D = ${v.base}, có mặt được biểu quyết ${v.eligible}; ${rule(v)}.`,
      'Dù tất cả đều tán thành cũng không đủ để thông qua. Vẫn mở biểu quyết?',
    ].join('\n'),
  confirmOptions: [
    { id: 'open', label: 'Vẫn mở biểu quyết' },
    { id: 'cancel', label: 'Huỷ' },
  ],
  notOpened: () => 'Đã huỷ, chưa mở biểu quyết.',
  castNotice: (v: { seq: number; choice: string; changed: boolean }) =>
    `${v.changed ? 'Đã đổi thành' : 'Đã ghi'}: ${choiceLabel[v.choice] ?? v.choice} — biểu quyết số ${v.seq}. Có thể đổi đến khi kết thúc.`,
  result: (v: VoteView & { yes: number; needed: number; passed: boolean; counts: { no: number; other: number }; voted: number; eligible: number }) =>
    [
      `KẾT QUẢ BIỂU QUYẾT ${heading(v)}`,
      `Tán thành: ${v.yes}/${v.base} đồng chí, đạt ${formatPercent(v.yes, v.base)} — ${verdict(v.threshold, v.passed)} (${rule(v)}).`,
      `Không tán thành: ${v.counts.no}; ý kiến khác (bảo lưu): ${v.counts.other}; không biểu quyết: ${v.eligible - v.voted} (trong ${v.eligible} đồng chí có mặt được biểu quyết).`,
    ].join('\n'),
};

/** Words for the kind of decision in /bieuquyet, compared after nameKey(). */
export const voteWords: Record<string, DecisionKind> = {
  'nghi quyet': 'ORDINARY', 'ket luan': 'ORDINARY', thuong: 'ORDINARY',
  'ket nap': 'ADMISSION', 'ket nap dang vien': 'ADMISSION',
  'chuyen chinh thuc': 'RECOGNITION', 'cong nhan chinh thuc': 'RECOGNITION', 'cong nhan dang vien chinh thuc': 'RECOGNITION',
  'xoa ten': 'REMOVAL', 'mien sinh hoat': 'EXEMPTION', 'mien cong tac va sinh hoat dang': 'EXEMPTION',
  'ky luat': 'DISCIPLINE', 'bau cu': 'ELECTION',
};
