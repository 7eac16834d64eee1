import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli';

/**
 * `captioner burn` end to end with real ffmpeg/libass: the burned video keeps the source's length
 * and frames, shows the caption at a cue's midpoint and nothing between cues (pixels compared
 * with the source frame), falls back from a failing hardware encoder, cancels and resumes
 * without leaving partial files, and takes paths full of characters a filter graph would choke on.
 */
const FFMPEG = '/usr/bin/ffmpeg';
const W = 320;
const H = 180;
let root: string;
let dir: string;
let video: string;
let srt: string;
let home: string;

const ff = (args: string[]): Buffer => execFileSync(FFMPEG, ['-v', 'error', ...args], { maxBuffer: 64 * 1024 * 1024 });
const probe = (file: string, entries: string, stream = 'v:0'): string =>
  execFileSync('ffprobe', ['-v', 'error', '-select_streams', stream, '-count_packets', '-show_entries', entries, '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim();

/** The bottom third of the frame at `t` seconds as 8-bit grey pixels. */
const region = (file: string, t: number): Buffer => ff(['-i', file, '-ss', t.toFixed(3), '-frames:v', '1', '-vf', `crop=${W}:${H / 3}:0:${(2 * H) / 3},format=gray`, '-f', 'rawvideo', '-']);

/** Pixels that differ clearly between the two frames' caption regions, and the mean difference. */
function compare(a: Buffer, b: Buffer): { changed: number; mean: number } {
  let changed = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] as number) - (b[i] as number));
    sum += d;
    if (d > 40) changed++;
  }
  return { changed, mean: sum / a.length };
}

const env = (extra: Record<string, string> = {}): Record<string, string> => ({ CAPTIONER_HOME: home, ...extra });
const listing = (d: string): string[] => readdirSync(d).sort();

/** A stand-in ffmpeg: runs the real one, but with `-re` (renders at playback speed) so a render is still running when the test acts. */
function slowFfmpeg(): string {
  const p = join(root, 'slow-ffmpeg.sh');
  writeFileSync(p, `#!/bin/sh\ncase "$*" in *burn-part*) exec ${FFMPEG} -re "$@";; esac\nexec ${FFMPEG} "$@"\n`);
  chmodSync(p, 0o755);
  return p;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'burn-'));
  home = join(root, 'home');
  // Quotes, a colon, a backslash, spaces and CJK: each breaks an unescaped filter argument.
  dir = join(root, `片段 it's "q" a:b\\c`);
  mkdirSync(dir, { recursive: true });
  video = join(dir, '演讲 talk.mp4');
  ff(['-f', 'lavfi', '-i', `color=c=0x204060:s=${W}x${H}:r=25:d=6`, '-f', 'lavfi', '-i', 'sine=f=330:d=6', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-y', video]);
  srt = join(dir, '演讲 talk.srt');
  writeFileSync(srt, '1\n00:00:00,800 --> 00:00:02,200\n你好，世界 HELLO\n\n2\n00:00:03,600 --> 00:00:05,000\nSECOND CUE 第二句\n');
});

afterAll(() => undefined);

