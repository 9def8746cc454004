import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPrompt, promptPlaceholders } from '../../src/llm/prompts.ts';

const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => writeFileSync(join(dir, `${name}.md`), text);

describe('loadPrompt', () => {
  it('fills every {{placeholder}} by name, spaces inside the braces allowed', () => {
    write('greet', 'Chào {{name}}, chi bộ {{ cell }}. Lần nữa: {{name}}.\n');
    expect(loadPrompt('greet', { name: 'An', cell: 'Số 1' }, dir)).toBe('Chào An, chi bộ Số 1. Lần nữa: An.');
  });

  it('throws a clear error naming a placeholder that has no value', () => {
    write('missing', 'Ngày {{meetingDate}}, chi bộ {{cellName}}');
    expect(() => loadPrompt('missing', { cellName: 'Số 1' }, dir)).toThrow(/missing.*\{\{meetingDate\}\}/);
    // A renamed variable is not accepted in place of the old one.
    expect(() => loadPrompt('missing', { cellName: 'Số 1', date: '2026-01-08' }, dir)).toThrow(/\{\{meetingDate\}\}/);
    // Nor does an inherited property count as a value.
    write('proto', '{{constructor}}');
    expect(() => loadPrompt('proto', {}, dir)).toThrow(/\{\{constructor\}\}/);
  });

  it('replaces in one pass: a value that contains "{{x}}" is sent as it is', () => {
    write('once', 'A={{a}} B={{b}}');
    expect(loadPrompt('once', { a: '{{b}}', b: 'x' }, dir)).toBe('A={{b}} B=x');
  });

  it('ignores values that the template does not use', () => {
    write('plain', 'Không có biến.');
    expect(loadPrompt('plain', { extra: '1' }, dir)).toBe('Không có biến.');
  });

  it('caches the file contents', () => {
    write('cached', 'v1 {{x}}');
    expect(loadPrompt('cached', { x: '1' }, dir)).toBe('v1 1');
    write('cached', 'v2 {{x}}');
    expect(loadPrompt('cached', { x: '1' }, dir)).toBe('v1 1');
  });

  it('rejects unknown templates and names that could leave the folder', () => {
    expect(() => loadPrompt('nope', {}, dir)).toThrow(/nope.*not found/);
    expect(() => loadPrompt('../etc/passwd', {}, dir)).toThrow(/Invalid prompt name/);
  });

  it('ships the minutes templates with the expected placeholders', () => {
    expect(promptPlaceholders('minutes-system').sort()).toEqual(
      ['cellName', 'context', 'meetingDate', 'meetingKind', 'members', 'topic', 'year'].sort(),
    );
    expect(promptPlaceholders('minutes-chunk').sort()).toEqual(['part', 'parts', 'sources']);
    const system = loadPrompt('minutes-system', {
      cellName: 'Chi bộ Khu phố 3', meetingKind: 'Sinh hoạt chi bộ thường kỳ', meetingDate: '2026-01-08', year: '2026',
      topic: '-', members: '- Nguyễn Văn An', context: '-',
    });
    expect(system).toContain('Chi bộ Khu phố 3');
    expect(system).toContain('YYYY-MM-DD');
    expect(system).not.toMatch(/\{\{/);
    expect(loadPrompt('minutes-chunk', { part: '2', parts: '3', sources: '[L1] x' })).toContain('phần 2/3');
  });
});
