import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSrt } from '../../src-main/shared/formats/srt';
import { runCli } from '../helpers/cli';
import { speech, wrap } from '../helpers/media';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the emulator for newcomers (npm run emulator)', () => {
  it('prints the base URL with /api/v1 and the accepted key, and answers with the --script sentences', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-main-'));
    const script = join(dir, 'script.txt');
    writeFileSync(script, 'Hello from the script.\nAnd a second sentence.\n');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'emulator', 'main.ts'), '--port', '0', '--quiet', '--script', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!/script:/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const lines = out.trim().split('\n');
      const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] ?? '')?.[1];
      expect(lines.slice(1)).toEqual([
        `base URL:  ${url}/api/v1   (DASHSCOPE_BASE_URL=${url}/api/v1)`,
        'API key:   sk-test   (DASHSCOPE_API_KEY=sk-test)',
        `translate: ${url}/compatible-mode/v1/chat/completions (qwen-mt-*; POST /_emulator/translations {"source","target"} registers answers)`,
        `script:    2 sentence(s) from ${script}`,
      ]);
      const wav = wrap(speech(['Hello from the script.', 'And a second sentence.'], { gapMs: 800 }), join(dir, 'talk.wav'), { ext: 'wav' });
      const r = await runCli(['caption', wav], { CAPTIONER_HOME: join(dir, 'home'), DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: `${url}/api/v1` });
      expect(r.code, r.stderr).toBe(0);
      expect(parseSrt(readFileSync(join(dir, 'talk.srt'))).cues.map((c) => c.lines.join(' '))).toEqual(['Hello from the script.', 'And a second sentence.']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
