// Every examples/*.txt script is run as a newcomer would (`npm start -- --script FILE`, a fresh SQLite
// file), and its transcript must equal examples/<name>.expected.txt, so the README's promises stay true.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scripts = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.txt') && !f.endsWith('.expected.txt'));

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs a script on a fresh database, with no LLM endpoint (nothing may leave the machine). Files the bot
 * sends are saved in `files` for the test to read, and shown as data/files in the transcript, where a
 * newcomer's run saves them.
 */
function runScript(script: string) {
  const dir = mkdtempSync(join(tmpdir(), 'chibo-e2e-'));
  scratch.push(dir);
  const files = join(dir, 'files');
  // A script with a history beside it (examples/<name>.seed.json) runs on that history, as the README shows.
  const seed = script.replace(/\.txt$/, '.seed.json');
  const seedArgs = existsSync(join(root, 'examples', seed)) ? ['--seed', `examples/${seed}`] : [];
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/main.ts', ...seedArgs, '--script', `examples/${script}`], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env, DATABASE_URL: `file:${join(dir, 'chibo.db')}`, CHANNELS: '', TELEGRAM_BOT_TOKEN: '', ZALO_ENABLED: '',
      OPENAI_BASE_URL: '', SHELL_FILE_DIR: files,
    },
  });
  return { stdout: result.stdout.split(files).join(join('data', 'files')), stderr: result.stderr, status: result.status, files };
}

