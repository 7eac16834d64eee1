import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openApp } from '../../src-main/node/app';

const ROOT = join(import.meta.dirname, '..', '..');

it('`captioner library list | head -2` ends quietly instead of with an EPIPE stack trace', { timeout: 120_000 }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'pipe-home-'));
  const app = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: '' } });
  // Far more output than a pipe buffer holds (64 KiB), so the CLI is still writing when head exits.
  for (let i = 0; i < 3000; i++) app.transcripts.create({ title: `Lecture ${i} on a long and winding road`, track: { cues: [], speakers: [] }, presetId: 'netflix-en', durationMs: 1000 });
  await app.close();
  const entry = join(ROOT, 'src-main', 'cli', 'entry.ts');
  const r = spawnSync('bash', ['-c', `"${process.execPath}" --import tsx "${entry}" library list | head -2; echo "status=\${PIPESTATUS[0]}" >&2`], { cwd: ROOT, env: { ...process.env, CAPTIONER_HOME: home }, encoding: 'utf8' });
  expect(r.stdout.trim().split('\n')).toHaveLength(2);
  expect(r.stdout).toContain('Lecture');
  expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  expect(r.stderr).toMatch(/status=0/);
});
