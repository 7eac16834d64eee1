import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Cue, Speaker, Track, Word } from '../../../shared/captions/model';
import type { Db } from '../connection';
import { ftsQuery, oneEditAway, queryParts, relevance, textLength, type QueryPart } from '../search-terms';

type FtsQuery = ReturnType<typeof ftsQuery>;

/** How many of the newest matches are ranked by relevance before older ones follow by date. */
export const SEARCH_WINDOW = 200;
/** At most this many matches are read to check a 3+ character CJK phrase (its bigrams may be far apart). */
export const PHRASE_CHECK_LIMIT = 10_000;

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
  /** Search runs the same few statements on every query: each is prepared once. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db, private readonly now: () => number) {}

  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  create(t: { title: string; track: Track; presetId: string; durationMs: number; mediaId?: string | null; jobId?: string | null; sourcePath?: string | null; model?: string | null; rawJson?: string | null }): string {
    const id = randomUUID();
    const ts = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO transcripts(n, id, media_id, job_id, title, source_path, model, language, duration_ms, preset_id, raw_json, blocks_json, created_at, updated_at) VALUES ((SELECT coalesce(max(n), 0) + 1 FROM transcripts),?,?,?,?,?,?,?,?,?,?,?,?,?)')
        .run(id, t.mediaId ?? null, t.jobId ?? null, t.title, t.sourcePath ?? null, t.model ?? null, t.track.language ?? null, t.durationMs, t.presetId, t.rawJson ?? null, t.track.blocks ? JSON.stringify(t.track.blocks) : null, ts, ts);
      this.writeSpeakers(id, t.track.speakers);
      this.writeCues(this.key(id) as number, t.track.cues);
    }).immediate(); // the write lock first: another connection (the CLI, a test) may be writing
    return id;
  }

  private writeSpeakers(id: string, speakers: readonly Speaker[]): void {
    this.db.prepare('DELETE FROM speakers WHERE transcript_id = ?').run(id);
    const ins = this.db.prepare('INSERT INTO speakers(transcript_id, id, name) VALUES (?, ?, ?)');
    for (const s of speakers) ins.run(id, s.id, s.name);
  }

  /** The transcript's small integer key (cues refer to it), or undefined if there is no such transcript. */
  private key(id: string): number | undefined {
    return (this.db.prepare('SELECT n FROM transcripts WHERE id = ?').get(id) as { n: number } | undefined)?.n;
  }

  private writeCues(tn: number, cues: readonly Cue[]): void {
    this.db.prepare('DELETE FROM cues WHERE transcript = ?').run(tn);
    const ins = this.db.prepare('INSERT INTO cues(transcript, id, seq, start_ms, end_ms, text, speaker, words_json, settings, label) VALUES (?,?,?,?,?,?,?,?,?,?)');
    cues.forEach((c, k) => ins.run(tn, c.id, k, c.start, c.end, c.lines.join('\n'), c.speaker ?? null, JSON.stringify(c.words), c.settings ?? null, c.label ?? null));
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
      const tn = this.key(id) as number;
      const stored = new Map(
        (this.db.prepare('SELECT n, id, seq, start_ms, end_ms, text, speaker, words_json, settings, label FROM cues WHERE transcript = ?').all(tn) as (CueRow & { n: number; seq: number })[]).map((row) => [row.id, row]),
      );
      const ins = this.db.prepare('INSERT INTO cues(transcript, id, seq, start_ms, end_ms, text, speaker, words_json, settings, label) VALUES (?,?,?,?,?,?,?,?,?,?)');
      const upd = this.db.prepare('UPDATE cues SET seq = ?, start_ms = ?, end_ms = ?, text = ?, speaker = ?, words_json = ?, settings = ?, label = ? WHERE n = ?');
      const del = this.db.prepare('DELETE FROM cues WHERE n = ?');
      track.cues.forEach((c, k) => {
        const text = c.lines.join('\n');
        const words = JSON.stringify(c.words);
        const old = stored.get(c.id);
        stored.delete(c.id);
        if (!old) ins.run(tn, c.id, k, c.start, c.end, text, c.speaker ?? null, words, c.settings ?? null, c.label ?? null);
        else if (old.seq !== k || old.start_ms !== c.start || old.end_ms !== c.end || old.text !== text || old.speaker !== (c.speaker ?? null) || old.words_json !== words || old.settings !== (c.settings ?? null) || old.label !== (c.label ?? null)) {
          upd.run(k, c.start, c.end, text, c.speaker ?? null, words, c.settings ?? null, c.label ?? null, old.n);
        }
      });
      for (const gone of stored.values()) del.run(gone.n);
    }).immediate();
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
          (SELECT count(*) FROM cues c WHERE c.transcript = t.n) AS cue_count,
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
    const cues = (this.db.prepare('SELECT id, start_ms, end_ms, text, speaker, words_json, settings, label FROM cues WHERE transcript = (SELECT n FROM transcripts WHERE id = ?) ORDER BY seq').all(id) as CueRow[]).map(toCue);
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
   * Full-text search over cue text, titles and speaker names, English and Chinese alike, answered
   * from the index (see db/search-terms.ts) at any library size: hits are the newest
   * SEARCH_WINDOW matches ranked by relevance (newer first on ties), then older matches newest
   * first, so no query ever sorts (or scores) every match. `offset` pages through cue hits;
   * transcript hits (title or speaker) come on the first page. A Latin word that matches nothing
   * is retried with the indexed words one typo away.
   */
  search(query: string, opts: { limit?: number; offset?: number } = {}): SearchHit[] {
    const limit = Math.max(1, Math.min(opts.limit ?? 50, 500));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const parts = queryParts(query.trim());
    if (!parts.length) return [];
    const run = (q: FtsQuery): SearchHit[] => [...(offset === 0 ? this.transcriptHits(q, parts, query, limit) : []), ...this.cueHits(q, parts, query, limit, offset)];
    const exact = ftsQuery(parts);
    const hits = run(exact);
    if (hits.length || offset > 0) return hits;
    const wider = ftsQuery(parts, (w) => this.typoAlternatives(w));
    return wider.expr === exact.expr ? hits : run(wider);
  }

  /** Marks the first place a query (or, failing that, one of its words) appears in text. */
  private mark(text: string, query: string): string {
    const lower = text.toLowerCase();
    const needles = [query.trim(), ...queryParts(query).flatMap((p) => p.runs.map((r) => r.text)).sort((a, b) => b.length - a.length)];
    for (const n of needles) {
      const i = lower.indexOf(n.toLowerCase());
      if (i >= 0 && n) return `${text.slice(0, i)}[${text.slice(i, i + n.length)}]${text.slice(i + n.length)}`;
    }
    return text;
  }

  /**
   * Matches of one FTS table, newest first, as [key, text] in batches, with the CJK phrases
   * checked against the text (the index knows a row holds the bigrams, not that they are adjacent).
   */
  private *matches(table: 'cue_fts' | 'transcript_fts', q: FtsQuery): Generator<[number, string]> {
    const keys = this.stmt(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?`).pluck();
    const texts =
      table === 'cue_fts'
        ? this.stmt('SELECT n, text FROM cues WHERE n IN (SELECT value FROM json_each(?))').raw()
        : this.stmt("SELECT n, title || char(10) || coalesce((SELECT group_concat(s.name, char(10)) FROM speakers s WHERE s.transcript_id = t.id), '') FROM transcripts t WHERE n IN (SELECT value FROM json_each(?))").raw();
    let below = Number.MAX_SAFE_INTEGER;
    let examined = 0;
    for (let batch = table === 'cue_fts' ? SEARCH_WINDOW : 50; ; batch = Math.min(batch * 2, 5_000)) {
      if (q.contains.length && examined >= PHRASE_CHECK_LIMIT) return;
      const ks = keys.all(q.expr, below, batch) as number[];
      if (!ks.length) return;
      below = ks[ks.length - 1] as number;
      examined += ks.length;
      const byKey = new Map(texts.all(JSON.stringify(ks)) as [number, string][]);
      for (const k of ks) {
        const text = byKey.get(k);
        if (text !== undefined && q.contains.every((c) => text.includes(c))) yield [k, text];
      }
      if (ks.length < batch) return;
    }
  }

  /** Keys of one FTS table's matches in result order (see search), `limit` from `offset`. */
  private ranked(table: 'cue_fts' | 'transcript_fts', q: FtsQuery, parts: QueryPart[], limit: number, offset: number, size = SEARCH_WINDOW): number[] {
    const window: [number, string][] = [];
    const out: number[] = [];
    let seen = 0;
    for (const m of this.matches(table, q)) {
      if (window.length < size) {
        window.push(m);
        if (window.length === size && offset < size) {
          out.push(...this.byRelevance(window, parts).slice(offset, offset + limit));
          if (out.length >= limit) return out;
        }
        continue;
      }
      if (seen++ >= offset - size) out.push(m[0]);
      if (out.length >= limit) return out;
    }
    if (window.length < size) return this.byRelevance(window, parts).slice(offset, offset + limit);
    return out;
  }

  private byRelevance(window: [number, string][], parts: QueryPart[]): number[] {
    const avg = window.reduce((sum, [, t]) => sum + textLength(t), 0) / Math.max(1, window.length);
    return window
      .map(([k, t]) => ({ k, score: relevance(t, parts, avg) }))
      .sort((a, b) => b.score - a.score || b.k - a.k)
      .map((x) => x.k);
  }

  private cueHits(q: FtsQuery, parts: QueryPart[], query: string, limit: number, offset: number): SearchHit[] {
    const keys = this.ranked('cue_fts', q, parts, limit, offset);
    if (!keys.length) return [];
    const rows = this
      .stmt('SELECT c.n, c.id, c.start_ms, c.text, t.id AS transcript_id, t.title FROM cues c JOIN transcripts t ON t.n = c.transcript WHERE c.n IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(keys)) as { n: number; id: string; start_ms: number; text: string; transcript_id: string; title: string }[];
    const byKey = new Map(rows.map((r) => [r.n, r]));
    return keys.flatMap((k) => {
      const r = byKey.get(k);
      return r ? [{ transcriptId: r.transcript_id, title: r.title, cueId: r.id, startMs: r.start_ms, snippet: this.mark(r.text.replace(/\n/g, ' '), query) }] : [];
    });
  }

  private transcriptHits(q: FtsQuery, parts: QueryPart[], query: string, limit: number): SearchHit[] {
    // Transcript hits are one page: relevance among the newest `limit` of them.
    const keys = this.ranked('transcript_fts', q, parts, limit, 0, limit);
    if (!keys.length) return [];
    const rows = this
      .stmt('SELECT n, id, title, (SELECT json_group_array(name) FROM speakers s WHERE s.transcript_id = t.id) AS speakers FROM transcripts t WHERE n IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(keys)) as { n: number; id: string; title: string; speakers: string }[];
    const byKey = new Map(rows.map((r) => [r.n, r]));
    return keys.flatMap((k) => {
      const r = byKey.get(k);
      if (!r) return [];
      // A title hit shows the title; a speaker hit shows the speaker's name.
      let snippet = this.mark(r.title, query);
      if (snippet === r.title) {
        const names = JSON.parse(r.speakers) as string[];
        const named = names.map((n) => this.mark(n, query)).find((m, i) => m !== names[i]);
        if (named) snippet = named;
      }
      return [{ transcriptId: r.id, title: r.title, cueId: null, startMs: null, snippet }];
    });
  }

  /**
   * A Latin word absent from the index widened to every spelling one edit away (FTS5 skips the
   * ones not indexed, inside one query); a word that is indexed, or shorter than 4 letters, as is.
   */
  private typoAlternatives(word: string): string[] {
    const w = word.toLowerCase();
    if ([...w].length < 4 || [...w].length > 30) return [w];
    const indexed = this.stmt('SELECT 1 FROM cue_fts WHERE cue_fts MATCH ? LIMIT 1').pluck();
    const titled = this.stmt('SELECT 1 FROM transcript_fts WHERE transcript_fts MATCH ? LIMIT 1').pluck();
    const quoted = `"${w}"`;
    if (indexed.get(quoted) !== undefined || titled.get(quoted) !== undefined) return [w];
    return [w, ...oneEditAway(w)];
  }
}
