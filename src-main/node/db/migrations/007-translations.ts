import type { Database } from 'better-sqlite3';

/**
 * Translation (issue #11).
 * - translations: one cue's text in one language. No foreign key onto cues (saving a track
 *   rewrites its cues); rows whose cue is gone are swept when read. origin 'user' marks an edit.
 * - translation_jobs / translation_batches: a durable job per target language, its requests planned
 *   up front. A batch is 'sent' before its request leaves and 'done' in the same transaction that
 *   stores its translations, so a finished batch is never sent again; `attempts` counts sends whose
 *   answer may have been billed (a lost answer is resent at most once).
 * - translation_memory: sentences the user translated themselves, sent back as tm_list.
 * - translation_imports: caption files `captioner translate` imported, so a rerun (after a kill)
 *   finds the same transcript and its unfinished jobs instead of importing the file again.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE translations (
      transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
      lang TEXT NOT NULL,
      cue_id TEXT NOT NULL,
      lines_json TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('mt', 'user')),
      job_id TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (transcript_id, lang, cue_id)
    ) STRICT;
    CREATE TABLE translation_jobs (
      id TEXT PRIMARY KEY,
      transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
      title TEXT NOT NULL,
      source_lang TEXT,
      target_lang TEXT NOT NULL,
      model TEXT NOT NULL,
      preset_id TEXT NOT NULL,
      domain TEXT,
      cues INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'canceled')),
      error_code TEXT,
      error_message TEXT,
      warnings_json TEXT NOT NULL DEFAULT '{}',
      est_input_tokens INTEGER NOT NULL,
      est_output_tokens INTEGER NOT NULL,
      owner_pid INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX translation_jobs_transcript ON translation_jobs(transcript_id);
    CREATE INDEX translation_jobs_status ON translation_jobs(status);
    CREATE TABLE translation_batches (
      job_id TEXT NOT NULL REFERENCES translation_jobs(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      units_json TEXT NOT NULL,
      content TEXT NOT NULL,
      input_tokens INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'done', 'failed', 'split')),
      response TEXT,
      prompt_tokens INTEGER NOT NULL DEFAULT 0,
      completion_tokens INTEGER NOT NULL DEFAULT 0,
      attempts INTEGER NOT NULL DEFAULT 0,
      error_code TEXT,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (job_id, idx)
    ) STRICT;
    CREATE TABLE translation_memory (
      source_lang TEXT NOT NULL,
      target_lang TEXT NOT NULL,
      source TEXT NOT NULL,
      target TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (source_lang, target_lang, source)
    ) STRICT;
    CREATE TABLE translation_imports (
      path TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
      PRIMARY KEY (path, sha256)
    ) STRICT;
  `);
}
