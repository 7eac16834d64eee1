import { randomUUID } from 'node:crypto';
import type { Cue, Speaker, Track, Word } from '../../../shared/captions/model';
import type { Db } from '../connection';

export interface TranscriptMeta {
  id: string;
  title: string;
  mediaId: string | null;
  jobId: string | null;
  sourcePath: string | null;
  model: string | null;
  language: string | null;
  durationMs: number;
  presetId: string;
  createdAt: number;
  updatedAt: number;
  cueCount: number;
  speakerCount: number;
}

export interface SearchHit {
  transcriptId: string;
  title: string;
  cueId: string | null;
  startMs: number | null;
  /** Cue text with the match wrapped in [ and ]. */
  snippet: string;
}

interface CueRow {
  id: string;
  start_ms: number;
  end_ms: number;
  text: string;
  speaker: number | null;
  words_json: string;
  settings: string | null;
  label: string | null;
}

const toCue = (r: CueRow): Cue => {
  const c: Cue = { id: r.id, start: r.start_ms, end: r.end_ms, lines: r.text ? r.text.split('\n') : [], words: JSON.parse(r.words_json) as Word[] };
  if (r.speaker !== null) c.speaker = r.speaker;
  if (r.settings !== null) c.settings = r.settings;
  if (r.label !== null) c.label = r.label;
  return c;
};

