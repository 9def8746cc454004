// Minutes: what was captured in the chat, the draft of conclusions and tasks drawn from it, and the
// rules every draft obeys before a secretary sees it (domain-rules.md §5). Pure.
import { addDays, type IsoDate } from './calendar.ts';
import { nameKey } from './names.ts';
import { vietnamInstant } from './time.ts';

/** Tags typed in the chat during a meeting, in the spirit of MeetBot (#topic, #agreed, #action). */
export const CAPTURE_TAGS = ['TOPIC', 'OPINION', 'CONCLUSION', 'TASK', 'RESOLUTION'] as const;
export type CaptureTag = (typeof CAPTURE_TAGS)[number];

/** The tag words, written without diacritics as people type them on a phone. */
export const TAG_WORDS: Record<string, CaptureTag | 'UNDO'> = {
  chude: 'TOPIC',
  ykien: 'OPINION',
  ketluan: 'CONCLUSION',
  giao: 'TASK',
  nghiquyet: 'RESOLUTION',
  xoa: 'UNDO',
};

export interface CapturedItem {
  /** Number within the meeting; cited as "T<seq>". */
  seq: number;
  tag: CaptureTag;
  text: string;
  authorName: string | null;
  at: Date;
  /** TASK only: the owner as written, resolved to a roster name where it could be. */
  ownerName: string | null;
  dueOn: IsoDate | null;
}

/** "T3": captured item 3; "L12": line 12 of the full minutes text. */
export type SourceRef = string;

export interface DraftItem {
  text: string;
  sources: SourceRef[];
}

export interface DraftTask {
  what: string;
  ownerName: string | null;
  dueOn: IsoDate | null;
  sources: SourceRef[];
}

/** A draft of the meeting's outcome. Every item cites where it came from. */
export interface MinutesDraft {
  conclusions: DraftItem[];
  resolutions: DraftItem[];
  tasks: DraftTask[];
  /** What the minutes say about carrying out last month's resolution. */
  lastMonthNotes: DraftItem[];
}

export const emptyDraft = (): MinutesDraft => ({ conclusions: [], resolutions: [], tasks: [], lastMonthNotes: [] });

export interface SourceLine {
  ref: SourceRef;
  text: string;
}

/** A #giao line with the owner and deadline it was recorded with, so a summary can cite them. */
function assignmentLine(c: CapturedItem): string {
  const [y, m, d] = (c.dueOn ?? '').split('-');
  const extra = [c.ownerName, c.dueOn ? `${d}/${m}/${y}` : null].filter(Boolean).join(', ');
  return extra ? `${c.text} (${extra})` : c.text;
}

/** The material a draft is drawn from: captured items, then the full text line by line (blank lines keep their numbers). */
export function sourceLines(captures: readonly CapturedItem[], text: string | null): SourceLine[] {
  const lines: SourceLine[] = captures.map((c) => ({ ref: `T${c.seq}`, text: c.tag === 'TASK' ? assignmentLine(c) : c.text }));
  (text ?? '').split(/\r?\n/).forEach((line, i) => {
    if (line.trim()) lines.push({ ref: `L${i + 1}`, text: line.trim() });
  });
  return lines;
}

/**
 * Packs source lines into chunks of at most `maxChars` (counting each line's text and reference), in
 * order, so a long text fits a model's context. A single longer line is cut, each piece keeping its reference.
 */
export function chunkSources(lines: readonly SourceLine[], maxChars: number): SourceLine[][] {
  const chunks: SourceLine[][] = [];
  let current: SourceLine[] = [];
  let size = 0;
  const push = (line: SourceLine) => {
    const cost = line.text.length + line.ref.length + 2;
    if (current.length && size + cost > maxChars) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(line);
    size += cost;
  };
  for (const line of lines) {
    const room = Math.max(1, maxChars - line.ref.length - 2);
    // A long line is cut at a space where there is one, so no date or name is split across pieces.
    let rest = line.text;
    while (rest.length > room) {
      const space = rest.lastIndexOf(' ', room);
      const cut = space > room / 2 ? space : room;
      push({ ref: line.ref, text: rest.slice(0, cut) });
      rest = rest.slice(cut).trimStart();
    }
    if (rest) push({ ref: line.ref, text: rest });
  }
  if (current.length) chunks.push(current);
  return chunks;
}

