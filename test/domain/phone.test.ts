import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/domain/phone.ts';

describe('normalisePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['  0987654321 ', '0987654321'],
    ['02438123456', '02438123456'],
  ])('stores %j as %j', (typed, stored) => {
    expect(normalisePhone(typed)).toBe(stored);
  });

  it.each([
    ['too short', '091234567'],
    ['far too short', '123'],
    ['too long', '091234567890'],
    ['letters', '09123abc78'],
    ['only letters', 'không có'],
    ['not starting with 0', '1912345678'],
    ['empty', ''],
    ['an 84 prefix with too few digits', '8491234567'],
  ])('rejects a number that is %s (%j)', (_label, typed) => {
    expect(normalisePhone(typed)).toBeNull();
  });
});
