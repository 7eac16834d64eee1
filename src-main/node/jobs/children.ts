import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relaxed, type Db } from '../db/connection';
import { isAlive as alive } from '../process-alive';

/** The command line of a running process, or undefined when it is gone or unreadable. */
function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    if (process.platform === 'linux') return undefined;
  }
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * ffmpeg children recorded in the library. Node cannot ask Linux to kill a child with its parent
 * (prctl PR_SET_PDEATHSIG is not reachable), so every child is recorded with a marker unique to its
 * command line (its temp output path) and the next start ends those whose parent died. The
 * marker guards against a reused pid: only a process whose command line carries it is killed.
 */
export class ChildRegistry {
  constructor(private readonly db: Db, private readonly now: () => number) {}

  // Power loss ends every child too: the records need to survive a crash of the app, not of the machine.
  add(pid: number, marker: string, jobId: string | null): void {
    relaxed(this.db, () => this.db.prepare('INSERT OR REPLACE INTO child_processes(pid, marker, job_id, owner_pid, created_at) VALUES (?, ?, ?, ?, ?)').run(pid, marker, jobId, process.pid, this.now()));
  }

  remove(pid: number, marker: string): void {
    relaxed(this.db, () => this.db.prepare('DELETE FROM child_processes WHERE pid = ? AND marker = ?').run(pid, marker));
  }

  /** Kills children left by a dead owner (SIGKILL: their output is a temp file that is swept next). */
  reapOrphans(): number {
    const rows = this.db.prepare('SELECT pid, marker, owner_pid FROM child_processes').all() as { pid: number; marker: string; owner_pid: number }[];
    let killed = 0;
    for (const r of rows) {
      if (r.owner_pid !== process.pid && alive(r.owner_pid)) continue; // another live Captioner's child
      const cmd = alive(r.pid) ? commandLine(r.pid) : undefined;
      if (cmd?.includes(r.marker)) {
        try {
          process.kill(r.pid, 'SIGKILL');
          killed++;
        } catch {
          // ended meanwhile
        }
      }
      this.remove(r.pid, r.marker);
    }
    return killed;
  }
}
