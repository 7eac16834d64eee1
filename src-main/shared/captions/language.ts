/**
 * The language of a transcript, from the script of its characters. Used when the user left the
 * language on auto-detect: Fun-ASR is Chinese-first (funasr-api.md §1.3), so a transcript with no
 * language hint is often Chinese, and checking it against an English preset is wrong (issue #10).
 *
 * Script decides what a preset needs (line width, reading speed); telling French from English is
 * beyond it and beyond what the presets distinguish, so every Latin-script text is "en" unless the
 * user said otherwise.
 */

/** Language codes the script of a text can tell apart, in Fun-ASR's code set (§2.2). */
export type ScriptLanguage = 'zh' | 'ja' | 'ko' | 'th' | 'ar' | 'ru' | 'el' | 'hi' | 'en';

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\u{20000}-\u{3134f}]/u;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;
const THAI = /[\u0e00-\u0e7f]/u;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f]/u;
const CYRILLIC = /[\u0400-\u04ff]/u;
const GREEK = /[\u0370-\u03ff]/u;
const DEVANAGARI = /[\u0900-\u097f]/u;
const LATIN = /[A-Za-z\u00c0-\u024f]/u;

export interface ScriptCounts {
  han: number;
  kana: number;
  hangul: number;
  thai: number;
  arabic: number;
  cyrillic: number;
  greek: number;
  devanagari: number;
  /** Latin letters, counted per word (a Chinese character carries about a word's meaning). */
  latinWords: number;
}

const emptyCounts = (): ScriptCounts => ({ han: 0, kana: 0, hangul: 0, thai: 0, arabic: 0, cyrillic: 0, greek: 0, devanagari: 0, latinWords: 0 });

export function countScripts(text: string, into: ScriptCounts = emptyCounts()): ScriptCounts {
  let inLatinWord = false;
  for (const ch of text) {
    const latin = LATIN.test(ch);
    if (latin && !inLatinWord) into.latinWords++;
    inLatinWord = latin || (inLatinWord && (ch === "'" || ch === '’' || ch === '-'));
    if (latin) continue;
    if (KANA.test(ch)) into.kana++;
    else if (HAN.test(ch)) into.han++;
    else if (HANGUL.test(ch)) into.hangul++;
    else if (THAI.test(ch)) into.thai++;
    else if (ARABIC.test(ch)) into.arabic++;
    else if (CYRILLIC.test(ch)) into.cyrillic++;
    else if (GREEK.test(ch)) into.greek++;
    else if (DEVANAGARI.test(ch)) into.devanagari++;
  }
  return into;
}

/** The language the counted text is mostly in, or undefined when it has no letters at all. */
export function languageOfCounts(c: ScriptCounts): ScriptLanguage | undefined {
  // Japanese mixes kanji with kana; any real share of kana makes Han text Japanese.
  const cjk = c.han + c.kana;
  const candidates: [ScriptLanguage, number][] = [
    [c.kana > 0 && c.kana * 5 >= cjk ? 'ja' : 'zh', cjk],
    ['ko', c.hangul],
    ['th', c.thai],
    ['ar', c.arabic],
    ['ru', c.cyrillic],
    ['el', c.greek],
    ['hi', c.devanagari],
    ['en', c.latinWords],
  ];
  let best: [ScriptLanguage, number] | undefined;
  for (const cand of candidates) if (cand[1] > 0 && (!best || cand[1] > best[1])) best = cand;
  return best?.[0];
}

export const detectLanguage = (text: string): ScriptLanguage | undefined => languageOfCounts(countScripts(text));

/**
 * A track's language from all its text: a Chinese talk with English terms is Chinese. Counting is
 * bounded (the first `limit` characters of each cue are enough to tell the script of a cue).
 */
export function detectTrackLanguage(texts: Iterable<string>, limit = 200): ScriptLanguage | undefined {
  const c = emptyCounts();
  for (const t of texts) countScripts(t.length > limit ? t.slice(0, limit) : t, c);
  return languageOfCounts(c);
}

/** Whether a language hint and the detected text agree on the script (zh-TW and zh are both Han). */
export const sameScript = (a: string, b: string): boolean => a.split('-')[0] === b.split('-')[0];
