// The Prisma repositories against a real, freshly migrated database: SQLite by default, PostgreSQL
// when DATABASE_URL=postgres://… (test/support/global-setup.ts). Same assertions on both.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountRef, NewCell, Store } from '../../src/app/ports.ts';
import { DomainError, type ErrorCode } from '../../src/domain/errors.ts';
import { nameKey } from '../../src/domain/names.ts';
import { openDatabase, type Db } from '../../src/storage/database.ts';
import { memberFields as member } from '../support/storage-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const T0 = new Date('2026-11-22T08:00:00.000Z');
const T1 = new Date('2026-11-22T09:30:00.000Z');
const T2 = new Date('2026-11-23T01:15:00.000Z');
const T3 = new Date('2026-11-24T12:00:00.000Z');

const founderFields = member('Nguyễn Văn An', { role: 'BI_THU', phone: '0912345678', admittedOn: '2015-02-03' });
const founderAccount: AccountRef = { channel: 'telegram', externalId: 'tg-100', displayName: 'An Nguyễn' };

const newCell = (overrides: Partial<NewCell> = {}): NewCell => ({
  name: 'Chi bộ Khu phố 1',
  organisations: [
    { name: 'Đảng bộ Phường Bến Nghé', kind: 'DANG_BO' },
    { name: 'Đảng bộ bộ phận Khu phố', kind: 'DANG_BO_BO_PHAN' },
  ],
  chat: { channel: 'telegram', chatId: '-1001', title: 'Chi bộ KP1' },
  founder: founderFields,
  founderAccount,
  ...overrides,
});

