import type { Track } from '../captions/model';
import { formatAss } from './ass';
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
  /** Default LF (SRT and text). */
  lineEnding?: 'lf' | 'crlf' | undefined;
  speakers?: boolean | undefined;
  wordTimestamps?: boolean | undefined;
  timestamps?: boolean | undefined;
  /** ASS/SSA: the first and second line of each cue in two styles (two languages). */
  bilingual?: boolean | undefined;
  /** FCPXML: the sequence's frame rate. */
  fps?: number | undefined;
  title?: string | undefined;
}

const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));

/** Bytes of a caption file, ready to write. */
export function exportTrack(track: Track, o: ExportOptions): Uint8Array {
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
      if (o.lineEnding === 'crlf') text = text.replace(/\n/g, '\r\n');
      break;
    case 'ttml':
      text = formatTtml(track, opt('speakers', o.speakers));
      break;
    case 'sbv':
      text = formatSbv(track, opt('speakers', o.speakers));
      if (o.lineEnding === 'crlf') text = text.replace(/\n/g, '\r\n');
      break;
    case 'lrc':
      text = formatLrc(track, { wordTimestamps: o.wordTimestamps ?? true, ...opt('speakers', o.speakers), ...opt('title', o.title) });
      break;
    case 'fcpxml':
      text = formatFcpxml(track, { ...opt('fps', o.fps), ...opt('speakers', o.speakers), ...opt('title', o.title) });
      break;
    case 'txt':
      text = formatPlainText(track, { speakers: o.speakers ?? true, timestamps: o.timestamps ?? false });
      if (o.lineEnding === 'crlf') text = text.replace(/\n/g, '\r\n');
      break;
    case 'json':
      text = formatJson(track);
      break;
  }
  return encodeUtf8(text, o.bom ?? false);
}
