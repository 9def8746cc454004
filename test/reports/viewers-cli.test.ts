// npm run danguy: the operator lists organisations, gives and takes the đảng ủy's view; mistakes change nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runViewersCommand } from '../../src/reports/viewers-cli.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { newCell } from '../support/storage-fixtures.ts';

let db: TestDatabase;
const clock = new ManualClock(new Date('2026-11-23T01:00:00Z'));

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.cleanup();
});

describe('npm run danguy', () => {
  it('gives an account the view of a đảng bộ, lists it, and takes it back', async () => {
    await db.store.cells.create(newCell({ organisations: [{ name: 'Đảng bộ phường Bến Thành', kind: 'DANG_BO' }, { name: 'Đảng bộ bộ phận Khối trường học', kind: 'DANG_BO_BO_PHAN' }] }), clock.now());
    const [top] = await db.store.organisations.all();
    const granted = await runViewersCommand(db.store, clock, ['cap', String(top!.id), 'telegram:123456789', 'Lê', 'Thị', 'Thu']);
    expect(granted).toEqual({ ok: true, text: 'Đã cấp cho đồng chí Lê Thị Thu quyền xem toàn Đảng bộ phường Bến Thành (và các đảng bộ bộ phận, chi bộ trực thuộc).' });
    expect(await db.store.organisations.viewedBy({ channel: 'telegram', externalId: '123456789' })).toEqual([top!.id]);
    const listed = await runViewersCommand(db.store, clock, []);
    expect(listed.text).toBe([
      `[${top!.id}] Đảng bộ phường Bến Thành`,
      '    xem: Lê Thị Thu (telegram:123456789)',
      `  [${top!.id + 1}] Đảng bộ bộ phận Khối trường học (đảng bộ bộ phận)`,
    ].join('\n'));
    expect(await runViewersCommand(db.store, clock, ['thu', String(top!.id), 'telegram:123456789'])).toEqual({ ok: true, text: 'Đã thu hồi quyền xem Đảng bộ phường Bến Thành.' });
    expect(await db.store.organisations.viewedBy({ channel: 'telegram', externalId: '123456789' })).toEqual([]);
    expect((await runViewersCommand(db.store, clock, ['thu', String(top!.id), 'telegram:123456789'])).ok).toBe(false);
  });

  it('refuses an unknown organisation, a malformed account or a missing name without storing anything', async () => {
    await db.store.cells.create(newCell(), clock.now());
    const [top] = await db.store.organisations.all();
    expect(await runViewersCommand(db.store, clock, ['cap', '999', 'telegram:1', 'A'])).toEqual({ ok: false, text: 'Không có đảng bộ mã 999. Chạy npm run danguy để xem danh sách.' });
    expect((await runViewersCommand(db.store, clock, ['cap', String(top!.id), 'fax:1', 'A'])).text).toContain('Mã tài khoản "fax:1" chưa đúng');
    expect((await runViewersCommand(db.store, clock, ['cap', String(top!.id), 'zalo:81234'])).ok).toBe(false);
    expect((await runViewersCommand(db.store, clock, ['xoa'])).text).toContain('npm run danguy -- cap');
    expect(await db.store.organisations.viewersOf(top!.id)).toEqual([]);
  });
});
