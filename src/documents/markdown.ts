// A PartyDocument as Markdown (GitHub flavour): the same words as the .docx, in the same order.
// Every word comes from the document; this file only adds Markdown syntax, so the output is a pure
// function of its input.
import type { DocumentBlock, PartyDocument } from './party-document.ts';

/** The star that closes the organisation block of a Party document header (36-HD/VPTW). */
export const HEADER_STAR = '*';

/** How the two header columns are laid out, shared with the .docx renderer. */
export interface HeaderLayout {
  /** Left column: the upper organisations (regular), the issuing one (bold), the star, then any lines after it (e.g. the number of a resolution). */
  left: { text: string; bold: boolean }[];
  /** Right column: the Party's name (bold, a rule below), any further lines, then the place-and-date line (italic). */
  partyName: string | null;
  rightLines: string[];
  dateLine: string;
}

/**
 * Reads `header.left` as: organisation lines, optionally a "*" line, optionally lines after it.
 * The last organisation line (the issuing cell) is bold; a "*" is added after it when absent.
 */
export function headerLayout(doc: PartyDocument): HeaderLayout {
  const lines = doc.header.left;
  const starAt = lines.findIndex((line) => line.trim() === HEADER_STAR);
  const organisation = starAt === -1 ? lines : lines.slice(0, starAt);
  const after = starAt === -1 ? [] : lines.slice(starAt + 1);
  const left = [
    ...organisation.map((text, i) => ({ text, bold: i === organisation.length - 1 })),
    ...(organisation.length > 0 || starAt !== -1 ? [{ text: HEADER_STAR, bold: false }] : []),
    ...after.map((text) => ({ text, bold: false })),
  ];
  const [partyName = null, ...rightLines] = doc.header.right;
  return { left, partyName, rightLines, dateLine: doc.header.dateLine };
}

/** Splits a text on its line breaks (any of \r\n, \r, \n). */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

// Escapes the characters that would start Markdown syntax inside a line.
function inline(text: string): string {
  return text.replace(/[\\`*_[\]<~]/g, '\\$&');
}

// Escapes a line so that it cannot start a heading, quote, list item or rule.
function line(text: string): string {
  const escaped = inline(text);
  return escaped
    .replace(/^(\s*)(#{1,6}(?=\s|$)|[>+-](?=\s|$)|>)/, '$1\\$2')
    .replace(/^(\s*)(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3')
    .replace(/^(\s*)([-=])(?=[-=\s]*$)/, '$1\\$2');
}

// Lines of a paragraph joined with hard breaks (a backslash at the end of the line).
function lines(text: string, wrap: (line: string) => string = (l) => l, indent = ''): string {
  return textLines(text)
    .map((l) => l.trim())
    .map((l) => (l === '' ? '' : wrap(line(l))))
    .join(`\\\n${indent}`);
}

function emphasis(bold: boolean, italic: boolean): (text: string) => string {
  const mark = `${bold ? '**' : ''}${italic ? '*' : ''}`;
  return (text) => `${mark}${text}${[...mark].reverse().join('')}`;
}

// A table cell: pipes escaped, line breaks as <br>.
function cell(text: string, wrap: (line: string) => string = (l) => l): string {
  return textLines(text)
    .map((l) => l.trim())
    .map((l) => (l === '' ? '' : wrap(inline(l).replace(/\|/g, '\\|'))))
    .join('<br>');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: string[][], align: 'left' | 'center'): string {
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  if (width === 0) return '';
  const pad = (cells: string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? '');
  const rule = align === 'center' ? ':---:' : '---';
  return [row(pad(header)), row(pad([]).map(() => rule)), ...rows.map((r) => row(pad(r)))].join('\n');
}

function renderHeader(doc: PartyDocument): string {
  const layout = headerLayout(doc);
  const left = layout.left.map(({ text, bold }) => cell(text, bold ? emphasis(true, false) : undefined));
  const right = [
    ...(layout.partyName === null ? [] : [cell(layout.partyName, emphasis(true, false))]),
    ...layout.rightLines.map((text) => cell(text)),
    ...(layout.dateLine.trim() === '' ? [] : [cell(layout.dateLine, emphasis(false, true))]),
  ];
  const height = Math.max(left.length, right.length);
  if (height === 0) return '';
  const rows = Array.from({ length: height }, (_, i) => [left[i] ?? '', right[i] ?? '']);
  return table(rows[0]!, rows.slice(1), 'center');
}

function renderTitle(doc: PartyDocument): string {
  return doc.title
    .filter((t) => t.trim() !== '')
    .map((t, i) => (i === 0 ? `# ${inline(t.trim())}` : lines(t, emphasis(true, false))))
    .join('\n\n');
}

function renderBlock(block: DocumentBlock): string {
  switch (block.kind) {
    case 'heading':
      return `## ${inline(textLines(block.text).map((l) => l.trim()).join(' '))}`;
    case 'paragraph':
      return lines(block.text, emphasis(block.bold === true, block.italic === true));
    case 'list':
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${i + 1}. ` : '- ';
          return `${marker}${lines(item, undefined, ' '.repeat(marker.length))}`;
        })
        .join('\n');
    case 'table':
      return table(
        block.header.map((h) => cell(h)),
        block.rows.map((r) => r.map((c) => cell(c))),
        'left',
      );
  }
}

function renderSignatures(doc: PartyDocument): string {
  if (doc.signatures.length === 0) return '';
  const bold = emphasis(true, false);
  return table(
    doc.signatures.map((s) => cell(s.role, bold)),
    [doc.signatures.map((s) => (s.name === null ? '' : cell(s.name, bold)))],
    'center',
  );
}

/** The document as GitHub-flavoured Markdown, ending with one newline. */
export function renderMarkdown(doc: PartyDocument): string {
  const parts = [renderHeader(doc), renderTitle(doc), ...doc.blocks.map(renderBlock), renderSignatures(doc)];
  return `${parts.filter((p) => p.trim() !== '').join('\n\n')}\n`;
}
