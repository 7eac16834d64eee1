import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src-main/node/db/connection';
import { MIGRATIONS, migrate } from '../../src-main/node/db/migrate';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { TranslationJobsRepo } from '../../src-main/node/db/repos/translation-jobs';
import { TranslationsRepo } from '../../src-main/node/db/repos/translations';

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'db-tr-')), 'library.db');
const cue = (id: string, k: number, text: string) => ({ id, start: k * 2000, end: k * 2000 + 1500, lines: [text], words: [] });

describe('migration 007 (translations)', () => {
  it('upgrades a library of the previous version, keeping its transcripts, with strict tables', () => {
    const path = fresh();
    const old = new Database(path);
    migrate(old, 6);
    old.close();
    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name LIKE 'translation%'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['translation_batches', 'translation_imports', 'translation_jobs', 'translation_memory', 'translations']);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT$/);
    expect(() => db.prepare("INSERT INTO translation_batches(job_id, idx, units_json, content, input_tokens, status, updated_at) VALUES ('j', 0, '[]', '', 0, 'bogus', 0)").run()).toThrow(/CHECK|FOREIGN KEY/);
    db.close();
  });

  it('migration 008 adds the model each batch was sent to, empty for batches of an older library', () => {
    const path = fresh();
    const old = new Database(path);
    migrate(old, 7);
    const tid = new TranscriptsRepo(old as never, () => 1).create({ title: 'T', track: { speakers: [], cues: [cue('c1', 0, '你好。')] }, presetId: 'netflix-zh-hans', durationMs: 2000 });
    old.prepare("INSERT INTO translation_jobs(id, transcript_id, title, target_lang, model, preset_id, cues, status, est_input_tokens, est_output_tokens, created_at, updated_at) VALUES ('j', ?, 'T', 'en', 'qwen-mt-flash', 'netflix-en', 1, 'done', 1, 1, 0, 0)").run(tid);
    old.prepare("INSERT INTO translation_batches(job_id, idx, units_json, content, input_tokens, status, prompt_tokens, completion_tokens, updated_at) VALUES ('j', 0, '[]', '你好。', 3, 'done', 40, 5, 0)").run();
    old.close();
    const db = openDb(path);
    const [b] = new TranslationJobsRepo(db, () => 2).batches('j');
    expect(b).toMatchObject({ model: null, prompt_tokens: 40, status: 'done' });
    db.close();
  });

  it('keeps user edits over machine text, sweeps translations of deleted cues, and goes with the transcript', () => {
    const db = openDb(fresh());
    const transcripts = new TranscriptsRepo(db, () => 1);
    const repo = new TranslationsRepo(db, () => 2);
    const jobs = new TranslationJobsRepo(db, () => 3);
    const id = transcripts.create({ title: 'T', track: { speakers: [], cues: [cue('c1', 0, '你好。'), cue('c2', 1, '再见。')] }, presetId: 'netflix-zh-hans', durationMs: 4000 });
    repo.putUser(id, 'en', [{ cueId: 'c1', lines: ['Hi there.'] }]);
    repo.putMachine(id, 'en', 'job', [{ cueId: 'c1', lines: ['Hello.'] }, { cueId: 'c2', lines: ['Bye.'] }]);
    expect([...repo.get(id, 'en')]).toEqual([['c1', { lines: ['Hi there.'], origin: 'user' }], ['c2', { lines: ['Bye.'], origin: 'mt' }]]);
    // The editor deleted c2: its translation is swept when read.
    expect([...repo.get(id, 'en', new Set(['c1']))].map(([k]) => k)).toEqual(['c1']);
    expect((db.prepare('SELECT COUNT(*) AS n FROM translations').get() as { n: number }).n).toBe(1);
    const job = jobs.create({ transcript_id: id, title: 'T', source_lang: 'zh', target_lang: 'en', model: 'qwen-mt-flash', preset_id: 'netflix-en', domain: null, cues: 2, est_input_tokens: 10, est_output_tokens: 10 }, [{ units: [], content: '你好。', inputTokens: 3 }]);
    expect(jobs.batches(job.id)).toHaveLength(1);
    transcripts.delete(id);
    expect((db.prepare('SELECT COUNT(*) AS n FROM translations').get() as { n: number }).n).toBe(0);
    expect(jobs.get(job.id)).toBeUndefined();
    expect((db.prepare('SELECT COUNT(*) AS n FROM translation_batches').get() as { n: number }).n).toBe(0);
    db.close();
  });
});
