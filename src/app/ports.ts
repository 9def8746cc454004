// What the use cases need from the outside world. Implemented by src/storage (Prisma) and src/scheduler.
import type { ChannelName } from '../channels/channel.ts';
import type { MemberFields, RosterMember } from '../domain/roster.ts';
import type { Attendance } from '../domain/attendance.ts';
import type { MeetingKind, MeetingStatus } from '../domain/meeting.ts';
import type { PlannedReminder } from '../domain/reminders.ts';
import type { BallotForm, DecisionKind, Threshold } from '../domain/votes.ts';
import type { CapturedItem, CaptureTag, MinutesDraft, TaskStatus } from '../domain/minutes.ts';
import type { Band } from '../domain/scoring.ts';

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
  subject: string | null;
  awaitUserId: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

export interface CellRepository {
  /** Group chats bound to the cell, on every channel. */
  chatsOf(cellId: number): Promise<ChatAddress[]>;
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
  /** Linked accounts of the cell's current members on one channel. */
  accountsOf(cellId: number, channel: ChannelName): Promise<{ memberId: number; externalId: string; displayName: string }[]>;
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
  create(prompt: Omit<PromptRecord, 'closedAt' | 'messageId' | 'subject' | 'awaitUserId' | 'createdAt'> & { subject?: string; awaitUserId?: string }, at: Date): Promise<void>;
  /** Open prompts about a subject ("meeting:12"), oldest first. */
  openAbout(subject: string): Promise<PromptRecord[]>;
  /** The newest open prompt in this chat waiting for a typed answer from this account. */
  awaitingText(channel: ChannelName, chatId: string, userId: string): Promise<PromptRecord | null>;
  setMessage(promptId: string, messageId: string): Promise<void>;
  get(promptId: string): Promise<PromptRecord | null>;
  /** Closes an open prompt; false when it was already closed (a double click, a replay). */
  close(promptId: string, at: Date): Promise<boolean>;
}

export interface ProcessedEventRepository {
  /** Records the event; false when it was recorded before (a replayed delivery). */
  claim(channel: ChannelName, eventId: string, at: Date): Promise<boolean>;
  /** Whether the event was claimed already (a choice is handled first and claimed after). */
  seen(channel: ChannelName, eventId: string): Promise<boolean>;
  pruneBefore(before: Date): Promise<number>;
}

export type Rsvp = 'YES' | 'EXCUSED' | 'MAYBE';

export interface MeetingFields {
  kind: MeetingKind;
  topic: string | null;
  startsAt: Date;
  place: string | null;
  agenda: string[];
  chairId: number | null;
}

