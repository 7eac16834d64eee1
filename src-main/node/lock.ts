import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../shared/result';
import { isAlive as alive } from './process-alive';

/**
 * Only one process may drive the jobs of a library: two runners resuming the same job would
 * submit it twice. The lock is a file holding the owner's pid; a crashed owner's lock is stale
 * and taken over.
 */
export function acquireRunnerLock(home: string, what: string): () => void {
  const path = join(home, 'runner.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n${what}\n`);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8').startsWith(`${process.pid}\n`)) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const [pid, owner] = readFileSync(path, 'utf8').split('\n');
      if (Number(pid) && alive(Number(pid)) && Number(pid) !== process.pid) {
        throw new CodedError('LIBRARY_BUSY', `Another Captioner (${owner || 'process'}, pid ${pid}) is working on this library (${home}). Add the files there, or stop it first.`);
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new CodedError('LIBRARY_BUSY', `Could not take the job lock of ${home}.`);
}
