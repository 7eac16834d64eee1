import { z } from 'zod';
import { type CaseKeys, type JobErrorCode, jobParamsSchema, withCases } from './job-codes';

/**
 * Why a call from the renderer failed, as a code with params: the renderer words it in the UI's
 * language (`apierr.*`, or `joberr.*` for the codes below that a call shares with jobs), the CLI
 * and logs keep the English `message`, which is also the tooltip and the fallback for a code the
 * app has no words for. These lists are the source of truth: the locales are typed against them
 * and a test checks that every code thrown on the paths of the API handlers, the importer and the
 * burn-in service is listed (test/unit/shared/api-codes.test.ts).
 */
export const API_ERROR_CODES = [
  // the contract and the transport
  'INVALID_INPUT', 'UNKNOWN_METHOD', 'FORBIDDEN', 'BUSY', 'DISCONNECTED', 'INTERNAL',
  // a file the person chose
  'PATH_NOT_ABSOLUTE', 'PATH_IN_LIBRARY', 'FILE_NOT_FOUND', 'FILE_UNREADABLE', 'NOT_A_FILE', 'EMPTY_FILE', 'FILE_TOO_LARGE', 'FILE_CHANGED', 'NOT_MEDIA', 'NOT_SUBTITLE', 'UNREADABLE_MEDIA',
  // a file a browser sends to `captioner serve`
  'UPLOAD_NO_NAME', 'UPLOAD_TOO_LARGE', 'UPLOAD_FAILED',
  // importing caption files
  'NOT_TEXT', 'IMPORT_FAILED',
  // the library and the editor
  'NOT_FOUND', 'NO_MEDIA', 'NOT_A_LINK', 'UNKNOWN_LANGUAGE', 'UNKNOWN_PRESET', 'WAVEFORM_FAILED', 'SPECTROGRAM_FAILED', 'SHOTS_FAILED', 'SPEECH_CHECK_FAILED', 'CANCELED',
  'EXTRACT_FAILED', 'SPAN_TOO_LONG', 'QUICK_TOO_LARGE', 'QUICK_TOO_LONG',
  // jobs and settings
  'INVALID_OPTIONS', 'JOB_NOT_FOUND', 'JOB_NOT_RETRYABLE', 'JOB_NOT_URL', 'BASE_URL_NOT_ALLOWED',
  // hotword lists
  'HOTWORDS_INVALID', 'HOTWORD_MODEL_MISMATCH', 'HOTWORD_QUOTA',
  // the service, where a job's sentence ("retry the job") does not fit a call
  'SERVICE_THROTTLED', 'SERVICE_UNAVAILABLE', 'SERVICE_BAD_REQUEST', 'SERVICE_ERROR', 'SERVICE_BAD_RESPONSE', 'SERVICE_NOT_FOUND', 'SERVICE_INVALID_FILE',
  // translation
  'MT_LANGUAGE_UNKNOWN', 'MT_SAME_LANGUAGE', 'MT_NOTHING', 'MT_JOB_ELSEWHERE', 'MT_JOB_DONE', 'MT_NO_TRANSLATION',
  // burn-in (a call's refusal, and what a burn job ends with)
  'NO_VIDEO', 'OUTPUT_IS_INPUT', 'OUTPUT_EXISTS', 'OUTPUT_BUSY', 'BURN_ELSEWHERE', 'BURN_FAILED', 'PREVIEW_FAILED',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * What the caption readers report as the reason a file has no cues (their error issues), plus
 * JSON: a Captioner JSON file that is not a track. The importer sends the first one as `reason`.
 */
export const IMPORT_FAILURES = ['NO_CUES', 'BAD_TIMESTAMP', 'END_BEFORE_START', 'NOT_WEBVTT', 'NOT_ASS', 'NOT_XML', 'NOT_TTML', 'JSON'] as const;

/** Hotword entries the service would refuse (shared/hotwords.ts); HOTWORDS_INVALID names the first. */
export const HOTWORD_PROBLEMS = ['EMPTY_LIST', 'TOO_MANY', 'EMPTY_ENTRY', 'WEIGHT', 'TOO_MANY_WORDS', 'TOO_MANY_CHARS', 'DUPLICATE'] as const;
export type HotwordProblemCode = (typeof HOTWORD_PROBLEMS)[number];

/** Codes whose case varies, as for jobs: `params.reason` names it and each case has its own sentence. */
export const API_ERROR_REASONS = {
  NOT_FOUND: ['BURN', 'BURN_OUTPUT', 'TRANSLATION_JOB', 'CUE'],
  NO_MEDIA: ['NONE_FOUND'],
  BUSY: ['RETRANSCRIBE'],
  FILE_UNREADABLE: ['PERMISSION'],
  NOT_A_FILE: ['FOLDER'],
  IMPORT_FAILED: IMPORT_FAILURES,
  HOTWORDS_INVALID: HOTWORD_PROBLEMS,
  QUICK_TOO_LARGE: ['SERVICE'],
  NO_VIDEO: ['NO_SOURCE'],
  PREVIEW_FAILED: ['NO_FRAME'],
} as const satisfies Partial<Record<ApiErrorCode, readonly string[]>>;

/**
 * Codes a call shares with transcription jobs whose job sentence fits a call as well (it names
 * no job and asks nothing of one): worded by the `joberr` table, so each has one sentence.
 */
export const API_JOB_CODES = [
  'FFMPEG_MISSING', 'YTDLP_MISSING', 'URL_PAGE_UNREADABLE', 'NO_AUDIO_STREAM', 'AUDIO_STREAM_NOT_FOUND', 'UNKNOWN_DURATION', 'TOO_LONG',
  'SERVICE_NO_KEY', 'SERVICE_AUTH', 'SERVICE_ARREARS', 'SERVICE_QUOTA', 'SERVICE_ACCESS_DENIED', 'SERVICE_MODEL_NOT_FOUND', 'SERVICE_DATA_INSPECTION', 'SERVICE_NETWORK',
] as const satisfies readonly JobErrorCode[];

/** Every key the `apierr` locale table must have: one per code, one per case of a code. */
export type ApiErrorKey = ApiErrorCode | CaseKeys<typeof API_ERROR_REASONS>;
export const API_ERROR_KEYS = withCases(API_ERROR_CODES, API_ERROR_REASONS) as ApiErrorKey[];

/** A failed call as it crosses to the renderer. `code` is a string: a newer backend may send others (shown with `message`). */
export const apiErrorSchema = z.object({ code: z.string().min(1).max(100), message: z.string(), params: jobParamsSchema.optional() });
export type ApiErrorData = z.infer<typeof apiErrorSchema>;

/**
 * An error as it crosses: its detail becomes the params the sentence is worded with, only when it
 * has the shape the renderer takes (strings, numbers, booleans), so nothing else leaks across.
 */
export function apiErrorData(e: { code: string; message: string; detail?: Record<string, unknown> | undefined }): ApiErrorData {
  const params = e.detail && Object.keys(e.detail).length ? jobParamsSchema.safeParse(e.detail) : undefined;
  return params?.success ? { code: e.code, message: e.message, params: params.data } : { code: e.code, message: e.message };
}
