import { z } from 'zod';

/**
 * What a transcription job ended with and what it wants the person to know, as codes with
 * parameters: the renderer words them in the UI's language (`joberr.*`, `jobwarn.*`), the CLI in
 * English (core/jobs.ts). The English `message` of an error stays for the CLI, logs and as the
 * fallback. These lists are the source of truth: the locales are typed against them and a test
 * checks that every code thrown on a job's path is listed (test/unit/shared/job-codes.test.ts).
 */

/** Why a link could not be read (core/url.ts words them; the renderer has a short label for each). */
export const URL_FAILURE_CODES = ['URL_NOT_FOUND', 'URL_FORBIDDEN', 'URL_HTTP_ERROR', 'URL_REDIRECT_LOOP', 'URL_TLS', 'URL_TIMEOUT', 'URL_UNREACHABLE', 'URL_NOT_MEDIA', 'URL_INVALID'] as const;
export type UrlFailure = (typeof URL_FAILURE_CODES)[number];

/**
 * Every code a transcription job can end with (stage errors, the service's codes as the client
 * maps them, INTERNAL for the unforeseen). What the runner refuses to do with a job (JOB_NOT_*) is
 * the refusal of a call: shared/api-codes.ts lists it.
 */
export const JOB_ERROR_CODES = [
  // the input file
  'FILE_NOT_FOUND', 'FILE_UNREADABLE', 'NOT_A_FILE', 'EMPTY_FILE', 'UNREADABLE_MEDIA', 'NO_AUDIO_STREAM', 'AUDIO_STREAM_NOT_FOUND', 'UNKNOWN_DURATION', 'TOO_LONG',
  'FFMPEG_MISSING', 'MEDIA_MISSING',
  // links (issue 14)
  ...URL_FAILURE_CODES, 'URL_PAGE_UNREADABLE', 'YTDLP_MISSING', 'URL_DOWNLOAD_FAILED',
  // extraction and delivery
  'EXTRACT_FAILED', 'EXTRACT_TOO_LARGE', 'AUDIO_MISSING', 'CANCELED', 'DELIVERY_UNREACHABLE', 'UPLOAD_TOO_LARGE', 'UPLOAD_FAILED',
  // the service
  'SERVICE_NO_KEY', 'SERVICE_AUTH', 'SERVICE_ARREARS', 'SERVICE_QUOTA', 'SERVICE_THROTTLED', 'SERVICE_ACCESS_DENIED', 'SERVICE_MODEL_NOT_FOUND', 'SERVICE_NOT_FOUND',
  'SERVICE_DATA_INSPECTION', 'SERVICE_UNAVAILABLE', 'SERVICE_BAD_REQUEST', 'SERVICE_ERROR', 'SERVICE_NETWORK', 'SERVICE_BAD_RESPONSE', 'SERVICE_RESULT_EXPIRED',
  // the task
  'SUBMIT_AMBIGUOUS', 'SUBMIT_UNRESOLVED', 'TASK_MISSING', 'SERVICE_INVALID_FILE', 'SERVICE_TASK_FAILED', 'SERVICE_TASK_UNKNOWN', 'RESULT_INVALID',
  // quick mode
  'QUICK_TOO_LARGE', 'QUICK_TOO_LONG', 'QUICK_ANSWER_LOST',
  'INTERNAL',
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

/**
 * Codes whose case varies: the error's `params.reason` names it, and each reason has its own
 * sentence (locale key `CODE_REASON`, i18next's context); any other reason gets the code's sentence.
 */
export const JOB_ERROR_REASONS = {
  SERVICE_INVALID_FILE: ['DOWNLOAD_UPLOADED', 'DOWNLOAD_STOPPED', 'DOWNLOAD_UNREACHABLE', 'DOWNLOAD_BROKEN', 'DOWNLOAD_SENT'],
  AUDIO_STREAM_NOT_FOUND: ['INDEX', 'LANGUAGE'],
  NOT_A_FILE: ['FOLDER'],
  FILE_UNREADABLE: ['PERMISSION'],
  FFMPEG_MISSING: ['NOT_EXECUTABLE'],
  YTDLP_MISSING: ['NOT_EXECUTABLE'],
  URL_PAGE_UNREADABLE: ['UNDERSTOOD', 'NO_MEDIA'],
  SUBMIT_UNRESOLVED: ['DOWNLOADED'],
  UPLOAD_FAILED: ['POLICY_EXPIRED'],
  QUICK_TOO_LARGE: ['SERVICE'],
  DELIVERY_UNREACHABLE: ['LINK'],
} as const satisfies Partial<Record<JobErrorCode, readonly string[]>>;

/** Why a link is extracted and delivered by Captioner instead of going to the service as it is (core/url.ts directVerdict). */
export const DIRECT_REFUSALS = ['ASKED', 'PAGE', 'QUICK', 'STREAMS', 'CONTAINER', 'OFFSET', 'SIZE', 'CHANNEL'] as const;
export type DirectRefusal = (typeof DIRECT_REFUSALS)[number];

/**
 * What a finished (or still running) job wants the person to know. TEXT is a note an older
 * Captioner stored as English text (`params.text`), shown as it is.
 */
export const JOB_WARNING_CODES = ['TEXT', 'NO_SPEECH', 'RESUBMITTED_WHILE_DOWN', 'RESUBMITTED_BROKEN_DOWNLOAD', 'SUBMITTED_UNCHECKED', 'DIARIZATION_LONG', 'QUICK_TOO_LONG_STANDARD', 'URL_EXTRACTED'] as const;
export type JobWarningCode = (typeof JOB_WARNING_CODES)[number];
export const JOB_WARNING_REASONS = { URL_EXTRACTED: DIRECT_REFUSALS } as const satisfies Partial<Record<JobWarningCode, readonly string[]>>;

/** Facts a sentence needs (file, task id, limits…); never secrets. Same shape as AppError.detail. */
export const jobParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type JobParams = z.infer<typeof jobParamsSchema>;

/** Params stored as JSON (a job's or a burn-in's error): undefined when empty, damaged or of another shape. */
export function storedParams(json: string | null): JobParams | undefined {
  if (!json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = jobParamsSchema.safeParse(value);
  return parsed.success && Object.keys(parsed.data).length ? parsed.data : undefined;
}

export const jobWarningSchema = z.object({ code: z.enum(JOB_WARNING_CODES), params: jobParamsSchema.optional() });
export type JobWarning = z.infer<typeof jobWarningSchema>;

/** `code` is a string, not the enum: a library written by a newer or older Captioner may hold others (shown with `message`). */
export const jobErrorSchema = z.object({ code: z.string(), message: z.string(), params: jobParamsSchema.optional() });
export type JobError = z.infer<typeof jobErrorSchema>;

export const isJobErrorCode = (c: string): c is JobErrorCode => (JOB_ERROR_CODES as readonly string[]).includes(c);
export const isJobWarning = (w: unknown): w is JobWarning => jobWarningSchema.safeParse(w).success;

/** A coded warning, its params left out when there are none. */
export const jobWarning = (code: JobWarningCode, params?: JobParams): JobWarning => (params && Object.keys(params).length ? { code, params } : { code });

/** `CODE_REASON` for every case a reasons table lists. */
export type CaseKeys<R> = { [C in keyof R]: R[C] extends readonly (infer X extends string)[] ? `${C & string}_${X}` : never }[keyof R];
/** Every key the `joberr` locale table must have: one per code, one per case of a code. */
export type JobErrorKey = JobErrorCode | CaseKeys<typeof JOB_ERROR_REASONS>;
/** Every key the `jobwarn` locale table must have. */
export type JobWarningKey = JobWarningCode | CaseKeys<typeof JOB_WARNING_REASONS>;

/** The keys above as lists, for tests that check every locale. */
export const withCases = (codes: readonly string[], reasons: Record<string, readonly string[]>): string[] => [...codes, ...Object.entries(reasons).flatMap(([c, rs]) => rs.map((r) => `${c}_${r}`))];
export const JOB_ERROR_KEYS = withCases(JOB_ERROR_CODES, JOB_ERROR_REASONS) as JobErrorKey[];
export const JOB_WARNING_KEYS = withCases(JOB_WARNING_CODES, JOB_WARNING_REASONS) as JobWarningKey[];