describe('example shell scripts', () => {
  it.each(scripts)('%s prints its expected transcript and exits 0', (script) => {
    const { stdout, stderr, status } = runScript(script);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(readFileSync(join(root, 'examples', script.replace(/\.txt$/, '.expected.txt')), 'utf8'));
  });

  it('roster.txt: imports 40 members, counts them right, refuses a stranger and a plain member', () => {
    const { stdout } = runScript('roster.txt');
    expect(stdout).toContain('Đã nhập danh sách: thêm mới 39, cập nhật 1, giữ nguyên 0.');
    expect(stdout).toContain('Tổng số: 40 đảng viên; chính thức: 38; dự bị: 2.\nTrong đó miễn sinh hoạt: 1.');
    expect(stdout).toMatch(/» Phạm Văn Lạ @ nhóm chibo: \/themdv[^\n]*\n\[nhóm chibo\] Bot:\nBạn chưa có trong danh sách chi bộ/);
    expect(stdout).toMatch(/» Huỳnh Kim Oanh @ nhóm chibo: \/xoadv 5\n\[nhóm chibo\] Bot:\nLệnh \/xoadv chỉ dành cho Bí thư/);
    // The second press on a used confirmation removes nothing more.
    expect(stdout.match(/Đã xoá 41\. Vũ Thị Mai/g)).toHaveLength(1);
    expect(stdout).toContain('Câu hỏi này đã được trả lời hoặc đã đóng.');
  });

  it('meeting-month.txt: the rule drafts, reminders reach only non-responders, the roll gives D and the duration check', () => {
    const { stdout } = runScript('meeting-month.txt');
    const reminders = [...stdout.matchAll(/\(gắn thẻ (\d+) đồng chí\)\nNHẮC LỊCH: còn ([^\n]+) nữa/g)].map((m) => [Number(m[1]), m[2]]);
    expect(reminders).toEqual([[10, '3 ngày'], [8, '1 ngày'], [8, '1 giờ']]);
    expect(stdout).toContain('Chỉ Bí thư, Phó Bí thư hoặc Chi ủy viên trả lời được câu hỏi này.');
    expect(stdout).toContain('Thời gian này đã qua.');
    expect(stdout).toMatch(/» Ngô Kim Chi @ nhóm chibo: \/thamdu\n\[nhóm chibo\] Bot:\nCuộc họp số 1 đã bắt đầu hoặc đã kết thúc/);
    expect(stdout).toContain('Số đảng viên làm căn cứ biểu quyết (D): 35 (không tính 1 đồng chí miễn sinh hoạt vắng mặt, 2 đồng chí vắng có lý do được chi ủy chấp nhận); có mặt được biểu quyết: 32.');
    expect(stdout).toContain('Tỷ lệ dự họp: 34/39 = 87,18%.');
    expect(stdout).toContain('Thời lượng: 105 phút — đạt thời lượng tối thiểu 90 phút.');
    expect(stdout).toContain('Tiêu chí dự họp (trên 85%, không ai vắng không lý do): chưa đạt — có đồng chí vắng không lý do.');
  });

  it('votes.txt: an ordinary resolution, an admission at 2/3, a discipline by electronic secret ballot, a paper ballot', () => {
    const { stdout } = runScript('votes.txt');
    expect(stdout).toContain('Tán thành: 5/7 đồng chí, đạt 71,43% — THÔNG QUA, quá 1/2');
    expect(stdout).toContain('Tán thành: 5/7 đồng chí, đạt 71,43% — THÔNG QUA, đủ 2/3');
    expect(stdout).toContain('Đảng viên dự bị không có quyền biểu quyết (Điều lệ Đảng, Điều 3).');
    expect(stdout).toMatch(/» Nguyễn Văn Bình @ nhóm chibo: \/bieuquyet kỷ luật \| Võ Đức Đạt\n\[nhóm chibo\] Bot:\nKỷ luật và bầu cử phải bỏ phiếu kín/);
    // The ballots go to the seven voters' private chats, none to the probationary member.
    expect(stdout.match(/\[riêng: [^\]]+\] Bot:\nPHIẾU KÍN số 3/g)).toHaveLength(7);
    expect(stdout).not.toContain('[riêng: Dương Đức Thắng] Bot:\nPHIẾU KÍN');
    expect(stdout).toContain('Hình thức kỷ luật: KHIỂN TRÁCH (tính cộng dồn từ hình thức cao nhất).');
    expect(stdout).toContain('Tổng các lựa chọn (6) khác số phiếu hợp lệ (7). Kiểm tra lại, chưa ghi kết quả.');
    expect(stdout).toContain('Tán thành: 6/7 đồng chí, đạt 85,71% — THÔNG QUA, đủ 2/3');
    expect(stdout).toContain('Các đồng chí Huỳnh Kim Oanh, Phạm Ngọc Yến bằng phiếu ở vị trí cuối: bầu lại giữa các đồng chí này.');
    expect(stdout).toContain('KẾT QUẢ BẦU CỬ số 6 — Chi ủy viên (vòng 2, 1 người)');
  });

  it('minutes.txt: tags become an approved draft, the biên bản .docx holds the reconciled roll, tasks are reminded and reviewed', async () => {
    const { stdout, files } = runScript('minutes.txt');
    // Tags are acknowledged to their author only; a marked text is refused and never stored.
    expect(stdout).toContain('[thông báo riêng cho Trần Thị Hoa]\n✓ Đã ghi việc (T7): thực hiện: Lê Minh Tuấn; hạn 20/12/2026.');
    expect(stdout).toContain('Nội dung có dấu độ mật «MẬT». Luật Bảo vệ bí mật nhà nước 2018');
    // The draft goes to the thư ký privately; the group sees the conclusions only after approval.
    const approvedAt = stdout.indexOf('KẾT LUẬN CUỘC HỌP SỐ 1');
    expect(stdout.indexOf('[riêng: Trần Thị Hoa] Bot:\nDỰ THẢO KẾT LUẬN')).toBeGreaterThan(0);
    expect(stdout.indexOf('[riêng: Trần Thị Hoa] Bot:\nDỰ THẢO KẾT LUẬN')).toBeLessThan(approvedAt);
    expect(stdout.slice(0, approvedAt)).not.toMatch(/\[nhóm chibo\] Bot:\n[^\n]*Chi bộ thống nhất hoàn thành thu đảng phí/);
    expect(stdout).toContain('• Việc số 3: Chuẩn bị hồ sơ đề nghị kết nạp quần chúng Trần Văn Nam — thực hiện: Chi ủy, hạn 31/12/2026');
    // The reminders fire as the clock moves: before the deadline to the owner, after it to the chi ủy.
    expect(stdout).toContain('[riêng: Lê Minh Tuấn] Bot:\nNhắc việc: còn 3 ngày đến hạn (20/12/2026) — Việc số 1');
    expect(stdout).toContain('[riêng: Hoàng Quốc Sơn] Bot:\nNhắc việc: còn 1 ngày đến hạn (25/12/2026) — Việc số 2');
    expect(stdout).toContain('[riêng: Nguyễn Văn Bình] Bot:\nViệc quá hạn: Việc số 2');
    expect(stdout).toContain('✗ Việc số 2: Thu đủ đảng phí quý IV — thực hiện: Hoàng Quốc Sơn, hạn 25/12/2026 — QUÁ HẠN, chưa hoàn thành.');
    // The .docx opens and holds the header, the reconciled roll, the vote and the tasks.
    const docx = (await mammoth.extractRawText({ path: join(files, 'bien-ban-cuoc-hop-so-1.docx') })).value;
    for (const line of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ TỔ DÂN PHỐ 5', 'BIÊN BẢN', 'SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026']) expect(docx).toContain(line);
    const roll = (label: string) => new RegExp(`${label}\\s+(\\d+)`).exec(docx)?.[1];
    expect([roll('Tổng số đảng viên của chi bộ'), roll('Có mặt'), roll('Vắng có lý do'), roll('Vắng không có lý do')]).toEqual(['9', '7', '2', '0']);
    expect(docx).toContain('Huỳnh Kim Oanh — vắng có lý do: đi viện');
    expect(docx).toContain('Tán thành: 5/8 đồng chí, đạt 62,50% — THÔNG QUA, quá 1/2');
    expect(docx).toContain('Việc số 2: Thu đủ đảng phí quý IV — thực hiện: Hoàng Quốc Sơn, hạn 25/12/2026');
    const resolution = readFileSync(join(files, 'nghi-quyet-cuoc-hop-so-1.md'), 'utf8');
    expect(resolution).toContain('Nghị quyết được 5/8 đồng chí tán thành, đạt 62,50%.');
  });

  it('bao-cao-nam-2025.txt: a seeded year gives the reports, charts and files the README promises', async () => {
    const { stdout, files } = runScript('bao-cao-nam-2025.txt');
    expect(stdout).toContain('Đã nạp lịch sử mẫu: 3 chi bộ, 36 cuộc họp.');
    expect(stdout).toContain('Tỷ lệ dự họp: 87/91 = 95,60% (vắng có lý do 1, vắng không lý do 3).');
    expect(stdout).toContain('⚠ Vắng không lý do 3 tháng trong năm (tháng 2/2025, tháng 5/2025, tháng 8/2025)');
    expect(stdout).toContain('Sinh hoạt thường kỳ: 11/12 tháng đã qua; không họp: tháng 7/2025; chưa có biên bản: tháng 10/2025.');
    expect(stdout).toContain('quý 2/2025: 0 — THIẾU chuyên đề');
    expect(stdout).toContain('Cuộc họp đã tổ chức: 36. Tỷ lệ dự họp: 254/264 = 96,21%.');
    // The member-level report went to the bí thư's private chat only.
    expect(stdout).toMatch(/\[riêng: Nguyễn Văn An\] Bot:\nĐẢNG VIÊN NĂM 2025/);
    expect(stdout).not.toMatch(/\[nhóm kp1\] Bot:\nĐẢNG VIÊN NĂM/);
    const { PNG } = await import('pngjs');
    expect(PNG.sync.read(readFileSync(join(files, 'bieu-do-diem-chi-bo-2-2025.png'))).height).toBe(500);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(files, 'bao-cao-dang-bo-1-2025.xlsx'));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Các chi bộ', 'Lịch sinh hoạt']);
  });
});
