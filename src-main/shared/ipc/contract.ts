import { z } from 'zod';
import { trackSchema } from '../captions/model';
import { EXPORT_FORMATS, TEXT_ENCODINGS } from '../formats/names';
import { PRESETS } from '../captions/presets';
import { BURN_STAGES } from '../burn/job';
import { BURN_PRESETS, ENCODER_CHOICES, QUALITIES, burnStyleSchema } from '../burn/style';
import { BILINGUAL_ORDERS, MT_MODELS, TRANSLATION_EXPORT_MODES, mtLangCode, translationJobViewSchema } from '../translation-jobs';
import { JOB_STAGES, JOB_STATUSES, LANGUAGE_CODES, MODELS, jobChoicesSchema } from '../jobs';
import { apiErrorSchema, type ApiErrorData } from '../api-codes';
import { jobErrorSchema, jobWarningSchema } from '../job-codes';
import { RENDERER_WRITABLE, VIEW_KEYS, settingDefault, settingSchema, type RendererWritableKey, type Settings, type ViewKey } from '../settings';

/**
 * Every renderer→main call, declared once for both transports (Electron IPC and the headless
 * WebSocket). Main validates each payload against `input` before anything runs; results cross
 * as `{ ok, value | error }`.
 */
const jobView = z.object({
  id: z.string(), inputPath: z.string(), title: z.string(), stage: z.enum(JOB_STAGES), progress: z.number(), etaSeconds: z.number().optional(),
  status: z.enum(JOB_STATUSES), statusParams: z.object({ seconds: z.number().optional(), text: z.string().optional() }).optional(), failedStage: z.enum(JOB_STAGES).optional(), error: jobErrorSchema.optional(),
  warnings: z.array(jobWarningSchema), findings: z.array(z.object({ code: z.literal('MISSED_SPEECH'), startMs: z.number(), endMs: z.number() })).optional(),
  estimate: z.object({ currency: z.string(), amount: z.number() }).optional(), billedSeconds: z.number().optional(),
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
const optionNote = z.object({ code: z.enum(['HOTWORD_LIST_OTHER_MODEL', 'HOTWORD_LIST_QUICK']), listId: z.string(), listModel: z.string().optional(), model: z.string() });
const nothing = z.object({}).strict();

/**
 * Settings as the renderer sees them: every non-secret setting of the one table
 * (shared/settings.ts), defaults filled in, plus whether a key is set and the learned terms.
 */
export type SettingsView = { hasApiKey: boolean; learnedTerms: string[] } & Pick<Settings, ViewKey>;
export const settingsViewSchema = z.object({
  hasApiKey: z.boolean(),
  learnedTerms: z.array(z.string()),
  ...Object.fromEntries(VIEW_KEYS.map((k) => [k, settingDefault(k) === undefined ? settingSchema(k).optional() : settingSchema(k)])),
}) as unknown as z.ZodType<SettingsView, SettingsView>;

/** '' or null clears a setting back to its default. */
export type SettingsPatch = { [K in RendererWritableKey]?: Settings[K] | '' | null };
const known = (values: readonly string[], what: string) => z.string().refine((v) => values.includes(v), `is not a known ${what}`);

/**
 * What the renderer may write, derived from the table: every value is checked before it is
 * stored (an unknown model, language or preset saved once would make every later job fail).
 * Settings only `captioner config` may change are refused; where the service is reached
 * (baseUrl) is checked again in the backend against the DashScope hosts: the key goes there.
 */
export const settingsPatchSchema = z
  .object(Object.fromEntries(RENDERER_WRITABLE.map((k) => [k, z.union([settingSchema(k), z.literal(''), z.null()]).optional()])))
  .strict() as unknown as z.ZodType<SettingsPatch, SettingsPatch>;

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
  /**
   * Translation (issue #11): the original alone (default), the translation alone, both in one file
   * (two lines per cue, `order`), or two files (name.zh.srt + name.en.srt, returned in `files`).
   * JSON always carries every translation of the transcript.
   */
  translation: z.object({ lang: mtLangCode, mode: z.enum(TRANSLATION_EXPORT_MODES), order: z.enum(BILINGUAL_ORDERS).optional() }).optional(),
});

