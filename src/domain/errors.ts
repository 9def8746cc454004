/**
 * Expected mistakes carry a code, never a sentence; the interaction layer looks the code up in
 * src/text/vi.ts. Anything thrown that is not a DomainError is a bug.
 */
export type ErrorCode =
  | 'command.unknown'
  | 'command.syntax'
  | 'command.groupOnly'
  | 'command.privateOnly'
  | 'access.stranger'
  | 'access.secretariatOnly'
  | 'access.notLinkedPrivate'
  | 'cell.notBound'
  | 'cell.alreadyBound'
  | 'cell.notFound'
  | 'cell.nameInvalid'
  | 'member.nameInvalid'
  | 'member.notFound'
  | 'member.duplicateName'
  | 'member.fieldUnknown'
  | 'member.membershipMissing'
  | 'member.phoneInvalid'
  | 'member.dateInvalid'
  | 'member.dateInFuture'
  | 'member.nothingToChange'
  | 'member.cannotRemoveSelf'
  | 'roster.multipleBiThu'
  | 'roster.multiplePhoBiThu'
  | 'roster.probationaryInCommittee'
  | 'roster.committeeTooLarge'
  | 'roster.noBiThu'
  | 'import.empty'
  | 'import.noNameColumn'
  | 'import.noMembershipColumn'
  | 'import.invalidRows'
  | 'import.unreadable'
  | 'import.notUtf8'
  | 'link.alreadyLinked'
  | 'link.memberTaken'
  | 'link.pending'
  | 'prompt.closed'
  | 'prompt.notForYou'
  | 'prompt.secretariatOnly'
  | 'when.unrecognised'
  | 'when.noTime'
  | 'when.noDate'
  | 'when.invalidDate'
  | 'when.invalidTime'
  | 'when.past'
  | 'when.ambiguous'
  | 'meeting.notFound'
  | 'meeting.noneUpcoming'
  | 'meeting.notScheduled'
  | 'meeting.rsvpClosed'
  | 'meeting.alreadyInProgress'
  | 'meeting.noneToStart'
  | 'meeting.notInProgress'
  | 'meeting.kindUnknown'
  | 'meeting.topicMissing'
  | 'meeting.placeMissing'
  | 'meeting.formExtra'
  | 'meeting.sameTime'
  | 'attendance.notExcused'
  | 'attendance.lineUnknown'
  | 'access.secretariatOrMinuteTaker'
  | 'access.othersSecretariatOnly'
  | 'rule.invalid'
  | 'settings.offsetInvalid'
  | 'settings.unknown'
  | 'settings.durationInvalid'
  | 'holiday.notFound';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
