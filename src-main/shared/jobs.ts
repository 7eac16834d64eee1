import { z } from 'zod';
import type { JobError, JobWarning } from './job-codes';

export const JOB_STAGES = ['queued', 'probing', 'extracting', 'delivering', 'submitted', 'transcribing', 'fetching', 'done', 'failed', 'canceled'] as const;
export type JobStage = (typeof JOB_STAGES)[number];
export const TERMINAL_STAGES: readonly JobStage[] = ['done', 'failed', 'canceled'];

export const MODELS = ['fun-asr', 'fun-asr-2025-11-07', 'fun-asr-2025-08-25', 'fun-asr-mtl', 'fun-asr-mtl-2025-08-25'] as const;
export const LANGUAGE_CODES = 'zh en ja ko vi th id ms tl hi ar fr de es pt ru it nl sv da fi no el pl cs hu ro bg hr sk'.split(' ');

export const specialWordFilterSchema = z.object({
  /** Words masked with `*`. */
  maskWords: z.array(z.string()).default([]),
  /** Words removed from the text. */
  removeWords: z.array(z.string()).default([]),
  /** The service's built-in list (default on). */
  systemReserved: z.boolean().default(true),
});

const CHANNELS = ['downmix', 'keep'] as const;
const DELIVERIES = ['auto', 'signed-url', 'upload'] as const;

/**
 * A job's own choices (at drop time, or CLI flags), every one optional and without defaults: what
 * is not chosen comes from the settings (core/job-options.ts), never from a default applied here.
 */
export const jobChoicesSchema = z
  .object({
    model: z.enum(MODELS),
    /** A code, or "auto": detect from the text even when the settings name a language. */
    language: z.string().refine((l) => l === 'auto' || LANGUAGE_CODES.includes(l), 'unsupported language code'),
    diarize: z.boolean(),
    speakerCount: z.number().int().min(2).max(100),
    vocabularyId: z.string(),
    specialWordFilter: specialWordFilterSchema,
    /** Downmix to mono (default) or keep every channel and transcribe each (billed per channel). */
    channels: z.enum(CHANNELS),
    audioIndex: z.number().int().nonnegative(),
    audioLanguage: z.string(),
    delivery: z.enum(DELIVERIES),
    presetId: z.string(),
    title: z.string(),
    /** Quick mode: synchronous fun-asr-flash for clips up to 5 minutes, streamed. */
    quick: z.boolean(),
    /** A URL input: extract and deliver it through Captioner instead of giving the link to the service (issue 14). */
    viaCaptioner: z.boolean(),
    /** A URL input that cannot be checked (probed) is submitted anyway (issue 14). */
    force: z.boolean(),
  })
  .partial();
export type JobChoices = z.input<typeof jobChoicesSchema>;

export const jobOptionsSchema = jobChoicesSchema.extend({
  language: z.string().refine((l) => LANGUAGE_CODES.includes(l), 'unsupported language code').optional(),
  model: z.enum(MODELS).default('fun-asr'),
  diarize: z.boolean().default(false),
  channels: z.enum(CHANNELS).default('downmix'),
  delivery: z.enum(DELIVERIES).default('auto'),
  quick: z.boolean().default(false),
  /** A URL input: extract and deliver it through Captioner instead of giving the link to the service (issue 14). */
  viaCaptioner: z.boolean().optional(),
  /** A URL input that cannot be checked (probed) is submitted anyway (issue 14). */
  force: z.boolean().optional(),
});
export type JobOptions = z.infer<typeof jobOptionsSchema>;

/**
 * What a job is doing, as a code the UI translates (never an English sentence across the process
 * boundary). Params: `seconds` for SERVICE_UNREACHABLE, `text` (the latest streamed sentence) for
 * STREAMING.
 */
export const JOB_STATUSES = ['WAITING', 'PROBING', 'EXTRACTING', 'DELIVERING', 'SUBMITTING', 'CHECKING_SUBMIT', 'QUEUED_REMOTE', 'TRANSCRIBING', 'STREAMING', 'SERVICE_UNREACHABLE', 'FETCHING', 'CHECKING_COVERAGE', 'DONE', 'FAILED', 'CANCELED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export interface JobStatusParams {
  seconds?: number;
  text?: string;
}

/**
 * A quality finding recorded before the job was called done (issue 13), as a code the UI
 * translates: MISSED_SPEECH is a stretch where the audio has speech that no cue covers.
 */
export interface JobFinding {
  code: 'MISSED_SPEECH';
  startMs: number;
  endMs: number;
}
export const isJobFinding = (w: unknown): w is JobFinding => typeof w === 'object' && w !== null && (w as JobFinding).code === 'MISSED_SPEECH' && typeof (w as JobFinding).startMs === 'number' && typeof (w as JobFinding).endMs === 'number';

/** What the UI and CLI see of a job. */
export interface JobView {
  id: string;
  inputPath: string;
  title: string;
  stage: JobStage;
  /** 0-100 over the whole job. */
  progress: number;
  etaSeconds?: number;
  status: JobStatus;
  statusParams?: JobStatusParams;
  failedStage?: JobStage;
  /** The code and params the UI words (shared/job-codes.ts); `message` is the English for the CLI, logs and unknown codes. */
  error?: JobError;
  /** Coded notes (NO_SPEECH, URL_EXTRACTED…); an older library's English notes arrive as TEXT. */
  warnings: JobWarning[];
  /** Quality findings of the finished transcript (coverage check); absent when there are none. */
  findings?: JobFinding[];
  estimate?: { currency: string; amount: number };
  billedSeconds?: number;
  transcriptId?: string;
  taskId?: string;
  durationMs?: number;
  createdAt: number;
  updatedAt: number;
}
