// Small builders shared by the unit tests of input parsing.
import { expect } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import type { RosterMember } from '../../src/domain/roster.ts';

/** The DomainError `run` throws (the test fails when it throws nothing or something else). */
export function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** A roster entry; ids should differ from seq numbers so that a mix-up between the two shows. */
export const rosterMember = (id: number, seq: number, fullName: string, over: Partial<RosterMember> = {}): RosterMember => ({
  id,
  seq,
  fullName,
  membership: 'CHINH_THUC',
  status: 'ACTIVE',
  role: 'DANG_VIEN',
  phone: null,
  admittedOn: null,
  ...over,
});
