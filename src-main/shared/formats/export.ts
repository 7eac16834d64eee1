import type { Track } from '../captions/model';
import { formatAss } from './ass';
import type { TrackTranslations } from './bilingual';
import { encodeUtf8 } from './decode';
import { formatFcpxml } from './fcpxml';
import { formatLrc } from './lrc';
import { formatJson, formatPlainText } from './plain';
import { formatSbv } from './sbv';
import { formatSrt } from './srt';
import { formatTtml } from './ttml';
import type { ExportFormat } from './names';
import { formatVtt } from './vtt';

export { EXPORT_FORMATS, FORMAT_FILES, type ExportFormat } from './names';

export interface ExportOptions {
  format: ExportFormat;
  /** Default false; SRT for old Windows players and TVs may want it. WebVTT allows it too. */
  bom?: boolean | undefined;
  /** Default LF; applies to every format. */
  lineEnding?: 'lf' | 'crlf' | undefined;
  speakers?: boolean | undefined;
  wordTimestamps?: boolean | undefined;
  timestamps?: boolean | undefined;
  /** ASS/SSA: the first and second line of each cue in two styles (two languages). */
  bilingual?: boolean | undefined;
  /** FCPXML: the sequence's frame rate. */
  fps?: number | undefined;
  title?: string | undefined;
  /** JSON: the transcript's translations (language → cue id → lines), written into each cue. */
  translations?: TrackTranslations | undefined;
}

const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));

/**
 * Whether speaker labels say anything: two or more people speak in the cues, or the one speaker
 * has a real name (given in the editor, or read from an imported file's voice spans). A lone
 * "Speaker 1" tells the viewer nothing.
 */
export function hasSeveralSpeakers(track: Pick<Track, 'cues' | 'speakers'>): boolean {
  let first: number | undefined;
  for (const c of track.cues) {
    if (c.speaker === undefined) continue;
    if (first === undefined) first = c.speaker;
    else if (c.speaker !== first) return true;
  }
  if (first === undefined) return false;
  const name = track.speakers.find((s) => s.id === first)?.name;
  return name !== undefined && name !== `Speaker ${first + 1}`;
}

/**
 * Bytes of a caption file, ready to write. Speaker names appear only where there are speakers to
 * tell apart: a transcript with one speaker is written without labels in every format.
 */
export function exportTrack(track: Track, options: ExportOptions): Uint8Array {
  const o: ExportOptions = hasSeveralSpeakers(track) ? options : { ...options, speakers: false };
  let text: string;
  switch (o.format) {
    case 'srt':
      text = formatSrt(track, { lineEnding: o.lineEnding ?? 'lf', speakers: o.speakers ?? false });
      break;
    case 'vtt':
      text = formatVtt(track, { ...opt('speakers', o.speakers), wordTimestamps: o.wordTimestamps ?? false, ...(track.blocks ?? {}) });
      break;
    case 'ass':
    case 'ssa':
      text = formatAss(track, { ssa: o.format === 'ssa', ...opt('bilingual', o.bilingual), ...opt('speakers', o.speakers), ...opt('title', o.title) });
      break;
    case 'ttml':
      text = formatTtml(track, opt('speakers', o.speakers));
      break;
    case 'sbv':
      text = formatSbv(track, opt('speakers', o.speakers));
      break;
    case 'lrc':
      text = formatLrc(track, { wordTimestamps: o.wordTimestamps ?? true, ...opt('speakers', o.speakers), ...opt('title', o.title) });
      break;
    case 'fcpxml':
      text = formatFcpxml(track, { ...opt('fps', o.fps), ...opt('speakers', o.speakers), ...opt('title', o.title) });
      break;
    case 'txt':
      text = formatPlainText(track, { speakers: o.speakers ?? true, timestamps: o.timestamps ?? false });
      break;
    case 'json':
      text = formatJson(track, o.translations);
      break;
  }
  // Every format with lines takes the line ending asked for (SRT writes its own; raw newlines in
  // JSON, TTML and FCPXML are only layout, text newlines there are escaped or elements).
  if (o.lineEnding === 'crlf' && o.format !== 'srt') text = text.replace(/\r?\n/g, '\r\n');
  return encodeUtf8(text, o.bom ?? false);
}