export class TranscriptsRepo {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  create(t: { title: string; track: Track; presetId: string; durationMs: number; mediaId?: string | null; jobId?: string | null; sourcePath?: string | null; model?: string | null; rawJson?: string | null }): string {
    const id = randomUUID();
    const ts = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO transcripts(id, media_id, job_id, title, source_path, model, language, duration_ms, preset_id, raw_json, blocks_json, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)')
        .run(id, t.mediaId ?? null, t.jobId ?? null, t.title, t.sourcePath ?? null, t.model ?? null, t.track.language ?? null, t.durationMs, t.presetId, t.rawJson ?? null, t.track.blocks ? JSON.stringify(t.track.blocks) : null, ts, ts);
      this.writeSpeakers(id, t.track.speakers);
      this.writeCues(id, t.track.cues);
    })();
    return id;
  }

  private writeSpeakers(id: string, speakers: readonly Speaker[]): void {
    this.db.prepare('DELETE FROM speakers WHERE transcript_id = ?').run(id);
    const ins = this.db.prepare('INSERT INTO speakers(transcript_id, id, name) VALUES (?, ?, ?)');
    for (const s of speakers) ins.run(id, s.id, s.name);
  }

  private writeCues(id: string, cues: readonly Cue[]): void {
    this.db.prepare('DELETE FROM cues WHERE transcript_id = ?').run(id);
    const ins = this.db.prepare('INSERT INTO cues(transcript_id, id, seq, start_ms, end_ms, text, speaker, words_json, settings, label) VALUES (?,?,?,?,?,?,?,?,?,?)');
    cues.forEach((c, k) => ins.run(id, c.id, k, c.start, c.end, c.lines.join('\n'), c.speaker ?? null, JSON.stringify(c.words), c.settings ?? null, c.label ?? null));
  }

  /**
   * Saves the edited track in one transaction: an edit is either fully saved or not at all. Only
   * rows that changed are written (an edit to one of 15,000 cues writes one row, not 15,000).
   */
  saveTrack(id: string, track: Pick<Track, 'cues' | 'speakers'>): void {
    this.db.transaction(() => {
      const r = this.db.prepare('UPDATE transcripts SET updated_at = ? WHERE id = ?').run(this.now(), id);
      if (!r.changes) throw new Error(`No transcript ${id}`);
      this.writeSpeakers(id, track.speakers);
      const stored = new Map(
        (this.db.prepare('SELECT id, seq, start_ms, end_ms, text, speaker, words_json, settings, label FROM cues WHERE transcript_id = ?').all(id) as (CueRow & { seq: number })[]).map((row) => [row.id, row]),
      );
      const ins = this.db.prepare('INSERT INTO cues(transcript_id, id, seq, start_ms, end_ms, text, speaker, words_json, settings, label) VALUES (?,?,?,?,?,?,?,?,?,?)');
      const upd = this.db.prepare('UPDATE cues SET seq = ?, start_ms = ?, end_ms = ?, text = ?, speaker = ?, words_json = ?, settings = ?, label = ? WHERE transcript_id = ? AND id = ?');
      const del = this.db.prepare('DELETE FROM cues WHERE transcript_id = ? AND id = ?');
      track.cues.forEach((c, k) => {
        const text = c.lines.join('\n');
        const words = JSON.stringify(c.words);
        const old = stored.get(c.id);
        stored.delete(c.id);
        if (!old) ins.run(id, c.id, k, c.start, c.end, text, c.speaker ?? null, words, c.settings ?? null, c.label ?? null);
        else if (old.seq !== k || old.start_ms !== c.start || old.end_ms !== c.end || old.text !== text || old.speaker !== (c.speaker ?? null) || old.words_json !== words || old.settings !== (c.settings ?? null) || old.label !== (c.label ?? null)) {
          upd.run(k, c.start, c.end, text, c.speaker ?? null, words, c.settings ?? null, c.label ?? null, id, c.id);
        }
      });
      for (const gone of stored.keys()) del.run(id, gone);
    })();
  }

  /** The transcript's language and caption preset (the library shows the language; export and QC follow the preset). */
  setLanguagePreset(id: string, language: string | null, presetId: string): void {
    const r = this.db.prepare('UPDATE transcripts SET language = ?, preset_id = ?, updated_at = ? WHERE id = ?').run(language, presetId, this.now(), id);
    if (!r.changes) throw new Error(`No transcript ${id}`);
  }

  meta(id: string): TranscriptMeta | undefined {
    return this.list(id)[0];
  }

  list(onlyId?: string): TranscriptMeta[] {
    const rows = this.db
      .prepare(
        `SELECT t.id, t.title, t.media_id, t.job_id, t.source_path, t.model, t.language, t.duration_ms, t.preset_id, t.created_at, t.updated_at,
          (SELECT count(*) FROM cues c WHERE c.transcript_id = t.id) AS cue_count,
          (SELECT count(*) FROM speakers s WHERE s.transcript_id = t.id) AS speaker_count
         FROM transcripts t ${onlyId ? 'WHERE t.id = ?' : ''} ORDER BY t.created_at DESC, t.rowid DESC`,
      )
      .all(...(onlyId ? [onlyId] : [])) as Record<string, string | number | null>[];
    return rows.map((r) => ({
      id: r.id as string, title: r.title as string, mediaId: r.media_id as string | null, jobId: r.job_id as string | null, sourcePath: r.source_path as string | null,
      model: r.model as string | null, language: r.language as string | null, durationMs: r.duration_ms as number, presetId: r.preset_id as string,
      createdAt: r.created_at as number, updatedAt: r.updated_at as number, cueCount: r.cue_count as number, speakerCount: r.speaker_count as number,
    }));
  }

  /** Accepts a full id or a unique prefix of one (the CLI prints short ids). */
  resolveId(idOrPrefix: string): string | undefined {
    const rows = this.db.prepare("SELECT id FROM transcripts WHERE id = ? OR id LIKE ? || '%' LIMIT 2").all(idOrPrefix, idOrPrefix) as { id: string }[];
    return rows.length === 1 ? rows[0]?.id : rows.find((r) => r.id === idOrPrefix)?.id;
  }

  track(id: string): Track | undefined {
    const meta = this.db.prepare('SELECT language, blocks_json FROM transcripts WHERE id = ?').get(id) as { language: string | null; blocks_json: string | null } | undefined;
    if (!meta) return undefined;
    const cues = (this.db.prepare('SELECT id, start_ms, end_ms, text, speaker, words_json, settings, label FROM cues WHERE transcript_id = ? ORDER BY seq').all(id) as CueRow[]).map(toCue);
    const speakers = this.db.prepare('SELECT id, name FROM speakers WHERE transcript_id = ? ORDER BY id').all(id) as Speaker[];
    const t: Track = { cues, speakers };
    if (meta.language) t.language = meta.language;
    if (meta.blocks_json) t.blocks = JSON.parse(meta.blocks_json) as NonNullable<Track['blocks']>;
    return t;
  }

  rawJson(id: string): string | null {
    return (this.db.prepare('SELECT raw_json FROM transcripts WHERE id = ?').get(id) as { raw_json: string | null } | undefined)?.raw_json ?? null;
  }

  rename(id: string, title: string): void {
    this.db.prepare('UPDATE transcripts SET title = ?, updated_at = ? WHERE id = ?').run(title, this.now(), id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM transcripts WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Full-text search over cue text and titles. Trigram FTS needs 3+ characters; shorter queries
   * (two-character Chinese words are common) fall back to a substring scan, still offline.
   */
  search(query: string, limit = 50): SearchHit[] {
    const q = query.trim();
    if (!q) return [];
    const mark = (text: string): string => {
      const i = text.toLowerCase().indexOf(q.toLowerCase());
      return i < 0 ? text : `${text.slice(0, i)}[${text.slice(i, i + q.length)}]${text.slice(i + q.length)}`;
    };
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const useFts = [...q].length >= 3;
    const phrase = `"${q.replace(/"/g, '""')}"`;
    const titleRows = (useFts
      ? this.db.prepare('SELECT t.id, t.title FROM title_fts f JOIN transcripts t ON t.id = f.transcript_id WHERE title_fts MATCH ? LIMIT ?').all(phrase, limit)
      : this.db.prepare("SELECT id, title FROM transcripts WHERE title LIKE ? ESCAPE '\\' LIMIT ?").all(like, limit)) as { id: string; title: string }[];
    const cueRows = (useFts
      ? this.db.prepare('SELECT c.transcript_id, t.title, c.id, c.start_ms, c.text FROM cue_fts f JOIN cues c ON c.rowid = f.rowid JOIN transcripts t ON t.id = c.transcript_id WHERE cue_fts MATCH ? ORDER BY t.created_at DESC, c.seq LIMIT ?').all(phrase, limit)
      : this.db.prepare("SELECT c.transcript_id, t.title, c.id, c.start_ms, c.text FROM cues c JOIN transcripts t ON t.id = c.transcript_id WHERE c.text LIKE ? ESCAPE '\\' ORDER BY t.created_at DESC, c.seq LIMIT ?").all(like, limit)) as {
      transcript_id: string; title: string; id: string; start_ms: number; text: string;
    }[];
    return [
      ...titleRows.map((r) => ({ transcriptId: r.id, title: r.title, cueId: null, startMs: null, snippet: mark(r.title) })),
      ...cueRows.map((r) => ({ transcriptId: r.transcript_id, title: r.title, cueId: r.id, startMs: r.start_ms, snippet: mark(r.text.replace(/\n/g, ' ')) })),
    ];
  }
}
