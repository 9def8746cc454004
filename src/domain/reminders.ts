// Reminders are data: planned here as due times, stored as rows, sent by the scheduler (issue 3).
// Pure: the caller passes the meeting time and the current time.

/** 3 days, 1 day and 1 hour before, unless the cell chooses otherwise. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [3 * 24 * 60, 24 * 60, 60];

export interface PlannedReminder {
  offsetMinutes: number;
  dueAt: Date;
}

/**
 * Reminders still ahead for a meeting at `startsAt`, earliest first. An offset whose time has already
 * passed is not planned: announcing a meeting tomorrow does not also send "in three days".
 */
export function planReminders(startsAt: Date, now: Date, offsetsMinutes: readonly number[]): PlannedReminder[] {
  const offsets = [...new Set(offsetsMinutes.filter((m) => Number.isInteger(m) && m > 0))].sort((a, b) => b - a);
  return offsets
    .map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(startsAt.getTime() - offsetMinutes * 60_000) }))
    .filter((r) => r.dueAt.getTime() > now.getTime());
}

export interface DueReminder {
  id: string;
  meetingId: number;
  offsetMinutes: number;
}

export interface ReminderDecision {
  send: DueReminder[];
  skip: DueReminder[];
}

/**
 * What to do with the reminders due now. A meeting that has started, or is no longer scheduled, gets
 * none. When the bot was down through several reminders of one meeting, only the latest is sent:
 * three messages in a row saying "in 3 days", "tomorrow", "in an hour" would be noise.
 */
export function decideDueReminders(
  due: readonly DueReminder[],
  meetings: ReadonlyMap<number, { startsAt: Date; scheduled: boolean }>,
  now: Date,
): ReminderDecision {
  const send: DueReminder[] = [];
  const skip: DueReminder[] = [];
  const byMeeting = new Map<number, DueReminder[]>();
  for (const reminder of due) byMeeting.set(reminder.meetingId, [...(byMeeting.get(reminder.meetingId) ?? []), reminder]);
  for (const [meetingId, reminders] of byMeeting) {
    const meeting = meetings.get(meetingId);
    const ahead = meeting !== undefined && meeting.scheduled && meeting.startsAt.getTime() > now.getTime();
    if (!ahead) {
      skip.push(...reminders);
      continue;
    }
    const latest = reminders.reduce((a, b) => (b.offsetMinutes < a.offsetMinutes ? b : a));
    send.push(latest);
    skip.push(...reminders.filter((r) => r !== latest));
  }
  return { send, skip };
}
