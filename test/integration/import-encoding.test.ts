/**
 * The app's encoding choice, through the real API and a real SQLite library: an import whose
 * encoding is a close call comes back with candidates and previews; importing again with the
 * chosen encoding replaces the first transcript with exact text. Also the export file name
 * follows the name template setting.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp } from '../../src-main/node/app';
import type { Output } from '../../src-main/shared/ipc/contract';

type Imported = Output<'library:import'>;

const dir = mkdtempSync(join(tmpdir(), 'import-encoding-'));
const app = openApp({ home: join(dir, 'home'), env: { ...process.env, DASHSCOPE_API_KEY: '' } });
const api = createApi(app, { version: 'test', transport: 'websocket' });
afterAll(() => app.close());

describe('choosing the encoding of an uncertain import', () => {
  it('offers candidates with previews, and re-reads the file with the chosen one, replacing the first import', async () => {
    const file = join(dir, 'latin.srt');
    writeFileSync(file, iconv.encode('1\n00:00:01,000 --> 00:00:02,000\nCafé crème, déjà vu — naïve façade.\n', 'windows-1252'));
    const first = await api.call('library:import', { paths: [file] });
    if (!first.ok) throw new Error(first.error.message);
    const r = (first.value as Imported)[0]!;
    expect(r.candidates?.length).toBeGreaterThan(1);
    const right = r.candidates!.find((c) => c.encoding === 'windows-1252');
    expect(right?.preview).toBe('Café crème, déjà vu — naïve façade.');
    expect(r.candidates!.some((c) => c.preview !== right?.preview)).toBe(true);
    const again = await api.call('library:import', { paths: [file], encoding: 'windows-1252', replaces: r.transcriptId });
    if (!again.ok) throw new Error(again.error.message);
    const second = (again.value as Imported)[0]!;
    expect(second.candidates).toBeUndefined();
    const list = app.transcripts.list();
    expect(list.map((t) => t.id)).toEqual([second.transcriptId]);
    expect(app.transcripts.track(second.transcriptId!)!.cues[0]!.lines).toEqual(['Café crème, déjà vu — naïve façade.']);
  });

  it('names downloads by the template setting and rejects a bad template', async () => {
    const id = app.transcripts.list()[0]!.id;
    expect(await api.call('settings:set', { exportNameTemplate: '{name}.{lang}.{format}' })).toMatchObject({ ok: true });
    const exp = await api.call('transcript:export', { id, options: { format: 'ttml' } });
    expect(exp).toMatchObject({ ok: true, value: { fileName: 'latin.en.ttml', mime: 'application/ttml+xml; charset=utf-8' } });
    expect(await api.call('settings:set', { exportNameTemplate: '{name}.txt' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