/** Resolves to the DomainError code a promise rejected with; fails when it resolved or threw something else. */
async function domainCode(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => {
      throw new Error('expected a DomainError, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

let t: TestDatabase;
let store: Store;
/** Direct client for counting rows the ports do not expose (organisations, audit entries). */
let raw: Db;

beforeEach(async () => {
  t = await createTestDatabase();
  store = t.store;
  raw = await openDatabase(t.url);
});

afterEach(async () => {
  await raw?.$disconnect();
  await t?.cleanup();
});

describe('cells', () => {
  it('create makes the cell, its organisation path, the chat binding and the founder with a linked account', async () => {
    const { cell, founder } = await store.cells.create(newCell(), T0);

    expect(cell).toEqual({
      id: expect.any(Number),
      name: 'Chi bộ Khu phố 1',
      organisationPath: ['Đảng bộ Phường Bến Nghé', 'Đảng bộ bộ phận Khu phố'],
    });
    expect(founder).toEqual({ id: expect.any(Number), seq: 1, ...founderFields });

    expect(await store.cells.findByChat('telegram', '-1001')).toEqual(cell);
    expect(await store.cells.get(cell.id)).toEqual(cell);
    expect(await store.cells.findByChat('telegram', '-9999')).toBeNull();
    expect(await store.cells.findByChat('zalo', '-1001')).toBeNull();
    expect(await store.cells.get(cell.id + 1000)).toBeNull();

    expect(await store.members.listCurrent(cell.id)).toEqual([founder]);
    expect(await store.identities.findMember(cell.id, founderAccount)).toEqual(founder);
    expect(await store.identities.linkedAccount(founder.id, 'telegram')).toBe('tg-100');
    expect(await store.identities.cellsOf(founderAccount)).toEqual([cell.id]);
  });

  it('create without organisations makes a cell with an empty path', async () => {
    const { cell } = await store.cells.create(newCell({ organisations: [] }), T0);
    expect(cell.organisationPath).toEqual([]);
    expect(await store.cells.get(cell.id)).toEqual(cell);
  });

  it('a second create for the same chat throws cell.alreadyBound and leaves one cell', async () => {
    const { cell } = await store.cells.create(newCell(), T0);
    const again = newCell({
      name: 'Chi bộ khác',
      founder: member('Trần Thị Bích', { role: 'BI_THU' }),
      founderAccount: { channel: 'telegram', externalId: 'tg-200', displayName: 'Bích' },
    });

    expect(await domainCode(store.cells.create(again, T1))).toBe('cell.alreadyBound');

    expect(await raw.cell.count()).toBe(1);
    expect(await raw.member.count()).toBe(1);
    expect(await store.cells.findByChat('telegram', '-1001')).toEqual(cell);
    expect(await store.identities.cellsOf({ channel: 'telegram', externalId: 'tg-200' })).toEqual([]);
  });

  it('reuses organisations by name, ignoring case and diacritics, under the same parent', async () => {
    const first = await store.cells.create(newCell(), T0);
    const second = await store.cells.create(
      newCell({
        name: 'Chi bộ Khu phố 2',
        organisations: [
          { name: 'DANG BO PHUONG BEN NGHE', kind: 'DANG_BO' },
          { name: 'dang bo bo phan khu pho', kind: 'DANG_BO_BO_PHAN' },
        ],
        chat: { channel: 'zalo', chatId: 'g-2' },
      }),
      T1,
    );
    // The stored spelling wins: both cells hang under the very same organisations.
    expect(await store.cells.get(second.cell.id)).toEqual({
      id: second.cell.id,
      name: 'Chi bộ Khu phố 2',
      organisationPath: first.cell.organisationPath,
    });
    expect(await raw.organisation.count()).toBe(2);

    // The same name under another parent is another organisation.
    await store.cells.create(
      newCell({
        name: 'Chi bộ Khu phố 3',
        organisations: [
          { name: 'Đảng bộ Phường Đa Kao', kind: 'DANG_BO' },
          { name: 'Đảng bộ bộ phận Khu phố', kind: 'DANG_BO_BO_PHAN' },
        ],
        chat: { channel: 'zalo', chatId: 'g-3' },
      }),
      T2,
    );
    expect(await raw.organisation.count()).toBe(4);
    const third = await store.cells.findByChat('zalo', 'g-3');
    expect(third?.organisationPath).toEqual(['Đảng bộ Phường Đa Kao', 'Đảng bộ bộ phận Khu phố']);
  });

  it('bindChat adds another chat to the cell and refuses a chat that is already bound', async () => {
    const { cell } = await store.cells.create(newCell(), T0);
    await store.cells.bindChat(cell.id, { channel: 'zalo', chatId: 'z-1', title: 'Nhóm Zalo' }, T1);
    expect(await store.cells.findByChat('zalo', 'z-1')).toEqual(cell);

    const other = await store.cells.create(newCell({ name: 'Chi bộ 2', chat: { channel: 'shell', chatId: 'local' } }), T1);
    expect(await domainCode(store.cells.bindChat(other.cell.id, { channel: 'zalo', chatId: 'z-1' }, T2))).toBe('cell.alreadyBound');
    expect(await store.cells.findByChat('zalo', 'z-1')).toEqual(cell);
  });
});

describe('members', () => {
  let cellId: number;
  let founderId: number;

  beforeEach(async () => {
    const created = await store.cells.create(newCell(), T0);
    cellId = created.cell.id;
    founderId = created.founder.id;
  });

  it('add assigns seq 2, 3, … and listCurrent returns the roll in seq order', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích', { membership: 'DU_BI', phone: '0987654321' }), founderId, T1);
    const cuong = await store.members.add(cellId, member('Lê Văn Cường', { role: 'CHI_UY_VIEN', admittedOn: '2001-09-02' }), founderId, T1);

    expect(bich).toEqual({ id: expect.any(Number), seq: 2, ...member('Trần Thị Bích', { membership: 'DU_BI', phone: '0987654321' }) });
    expect(cuong.seq).toBe(3);
    expect((await store.members.listCurrent(cellId)).map((m) => [m.seq, m.fullName])).toEqual([
      [1, 'Nguyễn Văn An'],
      [2, 'Trần Thị Bích'],
      [3, 'Lê Văn Cường'],
    ]);
  });

  it('seq is counted per cell', async () => {
    const other = await store.cells.create(newCell({ name: 'Chi bộ 2', chat: { channel: 'zalo', chatId: 'g-2' } }), T0);
    await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);
    const first = await store.members.add(other.cell.id, member('Lê Văn Cường'), other.founder.id, T1);
    expect(first.seq).toBe(2);
  });

  it('a second current member with the same name (ignoring case and diacritics) is member.duplicateName', async () => {
    expect(await domainCode(store.members.add(cellId, member('NGUYEN  VAN AN'), founderId, T1))).toBe('member.duplicateName');
    expect(await domainCode(store.members.add(cellId, member('nguyễn văn ân'), founderId, T1))).toBe('member.duplicateName');
    expect(await store.members.listCurrent(cellId)).toHaveLength(1);

    // The same name in another cell is fine.
    const other = await store.cells.create(newCell({ name: 'Chi bộ 2', chat: { channel: 'zalo', chatId: 'g-2' } }), T0);
    expect(other.founder.fullName).toBe('Nguyễn Văn An');
  });

  it('the database unique index itself forbids two current members with one name key', async () => {
    const key = nameKey('Nguyễn Văn An');
    const row = {
      cellId,
      seq: 99,
      fullName: 'Nguyen Van An',
      nameKey: key,
      membership: 'CHINH_THUC' as const,
      status: 'ACTIVE' as const,
      role: 'DANG_VIEN' as const,
      createdAt: T1,
      updatedAt: T1,
    };
    await expect(raw.member.create({ data: { ...row, activeNameKey: key } })).rejects.toMatchObject({ code: 'P2002' });
    // A removed member (activeNameKey NULL) does not collide.
    await raw.member.create({ data: { ...row, activeNameKey: null, removedAt: T1 } });
    expect(await store.members.listCurrent(cellId)).toHaveLength(1);
  });

  it('update changes the fields and keeps id and seq', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích', { membership: 'DU_BI' }), founderId, T1);
    const changed = member('Trần Thị Bích Ngọc', {
      membership: 'CHINH_THUC',
      status: 'TEMP_OUT',
      role: 'CHI_UY_VIEN',
      phone: '0900000001',
      admittedOn: '2020-05-19',
    });

    const updated = await store.members.update(cellId, bich.id, changed, founderId, T2);

    expect(updated).toEqual({ id: bich.id, seq: 2, ...changed });
    expect((await store.members.listCurrent(cellId))[1]).toEqual(updated);
    // The old name is free again, the new one is taken.
    expect((await store.members.add(cellId, member('Tran Thi Bich'), founderId, T2)).seq).toBe(3);
    expect(await domainCode(store.members.add(cellId, member('TRẦN THỊ BÍCH NGỌC'), founderId, T2))).toBe('member.duplicateName');
  });

  it("update to another current member's name is member.duplicateName", async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);
    expect(await domainCode(store.members.update(cellId, bich.id, member('Nguyen Van An'), founderId, T2))).toBe('member.duplicateName');
    expect((await store.members.listCurrent(cellId)).map((m) => m.fullName)).toEqual(['Nguyễn Văn An', 'Trần Thị Bích']);
  });

  it('remove is soft: off the roll, name reusable, identity gone, a second remove returns false', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);
    const account: AccountRef = { channel: 'zalo', externalId: 'z-bich', displayName: 'Bích' };
    await store.identities.link(cellId, bich.id, account, founderId, T1);
    expect(await store.identities.findMember(cellId, account)).toEqual(bich);

    expect(await store.members.remove(cellId, bich.id, founderId, T2)).toBe(true);

    expect((await store.members.listCurrent(cellId)).map((m) => m.id)).toEqual([founderId]);
    expect(await store.identities.findMember(cellId, account)).toBeNull();
    expect(await store.identities.linkedAccount(bich.id, 'zalo')).toBeNull();
    expect(await store.identities.cellsOf(account)).toEqual([]);
    expect(await store.identities.cellsWithName(nameKey('Trần Thị Bích'))).toEqual([]);

    // Soft: the row is still there, marked removed.
    const row = await raw.member.findUniqueOrThrow({ where: { id: bich.id } });
    expect(row.removedAt).toEqual(T2);
    expect(row.fullName).toBe('Trần Thị Bích');

    expect(await store.members.remove(cellId, bich.id, founderId, T3)).toBe(false);

    // The name can be reused; seq is never reused.
    const again = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T3);
    expect(again.id).not.toBe(bich.id);
    expect(again.seq).toBe(3);
  });

  it('remove of a member of another cell returns false and changes nothing', async () => {
    const other = await store.cells.create(newCell({ name: 'Chi bộ 2', chat: { channel: 'zalo', chatId: 'g-2' } }), T0);
    expect(await store.members.remove(other.cell.id, founderId, other.founder.id, T1)).toBe(false);
    expect(await store.members.listCurrent(cellId)).toHaveLength(1);
  });

  it('importRoster adds new names, updates changed ones, leaves equal ones and reports the counts', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích', { membership: 'DU_BI' }), founderId, T1);
    const cuong = await store.members.add(cellId, member('Lê Văn Cường'), founderId, T1);

    const summary = await store.members.importRoster(
      cellId,
      [
        founderFields, // unchanged
        member('Trần Thị Bích', { membership: 'CHINH_THUC', phone: '0911222333' }), // updated
        member('LE VAN CUONG'), // matched by name key, spelling differs: updated
        member('Phạm Thị Dung', { status: 'EXEMPT' }), // added
        member('Hoàng Văn Em', { membership: 'DU_BI' }), // added
      ],
      founderId,
      T2,
    );

    expect(summary).toEqual({ added: 2, updated: 2, unchanged: 1 });
    const roll = await store.members.listCurrent(cellId);
    expect(roll).toEqual([
      { id: founderId, seq: 1, ...founderFields },
      { id: bich.id, seq: 2, ...member('Trần Thị Bích', { membership: 'CHINH_THUC', phone: '0911222333' }) },
      { id: cuong.id, seq: 3, ...member('LE VAN CUONG') },
      { id: expect.any(Number), seq: 4, ...member('Phạm Thị Dung', { status: 'EXEMPT' }) },
      { id: expect.any(Number), seq: 5, ...member('Hoàng Văn Em', { membership: 'DU_BI' }) },
    ]);

    // Importing the same rows again changes nothing.
    expect(
      await store.members.importRoster(cellId, roll.map(({ id: _id, seq: _seq, ...fields }) => fields), founderId, T3),
    ).toEqual({ added: 0, updated: 0, unchanged: 5 });
  });

  it('importRoster with two rows of one name key rolls back the whole call', async () => {
    await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);
    const before = await store.members.listCurrent(cellId);
    const auditsBefore = await raw.auditEntry.count();

    const code = await domainCode(
      store.members.importRoster(
        cellId,
        [
          member('Trần Thị Bích', { phone: '0911222333' }), // would update
          member('Phạm Thị Dung'), // would add
          member('Lê Văn Cường'),
          member('le van cuong', { membership: 'DU_BI' }),
        ],
        founderId,
        T2,
      ),
    );

    expect(code).toBe('member.duplicateName');
    expect(await store.members.listCurrent(cellId)).toEqual(before);
    expect(await raw.member.count({ where: { cellId } })).toBe(2);
    expect(await raw.auditEntry.count()).toBe(auditsBefore);
    // Nothing was taken: the next member gets the next seq.
    expect((await store.members.add(cellId, member('Phạm Thị Dung'), founderId, T3)).seq).toBe(3);
  });
});

