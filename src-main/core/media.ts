import { z } from 'zod';
import { jobWarning, type JobWarning } from '../shared/job-codes';
import { err, ok, type Result } from '../shared/result';

/** What ffprobe tells us about a file, in our own terms and units. */
export interface StreamInfo {
  index: number;
  type: 'audio' | 'video' | 'subtitle' | 'data' | 'other';
  codec: string;
  channels?: number;
  sampleRate?: number;
  language?: string;
  startMs: number;
  durationMs?: number;
  bitRate?: number;
}

export interface MediaInfo {
  path: string;
  container: string;
  durationMs: number;
  sizeBytes: number;
  /** The container's own start; players show time relative to it. */
  startMs: number;
  streams: StreamInfo[];
  /** A web page read through yt-dlp (issue 14): its media link expires, so it is looked up when needed. */
  page?: boolean;
}

const num = z.union([z.number(), z.string()]).optional().transform((v) => (v === undefined || v === '' || v === 'N/A' ? undefined : Number(v))).pipe(z.number().optional());

const ffprobeSchema = z.looseObject({
  streams: z
    .array(
      z.looseObject({
        index: z.number(),
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        channels: num,
        sample_rate: num,
        start_time: num,
        duration: num,
        bit_rate: num,
        tags: z.looseObject({ language: z.string().optional() }).optional(),
      }),
    )
    .default([]),
  format: z
    .looseObject({ format_name: z.string().optional(), duration: num, size: num, start_time: num })
    .optional(),
});

const TYPES = new Set(['audio', 'video', 'subtitle', 'data']);
const ms = (seconds: number | undefined): number | undefined => (seconds === undefined || !Number.isFinite(seconds) ? undefined : Math.round(seconds * 1000));

/** Interprets `ffprobe -show_format -show_streams -of json` output. */
export function interpretProbe(raw: unknown, path: string): Result<MediaInfo> {
  const parsed = ffprobeSchema.safeParse(raw);
  if (!parsed.success) return err('UNREADABLE_MEDIA', `ffprobe output for ${path} could not be understood.`, { file: path });
  const { streams, format } = parsed.data;
  const info: MediaInfo = {
    path,
    container: format?.format_name ?? 'unknown',
    durationMs: ms(format?.duration) ?? 0,
    sizeBytes: format?.size ?? 0,
    startMs: ms(format?.start_time) ?? 0,
    streams: streams.map((s) => {
      const st: StreamInfo = {
        index: s.index,
        type: (TYPES.has(s.codec_type ?? '') ? s.codec_type : 'other') as StreamInfo['type'],
        codec: s.codec_name ?? 'unknown',
        startMs: ms(s.start_time) ?? 0,
      };
      if (s.channels !== undefined) st.channels = s.channels;
      if (s.sample_rate !== undefined) st.sampleRate = s.sample_rate;
      if (s.tags?.language && s.tags.language !== 'und') st.language = s.tags.language;
      const d = ms(s.duration);
      if (d !== undefined) st.durationMs = d;
      if (s.bit_rate !== undefined) st.bitRate = s.bit_rate;
      return st;
    }),
  };
  if (!info.durationMs) {
    // Some containers (raw streams) only know per-stream durations.
    info.durationMs = info.streams.reduce((m, s) => Math.max(m, s.durationMs ?? 0), 0);
  }
  return ok(info);
}

export interface AudioChoice {
  /** Pick by position among audio streams (0 = first audio stream). */
  audioIndex?: number;
  /** Pick the first audio stream tagged with this language (ISO 639-2 like "eng", or 639-1 like "en"). */
  language?: string;
}

const ISO1_TO_2: Record<string, string> = { en: 'eng', zh: 'chi', ja: 'jpn', ko: 'kor', fr: 'fre', de: 'ger', es: 'spa', pt: 'por', ru: 'rus', it: 'ita', ar: 'ara' };
const sameLanguage = (tag: string, want: string): boolean => {
  const t = tag.toLowerCase();
  const w = want.toLowerCase();
  return t === w || t === ISO1_TO_2[w] || (w === 'zh' && t === 'zho') || (w === 'fr' && t === 'fra') || (w === 'de' && t === 'deu');
};

export function pickAudioStream(info: MediaInfo, choice: AudioChoice = {}): Result<StreamInfo> {
  const audio = info.streams.filter((s) => s.type === 'audio');
  if (!audio.length) return err('NO_AUDIO_STREAM', `${info.path} has no audio stream, so there is nothing to transcribe.`, { file: info.path });
  if (choice.audioIndex !== undefined) {
    const s = audio[choice.audioIndex];
    if (!s) return err('AUDIO_STREAM_NOT_FOUND', `${info.path} has ${audio.length} audio stream(s); audio stream ${choice.audioIndex} does not exist (they are numbered from 0).`, { file: info.path, reason: 'INDEX', count: audio.length, index: choice.audioIndex });
    return ok(s);
  }
  if (choice.language) {
    const s = audio.find((a) => a.language && sameLanguage(a.language, choice.language as string));
    if (!s) {
      const tags = audio.map((a) => a.language ?? 'untagged').join(', ');
      return err('AUDIO_STREAM_NOT_FOUND', `${info.path} has no audio stream in language "${choice.language}" (streams: ${tags}).`, { file: info.path, reason: 'LANGUAGE', language: choice.language, streams: tags });
    }
    return ok(s);
  }
  return ok(audio[0] as StreamInfo);
}

