import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src-main/node/db/connection';
import { MIGRATIONS, migrate } from '../../src-main/node/db/migrate';
import { SEARCH_WINDOW, TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { ftsQuery, indexTerms, oneEditAway, queryParts } from '../../src-main/node/db/search-terms';
import type { Track } from '../../src-main/shared/captions/model';

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'search-')), 'library.db');
const track = (texts: string[], speakers: string[] = []): Track => ({
  speakers: speakers.map((name, id) => ({ id, name })),
  cues: texts.map((t, k) => ({ id: `c${k + 1}`, start: k * 1000, end: k * 1000 + 900, lines: t.split('\n'), words: [] })),
});
const cueKeys = (hits: { transcriptId: string; cueId: string | null }[]): string[] => hits.filter((h) => h.cueId).map((h) => `${h.transcriptId}/${h.cueId}`).sort();

describe('search terms', () => {
  it('index Latin words as they are and CJK runs as bigrams plus single characters', () => {
    expect(indexTerms('大家好, welcome 到会议室!')).toBe('大家 家好 大 家 好 welcome 到会 会议 议室 到 会 议 室 ');
    expect(indexTerms('我 love 你')).toBe('我 love 你 ');
  });

  it('turn queries into quoted FTS5 expressions only, with the CJK phrases a hit must contain', () => {
    expect(ftsQuery(queryParts('会议室'))).toEqual({ expr: '"会议" AND "议室"', contains: ['会议室'] });
    expect(ftsQuery(queryParts('会'))).toEqual({ expr: '"会"', contains: [] });
    expect(ftsQuery(queryParts('budget 会议'))).toEqual({ expr: '"budget" AND "会议"', contains: [] });
    expect(ftsQuery(queryParts('哈哈哈')).expr).toBe('"哈哈"');
    expect(ftsQuery(queryParts('"; DROP TABLE cues; --')).expr).toBe('"DROP" AND "TABLE" AND "cues"');
    expect(ftsQuery(queryParts("don't"), (w: string) => (w === 'don' ? ['don', 'dot'] : [w])).expr).toBe('("don" OR "dot") AND "t"');
    expect(queryParts('  ,.!  ')).toEqual([]);
  });

  it('list every one-edit spelling', () => {
    const e = oneEditAway('budget');
    for (const w of ['buget', 'bduget', 'budgte', 'budgat', 'budgets', 'xbudget']) expect(e).toContain(w);
    expect(e).not.toContain('budget');
  });
});

