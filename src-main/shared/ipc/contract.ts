import { z } from 'zod';
import { trackSchema } from '../captions/model';
import { PRESETS } from '../captions/presets';
import { EXPORT_FORMATS, TEXT_ENCODINGS } from '../formats/names';
import { templateProblem } from '../formats/naming';
import { JOB_STAGES, LANGUAGE_CODES, MODELS, jobOptionsSchema } from '../jobs';

/**
 * Every renderer→main call, declared once for both transports (Electron IPC and the headless
 * WebSocket). Main validates each payload against `input` before anything runs; results cross
 * as `{ ok, value | error }`.
 */
const jobView = z.object({
  id: z.string(), inputPath: z.string(), title: z.string(), stage: z.enum(JOB_STAGES), progress: z.number(), etaSeconds: z.number().optional(),
  detail: z.string(), failedStage: z.enum(JOB_STAGES).optional(), error: z.object({ code: z.string(), message: z.string() }).optional(),
  warnings: z.array(z.string()), estimate: z.object({ currency: z.string(), amount: z.number() }).optional(), billedSeconds: z.number().optional(),
  transcriptId: z.string().optional(), taskId: z.string().optional(), durationMs: z.number().optional(), createdAt: z.number(), updatedAt: z.number(),
});

/** A job as the renderer receives it. */
export type JobViewData = z.infer<typeof jobView>;

const transcriptMeta = z.object({
  id: z.string(), title: z.string(), mediaId: z.string().nullable(), jobId: z.string().nullable(), sourcePath: z.string().nullable(), model: z.string().nullable(),
  language: z.string().nullable(), durationMs: z.number(), presetId: z.string(), createdAt: z.number(), updatedAt: z.number(), cueCount: z.number(), speakerCount: z.number(),
});

/** A file already transcribed with the same options: offered instead of a new job. */
const existingTranscript = z.object({ path: z.string(), title: z.string(), transcriptId: z.string(), finishedAt: z.number() });
export type ExistingTranscriptData = z.infer<typeof existingTranscript>;

const id = z.object({ id: z.string().min(1).max(100) });
const nothing = z.object({}).strict();

