import { describe, expect, it } from 'vitest';
import {
  adviseRoster,
  checkRoster,
  countRoster,
  MAX_COMMITTEE_SIZE,
  type CellRole,
  type MemberFields,
  type RosterMember,
  sortForDisplay,
} from '../../src/domain/roster.ts';

const member = (fullName: string, over: Partial<MemberFields> = {}): MemberFields => ({
  fullName,
  membership: 'CHINH_THUC',
  status: 'ACTIVE',
  role: 'DANG_VIEN',
  phone: null,
  admittedOn: null,
  ...over,
});

/** A 40-member roll: 38 chính thức, 2 dự bị, one of them exempt from meetings, a committee of 3. */
function fortyMemberRoll(): MemberFields[] {
  const roll = Array.from({ length: 40 }, (_, i) => member(`Đảng Viên Số ${i + 1}`));
  roll[0] = member('Nguyễn Văn An', { role: 'BI_THU' });
  roll[1] = member('Trần Thị Bích', { role: 'PHO_BI_THU' });
  roll[2] = member('Lê Văn Cường', { role: 'CHI_UY_VIEN' });
  roll[10] = member('Phạm Văn Dũng', { status: 'EXEMPT' });
  roll[38] = member('Hoàng Thị Em', { membership: 'DU_BI' });
  roll[39] = member('Vũ Văn Phúc', { membership: 'DU_BI' });
  return roll;
}

describe('countRoster', () => {
  it('counts a 40-member roll with 38 chính thức, 2 dự bị and 1 miễn sinh hoạt', () => {
    const counts = countRoster(fortyMemberRoll());
    expect(counts).toMatchObject({ total: 40, official: 38, probationary: 2, committee: 3 });
    expect(counts.byStatus).toEqual({ ACTIVE: 39, EXEMPT: 1, TEMP_OUT: 0, TEMP_IN: 0, SUSPENDED: 0, PROSECUTED: 0 });
  });

  it.each([
    ['an empty roll', [], { total: 0, official: 0, probationary: 0, committee: 0 }],
    ['one dự bị member', [member('A B', { membership: 'DU_BI' })], { total: 1, official: 0, probationary: 1, committee: 0 }],
    [
      'a bí thư and a chi ủy viên',
      [member('A B', { role: 'BI_THU' }), member('C D', { role: 'CHI_UY_VIEN' }), member('E F')],
      { total: 3, official: 3, probationary: 0, committee: 2 },
    ],
  ])('counts %s', (_label, roll, expected) => {
    expect(countRoster(roll)).toMatchObject(expected);
  });

  it.each([
    ['EXEMPT'],
    ['TEMP_OUT'],
    ['TEMP_IN'],
    ['SUSPENDED'],
    ['PROSECUTED'],
  ] as const)('counts members with status %s separately while keeping them in the total', (status) => {
    const counts = countRoster([member('A B'), member('C D', { status }), member('E F', { status })]);
    expect(counts.total).toBe(3);
    expect(counts.byStatus[status]).toBe(2);
    expect(counts.byStatus.ACTIVE).toBe(1);
  });
});