describe('processed events', () => {
  it('claim is true the first time and false for a replay of the same (channel, eventId)', async () => {
    expect(await store.events.claim('telegram', 'u-1', T0)).toBe(true);
    expect(await store.events.claim('telegram', 'u-1', T1)).toBe(false);
    expect(await store.events.claim('zalo', 'u-1', T1)).toBe(true);
    expect(await store.events.claim('telegram', 'u-2', T1)).toBe(true);
  });

  it('pruneBefore deletes only rows older than the cut-off', async () => {
    await store.events.claim('telegram', 'old', T0);
    await store.events.claim('zalo', 'old', T1);
    await store.events.claim('telegram', 'edge', T2);
    await store.events.claim('telegram', 'new', T3);

    expect(await store.events.pruneBefore(T2)).toBe(2);
    expect(await store.events.pruneBefore(T2)).toBe(0);

    // Pruned events can be claimed again; the kept ones are still replays.
    expect(await store.events.claim('telegram', 'edge', T3)).toBe(false);
    expect(await store.events.claim('telegram', 'new', T3)).toBe(false);
    expect(await store.events.claim('telegram', 'old', T3)).toBe(true);
  });
});

describe('prompts', () => {
  const payload = {
    question: 'Chốt danh sách dự họp?',
    options: [
      { id: 'yes', label: 'Đồng ý' },
      { id: 'no', label: 'Không' },
    ],
    memberIds: [1, 2, 3],
    meta: { nested: true, note: null, count: 0 },
  };

  it('create and get round-trip the prompt and its JSON payload', async () => {
    const { cell } = await store.cells.create(newCell(), T0);
    await store.prompts.create(
      { id: 'p-1', cellId: cell.id, channel: 'telegram', chatId: '-1001', chatKind: 'group', kind: 'confirm', payload },
      T1,
    );
    await store.prompts.create(
      { id: 'p-2', cellId: null, channel: 'shell', chatId: 'me', chatKind: 'private', kind: 'choose', payload: 'just text' },
      T1,
    );

    expect(await store.prompts.get('p-1')).toMatchObject({
      id: 'p-1',
      cellId: cell.id,
      channel: 'telegram',
      chatId: '-1001',
      chatKind: 'group',
      messageId: null,
      kind: 'confirm',
      payload,
      closedAt: null,
    });
    expect(await store.prompts.get('p-2')).toMatchObject({ cellId: null, chatKind: 'private', payload: 'just text' });
    expect(await store.prompts.get('missing')).toBeNull();

    await store.prompts.setMessage('p-1', 'msg-77');
    expect((await store.prompts.get('p-1'))?.messageId).toBe('msg-77');
  });

  it('close returns true once, then false', async () => {
    await store.prompts.create(
      { id: 'p-1', cellId: null, channel: 'zalo', chatId: 'g', chatKind: 'group', kind: 'confirm', payload },
      T0,
    );
    expect(await store.prompts.close('p-1', T1)).toBe(true);
    expect(await store.prompts.close('p-1', T2)).toBe(false);
    expect((await store.prompts.get('p-1'))?.closedAt).toEqual(T1);
    expect(await store.prompts.close('missing', T2)).toBe(false);
  });
});

