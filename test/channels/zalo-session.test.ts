// The Zalo session on disk: credentials only their owner can read, one listener per account across
// processes, and the QR code drawn in a terminal.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { lockListener, readCredentials, saveCredentials, ZaloSessionError } from '../../src/channels/zalo/session.ts';
import { qrModules, renderQr } from '../../src/channels/zalo/qr-terminal.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'zalo-session-'));
const credentials = { imei: 'imei-1', cookie: [{ key: 'zpw_sek', value: 'secret', domain: 'chat.zalo.me' }], userAgent: 'Mozilla/5.0' };

describe('credentials', () => {
  it('are written readable by the owner only (0600), also over a file that was open to others', () => {
    const fresh = join(dir(), 'nested', 'zalo.json');
    saveCredentials(fresh, credentials);
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(readCredentials(fresh)).toEqual(credentials);
    const open = join(dir(), 'zalo.json');
    writeFileSync(open, '{}', { mode: 0o644 });
    saveCredentials(open, credentials);
    expect(statSync(open).mode & 0o777).toBe(0o600);
  });

  it('missing or broken: a clear message telling the operator to log in', () => {
    const d = dir();
    expect(() => readCredentials(join(d, 'none.json'))).toThrowError(/npm run zalo:login/);
    writeFileSync(join(d, 'bad.json'), JSON.stringify({ imei: '' }));
    expect(() => readCredentials(join(d, 'bad.json'))).toThrowError(ZaloSessionError);
  });
});

describe('the listener lock', () => {
  it('refuses a second listener while the first process runs, and frees the lock on release', () => {
    const lock = join(dir(), 'zalo.json.lock');
    const release = lockListener(lock);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    expect(() => lockListener(lock)).toThrowError(new RegExp(`pid ${process.pid}`));
    release();
    lockListener(lock)();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const lock = join(dir(), 'zalo.json.lock');
    writeFileSync(lock, '2147483646'); // no such process
    const release = lockListener(lock);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    release();
  });
});

describe('the QR code in the terminal', () => {
  /** A 21×21 pattern (finder squares in three corners, a diagonal inside) drawn as a PNG, 4 px a module, margin 8 px. */
  function qrPng(): { modules: boolean[][]; png: Uint8Array } {
    const n = 21;
    const finder = (r: number, c: number) => {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      return ring === 3 || ring <= 1;
    };
    const modules = Array.from({ length: n }, (_, r) =>
      Array.from({ length: n }, (_, c) => {
        if (r < 7 && c < 7) return finder(r, c);
        if (r < 7 && c >= n - 7) return finder(r, c - (n - 7));
        if (r >= n - 7 && c < 7) return finder(r - (n - 7), c);
        return r > 7 && c > 7 && (r + c) % 3 === 0;
      }),
    );
    const scale = 4;
    const margin = 8;
    const png = new PNG({ width: n * scale + 2 * margin, height: n * scale + 2 * margin });
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const r = Math.floor((y - margin) / scale);
        const c = Math.floor((x - margin) / scale);
        const dark = y >= margin && x >= margin && modules[r]?.[c] === true;
        const i = (y * png.width + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = dark ? 0 : 255;
        png.data[i + 3] = 255;
      }
    }
    return { modules, png: PNG.sync.write(png) };
  }

  it('reads the modules back from the picture', () => {
    const { modules, png } = qrPng();
    expect(qrModules(png)).toEqual(modules);
  });

  it('draws two module rows per line with a quiet zone, dark where the code is dark', () => {
    const { modules, png } = qrPng();
    const lines = renderQr(qrModules(png)).split('\n');
    expect(lines).toHaveLength(Math.ceil((21 + 4) / 2));
    // Each cell is one half block: upper colour from the even row, lower from the odd one.
    const cells = lines.map((line) => [...line.matchAll(/\x1b\[(\d+);(\d+)m▀/g)].map((m) => [m[1] === '30', m[2] === '40']));
    for (const row of cells) expect(row).toHaveLength(25);
    expect(cells[0]!.every(([top, bottom]) => !top && !bottom)).toBe(true);
    // Row 2 of the picture (the first QR row) is the top of line 1; row 3 its bottom.
    expect(cells[1]!.slice(2, 23).map(([top]) => top)).toEqual(modules[0]);
    expect(cells[1]!.slice(2, 23).map(([, bottom]) => bottom)).toEqual(modules[1]);
  });
});
