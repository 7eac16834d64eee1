import { bilingualTrack, languageFileName, translationTrack } from '../../shared/formats/bilingual';
import { FORMAT_FILES, exportTrack, type ExportOptions } from '../../shared/formats/export';
import { renderExportName } from '../../shared/formats/naming';
import type { Track } from '../../shared/captions/model';
import { CodedError } from '../../shared/result';
import type { BILINGUAL_ORDERS, TRANSLATION_EXPORT_MODES } from '../../shared/translation-jobs';
import type { TranslationsRepo } from '../db/repos/translations';
import { exportNameFields } from '../export-name';

export interface TranslationChoice {
  lang: string;
  mode: (typeof TRANSLATION_EXPORT_MODES)[number];
  order?: (typeof BILINGUAL_ORDERS)[number] | undefined;
}
export interface ExportedFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** Cue id → lines of every language the transcript is translated into (for JSON). */
export function allTranslations(repo: TranslationsRepo, transcriptId: string, track: Track): Map<string, Map<string, string[]>> {
  const live = new Set(track.cues.map((c) => c.id));
  return new Map(repo.languages(transcriptId).map((lang) => [lang, new Map([...repo.get(transcriptId, lang, live)].map(([id, t]) => [id, t.lines]))]));
}

/**
 * A transcript's export with its translation (issue 11): the original, the translation alone,
 * both in one file (two lines per cue), or two files `name.zh.srt` + `name.en.srt`. JSON always
 * carries every language. Times are the source cues' in every case.
 */
export function exportWithTranslation(
  repo: TranslationsRepo,
  meta: { id: string; sourcePath: string | null; title: string; language: string | null },
  track: Track,
  options: Omit<ExportOptions, 'translations'>,
  template: string,
  translation?: TranslationChoice,
): ExportedFile[] {
  const { ext, mime } = FORMAT_FILES[options.format];
  const fields = exportNameFields(meta, ext);
  const name = renderExportName(template, fields);
  const stem = name.endsWith(`.${ext}`) ? name.slice(0, -ext.length - 1) : name;
  const type = `${mime}; charset=utf-8`;
  const json = options.format === 'json' ? { translations: allTranslations(repo, meta.id, track) } : {};
  const original = (): ExportedFile => ({ fileName: name, mime: type, bytes: exportTrack(track, { ...options, ...json }) });
  if (!translation || translation.mode === 'original') return [original()];
  const byCue = new Map([...repo.get(meta.id, translation.lang, new Set(track.cues.map((c) => c.id)))].map(([id, t]) => [id, t.lines]));
  if (!byCue.size) throw new CodedError('MT_NO_TRANSLATION', `"${meta.title}" has no ${translation.lang} translation yet. Translate it first ("captioner translate ${meta.id.slice(0, 8)} --to ${translation.lang}").`, { title: meta.title, lang: translation.lang });
  const named = (lang: string): string => (template.includes('{lang}') ? renderExportName(template, { ...fields, lang }) : languageFileName(stem, lang, ext));
  const translated = (): ExportedFile => ({ fileName: named(translation.lang), mime: type, bytes: exportTrack(translationTrack(track, byCue, translation.lang), { ...options, ...json }) });
  switch (translation.mode) {
    case 'translation':
      return [translated()];
    case 'bilingual':
      // ASS writes the two languages in two styles.
      return [{ fileName: name, mime: type, bytes: exportTrack(bilingualTrack(track, byCue, translation.order ?? 'source-first'), { ...options, ...json, ...(options.format === 'ass' || options.format === 'ssa' ? { bilingual: true } : {}) }) }];
    case 'separate-files':
      return [{ ...original(), fileName: meta.language ? named(meta.language) : name }, translated()];
  }
}