describe('identities', () => {
  let cellId: number;
  let founderId: number;
  const bichAccount: AccountRef = { channel: 'zalo', externalId: 'z-bich', displayName: 'Bích Trần' };

  beforeEach(async () => {
    const created = await store.cells.create(newCell(), T0);
    cellId = created.cell.id;
    founderId = created.founder.id;
  });

  it('requestLink, pendingRequest and an approving decide (once) link the account', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);

    const request = await store.identities.requestLink(cellId, bich.id, bichAccount, T1);
    expect(request).toEqual({ id: expect.any(Number), cellId, memberId: bich.id, account: bichAccount, status: 'PENDING' });
    expect(await store.identities.pendingRequest(cellId, bichAccount)).toEqual(request);
    expect(await store.identities.pendingRequest(cellId, { channel: 'telegram', externalId: 'z-bich' })).toBeNull();
    expect(await store.identities.findMember(cellId, bichAccount)).toBeNull();

    expect(await store.identities.decide(request.id, true, founderId, T2)).toBe(true);
    expect(await store.identities.decide(request.id, true, founderId, T3)).toBe(false);
    expect(await store.identities.decide(request.id, false, founderId, T3)).toBe(false);

    expect(await store.identities.pendingRequest(cellId, bichAccount)).toBeNull();
    expect(await store.identities.findMember(cellId, bichAccount)).toEqual(bich);
    expect(await store.identities.cellsOf(bichAccount)).toEqual([cellId]);
    expect(await store.identities.linkedAccount(bich.id, 'zalo')).toBe('z-bich');
    const stored = await raw.linkRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ status: 'APPROVED', decidedAt: T2, decidedById: founderId });
  });

  it('a rejecting decide links nothing and cannot be decided again', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);
    const request = await store.identities.requestLink(cellId, bich.id, bichAccount, T1);

    expect(await store.identities.decide(request.id, false, founderId, T2)).toBe(true);
    expect(await store.identities.decide(request.id, true, founderId, T3)).toBe(false);

    expect(await store.identities.findMember(cellId, bichAccount)).toBeNull();
    expect(await store.identities.cellsOf(bichAccount)).toEqual([]);
    expect(await store.identities.pendingRequest(cellId, bichAccount)).toBeNull();
  });

  it('a second account for an already linked member is link.memberTaken, and its request stays pending', async () => {
    const bich = await store.members.add(cellId, member('Trần Thị Bích'), founderId, T1);
    const first = await store.identities.requestLink(cellId, bich.id, bichAccount, T1);
    expect(await store.identities.decide(first.id, true, founderId, T2)).toBe(true);

    const intruder: AccountRef = { channel: 'zalo', externalId: 'z-other', displayName: 'Bích (giả)' };
    const second = await store.identities.requestLink(cellId, bich.id, intruder, T2);
    expect(await domainCode(store.identities.decide(second.id, true, founderId, T3))).toBe('link.memberTaken');

    // The whole decision rolled back.
    expect(await store.identities.pendingRequest(cellId, intruder)).toEqual(second);
    expect(await store.identities.findMember(cellId, intruder)).toBeNull();
    expect(await store.identities.linkedAccount(bich.id, 'zalo')).toBe('z-bich');

    // link() directly is guarded the same way.
    expect(await domainCode(store.identities.link(cellId, bich.id, intruder, founderId, T3))).toBe('link.memberTaken');
  });

  it('one account can be linked in several cells', async () => {
    const other = await store.cells.create(
      newCell({ name: 'Chi bộ 2', chat: { channel: 'zalo', chatId: 'g-2' }, founder: member('Đỗ Thị Ánh', { role: 'BI_THU' }) }),
      T1,
    );
    expect((await store.identities.cellsOf(founderAccount)).sort((a, b) => a - b)).toEqual([cellId, other.cell.id].sort((a, b) => a - b));
    expect(await store.identities.findMember(other.cell.id, founderAccount)).toEqual(other.founder);
  });

  it('cellsWithName finds the cells with a current member of that name key', async () => {
    const other = await store.cells.create(
      newCell({
        name: 'Chi bộ 2',
        chat: { channel: 'zalo', chatId: 'g-2' },
        founder: member('Đỗ Thị Ánh', { role: 'BI_THU' }),
        founderAccount: { channel: 'zalo', externalId: 'z-anh', displayName: 'Ánh' },
      }),
      T1,
    );
    const third = await store.cells.create(
      newCell({
        name: 'Chi bộ 3',
        chat: { channel: 'shell', chatId: 'local' },
        founder: member('Lê Văn Cường', { role: 'BI_THU' }),
        founderAccount: { channel: 'shell', externalId: 'me', displayName: 'Cường' },
      }),
      T1,
    );
    const anhInThird = await store.members.add(third.cell.id, member('Đỗ  Thị Ánh'), third.founder.id, T2);

    const found = await store.identities.cellsWithName(nameKey('ĐỖ THỊ ÁNH'));
    expect(found.sort((a, b) => a - b)).toEqual([other.cell.id, third.cell.id].sort((a, b) => a - b));
    expect(await store.identities.cellsWithName(nameKey('Nguyễn Văn An'))).toEqual([cellId]);
    expect(await store.identities.cellsWithName('khong co ai')).toEqual([]);

    await store.members.remove(third.cell.id, anhInThird.id, third.founder.id, T3);
    expect(await store.identities.cellsWithName('do thi anh')).toEqual([other.cell.id]);
  });
});

