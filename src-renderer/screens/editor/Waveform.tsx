import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from '@shared/captions/model';
import { formatClock as clock } from '@shared/formats/timecode';
import type { EditorAction } from './state';

export interface PeakData {
  perSecond: number;
  data: Int8Array;
}

const WINDOW_MS = 20_000;
const EDGE_PX = 6;

interface Props {
  peaks: PeakData | null;
  /** True while the peaks are being computed (first open of a long file). */
  loading: boolean;
  track: Track;
  selected: string | null;
  time: number;
  durationMs: number;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
}

/** A 20-second window around the playhead: waveform, cue regions with draggable edges, playhead. */
export function Waveform({ peaks, loading, track, selected, time, durationMs, dispatch, seek }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ id: string; edge: 'start' | 'end'; ms: number } | null>(null);
  const view = Math.max(0, Math.min(time - WINDOW_MS / 3, Math.max(0, durationMs - WINDOW_MS)));
  const toMs = (x: number, w: number) => view + (x / w) * WINDOW_MS;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const h = c.clientHeight;
    c.width = w * dpr;
    c.height = h * dpr;
    const g = c.getContext('2d');
    if (!g) return;
    g.scale(dpr, dpr);
    const css = getComputedStyle(c);
    const color = (v: string) => css.getPropertyValue(v).trim();
    g.clearRect(0, 0, w, h);
    const x = (ms: number) => ((ms - view) / WINDOW_MS) * w;
    for (const cue of track.cues) {
      if (cue.end < view || cue.start > view + WINDOW_MS) continue;
      const start = drag?.id === cue.id && drag.edge === 'start' ? drag.ms : cue.start;
      const end = drag?.id === cue.id && drag.edge === 'end' ? drag.ms : cue.end;
      g.fillStyle = color(cue.id === selected ? '--region-sel' : '--region');
      g.fillRect(x(start), 0, x(end) - x(start), h);
      g.fillStyle = color('--accent');
      g.fillRect(x(start), 0, 1.5, h);
      g.fillRect(x(end) - 1.5, 0, 1.5, h);
    }
    if (peaks) {
      g.fillStyle = color('--wave');
      const mid = h / 2;
      for (let px = 0; px < w; px++) {
        const i = Math.floor((toMs(px, w) / 1000) * peaks.perSecond);
        const lo = peaks.data[2 * i] ?? 0;
        const hi = peaks.data[2 * i + 1] ?? 0;
        const top = mid - (hi / 128) * mid * 0.95;
        const bottom = mid - (lo / 128) * mid * 0.95;
        g.fillRect(px, top, 1, Math.max(1, bottom - top));
      }
    }
    g.fillStyle = color('--bad');
    g.fillRect(x(time), 0, 1.5, h);
    g.fillStyle = color('--muted');
    g.font = '10px system-ui';
    for (let s = Math.ceil(view / 1000); s * 1000 < view + WINDOW_MS; s++) {
      if (s % 2) continue;
      g.fillText(clock(s * 1000), x(s * 1000) + 2, h - 3);
    }
  });

  const hitEdge = (px: number, w: number): { id: string; edge: 'start' | 'end' } | null => {
    for (const cue of track.cues) {
      for (const edge of ['start', 'end'] as const) {
        const ex = ((cue[edge] - view) / WINDOW_MS) * w;
        if (Math.abs(ex - px) <= EDGE_PX) return { id: cue.id, edge };
      }
    }
    return null;
  };

  return (
    <div className="wave">
      {!peaks && loading && (
        <span className="muted" style={{ position: 'absolute', left: 8, top: 6, fontSize: 12 }}>
          {t('editor.waveLoading')}
        </span>
      )}
      <canvas
        ref={canvas}
        aria-label="Waveform"
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - r.left;
          if (drag) setDrag({ ...drag, ms: Math.max(0, Math.round(toMs(px, r.width))) });
          else e.currentTarget.style.cursor = hitEdge(px, r.width) ? 'ew-resize' : 'crosshair';
        }}
        onMouseDown={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - r.left;
          const edge = hitEdge(px, r.width);
          if (edge) setDrag({ ...edge, ms: Math.round(toMs(px, r.width)) });
          else seek(Math.round(toMs(px, r.width)));
        }}
        onMouseUp={() => {
          if (!drag) return;
          const cue = track.cues.find((c) => c.id === drag.id);
          if (cue) dispatch({ type: 'setTimes', id: cue.id, start: drag.edge === 'start' ? drag.ms : cue.start, end: drag.edge === 'end' ? drag.ms : cue.end });
          setDrag(null);
        }}
        onMouseLeave={() => setDrag(null)}
      />
    </div>
  );
}
