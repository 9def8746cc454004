// Prompt templates: prompts/<name>.md, filled by name with {{placeholder}}. A placeholder without a value
// is an error, so a renamed variable can never send a literal "{{x}}" to a model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's prompts/ folder (this file is src/llm/prompts.ts). */
export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const cache = new Map<string, string>();

function template(name: string, dir: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`Invalid prompt name "${name}" (lowercase letters, digits and dashes only)`);
  const file = join(dir, `${name}.md`);
  let text = cache.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trim();
    } catch (err) {
      throw new Error(`Prompt template "${name}" not found at ${file}`, { cause: err });
    }
    cache.set(file, text);
  }
  return text;
}

/** The placeholders a template uses, in order of first appearance. */
export function promptPlaceholders(name: string, dir: string = PROMPTS_DIR): string[] {
  return [...new Set([...template(name, dir).matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Reads prompts/<name>.md (cached) and replaces every {{key}} with vars[key], in one pass: a value that itself
 * contains "{{...}}" (a chat line, say) is left as it is. Throws when a placeholder has no value.
 */
export function loadPrompt(name: string, vars: Record<string, string>, dir: string = PROMPTS_DIR): string {
  const text = template(name, dir);
  const missing = promptPlaceholders(name, dir).filter((key) => !Object.hasOwn(vars, key) || typeof vars[key] !== 'string');
  if (missing.length) throw new Error(`Prompt "${name}" has no value for ${missing.map((k) => `{{${k}}}`).join(', ')}`);
  return text.replace(PLACEHOLDER, (_, key: string) => vars[key]!);
}
