import type { Database } from 'better-sqlite3';

/** The text the transcript-level index holds for a transcript: its title and speaker names. */
const TRANSCRIPT_TEXT = (t: string): string => `${t}.title || char(10) || coalesce((SELECT group_concat(s.name, char(10)) FROM speakers s WHERE s.transcript_id = ${t}.id), '')`;

/**
 * v4: a search index that answers any query from the index and a library a third of the size
 * (issue #15).
 * - transcripts.n: a small stable integer key (unique), so 2M cue rows do not each repeat a
 *   36-character UUID, and the key survives VACUUM (implicit rowids may not).
 * - cues rebuilt with `n INTEGER PRIMARY KEY` (the FTS rowid, stable across VACUUM) and
 *   `transcript` → transcripts.n; one index, UNIQUE(transcript, id), instead of two that both
 *   started with the UUID (ordering by seq is done on the few thousand rows of one transcript).
 * - cue_fts / title_fts (trigram, each keeping its own copy of the text) replaced by contentless
 *   FTS5 tables fed by captioner_fts_terms (see db/search-terms.ts): Latin words plus CJK bigrams
 *   and single characters, so 1–2 character Chinese queries use the index too; cue_fts keeps no
 *   positions or sizes (detail=none, columnsize=0) and removes a row by re-supplying its terms.
 *   Titles and speaker names share transcript_fts (small; contentless_delete). Triggers keep both
 *   right on every insert, edit and delete.
 * Cues are copied oldest transcript first, so a larger cue rowid means a newer transcript.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE transcripts ADD COLUMN n INTEGER;
    UPDATE transcripts SET n = o.k FROM (SELECT rowid AS r, row_number() OVER (ORDER BY created_at, rowid) AS k FROM transcripts) AS o WHERE o.r = transcripts.rowid;
    CREATE UNIQUE INDEX transcripts_n ON transcripts(n);

    DROP TRIGGER cues_ai;
    DROP TRIGGER cues_ad;
    DROP TRIGGER cues_au;
    DROP TRIGGER transcripts_ai;
    DROP TRIGGER transcripts_ad;
    DROP TRIGGER transcripts_au;
    DROP TABLE cue_fts;
    DROP TABLE title_fts;

    CREATE TABLE cues_v4 (
      n INTEGER PRIMARY KEY,
      transcript INTEGER NOT NULL REFERENCES transcripts(n) ON DELETE CASCADE,
      id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      start_ms INTEGER NOT NULL,
      end_ms INTEGER NOT NULL,
      text TEXT NOT NULL,
      speaker INTEGER,
      words_json TEXT NOT NULL DEFAULT '[]',
      settings TEXT,
      label TEXT,
      UNIQUE (transcript, id)
    ) STRICT;
    INSERT INTO cues_v4(transcript, id, seq, start_ms, end_ms, text, speaker, words_json, settings, label)
      SELECT t.n, c.id, c.seq, c.start_ms, c.end_ms, c.text, c.speaker, c.words_json, c.settings, c.label
      FROM cues c JOIN transcripts t ON t.id = c.transcript_id ORDER BY t.n, c.seq;
    DROP TABLE cues;
    ALTER TABLE cues_v4 RENAME TO cues;

    CREATE VIRTUAL TABLE cue_fts USING fts5(terms, content = '', columnsize = 0, detail = none, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO cue_fts(rowid, terms) SELECT n, captioner_fts_terms(text) FROM cues;
    INSERT INTO cue_fts(cue_fts) VALUES ('optimize');
    CREATE TRIGGER cues_fts_ai AFTER INSERT ON cues BEGIN
      INSERT INTO cue_fts(rowid, terms) VALUES (new.n, captioner_fts_terms(new.text));
    END;
    CREATE TRIGGER cues_fts_ad AFTER DELETE ON cues BEGIN
      INSERT INTO cue_fts(cue_fts, rowid, terms) VALUES ('delete', old.n, captioner_fts_terms(old.text));
    END;
    CREATE TRIGGER cues_fts_au AFTER UPDATE OF text, n ON cues BEGIN
      INSERT INTO cue_fts(cue_fts, rowid, terms) VALUES ('delete', old.n, captioner_fts_terms(old.text));
      INSERT INTO cue_fts(rowid, terms) VALUES (new.n, captioner_fts_terms(new.text));
    END;

    CREATE VIRTUAL TABLE transcript_fts USING fts5(terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
    INSERT INTO transcript_fts(rowid, terms) SELECT n, captioner_fts_terms(${TRANSCRIPT_TEXT('transcripts')}) FROM transcripts;
    CREATE TRIGGER transcripts_fts_ai AFTER INSERT ON transcripts BEGIN
      INSERT INTO transcript_fts(rowid, terms) VALUES (new.n, captioner_fts_terms(${TRANSCRIPT_TEXT('new')}));
    END;
    CREATE TRIGGER transcripts_fts_ad AFTER DELETE ON transcripts BEGIN
      DELETE FROM transcript_fts WHERE rowid = old.n;
    END;
    CREATE TRIGGER transcripts_fts_au AFTER UPDATE OF title, n ON transcripts BEGIN
      DELETE FROM transcript_fts WHERE rowid = old.n;
      INSERT INTO transcript_fts(rowid, terms) VALUES (new.n, captioner_fts_terms(${TRANSCRIPT_TEXT('new')}));
    END;
    ${['INSERT', 'DELETE', 'UPDATE'].map((op) => {
      const row = op === 'DELETE' ? 'old' : 'new';
      return `CREATE TRIGGER speakers_fts_${op.toLowerCase()} AFTER ${op} ON speakers BEGIN
      DELETE FROM transcript_fts WHERE rowid = (SELECT n FROM transcripts WHERE id = ${row}.transcript_id);
      INSERT INTO transcript_fts(rowid, terms) SELECT t.n, captioner_fts_terms(${TRANSCRIPT_TEXT('t')}) FROM transcripts t WHERE t.id = ${row}.transcript_id;
    END;`;
    }).join('\n    ')}
  `);
}
