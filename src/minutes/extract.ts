// The offline summariser: an extractive, deterministic reading of the captured items and the minutes text,
// for when no model is configured or reachable. It copies sentences, it never writes any: a heading opens a
// section (conclusions, tasks, last month's results, discussion), the lines of a section are its items, and
// outside sections cue phrases pick the sentences. A task gets an owner only when its sentence names exactly
// one roster member in an assigning position, and a deadline only when it states a day and a month after a
// deadline word. Pure and linear in the length of the text. The words live in src/text/extract-words.ts.
import type { Summariser, SummaryRequest } from '../app/ports.ts';
import { daysInMonth, isoDate, type IsoDate } from '../domain/calendar.ts';
import {
  groundDraft, mentionedMembers, sourceLines, type DraftItem, type DraftTask, type MinutesDraft, type SourceRef,
} from '../domain/minutes.ts';
import { nameKey } from '../domain/names.ts';
import { extractWords as W, type ExtractKind, type HeadingKind } from '../text/extract-words.ts';

type Section = HeadingKind | 'other' | 'none';

// ---- regular expressions built from the word lists ----

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');
/** Alternatives, longest first so "thời hạn" wins over "hạn". */
const alt = (list: readonly string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join('|');
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';
/** Any of the phrases, as whole words, in lower-cased text. */
const anyOf = (list: readonly string[], flags = 'u') => new RegExp(`${START}(?:${alt(list)})${END}`, flags);
const atStart = (list: readonly string[]) => new RegExp(`^(?:${alt(list)})${END}`, 'u');

const TITLE = alt(W.titles);
const TITLE_AT = new RegExp(`^\\s*(?:${TITLE})${END}\\s*`, 'u');
const TITLE_ALL = new RegExp(`${START}(?:${TITLE})${END}\\s*`, 'gu');
const PLURAL_BEFORE = new RegExp(`${START}(?:${alt(W.plural)})\\s+$`, 'u');
const HELPER_BEFORE = new RegExp(`${START}(?:${alt(W.helper)})\\s+$`, 'u');
const CO_OWNER_SEP = new RegExp(`^\\s*(?:,|;|/|\\+|&|(?:${alt(W.coOwner)})${END})\\s*`, 'u');
const PLURAL_TITLE_AT = new RegExp(`^(?:${alt(W.plural)})\\s+(?:${TITLE})${END}`, 'u');
const ROLE_AT = new RegExp(`^\\s*(?:${alt(W.roles)})${END}`, 'u');
const PRONOUN_AT = atStart(W.pronouns);
const OPINION_AT = new RegExp(`^\\s+(?:${alt(W.opinionVerbs)})${END}`, 'u');
const REPORT_AT = new RegExp(`^\\s+(${alt(W.reportVerbs)})${END}`, 'u');
const APPOSITION_AT = /^\s*(?:\([^()]{0,80}\)|,[^,:;()]{0,80},)/u;
const RESPONSIBLE_AT = new RegExp(`^\\s*:?\\s*(?:${alt(W.responsible)})${END}`, 'u');
const LOWER_NAME = new RegExp(`^\\s*((?:[\\p{L}\\p{M}]+\\s*){1,3}?)(?=:?\\s*(?:${alt(W.responsible)})${END})`, 'u');
const ASSIGN_ALL = new RegExp(`${START}(${alt(W.assign)})${END}\\s*:?\\s*`, 'gu');
const OWNER_LABEL_ALL = new RegExp(`${START}(?:${alt(W.ownerLabels)})\\s*:\\s*`, 'gu');
const FIELD_LABEL = new RegExp(`^(?:${alt(W.fieldLabels)})${END}[^:]{0,40}:`, 'u');
const PROCEDURAL = anyOf(W.procedural);
const HEADING_START = atStart(W.headingStarts);
const HAS_TITLE = anyOf(W.formalTitles);
const NEUTRAL_HEADING = atStart(W.neutralHeadingStarts);
const LABELS: Array<[ExtractKind, RegExp]> = W.labels.map(([kind, list]) => [kind, new RegExp(`^(?:${alt(list)})\\s*:\\s*`, 'u')]);
const HEADINGS: Array<[HeadingKind, RegExp]> = W.headings.map(([kind, list]) => [kind, anyOf(list)]);

const GIVE = new RegExp(
  `${START}(?<!(?:${alt(W.cues.giveNotAfter)})\\s+)${W.cues.give}\\s+(?:(?:${alt(W.cues.giveAfter)})|(?:${TITLE}))${END}`, 'u',
);
const GIVE_NOT_BEFORE = new RegExp(`${START}(?:${alt(W.cues.giveNotAfter)})\\s+$`, 'u');
const TASK_CUE = anyOf(W.cues.task);
const STRONG_TASK_CUE = anyOf(W.cues.strongTask);
const RESOLUTION_CUE = anyOf(W.cues.resolution);
const NOT_RESOLUTION = anyOf(W.cues.notResolution);
const LAST_MONTH_CUE = anyOf(W.cues.lastMonth);
const CONCLUSION_CUE = anyOf(W.cues.conclusion);
const STRONG_CONCLUSION_CUE = anyOf(W.cues.strongConclusion);

// Dates: 20/12, 20/12/2026, 20-12, 20.12.2026, "20 tháng 12 năm 2026" (the "ngày" is eaten by the gap).
const NUMERIC_DATE = '(\\d{1,2})\\s*(?:/|-|\\.)\\s*(\\d{1,2})(?:\\s*(?:/|-|\\.)\\s*(\\d{4}))?(?!\\d|\\s*[/-]\\s*\\d|\\.\\d)';
const SPELLED_DATE = `(\\d{1,2})\\s+${W.month}\\s+(\\d{1,2})(?:\\s+${W.year}\\s+(\\d{4}))?(?!\\d)`;
const GAP = `(?:\\s*[:,]?\\s*(?:${alt(W.deadlineGap)})${END})*\\s*[:,]?\\s*`;
const DEADLINE = new RegExp(`${START}(?:${alt(W.deadline)})${END}${GAP}(?:${SPELLED_DATE}|${NUMERIC_DATE})`, 'u');
const DEADLINE_AT = new RegExp(`^(?:${alt(W.deadline)})${END}`, 'u');

// Markers at the start of a line: "I." (a section), "1.", "1.2.", "1)", "1/", "a)", "a.", "-", "+", "•".
const ROMAN = /^(?:[IVX]{1,5})\s*[.)/:-]\s*/u;
const BULLET = /^(?:[-–—•*+●○▪■□◦·>]+\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s+|\(?\d{1,2}\)\s*|\d{1,2}\/\s+|\(?[a-z\u0111][.)]\s+|[a-z\u0111]\)\s*|[A-Z\u0110][.)]\s+)/u;
const DASH = /^[-–—•*+●○▪■□◦·>]/u;

