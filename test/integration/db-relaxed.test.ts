/**
 * Relaxed commits (synchronous=NORMAL for a job's bookkeeping, db/connection.ts) survive the app
 * being killed, and never leave the connection relaxed for what must wait for the disk.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, relaxed } from '../../src-main/node/db/connection';
import { JobsRepo } from '../../src-main/node/db/repos/jobs';
import { jobOptionsSchema } from '../../src-main/shared/jobs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const synchronous = (db: ReturnType<typeof openDb>): number => db.pragma('synchronous', { simple: true }) as number;

describe('relaxed commits', () => {
  it('a job walked through 50 relaxed commits is all there after SIGKILL', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'relaxed-')), 'library.db');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'relaxed-then-killed.ts'), path, '50'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    const id = /committed (\S+)/.exec(r.stdout)?.[1] as string;
    const db = openDb(path);
    const row = new JobsRepo(db, () => Date.now()).get(id);
    expect(row?.progress).toBe(50);
    expect(row?.stage).toBe('extracting');
    db.close();
  });

  it('waits for the disk again after a relaxed statement, a failed one, and a durable update', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'relaxed-')), 'library.db'));
    expect(synchronous(db)).toBe(2); // FULL
    expect(relaxed(db, () => synchronous(db))).toBe(1); // NORMAL inside
    expect(synchronous(db)).toBe(2);
    expect(() => relaxed(db, () => db.prepare('INSERT INTO nowhere VALUES (1)').run())).toThrow();
    expect(synchronous(db)).toBe(2);
    // Inside a transaction the transaction's setting stands (SQLite refuses to change it there).
    expect(db.transaction(() => relaxed(db, () => synchronous(db)))()).toBe(2);
    const jobs = new JobsRepo(db, () => Date.now());
    const row = jobs.create('/media/a.mp4', jobOptionsSchema.parse({}));
    jobs.update(row.id, { submit_intent_at: 1 }, { durable: true });
    expect(synchronous(db)).toBe(2);
    db.close();
  });
});
