// What the use cases need from the outside world. Implemented by src/storage (Prisma) and src/scheduler.
import type { ChannelName } from '../channels/channel.ts';
import type { MemberFields, RosterMember } from '../domain/roster.ts';

export interface Clock {
  now(): Date;
}

export interface CellRecord {
  id: number;
  name: string;
  /** Upper organisations from the top down (đảng bộ → đảng bộ bộ phận). */
  organisationPath: string[];
}

export interface ChatAddress {
  channel: ChannelName;
  chatId: string;
  title?: string;
}

export interface AccountRef {
  channel: ChannelName;
  externalId: string;
  displayName: string;
}

export type OrganisationKind = 'DANG_BO' | 'DANG_BO_BO_PHAN';

export interface NewCell {
  name: string;
  organisations: { name: string; kind: OrganisationKind }[];
  chat: ChatAddress;
  founder: MemberFields;
  founderAccount: AccountRef;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

export interface LinkRequestRecord {
  id: number;
  cellId: number;
  memberId: number;
  account: AccountRef;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
}

export interface PromptRecord {
  id: string;
  cellId: number | null;
  channel: ChannelName;
  chatId: string;
  chatKind: 'group' | 'private';
  messageId: string | null;
  kind: string;
  payload: unknown;
  closedAt: Date | null;
}

export interface CellRepository {
  findByChat(channel: ChannelName, chatId: string): Promise<CellRecord | null>;
  get(cellId: number): Promise<CellRecord | null>;
  /** Creates the cell, its organisations, the chat binding and the founder in one transaction. */
  create(cell: NewCell, at: Date): Promise<{ cell: CellRecord; founder: RosterMember }>;
  bindChat(cellId: number, chat: ChatAddress, at: Date): Promise<void>;
}

export interface MemberRepository {
  listCurrent(cellId: number): Promise<RosterMember[]>;
  add(cellId: number, fields: MemberFields, actorId: number, at: Date): Promise<RosterMember>;
  update(cellId: number, memberId: number, fields: MemberFields, actorId: number, at: Date): Promise<RosterMember>;
  remove(cellId: number, memberId: number, actorId: number, at: Date): Promise<boolean>;
  /** Adds new names and updates known ones (matched by name key) in one transaction. */
  importRoster(cellId: number, rows: MemberFields[], actorId: number, at: Date): Promise<ImportSummary>;
}

export interface IdentityRepository {
  findMember(cellId: number, account: Pick<AccountRef, 'channel' | 'externalId'>): Promise<RosterMember | null>;
  /** Cells in which this account is linked to a current member. */
  cellsOf(account: Pick<AccountRef, 'channel' | 'externalId'>): Promise<number[]>;
  /** Cells with a current member of this name key (for channels that trust display names). */
  cellsWithName(nameKey: string): Promise<number[]>;
  linkedAccount(memberId: number, channel: ChannelName): Promise<string | null>;
  requestLink(cellId: number, memberId: number, account: AccountRef, at: Date): Promise<LinkRequestRecord>;
  pendingRequest(cellId: number, account: Pick<AccountRef, 'channel' | 'externalId'>): Promise<LinkRequestRecord | null>;
  /** PENDING → APPROVED/REJECTED exactly once; links the account on approval. False if already decided. */
  decide(requestId: number, approve: boolean, deciderId: number, at: Date): Promise<boolean>;
  link(cellId: number, memberId: number, account: AccountRef, linkedById: number | null, at: Date): Promise<void>;
}

export interface PromptRepository {
  create(prompt: Omit<PromptRecord, 'closedAt' | 'messageId'>, at: Date): Promise<void>;
  setMessage(promptId: string, messageId: string): Promise<void>;
  get(promptId: string): Promise<PromptRecord | null>;
  /** Closes an open prompt; false when it was already closed (a double click, a replay). */
  close(promptId: string, at: Date): Promise<boolean>;
}

export interface ProcessedEventRepository {
  /** Records the event; false when it was recorded before (a replayed delivery). */
  claim(channel: ChannelName, eventId: string, at: Date): Promise<boolean>;
  pruneBefore(before: Date): Promise<number>;
}

export interface Store {
  cells: CellRepository;
  members: MemberRepository;
  identities: IdentityRepository;
  prompts: PromptRepository;
  events: ProcessedEventRepository;
  close(): Promise<void>;
}
