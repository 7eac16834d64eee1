import type { HotwordProblemCode } from './api-codes';

/**
 * Hotword (vocabulary) rules from funasr-api.md §6.1, checked before any call so the user sees
 * which entry is wrong instead of a bare 400.
 */
export interface HotwordEntry {
  text: string;
  weight: number;
  lang?: string | undefined;
}

export const MAX_LISTS = 10;
export const MAX_ENTRIES = 500;
export const PREFIX = /^[a-z0-9]{1,9}$/;
/** Lists Captioner creates (app and CLI alike) carry this prefix, so it lists only its own. */
export const HOTWORD_PREFIX = 'captioner';

/** A hotword entry (or list) the service would refuse, as a code the UI words (shared/api-codes.ts). */
export interface HotwordProblem {
  code: HotwordProblemCode;
  /** The entry concerned, trimmed. */
  text?: string;
  count?: number;
  limit?: number;
}

export function entryProblem(e: HotwordEntry): HotwordProblem | null {
  const text = e.text.trim();
  if (!text) return { code: 'EMPTY_ENTRY' };
  if (!Number.isInteger(e.weight) || e.weight < 1 || e.weight > 5) return { code: 'WEIGHT', text };
  const ascii = /^[\x20-\x7e]*$/.test(text);
  if (ascii && text.split(/\s+/).length > 7) return { code: 'TOO_MANY_WORDS', text, limit: 7 };
  if (!ascii && [...text].length > 15) return { code: 'TOO_MANY_CHARS', text, limit: 15 };
  return null;
}

export function hotwordProblems(entries: readonly HotwordEntry[]): HotwordProblem[] {
  const problems: HotwordProblem[] = [];
  if (!entries.length) problems.push({ code: 'EMPTY_LIST' });
  if (entries.length > MAX_ENTRIES) problems.push({ code: 'TOO_MANY', count: entries.length, limit: MAX_ENTRIES });
  const seen = new Set<string>();
  for (const e of entries) {
    const p = entryProblem(e);
    if (p) problems.push(p);
    const key = e.text.trim().toLowerCase();
    if (seen.has(key)) problems.push({ code: 'DUPLICATE', text: e.text.trim() });
    seen.add(key);
  }
  return problems;
}

/** A problem in English (the CLI, logs and the API's message). */
export function describeHotwordProblem(p: HotwordProblem): string {
  switch (p.code) {
    case 'EMPTY_LIST': return 'the list has no entries';
    case 'TOO_MANY': return `the list has ${p.count} entries; the service allows ${p.limit}`;
    case 'EMPTY_ENTRY': return 'an entry is empty';
    case 'WEIGHT': return `"${p.text}": weight must be a whole number from 1 to 5 (4 is recommended)`;
    case 'TOO_MANY_WORDS': return `"${p.text}": at most ${p.limit} words`;
    case 'TOO_MANY_CHARS': return `"${p.text}": at most ${p.limit} characters`;
    case 'DUPLICATE': return `"${p.text}" appears twice`;
  }
}

/** "word", "word 5" or "word | 5 | en" per line → entries (default weight 4). */
export function parseEntries(text: string): HotwordEntry[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const parts = l.includes('|') ? l.split('|').map((p) => p.trim()) : (/^(.*?)\s+([1-9]\d*)$/.exec(l)?.slice(1) ?? [l]);
      const e: HotwordEntry = { text: parts[0] ?? '', weight: parts[1] ? Number(parts[1]) : 4 };
      if (parts[2]) e.lang = parts[2];
      return e;
    });
}

export const formatEntries = (entries: readonly HotwordEntry[]): string => entries.map((e) => `${e.text} | ${e.weight}${e.lang ? ` | ${e.lang}` : ''}`).join('\n');