describe('library search', () => {
  it('finds 1, 2 and 3+ character Chinese queries, Latin words, titles and speaker names', () => {
    const db = openDb(fresh());
    const repo = new TranscriptsRepo(db, () => 1000);
    const a = repo.create({ title: 'Weekly sync', track: track(['大家好，我们开始今天的会议。', 'The budget is approved', '会'], ['王小明', 'Alice Smith']), presetId: 'p', durationMs: 3000 });
    const b = repo.create({ title: '季度会议记录', track: track(['下一步的计划', 'Café crème for everyone']), presetId: 'p', durationMs: 2000 });
    expect(cueKeys(repo.search('会'))).toEqual([`${a}/c1`, `${a}/c3`].sort());
    expect(cueKeys(repo.search('会议'))).toEqual([`${a}/c1`]);
    expect(repo.search('会议').filter((h) => !h.cueId).map((h) => [h.transcriptId, h.snippet])).toEqual([[b, '季度[会议]记录']]);
    expect(repo.search('开始今天的').map((h) => h.snippet)).toEqual(['大家好，我们[开始今天的]会议。']);
    expect(repo.search('今天会议')).toEqual([]); // not adjacent in the text: a phrase, not two words
    expect(repo.search('BUDGET').map((h) => h.snippet)).toEqual(['The [budget] is approved']);
    expect(repo.search('cafe creme').map((h) => h.cueId)).toEqual(['c2']); // diacritics folded
    expect(repo.search('小明').map((h) => [h.transcriptId, h.cueId, h.snippet])).toEqual([[a, null, '王[小明]']]);
    expect(repo.search('alice').map((h) => [h.transcriptId, h.cueId, h.snippet])).toEqual([[a, null, '[Alice] Smith']]);
    expect(repo.search('weekly').map((h) => [h.transcriptId, h.cueId])).toEqual([[a, null]]);
    db.close();
  });

  it('forgives one typo in a Latin word that matches nothing, and only then', () => {
    const db = openDb(fresh());
    const repo = new TranscriptsRepo(db, () => 1000);
    repo.create({ title: 'Finance', track: track(['The budget is approved', 'Budgets grow', 'A bridge']), presetId: 'p', durationMs: 3000 });
    expect(repo.search('bugdet').map((h) => h.cueId)).toEqual(['c1']);
    expect(repo.search('budgest').map((h) => h.cueId).sort()).toEqual(['c1', 'c2']);
    expect(repo.search('budget').map((h) => h.cueId)).toEqual(['c1']); // exact words are not widened
    expect(repo.search('bdg')).toEqual([]); // too short to guess
    expect(repo.search('zzzzzz')).toEqual([]);
    db.close();
  });

  it('keeps the index right through edits, renames, speaker changes and deletes', () => {
    const db = openDb(fresh());
    const repo = new TranscriptsRepo(db, () => 1000);
    const id = repo.create({ title: 'Draft', track: track(['alpha one', 'beta two'], ['Ana']), presetId: 'p', durationMs: 2000 });
    repo.saveTrack(id, track(['alpha uno', 'gamma three'], ['Zed']));
    expect(repo.search('one')).toEqual([]);
    expect(repo.search('uno').map((h) => h.cueId)).toEqual(['c1']);
    expect(repo.search('beta')).toEqual([]);
    expect(repo.search('gamma').map((h) => h.cueId)).toEqual(['c2']);
    expect(repo.search('ana')).toEqual([]);
    expect(repo.search('zed').map((h) => h.cueId)).toEqual([null]);
    repo.rename(id, 'Final cut');
    expect(repo.search('draft')).toEqual([]);
    expect(repo.search('final').map((h) => h.snippet)).toEqual(['[Final] cut']);
    repo.delete(id);
    for (const q of ['alpha', 'gamma', 'zed', 'final']) expect(repo.search(q)).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM cue_fts WHERE cue_fts MATCH 'alpha OR uno OR gamma'").pluck().get()).toBe(0);
    // The index structure is sound after deletes by re-supplied terms (throws if not).
    expect(() => db.exec("INSERT INTO cue_fts(cue_fts) VALUES ('integrity-check')")).not.toThrow();
    db.close();
  });

  it('ranks the newest matches by relevance and pages through every match exactly once', () => {
    const db = openDb(fresh());
    let clock = 0;
    const repo = new TranscriptsRepo(db, () => ++clock);
    const n = SEARCH_WINDOW + 120;
    const ids: string[] = [];
    // One transcript per cue count bucket; every cue says "word", the odd ones say it twice.
    for (let t = 0; t < 10; t++) ids.push(repo.create({ title: `T${t}`, track: track(Array.from({ length: n / 10 }, (_, k) => (k % 2 ? 'word word' : 'word and more filler text here'))), presetId: 'p', durationMs: 1 }));
    const seen: string[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = repo.search('word', { limit: 50, offset });
      if (!page.length) break;
      seen.push(...page.map((h) => `${h.transcriptId}/${h.cueId}`));
    }
    expect(seen).toHaveLength(n);
    expect(new Set(seen).size).toBe(n);
    // The first page is the most relevant (repeated word, short cue) of the newest transcripts.
    const first = repo.search('word', { limit: 10 });
    expect(first.every((h) => h.snippet.startsWith('[word] word'))).toBe(true);
    expect(first[0]?.transcriptId).toBe(ids[9]);
    // Past the ranked window, hits come newest first.
    const late = repo.search('word', { limit: 5, offset: n - 5 });
    expect(late.every((h) => h.transcriptId === ids[0])).toBe(true);
    db.close();
  });

  it('finds the same cues after VACUUM (the index keys are stable row ids)', () => {
    const path = fresh();
    const db = openDb(path);
    const repo = new TranscriptsRepo(db, () => 1);
    const ids = Array.from({ length: 6 }, (_, t) => repo.create({ title: `T${t}`, track: track([`cue ${t} 会议`, 'filler']), presetId: 'p', durationMs: 1 }));
    for (const id of ids.slice(0, 3)) repo.delete(id);
    const before = cueKeys(repo.search('会议'));
    db.exec('VACUUM');
    expect(cueKeys(repo.search('会议'))).toEqual(before);
    expect(before).toHaveLength(3);
    // A transcript added after deletes and VACUUM gets a fresh key and its own hits only.
    const late = repo.create({ title: 'Late', track: track(['会议 late']), presetId: 'p', durationMs: 1 });
    expect(cueKeys(repo.search('late'))).toEqual([`${late}/c1`]);
    db.close();
  });
});