export const settingsViewSchema = z.object({
  hasApiKey: z.boolean(),
  region: z.enum(['beijing', 'singapore']),
  baseUrl: z.string().optional(),
  workspaceId: z.string().optional(),
  model: z.string(),
  language: z.string().optional(),
  diarize: z.boolean(),
  speakerCount: z.number().int().min(2).max(100).optional(),
  delivery: z.enum(['auto', 'signed-url', 'upload']),
  publicBaseUrl: z.string().optional(),
  presetId: z.string(),
  exportFormat: z.enum(EXPORT_FORMATS),
  exportBom: z.boolean(),
  exportLineEnding: z.enum(['lf', 'crlf']),
  /** Export file names, e.g. `{name}.{lang}.{format}` (shared/formats/naming.ts). */
  exportNameTemplate: z.string().max(200).refine((t) => templateProblem(t) === null, { message: 'EXPORT_TEMPLATE' }),
  /** Folder exports are saved in; empty: beside the source file (CLI) or the browser's downloads. */
  exportFolder: z.string().max(4096).optional(),
  maskWords: z.array(z.string()),
  removeWords: z.array(z.string()),
  systemReservedFilter: z.boolean(),
  uiLanguage: z.enum(['en', 'zh-CN']),
  theme: z.enum(['system', 'light', 'dark']),
  /** The hotword list used for new jobs, and the model it was made for. */
  hotwordListId: z.string().optional(),
  hotwordModel: z.string().optional(),
  /** Quick mode by default, and the free context text sent with it. */
  quickMode: z.boolean(),
  quickContext: z.string().max(2000).optional(),
  learnedTerms: z.array(z.string()),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** '' or null clears a setting back to its default. */
const clearable = <T extends z.ZodType>(t: T) => z.union([t, z.literal(''), z.null()]).optional();
const known = (values: readonly string[], what: string) => z.string().refine((v) => values.includes(v), `is not a known ${what}`);
/** No line breaks or control characters: these strings end up in requests and files. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const oneLine = (max: number) => z.string().max(max).refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must be one line without control characters');
const httpUrl = oneLine(2000).refine((v) => /^https?:\/\/[A-Za-z0-9.\-[\]:]+(\/\S*)?$/i.test(v), 'must be an http(s) URL');

/**
 * What the renderer may write. Every value is checked here, before it is stored: an unknown model,
 * language or preset saved once would make every later job fail. Where the service is reached
 * (baseUrl) is checked again in the backend against the DashScope hosts: the key goes there.
 */
export const settingsPatchSchema = z
  .object({
    region: z.enum(['beijing', 'singapore']),
    baseUrl: clearable(httpUrl),
    workspaceId: clearable(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be letters, digits and dashes (a DashScope workspace id)')),
    model: known(MODELS, 'model'),
    language: clearable(known(LANGUAGE_CODES, 'language code')),
    diarize: z.boolean(),
    speakerCount: z.number().int().min(2).max(100).nullable(),
    delivery: z.enum(['auto', 'signed-url', 'upload']),
    publicBaseUrl: clearable(httpUrl),
    presetId: known(Object.keys(PRESETS), 'caption preset'),
    exportFormat: z.enum(EXPORT_FORMATS),
    exportBom: z.boolean(),
    exportLineEnding: z.enum(['lf', 'crlf']),
    exportNameTemplate: oneLine(200).refine((t) => templateProblem(t) === null, { message: 'EXPORT_TEMPLATE' }),
    exportFolder: clearable(oneLine(4096)),
    maskWords: z.array(oneLine(100)).max(500),
    removeWords: z.array(oneLine(100)).max(500),
    systemReservedFilter: z.boolean(),
    uiLanguage: z.enum(['en', 'zh-CN']),
    theme: z.enum(['system', 'light', 'dark']),
    hotwordListId: clearable(oneLine(200)),
    hotwordModel: clearable(oneLine(100)),
    quickMode: z.boolean(),
    quickContext: clearable(z.string().max(2000)),
    learnedTerms: z.array(oneLine(60)).max(5000),
  })
  .partial()
  .strict();

/**
 * A track as the editor saves it: times finite, non-negative integers, a cue never ending before
 * it starts; cue text lines and WebVTT settings without line breaks (a newline in either would
 * write extra cues into an exported file).
 */
export const savedTrackSchema = trackSchema.superRefine((t, ctx) => {
  for (let i = 0; i < t.cues.length; i++) {
    const c = t.cues[i] as (typeof t.cues)[number];
    if (c.end < c.start) ctx.addIssue({ code: 'custom', path: ['cues', i, 'end'], message: `ends (${c.end} ms) before it starts (${c.start} ms)` });
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (c.settings !== undefined && /[\r\n\u0000-\u001f]/.test(c.settings)) ctx.addIssue({ code: 'custom', path: ['cues', i, 'settings'], message: 'must be one line (WebVTT cue settings)' });
    const bad = c.lines.findIndex((l) => /[\r\n\u2028\u2029]/.test(l));
    if (bad >= 0) ctx.addIssue({ code: 'custom', path: ['cues', i, 'lines', bad], message: 'must not contain a line break (each line is its own entry)' });
    for (const w of c.words) if (w.end < w.start) ctx.addIssue({ code: 'custom', path: ['cues', i, 'words'], message: 'has a word ending before it starts' });
  }
});

const hotwordEntry = z.object({ text: z.string().max(100), weight: z.number().int(), lang: z.string().optional() });
const hotwordList = z.object({ id: z.string(), targetModel: z.string(), status: z.string(), entries: z.array(hotwordEntry), active: z.boolean() });
export type HotwordList = z.infer<typeof hotwordList>;

export const exportOptionsSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  bom: z.boolean().optional(),
  lineEnding: z.enum(['lf', 'crlf']).optional(),
  speakers: z.boolean().optional(),
  wordTimestamps: z.boolean().optional(),
  /** ASS/SSA: two lines of a cue in two styles (two languages). */
  bilingual: z.boolean().optional(),
  /** FCPXML: the sequence's frame rate. */
  fps: z.number().min(1).max(120).optional(),
});

export const contract = {
  'app:info': {
    input: nothing,
    output: z.object({ version: z.string(), home: z.string(), region: z.string(), serviceBaseUrl: z.string(), hasApiKey: z.boolean(), transport: z.enum(['electron', 'websocket']) }),
  },
  'jobs:list': { input: nothing, output: z.array(jobView) },
  'jobs:add': {
    // retranscribe: add a job even when the library has a finished transcript of the same content and options.
    input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500), options: jobOptionsSchema.partial().optional(), retranscribe: z.boolean().optional() }),
    output: z.object({ jobs: z.array(jobView), existing: z.array(existingTranscript) }),
  },
  'jobs:cancel': { input: id, output: jobView },
  'jobs:retry': { input: id, output: jobView },
  'jobs:remove': { input: id, output: z.object({}) },
  'library:list': { input: nothing, output: z.array(transcriptMeta) },
  'library:search': {
    input: z.object({ query: z.string().max(500) }),
    output: z.array(z.object({ transcriptId: z.string(), title: z.string(), cueId: z.string().nullable(), startMs: z.number().nullable(), snippet: z.string() })),
  },
  'library:delete': { input: id, output: z.object({}) },
  'library:import': {
    input: z.object({
      paths: z.array(z.string().min(1).max(4096)).min(1).max(100),
      /** Read with this encoding instead of detecting it (the user chose it from the candidates). */
      encoding: z.enum(TEXT_ENCODINGS).optional(),
      /** The transcript an earlier import of the same file made, deleted once this import succeeds. */
      replaces: z.string().max(100).optional(),
    }),
    output: z.array(
      z.object({
        path: z.string(), transcriptId: z.string().optional(), cues: z.number().optional(), repairs: z.number().optional(), encoding: z.string().optional(), error: z.string().optional(), code: z.string().optional(),
        /** Present when the encoding was a close call: each likely encoding with the text it gives. */
        candidates: z.array(z.object({ encoding: z.enum(TEXT_ENCODINGS), confidence: z.number(), preview: z.string() })).optional(),
      }),
    ),
  },
  'transcript:get': {
    input: id,
    output: z.object({ meta: transcriptMeta, track: trackSchema, mediaUrl: z.string().nullable(), mediaKind: z.enum(['video', 'audio']) }),
  },
  'transcript:save': { input: z.object({ id: z.string().min(1).max(100), track: savedTrackSchema }), output: z.object({ updatedAt: z.number() }) },
  'transcript:rename': { input: z.object({ id: z.string(), title: z.string().min(1).max(300) }), output: z.object({}) },
  'transcript:export': {
    input: z.object({ id: z.string(), options: exportOptionsSchema }),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  },
  'media:peaks': {
    input: id,
    output: z.object({ perSecond: z.number(), durationMs: z.number(), peaks: z.string().describe('base64 of interleaved int8 min/max pairs') }),
  },
  'settings:get': { input: nothing, output: settingsViewSchema },
  // null clears a setting back to its default.
  'settings:set': { input: settingsPatchSchema, output: settingsViewSchema },
  'settings:setApiKey': { input: z.object({ apiKey: z.string().max(200).refine((k) => /^[\x20-\x7e]*$/.test(k), 'must be printable ASCII (a DashScope key)') }), output: settingsViewSchema },
  'hotwords:list': { input: nothing, output: z.array(hotwordList) },
  'hotwords:save': { input: z.object({ id: z.string().max(200).optional(), model: known(MODELS, 'model'), entries: z.array(hotwordEntry).max(500) }), output: hotwordList },
  'hotwords:delete': { input: id, output: z.object({}) },
  'corrections:record': { input: z.object({ terms: z.array(z.string().max(60)).max(50) }), output: z.object({ proposals: z.array(z.string()) }) },
  'corrections:decide': { input: z.object({ term: z.string().min(1).max(60), accept: z.boolean() }), output: z.object({ addedToHotwords: z.boolean() }) },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = z.infer<Contract[M]['output']>;

/** Push events from main to the renderer. */
export const events = {
  'job:update': jobView,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