// ---- small helpers ----

/** Lower case with every character kept in place, so an index in the lower-cased text is one in the original. */
function lower(text: string): string {
  const l = text.toLowerCase();
  if (l.length === text.length) return l;
  return Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
}

const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;

/** Capitalised words from `at` (at most four): a name as written, "Lê Minh Tuấn" in "đồng chí Lê Minh Tuấn chủ trì". */
function nameRun(text: string, at: number): { text: string; end: number } | null {
  const word = /\s*(\p{Lu}[\p{L}\p{M}]*)/uy;
  let end = at;
  const words: string[] = [];
  while (words.length < 4) {
    word.lastIndex = end;
    const m = word.exec(text);
    if (!m) break;
    words.push(m[1]!);
    end = word.lastIndex;
  }
  return words.length ? { text: words.join(' '), end } : null;
}

/** After a title, the name: the capitalised run, or (typed in lower case on a phone) the next three words. */
function nameAfterTitle(text: string, at: number): { text: string; end: number } | null {
  const run = nameRun(text, at);
  if (run) return run;
  const m = /\s*((?:[\p{L}\p{M}]+\s*){1,3})/uy;
  m.lastIndex = at;
  const found = m.exec(text);
  return found ? { text: found[1]!.trim(), end: m.lastIndex } : null;
}

/** "1. Kết luận: chi bộ thống nhất …;" → "Chi bộ thống nhất …" */
function tidy(text: string): { text: string; label: ExtractKind | null } {
  let t = text.replace(BULLET, '').trim();
  let label: ExtractKind | null = null;
  const low = lower(t);
  for (const [kind, re] of LABELS) {
    const m = re.exec(low);
    if (m) {
      label = kind;
      t = t.slice(m[0].length).replace(BULLET, '');
      break;
    }
  }
  t = t.replace(/[\s.;,:]+$/u, '').trim();
  return { text: t.charAt(0).toUpperCase() + t.slice(1), label };
}