describe('checkRoster', () => {
  it('finds nothing wrong with a valid 40-member roll', () => {
    expect(checkRoster(fortyMemberRoll())).toEqual([]);
  });

  it('finds nothing wrong with an empty roll', () => {
    expect(checkRoster([])).toEqual([]);
  });

  it('accepts a committee of exactly the maximum size', () => {
    const roll = [
      member('Bí Thư', { role: 'BI_THU' }),
      member('Phó Bí Thư', { role: 'PHO_BI_THU' }),
      ...Array.from({ length: MAX_COMMITTEE_SIZE - 2 }, (_, i) => member(`Chi Ủy ${i + 1}`, { role: 'CHI_UY_VIEN' })),
    ];
    expect(roll).toHaveLength(7);
    expect(checkRoster(roll)).toEqual([]);
  });

  it.each([
    [
      'the same name with different diacritics and case',
      [member('Nguyễn Văn An'), member('Lê Thị Hoa'), member('NGUYEN  VAN AN')],
      [{ code: 'member.duplicateName', indexes: [0, 2] }],
    ],
    [
      'the same name three times',
      [member('Đỗ Thị Ánh'), member('do thi anh'), member('Đỗ Thị Ánh ')],
      [{ code: 'member.duplicateName', indexes: [0, 1, 2] }],
    ],
    [
      'two bí thư',
      [member('A B', { role: 'BI_THU' }), member('C D'), member('E F', { role: 'BI_THU' })],
      [{ code: 'roster.multipleBiThu', indexes: [0, 2] }],
    ],
    [
      'two phó bí thư',
      [member('A B', { role: 'PHO_BI_THU' }), member('C D', { role: 'PHO_BI_THU' })],
      [{ code: 'roster.multiplePhoBiThu', indexes: [0, 1] }],
    ],
    [
      'a dự bị bí thư',
      [member('A B', { membership: 'DU_BI', role: 'BI_THU' })],
      [{ code: 'roster.probationaryInCommittee', indexes: [0] }],
    ],
    [
      'a dự bị phó bí thư',
      [member('A B'), member('C D', { membership: 'DU_BI', role: 'PHO_BI_THU' })],
      [{ code: 'roster.probationaryInCommittee', indexes: [1] }],
    ],
    [
      'dự bị chi ủy viên',
      [member('A B', { membership: 'DU_BI', role: 'CHI_UY_VIEN' }), member('C D', { membership: 'DU_BI', role: 'CHI_UY_VIEN' })],
      [{ code: 'roster.probationaryInCommittee', indexes: [0, 1] }],
    ],
    [
      'a committee of 8',
      [
        member('Bí Thư', { role: 'BI_THU' }),
        member('Phó Bí Thư', { role: 'PHO_BI_THU' }),
        ...Array.from({ length: 6 }, (_, i) => member(`Chi Ủy ${i + 1}`, { role: 'CHI_UY_VIEN' })),
        member('Đảng Viên Thường'),
      ],
      [{ code: 'roster.committeeTooLarge', indexes: [0, 1, 2, 3, 4, 5, 6, 7] }],
    ],
  ])('reports %s', (_label, roll, problems) => {
    expect(checkRoster(roll)).toEqual(problems);
  });

  it('a dự bị đảng viên without a committee post is fine', () => {
    expect(checkRoster([member('A B', { membership: 'DU_BI', role: 'DANG_VIEN' })])).toEqual([]);
  });

  it('reports every problem of a roll that breaks several rules at once', () => {
    const roll = [
      member('Nguyễn Văn An', { role: 'BI_THU' }),
      member('Nguyễn Văn Ân', { role: 'BI_THU', membership: 'DU_BI' }),
    ];
    expect(checkRoster(roll).map((p) => p.code).sort()).toEqual(
      ['member.duplicateName', 'roster.multipleBiThu', 'roster.probationaryInCommittee'].sort(),
    );
  });
});

describe('adviseRoster', () => {
  it.each([
    ['a healthy roll', fortyMemberRoll(), []],
    [
      'fewer than 3 chính thức',
      [member('A B', { role: 'BI_THU' }), member('C D'), member('E F', { membership: 'DU_BI' })],
      ['tooFewOfficial'],
    ],
    ['no bí thư', [member('A B', { role: 'PHO_BI_THU' }), member('C D'), member('E F')], ['noBiThu']],
    ['an empty roll', [], ['tooFewOfficial', 'noBiThu']],
    ['exactly 3 chính thức including the bí thư', [member('A B', { role: 'BI_THU' }), member('C D'), member('E F')], []],
  ])('advises on %s', (_label, roll, advice) => {
    expect(adviseRoster(roll)).toEqual(advice);
  });
});

describe('sortForDisplay', () => {
  const rm = (seq: number, role: CellRole): RosterMember => ({ ...member(`Member ${seq}`, { role }), id: 100 + seq, seq });

  it('lists bí thư, phó bí thư, chi ủy viên first, then everyone else by number', () => {
    const roll = [
      rm(1, 'DANG_VIEN'),
      rm(2, 'CHI_UY_VIEN'),
      rm(3, 'DANG_VIEN'),
      rm(4, 'PHO_BI_THU'),
      rm(5, 'CHI_UY_VIEN'),
      rm(6, 'BI_THU'),
      rm(7, 'DANG_VIEN'),
    ];
    expect(sortForDisplay(roll).map((m) => [m.seq, m.role])).toEqual([
      [6, 'BI_THU'],
      [4, 'PHO_BI_THU'],
      [2, 'CHI_UY_VIEN'],
      [5, 'CHI_UY_VIEN'],
      [1, 'DANG_VIEN'],
      [3, 'DANG_VIEN'],
      [7, 'DANG_VIEN'],
    ]);
  });

  it.each([
    ['members given in reverse number order', [rm(3, 'DANG_VIEN'), rm(2, 'DANG_VIEN'), rm(1, 'DANG_VIEN')], [1, 2, 3]],
    ['chi ủy viên given out of order', [rm(9, 'CHI_UY_VIEN'), rm(4, 'DANG_VIEN'), rm(2, 'CHI_UY_VIEN')], [2, 9, 4]],
    ['an empty roll', [], []],
  ])('orders %s', (_label, roll, seqs) => {
    expect(sortForDisplay(roll).map((m) => m.seq)).toEqual(seqs);
  });

  it('leaves the given list untouched', () => {
    const roll = [rm(2, 'DANG_VIEN'), rm(1, 'BI_THU')];
    sortForDisplay(roll);
    expect(roll.map((m) => m.seq)).toEqual([2, 1]);
  });
});