export interface MeetingRecord extends MeetingFields {
  id: number;
  cellId: number;
  seq: number;
  status: MeetingStatus;
  minuteTakerId: number | null;
  ruleMonth: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface AttendanceRecord {
  memberId: number;
  rsvp: Rsvp | null;
  rsvpReason: string | null;
  rsvpById: number | null;
  attendance: Attendance | null;
  reason: string | null;
  excuseApproved: boolean;
}

export interface AttendanceMark {
  memberId: number;
  attendance: Attendance;
  reason: string | null;
}

/** One member at one closed meeting (for the chi ủy's flags). */
export interface MemberHistoryEntry {
  memberId: number;
  meetingId: number;
  startsAt: Date;
  kind: MeetingKind;
  attendance: Attendance;
}

export interface MeetingRepository {
  /**
   * Creates the meeting (next number in the cell), its history entry and its reminders, in one
   * transaction. Null when `ruleMonth` was already drafted (by another process, or before).
   */
  create(cellId: number, fields: MeetingFields, status: 'SCHEDULED' | 'DRAFT', ruleMonth: string | null, reminders: PlannedReminder[], actorId: number | null, at: Date): Promise<MeetingRecord | null>;
  get(meetingId: number): Promise<MeetingRecord | null>;
  bySeq(cellId: number, seq: number): Promise<MeetingRecord | null>;
  /** Meetings of the cell in these states, by start time. */
  list(cellId: number, statuses: MeetingStatus[]): Promise<MeetingRecord[]>;
  /** Meetings of the cell starting in [from, to), in these states. */
  between(cellId: number, from: Date, to: Date, statuses: MeetingStatus[]): Promise<MeetingRecord[]>;
  /** Moves the meeting from one of `from` to `to` with the changes given; false when it was not in `from` (a double click, a race). */
  transition(meetingId: number, from: MeetingStatus[], to: MeetingStatus, changes: Partial<Pick<MeetingRecord, 'startsAt' | 'place' | 'startedAt' | 'endedAt' | 'chairId' | 'minuteTakerId'>>, history: { action: string; detail: unknown; actorId: number | null }, at: Date): Promise<boolean>;
  /** Drops reminders not yet sent and plans these instead. */
  replaceReminders(meetingId: number, reminders: PlannedReminder[]): Promise<void>;
  history(meetingId: number): Promise<{ action: string; detail: unknown; actorId: number | null; at: Date }[]>;
  attendance(meetingId: number): Promise<AttendanceRecord[]>;
  /** Records an RSVP only while the meeting is still SCHEDULED; false otherwise. */
  setRsvp(meetingId: number, memberId: number, rsvp: Rsvp | null, reason: string | null, byId: number | null, at: Date): Promise<boolean>;
  setRsvpReason(meetingId: number, memberId: number, reason: string): Promise<void>;
  mark(meetingId: number, marks: AttendanceMark[], byId: number | null, at: Date): Promise<void>;
  approveExcuse(meetingId: number, memberIds: number[], byId: number): Promise<void>;
  /** Attendance at the cell's closed meetings starting in [from, to). */
  cellHistory(cellId: number, from: Date, to: Date): Promise<MemberHistoryEntry[]>;
  /** Cells with a closed meeting starting in [from, to). */
  cellsWithMeetings(from: Date, to: Date): Promise<number[]>;
  /**
   * Cells with a closed meeting starting in [from, to) and none of these kinds closed in that time, that
   * have no alert `alertKey` yet: one query, reading the period's closed meetings through (status, startsAt).
   */
  cellsLackingKind(from: Date, to: Date, kinds: readonly MeetingKind[], alertKey: string): Promise<number[]>;
}

export interface DueReminderRecord {
  id: string;
  meetingId: number;
  cellId: number;
  offsetMinutes: number;
  /** Set for a task's deadline reminder. */
  taskId: number | null;
}

export interface ReminderRepository {
  /** Reminders due at `now` that nobody holds: pending, or claimed before `staleBefore` and never finished. */
  due(now: Date, staleBefore: Date, limit: number, about: 'meeting' | 'task'): Promise<DueReminderRecord[]>;
  /** Takes a reminder for this process with a conditional update; false when another process has it. */
  claim(id: string, by: string, now: Date, staleBefore: Date): Promise<boolean>;
  /** Takes every due reminder of a meeting (or a task) at once for this process; empty when another process has them. */
  claimTogether(of: { meetingId: number } | { taskId: number }, by: string, now: Date, staleBefore: Date): Promise<DueReminderRecord[]>;
  finish(id: string, state: 'SENT' | 'SKIPPED', at: Date): Promise<void>;
}

export interface CellSettingsRecord {
  rule: { dayOfMonth: number; time: string; shiftToWorkingDay: boolean; place: string | null } | null;
  reminderOffsets: number[] | null;
  minMeetingMinutes: number | null;
  electronicSecretBallot: boolean;
  /** The cell lets minutes go to the configured LLM endpoint (when there is one); otherwise the offline summariser. */
  summariseWithLlm: boolean;
}

export interface SettingsRepository {
  get(cellId: number): Promise<CellSettingsRecord>;
  /** Setting the monthly rule also has it looked at from `at` on (see draftsDue); clearing it, never. */
  update(cellId: number, patch: Partial<CellSettingsRecord>, at: Date): Promise<CellSettingsRecord>;
  /** Cells with a monthly rule. */
  cellsWithRule(): Promise<number[]>;
  /** Cells whose monthly rule is to be looked at by `now`, read through the index on that time, with the time each was due. */
  draftsDue(now: Date): Promise<{ cellId: number; dueAt: Date }[]>;
  /**
   * When the cell's rule is next looked at (null: never), unless that time is no longer `dueAt` — it was
   * set back by a change (rearmDraft) after it was read; then false, and the change stands.
   */
  moveDraftCheck(cellId: number, dueAt: Date, next: Date | null): Promise<boolean>;
  /** The cell's rule, if it has one, is looked at again from `at` on: something its drafts depend on changed. */
  rearmDraft(cellId: number, at: Date): Promise<void>;
  holidays(cellId: number): Promise<{ date: string; label: string; off: boolean }[]>;
  setHoliday(cellId: number, date: string, label: string, off: boolean): Promise<void>;
  removeHoliday(cellId: number, date: string): Promise<boolean>;
  /** Records that a flag was sent; false when it had been (so each flag reaches the chi ủy once). Never fails on the key. */
  claimAlert(cellId: number, key: string, at: Date): Promise<boolean>;
}

/** Runs of periodic jobs, one per (job, period), so that a check meant for a period runs once. */
export interface JobRunRepository {
  /**
   * Takes the period's run for this process: true when it was never run, was reopened, or was claimed before
   * `staleBefore` and never finished (its process died). One statement, so two processes never both get it.
   */
  claim(job: string, period: string, by: string, now: Date, staleBefore: Date): Promise<boolean>;
  /** The run is done; false when it was reopened meanwhile (then it runs again). */
  finish(job: string, period: string, by: string, at: Date): Promise<boolean>;
  /** Asks for the period's run again (what it looked at changed); nothing when it has not run yet. */
  reopen(job: string, period: string): Promise<void>;
}

export interface ProgressRef {
  channel: ChannelName;
  chatId: string;
  messageId: string;
}

export interface VoteRecord {
  id: number;
  cellId: number;
  meetingId: number;
  seq: number;
  kind: DecisionKind;
  form: BallotForm;
  mode: VoteMode;
  options: string[];
  aboutMemberId: number | null;
  seats: number | null;
  round: number | null;
  subject: string;
  threshold: Threshold;
  base: number;
  status: 'OPEN' | 'CLOSED';
  openedAt: Date;
  closesAt: Date | null;
  closedAt: Date | null;
  result: unknown;
  progress: ProgressRef[];
}

/** OPEN: a show of hands; ELECTRONIC: secret, in private chats; PAPER: secret, the counting committee enters the totals. */
export type VoteMode = 'OPEN' | 'ELECTRONIC' | 'PAPER';

export interface NewVote {
  cellId: number;
  meetingId: number;
  kind: DecisionKind;
  form: BallotForm;
  mode: VoteMode;
  options: string[];
  aboutMemberId: number | null;
  subject: string;
  threshold: Threshold;
  base: number;
  eligible: number[];
  openedById: number;
  closesAt: Date | null;
  seats?: number;
  round?: number;
}

export type CastOutcome = 'recorded' | 'changed' | 'closed' | 'ineligible';

export interface VoteRepository {
  /** Opens the vote with its snapshot of eligible voters (next number in the meeting). */
  open(vote: NewVote, at: Date): Promise<VoteRecord>;
  get(voteId: number): Promise<VoteRecord | null>;
  /** Votes of a meeting, in the order they were opened. */
  ofMeeting(meetingId: number): Promise<VoteRecord[]>;
  eligible(voteId: number): Promise<number[]>;
  /** Records or changes a ballot in one transaction with the checks: the vote is open and the member eligible. */
  cast(voteId: number, memberId: number, choice: string, at: Date): Promise<CastOutcome>;
  /** Takes back a member's show-of-hands vote while the vote is open (a retracted poll answer). */
  withdraw(voteId: number, memberId: number): Promise<'withdrawn' | 'none' | 'closed'>;
  /** Ballots per choice. */
  counts(voteId: number): Promise<Record<string, number>>;
  /**
   * OPEN → CLOSED, exactly once, and the final ballots per choice in the same transaction; null when it
   * was already closed. A ballot is either in these counts or refused as late, never acknowledged and lost.
   */
  closeAndCount(voteId: number, at: Date): Promise<Record<string, number> | null>;
  setResult(voteId: number, result: unknown): Promise<void>;
  /**
   * An electronic secret ballot: records that the member voted (SecretVoter) and adds one to the option's
   * counter (SecretTally), in one transaction. Nothing stored links the two.
   */
  castSecret(voteId: number, memberId: number, option: string): Promise<'recorded' | 'already' | 'closed' | 'ineligible'>;
  hasVoted(voteId: number, memberId: number): Promise<boolean>;
  /** How many have cast an electronic secret ballot. */
  voters(voteId: number): Promise<number>;
  /** OPEN → CLOSED once, with the final counters and the number of voters; null when already closed. */
  closeSecret(voteId: number, at: Date): Promise<{ counts: Record<string, number>; voters: number } | null>;
  /** OPEN → CLOSED once with the result entered (paper ballots); false when already closed. */
  closeWith(voteId: number, result: unknown, at: Date): Promise<boolean>;
  setProgress(voteId: number, refs: ProgressRef[]): Promise<void>;
  /** Open votes whose deadline has passed (read through the (status, closesAt) index). */
  overdue(now: Date): Promise<VoteRecord[]>;
}

// ---- reports, scoring, the đảng ủy and the dashboard (docs/decisions/0011-reports.md) ----

export interface ScoreRecord {
  meetingId: number;
  sheet: string;
  points: Record<string, number>;
  /** Criteria the secretary set; the rest are the bot's pre-fill. */
  judged: string[];
  total: number | null;
  band: Band | null;
  scoredById: number;
  scoredAt: Date;
}

/** A meeting with everything a report reads about it, in one read. */
export interface ReportMeetingRecord {
  id: number;
  cellId: number;
  seq: number;
  kind: MeetingKind;
  status: MeetingStatus;
  startsAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  attendance: { memberId: number; attendance: Attendance }[];
  /** An approved draft or the full minutes text is stored. */
  minuted: boolean;
  score: { total: number; band: Band } | null;
  resolutions: number;
}

export interface ReportVoteRecord {
  meetingId: number;
  status: 'OPEN' | 'CLOSED';
  result: unknown;
  /** Show-of-hands voters and electronic secret voters; never what a secret voter chose. */
  voterIds: number[];
}

export interface ReportRepository {
  /** The cells' closed and scheduled meetings starting in [from, to), their votes and their tasks. */
  records(cellIds: number[], from: Date, to: Date): Promise<{ cells: { id: number; createdAt: Date }[]; meetings: ReportMeetingRecord[]; votes: ReportVoteRecord[]; tasks: TaskRecord[] }>;
  score(meetingId: number): Promise<ScoreRecord | null>;
  /** Writes the meeting's score, replacing an earlier one. */
  saveScore(score: ScoreRecord): Promise<void>;
}

export interface OrganisationRecord {
  id: number;
  name: string;
  kind: OrganisationKind;
  parentId: number | null;
}

export interface OrganisationRepository {
  get(id: number): Promise<OrganisationRecord | null>;
  /** Every organisation, parents before children. */
  all(): Promise<OrganisationRecord[]>;
  /** Cells directly under one of these organisations. */
  cellsUnder(organisationIds: number[]): Promise<{ id: number; name: string; organisationId: number }[]>;
  /** The account is given the đảng ủy's view of the organisation (and everything under it). */
  grantViewer(organisationId: number, account: AccountRef, at: Date): Promise<void>;
  revokeViewer(organisationId: number, account: Pick<AccountRef, 'channel' | 'externalId'>): Promise<boolean>;
  viewersOf(organisationId: number): Promise<AccountRef[]>;
  /** Organisations the account was given the view of. */
  viewedBy(account: Pick<AccountRef, 'channel' | 'externalId'>): Promise<number[]>;
}

export interface DashboardAccessRepository {
  create(hash: string, kind: 'LINK' | 'SESSION', account: AccountRef, at: Date, expiresAt: Date): Promise<void>;
  /** Uses a login link once: the account when the link exists, is unused and unexpired; null otherwise. */
  redeem(hash: string, now: Date): Promise<AccountRef | null>;
  /** The account of a live session. */
  session(hash: string, now: Date): Promise<AccountRef | null>;
  end(hash: string, at: Date): Promise<void>;
  pruneBefore(before: Date): Promise<number>;
}

export interface Store {
  reports: ReportRepository;
  organisations: OrganisationRepository;
  dashboard: DashboardAccessRepository;
  votes: VoteRepository;
  minutes: MinutesRepository;
  tasks: TaskRepository;
  meetings: MeetingRepository;
  reminders: ReminderRepository;
  settings: SettingsRepository;
  jobs: JobRunRepository;
  cells: CellRepository;
  members: MemberRepository;
  identities: IdentityRepository;
  prompts: PromptRepository;
  events: ProcessedEventRepository;
  /** The error says the database is unreachable or locked for now (not a bug in the request). */
  isUnavailable(error: unknown): boolean;
  close(): Promise<void>;
}

// ---- minutes ----

/** What a summariser is given: never a text marked secret (the service refuses those before). */
export interface SummaryRequest {
  meeting: { seq: number; kind: MeetingKind; date: string; topic: string | null; cellName: string };
  captures: CapturedItem[];
  /** The full minutes text the secretary submitted, if any. */
  text: string | null;
  /** Current roster names: the only owners a task may have. */
  members: string[];
  /** Facts already known, for context only (attendance line, vote results). */
  context: string[];
}

export interface Summariser {
  readonly kind: 'llm' | 'offline';
  /** A grounded draft; an LLM summariser throws SummariserUnavailable after its own retries. */
  summarise(request: SummaryRequest): Promise<MinutesDraft>;
}

export class SummariserUnavailable extends Error {
  constructor(readonly reason: 'timeout' | 'rate-limit' | 'server' | 'invalid-output' | 'connection', options?: { cause?: unknown }) {
    super(`summariser unavailable: ${reason}`, options);
    this.name = 'SummariserUnavailable';
  }
}

export interface NewCapture {
  tag: CaptureTag;
  text: string;
  authorId: number | null;
  authorName: string;
  authorAccount: string;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string | null;
}

export type DraftStatus = 'PENDING' | 'APPROVED' | 'DISCARDED';

export interface DraftRecord {
  id: number;
  meetingId: number;
  status: DraftStatus;
  source: 'llm' | 'offline';
  content: MinutesDraft;
  requestedById: number;
  createdAt: Date;
}

export interface OutcomeRecord {
  kind: 'CONCLUSION' | 'RESOLUTION';
  text: string;
  sources: string[];
}

export interface NewTask {
  what: string;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string | null;
  sources: string[];
  reminders: { dueAt: Date; offsetMinutes: number }[];
}

export interface TaskRecord {
  id: number;
  cellId: number;
  seq: number;
  meetingId: number;
  what: string;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string | null;
  status: TaskStatus;
  sources: string[];
  createdAt: Date;
  doneAt: Date | null;
  doneById: number | null;
}

export interface MinutesRepository {
  /** Records a tagged line with the next number in the meeting. */
  capture(meetingId: number, entry: NewCapture, at: Date): Promise<CapturedItem>;
  /** Removes the author's newest line still standing; null when there is none. */
  undoLast(meetingId: number, authorAccount: string, at: Date): Promise<CapturedItem | null>;
  /** Lines standing, in order. */
  captures(meetingId: number): Promise<CapturedItem[]>;
  setText(meetingId: number, text: string, byId: number, at: Date): Promise<void>;
  text(meetingId: number): Promise<string | null>;
  /** A new PENDING draft; earlier pending drafts of the meeting are discarded in the same transaction. */
  createDraft(meetingId: number, content: MinutesDraft, source: 'llm' | 'offline', byId: number, at: Date): Promise<DraftRecord>;
  draft(draftId: number): Promise<DraftRecord | null>;
  pendingDraft(meetingId: number): Promise<DraftRecord | null>;
  /** The cell's newest draft waiting for review. */
  pendingDraftOfCell(cellId: number): Promise<DraftRecord | null>;
  approvedDraft(meetingId: number): Promise<DraftRecord | null>;
  /** Replaces the content while PENDING; false once decided. */
  updateDraft(draftId: number, content: MinutesDraft): Promise<boolean>;
  discardDraft(draftId: number, byId: number, at: Date): Promise<boolean>;
  /**
   * PENDING → APPROVED exactly once, with the conclusions, resolutions, tasks (numbered in the cell) and the
   * tasks' reminders, in one transaction; null when the draft was already decided (a double click).
   */
  approveDraft(draftId: number, byId: number, at: Date, outcomes: OutcomeRecord[], tasks: NewTask[]): Promise<TaskRecord[] | null>;
  outcomes(meetingId: number): Promise<OutcomeRecord[]>;
}

export interface TaskRepository {
  get(taskId: number): Promise<TaskRecord | null>;
  bySeq(cellId: number, seq: number): Promise<TaskRecord | null>;
  ofMeeting(meetingId: number): Promise<TaskRecord[]>;
  /** The cell's open tasks, by deadline (none last). */
  open(cellId: number): Promise<TaskRecord[]>;
  /** Tasks of the cell's meetings that started before this time: open ones, and those done since `doneSince`. */
  forReview(cellId: number, before: Date, doneSince: Date): Promise<TaskRecord[]>;
  /** OPEN → DONE once, dropping its pending reminders; false when it was already done. */
  markDone(taskId: number, byId: number, at: Date): Promise<boolean>;
}
