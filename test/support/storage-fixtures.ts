// Builders for the repository tests: members, cells, meetings and reminder plans.
import type { MeetingFields, NewCell } from '../../src/app/ports.ts';
import type { PlannedReminder } from '../../src/domain/reminders.ts';
import type { MemberFields } from '../../src/domain/roster.ts';

const MINUTE = 60_000;

export const memberFields = (fullName: string, overrides: Partial<MemberFields> = {}): MemberFields => ({
  fullName,
  membership: 'CHINH_THUC',
  status: 'ACTIVE',
  role: 'DANG_VIEN',
  phone: null,
  admittedOn: null,
  ...overrides,
});

let cellCounter = 0;
/** A new cell each call (its own name and group chat), founded by its bí thư. */
export const newCell = (overrides: Partial<NewCell> = {}): NewCell => {
  cellCounter++;
  return {
    name: `Chi bộ Khu phố ${cellCounter}`,
    organisations: [{ name: 'Đảng bộ Phường Bến Nghé', kind: 'DANG_BO' }],
    chat: { channel: 'telegram', chatId: `-100${cellCounter}`, title: `Chi bộ KP${cellCounter}` },
    founder: memberFields('Nguyễn Văn An', { role: 'BI_THU' }),
    founderAccount: { channel: 'telegram', externalId: `tg-founder-${cellCounter}`, displayName: 'An Nguyễn' },
    ...overrides,
  };
};

export const meetingFields = (startsAt: Date, overrides: Partial<MeetingFields> = {}): MeetingFields => ({
  kind: 'THUONG_KY',
  topic: null,
  startsAt,
  place: 'Hội trường khu phố',
  agenda: ['Đánh giá tháng', 'Phương hướng tháng tới'],
  chairId: null,
  ...overrides,
});

/** Reminders `offsets` minutes before `startsAt`. */
export const plannedReminders = (startsAt: Date, offsets: number[]): PlannedReminder[] =>
  offsets.map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(startsAt.getTime() - offsetMinutes * MINUTE) }));
