import { z } from 'zod';

/** Response bodies of the DashScope endpoints (funasr-api.md §2-§7); unknown keys pass through. */
/** An error body; some answers say `msg` instead of `message` (the SDK reads both). */
export const errorEnvelopeSchema = z
  .looseObject({ request_id: z.string().optional(), code: z.string().optional(), message: z.string().optional(), msg: z.string().optional() })
  .transform((e) => ({ ...e, message: e.message ?? e.msg }));

export const submitResponseSchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({ task_id: z.string().min(1), task_status: z.string() }),
});

export const subtaskSchema = z.looseObject({
  file_url: z.string().optional(),
  transcription_url: z.string().optional(),
  subtask_status: z.string(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type Subtask = z.infer<typeof subtaskSchema>;

export const taskQuerySchema = z.looseObject({
  request_id: z.string().optional(),
  output: z.looseObject({
    task_id: z.string().optional(),
    task_status: z.string(),
    submit_time: z.string().optional(),
    scheduled_time: z.string().optional(),
    end_time: z.string().optional(),
    results: z.array(subtaskSchema).optional(),
    task_metrics: z.looseObject({ TOTAL: z.number().optional(), SUCCEEDED: z.number().optional(), FAILED: z.number().optional() }).optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
  usage: z.looseObject({ duration: z.number().optional() }).optional(),
});
export type TaskQuery = z.infer<typeof taskQuerySchema>;

const listedTaskSchema = z.looseObject({ task_id: z.string().min(1), status: z.string().optional(), task_status: z.string().optional() });
const listPage = { data: z.array(listedTaskSchema).optional(), page_no: z.number().optional(), total_page: z.number().optional(), total: z.number().optional() };
/** GET /tasks (§3.4): undocumented layout; both `data` at the top and under `output` are read. */
export const taskListSchema = z.looseObject({ request_id: z.string().optional(), ...listPage, output: z.looseObject(listPage).optional() });

export const vocabularyEntrySchema = z.object({ text: z.string(), weight: z.number().int(), lang: z.string().optional() });
export type VocabularyEntry = z.infer<typeof vocabularyEntrySchema>;

export const vocabCreateSchema = z.looseObject({ output: z.looseObject({ vocabulary_id: z.string() }), request_id: z.string().optional() });
export const vocabListSchema = z.looseObject({
  output: z.looseObject({
    vocabulary_list: z.array(z.looseObject({ vocabulary_id: z.string(), gmt_create: z.string().optional(), gmt_modified: z.string().optional(), status: z.string().optional() })).default([]),
  }),
});
export const vocabQuerySchema = z.looseObject({
  output: z.looseObject({
    vocabulary: z.array(vocabularyEntrySchema).default([]),
    target_model: z.string().optional(),
    gmt_create: z.string().optional(),
    gmt_modified: z.string().optional(),
    status: z.string().optional(),
  }),
});

export const uploadPolicySchema = z.looseObject({
  request_id: z.string().optional(),
  data: z.looseObject({
    policy: z.string(),
    signature: z.string(),
    upload_dir: z.string(),
    upload_host: z.string(),
    expire_in_seconds: z.number().optional(),
    max_file_size_mb: z.number().optional(),
    capacity_limit_mb: z.number().optional(),
    oss_access_key_id: z.string(),
    x_oss_object_acl: z.string().optional(),
    x_oss_forbid_overwrite: z.string().optional(),
  }),
});
export type UploadPolicy = z.infer<typeof uploadPolicySchema>['data'];
