import type { Speaker } from '../captions/model';
import { parseAss } from './ass';
import { decodeText, type TextEncodingName } from './decode';
import { parseFcpxml } from './fcpxml';
import { IssueList } from './issues';
import { parseLrc } from './lrc';
import { parseSbv } from './sbv';
import { parseSrt, reportEncoding, type SubtitleParseResult } from './srt';
import { parseTtml } from './ttml';
import { parseVtt } from './vtt';

/** Caption files Captioner imports, by extension (JSON is the Captioner track format, read apart). */
export const IMPORT_EXTENSIONS = ['srt', 'vtt', 'ass', 'ssa', 'ttml', 'dfxp', 'xml', 'sbv', 'lrc', 'fcpxml'] as const;

export interface ReadResult extends SubtitleParseResult {
  speakers: Speaker[];
  /** WebVTT blocks kept for export. */
  styles?: string[];
  regions?: string[];
  notes?: string[];
}

/**
 * Reads a caption file's bytes by its extension (content decides for .xml: FCPXML or TTML):
 * the encoding is detected (or the user's choice used) and reported as issues.
 */
export function readSubtitle(ext: string, bytes: Uint8Array, encoding?: TextEncodingName): ReadResult {
  const e = ext.replace(/^\./, '').toLowerCase();
  if (e === 'vtt') return parseVtt(bytes, { encoding });
  if (e === 'srt' || !(IMPORT_EXTENSIONS as readonly string[]).includes(e)) return { ...parseSrt(bytes, { encoding }), speakers: [] };
  const d = decodeText(bytes, encoding);
  const issues = new IssueList(false);
  reportEncoding(issues, d);
  const text = d.text;
  const r: SubtitleParseResult & { speakers?: Speaker[] } =
    e === 'ass' || e === 'ssa' ? parseAss(text)
    : e === 'sbv' ? parseSbv(text)
    : e === 'lrc' ? parseLrc(text)
    : e === 'fcpxml' || (e === 'xml' && /<fcpxml[\s>]/.test(text.slice(0, 2000))) ? parseFcpxml(text)
    : parseTtml(text);
  const all = [...issues.items, ...r.issues];
  return { ...r, speakers: r.speakers ?? [], issues: all, ok: all.every((i) => i.severity !== 'error'), encoding: d.encoding, bom: d.bom };
}
