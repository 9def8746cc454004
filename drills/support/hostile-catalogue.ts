// The text catalogue check of the hostile-inputs drill: every string the bot shows a user must have been
// produced by src/text. The exported catalogue objects (text, errors, meetingText, voteText, …) are
// mutable, so their functions are wrapped at runtime and every string they return is recorded; an
// outbound text then passes only when it is one of those strings, a part of one that the channel split,
// or lines that are each such a string. Static labels (button texts) count as produced.
import { AsyncLocalStorage } from 'node:async_hooks';
import { splitText } from '../../src/channels/channel.ts';
import * as meetings from '../../src/text/meetings.ts';
import * as minutes from '../../src/text/minutes.ts';
import * as reports from '../../src/text/reports.ts';
import * as vi from '../../src/text/vi.ts';
import * as votes from '../../src/text/votes.ts';
import * as when from '../../src/text/when-words.ts';

/** Leaks of code into a reply: JS values printed as text, error messages, stack frames. */
export const SUSPICIOUS: readonly { token: string; pattern: RegExp }[] = [
  { token: 'undefined', pattern: /undefined/ },
  { token: 'NaN', pattern: /NaN/ },
  { token: 'null', pattern: /\bnull\b/ },
  { token: '[object Object]', pattern: /\[object \w+\]/ },
  { token: 'Error:', pattern: /\b\w*Error:/ },
  { token: 'stack trace', pattern: /^\s*at (?:async )?\S.*:\d+:\d+\)?$|\(file:\/\/|node:internal/m },
];

/**
 * Exports that are words the bot reads, not words it says: their strings must not make a reply pass.
 * Everything else exported from the catalogue modules is treated as output.
 */
const INPUT_ONLY = new Set([
  'vi.words.membership', 'vi.words.status', 'vi.words.role', 'vi.words.fieldPrefix', 'vi.words.csvHeader', 'vi.words.organisationBoPhan',
  'meetings.meetingWords', 'votes.voteWords', 'votes.electionWords', 'votes.deadlineLabel', 'votes.paperWords', 'minutes.editLabels',
  'reports.reportWords', 'reports.historyText', 'reports.viewersCli',
]);

const MODULES: Record<string, Record<string, unknown>> = { vi, meetings, votes, minutes, reports, when: { whenExamples: when.whenExamples } };

export interface CatalogueCall {
  key: string;
  args: unknown[];
}

export type TextProblem = { kind: 'off-catalogue' } | { kind: 'suspicious'; token: string };

type Wrapped = { key: string; holder: Record<string | number, unknown>; prop: string | number; original: (...args: unknown[]) => unknown };

const active = new Set<CatalogueRecorder>();
/** The recorder whose drill made the call, so that two drills in one process do not see each other's texts. */
const owner = new AsyncLocalStorage<CatalogueRecorder>();
let installed: Wrapped[] | null = null;
const statics = new Set<string>();

