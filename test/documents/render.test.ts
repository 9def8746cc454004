import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { DOCX_MIME_TYPE, PAGE, renderDocx, renderFiles } from '../../src/documents/docx.ts';
import { renderMarkdown } from '../../src/documents/markdown.ts';
import type { PartyDocument } from '../../src/documents/party-document.ts';

const minutes: PartyDocument = {
  fileName: 'bien-ban-chi-bo-thang-12-2026',
  header: {
    left: ['ĐẢNG BỘ PHƯỜNG BẾN THÀNH', 'CHI BỘ TỔ DÂN PHỐ 5'],
    right: ['ĐẢNG CỘNG SẢN VIỆT NAM'],
    dateLine: 'Bến Thành, ngày 05 tháng 12 năm 2026',
  },
  title: ['BIÊN BẢN', 'SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026'],
  blocks: [
    { kind: 'paragraph', text: 'Hôm nay, vào lúc 19 giờ 00 phút ngày 05/12/2026, tại Nhà văn hóa khu phố 5, Chi bộ Tổ dân phố 5 tiến hành sinh hoạt thường kỳ tháng 12 năm 2026.' },
    { kind: 'heading', text: 'I. THÀNH PHẦN' },
    { kind: 'paragraph', text: 'Chủ trì: đồng chí Nguyễn Thị Lan, Bí thư Chi bộ. Thư ký: đồng chí Lê Văn Cường.' },
    { kind: 'paragraph', text: 'Tổng số đảng viên: 5 đồng chí; có mặt: 4 đồng chí; vắng có lý do: 1 đồng chí.' },
    {
      kind: 'table',
      header: ['STT', 'Họ và tên', 'Có mặt / Vắng', 'Ghi chú'],
      rows: [
        ['1', 'Nguyễn Thị Lan', 'Có mặt', 'Bí thư'],
        ['2', 'Trần Văn Bình', 'Có mặt', ''],
        ['3', 'Lê Văn Cường', 'Có mặt', 'Thư ký'],
        ['4', 'Phạm Thị Dung', 'Vắng có lý do', 'Đi công tác | Đà Nẵng'],
        ['5', 'Hoàng Văn Em', 'Có mặt', 'Đảng viên dự bị'],
      ],
    },
    { kind: 'heading', text: 'II. NỘI DUNG' },
    {
      kind: 'list',
      ordered: true,
      items: [
        'Thông tin thời sự trong nước, quốc tế và của địa phương.',
        'Đánh giá kết quả thực hiện nghị quyết tháng 11 năm 2026.',
        'Phương hướng, nhiệm vụ tháng 01 năm 2027.',
      ],
    },
    { kind: 'heading', text: 'III. Ý KIẾN THẢO LUẬN' },
    {
      kind: 'list',
      ordered: false,
      items: [
        'Đồng chí Trần Văn Bình: đề nghị tăng cường vận động bà con giữ gìn vệ sinh môi trường.',
        'Đồng chí Hoàng Văn Em: thống nhất với dự thảo nghị quyết.',
      ],
    },
    { kind: 'heading', text: 'IV. KẾT QUẢ BIỂU QUYẾT' },
    { kind: 'paragraph', text: 'Nghị quyết được 4/5 đồng chí tán thành, đạt tỷ lệ 80%.', bold: true },
    { kind: 'paragraph', text: 'Buổi sinh hoạt kết thúc lúc 21 giờ 00 phút cùng ngày. Biên bản đã được đọc lại và thông qua.', italic: true },
  ],
  signatures: [
    { role: 'THƯ KÝ', name: 'Lê Văn Cường' },
    { role: 'CHỦ TRÌ', name: 'Nguyễn Thị Lan' },
  ],
};

// The words the reader must find, in reading order.
const words = [
  'ĐẢNG BỘ PHƯỜNG BẾN THÀNH',
  'CHI BỘ TỔ DÂN PHỐ 5',
  'ĐẢNG CỘNG SẢN VIỆT NAM',
  'Bến Thành, ngày 05 tháng 12 năm 2026',
  'BIÊN BẢN',
  'SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026',
  ...minutes.blocks.flatMap((b) => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return [b.text];
      case 'list':
        return b.items;
      case 'table':
        return [...b.header, ...b.rows.flat()].filter((c) => c !== '');
    }
  }),
];
// Markdown writes the signatures row by row (roles, then names); Word's reading order is cell by cell.
const signaturesByRow = ['THƯ KÝ', 'CHỦ TRÌ', 'Lê Văn Cường', 'Nguyễn Thị Lan'];
const signaturesByCell = ['THƯ KÝ', 'Lê Văn Cường', 'CHỦ TRÌ', 'Nguyễn Thị Lan'];