export const MAX_DURATION_MS = 12 * 3600 * 1000; // funasr-api.md §5.4
export const MAX_FILE_BYTES = 2 * 1024 ** 3;
export const DIARIZATION_ADVISED_MS = 2 * 3600 * 1000;

/** Refusals that must happen before any upload; warnings (codes) are returned for the caller to show. */
export function checkForService(info: MediaInfo, opts: { diarize?: boolean } = {}): Result<{ warnings: JobWarning[] }> {
  if (!info.durationMs || !Number.isFinite(info.durationMs) || info.durationMs <= 0) {
    return err('UNKNOWN_DURATION', `${info.path} has a zero or unknown duration; it may be truncated or still being written. Re-export or remux it (ffmpeg -i in -c copy out.mkv) and try again.`, { file: info.path });
  }
  if (info.durationMs > MAX_DURATION_MS) {
    const h = (info.durationMs / 3_600_000).toFixed(1);
    return err('TOO_LONG', `${info.path} lasts ${h} h; Fun-ASR accepts at most 12 h per file. Split it (ffmpeg -i in -f segment -segment_time 36000 -c copy part%d.mkv) and caption the parts.`, { file: info.path, hours: h, limitHours: 12 });
  }
  const warnings: JobWarning[] = [];
  if (opts.diarize && info.durationMs > DIARIZATION_ADVISED_MS) warnings.push(jobWarning('DIARIZATION_LONG', { file: info.path, hours: 2 }));
  return ok({ warnings });
}

/** How the audio the service receives is produced. */
export interface ExtractPlan {
  mode: 'copy' | 'opus';
  /** Extension (and format) of the produced file. */
  ext: 'ogg' | 'm4a' | 'mp3' | 'flac' | 'wav' | 'opus';
  streamIndex: number;
  /** Keep all channels (then the job passes channel_id) instead of downmixing. */
  keepChannels: boolean;
  channels: number;
  /** Audio start relative to the container start, added to every caption time. */
  offsetMs: number;
}

const COPYABLE: Record<string, ExtractPlan['ext']> = { aac: 'm4a', mp3: 'mp3', opus: 'ogg', flac: 'flac', vorbis: 'ogg', pcm_s16le: 'wav' };

/**
 * Stream copy is chosen when the codec is one the service accepts and no conversion is needed
 * (mono, or channels kept on purpose) and the copy stays under 2 GB; it skips decoding entirely.
 * Otherwise 16 kHz mono Opus: about 32 kbit/s, so even 12 h stays near 170 MB.
 */
export function planExtraction(info: MediaInfo, stream: StreamInfo, opts: { keepChannels?: boolean; preferCopy?: boolean } = {}): ExtractPlan {
  const channels = stream.channels ?? 1;
  const keepChannels = Boolean(opts.keepChannels) && channels > 1;
  const ext = COPYABLE[stream.codec];
  const estBytes = ((stream.bitRate ?? 320_000) / 8) * (info.durationMs / 1000);
  const copyOk = (opts.preferCopy ?? true) && ext !== undefined && (channels === 1 || keepChannels) && estBytes < MAX_FILE_BYTES * 0.95;
  return {
    mode: copyOk ? 'copy' : 'opus',
    ext: copyOk ? (ext as ExtractPlan['ext']) : 'ogg',
    streamIndex: stream.index,
    keepChannels,
    channels: keepChannels ? channels : 1,
    offsetMs: Math.max(0, stream.startMs - info.startMs),
  };
}

/** ffmpeg output options for a plan (input and output paths are added by the adapter). */
export function extractOutputOptions(plan: ExtractPlan): string[] {
  const base = ['-map', `0:${plan.streamIndex}`, '-vn', '-sn', '-dn', '-map_metadata', '-1'];
  if (plan.mode === 'copy') {
    const fmt = { m4a: 'ipod', mp3: 'mp3', flac: 'flac', wav: 'wav', ogg: 'ogg', opus: 'ogg' }[plan.ext];
    return [...base, '-c:a', 'copy', '-f', fmt];
  }
  return [...base, ...(plan.keepChannels ? [] : ['-ac', '1']), '-ar', '16000', '-c:a', 'libopus', '-b:a', plan.keepChannels ? '48k' : '32k', '-application', 'voip', '-f', 'ogg'];
}

export const MIME_BY_EXT: Record<string, string> = {
  ogg: 'audio/ogg', opus: 'audio/ogg', m4a: 'audio/mp4', mp3: 'audio/mpeg', flac: 'audio/flac', wav: 'audio/wav',
  mp4: 'video/mp4', mkv: 'video/x-matroska', webm: 'video/webm', mov: 'video/quicktime', aac: 'audio/aac',
};
