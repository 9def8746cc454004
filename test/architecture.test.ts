// The layering rules of docs/decisions/0001-layout.md, checked on the source itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
const all = files(src).map((file) => ({ path: relative(src, file), code: readFileSync(file, 'utf8') }));
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
const imports = (code: string) => [...code.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
// Letters that only Vietnamese text has (not plain ASCII): a user-facing sentence or word list.
const VIETNAMESE = /[ăâđêôơưàáạảãằắặẳẵầấậẩẫèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]/i;

describe('architecture', () => {
  it('keeps the domain pure: it imports only the domain (and pure calendar tables) and never reads the clock', () => {
    for (const file of all.filter((f) => f.path.startsWith('domain/'))) {
      // @dqcai/vn-lunar is lookup tables and arithmetic (docs/decisions/0004-meetings.md).
      for (const target of imports(file.code)) expect(target, `${file.path} imports ${target}`).toMatch(/^(\.\/[\w-]+\.ts|@dqcai\/vn-lunar)$/);
      expect(withoutComments(file.code), file.path).not.toMatch(/Date\.now\(\)|new Date\(\)/);
    }
  });

  it('reads the system time only in scheduler/clock.ts', () => {
    for (const file of all.filter((f) => f.path !== 'scheduler/clock.ts')) {
      expect(withoutComments(file.code), file.path).not.toMatch(/Date\.now\(\)|new Date\(\)/);
    }
  });

  it('keeps channel adapters free of storage and use cases', () => {
    for (const file of all.filter((f) => f.path.startsWith('channels/'))) {
      for (const target of imports(file.code)) expect(target, `${file.path} imports ${target}`).not.toMatch(/storage|\/app\/|commands|generated/);
    }
  });

  it('writes Vietnamese text only in src/text', () => {
    for (const file of all.filter((f) => !f.path.startsWith('text/'))) {
      const offending = withoutComments(file.code).split('\n').filter((line) => VIETNAMESE.test(line));
      expect(offending, file.path).toEqual([]);
    }
  });

  it('lets only storage and main know Prisma', () => {
    for (const file of all.filter((f) => !f.path.startsWith('storage/'))) {
      for (const target of imports(file.code)) expect(target, `${file.path} imports ${target}`).not.toMatch(/prisma|generated/);
    }
  });
});