// ---- sentences ----

/**
 * Splits a line at ". ", "! ", "? " followed by a capital, a digit or a bullet, but not after an abbreviation
 * ("TP. Hồ Chí Minh", "đ/c. Hoa") nor after list numbering ("Kết luận: 1. Chi bộ …"). A sentence that is only
 * a deadline ("Hạn 20/12.") stays with the sentence before it.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const cut = (end: number) => {
    out.push(text.slice(start, end).trim());
    start = end;
  };
  for (const m of text.matchAll(/[.!?…;]+(?=\s+[\p{Lu}\d(•*+–—-])/gu)) {
    const at = m.index;
    const before = text.slice(start, at);
    const token = /(\S+)$/u.exec(before)?.[1] ?? '';
    const numbering = /^\(?\d{1,2}$/.test(token);
    if (m[0] === ';') {
      // "…; 2. Giao …": a new numbered point; any other semicolon stays inside the sentence.
      if (/^\s+\(?\d{1,2}[.)]\s/u.test(text.slice(at + 1))) cut(at + 1);
      continue;
    }
    if (m[0] === '.' && (/^\p{Lu}{1,3}$/u.test(token) || (W.abbreviations as readonly string[]).includes(lower(token)))) continue;
    if (numbering) {
      // "1." opening the sentence or following a colon is list numbering; after a full stop it opens the next one.
      if (before.trim() === token || /[:;(]\s*\S+$/u.test(before)) continue;
      if (/[.!?…]\s+\S+$/u.test(before)) {
        cut(at - token.length);
        continue;
      }
    }
    cut(at + m[0].length);
  }
  out.push(text.slice(start).trim());
  const merged: string[] = [];
  for (const s of out.filter(Boolean)) {
    if (merged.length && DEADLINE_AT.test(lower(s))) merged[merged.length - 1] += ` ${s}`;
    else merged.push(s);
  }
  return merged;
}

// ---- who speaks ----

type Speaker = { kind: 'opinion' } | { kind: 'nameColon' } | { kind: 'report'; verb: string; rest: string | null };

/**
 * Whether a line is someone's speech: "Đồng chí Sơn phát biểu: …", "Đ/c Oanh: …", "Tôi đồng ý …" (an opinion),
 * or a report "Đồng chí Hoa báo cáo: …", "Đồng chí chủ trì kết luận: …" (the content after the colon counts).
 */
function speaker(body: string): Speaker | null {
  const low = lower(body);
  if (PRONOUN_AT.test(low)) return { kind: 'opinion' };
  let at = 0;
  const title = TITLE_AT.exec(low);
  if (title) at = title[0].length;
  const role = ROLE_AT.exec(low.slice(at));
  if (role) at += role[0].length;
  else {
    const run = nameRun(body, at);
    if (!run) return null;
    at = run.end;
  }
  const appos = APPOSITION_AT.exec(low.slice(at));
  if (appos) at += appos[0].length;
  const rest = low.slice(at);
  if (/^\s*:/.test(rest)) return { kind: 'nameColon' };
  if (OPINION_AT.test(rest)) return { kind: 'opinion' };
  const report = REPORT_AT.exec(rest);
  if (report) {
    const colon = body.indexOf(':', at);
    return { kind: 'report', verb: report[1]!.replace(/\s+/g, ' '), rest: colon >= 0 ? body.slice(colon + 1).trim() : null };
  }
  return null;
}

// ---- headings ----

function sectionKind(low: string): HeadingKind | null {
  for (const [kind, re] of HEADINGS) if (re.test(low)) return kind;
  return null;
}

const CONTENT_SECTIONS: readonly Section[] = ['conclusion', 'resolution', 'task', 'lastMonth'];
const isContent = (s: Section): s is ExtractKind => CONTENT_SECTIONS.includes(s);

/**
 * What a line does to the sections: opens one (a Roman numeral, a line in capitals, a short line ending with a
 * colon or starting with a heading word), is a sub-heading that keeps the section ('sub'), or is content (null).
 */