function expectInOrder(text: string, expected: string[]): void {
  let from = 0;
  for (const word of expected) {
    const at = text.indexOf(word, from);
    expect(at, `"${word}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + word.length;
  }
}

async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file('word/document.xml')!.async('string');
}

describe('Markdown', () => {
  const md = renderMarkdown(minutes);
  const lines = md.split('\n');

  it('puts the two-column header in a small table', () => {
    expect(lines.slice(0, 4)).toEqual([
      '| ĐẢNG BỘ PHƯỜNG BẾN THÀNH | **ĐẢNG CỘNG SẢN VIỆT NAM** |',
      '| :---: | :---: |',
      '| **CHI BỘ TỔ DÂN PHỐ 5** | *Bến Thành, ngày 05 tháng 12 năm 2026* |',
      '| \\* |  |',
    ]);
  });

  it('writes the title, headings, paragraphs and lists', () => {
    expect(lines).toContain('# BIÊN BẢN');
    expect(lines).toContain('**SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026**');
    expect(lines).toContain('## I. THÀNH PHẦN');
    expect(lines).toContain('## III. Ý KIẾN THẢO LUẬN');
    expect(lines).toContain('Tổng số đảng viên: 5 đồng chí; có mặt: 4 đồng chí; vắng có lý do: 1 đồng chí.');
    expect(lines).toContain('1. Thông tin thời sự trong nước, quốc tế và của địa phương.');
    expect(lines).toContain('3. Phương hướng, nhiệm vụ tháng 01 năm 2027.');
    expect(lines).toContain('- Đồng chí Hoàng Văn Em: thống nhất với dự thảo nghị quyết.');
    expect(lines).toContain('**Nghị quyết được 4/5 đồng chí tán thành, đạt tỷ lệ 80%.**');
    expect(lines).toContain('*Buổi sinh hoạt kết thúc lúc 21 giờ 00 phút cùng ngày. Biên bản đã được đọc lại và thông qua.*');
  });

  it('writes tables as GitHub tables, escaping pipes', () => {
    const at = lines.indexOf('| STT | Họ và tên | Có mặt / Vắng | Ghi chú |');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 7)).toEqual([
      '| --- | --- | --- | --- |',
      '| 1 | Nguyễn Thị Lan | Có mặt | Bí thư |',
      '| 2 | Trần Văn Bình | Có mặt |  |',
      '| 3 | Lê Văn Cường | Có mặt | Thư ký |',
      '| 4 | Phạm Thị Dung | Vắng có lý do | Đi công tác \\| Đà Nẵng |',
      '| 5 | Hoàng Văn Em | Có mặt | Đảng viên dự bị |',
    ]);
  });

  it('ends with the signatures side by side', () => {
    expect(md.endsWith('| **THƯ KÝ** | **CHỦ TRÌ** |\n| :---: | :---: |\n| **Lê Văn Cường** | **Nguyễn Thị Lan** |\n')).toBe(true);
  });

  it('keeps everything in order, separated by blank lines, and is deterministic', () => {
    // The header table reads row by row; from the title on, the words come in the document's order.
    expectInOrder(md, ['ĐẢNG BỘ PHƯỜNG BẾN THÀNH', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ TỔ DÂN PHỐ 5', 'Bến Thành, ngày 05 tháng 12 năm 2026']);
    expectInOrder(md, [...words.slice(words.indexOf('BIÊN BẢN')), ...signaturesByRow].map((w) => w.replace(/\|/g, '\\|')));
    expect(md).not.toMatch(/\n{3,}/);
    expect(renderMarkdown(minutes)).toBe(md);
  });

  it('escapes Markdown syntax in the text and keeps line breaks', () => {
    const doc: PartyDocument = {
      ...minutes,
      header: { left: ['CHI BỘ 1', '*', 'Số 05-NQ/CB'], right: ['ĐẢNG CỘNG SẢN VIỆT NAM'], dateLine: '' },
      blocks: [
        { kind: 'paragraph', text: '1. Đây không phải danh sách' },
        { kind: 'paragraph', text: '# không phải tiêu đề, *không* nghiêng, <b>thẻ</b>' },
        { kind: 'paragraph', text: 'dòng một\ndòng hai' },
        { kind: 'list', ordered: false, items: [] },
        { kind: 'table', header: ['A'], rows: [['x\ny']] },
      ],
      signatures: [{ role: 'T/M CHI BỘ\nBÍ THƯ', name: null }],
    };
    expect(renderMarkdown(doc).split('\n')).toEqual([
      '| **CHI BỘ 1** | **ĐẢNG CỘNG SẢN VIỆT NAM** |',
      '| :---: | :---: |',
      '| \\* |  |',
      '| Số 05-NQ/CB |  |',
      '',
      '# BIÊN BẢN',
      '',
      '**SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026**',
      '',
      '1\\. Đây không phải danh sách',
      '',
      '\\# không phải tiêu đề, \\*không\\* nghiêng, \\<b>thẻ\\</b>',
      '',
      'dòng một\\',
      'dòng hai',
      '',
      '| A |',
      '| --- |',
      '| x<br>y |',
      '',
      '| **T/M CHI BỘ**<br>**BÍ THƯ** |',
      '| :---: |',
      '|  |',
      '',
    ]);
  });
});

describe('.docx', () => {
  it('holds every heading, paragraph, list item, table cell and signature, in order', async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await renderDocx(minutes)) });
    expectInOrder(value, [...words, ...signaturesByCell]);
    // Lists are numbered in the text itself, without Word numbering.
    expectInOrder(value, ['1. Thông tin thời sự', '2. Đánh giá', '3. Phương hướng', '- Đồng chí Trần Văn Bình', '- Đồng chí Hoàng Văn Em']);
  });

  it('is A4 with 36-HD/VPTW margins, all in Times New Roman, 14 pt body', async () => {
    const xml = await documentXml(await renderDocx(minutes));
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 20 mm top and bottom, 30 mm left, 15 mm right.
    expect(PAGE.margin).toEqual({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    const fonts = [...xml.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(20);
    for (const f of fonts) expect(f).toBe('w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"');
    const runs = [...xml.matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => m[1]!);
    expect(runs.every((r) => r.includes('<w:rFonts'))).toBe(true);
    // Body paragraphs: 14 pt, justified, first-line indent.
    const paragraph = runs.find((r) => r.includes('Tổng số đảng viên'))!;
    expect(paragraph).toContain('<w:sz w:val="28"/>');
    expect(xml).toMatch(/<w:ind w:firstLine="567"\/><w:jc w:val="both"\/><\/w:pPr><w:r><w:rPr>[^]*?Tổng số đảng viên/);
    // Party name 15 pt bold; document type 15 pt bold.
    expect(runs.find((r) => r.includes('ĐẢNG CỘNG SẢN VIỆT NAM'))).toMatch(/<w:b\/>.*<w:sz w:val="30"\/>/);
    expect(runs.find((r) => r.includes('>BIÊN BẢN<'))).toMatch(/<w:b\/>.*<w:sz w:val="30"\/>/);
    expect(runs.find((r) => r.includes('Bến Thành, ngày'))).toContain('<w:i/>');
  });

  it('lays the header out as a borderless two-column table, the Party name with a rule below', async () => {
    const xml = await documentXml(await renderDocx(minutes));
    const tables = xml.match(/<w:tbl>.*?<\/w:tbl>/g)!;
    expect(tables).toHaveLength(3); // header, roll, signatures
    const [header, roll, signatures] = tables as [string, string, string];
    expect(xml.indexOf('<w:body><w:tbl>')).toBeGreaterThan(0);
    const headerBorders = header.match(/<w:tblBorders>(.*?)<\/w:tblBorders>/)![1]!;
    const sides = [...headerBorders.matchAll(/<w:(\w+) w:val="(\w+)"/g)].map((m) => [m[1], m[2]]);
    expect(sides).toEqual(['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => [s, 'none']));
    expect(header).not.toMatch(/w:val="single"[^>]*w:sz="4"/);
    expect(header.match(/<w:gridCol /g)).toHaveLength(2);
    const [left, right] = header.split('</w:tc>') as [string, string];
    expect(left).toContain('ĐẢNG BỘ PHƯỜNG BẾN THÀNH');
    expect(left).toMatch(/<w:b\/>.*CHI BỘ TỔ DÂN PHỐ 5/);
    expect(left).toContain('>*</w:t>');
    expect(right).toMatch(/ĐẢNG CỘNG SẢN VIỆT NAM.*<w:pBdr><w:top w:val="single"/);
    // Data tables have borders; the signatures do not.
    expect(roll).toContain('<w:insideV w:val="single"');
    expect(roll).toContain('<w:tblHeader/>');
    expect(signatures).toContain('<w:insideV w:val="none"');
    expect(signatures).toMatch(/THƯ KÝ.*Lê Văn Cường.*CHỦ TRÌ.*Nguyễn Thị Lan/);
  });

  it('puts a single signature on the right half and leaves room when there is no name', async () => {
    const xml = await documentXml(await renderDocx({ ...minutes, signatures: [{ role: 'T/M CHI BỘ\nBÍ THƯ', name: null }] }));
    const signatures = xml.match(/<w:tbl>.*?<\/w:tbl>/g)!.at(-1)!;
    const cells = signatures.split('</w:tc>');
    expect(cells[0]).not.toMatch(/<w:t[ >]/);
    expect(cells[1]).toMatch(/T\/M CHI BỘ<\/w:t><\/w:r><w:r>.*<w:br\/><w:t xml:space="preserve">BÍ THƯ/);
  });

  it('writes the same document.xml every time (only the package dates come from the clock)', async () => {
    expect(await documentXml(await renderDocx(minutes))).toBe(await documentXml(await renderDocx(minutes)));
  });
});

describe('renderFiles', () => {
  it('gives the Markdown and the Word file, named after the document', async () => {
    const files = await renderFiles(minutes);
    expect(files.map((f) => [f.name, f.mimeType])).toEqual([
      ['bien-ban-chi-bo-thang-12-2026.md', 'text/markdown'],
      ['bien-ban-chi-bo-thang-12-2026.docx', DOCX_MIME_TYPE],
    ]);
    expect(new TextDecoder().decode(files[0]!.bytes)).toBe(renderMarkdown(minutes));
    expect(DOCX_MIME_TYPE).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect([...files[1]!.bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });
});
