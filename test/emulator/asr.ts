import { spawn } from 'node:child_process';

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => chunks.push(c));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('error', (e) => resolve({ code: -1, stdout: Buffer.alloc(0), stderr: e.message }));
    p.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

export interface AudioFacts {
  codec: string;
  channels: number;
  sampleRate: number;
  durationMs: number;
}

/** What the service reports in `properties`; null when the file is not decodable audio. */
export async function probeAudio(path: string): Promise<AudioFacts | null> {
  const r = await run(process.env.CAPTIONER_FFPROBE ?? 'ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_streams', '-show_format', '-of', 'json', path]);
  if (r.code !== 0) return null;
  try {
    const j = JSON.parse(r.stdout.toString()) as { streams?: { codec_name?: string; channels?: number; sample_rate?: string; duration?: string }[]; format?: { duration?: string } };
    const s = j.streams?.[0];
    if (!s) return null;
    const seconds = Number(s.duration ?? j.format?.duration ?? 0);
    return { codec: s.codec_name ?? 'unknown', channels: s.channels ?? 1, sampleRate: Number(s.sample_rate ?? 16000), durationMs: Math.round(seconds * 1000) };
  } catch {
    return null;
  }
}

/** Decodes one channel to 16 kHz mono s16le PCM; null when ffmpeg cannot decode it. */
export async function decodeChannel(path: string, channel: number): Promise<Int16Array | null> {
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-map', '0:a:0', '-af', `pan=mono|c0=c${channel}`, '-ar', '16000', '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
  const r = await run(process.env.CAPTIONER_FFMPEG ?? 'ffmpeg', args);
  if (r.code !== 0 || r.stdout.length < 2) return null;
  const copy = new Uint8Array(r.stdout.length - (r.stdout.length % 2));
  copy.set(r.stdout.subarray(0, copy.length));
  return new Int16Array(copy.buffer);
}

export interface Segment {
  start: number;
  end: number;
}

/**
 * Energy-based speech detection: 20 ms frames whose RMS is well above the quietest frames,
 * gaps under 300 ms bridged, blips under 120 ms dropped.
 */
export function speechSegments(pcm: Int16Array, sampleRate = 16000): Segment[] {
  const frame = Math.round(sampleRate * 0.02);
  const db: number[] = [];
  for (let i = 0; i + frame <= pcm.length; i += frame) {
    let sum = 0;
    for (let k = i; k < i + frame; k++) sum += (pcm[k] as number) ** 2;
    db.push(10 * Math.log10(sum / frame / 32768 ** 2 + 1e-12));
  }
  if (!db.length) return [];
  const sorted = [...db].sort((a, b) => a - b);
  const floor = sorted[Math.floor(sorted.length * 0.1)] as number;
  const threshold = Math.max(-50, floor + 15);
  const raw: Segment[] = [];
  let start = -1;
  db.forEach((d, i) => {
    if (d >= threshold && start < 0) start = i;
    if ((d < threshold || i === db.length - 1) && start >= 0) {
      raw.push({ start: start * 20, end: (d < threshold ? i : i + 1) * 20 });
      start = -1;
    }
  });
  const merged: Segment[] = [];
  for (const s of raw) {
    const last = merged.at(-1);
    if (last && s.start - last.end < 300) last.end = s.end;
    else merged.push({ ...s });
  }
  return merged.filter((s) => s.end - s.start >= 120);
}

/** Makes as many segments as sentences: merges across the smallest gaps, or splits the longest. */
export function fitSegments(segments: Segment[], count: number): Segment[] {
  const segs = segments.map((s) => ({ ...s }));
  while (segs.length > count && segs.length > 1) {
    let best = 0;
    for (let i = 1; i + 1 < segs.length; i++) if ((segs[i + 1] as Segment).start - (segs[i] as Segment).end < (segs[best + 1] as Segment).start - (segs[best] as Segment).end) best = i;
    const a = segs[best] as Segment;
    const b = segs[best + 1] as Segment;
    segs.splice(best, 2, { start: a.start, end: b.end });
  }
  while (segs.length < count && segs.length) {
    let longest = 0;
    segs.forEach((s, i) => {
      if (s.end - s.start > (segs[longest] as Segment).end - (segs[longest] as Segment).start) longest = i;
    });
    const s = segs[longest] as Segment;
    const mid = Math.round((s.start + s.end) / 2);
    segs.splice(longest, 1, { start: s.start, end: mid - 40 }, { start: mid + 40, end: s.end });
  }
  return segs;
}

export interface ScriptSentence {
  text: string;
  speaker?: number;
}

interface ResultWord {
  begin_time: number;
  end_time: number;
  text: string;
  punctuation: string;
}

const CJK = /[\u3400-\u9fff]/;

/** Splits a sentence into service-style words: English words with their trailing space, Chinese in 1-2 character words; punctuation apart. */
export function serviceWords(text: string): { text: string; punctuation: string }[] {
  const out: { text: string; punctuation: string }[] = [];
  const pieces = CJK.test(text) ? text.match(/[\u3400-\u9fff]{1,2}|[A-Za-z0-9']+|[^\s\u3400-\u9fffA-Za-z0-9']+/g) ?? [] : text.split(/\s+/).filter(Boolean);
  for (const p of pieces) {
    const m = /^(.*?)([,.!?;:，。！？；：、…]*)$/u.exec(p) as RegExpExecArray;
    const body = m[1] ?? '';
    const punct = m[2] ?? '';
    if (!body) {
      const last = out.at(-1);
      if (last) last.punctuation += punct;
      continue;
    }
    // As in the documented sample: "Hello " then "world" with punctuation ", " (the space moves after the mark).
    if (CJK.test(body)) out.push({ text: body, punctuation: punct });
    else out.push(punct ? { text: body, punctuation: `${punct} ` } : { text: `${body} `, punctuation: '' });
  }
  const last = out.at(-1);
  if (last) {
    last.text = last.text.trimEnd();
    last.punctuation = last.punctuation.trimEnd();
  }
  return out;
}

/** Word times spread over the segment by character count, as a real aligner roughly would. */
export function timeWords(words: { text: string; punctuation: string }[], seg: Segment): ResultWord[] {
  const total = words.reduce((n, w) => n + w.text.trim().length, 0) || 1;
  let t = seg.start;
  return words.map((w) => {
    const len = ((seg.end - seg.start) * w.text.trim().length) / total;
    const word = { begin_time: Math.round(t), end_time: Math.round(t + len), text: w.text, punctuation: w.punctuation };
    t += len;
    return word;
  });
}

/** The text of a segment when no script fits: it says what it is and how to get real text. */
export const placeholder = (k: number): string => `[emulator placeholder ${k + 1}: no script registered; start it with --script FILE]`;
