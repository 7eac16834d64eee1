import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src-main/node/api';
import { openApp } from '../../src-main/node/app';

/** translation:speakerNames (the glossary's suggestions) over a real SQLite library. */
const home = mkdtempSync(join(tmpdir(), 'speaker-names-'));
const app = openApp({ home, env: { CAPTIONER_HOME: home } });
const api = createApi(app, { version: 'test', transport: 'websocket' });
afterAll(() => app.close());

const add = (names: string[]) =>
  app.transcripts.create({
    title: names.join(', '),
    track: { speakers: names.map((name, id) => ({ id, name })), cues: names.map((_, id) => ({ id: `c${id + 1}`, start: id * 2000, end: id * 2000 + 1500, lines: ['Hello.'], words: [], speaker: id })) },
    presetId: 'netflix-en',
    durationMs: 10_000,
  });

describe('speaker names across the library', () => {
  it('lists the names people gave, most used first, without the default "Speaker N" names; bounded and validated', async () => {
    add(['Alex Chen', 'Speaker 2', '王教授']);
    add(['Alex Chen', 'Maria', '  ']);
    add(['Alex Chen', 'Maria', 'Speaker 12', '说话人 3']);
    add(['Zoë', 'Maria ']);
    const r = await api.call('translation:speakerNames', {});
    expect(r).toEqual({ ok: true, value: ['Alex Chen', 'Maria', 'Zoë', '王教授'] });
    expect(await api.call('translation:speakerNames', { limit: 2 })).toEqual({ ok: true, value: ['Alex Chen', 'Maria'] });
    // The renderer is untrusted: a limit past 200, or of the wrong type, is refused.
    for (const bad of [{ limit: 201 }, { limit: 0 }, { limit: '5' }, { limit: 1.5 }]) {
      const no = await api.call('translation:speakerNames', bad);
      expect(no.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('gives at most 200 names however many the library holds', async () => {
    for (let k = 0; k < 30; k++) add(Array.from({ length: 10 }, (_, i) => `Guest ${k}-${i}`));
    const r = await api.call('translation:speakerNames', {});
    if (!r.ok) throw new Error(r.error.message);
    const names = r.value as string[];
    expect(names).toHaveLength(200);
    expect(names.slice(0, 2)).toEqual(['Alex Chen', 'Maria']);
    expect(new Set(names).size).toBe(200);
  });
});
