// Reports as files a secretary copies from: CSV (UTF-8 with a byte-order mark, so that Excel on Windows
// reads Vietnamese right) and .xlsx (one sheet per table, through exceljs). Headers come from src/text.
import { stringify } from 'csv-stringify/sync';

export interface ReportTable {
  /** Sheet name: at most 31 characters, none of : \ / ? * [ ]. */
  name: string;
  /** A line above the table in the .xlsx (the cell, the period). */
  title: string;
  columns: { header: string; kind?: 'text' | 'number' | 'percent' }[];
  /** Percent cells hold a fraction (0.8718 shows as 87,18 %). */
  rows: (string | number | null)[][];
}

const BOM = '\uFEFF';
/** With a CRLF record delimiter csv-stringify quotes only values holding the full CRLF; a bare line break must be quoted too. */
const CSV_OPTIONS = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ };

export function toCsv(table: ReportTable): Uint8Array {
  const text = stringify([table.columns.map((c) => c.header), ...table.rows.map((r) => r.map((v) => (v === null ? '' : v)))], CSV_OPTIONS);
  return new TextEncoder().encode(BOM + text);
}

/** Several tables in one CSV, separated by a blank line, each under its title. */
export function toCsvAll(tables: ReportTable[]): Uint8Array {
  const parts = tables.map((t) => stringify([[t.title], t.columns.map((c) => c.header), ...t.rows.map((r) => r.map((v) => (v === null ? '' : v)))], CSV_OPTIONS));
  return new TextEncoder().encode(BOM + parts.join('\r\n'));
}

const safeSheetName = (name: string, taken: Set<string>) => {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 28)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
};

export async function toXlsx(tables: ReportTable[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first export, not at start-up
  const workbook = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(safeSheetName(table.name, taken));
    sheet.addRow([table.title]).font = { bold: true, size: 13 };
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    for (const row of table.rows) sheet.addRow(row); // null stays a blank cell
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      if (c.kind === 'percent') column.numFmt = '0.00%';
      const widest = Math.max(c.header.length, ...table.rows.map((r) => String(r[i] ?? '').length));
      column.width = Math.min(60, Math.max(8, widest + 2));
    });
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
