import type { Cue, Track } from '../captions/model';
import { languageTag, mtLanguage } from '../translation/languages';

export type BilingualOrder = 'source-first' | 'target-first';

/** A cue's translated lines, or undefined when it has none worth showing. */
const translated = (translations: ReadonlyMap<string, string[]>, id: string): string[] | undefined => {
  const lines = translations.get(id)?.map((l) => l.trim()).filter(Boolean);
  return lines?.length ? lines : undefined;
};

/**
 * The words belong to the source text; a cue showing other text drops them so no writer rebuilds
 * the source from them (word-timed WebVTT, LRC).
 */
const retexted = (cue: Cue, lines: string[]): Cue => ({ ...cue, lines, words: [] });

/**
 * Source and translation in one cue, same times: the source lines then the translation's, or the
 * other way round. A cue with no translation keeps its source lines alone.
 */
export function bilingualTrack(track: Track, translations: ReadonlyMap<string, string[]>, order: BilingualOrder): Track {
  return {
    ...track,
    cues: track.cues.map((cue) => {
      const t = translated(translations, cue.id);
      if (!t) return cue;
      return retexted(cue, order === 'source-first' ? [...cue.lines, ...t] : [...t, ...cue.lines]);
    }),
  };
}

/** The translation alone, same times; an untranslated cue keeps its source text (never a gap). */
export function translationTrack(track: Track, translations: ReadonlyMap<string, string[]>, lang?: string): Track {
  const out: Track = { ...track, cues: track.cues.map((cue) => {
    const t = translated(translations, cue.id);
    return t ? retexted(cue, t) : cue;
  }) };
  if (lang) out.language = lang;
  return out;
}

/**
 * `name.en.srt` for `name` + `en` + `srt`: the pattern players (VLC, mpv, Plex, Jellyfin) read as
 * the subtitle language. A base that already ends in a language tag (`talk.zh`) has it replaced,
 * so the source file and its translation sit side by side as `talk.zh.srt` and `talk.en.srt`.
 */
export function languageFileName(base: string, lang: string, ext: string): string {
  const m = /^(.+)\.([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$/.exec(base);
  const stem = m && mtLanguage(m[2] as string) ? (m[1] as string) : base;
  const tag = languageTag(mtLanguage(lang)?.code ?? lang);
  return `${stem.replace(/[. ]+$/, '')}.${tag}.${ext.replace(/^\./, '')}`;
}

/** Translations of a track for the JSON export: language → cue id → lines. */
export type TrackTranslations = ReadonlyMap<string, ReadonlyMap<string, string[]>>;

/** The track with each cue's translations attached, as the JSON export writes it. */
export function withTranslations(track: Track, translations: TrackTranslations): Track & { cues: (Cue & { translations?: Record<string, string[]> })[] } {
  return {
    ...track,
    cues: track.cues.map((cue) => {
      const own: Record<string, string[]> = {};
      for (const [lang, byCue] of translations) {
        const t = translated(byCue, cue.id);
        if (t) own[lang] = t;
      }
      return Object.keys(own).length ? { ...cue, translations: own } : cue;
    }),
  };
}