// --- Burn-in (issue 12): one block, with its methods spread into the contract below. ---
const burnJob = z.object({
  id: z.string(), transcriptId: z.string().nullable(), title: z.string(), videoPath: z.string(), outputPath: z.string(), stage: z.enum(BURN_STAGES), progress: z.number(),
  etaSeconds: z.number().optional(), quality: z.string(), encoder: z.string().optional(), notes: z.array(z.string()), error: apiErrorSchema.optional(),
  createdAt: z.number(), updatedAt: z.number(), finishedAt: z.number().optional(),
});
export type BurnJobData = z.infer<typeof burnJob>;
const burnPrefs = z.object({ style: burnStyleSchema, quality: z.enum(QUALITIES), encoder: z.enum(ENCODER_CHOICES) });
const burnVideo = z.string().min(1).max(4096).optional();
const burnContract = {
  /** What the dialog starts from: saved choices, presets, the video and where the result goes. */
  'burn:options': {
    input: z.object({ id: z.string().min(1).max(100), video: burnVideo }),
    output: z.object({
      prefs: burnPrefs, presets: z.record(z.enum(BURN_PRESETS), burnStyleSchema), video: z.string().nullable(), videoProblem: apiErrorSchema.optional(),
      width: z.number(), height: z.number(), durationMs: z.number(), output: z.string(), outputExists: z.boolean(), secondLanguage: z.boolean(), jobs: z.array(burnJob),
    }),
  },
  'burn:preview': {
    input: z.object({ id: z.string().min(1).max(100), video: burnVideo, style: burnStyleSchema, atMs: z.number().int().min(0).max(1e9) }),
    output: z.object({ mime: z.string(), base64: z.string(), width: z.number(), height: z.number() }),
  },
  'burn:setPrefs': { input: burnPrefs.partial(), output: burnPrefs },
  'burn:start': {
    input: z.object({ id: z.string().min(1).max(100), video: burnVideo, style: burnStyleSchema, quality: z.enum(QUALITIES), encoder: z.enum(ENCODER_CHOICES), overwrite: z.boolean().optional() }),
    output: burnJob,
  },
  'burn:get': { input: id, output: burnJob },
  'burn:cancel': { input: id, output: burnJob },
  /** A finished burn's video, playable (and downloadable) in the dialog through the loopback media server. */
  'burn:media': { input: id, output: z.object({ url: z.string(), mime: z.string() }) },
} as const;

// --- Translation (issue 11): one block, spread into the contract below. ---
const transcriptId = z.string().min(1).max(100);
const targets = z.array(mtLangCode).min(1).max(10);
const cueIds = z.array(z.string().min(1).max(100)).min(1).max(100_000).optional();
const translatedCue = z.object({ cueId: z.string(), lines: z.array(z.string()), origin: z.enum(['mt', 'user']) });
const translationFinding = z.object({ code: z.string(), cueId: z.string(), severity: z.enum(['error', 'warning']), message: z.string(), params: z.record(z.string(), z.number()) });
const translationContract = {
  /** Requests, tokens and cost before anything is sent (every target together). */
  'translation:estimate': {
    input: z.object({ transcriptId, targets, model: z.enum(MT_MODELS).optional(), cueIds }),
    output: z.object({
      requests: z.number(), inputTokens: z.number(), outputTokens: z.number(), cost: z.object({ currency: z.string(), amount: z.number() }),
      /** The least time the rate limits allow for it (requests and tokens per minute). */
      minSeconds: z.number(),
    }),
  },
  /** One durable job per target language; a language already running for the transcript is not started twice. */
  'translation:start': {
    input: z.object({ transcriptId, targets, model: z.enum(MT_MODELS).optional(), cueIds, domain: z.string().max(500).optional() }),
    output: z.object({ jobIds: z.array(z.string()) }),
  },
  'translation:jobs': { input: z.object({ transcriptId: transcriptId.optional() }), output: z.array(translationJobViewSchema) },
  'translation:cancel': { input: id, output: translationJobViewSchema },
  /** A failed or canceled job goes on with the batches not yet done (finished ones are never sent again). */
  'translation:retry': { input: id, output: translationJobViewSchema },
  'translation:get': {
    input: z.object({ transcriptId, lang: mtLangCode }),
    output: z.object({ lang: z.string(), cues: z.array(translatedCue), findings: z.array(translationFinding) }),
  },
  /** Languages the transcript has translations in. */
  'translation:languages': { input: z.object({ transcriptId }), output: z.array(z.string()) },
  /**
   * Speaker names across the library, most used first (the number of transcripts naming them), for
   * the glossary: default "Speaker N" names left out; at most `limit` (200 when not given).
   */
  'translation:speakerNames': { input: z.object({ limit: z.number().int().min(1).max(200).optional() }), output: z.array(z.string().max(200)).max(200) },
  /**
   * The user's edits: stored as origin 'user' and remembered in the translation memory (sent as tm_list next time).
   * Empty lines remove a cue's translation. `carried`: the editor moved these with a split, merge or delete (or its
   * undo): the text keeps its origin and is not remembered, and a cue no longer in the track may be cleared.
   */
  'translation:save': {
    input: z.object({
      transcriptId,
      lang: mtLangCode,
      cues: z.array(z.object({ cueId: z.string().min(1).max(100), lines: z.array(z.string().max(500).refine((l) => !/[\r\n\u2028\u2029]/.test(l), 'must not contain a line break')).max(10) })).max(100_000),
      carried: z.boolean().optional(),
    }),
    output: z.object({ updatedAt: z.number(), remembered: z.number() }),
  },
} as const;