describe('captioner burn', () => {
  it('burns the captions in: same length and frames, caption at the cue midpoint, nothing between cues', async () => {
    const t0 = Date.now();
    const r = await runCli(['burn', srt, '--style', 'boxed', '--encoder', 'software'], env());
    const seconds = (Date.now() - t0) / 1000;
    expect(r.stderr).not.toMatch(/✗/);
    expect(r.code).toBe(0);
    const out = join(dir, '演讲 talk.captioned.mp4');
    expect(r.stdout).toContain(`✓ ${out} (libx264, balanced)`);
    expect(listing(dir)).toEqual(['演讲 talk.captioned.mp4', '演讲 talk.mp4', '演讲 talk.srt']);
    // Duration, frame count and the audio (copied, same codec and packets).
    expect(Number(probe(out, 'format=duration'))).toBeCloseTo(Number(probe(video, 'format=duration')), 1);
    expect(probe(out, 'stream=nb_read_packets')).toBe(probe(video, 'stream=nb_read_packets'));
    expect(probe(out, 'stream=codec_name,nb_read_packets', 'a:0')).toBe(probe(video, 'stream=codec_name,nb_read_packets', 'a:0'));
    const atCue = compare(region(video, 1.5), region(out, 1.5));
    const atCue2 = compare(region(video, 4.3), region(out, 4.3));
    const between = compare(region(video, 3.0), region(out, 3.0));
    console.log(`burn: ${seconds.toFixed(1)} s for 6 s of ${W}x${H} (CLI start included); caption region differs: cue 1 ${atCue.changed} px (mean ${atCue.mean.toFixed(1)}), cue 2 ${atCue2.changed} px, between cues ${between.changed} px (mean ${between.mean.toFixed(2)})`);
    expect(atCue.changed).toBeGreaterThan(300);
    expect(atCue2.changed).toBeGreaterThan(300);
    expect(between.changed).toBe(0);
    expect(between.mean).toBeLessThan(1.5);
    // The caption is in the bottom region only: the top of the frame is the source's.
    const top = compare(ff(['-i', video, '-ss', '1.5', '-frames:v', '1', '-vf', `crop=${W}:${H / 3}:0:0,format=gray`, '-f', 'rawvideo', '-']), ff(['-i', out, '-ss', '1.5', '-frames:v', '1', '-vf', `crop=${W}:${H / 3}:0:0,format=gray`, '-f', 'rawvideo', '-']));
    expect(top.changed).toBe(0);

    // Run again: the result is never replaced without --overwrite.
    const before = statSync(out).mtimeMs;
    const again = await runCli(['burn', srt, '--encoder', 'software'], env());
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('already exists; nothing was rendered')]);
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it('renders a preview frame with the style, the same pixels the burn draws', async () => {
    const frame = join(root, 'frame.png');
    const r = await runCli(['burn', srt, '--video', video, '--style', 'boxed', '--preview', '1.5', '--out', frame], env());
    expect([r.code, r.stderr]).toEqual([0, expect.stringContaining(`wrote ${frame} (320×180, at 0:01)`)]);
    expect(readFileSync(frame).subarray(1, 4).toString()).toBe('PNG');
    const preview = ff(['-i', frame, '-vf', `crop=${W}:${H / 3}:0:${(2 * H) / 3},format=gray`, '-f', 'rawvideo', '-']);
    const vsSource = compare(region(video, 1.5), preview);
    const vsBurned = compare(region(join(dir, '演讲 talk.captioned.mp4'), 1.5), preview);
    console.log(`preview: differs from the source in ${vsSource.changed} px, from the burned frame in ${vsBurned.changed} px (mean ${vsBurned.mean.toFixed(2)})`);
    expect(vsSource.changed).toBeGreaterThan(300);
    expect(vsBurned.mean).toBeLessThan(3); // only the encoder's loss
    const between = join(root, 'between.png');
    await runCli(['burn', srt, '--preview', '3', '--out', between], env());
    expect(compare(region(video, 3), ff(['-i', between, '-vf', `crop=${W}:${H / 3}:0:${(2 * H) / 3},format=gray`, '-f', 'rawvideo', '-'])).changed).toBe(0);
  });

  it('falls back to libx264 when the hardware encoder passes the trial but fails the render', async () => {
    const log = join(root, 'nvenc.log');
    const wrapper = join(root, 'nvenc-ffmpeg.sh');
    // Lists h264_nvenc like a real build and passes the tiny trial, then fails on the real video.
    writeFileSync(wrapper, `#!/bin/sh\ncase "$*" in\n  *h264_nvenc*"-f null"*) exit 0;;\n  *h264_nvenc*) printf '%s\\n' "$*" >> '${log}'; echo "[h264_nvenc @ 0x1] OpenEncodeSessionEx failed: unsupported device (2): (no details)" >&2; exit 1;;\nesac\nexec ${FFMPEG} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const out = join(root, 'fallback.mp4');
    const r = await runCli(['burn', srt, '--video', video, '--out', out, '--quality', 'small'], env({ CAPTIONER_FFMPEG: wrapper }));
    expect(r.code).toBe(0);
    expect(readFileSync(log, 'utf8')).toContain('h264_nvenc'); // the hardware encoder was really tried first
    expect(r.stderr).toMatch(/hardware encoder failed, fell back: h264_nvenc: .*OpenEncodeSessionEx failed/);
    expect(r.stdout).toContain(`✓ ${out} (libx264, small)`);
    expect(probe(out, 'stream=codec_name')).toBe('h264');
    expect(probe(out, 'stream=nb_read_packets')).toBe(probe(video, 'stream=nb_read_packets'));
    expect(compare(region(video, 1.5), region(out, 1.5)).changed).toBeGreaterThan(50); // standard style: outlined text, no box
    expect(readdirSync(root).filter((n) => n.includes('burn-part'))).toEqual([]);
  });

  it('cancel (Ctrl-C) stops the render and leaves no file under either name', async () => {
    const out = join(root, 'cancel', 'canceled.mp4');
    const run = startCli(['burn', srt, '--video', video, '--out', out, '--encoder', 'software'], env({ CAPTIONER_FFMPEG: slowFfmpeg() }));
    let err = '';
    run.child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    // Canceled while ffmpeg is writing its temp file.
    await expect.poll(() => existsSync(join(root, 'cancel')) && readdirSync(join(root, 'cancel')).some((n) => n.endsWith('.burn-part')), { timeout: 60_000, interval: 100 }).toBe(true);
    expect(err).toMatch(/burning canceled\.mp4: \d+%/);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect([r.code, r.stderr]).toEqual([130, expect.stringContaining('Canceled; no video was written.')]);
    expect(readdirSync(join(root, 'cancel'))).toEqual([]);
  });

  it('a burn killed with SIGKILL finishes on the rerun with one complete output and no leftovers', async () => {
    const outDir = join(root, 'resume 续');
    const out = join(outDir, '结果 "final".mp4');
    const args = ['burn', srt, '--video', video, '--out', out, '--encoder', 'software'];
    const run = startCli(args, env({ CAPTIONER_FFMPEG: slowFfmpeg() }));
    let err = '';
    run.child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    await expect.poll(() => existsSync(outDir) && readdirSync(outDir).some((n) => n.endsWith('.burn-part')), { timeout: 60_000, interval: 100 }).toBe(true);
    expect(err).toMatch(/burning .*: \d+%/);
    const part = readdirSync(outDir).find((n) => n.endsWith('.burn-part'));
    expect(part).toBeDefined();
    run.child.kill('SIGKILL');
    await run.done;
    // Its ffmpeg lives on as an orphan, still writing the temp file; the final name does not exist.
    const orphan = execFileSync('pgrep', ['-f', part as string], { encoding: 'utf8' }).trim();
    expect(orphan).not.toBe('');
    expect(existsSync(out)).toBe(false);

    const r = await runCli(args, env());
    expect(r.stderr).toContain('an interrupted burn-in of this video is restarted');
    expect(r.code).toBe(0);
    expect(listing(outDir)).toEqual(['结果 "final".mp4']);
    expect(() => execFileSync('pgrep', ['-f', part as string])).toThrow(); // the orphan was ended
    expect(probe(out, 'stream=nb_read_packets')).toBe(probe(video, 'stream=nb_read_packets'));
    expect(Number(probe(out, 'format=duration'))).toBeCloseTo(Number(probe(video, 'format=duration')), 1);
    expect(compare(region(video, 4.3), region(out, 4.3)).changed).toBeGreaterThan(50);
  });

  it('works with the ffmpeg the installers ship (an older build without -fps_mode)', async () => {
    const bundled = join(import.meta.dirname, '..', '..', 'node_modules', '@ffmpeg-installer', `${process.platform}-${process.arch}`, process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg');
    if (!existsSync(bundled)) return; // the installer package has no binary for this platform
    const out = join(root, 'bundled.mp4');
    const r = await runCli(['burn', srt, '--video', video, '--out', out, '--style', 'boxed', '--encoder', 'software'], env({ CAPTIONER_FFMPEG: bundled }));
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringContaining('✗')]);
    expect(probe(out, 'stream=nb_read_packets')).toBe(probe(video, 'stream=nb_read_packets'));
    expect(compare(region(video, 1.5), region(out, 1.5)).changed).toBeGreaterThan(300);
    expect(compare(region(video, 3), region(out, 3)).changed).toBe(0);
  });

  it('burns a library transcript by id prefix, its source video found from the library', async () => {
    const imp = await runCli(['library', 'import', srt], env());
    const prefix = /^([0-9a-f]{8})\s/m.exec(imp.stdout)?.[1] as string;
    expect(prefix).toMatch(/^[0-9a-f]{8}$/);
    const out = join(root, 'by-id.mkv');
    const r = await runCli(['burn', prefix, '--out', out, '--style', 'vertical', '--encoder', 'software', '--quality', 'small'], env());
    expect([r.code, r.stdout]).toEqual([0, `✓ ${out} (libx264, small)\n`]);
    expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name', '-of', 'csv=p=0', out], { encoding: 'utf8' }).trim()).toBe('"matroska,webm"'); // csv quotes a value with a comma
    expect(probe(out, 'stream=nb_read_packets')).toBe(probe(video, 'stream=nb_read_packets'));
    const help = await runCli(['burn', '--help'], env());
    expect(help.stdout).toContain('--preview TIME --out frame.png');
  });

  it('refuses clearly: no video, an audio file, a bad option', async () => {
    const lone = join(root, 'lone.srt');
    writeFileSync(lone, '1\n00:00:00,000 --> 00:00:01,000\nx\n');
    const noVideo = await runCli(['burn', lone], env());
    expect([noVideo.code, noVideo.stderr]).toEqual([2, expect.stringContaining('No video for')]);
    const wav = join(root, 'a.wav');
    ff(['-f', 'lavfi', '-i', 'sine=d=1', '-y', wav]);
    const audio = await runCli(['burn', lone, '--video', wav], env());
    expect([audio.code, audio.stderr]).toEqual([1, expect.stringMatching(/has no video picture.*\[NO_VIDEO\]/)]);
    const bad = await runCli(['burn', lone, '--video', video, '--quality', 'ultra'], env());
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--quality must be high, balanced, small')]);
  });
});