// ---- grounding: nothing in a draft that its sources do not say ----

/** A text as its words without diacritics, padded with spaces so ` word ` matches whole words. */
const words = (text: string) => ` ${nameKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * Roster names mentioned in a text: the full name, or the given name when only one member has it and it
 * is written as a name, with its capital (many given names are also words: Mai, Đạt, Thắng, Hoa).
 */
export function mentionedMembers(text: string, members: readonly string[]): string[] {
  const haystack = words(text);
  const original = text.normalize('NFC');
  const given = (name: string) => name.normalize('NFC').trim().split(/\s+/).at(-1) ?? '';
  const givenCount = new Map<string, number>();
  for (const m of members) givenCount.set(nameKey(given(m)), (givenCount.get(nameKey(given(m))) ?? 0) + 1);
  const writtenAsName = (name: string) => {
    const capital = (name.charAt(0).toLocaleUpperCase('vi') + name.slice(1)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{M}])${capital}(?![\\p{L}\\p{M}])`, 'u').test(original);
  };
  return members.filter((m) => haystack.includes(` ${nameKey(m)} `) || (givenCount.get(nameKey(given(m))) === 1 && writtenAsName(given(m))));
}

/** Whether a text states this date: 25/12, 25/12/2026, 25-12, "ngày 25 tháng 12" (read without diacritics). */
export function statesDate(text: string, date: IsoDate): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const key = nameKey(text);
  // A year written beside the day must be the date's own: 20/12/2025 does not state 2026-12-20.
  const numeric = new RegExp(`(^|[^0-9])0?${d}\\s*[/.-]\\s*0?${m}(?:\\s*[/.-]\\s*(\\d{2,4}))?(?![0-9])`, 'g');
  const spelled = new RegExp(`ngay\\s+0?${d}\\s+thang\\s+0?${m}(?:\\s+nam\\s+(\\d{4}))?(?![0-9])`, 'g');
  const sameYear = (written: string | undefined) => !written || Number(written.length === 2 ? `20${written}` : written) === y;
  return [...key.matchAll(numeric)].some((x) => sameYear(x[2])) || [...key.matchAll(spelled)].some((x) => sameYear(x[1]));
}

/** "L12-14" and "L12-L14" expand to each line; unknown references are dropped. */
function validRefs(refs: readonly string[], known: ReadonlySet<string>): SourceRef[] {
  const out: SourceRef[] = [];
  for (const raw of refs) {
    const ref = raw.trim().toUpperCase();
    const range = /^([TL])(\d+)\s*-\s*[TL]?(\d+)$/.exec(ref);
    const expanded = range && Number(range[3]) >= Number(range[2]) && Number(range[3]) - Number(range[2]) < 200
      ? Array.from({ length: Number(range[3]) - Number(range[2]) + 1 }, (_, i) => `${range[1]}${Number(range[2]) + i}`)
      : [ref];
    for (const r of expanded) if (known.has(r) && !out.includes(r)) out.push(r);
  }
  return out;
}

const MAX_ITEM_CHARS = 1000;
const clean = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, MAX_ITEM_CHARS);

/**
 * The owner a source names: a roster member (by full name, or a given name only one member has), or
 * someone outside the roster (a committee, a group) exactly as the source writes it. A name that could be
 * either of two members is no owner.
 */
function groundOwner(owner: string | null, source: string, members: readonly string[]): string | null {
  if (!owner?.trim()) return null;
  const named = mentionedMembers(owner, members);
  if (named.length === 1) return mentionedMembers(source, members).includes(named[0]!) ? named[0]! : null;
  if (named.length > 1) return null;
  const asWritten = words(owner);
  if (members.some((m) => words(m).includes(asWritten))) return null;
  return asWritten.trim().length >= 2 && words(source).includes(asWritten) ? owner.trim() : null;
}

