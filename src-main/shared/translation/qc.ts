import { countScripts, detectLanguage, languageOfCounts } from '../captions/language';
import type { Cue } from '../captions/model';
import type { Preset } from '../captions/presets';
import { checkCue, type QcFinding } from '../captions/qc';
import { hasCjk } from '../captions/text';
import { mtLanguage } from './languages';
import { cueText } from './units';

/** Why a cue counts as untranslated. */
export type UntranslatedReason = 'missing' | 'identical' | 'source-script';

export type TranslationQcCode = 'UNTRANSLATED' | 'CPS_HIGH' | 'LINE_TOO_LONG' | 'TOO_MANY_LINES';

/** A finding on one cue's translation; the preset checks are the source's own QC findings. */
export interface TranslationFinding extends Omit<QcFinding, 'code'> {
  code: TranslationQcCode;
  lang: string;
  reason?: UntranslatedReason;
}

/** The checks of shared/captions/qc.ts that concern text: timing belongs to the source cues. */
const TEXT_CHECKS = new Set<string>(['CPS_HIGH', 'LINE_TOO_LONG', 'TOO_MANY_LINES']);

/** The script family a language is written in, as language.ts detects it. */
function scriptOf(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const code = mtLanguage(lang)?.code ?? lang.toLowerCase();
  if (code === 'zh' || code === 'zh_tw' || code === 'yue') return 'zh';
  if (['ja', 'ko', 'th', 'ar', 'ru', 'el', 'hi'].includes(code)) return code;
  if (['uk', 'bg', 'sr'].includes(code)) return 'ru';
  if (['fa', 'ur'].includes(code)) return 'ar';
  if (['he', 'bn', 'ta', 'te', 'km', 'lo', 'my'].includes(code)) return code; // scripts language.ts does not tell apart
  return 'en';
}

/**
 * A name, a number or a one-word interjection reads the same in many languages ("Paris.", "OK",
 * "iPhone 15"): only a longer text left unchanged is worth a warning.
 */
const mayStayTheSame = (text: string): boolean =>
  hasCjk(text) ? [...text.replace(/[^\p{L}]/gu, '')].length < 5 : text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length < 3;

/**
 * Findings for one target language: cues left untranslated (no text, the source text unchanged,
 * or still written in the source's script when the target uses another), and translations that
 * break the target preset's line length, line count or reading speed at the source cue's times.
 */
export function translationFindings(
  cues: readonly Cue[],
  translations: ReadonlyMap<string, string[]>,
  sourceLang: string | undefined,
  targetLang: string,
  preset: Preset,
): TranslationFinding[] {
  const sourceScript = scriptOf(sourceLang) ?? detectLanguage(cues.slice(0, 200).map(cueText).join(' '));
  const targetScript = scriptOf(targetLang);
  const out: TranslationFinding[] = [];
  for (const cue of cues) {
    const source = cueText(cue);
    if (!source) continue;
    const lines = translations.get(cue.id) ?? [];
    const text = cueText({ lines });
    const untranslated = (reason: UntranslatedReason): void => {
      out.push({
        code: 'UNTRANSLATED', cueId: cue.id, lang: targetLang, reason, severity: reason === 'missing' ? 'error' : 'warning',
        message: reason === 'missing' ? 'No translation.' : reason === 'identical' ? 'The translation is the source text unchanged.' : 'The translation is still in the source language.',
        params: {}, safe: false,
      });
    };
    if (!text) {
      untranslated('missing');
      continue;
    }
    const hasLetters = languageOfCounts(countScripts(source)) !== undefined;
    if (hasLetters && sourceScript !== targetScript && detectLanguage(text) === sourceScript) untranslated('source-script');
    else if (hasLetters && text.replace(/\s+/g, '') === source.replace(/\s+/g, '') && !mayStayTheSame(text)) untranslated('identical');
    for (const f of checkCue({ ...cue, lines }, undefined, undefined, preset)) {
      if (TEXT_CHECKS.has(f.code)) out.push({ ...f, code: f.code as TranslationQcCode, lang: targetLang });
    }
  }
  return out;
}
