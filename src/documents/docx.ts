// A PartyDocument as a Word file laid out after Hướng dẫn 36-HD/VPTW (2018) on the format of Party
// documents: A4, Times New Roman, a borderless two-column header, centred bold title, justified body,
// signatures side by side at the foot. Every word comes from the document given.
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { headerLayout, renderMarkdown, textLines } from './markdown.ts';
import type { DocumentBlock, PartyDocument, RenderedFile } from './party-document.ts';

export const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const MARKDOWN_MIME_TYPE = 'text/markdown';

const FONT = 'Times New Roman';

/** Sizes in half-points. */
export const SIZES = {
  /** Body text, headings, header organisation lines and signatures: 14 pt. */
  body: 28,
  /** "ĐẢNG CỘNG SẢN VIỆT NAM" and the document type (first title line): 15 pt. */
  party: 30,
  title: 30,
  /** Text inside data tables: 13 pt. */
  table: 26,
} as const;

/** Twips per millimetre (1 inch = 1440 twips = 25.4 mm). */
const mm = (value: number) => Math.round((value * 1440) / 25.4);

/** A4 portrait, margins 20 / 20 / 30 / 15 mm (top, bottom, left, right): the smallest of each range in 36-HD/VPTW. */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
} as const;

const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** First-line indent of body paragraphs: 10 mm. */
const FIRST_LINE = mm(10);
/** 6 pt after each paragraph, lines 1.2 apart (36-HD asks for at least 6 pt and single to 1.5 lines). */
const BODY_SPACING = { before: 0, after: 120, line: 288, lineRule: LineRuleType.AUTO } as const;
const TIGHT = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } as const;
/** Cell padding of the borderless layout tables (header and signatures). */
const CELL_PADDING = 60;
/** Empty lines left between a signature's role and its name. */
const SIGNING_LINES = 4;

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_LINE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const GRID_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const CELL_NO_BORDERS = { top: NO_LINE, bottom: NO_LINE, left: NO_LINE, right: NO_LINE };

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
}

// The runs of a text, its line breaks kept as breaks.
function runs(text: string, style: RunStyle = {}): TextRun[] {
  return textLines(text).map(
    (line, i) =>
      new TextRun({
        text: line,
        font: FONT,
        size: style.size ?? SIZES.body,
        ...(style.bold === true ? { bold: true } : {}),
        ...(style.italic === true ? { italics: true } : {}),
        ...(i > 0 ? { break: 1 } : {}),
      }),
  );
}

function centred(text: string, style: RunStyle = {}, spacing: { before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...TIGHT, ...spacing },
    children: runs(text, style),
  });
}

function body(text: string, style: RunStyle = {}, extra: { keepNext?: boolean; spacingBefore?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE },
    spacing: { ...BODY_SPACING, before: extra.spacingBefore ?? 0 },
    ...(extra.keepNext === true ? { keepNext: true } : {}),
    children: runs(text, style),
  });
}

// Rough advance widths of Times New Roman in em, enough to size the header columns and the rule
// under the Party's name. Accents are dropped first (a letter keeps its base letter's width).
function charEm(c: string, bold: boolean): number {
  if (c === ' ') return 0.25;
  if (/[0-9]/.test(c)) return 0.5;
  if (c !== c.toLowerCase()) {
    if (c === 'I' || c === 'J') return bold ? 0.39 : 0.33;
    if (c === 'M' || c === 'W') return bold ? 0.96 : 0.91;
    return bold ? 0.75 : 0.72;
  }
  if (c !== c.toUpperCase()) {
    if (/[ijlft]/.test(c)) return 0.3;
    if (c === 'm' || c === 'w') return 0.76;
    return bold ? 0.52 : 0.48;
  }
  return 0.3;
}

/** The estimated width in twips of a line of text (1 half-point of font size = 10 twips per em). */
export function textWidth(text: string, halfPoints: number, bold = false): number {
  const base = text.normalize('NFD').replace(/\p{M}/gu, '');
  const em = [...base].reduce((sum, c) => sum + charEm(c, bold), 0);
  return Math.ceil(em * halfPoints * 10);
}

// A thin rule as long as the Party's name, centred under it: an empty paragraph 2 pt high with a top border.
function ruleUnder(text: string, columnWidth: number): Paragraph {
  const room = columnWidth - 2 * CELL_PADDING;
  const length = Math.min(room, textWidth(text, SIZES.party, true));
  const indent = Math.max(0, Math.floor((room - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

// A borderless table, used to put blocks side by side (the header, the signatures).
function layoutTable(columns: { width: number; children: Paragraph[] }[], keepTogether: boolean): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
    rows: [
      new TableRow({
        cantSplit: keepTogether,
        children: columns.map(
          (c) =>
            new TableCell({
              width: { size: c.width, type: WidthType.DXA },
              borders: CELL_NO_BORDERS,
              verticalAlign: VerticalAlignTable.TOP,
              children: c.children.length > 0 ? c.children : [new Paragraph({ children: [] })],
            }),
        ),
      }),
    ],
  });
}

/**
 * The left column is as wide as its longest line needs (so "ĐẢNG BỘ PHƯỜNG ..." stays on one line),
 * between 35 % and 50 % of the text width; the right column takes the rest.
 */
function headerWidths(left: { text: string; bold: boolean }[]): [number, number] {
  const need = Math.max(0, ...left.map(({ text, bold }) => textWidth(text, SIZES.body, bold))) + 2 * CELL_PADDING + 120;
  const width = Math.min(Math.round(TEXT_WIDTH * 0.5), Math.max(Math.round(TEXT_WIDTH * 0.35), need));
  return [width, TEXT_WIDTH - width];
}

function header(doc: PartyDocument): Table {
  const layout = headerLayout(doc);
  const [leftWidth, rightWidth] = headerWidths(layout.left);
  const left = layout.left.map(({ text, bold }) => centred(text, { bold }));
  const right = [
    ...(layout.partyName === null
      ? []
      : [centred(layout.partyName, { bold: true, size: SIZES.party }), ruleUnder(layout.partyName, rightWidth)]),
    ...layout.rightLines.map((text) => centred(text)),
    ...(layout.dateLine.trim() === '' ? [] : [centred(layout.dateLine, { italic: true }, { before: 240 })]),
  ];
  return layoutTable(
    [
      { width: leftWidth, children: left },
      { width: rightWidth, children: right },
    ],
    true,
  );
}

function title(doc: PartyDocument): Paragraph[] {
  const lines = doc.title.filter((t) => t.trim() !== '');
  return lines.map((text, i) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { ...TIGHT, before: i === 0 ? 480 : 0, after: i === lines.length - 1 ? 360 : 0 },
      children: runs(text, { bold: true, size: i === 0 ? SIZES.title : SIZES.body }),
    }),
  );
}

