import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const ENTRY = join(ROOT, 'src-main', 'cli', 'entry.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in its own Node process (TypeScript loaded by tsx), as a user would. */
export function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, output: () => stdout };
}

export const runCli = (args: string[], env: Record<string, string>): Promise<CliResult> => startCli(args, env).done;

/** The CLI succeeded and wrote nothing to stderr; returns its result for further checks. A failure shows the ✗ lines of stdout (which file failed, and why). */
export function expectCliOk(r: CliResult): CliResult {
  expect([r.code, r.stderr, r.stdout.split('\n').filter((l) => l.includes('✗'))]).toEqual([0, '', []]);
  return r;
}