describe('migration 004', () => {
  it('converts a v3 library: same cues, speakers and search results, smaller file', () => {
    const path = fresh();
    const raw = new Database(path);
    migrate(raw, 3);
    const texts = ['We discussed the budget for 2025', '大家好，我们开始今天的周会。', 'Questions from the audience about the budget', '下一步的计划', 'Line one\nline two'];
    const insT = raw.prepare("INSERT INTO transcripts(id, title, preset_id, created_at, updated_at) VALUES (?, ?, 'p', ?, ?)");
    const insC = raw.prepare("INSERT INTO cues(transcript_id, id, seq, start_ms, end_ms, text, words_json, label) VALUES (?, ?, ?, ?, ?, ?, '[]', ?)");
    const insS = raw.prepare('INSERT INTO speakers(transcript_id, id, name) VALUES (?, ?, ?)');
    raw.transaction(() => {
      for (let t = 0; t < 40; t++) {
        const id = `t-${String(t).padStart(2, '0')}`;
        // Created out of insertion order: the conversion numbers transcripts by creation time.
        insT.run(id, t % 2 ? `Weekly 周会 ${t}` : `Review ${t}`, 1000 + ((t * 7) % 40), 0);
        insS.run(id, 0, t % 3 ? '王小明' : 'Alice');
        for (let k = 0; k < 50; k++) insC.run(id, `c${k}`, k, k * 1000, k * 1000 + 900, `${texts[(t + k) % texts.length]} ${k}`, k === 3 ? 'label-3' : null);
      }
    })();
    const dump = (db: Database.Database, key: string): unknown[] => db.prepare(`SELECT t.id, c.id AS cue, c.seq, c.start_ms, c.end_ms, c.text, c.label FROM cues c JOIN transcripts t ON t.${key} ORDER BY t.id, c.seq`).all();
    const cuesBefore = dump(raw, 'id = c.transcript_id');
    const trigram = (q: string): string[] =>
      (raw.prepare('SELECT c.transcript_id || \'/\' || c.id AS k FROM cue_fts f JOIN cues c ON c.rowid = f.rowid WHERE cue_fts MATCH ?').pluck().all(`"${q}"`) as string[]).sort();
    const like = (q: string): string[] => (raw.prepare("SELECT transcript_id || '/' || id FROM cues WHERE text LIKE '%' || ? || '%'").pluck().all(q) as string[]).sort();
    const queries = ['budget', '开始今天', 'audience', '计划', '周会', 'line two'];
    const before = new Map(queries.map((q) => [q, [...q].length >= 3 ? trigram(q) : like(q)]));
    raw.close();
    const sizeBefore = fileSize(path);

    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(dump(db, 'n = c.transcript')).toEqual(cuesBefore);
    const repo = new TranscriptsRepo(db, () => 1);
    for (const q of queries) {
      expect(before.get(q)?.length, q).toBeGreaterThan(0);
      expect(cueKeys(everyHit(repo, q)), q).toEqual(before.get(q));
    }
    // Newest transcript (by created_at) first among equally relevant hits.
    const newest = db.prepare('SELECT id FROM transcripts ORDER BY created_at DESC, rowid DESC LIMIT 1').pluck().get();
    expect(db.prepare('SELECT id FROM transcripts ORDER BY n DESC LIMIT 1').pluck().get()).toBe(newest);
    expect(repo.search('小明').filter((h) => !h.cueId)).toHaveLength(26);
    expect(repo.search('weekly').filter((h) => !h.cueId)).toHaveLength(20);
    expect(repo.track('t-05')?.cues[3]?.label).toBe('label-3');
    // Only one index on cues, no FTS copy of the text, and the space given back.
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'cues'").pluck().all()).toEqual(['sqlite_autoindex_cues_1']);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'cue_fts_content' OR name LIKE 'title_fts%'").pluck().get()).toBe(0);
    db.close();
    expect(fileSize(path)).toBeLessThan(sizeBefore);
  });
});

function everyHit(repo: TranscriptsRepo, q: string): { transcriptId: string; cueId: string | null }[] {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const page = repo.search(q, { limit: 500, offset });
    if (!page.length) return out;
    out.push(...page);
  }
}

function fileSize(path: string): number {
  const db = new Database(path, { readonly: true });
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  db.close();
  return bytes;
}
