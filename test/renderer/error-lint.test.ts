import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps main's English off the screen (eslint.config.js): a failure is shown
 * through app/errors.ts, its message only as the fallback of a wording function or a tooltip.
 * Linted as a renderer file with the project's own configuration.
 */
const ROOT = join(import.meta.dirname, '..', '..');

async function flagged(code: string): Promise<number[]> {
  const [r] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: join(ROOT, 'src-renderer', 'screens', 'Probe.tsx') });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
}

describe('showing a backend sentence in the renderer', () => {
  it('is refused where a caught error or a sent error’s message is shown', async () => {
    const lines = await flagged(`declare const notify: (m: string) => void;
declare const setError: (m: string) => void;
declare const p: Promise<void>;
declare const job: { error?: { code: string; message: string } };
declare const opts: { videoProblem?: { code: string; message: string } };
p.catch((e: Error) => notify(e.message));
p.then(() => undefined, (err: Error) => setError(err.message));
try { await p; } catch (x) { notify((x as Error).message); }
export const shown = <span>{job.error?.message ?? ''}</span>;
export const problem = <span>{opts.videoProblem?.message}</span>;
`);
    expect(lines).toEqual([6, 7, 8, 9, 10]);
  });

  it('is allowed as the fallback of a wording function and as a tooltip', async () => {
    expect(await flagged(`declare const errorText: (code: string, fallback: string) => string;
declare const job: { error: { code: string; message: string } };
declare const f: { message: string; code: string };
export const a = <div title={job.error.message}>{errorText(job.error.code, job.error.message)}</div>;
export const b = <div title={job.error?.message}>{f.message}</div>;
`)).toEqual([]);
  });
});
