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

export function entryProblem(e: HotwordEntry): string | null {
  const text = e.text.trim();
  if (!text) return 'an entry is empty';
  if (!Number.isInteger(e.weight) || e.weight < 1 || e.weight > 5) return `"${text}": weight must be a whole number from 1 to 5 (4 is recommended)`;
  const ascii = /^[\x20-\x7e]*$/.test(text);
  if (ascii && text.split(/\s+/).length > 7) return `"${text}": at most 7 words`;
  if (!ascii && [...text].length > 15) return `"${text}": at most 15 characters`;
  return null;
}

export function checkEntries(entries: readonly HotwordEntry[]): string[] {
  const problems: string[] = [];
  if (!entries.length) problems.push('the list has no entries');
  if (entries.length > MAX_ENTRIES) problems.push(`the list has ${entries.length} entries; the service allows ${MAX_ENTRIES}`);
  const seen = new Set<string>();
  for (const e of entries) {
    const p = entryProblem(e);
    if (p) problems.push(p);
    const key = e.text.trim().toLowerCase();
    if (seen.has(key)) problems.push(`"${e.text.trim()}" appears twice`);
    seen.add(key);
  }
  return problems;
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
