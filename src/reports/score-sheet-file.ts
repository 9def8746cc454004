// The score sheet in use: a JSON file a province can replace (SCORE_SHEET_FILE), checked at start-up so
// that a wrong sheet stops the bot with a clear message instead of scoring meetings wrongly.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkSheet, SCORE_FACTS, type ScoreSheet } from '../domain/scoring.ts';

export const DEFAULT_SCORE_SHEET_FILE = fileURLToPath(new URL('../../config/score-sheets/pho-bien-100.json', import.meta.url));

const sheetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/),
  name: z.string().min(1),
  source: z.string().min(1),
  criteria: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), label: z.string().min(1), max: z.number().int().positive(), fact: z.enum(SCORE_FACTS).optional() })).min(1),
  bands: z.object({ TOT: z.number().int(), KHA: z.number().int(), TRUNG_BINH: z.number().int() }),
  fullMarksForTop: z.array(z.string()).default([]),
});

export class ScoreSheetError extends Error {}

export function loadScoreSheet(file: string = DEFAULT_SCORE_SHEET_FILE): ScoreSheet {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScoreSheetError(`Score sheet ${file}: ${(error as Error).message}`);
  }
  const parsed = sheetSchema.safeParse(raw);
  if (!parsed.success) throw new ScoreSheetError(`Score sheet ${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const sheet: ScoreSheet = parsed.data;
  const problems = checkSheet(sheet);
  if (problems.length) throw new ScoreSheetError(`Score sheet ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return sheet;
}
