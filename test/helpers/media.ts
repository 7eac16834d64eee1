import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Generated media are cached per content, so repeated test runs do not re-synthesize speech. */
const CACHE = join(tmpdir(), 'captioner-test-media');

const run = (cmd: string, args: string[]): void => {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

/**
 * Speaks sentences with espeak-ng, each followed by silence, after a short lead-in: the
 * emulator's speech detection then finds one segment per sentence.
 */
export function speech(sentences: string[], opts: { voice?: string; gapMs?: number; leadMs?: number } = {}): string {
  mkdirSync(CACHE, { recursive: true });
  const gap = opts.gapMs ?? 900;
  const lead = opts.leadMs ?? 500;
  const key = createHash('sha1').update(JSON.stringify([sentences, opts])).digest('hex').slice(0, 16);
  const out = join(CACHE, `speech-${key}.wav`);
  if (existsSync(out)) return out;
  const parts = sentences.map((s, i) => {
    const p = join(CACHE, `${key}-${i}.wav`);
    run('espeak-ng', ['-v', opts.voice ?? 'en', '-s', '165', '-w', p, s]);
    return p;
  });
  const inputs = parts.flatMap((p) => ['-i', p]);
  const chain = parts.map((_, i) => `[${i}:a]aresample=16000,${i === 0 ? `adelay=${lead},` : ''}apad=pad_dur=${gap / 1000}[a${i}]`).join(';');
  const concat = `${parts.map((_, i) => `[a${i}]`).join('')}concat=n=${parts.length}:v=0:a=1[out]`;
  run('ffmpeg', ['-v', 'error', '-y', ...inputs, '-filter_complex', `${chain};${concat}`, '-map', '[out]', '-ac', '1', '-c:a', 'pcm_s16le', out]);
  for (const p of parts) rmSync(p, { force: true });
  return out;
}

export interface WrapOptions {
  /** Container by extension: mp4, mkv, mov, webm, mp3, wav, m4a, ogg, flac. */
  ext: string;
  /** Add a lavfi test-pattern video track (video containers only). */
  video?: boolean;
  /** Delay the audio stream's start inside the container. */
  audioOffsetMs?: number;
  /** Stereo with the speech on one side only, or on both. */
  stereo?: 'left' | 'right' | 'both';
}

/** Wraps a speech WAV into a container at `dest` (any file name, Unicode included). */
export function wrap(speechWav: string, dest: string, o: WrapOptions): string {
  mkdirSync(CACHE, { recursive: true });
  const key = createHash('sha1').update(JSON.stringify([speechWav, o])).digest('hex').slice(0, 16);
  const cached = join(CACHE, `wrapped-${key}.${o.ext}`);
  if (!existsSync(cached)) {
    const args = ['-v', 'error', '-y'];
    const video = o.video ?? ['mp4', 'mkv', 'mov', 'webm'].includes(o.ext);
    if (video) args.push('-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25');
    if (o.audioOffsetMs) args.push('-itsoffset', String(o.audioOffsetMs / 1000));
    args.push('-i', speechWav);
    const a = video ? 1 : 0;
    const pan = o.stereo === 'left' ? 'pan=stereo|c0=c0|c1=0*c0' : o.stereo === 'right' ? 'pan=stereo|c0=0*c0|c1=c0' : o.stereo === 'both' ? 'pan=stereo|c0=c0|c1=c0' : null;
    if (pan) args.push('-af', pan);
    if (video) args.push('-map', '0:v', '-map', `${a}:a`, '-shortest', '-c:v', o.ext === 'webm' ? 'libvpx' : 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
    const codec: Record<string, string[]> = {
      mp4: ['-c:a', 'aac'], mov: ['-c:a', 'aac'], m4a: ['-c:a', 'aac'], mkv: ['-c:a', 'libopus'], webm: ['-c:a', 'libopus'],
      mp3: ['-c:a', 'libmp3lame', '-b:a', '64k'], wav: ['-c:a', 'pcm_s16le'], ogg: ['-c:a', 'libvorbis'], flac: ['-c:a', 'flac'],
    };
    args.push(...(codec[o.ext] ?? []), cached);
    // -shortest ends the endless test pattern with the audio.
    run('ffmpeg', args);
  }
  copyFileSync(cached, dest);
  return dest;
}

export const durationOf = (path: string): number =>
  Math.round(Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path]).toString().trim()) * 1000);

/**
 * A silent WAV of `seconds` at 1 kHz 8-bit mono: 13 h is 47 MB and written in a blink, a cheap
 * stand-in for a very long recording.
 */
export function silentWav(dest: string, seconds: number): string {
  const dataBytes = Math.round(seconds * 1000);
  const h = Buffer.alloc(44 + dataBytes, 128);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(1000, 24);
  h.writeUInt32LE(1000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36);
  h.writeUInt32LE(dataBytes, 40);
  writeFileSync(dest, h);
  return dest;
}
