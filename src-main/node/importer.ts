import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Track } from '../shared/captions/model';
import { detectTrackLanguage } from '../shared/captions/language';
import { presetForLanguage } from '../shared/captions/presets';
import type { ParseIssue } from '../shared/formats/issues';
import { decodeText, type TextEncodingName } from '../shared/formats/decode';
import { parseJsonTrack } from '../shared/formats/plain';
import { readSubtitle } from '../shared/formats/read';
import { CodedError } from '../shared/result';
import type { App } from './app';
import { readRegularFile, MAX_SUBTITLE_BYTES } from './files/read-file';
import { MEDIA_EXT } from './media/inputs';
import { probeMedia } from './media/inspect';

export interface ImportResult {
  transcriptId: string;
  title: string;
  cues: number;
  encoding?: string | undefined;
  mediaPath: string | null;
  issues: ParseIssue[];
  /** The first cue lines as decoded, to check an uncertain encoding by eye. */
  preview?: string | undefined;
  /** When the encoding was a close call: the likely encodings, each with the text it gives. */
  candidates?: { encoding: Exclude<TextEncodingName, 'mixed'>; confidence: number; preview: string }[] | undefined;
}

const previewOf = (cues: readonly Track['cues'][number][]): string => cues.slice(0, 3).map((c) => c.lines.join(' ')).join(' / ').slice(0, 200);

/** The detector's likely encodings with the first lines each gives, for the user to choose by eye. */
function encodingChoices(ext: string, bytes: Uint8Array): ImportResult['candidates'] {
  return decodeText(bytes).candidates.slice(0, 4).flatMap((c) => {
    if (c.encoding === 'mixed') return [];
    const r = readSubtitle(ext, bytes, c.encoding);
    return r.cues.length ? [{ encoding: c.encoding, confidence: c.confidence, preview: previewOf(r.cues) }] : [];
  });
}

/** A video or audio file beside the subtitle with the same name (talk.srt → talk.mp4). */
export function siblingMedia(path: string): string | null {
  const stem = basename(path, extname(path)).replace(/\.(en|zh|zh-CN|zh-Hans|ja|ko|[a-z]{2})$/i, '');
  for (const ext of ['mp4', 'mkv', 'mov', 'webm', 'm4v', 'avi', 'mp3', 'm4a', 'wav', 'flac', 'ogg', 'opus', 'aac']) {
    for (const name of [`${basename(path, extname(path))}.${ext}`, `${stem}.${ext}`]) {
      const p = join(dirname(path), name);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/**
 * Binary data (an image, a video, random bytes renamed .srt) has C0 control bytes that text never
 * has. UTF-16 is left to the decoder: its zero bytes mark it, and its code units may hold any byte.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64 * 1024);
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) return false;
  let zeros = 0;
  let controls = 0;
  for (const b of sample) {
    if (b === 0) zeros++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  if (zeros > sample.length / 8) return false;
  return controls > sample.length / 100;
}

/** A reason from the parser, safe to show: one short line without control characters. */
const shortReason = (s: string): string => {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = s.replace(/[\u0000-\u001f\u007f\ufffd]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
};

/**
 * A caption file without one readable cue: the reader's reasons in the message, the first as the
 * `reason` the UI words (with its line, when it is about one).
 */
export function noCues(path: string, issues: readonly ParseIssue[]): CodedError {
  const errors = issues.filter((i) => i.severity === 'error');
  const why = errors.slice(0, 3).map((i) => `line ${i.line}: ${shortReason(i.message)}`).join('; ');
  const first = errors[0];
  return new CodedError('IMPORT_FAILED', `${path} has no readable cues${why ? ` (${why})` : ''}.`, { file: path, ...(first ? { reason: first.code, ...(first.line ? { line: first.line } : {}) } : {}) });
}

/**
 * Brings an existing caption file (SRT, WebVTT, ASS/SSA, TTML, SBV, LRC, FCPXML) or Captioner JSON into the library so it can be edited
 * against its video: the encoding is detected, repairs are reported, nothing is thrown away
 * silently, and a file that cannot be read at all is refused with the parser's reasons.
 */
export async function importSubtitle(app: Pick<App, 'transcripts' | 'tools'>, path: string, mediaPath?: string, chosenEncoding?: TextEncodingName): Promise<ImportResult> {
  const bytes = await readRegularFile(path, MAX_SUBTITLE_BYTES);
  const ext = extname(path).toLowerCase();
  if (looksBinary(bytes)) throw new CodedError('NOT_TEXT', `${path} is not a text file (it holds binary data), so it cannot be a subtitle.`, { file: path });
  let track: Track;
  let issues: ParseIssue[] = [];
  let encoding: string | undefined;
  let candidates: ImportResult['candidates'];
  if (ext === '.json') {
    const r = parseJsonTrack(new TextDecoder().decode(bytes));
    if (!r.ok) throw new CodedError('IMPORT_FAILED', `${path}: ${r.message}`, { file: path, reason: 'JSON' });
    track = r.track;
  } else {
    const r = readSubtitle(ext, new Uint8Array(bytes), chosenEncoding);
    issues = r.issues;
    encoding = r.encoding;
    if (!r.cues.length) throw noCues(path, r.issues);
    track = { cues: r.cues, speakers: r.speakers };
    if (r.issues.some((i) => i.code === 'ENCODING_UNSURE')) candidates = encodingChoices(ext, new Uint8Array(bytes));
    if (r.styles?.length || r.regions?.length || r.notes?.length) track.blocks = { styles: r.styles ?? [], regions: r.regions ?? [], notes: r.notes ?? [] };
  }
  const media = mediaPath ?? siblingMedia(path);
  let durationMs = 0;
  for (const c of track.cues) if (c.end > durationMs) durationMs = c.end; // no spread: a track can hold a million cues
  if (media && MEDIA_EXT.test(media)) {
    const info = await probeMedia(media, app.tools()).catch(() => null);
    if (info) durationMs = info.durationMs;
  }
  const title = basename(path, extname(path));
  // The file's own language (from its script) decides the preset its cues are checked against.
  const language = track.language ?? detectTrackLanguage(track.cues.slice(0, 2000).map((c) => c.lines.join(' ')));
  if (language) track.language = language;
  const transcriptId = app.transcripts.create({ title, track, presetId: presetForLanguage(language), durationMs, sourcePath: media, rawJson: null });
  const preview = previewOf(track.cues);
  return { transcriptId, title, cues: track.cues.length, encoding, mediaPath: media, issues, preview, candidates };
}
