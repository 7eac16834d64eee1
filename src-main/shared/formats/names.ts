/** The caption formats Captioner writes; no imports, so the renderer can list them without the writers. */
export const EXPORT_FORMATS = ['srt', 'vtt', 'ass', 'ssa', 'ttml', 'sbv', 'lrc', 'fcpxml', 'txt', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension and MIME type of each format. */
export const FORMAT_FILES: Record<ExportFormat, { ext: string; mime: string }> = {
  srt: { ext: 'srt', mime: 'application/x-subrip' },
  vtt: { ext: 'vtt', mime: 'text/vtt' },
  ass: { ext: 'ass', mime: 'text/x-ssa' },
  ssa: { ext: 'ssa', mime: 'text/x-ssa' },
  ttml: { ext: 'ttml', mime: 'application/ttml+xml' },
  sbv: { ext: 'sbv', mime: 'text/plain' },
  lrc: { ext: 'lrc', mime: 'text/plain' },
  fcpxml: { ext: 'fcpxml', mime: 'application/xml' },
  txt: { ext: 'txt', mime: 'text/plain' },
  json: { ext: 'json', mime: 'application/json' },
};

/** Names shown in format lists (the same in every language). */
export const FORMAT_LABELS: Record<ExportFormat, string> = {
  srt: 'SRT', vtt: 'WebVTT', ass: 'ASS (Advanced SubStation)', ssa: 'SSA (SubStation Alpha)', ttml: 'TTML / IMSC 1.1', sbv: 'SBV (YouTube)', lrc: 'LRC (lyrics)', fcpxml: 'Final Cut Pro XML', txt: 'Text', json: 'JSON',
};
