/**
 * Imports one subtitle file into a fresh library in this process and prints what happened and the
 * process's peak resident memory, so a test can judge memory of a real import from outside.
 * Usage: node --import tsx test/helpers/import-probe.ts <home> <file>
 */
import { openApp } from '../../src-main/node/app';
import { importSubtitle } from '../../src-main/node/importer';
import { toAppError } from '../../src-main/shared/result';

const [home, file] = process.argv.slice(2) as [string, string];
const app = openApp({ home, env: { ...process.env, DASHSCOPE_API_KEY: '' } });
const base = process.resourceUsage().maxRSS;
const t0 = performance.now();
let out: Record<string, unknown>;
try {
  const r = await importSubtitle(app, file);
  out = { ok: true, cues: r.cues, issues: r.issues.length, stored: app.transcripts.meta(r.transcriptId)?.cueCount };
} catch (e) {
  out = { ok: false, ...toAppError(e) };
}
out.ms = Math.round(performance.now() - t0);
out.baseRssMb = Math.round(base / 1024);
out.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
await app.close();
process.stdout.write(`${JSON.stringify(out)}\n`);
