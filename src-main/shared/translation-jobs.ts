import { z } from 'zod';

/**
 * Translation jobs (issue #11) as every process sees them: the Qwen-MT models Captioner offers,
 * the job's statuses and the view the UI and the CLI render (docs/qwen-mt-api.md).
 */
export const MT_MODELS = ['qwen-mt-flash', 'qwen-mt-plus', 'qwen-mt-lite', 'qwen-mt-turbo'] as const;
export type MtModel = (typeof MT_MODELS)[number];
export const DEFAULT_MT_MODEL: MtModel = 'qwen-mt-flash';

/** queued → running → done | failed | canceled; a running job whose process died is resumed by the next run. */
export const TRANSLATION_STATUSES = ['queued', 'running', 'done', 'failed', 'canceled'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];
export const TERMINAL_TRANSLATION: readonly TranslationStatus[] = ['done', 'failed', 'canceled'];

/** What a running job is doing right now (a code; the UI words it). */
export const TRANSLATION_ACTIVITIES = ['WAITING', 'TRANSLATING', 'RATE_WAIT', 'RETRY_WAIT', 'PLACING'] as const;

export const BILINGUAL_ORDERS = ['source-first', 'target-first'] as const;
export const TRANSLATION_EXPORT_MODES = ['original', 'translation', 'bilingual', 'separate-files'] as const;

/** Language codes as the settings and the contract accept them (zh, en, zh_tw, yue, …). */
export const mtLangCode = z.string().min(2).max(12).regex(/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/, 'must be a language code such as en, zh, ja or zh_tw');

const costSchema = z.object({ currency: z.string(), amount: z.number() });

export const translationJobViewSchema = z.object({
  id: z.string(),
  transcriptId: z.string(),
  title: z.string(),
  sourceLang: z.string().nullable(),
  targetLang: z.string(),
  model: z.string(),
  status: z.enum(TRANSLATION_STATUSES),
  activity: z.enum(TRANSLATION_ACTIVITIES).optional(),
  progress: z.number(),
  etaSeconds: z.number().optional(),
  batchesDone: z.number(),
  batchesTotal: z.number(),
  cues: z.number(),
  /** Before the start: estimated tokens and cost. */
  estimate: z.object({ inputTokens: z.number(), outputTokens: z.number(), cost: costSchema }),
  /** Tokens the service reported in `usage` (what is billed), and their cost. */
  billed: z.object({ promptTokens: z.number(), completionTokens: z.number(), cost: costSchema }),
  /** Models that translated finished batches before the job was resumed under `model` (a rerun asked for another one). */
  earlierModels: z.array(z.string()).optional(),
  /** Codes (MT_RESPONSE_LOST, SERVICE_DATA_INSPECTION, MT_UNTRANSLATED…) with a count each. */
  warnings: z.array(z.object({ code: z.string(), count: z.number() })),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().optional(),
});
export type TranslationJobView = z.infer<typeof translationJobViewSchema>;
