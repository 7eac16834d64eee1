import { detectTrackLanguage } from '../shared/captions/language';
import { PRESETS, presetForLanguage, resolvePreset } from '../shared/captions/presets';
import { resegmentTrack } from '../shared/captions/resegment';
import { LANGUAGE_CODES } from '../shared/jobs';
import { CodedError } from '../shared/result';
import type { App } from './app';

export type Resegment = 'unedited' | 'all' | 'none';

export interface LanguageChange {
  /** A language code; null: detect it from the text. Absent: keep the transcript's. */
  language?: string | null | undefined;
  /** A preset id; absent: the one matching the language. */
  presetId?: string | undefined;
  /** Which cues are cut again for the new preset (default: those nobody edited). */
  resegment?: Resegment | undefined;
}

/**
 * Changes a transcript's language and caption preset, for the editor and `library export
 * --language/--preset`: the cues are segmented again from their words for the new preset's line
 * width and reading speed, keeping the cues a person edited unless `resegment: 'all'`.
 */
export function changeTranscriptLanguage(app: Pick<App, 'transcripts' | 'db'>, id: string, change: LanguageChange): { language: string | null; presetId: string; kept: number; rebuilt: number } {
  const meta = app.transcripts.meta(id);
  const track = app.transcripts.track(id);
  if (!meta || !track) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
  if (change.language && !LANGUAGE_CODES.includes(change.language)) throw new CodedError('UNKNOWN_LANGUAGE', `"${change.language}" is not a language code Captioner knows (${LANGUAGE_CODES.join(', ')}).`, { language: change.language });
  if (change.presetId && !Object.hasOwn(PRESETS, change.presetId)) throw new CodedError('UNKNOWN_PRESET', `"${change.presetId}" is not a caption preset (${Object.keys(PRESETS).join(', ')}).`, { preset: change.presetId });
  const language = change.language === undefined ? meta.language : (change.language ?? detectTrackLanguage(track.cues.map((c) => c.lines.join(' '))) ?? null);
  const presetId = change.presetId ?? (change.language === undefined ? meta.presetId : presetForLanguage(language ?? undefined));
  const mode = change.resegment ?? 'unedited';
  const r = mode === 'none' ? { track, kept: track.cues.length, rebuilt: 0 } : resegmentTrack(track, resolvePreset(presetId), { all: mode === 'all' });
  app.db.transaction(() => {
    if (r.rebuilt) app.transcripts.saveTrack(id, r.track);
    app.transcripts.setLanguagePreset(id, language, presetId);
  })();
  return { language, presetId, kept: r.kept, rebuilt: r.rebuilt };
}
