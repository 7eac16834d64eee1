import type { Cue } from '../captions/model';
import { CLAUSE_END, SENTENCE_END, joinTokens } from '../captions/text';

/**
 * Meaning units: what one line of a translation request holds. A unit is a run of whole cues that
 * ends where a sentence ends, so a cue cut mid-sentence is never translated on its own (the
 * service would guess the missing half). A run-on without punctuation is capped so it never
 * becomes one giant unit; the cap prefers to cut after a clause.
 */
export interface MeaningUnit {
  cueIds: string[];
  /** The cues' source text joined: a space between spaced scripts, nothing between CJK. */
  text: string;
}

export interface UnitLimits {
  maxCues: number;
  maxChars: number;
}

export const DEFAULT_UNIT_LIMITS: UnitLimits = { maxCues: 6, maxChars: 300 };

/** A cue's text on one line (a request sends one unit per line). */
export const cueText = (cue: Pick<Cue, 'lines'>): string => joinTokens(cue.lines.map((l) => l.trim().replace(/\s+/g, ' ')));

/** Words ending in a dot that do not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sr', 'jr', 'vs', 'no', 'fig', 'approx', 'inc', 'ltd', 'co', 'corp', 'dept', 'gen', 'gov', 'sen', 'rep', 'rev', 'lt', 'col', 'capt', 'mt', 'ft', 'op', 'vol', 'ch', 'sec', 'ca', 'cf', 'al',
  'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.k',
]);

/** Whether text that ends a cue ends a sentence; `next` is the following cue's text. */
export function endsSentence(text: string, next: string | undefined): boolean {
  const t = text.trimEnd();
  if (!SENTENCE_END.test(t)) return false;
  // The rest only concerns a final full stop: "Dr." and "3." (of "3.5") do not end sentences.
  const stop = /(\S*)\.["'’”)\]]*$/u.exec(t);
  if (!stop || /[.]{2,}["'’”)\]]*$/u.test(t)) return true;
  const word = (stop[1] ?? '').replace(/^["'‘“([]+/u, '').toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^\p{Lu}$/u.test(stop[1]?.replace(/^["'‘“([]+/u, '') ?? '')) return false; // an initial: "J. R. R. Tolkien"
  if (/\d$/.test(word) && next !== undefined && /^\d/.test(next.trimStart())) return false; // "3." + "5 percent"
  return true;
}

/**
 * Groups cues into meaning units in order. Cues with no text belong to no unit (nothing to
 * translate). A change of speaker also ends a unit: the next person starts their own sentence.
 */
export function meaningUnits(cues: readonly Cue[], sourceLang?: string, limits: UnitLimits = DEFAULT_UNIT_LIMITS): MeaningUnit[] {
  void sourceLang; // sentence ends are told by punctuation of every script; kept for callers' clarity
  const items = cues.map((c) => ({ cue: c, text: cueText(c) })).filter((i) => i.text);
  const units: MeaningUnit[] = [];
  let run: typeof items = [];
  const emit = (part: typeof items): void => {
    if (part.length) units.push({ cueIds: part.map((i) => i.cue.id), text: joinTokens(part.map((i) => i.text)) });
  };
  const chars = (part: typeof items): number => part.reduce((n, i) => n + [...i.text].length, 0);
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as (typeof items)[number];
    const prev = run.at(-1);
    if (prev && prev.cue.speaker !== item.cue.speaker) {
      emit(run);
      run = [];
    }
    // Over the cap: cut the run after its last clause end, or whole when it has none.
    while (run.length && (run.length + 1 > limits.maxCues || chars(run) + [...item.text].length > limits.maxChars)) {
      let cut = -1;
      for (let j = run.length - 1; j >= 0 && cut < 0; j--) if (CLAUSE_END.test((run[j] as (typeof items)[number]).text)) cut = j + 1;
      if (cut <= 0) cut = run.length;
      emit(run.slice(0, cut));
      run = run.slice(cut);
    }
    run.push(item);
    if (endsSentence(item.text, items[k + 1]?.text)) {
      emit(run);
      run = [];
    }
  }
  emit(run);
  return units;
}