export const contract = {
  'app:info': {
    input: nothing,
    output: z.object({ version: z.string(), home: z.string(), region: z.string(), serviceBaseUrl: z.string(), hasApiKey: z.boolean(), transport: z.enum(['electron', 'websocket']) }),
  },
  'jobs:list': { input: nothing, output: z.array(jobView) },
  'jobs:add': {
    // retranscribe: add a job even when the library has a finished transcript of the same content and options.
    // paths may hold http(s) links (issue 14); options.force submits a link that cannot be checked.
    input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500), options: jobChoicesSchema.optional(), retranscribe: z.boolean().optional() }),
    /** notes: what the user should know about the options the jobs got (codes; the UI words them). */
    output: z.object({ jobs: z.array(jobView), existing: z.array(existingTranscript), notes: z.array(optionNote) }),
  },
  'jobs:cancel': { input: id, output: jobView },
  // viaCaptioner: a link the service could not fetch is extracted and delivered by Captioner (issue 14).
  'jobs:retry': { input: id.extend({ viaCaptioner: z.boolean().optional() }), output: jobView },
  'jobs:remove': { input: id, output: z.object({}) },
  'library:list': { input: nothing, output: z.array(transcriptMeta) },
  'library:search': {
    // Paging: `offset` skips cue hits (title and speaker hits come on the first page only).
    input: z.object({ query: z.string().max(500), offset: z.number().int().min(0).max(1_000_000).optional(), limit: z.number().int().min(1).max(500).optional() }),
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
        path: z.string(), transcriptId: z.string().optional(), cues: z.number().optional(), repairs: z.number().optional(), encoding: z.string().optional(),
        /** Why this file was not imported: a code with params the UI words (shared/api-codes.ts), the English message for logs. */
        error: apiErrorSchema.optional(),
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
  /** Another language and/or preset: cues are cut again from their words (edited cues kept unless resegment 'all'). */
  'transcript:setLanguage': {
    input: z.object({ id: z.string().min(1).max(100), language: z.union([known(LANGUAGE_CODES, 'language code'), z.null()]).optional(), presetId: known(Object.keys(PRESETS), 'caption preset').optional(), resegment: z.enum(['unedited', 'all', 'none']).optional() }),
    output: z.object({ meta: transcriptMeta, track: trackSchema, kept: z.number(), rebuilt: z.number() }),
  },
  'transcript:rename': { input: z.object({ id: z.string(), title: z.string().min(1).max(300) }), output: z.object({}) },
  'transcript:export': {
    input: z.object({ id: z.string(), options: exportOptionsSchema }),
    // separate-files: the original is the main file, `files` holds both (original first).
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), files: z.array(z.object({ fileName: z.string(), mime: z.string(), base64: z.string() })).optional() }),
  },
  // A transcript made from a link (issue 14) plays from a local copy of its media; null plays the link again.
  'transcript:setLocalMedia': { input: id.extend({ path: z.string().min(1).max(4096).nullable() }), output: z.object({ localCopy: z.string().nullable() }) },
  'media:peaks': {
    input: id,
    output: z.object({ perSecond: z.number(), durationMs: z.number(), peaks: z.string().describe('base64 of interleaved int8 min/max pairs') }),
  },
  // The editor's optional spectrogram (issue 13), cached like the peaks.
  'media:spectrogram': {
    input: id,
    output: z.object({ perSecond: z.number(), bands: z.number().int().positive(), data: z.string().describe('base64 of column-major uint8 band levels, low to high frequency') }),
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
  ...burnContract,
  ...translationContract,
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
  'translation:update': translationJobViewSchema,
  /** A burn-in's stage, progress and ETA, each time its ffmpeg reports (about twice a second). */
  'burn:update': burnJob,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** A call's result; a failure is a code with params (shared/api-codes.ts) and the English message. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };
