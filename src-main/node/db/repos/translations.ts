import type { Db } from '../connection';

export type TranslationOrigin = 'mt' | 'user';
export interface StoredTranslation {
  lines: string[];
  origin: TranslationOrigin;
}

/**
 * Translated cue text per transcript and language, and the translation memory. Rows are keyed by
 * cue id; rows whose cue no longer exists (the editor deleted or merged it) are swept when read.
 */
export class TranslationsRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  /** Cue id → translation, for the cues that still exist (orphans removed on the way). */
  get(transcriptId: string, lang: string, liveCueIds?: ReadonlySet<string>): Map<string, StoredTranslation> {
    const rows = this.db.prepare('SELECT cue_id, lines_json, origin FROM translations WHERE transcript_id = ? AND lang = ?').all(transcriptId, lang) as { cue_id: string; lines_json: string; origin: TranslationOrigin }[];
    const out = new Map<string, StoredTranslation>();
    const gone: string[] = [];
    for (const r of rows) {
      if (liveCueIds && !liveCueIds.has(r.cue_id)) gone.push(r.cue_id);
      else out.set(r.cue_id, { lines: JSON.parse(r.lines_json) as string[], origin: r.origin });
    }
    if (gone.length) {
      const del = this.db.prepare('DELETE FROM translations WHERE transcript_id = ? AND lang = ? AND cue_id = ?');
      this.db.transaction(() => gone.forEach((id) => del.run(transcriptId, lang, id)))();
    }
    return out;
  }

  /**
   * Names people gave speakers, across the library, for the glossary: the most used first (by the
   * number of transcripts naming them, then alphabetically), without the default "Speaker 3" (and
   * "说话人 3") names, blank names or names too long to be a name.
   */
  speakerNames(limit: number): string[] {
    const rows = this.db
      .prepare(
        `SELECT trim(name) AS name, COUNT(DISTINCT transcript_id) AS n FROM speakers
         WHERE length(trim(name)) BETWEEN 1 AND 200 AND trim(name) NOT GLOB 'Speaker [0-9]*' AND trim(name) NOT GLOB '说话人 [0-9]*' AND trim(name) NOT GLOB '说话人[0-9]*'
         GROUP BY trim(name) ORDER BY n DESC, name LIMIT ?`,
      )
      .all(Math.max(1, Math.min(200, Math.floor(limit)))) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /** Languages with at least one translated cue. */
  languages(transcriptId: string): string[] {
    return (this.db.prepare('SELECT DISTINCT lang FROM translations WHERE transcript_id = ? ORDER BY lang').all(transcriptId) as { lang: string }[]).map((r) => r.lang);
  }

  /** Machine translations; a cue the user edited keeps the user's text. Call inside the batch's transaction. */
  putMachine(transcriptId: string, lang: string, jobId: string, entries: readonly { cueId: string; lines: string[] }[]): void {
    const st = this.db.prepare(`INSERT INTO translations(transcript_id, lang, cue_id, lines_json, origin, job_id, updated_at) VALUES (?, ?, ?, ?, 'mt', ?, ?)
      ON CONFLICT(transcript_id, lang, cue_id) DO UPDATE SET lines_json = excluded.lines_json, job_id = excluded.job_id, updated_at = excluded.updated_at WHERE origin = 'mt'`);
    const t = this.now();
    for (const e of entries) st.run(transcriptId, lang, e.cueId, JSON.stringify(e.lines), jobId, t);
  }

  /** The user's own text; empty lines remove the cue's translation. */
  putUser(transcriptId: string, lang: string, entries: readonly { cueId: string; lines: string[] }[]): number {
    const put = this.db.prepare(`INSERT INTO translations(transcript_id, lang, cue_id, lines_json, origin, job_id, updated_at) VALUES (?, ?, ?, ?, 'user', NULL, ?)
      ON CONFLICT(transcript_id, lang, cue_id) DO UPDATE SET lines_json = excluded.lines_json, origin = 'user', job_id = NULL, updated_at = excluded.updated_at`);
    const del = this.db.prepare('DELETE FROM translations WHERE transcript_id = ? AND lang = ? AND cue_id = ?');
    const t = this.now();
    for (const e of entries) {
      const lines = e.lines.map((l) => l.trim()).filter(Boolean);
      if (lines.length) put.run(transcriptId, lang, e.cueId, JSON.stringify(lines), t);
      else del.run(transcriptId, lang, e.cueId);
    }
    return t;
  }

  /**
   * Text an editor operation moved between cues (a split, merge or delete, or its undo): a cue's
   * row keeps its origin (new rows are 'mt', so a later job may improve them); empty lines remove it.
   */
  putCarried(transcriptId: string, lang: string, entries: readonly { cueId: string; lines: string[] }[]): number {
    const put = this.db.prepare(`INSERT INTO translations(transcript_id, lang, cue_id, lines_json, origin, job_id, updated_at) VALUES (?, ?, ?, ?, 'mt', NULL, ?)
      ON CONFLICT(transcript_id, lang, cue_id) DO UPDATE SET lines_json = excluded.lines_json, updated_at = excluded.updated_at`);
    const del = this.db.prepare('DELETE FROM translations WHERE transcript_id = ? AND lang = ? AND cue_id = ?');
    const t = this.now();
    this.db.transaction(() => {
      for (const e of entries) {
        const lines = e.lines.map((l) => l.trim()).filter(Boolean);
        if (lines.length) put.run(transcriptId, lang, e.cueId, JSON.stringify(lines), t);
        else del.run(transcriptId, lang, e.cueId);
      }
    })();
    return t;
  }

  /** Remembers the user's translation of a sentence (newest wins). */
  remember(sourceLang: string, targetLang: string, pairs: readonly { source: string; target: string }[]): void {
    const st = this.db.prepare(`INSERT INTO translation_memory(source_lang, target_lang, source, target, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(source_lang, target_lang, source) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at`);
    const t = this.now();
    for (const p of pairs) if (p.source.trim() && p.target.trim()) st.run(sourceLang, targetLang, p.source.trim(), p.target.trim(), t);
  }

  /** Every remembered pair of a language pair, newest first (the memory is small: what one person edited). */
  memory(sourceLang: string, targetLang: string, limit = 5000): { source: string; target: string }[] {
    return this.db.prepare('SELECT source, target FROM translation_memory WHERE source_lang = ? AND target_lang = ? ORDER BY updated_at DESC LIMIT ?').all(sourceLang, targetLang, limit) as { source: string; target: string }[];
  }

  /** The transcript a caption file with these bytes was imported as by `captioner translate`. */
  importedAs(path: string, sha256: string): string | undefined {
    return (this.db.prepare('SELECT transcript_id FROM translation_imports WHERE path = ? AND sha256 = ?').get(path, sha256) as { transcript_id: string } | undefined)?.transcript_id;
  }

  recordImport(path: string, sha256: string, transcriptId: string): void {
    this.db.prepare('INSERT OR REPLACE INTO translation_imports(path, sha256, transcript_id) VALUES (?, ?, ?)').run(path, sha256, transcriptId);
  }
}
