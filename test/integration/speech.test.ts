import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateTools } from '../../src-main/node/media/locate';
import { shotChanges, shotsFromLog } from '../../src-main/node/media/shots';
import { parseRate, speechFromSilences, speechMap } from '../../src-main/node/media/speech';
import { durationOf, speech, wrap } from '../helpers/media';

describe('speech map for the coverage check', () => {
  it('reads silencedetect output into sounding stretches', () => {
    const log = '[silencedetect @ 0x1] silence_start: 0\n[silencedetect @ 0x1] silence_end: 1.5 | silence_duration: 1.5\n[silencedetect @ 0x1] silence_start: 4.25\n';
    expect(speechFromSilences(log, 6000)).toEqual([[1500, 4250]]);
    expect(speechFromSilences('', 3000)).toEqual([[0, 3000]]);
    expect([parseRate('30000/1001'), parseRate('25/1'), parseRate('0/0'), parseRate(undefined)]).toEqual([29.97, 25, null, null]);
  });

  it('finds the spoken sentences of a real video with ffmpeg, caches them, and reads the frame rate', async () => {
    const wav = speech(['The first sentence is spoken here.', 'And after a long pause, the second one.'], { gapMs: 3000, leadMs: 1500 });
    const video = wrap(wav, join(mkdtempSync(join(tmpdir(), 'speech-')), 'talk.mp4'), { ext: 'mp4' });
    const cache = mkdtempSync(join(tmpdir(), 'speech-cache-'));
    const dur = durationOf(video);
    const map = await speechMap(video, dur, locateTools(), cache);
    expect(map.frameRate).toBe(25);
    expect(map.speech.length).toBeGreaterThanOrEqual(2);
    const [first] = map.speech;
    expect(first![0]).toBeGreaterThan(1200); // the lead-in is silent
    expect(first![0]).toBeLessThan(1900);
    // The pause between the sentences is not speech.
    const pause = map.speech.findIndex(([, e], k) => (map.speech[k + 1]?.[0] ?? 0) - e > 2000);
    expect(pause).toBeGreaterThanOrEqual(0);
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(await speechMap(video, dur, locateTools(), cache)).toEqual(map);
    const audio = wrap(wav, join(mkdtempSync(join(tmpdir(), 'speech-')), 'talk.m4a'), { ext: 'm4a' });
    expect((await speechMap(audio, dur, locateTools(), cache)).frameRate).toBeNull();
    expect(existsSync(cache)).toBe(true);
  });
});

describe('shot changes', () => {
  it('reads showinfo times and finds the cuts of a real video', async () => {
    expect(shotsFromLog('[Parsed_showinfo_2 @ 0x1] n:0 pts:50 pts_time:2.04 duration:1\n[Parsed_showinfo_2] n:1 pts_time:2.1\n[x] n:2 pts_time:5.5\n')).toEqual([2040, 5500]);
    const dir = mkdtempSync(join(tmpdir(), 'shots-'));
    const video = join(dir, 'cuts.mp4');
    // Three shots: red, then a test pattern at 2 s, then blue at 4.5 s.
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=320x180:r=25:d=2', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=2.5', '-f', 'lavfi', '-i', 'color=c=blue:s=320x180:r=25:d=2',
      '-filter_complex', '[0:v][1:v][2:v]concat=n=3:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', video]);
    const cache = join(dir, 'cache');
    const shots = await shotChanges(video, locateTools(), cache);
    expect(shots).toHaveLength(2);
    expect(Math.abs(shots[0]! - 2000)).toBeLessThanOrEqual(40);
    expect(Math.abs(shots[1]! - 4500)).toBeLessThanOrEqual(40);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(await shotChanges(video, locateTools(), cache)).toEqual(shots);
  });
});
