/** A spectrogram as the editor draws it (media:spectrogram, decoded once). */
export interface SpectroData {
  perSecond: number;
  bands: number;
  /** Column-major levels, low to high frequency, 0–255. */
  data: Uint8Array;
}

const hex = (c: string): [number, number, number] | null => {
  const m = /^#([0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return null;
  const n = parseInt(m[1] as string, 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
};

/**
 * 256 RGBA colours from the theme's stops (`--spec-0` … `--spec-5`, quiet to loud), so the map
 * reads on both a light and a dark panel. Cached per stop list.
 */
let lut: { key: string; table: Uint8ClampedArray } | null = null;
export function colourMap(stops: readonly string[]): Uint8ClampedArray {
  const key = stops.join();
  if (lut?.key === key) return lut.table;
  const rgb = stops.map(hex).filter((c): c is [number, number, number] => c !== null);
  const cs = rgb.length >= 2 ? rgb : [[0, 0, 0], [255, 255, 255]];
  const table = new Uint8ClampedArray(256 * 4);
  for (let v = 0; v < 256; v++) {
    const at = (v / 255) * (cs.length - 1);
    const k = Math.min(cs.length - 2, Math.floor(at));
    const f = at - k;
    const a = cs[k] as number[];
    const b = cs[k + 1] as number[];
    for (let ch = 0; ch < 3; ch++) table[v * 4 + ch] = (a[ch] as number) + ((b[ch] as number) - (a[ch] as number)) * f;
    table[v * 4 + 3] = 255;
  }
  lut = { key, table };
  return table;
}

/**
 * Draws the visible part of the spectrogram across the canvas (time left to right, low
 * frequencies at the bottom): at most one image column per pixel, the loudest of the columns
 * under it kept, so a zoomed-out view does not drop short sounds.
 */
export function drawSpectrogram(g: CanvasRenderingContext2D, s: SpectroData, view: number, span: number, w: number, h: number, map: Uint8ClampedArray, scratch: HTMLCanvasElement): void {
  const total = Math.floor(s.data.length / s.bands);
  const c0 = Math.max(0, Math.floor((view / 1000) * s.perSecond));
  const c1 = Math.min(total, Math.ceil(((view + span) / 1000) * s.perSecond));
  if (c1 <= c0) return;
  const cols = Math.max(1, Math.min(c1 - c0, Math.ceil(w)));
  scratch.width = cols;
  scratch.height = s.bands;
  const sg = scratch.getContext('2d');
  if (!sg) return;
  const img = sg.createImageData(cols, s.bands);
  const px = img.data;
  for (let x = 0; x < cols; x++) {
    const a = c0 + Math.floor(((c1 - c0) * x) / cols);
    const b = Math.max(a + 1, c0 + Math.floor(((c1 - c0) * (x + 1)) / cols));
    for (let band = 0; band < s.bands; band++) {
      let v = 0;
      for (let c = a; c < b; c++) v = Math.max(v, s.data[c * s.bands + band] as number);
      const o = ((s.bands - 1 - band) * cols + x) * 4;
      px[o] = map[v * 4] as number;
      px[o + 1] = map[v * 4 + 1] as number;
      px[o + 2] = map[v * 4 + 2] as number;
      px[o + 3] = 255;
    }
  }
  sg.putImageData(img, 0, 0);
  const x0 = ((c0 / s.perSecond) * 1000 - view) / span * w;
  const x1 = ((c1 / s.perSecond) * 1000 - view) / span * w;
  g.imageSmoothingEnabled = true;
  g.drawImage(scratch, x0, 0, x1 - x0, h);
}
