import type { Database } from 'better-sqlite3';

/**
 * v2: what an imported caption file carries beyond text and times, kept for export: a cue's own
 * identifier (a WebVTT cue id) and a file's WebVTT STYLE, REGION and NOTE blocks.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE cues ADD COLUMN label TEXT;
    ALTER TABLE transcripts ADD COLUMN blocks_json TEXT;
  `);
}
