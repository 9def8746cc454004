import { describe, expect, it } from 'vitest';
import { isPlausibleFullName, nameKey, tidyName } from '../../src/domain/names.ts';

describe('nameKey', () => {
  it.each([
    ['Đỗ  Thị Ánh', 'do thi anh'],
    ['đỗ thị ánh', 'do thi anh'],
    ['NGUYỄN   VĂN ĐỨC ', 'nguyen van duc'],
    ['  Trương Ưng Ơn', 'truong ung on'],
    ['Phạm\tThị\nHằng', 'pham thi hang'],
    ['Lê Văn Tám', 'le van tam'],
    // the same name typed with combining marks (NFD), as some phone keyboards do
    ['Nguye\u0302\u0303n Va\u0306n An', 'nguyen van an'],
  ])('treats %j as the name %j, ignoring diacritics, đ/Đ, case and spacing', (input, key) => {
    expect(nameKey(input)).toBe(key);
  });

  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['Nguyễn Văn Ân', 'NGUYEN VAN AN'],
    ['Đặng Thị Dung', 'Dang Thi Dung'],
  ])('considers %j and %j the same person for duplicate checks', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ['Nguyễn Văn An', 'Nguyễn Văn An (B)'],
    ['Trần Thị Bích', 'Trần Thị Bình'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe('tidyName', () => {
  it.each([
    ['  Nguyễn   Văn  An ', 'Nguyễn Văn An'],
    ['Trần\tThị\nBích', 'Trần Thị Bích'],
    ['Đỗ Thị Ánh', 'Đỗ Thị Ánh'],
  ])('shows %j as %j with single spaces and the diacritics kept', (input, shown) => {
    expect(tidyName(input)).toBe(shown);
  });

  it('stores a name typed with combining marks in composed form, so it looks and compares the same', () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n An';
    expect(tidyName(decomposed)).toBe('Nguyễn Văn An');
    expect(tidyName(decomposed)).toBe('Nguyễn Văn An'.normalize('NFC'));
  });
});

describe('isPlausibleFullName', () => {
  it.each([
    'Nguyễn Văn An',
    'Nguyễn Văn An (B)',
    'Đỗ Thị Ánh',
    'Trương Ưng Ơn',
    'Lê-Văn Tám',
    "H'Hen Niê",
    'Nguyễn Thị Minh Khai',
    'An',
    '  Phạm   Văn Đồng  ',
    'Nguye\u0302\u0303n Va\u0306n An',
    'a'.repeat(80),
  ])('accepts %j as a full name', (name) => {
    expect(isPlausibleFullName(name)).toBe(true);
  });

  it.each([
    ['digits only', '12345'],
    ['a phone number', '0912345678'],
    ['an emoji', '😀'],
    ['a name with an emoji', 'Nguyễn 😀'],
    ['a single letter', 'A'],
    ['an empty string', ''],
    ['only spaces', '   '],
    ['more than 80 characters', 'a'.repeat(81)],
    ['a long Vietnamese name over 80 characters', 'Nguyễn Thị '.repeat(8)],
    ['a comma inside', 'Lê, Văn'],
    ['punctuation like !', 'Nguyễn Văn An!'],
    ['a leading bracket', '(B) Nguyễn Văn An'],
  ])('rejects %s (%j)', (_label, name) => {
    expect(isPlausibleFullName(name)).toBe(false);
  });
});
