import { z } from 'zod';
import { trackSchema } from '../captions/model';
import { EXPORT_FORMATS } from '../formats/export';
import { JOB_STAGES, jobOptionsSchema } from '../jobs';

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

const hotwordEntry = z.object({ text: z.string().max(100), weight: z.number().int(), lang: z.string().optional() });
const hotwordList = z.object({ id: z.string(), targetModel: z.string(), status: z.string(), entries: z.array(hotwordEntry), active: z.boolean() });
export type HotwordList = z.infer<typeof hotwordList>;

export const exportOptionsSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  bom: z.boolean().optional(),
  lineEnding: z.enum(['lf', 'crlf']).optional(),
  speakers: z.boolean().optional(),
  wordTimestamps: z.boolean().optional(),
});

export const contract = {
  'app:info': {
    input: nothing,
    output: z.object({ version: z.string(), home: z.string(), region: z.string(), serviceBaseUrl: z.string(), hasApiKey: z.boolean(), transport: z.enum(['electron', 'websocket']) }),
  },
  'jobs:list': { input: nothing, output: z.array(jobView) },
  'jobs:add': { input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500), options: jobOptionsSchema.partial().optional() }), output: z.array(jobView) },
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
    input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(100) }),
    output: z.array(z.object({ path: z.string(), transcriptId: z.string().optional(), cues: z.number().optional(), repairs: z.number().optional(), encoding: z.string().optional(), error: z.string().optional() })),
  },
  'transcript:get': {
    input: id,
    output: z.object({ meta: transcriptMeta, track: trackSchema, mediaUrl: z.string().nullable(), mediaKind: z.enum(['video', 'audio']) }),
  },
  'transcript:save': { input: z.object({ id: z.string(), track: trackSchema }), output: z.object({ updatedAt: z.number() }) },
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
  'settings:set': { input: settingsViewSchema.omit({ hasApiKey: true }).partial().extend({ speakerCount: z.number().int().min(2).max(100).nullable().optional(), language: z.string().nullable().optional() }), output: settingsViewSchema },
  'settings:setApiKey': { input: z.object({ apiKey: z.string().max(200) }), output: settingsViewSchema },
  'hotwords:list': { input: nothing, output: z.array(hotwordList) },
  'hotwords:save': { input: z.object({ id: z.string().optional(), model: z.string(), entries: z.array(hotwordEntry).max(500) }), output: hotwordList },
  'hotwords:delete': { input: id, output: z.object({}) },
  'corrections:record': { input: z.object({ terms: z.array(z.string().max(60)).max(50) }), output: z.object({ proposals: z.array(z.string()) }) },
  'corrections:decide': { input: z.object({ term: z.string().min(1).max(60), accept: z.boolean() }), output: z.object({ addedToHotwords: z.boolean() }) },
  // Editor (issue 13): keyboard shortcuts, speech/frame-rate analysis, re-transcribing a span.
  'editor:keymap:get': { input: nothing, output: z.object({ bindings: z.record(z.string(), z.string()) }) },
  'editor:keymap:set': { input: z.object({ bindings: z.record(z.string().max(40), z.string().max(40)) }), output: z.object({ bindings: z.record(z.string(), z.string()) }) },
  'editor:analysis': { input: id, output: z.object({ durationMs: z.number(), speech: z.array(z.tuple([z.number(), z.number()])), frameRate: z.number().nullable() }) },
  'editor:shots': { input: id, output: z.object({ shots: z.array(z.number()) }) },
  'editor:retranscribe': {
    input: z.object({ id: z.string().min(1).max(100), startMs: z.number().int().nonnegative(), endMs: z.number().int().positive() }).refine((v) => v.endMs > v.startMs, 'endMs must be after startMs'),
    output: z.object({ cues: trackSchema.shape.cues, billedSeconds: z.number().nullable() }),
  },
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