function headingOf(raw: string, current: Section): Section | 'sub' | null {
  const roman = ROMAN.exec(raw);
  const bullet = roman ? null : BULLET.exec(raw);
  const body = raw.slice((roman ?? bullet)?.[0].length ?? 0).trim();
  const low = lower(body);
  const caps = letters(body) >= 3 && !/\p{Ll}/u.test(body);
  if (roman || (caps && body.length <= 160)) return sectionKind(low) ?? 'other';
  if (body.endsWith(':') && body.length <= 160) {
    const who = speaker(body);
    if (who?.kind === 'opinion') return 'discussion';
    if (who?.kind === 'nameColon') return isContent(current) ? 'sub' : 'discussion';
    return sectionKind(low) ?? 'sub';
  }
  if (
    !(bullet && DASH.test(raw)) && body.length <= 90 && body.split(' ').length <= 12 && !/[.;!?]$/.test(body) &&
    HEADING_START.test(low) && !HAS_TITLE.test(low)
  ) {
    const kind = sectionKind(low);
    if (kind) return kind;
    if (NEUTRAL_HEADING.test(low)) return 'other';
  }
  return null;
}

// ---- cues ----

function isTaskCue(low: string, strong: boolean): boolean {
  return GIVE.test(low) || (strong ? STRONG_TASK_CUE : TASK_CUE).test(low);
}

/** The kind of a sentence read by its cue words alone (outside sections); strict in a discussion. */
function cueKind(low: string, strict: boolean): ExtractKind | null {
  if (RESOLUTION_CUE.test(low) && !NOT_RESOLUTION.test(low)) return 'resolution';
  if (isTaskCue(low, strict)) return 'task';
  if (!strict && LAST_MONTH_CUE.test(low)) return 'lastMonth';
  if ((strict ? STRONG_CONCLUSION_CUE : CONCLUSION_CUE).test(low)) return 'conclusion';
  return null;
}

// ---- owner and deadline ----

/**
 * The roster member a task sentence makes responsible, or null. Candidates: a name after an assigning word
 * ("giao đồng chí Tuấn", "phân công đ/c Hoa", "đề nghị đồng chí Sơn"), a titled name followed by a word of
 * responsibility ("đ/c Hoa chịu trách nhiệm"), a titled name in brackets ("(đ/c Tuấn)"), after a label
 * ("Phụ trách: đ/c Tuấn"), or "Đ/c Tuấn: …" opening the item. Every candidate must be exactly one roster
 * member and all the same one; a plural ("các đồng chí"), two owners, or a name off the roster give null.
 */
export function ownerOf(sentence: string, members: readonly string[]): string | null {
  return ownerIn(sentence, rosterLookup(members));
}

type Lookup = (name: string) => string[];

/** mentionedMembers() for the short name runs of one request, each worked out once. */
function rosterLookup(members: readonly string[]): Lookup {
  const seen = new Map<string, string[]>();
  return (name) => {
    let found = seen.get(name);
    if (!found) seen.set(name, (found = mentionedMembers(name, members)));
    return found;
  };
}

