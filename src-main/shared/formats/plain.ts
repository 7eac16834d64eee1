import { speakerName, trackSchema, type Track } from '../captions/model';
import { withTranslations, type TrackTranslations } from './bilingual';
import { formatClock } from './timecode';

export interface PlainTextOptions {
  speakers?: boolean;
  timestamps?: boolean;
}

/**
 * Readable transcript: consecutive cues of one speaker form a paragraph; a speaker change or a
 * long pause starts a new one.
 */
export function formatPlainText(track: Track, opts: PlainTextOptions = {}): string {
  const paras: string[] = [];
  let current: string[] = [];
  let head = '';
  let prevSpeaker: number | undefined | null = null;
  let prevEnd = 0;
  const flush = (): void => {
    if (current.length) paras.push(head + current.join(' '));
    current = [];
  };
  for (const cue of track.cues) {
    const text = cue.lines.join(' ').trim();
    if (!text) continue;
    if (cue.speaker !== prevSpeaker || cue.start - prevEnd > 4000 || current.length >= 8) {
      flush();
      const parts: string[] = [];
      if (opts.timestamps) parts.push(`[${formatClock(cue.start)}]`);
      if (opts.speakers && cue.speaker !== undefined) parts.push(`${speakerName(track, cue.speaker)}:`);
      head = parts.length ? `${parts.join(' ')} ` : '';
    }
    // CJK text joins without spaces; spaced scripts with one.
    const last = current.at(-1) ?? '';
    if (last && /[\u3000-\u9fff\uff00-\uffef]$/u.test(last) && /^[\u3000-\u9fff\uff00-\uffef]/u.test(text)) current[current.length - 1] = last + text;
    else current.push(text);
    prevSpeaker = cue.speaker;
    prevEnd = cue.end;
  }
  flush();
  return paras.length ? `${paras.join('\n\n')}\n` : '';
}

export const JSON_EXPORT_VERSION = 1;

/**
 * The full track with words and speakers, for other tools and for re-import; with translations,
 * each translated cue carries `translations: { [lang]: lines }`.
 */
export function formatJson(track: Track, translations?: TrackTranslations): string {
  const body = translations?.size ? withTranslations(track, translations) : track;
  return `${JSON.stringify({ format: 'captioner-track', version: JSON_EXPORT_VERSION, ...body }, null, 2)}\n`;
}

export function parseJsonTrack(text: string): { ok: true; track: Track } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${(e as Error).message}` };
  }
  const parsed = trackSchema.safeParse(data);
  if (!parsed.success) return { ok: false, message: `Not a Captioner track: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}` };
  return { ok: true, track: parsed.data };
}
