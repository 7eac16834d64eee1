import type { Database } from 'better-sqlite3';

/**
 * Burn-in jobs (issue 12): rendering captions into a video. The ASS script is kept in the row, so
 * a job restarted after a crash renders exactly what was asked even if the transcript was edited
 * since. `owner_pid` is the process rendering it; a job whose owner died is restarted from the
 * beginning (its temp file removed; the final name is written only by a rename).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE burn_jobs (
      id TEXT PRIMARY KEY,
      transcript_id TEXT,
      caption_path TEXT,
      title TEXT NOT NULL,
      video_path TEXT NOT NULL,
      output_path TEXT NOT NULL,
      temp_path TEXT NOT NULL,
      ass_text TEXT NOT NULL,
      style_json TEXT NOT NULL,
      quality TEXT NOT NULL,
      encoder_choice TEXT NOT NULL,
      encoder TEXT,
      facts_json TEXT NOT NULL,
      stage TEXT NOT NULL,
      progress REAL NOT NULL DEFAULT 0,
      eta_seconds INTEGER,
      notes_json TEXT NOT NULL DEFAULT '[]',
      error_code TEXT,
      error_message TEXT,
      owner_pid INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX burn_jobs_stage ON burn_jobs(stage);
    CREATE INDEX burn_jobs_transcript ON burn_jobs(transcript_id);
  `);
}