describe('guards under concurrent calls', () => {
  it('concurrent creates for one chat: exactly one cell, the others are cell.alreadyBound', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        store.cells.create(
          newCell({
            name: `Chi bộ ${i}`,
            organisations: [],
            founder: member(`Người Lập ${i}`, { role: 'BI_THU' }),
            founderAccount: { channel: 'telegram', externalId: `tg-${i}`, displayName: `${i}` },
          }),
          T0,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(DomainError);
        expect((r.reason as DomainError).code).toBe('cell.alreadyBound');
      }
    }
    expect(await raw.cell.count()).toBe(1);
  });

  it('concurrent adds of different members get distinct roll numbers; the same name twice is refused once', async () => {
    const { cell, founder } = await store.cells.create(newCell(), T0);
    const names = ['Lê Văn Một', 'Lê Văn Hai', 'Lê Văn Ba', 'Lê Văn Bốn', 'Lê Văn Năm'];
    const added = await Promise.all(names.map((n) => store.members.add(cell.id, member(n), founder.id, T1)));
    expect(added.map((m) => m.seq).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
    const twice = await Promise.allSettled([1, 2].map(() => store.members.add(cell.id, member('Lê Văn Sáu'), founder.id, T1)));
    expect(twice.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = twice.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as DomainError).code).toBe('member.duplicateName');
    expect((await store.members.listCurrent(cell.id)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('concurrent claims of one event: exactly one wins', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => store.events.claim('zalo', 'dup-event', T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('concurrent closes of one prompt: exactly one wins', async () => {
    await store.prompts.create({ id: 'p-c', cellId: null, channel: 'zalo', chatId: 'g', chatKind: 'group', kind: 'confirm', payload: {} }, T0);
    const results = await Promise.all([T1, T2, T3].map((at) => store.prompts.close('p-c', at)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('concurrent decisions on one request: exactly one wins and the account is linked once', async () => {
    const { cell, founder } = await store.cells.create(newCell(), T0);
    const bich = await store.members.add(cell.id, member('Trần Thị Bích'), founder.id, T1);
    const account: AccountRef = { channel: 'zalo', externalId: 'z-bich', displayName: 'Bích' };
    const request = await store.identities.requestLink(cell.id, bich.id, account, T1);

    const results = await Promise.all([true, true, false].map((approve) => store.identities.decide(request.id, approve, founder.id, T2)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await raw.memberIdentity.count({ where: { memberId: bich.id } })).toBeLessThanOrEqual(1);
    const stored = await raw.linkRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(await store.identities.findMember(cell.id, account)).toEqual(stored.status === 'APPROVED' ? bich : null);
  });
});
