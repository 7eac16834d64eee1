/**
 * `npm run bench:editor`: the editor in Debian's Chromium through `captioner serve`, with a
 * 15,000-cue transcript and, as the baseline in the same run, a 15-cue one. Measures:
 *  - keystroke: keydown → the textarea's input handled and React's render done (median, p95)
 *  - scroll: frame intervals while the grid scrolls 240 px per frame (p95; 16.7 ms = 60 fps)
 *  - find: typing a query → every match counted and highlighted (median)
 *  - edit: committing a text edit (reducer, QC of the touched cues, coverage) → rendered (median)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openDb } from '../../src-main/node/db/connection';
import { TranscriptsRepo } from '../../src-main/node/db/repos/transcripts';
import { benchTrack } from '../fixtures';

const ROOT = join(import.meta.dirname, '..', '..');
/** BENCH_APP_ROOT: another checkout (e.g. the previous release) to time instead; only keystrokes and scrolling, which every version has. */
const APP = process.env.BENCH_APP_ROOT ?? ROOT;
const basic = APP !== ROOT;
const home = mkdtempSync(join(tmpdir(), 'bench-editor-'));
const db = openDb(join(home, 'library.db'));
const repo = new TranscriptsRepo(db, Date.now);
const sizes = [15, 15_000];
for (const n of sizes) repo.create({ title: `Bench ${n} cues`, track: benchTrack(n), presetId: 'netflix-en', durationMs: n * 3000 + 5000 });
db.close();

const server = spawn(process.execPath, ['--import', 'tsx', join(APP, 'src-main', 'cli', 'entry.ts'), 'serve'], { cwd: APP, env: { ...process.env, CAPTIONER_HOME: home, DASHSCOPE_API_KEY: 'sk-bench', DASHSCOPE_BASE_URL: 'http://127.0.0.1:9/api/v1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
server.stdout.on('data', (c: Buffer) => (out += c.toString()));
const deadline = Date.now() + 30_000;
while (!/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0];
if (!url) throw new Error(`captioner serve did not start: ${out}`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
await page.goto(url);

const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;

async function measure(p: Page, n: number) {
  console.error(`measuring ${n} cues…`);
  await p.getByRole('button', { name: 'Library' }).first().click();
  await p.getByText(`Bench ${n} cues`).click();
  await p.getByTestId('cue-row').first().waitFor();
  // Keystrokes in a cue's text box.
  const row = p.getByTestId('cue-row').nth(2);
  await row.dblclick();
  await p.evaluate(() => {
    const w = window as unknown as { lat: number[] };
    w.lat = [];
    let t0 = 0;
    window.addEventListener('keydown', () => (t0 = performance.now()), true);
    window.addEventListener('input', () => w.lat.push(performance.now() - t0));
  });
  await p.keyboard.type('the quick brown fox jumps over the lazy dog again and again', { delay: 15 });
  const lat = await p.evaluate(() => (window as unknown as { lat: number[] }).lat);
  // Commit the edit: reducer, QC re-check and re-render, until the new text is on screen.
  const edits: number[] = [];
  for (let i = 0; i < (basic ? 0 : 5); i++) {
    edits.push(
      await p.evaluate(async (k) => {
        const ta = document.querySelector('.cue textarea') as HTMLTextAreaElement;
        const t0 = performance.now();
        ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        const t = performance.now() - t0;
        (document.querySelectorAll('[data-testid="cue-row"]')[2] as HTMLElement).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 30));
        const next = document.querySelector('.cue textarea') as HTMLTextAreaElement;
        const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
        set?.call(next, `${next.value} ${k}`);
        next.dispatchEvent(new Event('input', { bubbles: true }));
        return t;
      }, i),
    );
  }
  await p.keyboard.press('Escape');
  // Scrolling the grid.
  // (A string, so the bundler's helpers for named functions do not leak into the page.)
  const frames = (await p.evaluate(`new Promise((done) => {
    const el = document.querySelector('.cue-list');
    el.scrollTop = 0;
    const times = [];
    let last = performance.now();
    let k = 0;
    requestAnimationFrame(function step(now) {
      times.push(now - last);
      last = now;
      el.scrollTop += 240;
      if (++k < 240 && el.scrollTop + el.clientHeight < el.scrollHeight) requestAnimationFrame(step);
      else done(times.slice(1));
    });
  })`)) as number[];
  // Find: a query typed into the find box, counted and highlighted.
  const finds: number[] = [];
  for (const word of basic ? [] : ['fox', 'the', 'dog', '会议', 'pace']) {
    finds.push(
      await p.evaluate(async (w) => {
        const box = document.querySelector('input[type=search]') as HTMLInputElement;
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        set?.call(box, '');
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 20));
        const t0 = performance.now();
        set?.call(box, w);
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        if (!document.querySelector('[data-testid="find-count"]')?.textContent) throw new Error('no count');
        return performance.now() - t0;
      }, word),
    );
  }
  if (!basic) await p.getByRole('searchbox', { name: 'Find' }).fill('');
  return { keystroke: { median: q(lat, 0.5), p95: q(lat, 0.95) }, scrollP95: q(frames, 0.95), find: q(finds, 0.5) ?? NaN, edit: q(edits, 0.5) ?? NaN };
}

const results = new Map<number, Awaited<ReturnType<typeof measure>>>();
for (const n of sizes) results.set(n, await measure(page, n));
await browser.close();
server.kill('SIGTERM');

const [small, big] = sizes.map((n) => results.get(n)!) as [Awaited<ReturnType<typeof measure>>, Awaited<ReturnType<typeof measure>>];
const f1 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(1));
const row = (label: string, a: number, b: number, target: string) => console.log(`${label.padEnd(18)} ${f1(a).padStart(7)} ms ${f1(b).padStart(9)} ms   ×${f1(b / Math.max(0.1, a)).padStart(5)}   ${target}`);
console.log(`Editor${basic ? ` at ${APP}` : ''} in Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}), baseline: the same editor with ${sizes[0]} cues, same run\n`);
console.log(`${''.padEnd(18)} ${`${sizes[0]} cues`.padStart(10)} ${`${sizes[1]} cues`.padStart(12)}   ratio   target (15,000 cues)`);
row('keystroke median', small.keystroke.median, big.keystroke.median, '3–5 ms');
row('keystroke p95', small.keystroke.p95, big.keystroke.p95, '');
row('scroll frame p95', small.scrollP95, big.scrollP95, '≤ 16.7 ms');
row('find (median)', small.find, big.find, '≤ 65 ms');
row('commit an edit', small.edit, big.edit, '');
