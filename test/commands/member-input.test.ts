import { describe, expect, it } from 'vitest';
import { parseNewMember, parseSegments, splitSegments } from '../../src/commands/member-input.ts';
import { errorOf } from '../support/fixtures.ts';

const today = '2026-11-22';

describe('parseNewMember', () => {
  it('reads name, membership, phone and admission date from the example in the help text', () => {
    expect(parseNewMember('Trần Thị Bích, dự bị, 0912 345 678, 15/03/2026', today)).toEqual({
      fullName: 'Trần Thị Bích',
      membership: 'DU_BI',
      status: 'ACTIVE',
      role: 'DANG_VIEN',
      phone: '0912345678',
      admittedOn: '2026-03-15',
    });
  });

  it.each([
    ['Nguyễn Văn An, chính thức', { fullName: 'Nguyễn Văn An', membership: 'CHINH_THUC', status: 'ACTIVE', role: 'DANG_VIEN', phone: null, admittedOn: null }],
    ['Nguyễn Văn An, chinh thuc', { membership: 'CHINH_THUC' }],
    ['Nguyễn Văn An, CHÍNH THỨC', { membership: 'CHINH_THUC' }],
    ['Nguyễn Văn An, du bi', { membership: 'DU_BI' }],
    ['Nguyễn Văn An, đảng viên dự bị', { membership: 'DU_BI' }],
    ['Nguyễn Văn An, chính thức, miễn sinh hoạt', { status: 'EXEMPT' }],
    ['Nguyễn Văn An, chinh thuc, mien sinh hoat', { status: 'EXEMPT' }],
    ['Nguyễn Văn An, chính thức, tạm thời đi', { status: 'TEMP_OUT' }],
    ['Nguyễn Văn An, chính thức, đình chỉ', { status: 'SUSPENDED' }],
    ['Nguyễn Văn An, chính thức, bí thư', { role: 'BI_THU' }],
    ['Nguyễn Văn An, chính thức, phó bí thư', { role: 'PHO_BI_THU' }],
    ['Nguyễn Văn An, chinh thuc, chi uy vien', { role: 'CHI_UY_VIEN' }],
    ['Nguyễn Văn An, chính thức, Chi ủy viên', { role: 'CHI_UY_VIEN' }],
    ['Nguyễn Văn An; chính thức; 0987654321', { membership: 'CHINH_THUC', phone: '0987654321' }],
    ['Nguyễn Văn An | chính thức | +84 912 345 678', { phone: '0912345678' }],
    ['Nguyễn Văn An\nchính thức\n03/02/2015', { admittedOn: '2015-02-03' }],
    ['Nguyễn Văn An, chính thức, sđt: 0912.345.678', { phone: '0912345678' }],
    ['Nguyễn Văn An, chính thức, ngày vào Đảng: 03-02-2015', { admittedOn: '2015-02-03' }],
    ['Nguyễn Văn An, chính thức, 22/11/2026', { admittedOn: '2026-11-22' }],
    ['  Nguyễn   Văn  An ,  chính thức ', { fullName: 'Nguyễn Văn An' }],
    ['Nguyễn Văn An (B), chính thức', { fullName: 'Nguyễn Văn An (B)' }],
    ['Nguyễn Văn An, dự bị, chi ủy viên, miễn sinh hoạt, 0912345678, 01/01/2026', { membership: 'DU_BI', role: 'CHI_UY_VIEN', status: 'EXEMPT', phone: '0912345678', admittedOn: '2026-01-01' }],
  ])('understands %j', (args, expected) => {
    expect(parseNewMember(args, today)).toMatchObject(expected);
  });

  it.each([
    ['empty arguments', '', 'command.syntax'],
    ['only spaces', '   ', 'command.syntax'],
    ['only commas', ' , , ', 'command.syntax'],
    ['no membership', 'Trần Thị Bích', 'member.membershipMissing'],
    ['no membership but other fields', 'Trần Thị Bích, 0912345678, bí thư', 'member.membershipMissing'],
    ['an admission date after today', 'Trần Thị Bích, dự bị, 23/11/2026', 'member.dateInFuture'],
    ['an admission date years ahead', 'Trần Thị Bích, dự bị, 01/01/2030', 'member.dateInFuture'],
    ['an impossible admission date', 'Trần Thị Bích, dự bị, 31/04/2026', 'member.dateInvalid'],
    ['a two-digit year', 'Trần Thị Bích, dự bị, 15/03/26', 'member.dateInvalid'],
    ['a word it does not know', 'Trần Thị Bích, dự bị, abc', 'member.fieldUnknown'],
    ['an unknown prefix', 'Trần Thị Bích, dự bị, email: a@b.vn', 'member.fieldUnknown'],
    ['a too-short phone after sđt:', 'Trần Thị Bích, dự bị, sđt: 123', 'member.phoneInvalid'],
    ['a phone with letters after sđt:', 'Trần Thị Bích, dự bị, sđt: 0912abc678', 'member.phoneInvalid'],
    ['a phone number that is too long', 'Trần Thị Bích, dự bị, 0912 345 678 999', 'member.phoneInvalid'],
    ['a name made of digits', '12345, dự bị', 'member.nameInvalid'],
    ['a one-letter name', 'B, chính thức', 'member.nameInvalid'],
    ['a name with an emoji', 'Bích 😀, chính thức', 'member.nameInvalid'],
  ])('refuses %s with %s', (_label, args, code) => {
    expect(() => parseNewMember(args, today)).toThrowError(expect.objectContaining({ code }));
  });

  it('keeps the offending value so the reply can quote it', () => {
    expect(errorOf(() => parseNewMember('Trần Thị Bích, dự bị, abc', today)).vars).toEqual({ value: 'abc' });
    expect(errorOf(() => parseNewMember('Trần Thị Bích, dự bị, sđt: 123', today)).vars).toEqual({ value: '123' });
    expect(errorOf(() => parseNewMember('Trần Thị Bích, dự bị, 23/11/2026', today)).vars).toEqual({ value: '23/11/2026' });
  });

  it('lets the last of two conflicting words win', () => {
    expect(parseNewMember('Nguyễn Văn An, dự bị, chính thức', today).membership).toBe('CHINH_THUC');
  });
});

