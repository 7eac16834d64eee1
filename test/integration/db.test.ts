import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src-main/node/db/connection';
import { MIGRATIONS, migrate } from '../../src-main/node/db/migrate';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { JobsRepo } from '../../src-main/node/db/repos/jobs';
import { jobView } from '../../src-main/node/jobs/view';
import { jobOptionsSchema } from '../../src-main/shared/jobs';
import type { Track } from '../../src-main/shared/captions/model';

const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'db-')), 'library.db');

const track = (lines: string[][]): Track => ({
  speakers: [{ id: 0, name: 'Ana' }],
  cues: lines.map((l, k) => ({ id: `c${k + 1}`, start: k * 2000, end: k * 2000 + 1500, lines: l, words: [{ start: k * 2000, end: k * 2000 + 400, text: l[0]!.split(' ')[0]!, punct: '' }], speaker: 0 })),
});

describe('migrations', () => {
  it('001 creates strict tables, WAL and foreign keys on a new file', () => {
    const path = fresh();
    const db = openDb(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string }[]);
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['settings', 'media', 'jobs', 'hosted_files', 'job_results', 'transcripts', 'speakers', 'cues', 'cue_fts', 'transcript_fts']));
    for (const t of tables.filter((t) => !t.name.includes('fts'))) expect(t.sql, t.name).toMatch(/\bSTRICT(, WITHOUT ROWID)?$/);
    // STRICT really rejects a wrong type.
    expect(() => db.prepare("INSERT INTO media VALUES ('m', '/x', 't', 'big', 0, 'mp4', '{}', 0)").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    // The stage CHECK rejects unknown stages.
    expect(() => db.prepare("INSERT INTO jobs(id, input_path, stage, options_json, created_at, updated_at) VALUES ('j','/x','bogus','{}',0,0)").run()).toThrow(/CHECK/);
    db.close();
  });

  it('is idempotent and runs in a transaction per version', () => {
    const path = fresh();
    openDb(path).close();
    const db = new Database(path);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a library written by a newer version with a clear message', () => {
    const path = fresh();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDb(path)).toThrow(/newer Captioner/);
  });
});

describe('migration 010 (job error params)', () => {
  it('opens a library of the previous version: its failed jobs keep code and message, its English notes are shown as they are', () => {
    const path = fresh();
    const old = new Database(path);
    migrate(old, 9);
    const notes = JSON.stringify(['The service found no speech in this file; the transcript is empty.', { code: 'MISSED_SPEECH', startMs: 1000, endMs: 4000 }]);
    old.prepare("INSERT INTO jobs(id, input_path, stage, options_json, error_code, error_message, warnings_json, created_at, updated_at) VALUES ('j1', '/m/talk.mp4', 'failed', '{}', 'TOO_LONG', '/m/talk.mp4 lasts 13.0 h; Fun-ASR accepts at most 12 h per file.', ?, 0, 0)").run(notes);
    old.close();
    const db = openDb(path);
    const repo = new JobsRepo(db, () => 42);
    const row = repo.get('j1')!;
    expect(row.error_params_json).toBeNull();
    const v = jobView(row);
    expect(v.error).toEqual({ code: 'TOO_LONG', message: '/m/talk.mp4 lasts 13.0 h; Fun-ASR accepts at most 12 h per file.' });
    expect(v.warnings).toEqual([{ code: 'TEXT', params: { text: 'The service found no speech in this file; the transcript is empty.' } }]);
    expect(v.findings).toEqual([{ code: 'MISSED_SPEECH', startMs: 1000, endMs: 4000 }]);
    // New failures keep their params beside the message.
    repo.update('j1', { error_params_json: JSON.stringify({ file: '/m/talk.mp4', hours: '13.0', limitHours: 12 }) });
    expect(jobView(repo.get('j1')!).error?.params).toEqual({ file: '/m/talk.mp4', hours: '13.0', limitHours: 12 });
    db.close();
  });
});

describe('transcripts repository', () => {
  it('stores and reloads a track exactly, and saves edits atomically', () => {
    const db = openDb(fresh());
    const repo = new TranscriptsRepo(db, () => 1000);
    const t = track([['Hello world', 'second line'], ['Bye']]);
    const id = repo.create({ title: 'Talk', track: t, presetId: 'netflix-en', durationMs: 5000, rawJson: '{"transcripts":[]}' });
    expect(repo.track(id)).toEqual(t);
    expect(repo.rawJson(id)).toBe('{"transcripts":[]}');
    const edited = { ...t, cues: [{ ...t.cues[0]!, lines: ['Edited'] }], speakers: [{ id: 0, name: 'Ana María' }] };
    repo.saveTrack(id, edited);
    expect(repo.track(id)).toEqual(edited);
    expect(() => repo.saveTrack('missing', edited)).toThrow(/No transcript/);
    expect(repo.meta(id)).toMatchObject({ title: 'Talk', cueCount: 1, speakerCount: 1, durationMs: 5000 });
    expect(repo.resolveId(id.slice(0, 8))).toBe(id);
    db.close();
  });

  it('searches cue text and titles in English and Chinese, including two-character words', () => {
    const db = openDb(fresh());
    const repo = new TranscriptsRepo(db, () => 1000);
    const a = repo.create({ title: 'Quarterly review', track: track([['We discussed the budget'], ['Questions from the audience']]), presetId: 'netflix-en', durationMs: 4000 });
    const b = repo.create({ title: '周会 记录', track: track([['大家好，我们开始今天的周会。'], ['下一步的计划']]), presetId: 'netflix-zh-hans', durationMs: 4000 });
    expect(repo.search('budget').map((h) => [h.transcriptId, h.cueId, h.startMs, h.snippet])).toEqual([[a, 'c1', 0, 'We discussed the [budget]']]);
    expect(repo.search('quarterly').map((h) => [h.transcriptId, h.cueId])).toEqual([[a, null]]);
    expect(repo.search('开始今天').map((h) => h.snippet)).toEqual(['大家好，我们[开始今天]的周会。']);
    expect(repo.search('计划').map((h) => [h.transcriptId, h.cueId, h.startMs])).toEqual([[b, 'c2', 2000]]);
    expect(repo.search('周会').map((h) => h.cueId)).toEqual([null, 'c1']);
    expect(repo.search('"; DROP TABLE cues; --')).toEqual([]);
    expect(repo.search('100%')).toEqual([]);
    // Edits are searchable at once; deletes leave no stale hits.
    repo.saveTrack(a, { ...track([['Renamed cue about finances']]) });
    expect(repo.search('budget')).toEqual([]);
    expect(repo.search('finances')).toHaveLength(1);
    repo.delete(a);
    expect(repo.search('finances')).toEqual([]);
    db.close();
  });
});

describe('jobs repository', () => {
  it('commits stage changes and keeps raw results', () => {
    const db = openDb(fresh());
    const repo = new JobsRepo(db, () => 42);
    const job = repo.create('/m/a.mp4', jobOptionsSchema.parse({}));
    expect(job.stage).toBe('queued');
    repo.update(job.id, { stage: 'transcribing', task_id: 't-1' });
    expect(repo.unfinished().map((j) => [j.id, j.stage, j.task_id])).toEqual([[job.id, 'transcribing', 't-1']]);
    repo.saveResult(job.id, '{"a":1}');
    expect(repo.result(job.id)).toBe('{"a":1}');
    repo.update(job.id, { stage: 'done' });
    expect(repo.unfinished()).toEqual([]);
    db.close();
  });
});