function ownerIn(sentence: string, lookup: Lookup): string | null {
  const text = sentence.replace(BULLET, '');
  const low = lower(text);
  const names: string[] = [];
  let doubtful = false;
  /** A second person right after the name: "đồng chí Tuấn và đồng chí Hoa", "đ/c Tuấn, Hoa". */
  const coOwner = (end: number) => {
    const sep = CO_OWNER_SEP.exec(low.slice(end));
    if (!sep) return false;
    const at = end + sep[0].length;
    if (TITLE_AT.test(low.slice(at))) return true;
    const next = nameRun(text, at);
    return Boolean(next && lookup(next.text).length);
  };
  const take = (run: { text: string; end: number } | null) => {
    if (!run) return;
    names.push(run.text);
    if (coOwner(run.end)) doubtful = true;
  };
  for (const m of low.matchAll(ASSIGN_ALL)) {
    const at = m.index + m[0].length;
    if (m[1]!.startsWith(W.cues.give) && GIVE_NOT_BEFORE.test(low.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (PLURAL_TITLE_AT.test(low.slice(at))) {
      doubtful = true;
      continue;
    }
    const title = TITLE_AT.exec(low.slice(at));
    if (title) take(nameAfterTitle(text, at + title[0].length));
    else if ((W.assignBare as readonly string[]).includes(m[1]!.replace(/\s+/g, ' '))) take(nameRun(text, at));
  }
  for (const m of low.matchAll(OWNER_LABEL_ALL)) {
    const at = m.index + m[0].length;
    const title = TITLE_AT.exec(low.slice(at));
    take(title ? nameAfterTitle(text, at + title[0].length) : nameRun(text, at));
  }
  for (const m of low.matchAll(TITLE_ALL)) {
    const before = low.slice(Math.max(0, m.index - 20), m.index);
    const at = m.index + m[0].length;
    const bracketed = /\(\s*$/.test(before);
    const run = nameRun(text, at) ?? lowerCaseName(low, at);
    if (!run) continue;
    let after = low.slice(run.end);
    const appos = bracketed ? null : APPOSITION_AT.exec(after);
    if (appos) after = after.slice(appos[0].length);
    const responsible = RESPONSIBLE_AT.test(after) || (m.index === 0 && /^\s*:/.test(after)) || bracketed;
    if (PLURAL_BEFORE.test(before)) {
      if (responsible) doubtful = true;
      continue;
    }
    if (HELPER_BEFORE.test(before)) continue;
    if (responsible) take(run);
  }
  if (doubtful || !names.length) return null;
  const found = new Set<string>();
  for (const name of names) {
    const who = lookup(name);
    if (who.length !== 1) return null;
    found.add(who[0]!);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** A name typed in lower case before a word of responsibility: "đ/c hoa chịu trách nhiệm" → "hoa". */
function lowerCaseName(low: string, at: number): { text: string; end: number } | null {
  const m = LOWER_NAME.exec(low.slice(at));
  return m ? { text: m[1]!.trim(), end: at + m[0].length } : null;
}

/**
 * The deadline a task sentence states after a deadline word ("hạn 20/12", "trước ngày 20 tháng 12 năm 2026",
 * "chậm nhất 15/01"), or null. Without a year it is the first such date on or after the meeting date.
 * "trong tháng 12", "quý I", "sớm" are not dates; an impossible date (31/02) is null.
 */
export function deadlineOf(sentence: string, meetingDate: string): IsoDate | null {
  const m = DEADLINE.exec(lower(sentence));
  if (!m) return null;
  const [day, month, year] = m[1] ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const d = Number(day);
  const mo = Number(month);
  if (!(mo >= 1 && mo <= 12 && d >= 1)) return null;
  const valid = (y: number) => y >= 1900 && y <= 9999 && d <= daysInMonth(y, mo);
  if (year) return valid(Number(year)) ? isoDate(Number(year), mo, d) : null;
  const meeting = /^(\d{4})-(\d{2})-(\d{2})/.exec(meetingDate);
  if (!meeting) return null;
  const y = Number(meeting[1]);
  const onMeetingYear = valid(y) ? isoDate(y, mo, d) : null;
  if (onMeetingYear && onMeetingYear >= meetingDate.slice(0, 10)) return onMeetingYear;
  return valid(y + 1) ? isoDate(y + 1, mo, d) : null;
}

// ---- the draft ----

/** Items in first-seen order; the same text (ignoring case, diacritics and punctuation) is listed once. */
class Collector {
  private readonly items = new Map<string, Map<string, DraftItem>>();
  private readonly tasks = new Map<string, DraftTask[]>();
  private readonly order: Record<ExtractKind, Array<DraftItem | DraftTask>> = { conclusion: [], resolution: [], task: [], lastMonth: [] };

  add(kind: Exclude<ExtractKind, 'task'>, text: string, sources: SourceRef[]): void {
    const key = dedupeKey(text);
    if (!key) return;
    let byKey = this.items.get(kind);
    if (!byKey) this.items.set(kind, (byKey = new Map()));
    const same = byKey.get(key);
    if (same) {
      for (const s of sources) if (!same.sources.includes(s)) same.sources.push(s);
      return;
    }
    const item = { text, sources: [...sources] };
    byKey.set(key, item);
    this.order[kind].push(item);
  }

  addTask(task: DraftTask): void {
    const key = dedupeKey(task.what);
    if (!key) return;
    const list = this.tasks.get(key) ?? [];
    const same = list.find((t) => (t.ownerName ?? task.ownerName) === (task.ownerName ?? t.ownerName));
    if (same) {
      for (const s of task.sources) if (!same.sources.includes(s)) same.sources.push(s);
      same.ownerName ??= task.ownerName;
      same.dueOn ??= task.dueOn;
      return;
    }
    const copy = { ...task, sources: [...task.sources] };
    list.push(copy);
    this.tasks.set(key, list);
    this.order.task.push(copy);
  }

  draft(): MinutesDraft {
    return {
      conclusions: this.order.conclusion as DraftItem[],
      resolutions: this.order.resolution as DraftItem[],
      tasks: this.order.task as DraftTask[],
      lastMonthNotes: this.order.lastMonth as DraftItem[],
    };
  }
}

const dedupeKey = (text: string) => nameKey(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

interface Line {
  text: string;
  refs: SourceRef[];
}

/**
 * The physical lines of the text (numbered as sourceLines() numbers them), with a line that starts in lower
 * case joined to the one before when that one did not end a sentence: a hard-wrapped paragraph.
 */
function logicalLines(text: string): Line[] {
  const out: Line[] = [];
  let open = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
    if (!t) {
      open = false;
      return;
    }
    const last = out.at(-1);
    const low = lower(t);
    const continues =
      open && last && /^\p{Ll}/u.test(t) && !BULLET.test(t) && !/[.:;!?]$/u.test(last.text) &&
      !TITLE_AT.test(low) && !PRONOUN_AT.test(low) && headingOf(last.text, 'none') === null;
    if (continues) {
      last.text += ` ${t}`;
      last.refs.push(`L${i + 1}`);
    } else out.push({ text: t, refs: [`L${i + 1}`] });
    open = true;
  });
  return out;
}

function readText(text: string, request: SummaryRequest, out: Collector): void {
  const lookup = rosterLookup(request.members);
  const emit = (kind: ExtractKind, raw: string, refs: SourceRef[]) => {
    const { text: itemText } = tidy(raw);
    if (letters(itemText) < 2) return;
    if (kind === 'task') {
      out.addTask({ what: itemText, ownerName: ownerIn(raw, lookup), dueOn: deadlineOf(raw, request.meeting.date), sources: refs });
    } else out.add(kind, itemText, refs);
  };

  let section: Section = 'none';
  for (const line of logicalLines(text)) {
    const heading = headingOf(line.text, section);
    if (heading === 'sub') continue;
    if (heading) {
      section = heading;
      continue;
    }
    let body = line.text.replace(BULLET, '').trim();
    let forced: ExtractKind | null = null;
    const who = speaker(body);
    if (who?.kind === 'opinion') continue;
    if (who?.kind === 'nameColon' && !isContent(section)) continue;
    if (who?.kind === 'report') {
      if (!who.rest) continue;
      body = who.rest;
      if (who.verb === W.concludeVerb) forced = 'conclusion';
    } else if (FIELD_LABEL.test(lower(body))) continue;

    const inSection = isContent(section) ? section : null;
    const units = inSection && !forced && body.length <= 300 ? [body] : sentences(body);
    for (const unit of units) {
      const { text: tidied, label } = tidy(unit);
      const low = lower(tidied);
      if (PROCEDURAL.test(low) || PRONOUN_AT.test(low)) continue;
      const inner = speaker(tidied);
      if (inner?.kind === 'opinion' || (inner?.kind === 'nameColon' && !inSection)) continue;
      let kind: ExtractKind | null;
      if (label) kind = label;
      else if (forced) kind = forced;
      else if (inSection) kind = inSection;
      else kind = cueKind(low, section === 'discussion');
      if ((kind === 'conclusion' || kind === 'resolution') && isTaskCue(low, true)) kind = 'task';
      if (kind) emit(kind, unit, line.refs);
    }
  }
}

/** The draft of a meeting's outcome from its captured items and its minutes text, grounded in both. */
export function extractDraft(request: SummaryRequest): MinutesDraft {
  const out = new Collector();
  for (const c of request.captures) {
    const text = c.text.trim();
    const sources = [`T${c.seq}`];
    if (c.tag === 'CONCLUSION') out.add('conclusion', text, sources);
    else if (c.tag === 'RESOLUTION') out.add('resolution', text, sources);
    else if (c.tag === 'TASK') out.addTask({ what: text, ownerName: c.ownerName, dueOn: c.dueOn, sources });
  }
  if (request.text) readText(request.text, request, out);
  return groundDraft(out.draft(), sourceLines(request.captures, request.text), request.members);
}

export const offlineSummariser: Summariser = {
  kind: 'offline',
  summarise: async (request) => extractDraft(request),
};