function walk(value: unknown, path: string, seen: WeakSet<object>, wrapped: Wrapped[]) {
  if (INPUT_ONLY.has(path)) return;
  if (typeof value === 'string') {
    statics.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const holder = value as Record<string | number, unknown>;
  for (const prop of Object.keys(holder)) {
    const child = holder[prop];
    const key = `${path}.${prop}`;
    if (typeof child === 'function') {
      const original = child as (...args: unknown[]) => unknown;
      const wrapper = function (this: unknown, ...args: unknown[]) {
        const result = original.apply(this, args);
        const mine = owner.getStore();
        if (mine) {
          if (active.has(mine)) mine.record(key, args, result);
        } else for (const recorder of active) recorder.record(key, args, result);
        return result;
      };
      holder[prop] = wrapper;
      wrapped.push({ key, holder, prop, original });
    } else {
      walk(child, key, seen, wrapped);
    }
  }
}

function install() {
  if (installed) return;
  const wrapped: Wrapped[] = [];
  const seen = new WeakSet<object>();
  for (const [name, ns] of Object.entries(MODULES)) {
    // Exported functions (formatWhen, errorText…) are bindings that cannot be replaced; their output reaches
    // users only inside the objects' sentences, which are recorded whole.
    for (const [exportName, value] of Object.entries(ns)) if (typeof value !== 'function') walk(value, `${name}.${exportName}`, seen, wrapped);
  }
  installed = wrapped;
}

function uninstall() {
  if (!installed) return;
  for (const { holder, prop, original } of installed) holder[prop] = original;
  installed = null;
  statics.clear();
  staticLengthCache = null;
}

function collectStrings(value: unknown, into: (s: string) => void, depth = 0) {
  if (typeof value === 'string') into(value);
  else if (depth < 4 && Array.isArray(value)) for (const v of value) collectStrings(v, into, depth + 1);
  else if (depth < 4 && typeof value === 'object' && value !== null) for (const v of Object.values(value)) collectStrings(v, into, depth + 1);
}

export function suspiciousToken(text: string): string | null {
  return SUSPICIOUS.find((s) => s.pattern.test(text))?.token ?? null;
}

/**
 * Records what the catalogue produced, step by step. Strings stay valid for `window` steps, so that a
 * text composed in one step and sent in the next (a scheduler run finishing late) is not refused.
 */
export class CatalogueRecorder {
  private produced = new Map<string, number>();
  private lengths = new Map<number, number>();
  /** Catalogue calls made during the current step, in order. */
  calls: CatalogueCall[] = [];
  /** How often each catalogue function was called since start. */
  readonly used = new Map<string, number>();
  private step = 0;

  constructor(private readonly maxTextLength = 4096, private readonly window = 20) {}

  start(): this {
    install();
    active.add(this);
    return this;
  }

  stop(): void {
    active.delete(this);
    if (!active.size) uninstall();
  }

  /** Runs `work` (and everything it sets off) as this recorder's: calls made there are recorded here only. */
  within<T>(work: () => T): T {
    return owner.run(this, work);
  }

  /** A new step: its calls start empty; strings older than the window are forgotten. */
  nextStep(): void {
    this.step++;
    this.calls = [];
    if (this.step % this.window === 0) {
      for (const [text, step] of this.produced) if (step < this.step - this.window) this.forget(text);
    }
  }

  record(key: string, args: unknown[], result: unknown): void {
    this.calls.push({ key, args });
    this.used.set(key, (this.used.get(key) ?? 0) + 1);
    collectStrings(result, (s) => {
      this.remember(s);
      // The channel splits long texts on lines; each part is what a user sees.
      if (s.length > this.maxTextLength) for (const part of splitText(s, this.maxTextLength)) this.remember(part);
    });
  }

  /** The catalogue functions (by key) and whether this run reached them. */
  coverage(): { reached: string[]; missed: string[] } {
    const keys = [...new Set((installed ?? []).map((w) => w.key))];
    return { reached: keys.filter((k) => this.used.has(k)), missed: keys.filter((k) => !this.used.has(k)) };
  }

  called(key: string): number {
    return this.calls.filter((c) => c.key === key || c.key.endsWith(`.${key}`)).length;
  }

  private remember(s: string) {
    if (!this.produced.has(s)) this.lengths.set(s.length, (this.lengths.get(s.length) ?? 0) + 1);
    this.produced.set(s, this.step);
  }

  private forget(s: string) {
    this.produced.delete(s);
    const n = (this.lengths.get(s.length) ?? 1) - 1;
    if (n) this.lengths.set(s.length, n);
    else this.lengths.delete(s.length);
  }

  private known(s: string): boolean {
    return this.produced.has(s) || statics.has(s);
  }

  /** True when the text is a catalogue string, or lines that are each (runs of) catalogue strings. */
  fromCatalogue(text: string): boolean {
    if (this.known(text)) return true;
    if (!text.includes('\n')) return false;
    // Line offsets; a piece from line i up to line j must be a known string (the catalogue's own strings hold
    // newlines, so pieces span lines). Only lengths some known string has are looked up.
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const n = starts.length;
    const reach = new Array<boolean>(n + 1).fill(false);
    reach[0] = true;
    for (let i = 0; i < n; i++) {
      if (!reach[i]) continue;
      const from = starts[i]!;
      for (let j = i + 1; j <= n; j++) {
        const length = (j < n ? starts[j]! - 1 : text.length) - from;
        if (reach[j] || (!this.lengths.has(length) && !staticLengths().has(length))) continue;
        if (this.known(text.slice(from, from + length))) reach[j] = true;
      }
    }
    return reach[n]!;
  }

  /** What is wrong with one outbound text, or null. */
  check(text: string): TextProblem | null {
    const token = suspiciousToken(text);
    if (token) return { kind: 'suspicious', token };
    return this.fromCatalogue(text) ? null : { kind: 'off-catalogue' };
  }
}

let staticLengthCache: Set<number> | null = null;
function staticLengths(): Set<number> {
  staticLengthCache ??= new Set([...statics].map((s) => s.length));
  return staticLengthCache;
}