/**
 * Holds a draft to its sources: items citing nothing that exists are dropped; an owner is kept only when
 * a cited source names them (see groundOwner), a deadline only when a cited source states that date. A wrong
 * owner is worse than none, so nothing is inferred.
 */
export function groundDraft(draft: MinutesDraft, lines: readonly SourceLine[], members: readonly string[]): MinutesDraft {
  const byRef = new Map<string, string>();
  for (const line of lines) byRef.set(line.ref, `${byRef.get(line.ref) ?? ''} ${line.text}`);
  const known = new Set(byRef.keys());
  const cited = (sources: readonly string[]) => sources.map((s) => byRef.get(s) ?? '').join('\n');
  const items = (list: readonly DraftItem[]) =>
    list.map((i) => ({ text: clean(i.text), sources: validRefs(i.sources, known) })).filter((i) => i.text && i.sources.length);
  const tasks = draft.tasks
    .map((t) => ({ what: clean(t.what), sources: validRefs(t.sources, known), ownerName: t.ownerName, dueOn: t.dueOn }))
    .filter((t) => t.what && t.sources.length)
    .map((t) => {
      const source = cited(t.sources);
      const owner = groundOwner(t.ownerName, source, members);
      const dueOn = t.dueOn && /^\d{4}-\d{2}-\d{2}$/.test(t.dueOn) && statesDate(source, t.dueOn) ? t.dueOn : null;
      return { what: t.what, ownerName: owner, dueOn, sources: t.sources };
    });
  return { conclusions: items(draft.conclusions), resolutions: items(draft.resolutions), tasks, lastMonthNotes: items(draft.lastMonthNotes) };
}

/** Joins drafts of consecutive chunks: the same item said twice is listed once, citing both places. */
export function mergeDrafts(drafts: readonly MinutesDraft[]): MinutesDraft {
  const mergeItems = (lists: DraftItem[][]) => {
    const byText = new Map<string, DraftItem>();
    for (const item of lists.flat()) {
      const same = byText.get(nameKey(item.text));
      if (same) same.sources = [...new Set([...same.sources, ...item.sources])];
      else byText.set(nameKey(item.text), { text: item.text, sources: [...item.sources] });
    }
    return [...byText.values()];
  };
  const tasks: DraftTask[] = [];
  const byWhat = new Map<string, DraftTask[]>();
  for (const task of drafts.flatMap((d) => d.tasks)) {
    const key = nameKey(task.what);
    const same = byWhat.get(key)?.find((t) => (t.ownerName ?? task.ownerName) === (task.ownerName ?? t.ownerName));
    if (!same) {
      const copy = { ...task, sources: [...task.sources] };
      tasks.push(copy);
      byWhat.set(key, [...(byWhat.get(key) ?? []), copy]);
      continue;
    }
    same.sources = [...new Set([...same.sources, ...task.sources])];
    same.ownerName ??= task.ownerName;
    same.dueOn ??= task.dueOn;
  }
  return {
    conclusions: mergeItems(drafts.map((d) => d.conclusions)),
    resolutions: mergeItems(drafts.map((d) => d.resolutions)),
    tasks,
    lastMonthNotes: mergeItems(drafts.map((d) => d.lastMonthNotes)),
  };
}

// ---- review: the secretary edits the draft by item code ----

export const SECTION_CODES = { K: 'conclusions', N: 'resolutions', V: 'tasks', D: 'lastMonthNotes' } as const;
export type SectionCode = keyof typeof SECTION_CODES;

export function parseItemCode(code: string): { section: SectionCode; index: number } | null {
  const m = /^([KNVD])\s*(\d{1,3})$/i.exec(code.trim());
  if (!m || Number(m[2]) === 0) return null;
  return { section: m[1]!.toUpperCase() as SectionCode, index: Number(m[2]) - 1 };
}

