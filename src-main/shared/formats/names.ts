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

/** Text encodings a caption file can be read in (WHATWG labels, plus UTF-32). */
export const TEXT_ENCODINGS = [
  'utf-8', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be',
  'gb18030', 'big5', 'shift_jis', 'euc-jp', 'iso-2022-jp', 'euc-kr',
  'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254', 'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258',
  'iso-8859-2', 'iso-8859-3', 'iso-8859-4', 'iso-8859-5', 'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-10', 'iso-8859-13', 'iso-8859-15', 'iso-8859-16',
  'koi8-r', 'koi8-u',
] as const;
