/**
 * Caption files through the real CLI and a real SQLite library: WebVTT cue ids, REGION, STYLE and
 * NOTE blocks survive import → export; an uncertain legacy encoding is flagged with a preview and
 * read exactly with --encoding; every new format exports and imports back.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'captioner-formats-cli-'));
const env = { CAPTIONER_HOME: join(dir, 'home'), DASHSCOPE_API_KEY: '' };
const idOf = (stdout: string): string => stdout.trim().split(/\s+/)[0] as string;

describe('captioner library import/export of caption formats', () => {
  it('keeps WebVTT cue ids, REGION, STYLE and NOTE blocks through import → export', async () => {
    const vtt = 'WEBVTT\n\nREGION\nid:left width:40% lines:3\n\nSTYLE\n::cue { color: yellow }\n\nNOTE written by hand\n\nintro\n00:00:01.000 --> 00:00:02.000 region:left align:start\nHello &amp; welcome\n\n00:00:03.000 --> 00:00:04.000\n<v.loud Ann>Second</v>\n';
    const file = join(dir, 'ids.vtt');
    writeFileSync(file, vtt);
    const imp = await runCli(['library', 'import', file], env);
    expect(imp.code).toBe(0);
    const out = join(dir, 'ids-out.vtt');
    const exp = await runCli(['library', 'export', idOf(imp.stdout), '--format', 'vtt', '--out', out], env);
    expect(exp.code).toBe(0);
    const back = readFileSync(out, 'utf8');
    expect(back).toContain('REGION\nid:left width:40% lines:3');
    expect(back).toContain('STYLE\n::cue { color: yellow }');
    expect(back).toContain('NOTE written by hand');
    expect(back).toContain('intro\n00:00:01.000 --> 00:00:02.000 region:left align:start\nHello &amp; welcome');
    expect(back).toContain('<v Ann>Second</v>');
  });

  it('flags an uncertain encoding with a preview, and reads it exactly with --encoding', async () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nCafé crème, déjà vu — naïve façade.\n';
    const file = join(dir, 'latin.srt');
    writeFileSync(file, iconv.encode(text, 'windows-1252'));
    const guess = await runCli(['library', 'import', file], env);
    expect(guess.code).toBe(0);
    expect(guess.stdout).toMatch(/check line 0: The text encoding is uncertain/);
    expect(guess.stdout).toContain('first lines as read:');
    const bad = await runCli(['library', 'import', file, '--encoding', 'klingon'], env);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--encoding "klingon" is not an encoding')]);
    const sure = await runCli(['library', 'import', file, '--encoding', 'cp1252'], env);
    expect(sure.stdout).not.toContain('uncertain');
    const show = await runCli(['library', 'show', idOf(sure.stdout)], env);
    expect(show.stdout).toContain('Café crème, déjà vu — naïve façade.');
  });

  it.each(['ass', 'ssa', 'ttml', 'sbv', 'lrc', 'fcpxml'])('exports %s and imports it back with the same text', async (format) => {
    const src = join(dir, `src-${format}.srt`);
    writeFileSync(src, '1\n00:00:01,000 --> 00:00:02,500\nA --> B & <i>tags</i>\n\n2\n00:00:03,000 --> 00:00:04,000\n中文字幕\n');
    const imp = await runCli(['library', 'import', src], env);
    const out = join(dir, `out.${format}`);
    expect((await runCli(['library', 'export', idOf(imp.stdout), '--format', format, '--out', out], env)).code).toBe(0);
    const again = await runCli(['library', 'import', out], env);
    expect(again.code).toBe(0);
    const show = await runCli(['library', 'show', idOf(again.stdout)], env);
    expect(show.stdout).toContain('A --> B & tags');
    expect(show.stdout).toContain('中文字幕');
  });

  it('exports into a folder by the name template, and never overwrites without --overwrite', async () => {
    const src = join(dir, 'named.srt');
    writeFileSync(src, '1\n00:00:01,000 --> 00:00:02,000\nHello\n');
    const id = idOf((await runCli(['library', 'import', src], env)).stdout);
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    const first = await runCli(['library', 'export', id, '--format', 'ass', '--out', folder, '--name', '{title}.{lang}.{format}'], env);
    expect([first.code, first.stderr.trim()]).toEqual([0, `wrote ${join(folder, 'named.en.ass')}`]);
    writeFileSync(join(folder, 'named.en.ass'), 'mine');
    const again = await runCli(['library', 'export', id, '--format', 'ass', '--out', folder, '--name', '{title}.{lang}.{format}'], env);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('already exists; nothing written')]);
    expect(readFileSync(join(folder, 'named.en.ass'), 'utf8')).toBe('mine');
    const forced = await runCli(['library', 'export', id, '--format', 'ass', '--out', folder, '--name', '{title}.{lang}.{format}', '--overwrite'], env);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(folder, 'named.en.ass'), 'utf8')).toContain('[Script Info]');
    const bad = await runCli(['library', 'export', id, '--format', 'ass', '--out', folder, '--name', '{name}.txt'], env);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('must end in {format}')]);
  });
});

