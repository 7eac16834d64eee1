import { randomUUID } from 'node:crypto';
import type { TranslationStatus } from '../../../shared/translation-jobs';
import type { Db } from '../connection';

export interface TranslationJobRow {
  id: string;
  transcript_id: string;
  title: string;
  source_lang: string | null;
  target_lang: string;
  model: string;
  preset_id: string;
  domain: string | null;
  cues: number;
  status: TranslationStatus;
  error_code: string | null;
  error_message: string | null;
  /** code → count */
  warnings_json: string;
  est_input_tokens: number;
  est_output_tokens: number;
  owner_pid: number | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export type BatchStatus = 'pending' | 'sent' | 'done' | 'failed' | 'split';
export interface BatchRow {
  job_id: string;
  idx: number;
  /** The batch's meaning units: [{cueIds, text}] */
  units_json: string;
  content: string;
  input_tokens: number;
  status: BatchStatus;
  response: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  attempts: number;
  error_code: string | null;
  /** The model the batch was sent to (null: not sent yet, or sent before v8: the job's model). */
  model: string | null;
  updated_at: number;
}

export type JobNew = Pick<TranslationJobRow, 'transcript_id' | 'title' | 'source_lang' | 'target_lang' | 'model' | 'preset_id' | 'domain' | 'cues' | 'est_input_tokens' | 'est_output_tokens'>;
export type JobPatch = Partial<Pick<TranslationJobRow, 'status' | 'model' | 'error_code' | 'error_message' | 'warnings_json' | 'owner_pid' | 'finished_at'>>;
const PATCHABLE = new Set(['status', 'model', 'error_code', 'error_message', 'warnings_json', 'owner_pid', 'finished_at']);
export type BatchPatch = Partial<Pick<BatchRow, 'status' | 'response' | 'prompt_tokens' | 'completion_tokens' | 'attempts' | 'error_code' | 'model'>>;
const BATCH_PATCHABLE = new Set(['status', 'response', 'prompt_tokens', 'completion_tokens', 'attempts', 'error_code', 'model']);

/** Translation jobs and their batches (migration 007). */
export class TranslationJobsRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  /** A job and all its planned batches, in one transaction. */
  create(j: JobNew, batches: readonly { units: unknown; content: string; inputTokens: number }[]): TranslationJobRow {
    const id = randomUUID();
    const t = this.now();
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO translation_jobs(id, transcript_id, title, source_lang, target_lang, model, preset_id, domain, cues, status, est_input_tokens, est_output_tokens, created_at, updated_at)
                  VALUES (@id, @transcript_id, @title, @source_lang, @target_lang, @model, @preset_id, @domain, @cues, 'queued', @est_input_tokens, @est_output_tokens, @t, @t)`)
        .run({ ...j, id, t });
      const ins = this.db.prepare(`INSERT INTO translation_batches(job_id, idx, units_json, content, input_tokens, status, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`);
      batches.forEach((b, i) => ins.run(id, i, JSON.stringify(b.units), b.content, b.inputTokens, t));
    })();
    return this.get(id) as TranslationJobRow;
  }

  get(id: string): TranslationJobRow | undefined {
    return this.db.prepare('SELECT * FROM translation_jobs WHERE id = ?').get(id) as TranslationJobRow | undefined;
  }

  /** A job by its id or a unique prefix of it (the CLI prints short ids). */
  resolveId(idOrPrefix: string): string | undefined {
    const rows = this.db.prepare("SELECT id FROM translation_jobs WHERE id LIKE ? ESCAPE '\\' LIMIT 2").all(`${idOrPrefix.replace(/[\\%_]/g, '\\$&')}%`) as { id: string }[];
    return rows.length === 1 ? rows[0]?.id : undefined;
  }

  list(transcriptId?: string): TranslationJobRow[] {
    return (transcriptId === undefined
      ? this.db.prepare('SELECT * FROM translation_jobs ORDER BY created_at DESC').all()
      : this.db.prepare('SELECT * FROM translation_jobs WHERE transcript_id = ? ORDER BY created_at DESC').all(transcriptId)) as TranslationJobRow[];
  }

  /** Jobs that were queued or running: this process resumes those whose owner is gone. */
  unfinished(): TranslationJobRow[] {
    return this.db.prepare("SELECT * FROM translation_jobs WHERE status IN ('queued', 'running') ORDER BY created_at").all() as TranslationJobRow[];
  }

  patch(id: string, p: JobPatch): TranslationJobRow {
    const keys = Object.keys(p).filter((k) => PATCHABLE.has(k));
    if (keys.length) this.db.prepare(`UPDATE translation_jobs SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @t WHERE id = @id`).run({ ...p, id, t: this.now() });
    return this.get(id) as TranslationJobRow;
  }

  /** Takes a job for this process unless a live process holds it (compare-and-set). */
  claim(id: string, pid: number, ownerAlive: (pid: number) => boolean): boolean {
    const row = this.get(id);
    if (!row) return false;
    if (row.owner_pid !== null && row.owner_pid !== pid && ownerAlive(row.owner_pid)) return false;
    const r = this.db.prepare("UPDATE translation_jobs SET owner_pid = ?, status = 'running', updated_at = ? WHERE id = ? AND owner_pid IS ? AND status IN ('queued', 'running', 'failed', 'canceled')").run(pid, this.now(), id, row.owner_pid);
    return r.changes === 1;
  }

  batches(jobId: string): BatchRow[] {
    return this.db.prepare('SELECT * FROM translation_batches WHERE job_id = ? ORDER BY idx').all(jobId) as BatchRow[];
  }

  patchBatch(jobId: string, idx: number, p: BatchPatch): void {
    const keys = Object.keys(p).filter((k) => BATCH_PATCHABLE.has(k));
    if (keys.length) this.db.prepare(`UPDATE translation_batches SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @t WHERE job_id = @job AND idx = @idx`).run({ ...p, job: jobId, idx, t: this.now() });
  }

  /** Replaces a batch by smaller ones appended at the end (the original stays, marked 'split', with what it billed). */
  split(jobId: string, idx: number, parts: readonly { units: unknown; content: string; inputTokens: number }[], billed: { prompt: number; completion: number }, errorCode: string): BatchRow[] {
    return this.db.transaction(() => {
      this.patchBatch(jobId, idx, { status: 'split', prompt_tokens: billed.prompt, completion_tokens: billed.completion, error_code: errorCode });
      const next = ((this.db.prepare('SELECT MAX(idx) AS m FROM translation_batches WHERE job_id = ?').get(jobId) as { m: number }).m ?? 0) + 1;
      const ins = this.db.prepare(`INSERT INTO translation_batches(job_id, idx, units_json, content, input_tokens, status, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`);
      parts.forEach((b, i) => ins.run(jobId, next + i, JSON.stringify(b.units), b.content, b.inputTokens, this.now()));
      return this.db.prepare('SELECT * FROM translation_batches WHERE job_id = ? AND idx >= ? ORDER BY idx').all(jobId, next) as BatchRow[];
    })();
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM translation_jobs WHERE id = ?').run(id);
  }
}