describe('parseSegments (changes in /suadv)', () => {
  it.each([
    [['tên: Nguyễn Văn Bình'], { fullName: 'Nguyễn Văn Bình' }],
    [['Họ tên:  Nguyễn   Văn Bình '], { fullName: 'Nguyễn Văn Bình' }],
    [['ten: Nguyễn Văn Bình'], { fullName: 'Nguyễn Văn Bình' }],
    [['chính thức', 'sđt: 0987654321'], { membership: 'CHINH_THUC', phone: '0987654321' }],
    [['SĐT: +84987654321'], { phone: '0987654321' }],
    [['số điện thoại: 0987 654 321'], { phone: '0987654321' }],
    [['ngày kết nạp: 03/02/2015'], { admittedOn: '2015-02-03' }],
    [['mien sinh hoat', 'chi uy vien'], { status: 'EXEMPT', role: 'CHI_UY_VIEN' }],
    [['bình thường', 'đảng viên'], { status: 'ACTIVE', role: 'DANG_VIEN' }],
    [[], {}],
  ])('reads %j as %j', (segments, patch) => {
    expect(parseSegments(segments, today)).toEqual(patch);
  });

  it.each([
    [['tên: 123'], 'member.nameInvalid'],
    [['sđt: 123'], 'member.phoneInvalid'],
    [['ngày vào Đảng: 30/02/2015'], 'member.dateInvalid'],
    [['ngày vào Đảng: 01/12/2026'], 'member.dateInFuture'],
    [['abc'], 'member.fieldUnknown'],
  ])('refuses %j with %s', (segments, code) => {
    expect(() => parseSegments(segments, today)).toThrowError(expect.objectContaining({ code }));
  });
});

describe('splitSegments', () => {
  it.each([
    ['a, b; c | d\ne', ['a', 'b', 'c', 'd', 'e']],
    [' 12 ,  chính thức ,, ', ['12', 'chính thức']],
    ['', []],
  ])('splits %j into %j', (args, segments) => {
    expect(splitSegments(args)).toEqual(segments);
  });
});
