// Roster import from CSV: headers in Vietnamese (with or without diacritics) or English, comma,
// semicolon or tab separated, UTF-8 with or without BOM. Every bad row is reported by line number.
import { parse } from 'csv-parse/sync';
import type { ImportProblem, ImportRow } from '../app/roster.ts';
import { DomainError } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import type { MemberFields } from '../domain/roster.ts';
import { words } from '../text/vi.ts';
import { parseAdmissionDate, parseFullName, parsePhone } from './member-input.ts';

type Column = keyof MemberFields;

export interface ParsedCsv {
  rows: ImportRow[];
  problems: ImportProblem[];
  ignoredColumns: string[];
}

export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('import.notUtf8');
  }
}

function detectDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

function cellValue(column: Column, raw: string, today: string): Partial<MemberFields> {
  const value = raw.trim();
  const key = nameKey(value);
  switch (column) {
    case 'fullName':
      return { fullName: parseFullName(value) };
    case 'membership':
      if (!value) throw new DomainError('member.membershipMissing');
      if (!words.membership[key]) throw new DomainError('member.fieldUnknown', { value });
      return { membership: words.membership[key] };
    case 'status':
      if (!value) return { status: 'ACTIVE' };
      if (!words.status[key]) throw new DomainError('member.fieldUnknown', { value });
      return { status: words.status[key] };
    case 'role':
      if (!value) return { role: 'DANG_VIEN' };
      if (!words.role[key]) throw new DomainError('member.fieldUnknown', { value });
      return { role: words.role[key] };
    case 'phone':
      return { phone: value ? parsePhone(value) : null };
    case 'admittedOn':
      return { admittedOn: value ? parseAdmissionDate(value, today) : null };
  }
}

export function parseRosterCsv(source: string, today: string): ParsedCsv {
  // One line ending everywhere: csv-parse takes a lone \r for the record delimiter after a CRLF header.
  const content = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const headerLine = content.split(/\r?\n/, 1)[0] ?? '';
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(content, {
      delimiter: detectDelimiter(headerLine),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; raw: string; info: { lines: number } }[];
  } catch (error) {
    throw new DomainError('import.unreadable', { line: (error as { lines?: number }).lines ?? '?' });
  }
  const [header, ...data] = records;
  if (!header) throw new DomainError('import.empty');
  const columns = header.record.map((h) => words.csvHeader[nameKey(h)] ?? null);
  if (!columns.includes('fullName')) throw new DomainError('import.noNameColumn');
  if (!columns.includes('membership')) throw new DomainError('import.noMembershipColumn');
  const ignoredColumns = header.record.filter((h, i) => columns[i] === null && h.trim() && !['stt', '#', 'tt'].includes(nameKey(h)));
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const { record, raw, info } of data) {
    if (record.every((cell) => !cell.trim())) continue;
    // info.lines is where the record ends; a quoted cell may span lines, so count back to its start.
    const line = info.lines - (raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
    const fields: Partial<MemberFields> = { status: 'ACTIVE', role: 'DANG_VIEN', phone: null, admittedOn: null };
    let rowOk = true;
    const seen = new Set<Column>();
    columns.forEach((column, i) => {
      if (!column || seen.has(column)) return;
      seen.add(column);
      try {
        Object.assign(fields, cellValue(column, record[i] ?? '', today));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rowOk = false;
        problems.push({ line, code: error.code, vars: error.vars });
      }
    });
    if (rowOk) rows.push({ line, fields: fields as MemberFields });
  }
  if (!rows.length && !problems.length) throw new DomainError('import.empty');
  return { rows, problems, ignoredColumns };
}
