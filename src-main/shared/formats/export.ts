import type { Track } from '../captions/model';
import { encodeUtf8 } from './decode';
import { formatJson, formatPlainText } from './plain';
import { formatSrt } from './srt';
import { formatVtt } from './vtt';

export const EXPORT_FORMATS = ['srt', 'vtt', 'txt', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: ExportFormat;
  /** Default false; SRT for old Windows players and TVs may want it. WebVTT allows it too. */
  bom?: boolean | undefined;
  /** Default LF (SRT and text). */
  lineEnding?: 'lf' | 'crlf' | undefined;
  speakers?: boolean | undefined;
  wordTimestamps?: boolean | undefined;
  timestamps?: boolean | undefined;
}

/** Bytes of a caption file, ready to write. */
export function exportTrack(track: Track, o: ExportOptions): Uint8Array {
  let text: string;
  switch (o.format) {
    case 'srt':
      text = formatSrt(track, { lineEnding: o.lineEnding ?? 'lf', speakers: o.speakers ?? false });
      break;
    case 'vtt':
      text = formatVtt(track, { ...(o.speakers !== undefined ? { speakers: o.speakers } : {}), wordTimestamps: o.wordTimestamps ?? false });
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
