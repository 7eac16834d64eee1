import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { isHttpUrl, urlTitle } from '../../../core/url';
import { jobOptionsSchema, type JobOptions, type JobStage } from '../../../shared/jobs';
import { relaxed, type Db } from '../connection';

export interface JobRow {
  id: string;
  input_path: string;
  media_id: string | null;
  stage: JobStage;
  options_json: string;
  progress: number;
  eta_seconds: number | null;
  failed_stage: JobStage | null;
  error_code: string | null;
  error_message: string | null;
  /** The error's params as JSON (migration 010): what the UI needs to word it. */
  error_params_json: string | null;
  warnings_json: string;
  audio_path: string | null;
  audio_mime: string | null;
  audio_offset_ms: number;
  channels_json: string | null;
  hosted_file_id: string | null;
  file_url: string | null;
  task_id: string | null;
  task_status: string | null;
  result_url: string | null;
  request_id: string | null;
  submitted_at: number | null;
  estimate_json: string | null;
  billed_seconds: number | null;
  transcript_id: string | null;
  /** Set just before a submit POST, cleared once its outcome is known (docs/billing-safety.md). */
  submit_intent_at: number | null;
  submit_attempts: number;
  auto_resubmits: number;
  content_hash: string | null;
  recognition_key: string | null;
  created_at: number;
  updated_at: number;
}

export type JobPatch = Partial<Omit<JobRow, 'id' | 'created_at' | 'updated_at' | 'input_path'>>;

const COLUMNS = new Set([
  'media_id', 'stage', 'progress', 'eta_seconds', 'failed_stage', 'error_code', 'error_message', 'error_params_json', 'warnings_json', 'audio_path', 'audio_mime',
  'audio_offset_ms', 'channels_json', 'hosted_file_id', 'file_url', 'task_id', 'task_status', 'result_url', 'request_id', 'submitted_at',
  'estimate_json', 'billed_seconds', 'transcript_id', 'options_json', 'submit_intent_at', 'submit_attempts', 'auto_resubmits', 'content_hash',
  'recognition_key',
]);

export class JobsRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  create(inputPath: string, options: JobOptions, reuse: { contentHash?: string; recognitionKey?: string } = {}): JobRow {
    const id = randomUUID();
    const t = this.now();
    this.db
      .prepare('INSERT INTO jobs(id, input_path, stage, options_json, content_hash, recognition_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, inputPath, 'queued', JSON.stringify(options), reuse.contentHash ?? null, reuse.recognitionKey ?? null, t, t);
    return this.get(id) as JobRow;
  }

  /** Task ids this library already owns (a listed task among them is not an unresolved submit's). */
  ownsTask(taskId: string): boolean {
    return this.db.prepare('SELECT 1 FROM jobs WHERE task_id = ?').get(taskId) !== undefined;
  }

  get(id: string): JobRow | undefined {
    return this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  /** Commits a change; the caller acts on it only after this returns. */
  /**
   * Commits a patch. A job's stage is bookkeeping that resumes from the last durable point, so by
   * default the commit does not wait for the disk (see relaxed: safe against crashes and SIGKILL,
   * ~3 ms less per commit); `durable` waits, for what guards money (the submit intent before its
   * POST, a billed answer recorded).
   */
  update(id: string, patch: JobPatch, opts: { durable?: boolean } = {}): JobRow {
    const keys = Object.keys(patch).filter((k) => COLUMNS.has(k));
    if (keys.length) {
      const sets = keys.map((k) => `${k} = @${k}`).join(', ');
      const run = (): unknown => this.db.prepare(`UPDATE jobs SET ${sets}, updated_at = @updated_at WHERE id = @id`).run({ ...patch, id, updated_at: this.now() });
      if (opts.durable) run();
      else relaxed(this.db, run);
    }
    const row = this.get(id);
    if (!row) throw new Error(`job ${id} vanished`);
    return row;
  }

  list(): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs ORDER BY created_at, rowid').all() as JobRow[];
  }

  unfinished(): JobRow[] {
    return this.db.prepare("SELECT * FROM jobs WHERE stage NOT IN ('done','failed','canceled') ORDER BY created_at, rowid").all() as JobRow[];
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
  }

  /** Relaxed (a lost result is fetched again), unless a durable commit of the job follows, as in quick mode. */
  saveResult(jobId: string, raw: string): void {
    relaxed(this.db, () => this.db.prepare('INSERT INTO job_results(job_id, raw_json, fetched_at) VALUES (?, ?, ?) ON CONFLICT(job_id) DO UPDATE SET raw_json = excluded.raw_json, fetched_at = excluded.fetched_at').run(jobId, raw, this.now()));
  }

  result(jobId: string): string | undefined {
    return (this.db.prepare('SELECT raw_json FROM job_results WHERE job_id = ?').get(jobId) as { raw_json: string } | undefined)?.raw_json;
  }
}

export const jobOptions = (row: Pick<JobRow, 'options_json'>): JobOptions => jobOptionsSchema.parse(JSON.parse(row.options_json));
export const jobTitle = (row: Pick<JobRow, 'options_json' | 'input_path'>): string => jobOptions(row).title ?? (isHttpUrl(row.input_path) ? urlTitle(row.input_path) : basename(row.input_path));
