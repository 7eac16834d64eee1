import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireRunnerLock } from '../../src-main/node/lock';

describe('one job runner per library', () => {
  it('refuses while another live process holds the lock, and takes over a dead one', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(home, 'runner.lock'), `${holder.pid}\ncaptioner serve\n`);
      expect(() => acquireRunnerLock(home, 'test')).toThrow(/Another Captioner \(captioner serve, pid \d+\) is working on this library/);
    } finally {
      holder.kill('SIGKILL');
    }
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(home, 'runner.lock'), `${dead}\ncaptioner caption\n`);
    const release = acquireRunnerLock(home, 'test');
    expect(existsSync(join(home, 'runner.lock'))).toBe(true);
    release();
    expect(existsSync(join(home, 'runner.lock'))).toBe(false);
  });
});