export function itemCount(draft: MinutesDraft, section: SectionCode): number {
  return draft[SECTION_CODES[section]].length;
}

export function isEmptyDraft(draft: MinutesDraft): boolean {
  return !draft.conclusions.length && !draft.resolutions.length && !draft.tasks.length && !draft.lastMonthNotes.length;
}

// ---- follow-up of tasks ----

export type TaskStatus = 'OPEN' | 'DONE';
export type TaskReview = 'DONE_ON_TIME' | 'DONE_LATE' | 'OVERDUE' | 'OPEN';

export interface TaskFacts {
  status: TaskStatus;
  dueOn: IsoDate | null;
  /** The Vietnam date it was marked done. */
  doneOn: IsoDate | null;
}

/** How a task stands on `today` (Vietnam date): done by its deadline or after, overdue, or still open. */
export function reviewTask(task: TaskFacts, today: IsoDate): TaskReview {
  if (task.status === 'DONE') return task.dueOn && task.doneOn && task.doneOn > task.dueOn ? 'DONE_LATE' : 'DONE_ON_TIME';
  return task.dueOn && task.dueOn < today ? 'OVERDUE' : 'OPEN';
}

/** The owner is reminded this many days before the deadline, in the morning; the chi ủy hears the day after it passed. */
export const TASK_REMINDER_DAYS = [3, 1] as const;
export const TASK_REMINDER_TIME = '08:00';
/** offsetMinutes of the "overdue" notice: one day after the deadline. */
export const OVERDUE_OFFSET = -24 * 60;

export function planTaskReminders(dueOn: IsoDate | null, now: Date): { dueAt: Date; offsetMinutes: number }[] {
  if (!dueOn) return [];
  const plan = [
    ...TASK_REMINDER_DAYS.map((days) => ({ dueAt: vietnamInstant(addDays(dueOn, -days), TASK_REMINDER_TIME), offsetMinutes: days * 24 * 60 })),
    { dueAt: vietnamInstant(addDays(dueOn, 1), TASK_REMINDER_TIME), offsetMinutes: OVERDUE_OFFSET },
  ];
  return plan.filter((r) => r.dueAt.getTime() > now.getTime());
}

/**
 * What to do with task reminders due now: nothing for a task that is done; after downtime, only the
 * latest reminder of a task (the overdue notice once the deadline has passed).
 */
export function decideTaskReminders<R extends { taskId: number; offsetMinutes: number }>(
  due: readonly R[],
  tasks: ReadonlyMap<number, TaskFacts>,
  today: IsoDate,
): { send: R[]; skip: R[] } {
  const send: R[] = [];
  const skip: R[] = [];
  const latest = new Map<number, R>();
  for (const r of due) {
    const task = tasks.get(r.taskId);
    if (!task || task.status === 'DONE' || (r.offsetMinutes > 0 && task.dueOn !== null && task.dueOn < today)) {
      skip.push(r);
      continue;
    }
    const kept = latest.get(r.taskId);
    // The smaller offset is the later reminder; the overdue notice (negative) is the latest of all.
    if (!kept || r.offsetMinutes < kept.offsetMinutes) {
      if (kept) skip.push(kept);
      latest.set(r.taskId, r);
    } else skip.push(r);
  }
  send.push(...latest.values());
  return { send, skip };
}

// ---- the roll of the biên bản (§5.3) ----

export interface RollCount {
  total: number;
  present: number;
  excused: number;
  unexcused: number;
  exemptAbsent: number;
  away: number;
  suspended: number;
  unaccounted: number;
}

/** total = present + absent (excused + unexcused) + exempted absent + sent elsewhere + suspended; anything left is unaccounted. */
export function reconcileRoll(count: Omit<RollCount, 'unaccounted'>): RollCount & { balanced: boolean } {
  const accounted = count.present + count.excused + count.unexcused + count.exemptAbsent + count.away + count.suspended;
  return { ...count, unaccounted: count.total - accounted, balanced: accounted === count.total };
}
