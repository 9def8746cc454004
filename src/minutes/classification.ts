// Finds a state-secret classification mark (Mật, Tối mật, Tuyệt mật) in a text. A text that carries one
// must not enter the bot at all (domain-rules.md §7.1): when in doubt, a mark is found.
import {
  classificationLabel, classificationMarks, higherDegrees, markWord, notAMarkAfter, notAMarkBefore, type ClassificationMark,
} from '../text/minutes-words.ts';

const words = (text: string) => text.normalize('NFC').split(/[^\p{L}\p{M}]+/u).filter(Boolean);
const lower = (s: string) => s.toLocaleLowerCase('vi');

/** The most severe mark the text carries, or null. */
export function classificationMark(text: string): ClassificationMark | null {
  const found = new Set<ClassificationMark>();
  const lines = text.normalize('NFC').split(/\r?\n/);
  for (const line of lines) {
    const tokens = words(line);
    const lowered = tokens.map(lower);
    // A line that is only a mark, in any case: the stamp itself ("MẬT", "(Tối mật)", "* Mật *").
    const whole = lowered.join(' ');
    for (const mark of classificationMarks) if (whole === lower(mark)) found.add(mark);
    // "Độ mật: …" names the degree.
    const label = new RegExp(`${classificationLabel}\\s*:`, 'u').exec(lower(line));
    if (label) {
      const after = lower(line).slice(label.index + label[0].length);
      for (const mark of classificationMarks) if (new RegExp(`(^|[^\\p{L}])${lower(mark)}([^\\p{L}]|$)`, 'u').test(after)) found.add(mark);
    }
    for (let i = 0; i < tokens.length; i++) {
      if (lowered[i] !== markWord) continue;
      const before = lowered[i - 1];
      // "Tối mật" and "Tuyệt mật" are never ordinary words.
      const higher = before ? higherDegrees[before] : undefined;
      if (higher) {
        found.add(higher);
        continue;
      }
      if (before && notAMarkBefore.includes(before)) continue;
      if (lowered[i + 1] && notAMarkAfter.includes(lowered[i + 1]!)) continue;
      // A stamp is written in capitals ("MẬT") or set apart in brackets ("(Mật)", "[mật]").
      const bracketed = new RegExp(`[\\(\\[\\{«"“]\\s*${tokens[i]}\\s*[\\)\\]\\}»"”]`, 'u').test(line);
      if (tokens[i] === markWord.toLocaleUpperCase('vi') || bracketed) found.add(classificationMarks[2]);
    }
  }
  return classificationMarks.find((m) => found.has(m)) ?? null;
}
