// Use cases for the cell and its roll. Rules come from the domain; persistence from the ports.
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import { checkRoster, type MemberFields, type RosterMember } from '../domain/roster.ts';
import type { AccountRef, ChatAddress, Clock, ImportSummary, NewCell, Store } from './ports.ts';

/** A problem with one imported row (line number in the file) or with a member already on the roll. */
export interface ImportProblem {
  line?: number;
  memberName?: string;
  code: ErrorCode;
  vars?: Record<string, string | number>;
}

export class ImportRejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('import rejected');
    this.name = 'ImportRejected';
  }
}

export interface ImportRow {
  line: number;
  fields: MemberFields;
}

function assertRosterValid(members: MemberFields[]): void {
  const [problem] = checkRoster(members);
  if (problem) {
    const first = members[problem.indexes[0] ?? 0];
    throw new DomainError(problem.code, { name: first?.fullName ?? '' });
  }
}

/** Finds a current member by roll number ("12") or by name, ignoring case and diacritics. */
export function findMember(members: readonly RosterMember[], reference: string): RosterMember | undefined {
  const ref = reference.trim();
  if (/^\d+$/.test(ref)) return members.find((m) => m.seq === Number(ref));
  const key = nameKey(ref);
  return members.find((m) => nameKey(m.fullName) === key);
}

export function createRosterService({ store, clock }: { store: Store; clock: Clock }) {
  return {
    async createCell(input: NewCell) {
      if (await store.cells.findByChat(input.chat.channel, input.chat.chatId)) throw new DomainError('cell.alreadyBound');
      return store.cells.create(input, clock.now());
    },

    async bindChat(cellId: number, chat: ChatAddress) {
      if (await store.cells.findByChat(chat.channel, chat.chatId)) throw new DomainError('cell.alreadyBound');
      await store.cells.bindChat(cellId, chat, clock.now());
    },

    list: (cellId: number) => store.members.listCurrent(cellId),

    async add(cellId: number, fields: MemberFields, actorId: number) {
      const current = await store.members.listCurrent(cellId);
      if (current.some((m) => nameKey(m.fullName) === nameKey(fields.fullName))) {
        throw new DomainError('member.duplicateName', { name: fields.fullName });
      }
      assertRosterValid([...current, fields]);
      return store.members.add(cellId, fields, actorId, clock.now());
    },

    async update(cellId: number, member: RosterMember, fields: MemberFields, actorId: number) {
      const current = await store.members.listCurrent(cellId);
      const others = current.filter((m) => m.id !== member.id);
      if (others.some((m) => nameKey(m.fullName) === nameKey(fields.fullName))) {
        throw new DomainError('member.duplicateName', { name: fields.fullName });
      }
      if (member.role === 'BI_THU' && fields.role !== 'BI_THU' && !others.some((m) => m.role === 'BI_THU')) {
        throw new DomainError('roster.noBiThu');
      }
      assertRosterValid([...others, fields]);
      return store.members.update(cellId, member.id, fields, actorId, clock.now());
    },

    async remove(cellId: number, member: RosterMember, actorId: number) {
      if (member.id === actorId) throw new DomainError('member.cannotRemoveSelf');
      return store.members.remove(cellId, member.id, actorId, clock.now());
    },

    /** Problems the merged roll would have, named by the file's line or the member already listed. */
    async checkImport(cellId: number, rows: ImportRow[]): Promise<ImportProblem[]> {
      const current = await store.members.listCurrent(cellId);
      const imported = new Set(rows.map((r) => nameKey(r.fields.fullName)));
      const kept = current.filter((m) => !imported.has(nameKey(m.fullName)));
      const merged: MemberFields[] = [...rows.map((r) => r.fields), ...kept];
      const problems: ImportProblem[] = [];
      for (const problem of checkRoster(merged)) {
        for (const index of problem.indexes) {
          const row = rows[index];
          const name = merged[index]?.fullName ?? '';
          problems.push(row ? { line: row.line, code: problem.code, vars: { name } } : { memberName: name, code: problem.code, vars: { name } });
        }
      }
      return problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    },

    /** Imports all rows or none: rows are merged with the current roll by name, then checked whole. */
    async importRoster(cellId: number, rows: ImportRow[], actorId: number): Promise<ImportSummary> {
      const problems = await this.checkImport(cellId, rows);
      if (problems.length) throw new ImportRejected(problems);
      return store.members.importRoster(cellId, rows.map((r) => r.fields), actorId, clock.now());
    },

    async requestLink(cellId: number, member: RosterMember, account: AccountRef) {
      const linked = await store.identities.findMember(cellId, account);
      if (linked) throw new DomainError('link.alreadyLinked', { name: linked.fullName });
      if (await store.identities.linkedAccount(member.id, account.channel)) {
        throw new DomainError('link.memberTaken', { name: member.fullName });
      }
      const pending = await store.identities.pendingRequest(cellId, account);
      if (pending) {
        const pendingMember = (await store.members.listCurrent(cellId)).find((m) => m.id === pending.memberId);
        throw new DomainError('link.pending', { name: pendingMember?.fullName ?? member.fullName });
      }
      return store.identities.requestLink(cellId, member.id, account, clock.now());
    },

    decideLink: (requestId: number, approve: boolean, deciderId: number) =>
      store.identities.decide(requestId, approve, deciderId, clock.now()),
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