// Column widths of a data table: in proportion to the longest text of each column, within bounds.
function columnWidths(header: string[], rows: string[][], count: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => {
    const longest = Math.max(0, ...[header, ...rows].map((r) => Math.max(0, ...textLines(r[i] ?? '').map((l) => l.length))));
    return Math.min(40, Math.max(4, longest));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  widths[count - 1]! += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function dataTable(block: Extract<DocumentBlock, { kind: 'table' }>): (Table | Paragraph)[] {
  const count = Math.max(block.header.length, ...block.rows.map((r) => r.length));
  if (count === 0) return [];
  const widths = columnWidths(block.header, block.rows, count);
  const row = (cells: string[], isHeader: boolean) =>
    new TableRow({
      ...(isHeader ? { tableHeader: true } : {}),
      cantSplit: true,
      children: widths.map(
        (width, i) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                alignment: isHeader ? AlignmentType.CENTER : AlignmentType.LEFT,
                spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO },
                children: runs(cells[i] ?? '', { bold: isHeader, size: SIZES.table }),
              }),
            ],
          }),
      ),
    });
  const rows = [...(block.header.length > 0 ? [row(block.header, true)] : []), ...block.rows.map((r) => row(r, false))];
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: GRID_BORDERS,
      margins: { left: 80, right: 80, top: 0, bottom: 0 },
      rows,
    }),
    // Space after the table, which has none of its own.
    new Paragraph({ spacing: { ...TIGHT, after: 120 }, children: [] }),
  ];
}

function block(b: DocumentBlock): (Table | Paragraph)[] {
  switch (b.kind) {
    case 'heading':
      return [body(b.text, { bold: true }, { keepNext: true, spacingBefore: 120 })];
    case 'paragraph':
      return [body(b.text, { bold: b.bold === true, italic: b.italic === true })];
    case 'list':
      // Numbers and dashes written out, so the file needs no numbering definitions.
      return b.items.map((item, i) => body(`${b.ordered ? `${i + 1}.` : '-'} ${item}`));
  }
  return dataTable(b);
}

// The signatures side by side; a single one goes on the right half, as on paper.
function signatures(doc: PartyDocument): (Table | Paragraph)[] {
  if (doc.signatures.length === 0) return [];
  const cells = doc.signatures.map((s) => [
    centred(s.role, { bold: true }),
    ...Array.from({ length: SIGNING_LINES }, () => centred('')),
    ...(s.name === null ? [] : [centred(s.name, { bold: true })]),
  ]);
  const columns = cells.length === 1 ? [[], cells[0]!] : cells;
  const width = Math.floor(TEXT_WIDTH / columns.length);
  return [
    new Paragraph({ spacing: { ...TIGHT, before: 240 }, keepNext: true, children: [] }),
    layoutTable(
      columns.map((children, i) => ({ width: i === columns.length - 1 ? TEXT_WIDTH - width * i : width, children })),
      true,
    ),
  ];
}

/** The document as a .docx file. */
export async function renderDocx(doc: PartyDocument): Promise<Uint8Array> {
  const issuer = headerLayout(doc).left.find((line) => line.bold)?.text ?? '';
  const file = new Document({
    title: doc.title.join(' '),
    // Without these docx writes "Un-named".
    creator: issuer,
    lastModifiedBy: issuer,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZES.body, language: { value: 'vi-VN' } },
          paragraph: { spacing: TIGHT },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...PAGE.margin, header: mm(10), footer: mm(10), gutter: 0 },
          },
        },
        children: [header(doc), ...title(doc), ...doc.blocks.flatMap(block), ...signatures(doc)],
      },
    ],
  });
  const buffer = await Packer.toBuffer(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The Markdown and the Word file, named after `doc.fileName`. */
export async function renderFiles(doc: PartyDocument): Promise<RenderedFile[]> {
  return [
    { name: `${doc.fileName}.md`, mimeType: MARKDOWN_MIME_TYPE, bytes: new TextEncoder().encode(renderMarkdown(doc)) },
    { name: `${doc.fileName}.docx`, mimeType: DOCX_MIME_TYPE, bytes: await renderDocx(doc) },
  ];
}
