// Scores a draft against the items planted in a generated biên bản: an item is found when the draft lists it
// under the same kind, citing its line, with the same words (labels, numbering and the final stop aside).
import type { MinutesDraft } from '../../src/domain/minutes.ts';
import { nameKey } from '../../src/domain/names.ts';
import type { PlantedItem, PlantedKind } from './summariser-minutes.ts';

export interface DraftScore {
  /** Items in the draft, by kind. */
  listed: Record<PlantedKind, number>;
  /** Planted items found, by kind. */
  found: Record<PlantedKind, number>;
  planted: Record<PlantedKind, number>;
  /** Tasks found with the planted owner / deadline. */
  ownersRight: number;
  deadlinesRight: number;
  /** Draft items that match no planted item (a speaker's opinion taken for a decision, say). */
  extra: number;
  missed: PlantedItem[];
}

const key = (s: string) => nameKey(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const KINDS: PlantedKind[] = ['conclusion', 'resolution', 'task', 'lastMonth'];
const zero = (): Record<PlantedKind, number> => ({ conclusion: 0, resolution: 0, task: 0, lastMonth: 0 });

interface Listed {
  text: string;
  sources: string[];
  owner?: string | null;
  dueOn?: string | null;
}

export function scoreDraft(draft: MinutesDraft, planted: readonly PlantedItem[]): DraftScore {
  const lists: Record<PlantedKind, Listed[]> = {
    conclusion: draft.conclusions,
    resolution: draft.resolutions,
    task: draft.tasks.map((t) => ({ text: t.what, sources: t.sources, owner: t.ownerName, dueOn: t.dueOn })),
    lastMonth: draft.lastMonthNotes,
  };
  const score: DraftScore = { listed: zero(), found: zero(), planted: zero(), ownersRight: 0, deadlinesRight: 0, extra: 0, missed: [] };
  const matched = new Set<Listed>();
  for (const kind of KINDS) score.listed[kind] = lists[kind].length;
  for (const item of planted) {
    score.planted[item.kind]++;
    const k = key(item.text);
    // Containment both ways: a label ("Chi bộ quyết nghị:") may be dropped, or the model may add words.
    const hit = lists[item.kind].find((l) => !matched.has(l) && l.sources.includes(item.ref) && (key(l.text).includes(k) || k.includes(key(l.text))));
    if (!hit) {
      score.missed.push(item);
      continue;
    }
    matched.add(hit);
    score.found[item.kind]++;
    if (item.kind === 'task') {
      if (hit.owner === item.owner) score.ownersRight++;
      if (hit.dueOn === item.dueOn) score.deadlinesRight++;
    }
  }
  score.extra = KINDS.reduce((n, kind) => n + lists[kind].filter((l) => !matched.has(l)).length, 0);
  return score;
}

export const total = (counts: Record<PlantedKind, number>) => KINDS.reduce((n, k) => n + counts[k], 0);
