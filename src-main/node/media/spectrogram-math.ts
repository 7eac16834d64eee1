import FFT from 'fft.js';

/** Sample rate the audio is decoded at: speech up to 8 kHz, sibilants included. */
export const SPECTRO_SAMPLE_RATE = 16_000;
/** Frequency bands (mel-spaced, 0–8 kHz) per column. */
export const SPECTRO_BANDS = 48;
const FFT_SIZE = 512;
const HOP = 256;

/** Columns per second: detailed for short files, at most ~96k columns (4.6 MB) for 12 h. */
export const spectroRate = (durationMs: number): number => Math.max(1, Math.min(50, Math.floor(96_000 / Math.max(1, durationMs / 1000))));

const mel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const hz = (m: number): number => 700 * (10 ** (m / 2595) - 1);

/** FFT bins [lo, hi) summed into each mel band; every band gets at least one bin. */
function bandBins(): [number, number][] {
  const top = mel(SPECTRO_SAMPLE_RATE / 2);
  const binHz = SPECTRO_SAMPLE_RATE / FFT_SIZE;
  const out: [number, number][] = [];
  for (let k = 0; k < SPECTRO_BANDS; k++) {
    const lo = Math.max(1, Math.round(hz((top * k) / SPECTRO_BANDS) / binHz));
    const hi = Math.min(FFT_SIZE / 2, Math.max(lo + 1, Math.round(hz((top * (k + 1)) / SPECTRO_BANDS) / binHz)));
    out.push([Math.min(lo, hi - 1), hi]);
  }
  return out;
}

/**
 * A spectrogram built while the PCM streams in (signed 16-bit mono), in bounded memory: a Hann-
 * windowed FFT every 256 samples, its power summed into mel bands and averaged per column; `finish`
 * turns the columns into bytes (0 = quietest, 255 = loudest of this file) in column-major order.
 */
export class SpectrogramAccumulator {
  private readonly fft = new FFT(FFT_SIZE);
  private readonly spectrum = this.fft.createComplexArray() as number[];
  private readonly frame = new Float64Array(FFT_SIZE);
  private readonly ring = new Float32Array(FFT_SIZE);
  private readonly hann = Float64Array.from({ length: FFT_SIZE }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FFT_SIZE - 1)));
  private readonly bands = bandBins();
  private readonly samplesPerColumn: number;
  private db: Float32Array;
  private sums = new Float64Array(SPECTRO_BANDS);
  private frames = 0;
  private column = 0;
  private filled = 0;
  private carry: number | null = null;

  constructor(readonly perSecond: number, expectedColumns = 1024) {
    this.samplesPerColumn = SPECTRO_SAMPLE_RATE / perSecond;
    this.db = new Float32Array(Math.max(1, expectedColumns) * SPECTRO_BANDS);
  }

  /** Raw little-endian s16 bytes; a chunk may end in the middle of a sample. */
  push(chunk: Uint8Array): void {
    let i = 0;
    if (this.carry !== null && chunk.length) {
      this.sample(((chunk[0] as number) << 8) | this.carry);
      this.carry = null;
      i = 1;
    }
    for (; i + 1 < chunk.length; i += 2) this.sample(((chunk[i + 1] as number) << 8) | (chunk[i] as number));
    if (i < chunk.length) this.carry = chunk[i] as number;
  }

  private sample(u16: number): void {
    this.ring[this.filled++ % FFT_SIZE] = (u16 > 32767 ? u16 - 65536 : u16) / 32768;
    if (this.filled >= FFT_SIZE && (this.filled - FFT_SIZE) % HOP === 0) this.analyse();
  }

  private analyse(): void {
    const start = this.filled % FFT_SIZE;
    for (let i = 0; i < FFT_SIZE; i++) this.frame[i] = (this.ring[(start + i) % FFT_SIZE] as number) * (this.hann[i] as number);
    this.fft.realTransform(this.spectrum, this.frame);
    // The frame's centre decides its column, so columns stay aligned with time.
    const col = Math.floor((this.filled - FFT_SIZE / 2) / this.samplesPerColumn);
    while (col > this.column) this.closeColumn();
    const s = this.spectrum;
    for (let k = 0; k < SPECTRO_BANDS; k++) {
      const [lo, hi] = this.bands[k] as [number, number];
      let p = 0;
      for (let b = lo; b < hi; b++) p += (s[2 * b] as number) ** 2 + (s[2 * b + 1] as number) ** 2;
      this.sums[k] = (this.sums[k] as number) + p / (hi - lo);
    }
    this.frames++;
  }

  private closeColumn(): void {
    if ((this.column + 1) * SPECTRO_BANDS > this.db.length) {
      const grown = new Float32Array(this.db.length * 2);
      grown.set(this.db);
      this.db = grown;
    }
    const base = this.column * SPECTRO_BANDS;
    for (let k = 0; k < SPECTRO_BANDS; k++) this.db[base + k] = 10 * Math.log10((this.frames ? (this.sums[k] as number) / this.frames : 0) + 1e-12);
    this.sums.fill(0);
    this.frames = 0;
    this.column++;
  }

  finish(): Uint8Array {
    if (this.frames) this.closeColumn();
    const n = this.column * SPECTRO_BANDS;
    const values = this.db.subarray(0, n);
    // The file's own range: the quiet floor maps to 0, its loudest moments to 255.
    const sample = Float32Array.from({ length: Math.min(n, 20_000) }, (_, i) => values[Math.floor((i * n) / Math.min(n, 20_000))] as number).sort();
    const lo = sample[Math.floor(sample.length * 0.05)] ?? -120;
    const hi = Math.max(sample[Math.floor(sample.length * 0.995)] ?? 0, lo + 40);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, Math.round((((values[i] as number) - lo) / (hi - lo)) * 255)));
    return out;
  }
}
