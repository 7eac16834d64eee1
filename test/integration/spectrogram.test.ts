import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateTools } from '../../src-main/node/media/locate';
import { spectrogram } from '../../src-main/node/media/spectrogram';
import { SPECTRO_BANDS, SpectrogramAccumulator, spectroRate } from '../../src-main/node/media/spectrogram-math';

const loudestBand = (data: Uint8Array, col: number): number => {
  let best = 0;
  for (let b = 1; b < SPECTRO_BANDS; b++) if (data[col * SPECTRO_BANDS + b]! > data[col * SPECTRO_BANDS + best]!) best = b;
  return best;
};

describe('spectrogram', () => {
  it('stays bounded for 12 h and detailed for short files', () => {
    expect(spectroRate(60_000)).toBe(50);
    expect(spectroRate(12 * 3600_000) * 12 * 3600 * SPECTRO_BANDS).toBeLessThanOrEqual(5_000_000);
  });

  it('gives the same columns however the PCM is chunked (odd byte boundaries included)', () => {
    const pcm = new Uint8Array(16_000 * 2);
    const view = new DataView(pcm.buffer);
    for (let i = 0; i < 16_000; i++) view.setInt16(i * 2, Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000)), true);
    const whole = new SpectrogramAccumulator(20);
    whole.push(pcm);
    const split = new SpectrogramAccumulator(20);
    for (let i = 0; i < pcm.length; i += 333) split.push(pcm.subarray(i, i + 333));
    const a = whole.finish();
    expect(a.length).toBe(20 * SPECTRO_BANDS);
    expect(split.finish()).toEqual(a);
  });

  it('finds a tone that rises from 500 Hz to 3 kHz in a real file decoded by ffmpeg, and caches it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const file = join(dir, 'tones.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=500:d=2', '-f', 'lavfi', '-i', 'sine=f=3000:d=2', '-filter_complex', '[0:a][1:a]concat=n=2:v=0:a=1', '-c:a', 'aac', file]);
    const cache = join(dir, 'cache');
    const s = await spectrogram(file, 4000, locateTools(), cache);
    expect(s.bands).toBe(SPECTRO_BANDS);
    expect(s.perSecond).toBe(50);
    const columns = s.data.length / s.bands;
    expect(Math.abs(columns - 200)).toBeLessThanOrEqual(3);
    const low = loudestBand(s.data, 50);
    const high = loudestBand(s.data, 150);
    expect(high).toBeGreaterThan(low + 8);
    // Mel-spaced bands over 0–8 kHz: each tone lands in the band its frequency falls in.
    const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
    const band = (f: number) => Math.floor((mel(f) / mel(8000)) * SPECTRO_BANDS);
    expect(Math.abs(low - band(500))).toBeLessThanOrEqual(1);
    expect(Math.abs(high - band(3000))).toBeLessThanOrEqual(1);
    expect(s.data[50 * s.bands + low]).toBe(255);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(await spectrogram(file, 4000, locateTools(), cache)).toEqual(s);
  });
});
