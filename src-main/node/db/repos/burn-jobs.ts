import { randomUUID } from 'node:crypto';
import { storedParams } from '../../../shared/job-codes';
import type { BurnJobView, BurnStage } from '../../../shared/burn/job';
import type { Db } from '../connection';

export interface BurnJobRow {
  id: string;
  transcript_id: string | null;
  caption_path: string | null;
  title: string;
  video_path: string;
  output_path: string;
  temp_path: string;
  ass_text: string;
  style_json: string;
  quality: string;
  encoder_choice: string;
  encoder: string | null;
  facts_json: string;
  stage: BurnStage;
  progress: number;
  eta_seconds: number | null;
  notes_json: string;
  error_code: string | null;
  error_message: string | null;
  /** The error's params (JSON object: file, encoder…), worded by the UI with the code (migration 011). */
  error_params_json: string | null;
  owner_pid: number | null;
  attempts: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export type BurnJobNew = Pick<BurnJobRow, 'transcript_id' | 'caption_path' | 'title' | 'video_path' | 'output_path' | 'temp_path' | 'ass_text' | 'style_json' | 'quality' | 'encoder_choice' | 'facts_json'>;
export type BurnJobPatch = Partial<Pick<BurnJobRow, 'stage' | 'progress' | 'eta_seconds' | 'encoder' | 'notes_json' | 'error_code' | 'error_message' | 'error_params_json' | 'owner_pid' | 'attempts' | 'finished_at'>>;

const PATCHABLE = new Set(['stage', 'progress', 'eta_seconds', 'encoder', 'notes_json', 'error_code', 'error_message', 'error_params_json', 'owner_pid', 'attempts', 'finished_at']);

export class BurnJobsRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  create(j: BurnJobNew): BurnJobRow {
    const id = randomUUID();
    const t = this.now();
    this.db
      .prepare(`INSERT INTO burn_jobs(id, transcript_id, caption_path, title, video_path, output_path, temp_path, ass_text, style_json, quality, encoder_choice, facts_json, stage, created_at, updated_at)
                VALUES (@id, @transcript_id, @caption_path, @title, @video_path, @output_path, @temp_path, @ass_text, @style_json, @quality, @encoder_choice, @facts_json, 'queued', @t, @t)`)
      .run({ ...j, id, t });
    return this.get(id) as BurnJobRow;
  }

  get(id: string): BurnJobRow | undefined {
    return this.db.prepare('SELECT * FROM burn_jobs WHERE id = ?').get(id) as BurnJobRow | undefined;
  }

  list(transcriptId?: string): BurnJobRow[] {
    return (transcriptId === undefined
      ? this.db.prepare('SELECT * FROM burn_jobs ORDER BY created_at DESC').all()
      : this.db.prepare('SELECT * FROM burn_jobs WHERE transcript_id = ? ORDER BY created_at DESC').all(transcriptId)) as BurnJobRow[];
  }

  unfinished(): BurnJobRow[] {
    return this.db.prepare("SELECT * FROM burn_jobs WHERE stage IN ('queued', 'rendering') ORDER BY created_at").all() as BurnJobRow[];
  }

  update(id: string, patch: BurnJobPatch): BurnJobRow {
    const keys = Object.keys(patch).filter((k) => PATCHABLE.has(k));
    if (keys.length) this.db.prepare(`UPDATE burn_jobs SET ${keys.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({ ...patch, id, updated_at: this.now() });
    return this.get(id) as BurnJobRow;
  }

  /** Takes a job for this process unless a live other process holds it. */
  claim(id: string, pid: number, ownerAlive: (pid: number) => boolean): boolean {
    return this.db.transaction(() => {
      const row = this.get(id);
      if (!row) return false;
      if (row.owner_pid !== null && row.owner_pid !== pid && ownerAlive(row.owner_pid)) return false;
      this.db.prepare('UPDATE burn_jobs SET owner_pid = ?, updated_at = ? WHERE id = ?').run(pid, this.now(), id);
      return true;
    })();
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM burn_jobs WHERE id = ?').run(id);
  }
}

export function burnJobView(r: BurnJobRow): BurnJobView {
  const v: BurnJobView = {
    id: r.id, transcriptId: r.transcript_id, title: r.title, videoPath: r.video_path, outputPath: r.output_path, stage: r.stage, progress: r.progress,
    quality: r.quality, notes: JSON.parse(r.notes_json) as string[], createdAt: r.created_at, updatedAt: r.updated_at,
  };
  if (r.eta_seconds !== null) v.etaSeconds = r.eta_seconds;
  if (r.encoder) v.encoder = r.encoder;
  if (r.error_code) {
    const params = storedParams(r.error_params_json);
    v.error = { code: r.error_code, message: r.error_message ?? r.error_code, ...(params ? { params } : {}) };
  }
  if (r.finished_at !== null) v.finishedAt = r.finished_at;
  return v;
}
