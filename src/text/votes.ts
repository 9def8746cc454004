// What the bot says and understands about votes.
import type { DecisionKind, DisciplineForm, DisciplineResult, Threshold } from '../domain/votes.ts';
import type { ElectionResult } from '../app/votes.ts';
import { formatPercent } from './meetings.ts';
import { vietnamClock } from '../domain/time.ts';

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

export const disciplineLabel: Record<DisciplineForm | 'none', string> = {
  KHAI_TRU: 'Khai trừ',
  CACH_CHUC: 'Cách chức',
  CANH_CAO: 'Cảnh cáo',
  KHIEN_TRACH: 'Khiển trách',
  none: 'Không kỷ luật',
};
const optionLabel: Record<string, string> = { ...Object.fromEntries(OPEN_CHOICES.map((c) => [c.id, c.label])), ...disciplineLabel };
const choiceLabel: Record<string, string> = Object.fromEntries(Object.entries(optionLabel).map(([id, label]) => [id, label.toLowerCase()]));

/** The buttons (or numbered options) of a ballot, in the ballot's order. */
export const ballotOptions = (options: readonly string[]) => options.map((id) => ({ id, label: optionLabel[id] ?? id }));

interface VoteView {
  seq: number;
  kind: DecisionKind;
  subject: string;
  threshold: Threshold;
  base: number;
}


interface ResultView {
  form: 'OPEN' | 'SECRET';
  options: string[];
  yes: number;
  needed: number;
  passed: boolean;
  counts: Record<string, number>;
  voted: number;
  eligible: number;
  paper?: { issued: number; collected: number; valid: number };
  discipline?: DisciplineResult;
  election?: ElectionResult;
}

const heading = (v: Omit<VoteView, 'seq'> & { seq?: number }) => `${v.seq ? `số ${v.seq} — ` : ''}${decisionLabel[v.kind]}: ${v.subject}`;
/** "THÔNG QUA, đủ 2/3" — the words the minutes use (domain-rules.md worked example 8). */
const verdict = (threshold: Threshold, passed: boolean) =>
  threshold === 'HALF' ? (passed ? 'THÔNG QUA, quá 1/2' : 'KHÔNG THÔNG QUA, chưa quá 1/2') : passed ? 'THÔNG QUA, đủ 2/3' : 'KHÔNG THÔNG QUA, chưa đủ 2/3';
const rule = (v: Omit<VoteView, 'seq'> & { needed: number }) =>
  `cần ${thresholdLabel[v.threshold]}: ít nhất ${v.needed}/${v.base} đồng chí tán thành (${ruleSource[v.kind]})`;

