import type { Database } from 'better-sqlite3';

/** v1: media, durable jobs, hosted files, raw results, transcripts with cues and speakers, settings. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE media (
      id TEXT PRIMARY KEY,
      path TEXT NOT NULL,
      title TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      duration_ms INTEGER NOT NULL,
      container TEXT NOT NULL,
      info_json TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE jobs (
      id TEXT PRIMARY KEY,
      input_path TEXT NOT NULL,
      media_id TEXT REFERENCES media(id) ON DELETE SET NULL,
      stage TEXT NOT NULL CHECK (stage IN ('queued','probing','extracting','delivering','submitted','transcribing','fetching','done','failed','canceled')),
      options_json TEXT NOT NULL,
      progress REAL NOT NULL DEFAULT 0,
      eta_seconds INTEGER,
      failed_stage TEXT,
      error_code TEXT,
      error_message TEXT,
      warnings_json TEXT NOT NULL DEFAULT '[]',
      audio_path TEXT,
      audio_mime TEXT,
      audio_offset_ms INTEGER NOT NULL DEFAULT 0,
      channels_json TEXT,
      hosted_file_id TEXT,
      file_url TEXT,
      task_id TEXT,
      task_status TEXT,
      result_url TEXT,
      request_id TEXT,
      submitted_at INTEGER,
      estimate_json TEXT,
      billed_seconds INTEGER,
      transcript_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX jobs_stage ON jobs(stage);

    CREATE TABLE hosted_files (
      id TEXT PRIMARY KEY,
      path TEXT NOT NULL,
      mime TEXT NOT NULL,
      job_id TEXT,
      created_at INTEGER NOT NULL,
      revoked_at INTEGER
    ) STRICT;

    -- The service's result JSON, kept the moment it is downloaded (its URL lives 24 h).
    CREATE TABLE job_results (
      job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
      raw_json TEXT NOT NULL,
      fetched_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE transcripts (
      id TEXT PRIMARY KEY,
      media_id TEXT REFERENCES media(id) ON DELETE SET NULL,
      job_id TEXT,
      title TEXT NOT NULL,
      source_path TEXT,
      model TEXT,
      language TEXT,
      duration_ms INTEGER NOT NULL DEFAULT 0,
      preset_id TEXT NOT NULL,
      raw_json TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE speakers (
      transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
      id INTEGER NOT NULL,
      name TEXT NOT NULL,
      PRIMARY KEY (transcript_id, id)
    ) STRICT;

    CREATE TABLE cues (
      transcript_id TEXT NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
      id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER NOT NULL,
      text TEXT NOT NULL,
      speaker INTEGER,
      words_json TEXT NOT NULL DEFAULT '[]',
      settings TEXT,
      PRIMARY KEY (transcript_id, id)
    ) STRICT;
    CREATE INDEX cues_order ON cues(transcript_id, seq);

    -- Trigram FTS finds substrings in any script, Chinese included (no word segmentation needed).
    CREATE VIRTUAL TABLE cue_fts USING fts5(text, transcript_id UNINDEXED, cue_id UNINDEXED, tokenize = 'trigram');
    CREATE TRIGGER cues_ai AFTER INSERT ON cues BEGIN
      INSERT INTO cue_fts(rowid, text, transcript_id, cue_id) VALUES (new.rowid, new.text, new.transcript_id, new.id);
    END;
    CREATE TRIGGER cues_ad AFTER DELETE ON cues BEGIN
      DELETE FROM cue_fts WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER cues_au AFTER UPDATE OF text ON cues BEGIN
      UPDATE cue_fts SET text = new.text WHERE rowid = old.rowid;
    END;

    CREATE VIRTUAL TABLE title_fts USING fts5(title, transcript_id UNINDEXED, tokenize = 'trigram');
    CREATE TRIGGER transcripts_ai AFTER INSERT ON transcripts BEGIN
      INSERT INTO title_fts(rowid, title, transcript_id) VALUES (new.rowid, new.title, new.id);
    END;
    CREATE TRIGGER transcripts_ad AFTER DELETE ON transcripts BEGIN
      DELETE FROM title_fts WHERE rowid = old.rowid;
    END;
    CREATE TRIGGER transcripts_au AFTER UPDATE OF title ON transcripts BEGIN
      UPDATE title_fts SET title = new.title WHERE rowid = old.rowid;
    END;
  `);
}