export const voteText = {
  ballotHeadline: (v: VoteView) => `Biểu quyết ${heading(v)}`.slice(0, 200),
  ballot: (v: VoteView & { eligible: number; needed: number }) =>
    [
      `BIỂU QUYẾT ${heading(v)}`,
      `Số đảng viên làm căn cứ (D): ${v.base}; có mặt được biểu quyết: ${v.eligible}.`,
      `Để thông qua ${rule(v)}.`,
      'Chỉ đảng viên chính thức có mặt biểu quyết; có thể đổi ý đến khi kết thúc biểu quyết.',
    ].join('\n'),
  progress: (v: { seq: number; voted: number; eligible: number; secret: boolean }) =>
    v.secret ? `Bỏ phiếu kín số ${v.seq}: đã bỏ phiếu ${v.voted}/${v.eligible}.` : `Biểu quyết số ${v.seq}: đã biểu quyết ${v.voted}/${v.eligible}.`,
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
  deadline: (v: { seq: number; at: Date }) => `Số ${v.seq} tự kết thúc lúc ${vietnamClock(v.at).time}.`,
  withdrawnNotice: (v: { seq: number }) => `Đã rút lại biểu quyết của đồng chí — biểu quyết số ${v.seq}. Có thể biểu quyết lại đến khi kết thúc.`,
  castNotice: (v: { seq: number; choice: string; changed: boolean }) =>
    `${v.changed ? 'Đã đổi thành' : 'Đã ghi'}: ${choiceLabel[v.choice] ?? v.choice} — biểu quyết số ${v.seq}. Có thể đổi đến khi kết thúc.`,
  result: (v: VoteView & ResultView) => {
    const counts = (ids: string[]) => ids.map((id) => `${optionLabel[id] ?? id}: ${v.counts[id] ?? 0}`).join('; ');
    const turnout = v.paper
      ? `Phiếu phát ra: ${v.paper.issued}; thu về: ${v.paper.collected}; hợp lệ: ${v.paper.valid} (${v.eligible} đồng chí có mặt được bỏ phiếu).`
      : `${v.form === 'SECRET' ? 'Đã bỏ phiếu' : 'Đã biểu quyết'}: ${v.voted}/${v.eligible} đồng chí có mặt được ${v.form === 'SECRET' ? 'bỏ phiếu' : 'biểu quyết'}.`;
    const title = `KẾT QUẢ ${v.form === 'SECRET' ? 'BỎ PHIẾU KÍN' : 'BIỂU QUYẾT'} ${heading(v)}`;
    if (v.kind === 'ELECTION' && v.election) {
      const e = v.election;
      const needed = Math.floor(v.base / 2) + 1;
      return [
        `KẾT QUẢ BẦU CỬ số ${v.seq} — ${v.subject} (vòng ${e.round}, ${e.seats} người)`,
        `Số đảng viên làm căn cứ (D): ${v.base}; trúng cử cần quá 1/2: ít nhất ${needed} phiếu tán thành trên phiếu hợp lệ (${ruleSource.ELECTION}).`,
        ...v.options.map((name) => {
          const votes = v.counts[name] ?? 0;
          const mark = e.elected.includes(name) ? 'TRÚNG CỬ' : e.tied.includes(name) ? 'bằng phiếu, bầu lại' : 2 * votes > v.base ? 'đủ phiếu nhưng ít phiếu hơn' : 'chưa đủ phiếu';
          return `- ${name}: ${votes}/${v.base} phiếu, đạt ${formatPercent(votes, v.base)} — ${mark}`;
        }),
        e.elected.length ? `Trúng cử: ${e.elected.join(', ')}.` : 'Chưa ai trúng cử.',
        ...(e.tied.length ? [`Các đồng chí ${e.tied.join(', ')} bằng phiếu ở vị trí cuối: bầu lại giữa các đồng chí này.`] : []),
        ...(e.unfilled > 0 && !e.tied.length ? [`Còn thiếu ${e.unfilled} người: chi bộ quyết định có bầu vòng tiếp theo không (/baucu ${v.subject} | số lượng: ${e.unfilled} | ứng cử viên: …).`] : []),
        ...(e.appointment ? ['Bí thư chưa trúng cử sau 3 vòng: đề nghị cấp ủy cấp trên chỉ định (Quy định 294-QĐ/TW).'] : []),
        turnout,
      ].join('\n');
    }
    if (v.kind === 'DISCIPLINE' && v.discipline) {
      const d = v.discipline;
      const steps = d.steps.map((step) => `${d.how === 'direct' ? '' : 'cộng dồn đến '}${choiceLabel[step.form]} ${step.votes}/${v.base} (cần ${step.needed}) — ${step.reached ? 'đạt' : 'chưa đạt'}`);
      return [
        title,
        `${counts(v.options)}.`,
        d.form
          ? `Hình thức kỷ luật: ${disciplineLabel[d.form].toUpperCase()}${d.how === 'cumulative' ? ' (tính cộng dồn từ hình thức cao nhất)' : ''}.`
          : 'Không hình thức kỷ luật nào đạt tỷ lệ cần thiết, kể cả khi cộng dồn.',
        `Cách tính: ${steps.join('; ')}. Khai trừ cần từ 2/3 trở lên, các hình thức khác quá 1/2 (${ruleSource.DISCIPLINE}).`,
        turnout,
      ].join('\n');
    }
    const verb = v.form === 'SECRET' ? 'bỏ phiếu' : 'biểu quyết';
    return [
      title,
      `Tán thành: ${v.yes}/${v.base} đồng chí, đạt ${formatPercent(v.yes, v.base)} — ${verdict(v.threshold, v.passed)} (${rule(v)}).`,
      v.paper
        ? `Không tán thành: ${v.counts.no ?? 0}; ý kiến khác (bảo lưu): ${v.counts.other ?? 0}. ${turnout}`
        : `Không tán thành: ${v.counts.no ?? 0}; ý kiến khác (bảo lưu): ${v.counts.other ?? 0}; không ${verb}: ${v.eligible - v.voted} (trong ${v.eligible} đồng chí có mặt được ${verb}).`,
    ].join('\n');
  },
  secretBallot: (v: VoteView & { eligible: number; needed: number }) =>
    [
      `BỎ PHIẾU KÍN ${heading(v)}`,
      `Số đảng viên làm căn cứ (D): ${v.base}; có mặt được bỏ phiếu: ${v.eligible}. ${v.kind === 'DISCIPLINE' ? `Khai trừ cần từ 2/3 trở lên, các hình thức khác quá 1/2 (${ruleSource.DISCIPLINE}).` : `Để thông qua ${rule(v)}.`}`,
      'Phiếu được gửi riêng cho từng đồng chí qua tin nhắn riêng với bot. Bot chỉ lưu ai đã bỏ phiếu và tổng số phiếu mỗi lựa chọn, không lưu ai chọn gì.',
    ].join('\n'),
  privateBallot: (v: VoteView) =>
    [`PHIẾU KÍN ${heading(v)}`, 'Chọn một lựa chọn. Mỗi đồng chí bỏ một phiếu; đã bỏ thì không đổi được.'].join('\n'),
  secretNotice: (v: { seq: number }) => `Đã nhận phiếu của đồng chí cho cuộc bỏ phiếu số ${v.seq}. Bot không lưu đồng chí chọn gì cùng với tên.`,
  unreachable: (v: { seq: number; names: string[]; links: string[] }) =>
    `Bot chưa nhắn riêng được cho: ${v.names.join(', ')}. Các đồng chí nhắn riêng cho bot lệnh /phieu để nhận phiếu số ${v.seq}${v.links.length ? ` (mở trò chuyện riêng: ${v.links.join(' ')})` : ''}.`,
  noPendingBallot: () => 'Đồng chí không còn phiếu kín nào cần bỏ.',
  electionBallot: (v: VoteView & { eligible: number; options: string[]; seats: number | null; round: number | null }) =>
    [
      `BẦU CỬ số ${v.seq} — ${v.subject} (vòng ${v.round ?? 1}, bầu ${v.seats ?? 1} người) — BỎ PHIẾU KÍN BẰNG PHIẾU GIẤY`,
      `Ứng cử viên: ${v.options.join(', ')}.`,
      `Số đảng viên làm căn cứ (D): ${v.base}; có mặt được bỏ phiếu: ${v.eligible}. Trúng cử cần quá 1/2 của D: ít nhất ${Math.floor(v.base / 2) + 1} phiếu tán thành trên phiếu hợp lệ (${ruleSource.ELECTION}).`,
      `Ban kiểm phiếu nhập kết quả: /kiemphieu số ${v.seq} | phát ra: … | thu về: … | hợp lệ: … | ${v.options.map((o) => `${o}: …`).join(' | ')}`,
    ].join('\n'),
  paperBallot: (v: VoteView & { eligible: number; needed: number; options: string[] }) =>
    [
      `BỎ PHIẾU KÍN BẰNG PHIẾU GIẤY ${heading(v)}`,
      `Số đảng viên làm căn cứ (D): ${v.base}; có mặt được bỏ phiếu: ${v.eligible} (phát tối đa ${v.eligible} phiếu). ${v.kind === 'DISCIPLINE' ? `Khai trừ cần từ 2/3 trở lên, các hình thức khác quá 1/2 (${ruleSource.DISCIPLINE}).` : `Để thông qua ${rule(v)}.`}`,
      `Ban kiểm phiếu nhập kết quả: /kiemphieu số ${v.seq} | phát ra: … | thu về: … | hợp lệ: … | ${v.options.map((o) => `${choiceLabel[o]}: …`).join(' | ')}`,
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

/** Labels of /baucu, compared after nameKey(). */
export const electionWords: Record<string, 'seats' | 'candidates'> = {
  'so luong': 'seats', 'so nguoi': 'seats', 'so can bau': 'seats', 'ung cu vien': 'candidates', 'ung vien': 'candidates', 'danh sach': 'candidates',
};

/** "hạn: 15 phút" at the end of /bieuquyet or /bophieukin. */
export const deadlineLabel = ['han', 'thoi han', 'ket thuc sau'];

/** Labels of /kiemphieu, compared after nameKey(). */
export const paperWords: Record<string, string> = {
  'phat ra': 'issued', 'so phieu phat ra': 'issued', 'thu ve': 'collected', 'so phieu thu ve': 'collected', 'hop le': 'valid', 'phieu hop le': 'valid',
  'tan thanh': 'yes', 'dong y': 'yes', 'khong tan thanh': 'no', 'khong dong y': 'no', 'y kien khac': 'other', 'khac': 'other',
  'y kien khac (bao luu)': 'other', 'bao luu': 'other',
  'khai tru': 'KHAI_TRU', 'cach chuc': 'CACH_CHUC', 'canh cao': 'CANH_CAO', 'khien trach': 'KHIEN_TRACH', 'khong ky luat': 'none',
};
