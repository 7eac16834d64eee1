import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from '@shared/captions/model';
import type { MissedSpeech, QcFinding } from '@shared/captions/qc';
import { formatClock as clock } from '@shared/formats/timecode';
import { colourMap, drawSpectrogram, type SpectroData } from './spectrogram';
import type { EditorAction } from './state';

export interface PeakData {
  perSecond: number;
  data: Int8Array;
}

export const ZOOM_MIN_MS = 2_000;
export const ZOOM_MAX_MS = 30 * 60_000;
export const DEFAULT_WINDOW_MS = 20_000;
const EDGE_PX = 6;
/** Edges dragged this close (in pixels) to a neighbour's gap line snap onto it. */
const SNAP_PX = 8;

interface Props {
  peaks: PeakData | null;
  /** True while the peaks are being computed (first open of a long file). */
  loading: boolean;
  track: Track;
  selected: string | null;
  findings: Map<string, QcFinding[]>;
  missed: readonly MissedSpeech[];
  /** Shot changes (ms, sorted): marked, and dragged edges snap to them. */
  shots: readonly number[];
  time: number;
  /** The playhead as text (time and frame rate), shown in the corner. */
  clock: string;
  durationMs: number;
  windowMs: number;
  setWindowMs: (ms: number) => void;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
  /** The optional spectrogram behind the waveform: shown, its data (null while computed) and the switch. */
  spectro: { on: boolean; data: SpectroData | null; loading: boolean; toggle: () => void };
}

type Drag = { kind: 'edge'; id: string; edge: 'start' | 'end'; ms: number } | { kind: 'create'; from: number; to: number; x0: number; moved: boolean };

/** First cue that ends after t (cues are sorted by start, so also by end in practice). */
function firstVisible(cues: Track['cues'], t: number): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid] as Track['cues'][number]).end < t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

export const zoomed = (windowMs: number, factor: number): number => Math.round(Math.min(ZOOM_MAX_MS, Math.max(ZOOM_MIN_MS, windowMs * factor)));

/**
 * The waveform around the playhead: zoom (Ctrl+wheel, = and -) and scroll (wheel), cue regions
 * coloured by QC state with draggable edges that stop at the neighbours, drag on empty space to
 * draw a new cue, and stretches of missed speech marked in red.
 */
export function Waveform({ peaks, loading, track, selected, findings, missed, shots, time, clock: playhead, durationMs, windowMs, setWindowMs, dispatch, seek, spectro }: Props) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const scratch = useRef<HTMLCanvasElement | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [manual, setManual] = useState<number | null>(null);
  const span = Math.max(windowMs, 1);
  const maxView = Math.max(0, durationMs - span);
  const auto = Math.max(0, Math.min(time - span / 3, maxView));
  // A view scrolled by hand stays until the playhead leaves it.
  const view = manual !== null && time >= manual && time <= manual + span ? manual : auto;
  useEffect(() => {
    if (manual !== null && (time < manual || time > manual + span)) setManual(null);
  }, [time, manual, span]);
  const toMs = (x: number, w: number) => view + (x / w) * span;

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
    const x = (ms: number) => ((ms - view) / span) * w;
    const spec = spectro.on ? spectro.data : null;
    if (spec) {
      scratch.current ??= document.createElement('canvas');
      drawSpectrogram(g, spec, view, span, w, h, colourMap([0, 1, 2, 3, 4, 5].map((k) => color(`--spec-${k}`))), scratch.current);
    }
    const cues = track.cues;
    for (let k = firstVisible(cues, view); k < cues.length; k++) {
      const cue = cues[k] as Track['cues'][number];
      if (cue.start > view + span) break;
      if (cue.end < view) continue;
      const start = drag?.kind === 'edge' && drag.id === cue.id && drag.edge === 'start' ? drag.ms : cue.start;
      const end = drag?.kind === 'edge' && drag.id === cue.id && drag.edge === 'end' ? drag.ms : cue.end;
      const fs = findings.get(cue.id);
      const state = fs?.some((f) => f.severity === 'error') ? '--region-bad' : fs?.length ? '--region-warn' : '--region';
      g.fillStyle = color(cue.id === selected ? '--region-sel' : state);
      // Over the spectrogram a lighter tint, so its colours still read inside cues.
      g.globalAlpha = spec ? 0.5 : 1;
      g.fillRect(x(start), 0, x(end) - x(start), h);
      g.globalAlpha = 1;
      g.fillStyle = color('--accent');
      g.fillRect(x(start), 0, 1.5, h);
      g.fillRect(x(end) - 1.5, 0, 1.5, h);
    }
    g.fillStyle = color('--bad');
    for (const m of missed) {
      if (m.end < view || m.start > view + span) continue;
      g.globalAlpha = 0.18;
      g.fillRect(x(m.start), 0, x(m.end) - x(m.start), h);
      g.globalAlpha = 1;
      g.fillRect(x(m.start), 0, x(m.end) - x(m.start), 4);
    }
    g.fillStyle = color('--shot');
    for (const s of shots) {
      if (s < view || s > view + span) continue;
      for (let y = 0; y < h; y += 6) g.fillRect(x(s) - 0.5, y, 1.5, 3);
    }
    if (drag?.kind === 'create' && drag.moved) {
      g.fillStyle = color('--region-sel');
      g.fillRect(x(Math.min(drag.from, drag.to)), 0, Math.abs(x(drag.to) - x(drag.from)), h);
    }
    if (peaks) {
      g.fillStyle = color(spec ? '--wave-over-spec' : '--wave');
      const mid = h / 2;
      for (let px = 0; px < w; px++) {
        // Every peak under this pixel, so zoomed-out views do not drop loud moments.
        const i0 = Math.floor((toMs(px, w) / 1000) * peaks.perSecond);
        const i1 = Math.max(i0 + 1, Math.floor((toMs(px + 1, w) / 1000) * peaks.perSecond));
        let lo = 0;
        let hi = 0;
        for (let i = i0; i < i1; i++) {
          lo = Math.min(lo, peaks.data[2 * i] ?? 0);
          hi = Math.max(hi, peaks.data[2 * i + 1] ?? 0);
        }
        const top = mid - (hi / 128) * mid * 0.95;
        const bottom = mid - (lo / 128) * mid * 0.95;
        g.fillRect(px, top, 1, Math.max(1, bottom - top));
      }
    }
    g.fillStyle = color('--bad');
    g.fillRect(x(time), 0, 1.5, h);
    g.fillStyle = color('--muted');
    g.font = '10px system-ui';
    // Ticks every 1, 2, 5, 10, 30 s … so labels never crowd.
    const step = [1, 2, 5, 10, 30, 60, 120, 300, 600].find((s) => (s * 1000 * w) / span >= 70) ?? 1200;
    for (let s = Math.ceil(view / 1000 / step) * step; s * 1000 < view + span; s += step) g.fillText(clock(s * 1000), x(s * 1000) + 2, h - 3);
  });

  const hitEdge = (px: number, w: number): { id: string; edge: 'start' | 'end' } | null => {
    const cues = track.cues;
    for (let k = firstVisible(cues, view); k < cues.length; k++) {
      const cue = cues[k] as Track['cues'][number];
      if (cue.start > view + span) break;
      for (const edge of ['start', 'end'] as const) {
        const ex = ((cue[edge] - view) / span) * w;
        if (Math.abs(ex - px) <= EDGE_PX) return { id: cue.id, edge };
      }
    }
    return null;
  };
  const cueUnder = (ms: number) => {
    const cues = track.cues;
    for (let k = firstVisible(cues, ms); k < cues.length && (cues[k] as Track['cues'][number]).start <= ms; k++) if ((cues[k] as Track['cues'][number]).end >= ms) return cues[k];
    return undefined;
  };

  return (
    <div className="wave">
      {((!peaks && loading) || spectro.loading) && (
        <span className="muted wave-note">{spectro.loading ? t('wave.spectroLoading') : t('editor.waveLoading')}</span>
      )}
      <div className="wave-zoom">
        <span className="muted clock" data-testid="playhead">
          {playhead}
        </span>
        <button className={`btn small toggle${spectro.on ? ' on' : ''}`} aria-pressed={spectro.on} title={t('wave.spectrogramHelp')} onClick={spectro.toggle}>
          {t('wave.spectrogram')}
        </button>
        <button className="btn small" aria-label={t('wave.zoomOut')} title={`${t('wave.zoomOut')} (-)`} onClick={() => setWindowMs(zoomed(windowMs, 2))}>
          −
        </button>
        <span className="muted" data-testid="wave-window">
          {windowMs >= 60_000 ? `${Math.round(windowMs / 60_000)} min` : `${Math.round(windowMs / 1000)} s`}
        </span>
        <button className="btn small" aria-label={t('wave.zoomIn')} title={`${t('wave.zoomIn')} (=)`} onClick={() => setWindowMs(zoomed(windowMs, 0.5))}>
          +
        </button>
      </div>
      <canvas
        ref={canvas}
        role="img"
        aria-label={t('wave.label')}
        data-view={view}
        data-span={span}
        data-spectrogram={spectro.on && spectro.data ? 'drawn' : 'off'}
        onWheel={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          if (e.ctrlKey || e.metaKey) {
            // Zoom around the pointer: the time under it stays put.
            const at = toMs(e.clientX - r.left, r.width);
            const next = zoomed(windowMs, e.deltaY > 0 ? 1.25 : 0.8);
            setWindowMs(next);
            setManual(Math.max(0, Math.min(at - ((e.clientX - r.left) / r.width) * next, Math.max(0, durationMs - next))));
          } else {
            const d = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY;
            setManual(Math.max(0, Math.min(view + (d / r.width) * span, maxView)));
          }
        }}
        onMouseMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - r.left;
          const ms = Math.max(0, Math.round(toMs(px, r.width)));
          if (drag?.kind === 'edge') setDrag({ ...drag, ms });
          else if (drag?.kind === 'create') setDrag({ ...drag, to: ms, moved: drag.moved || Math.abs(px - drag.x0) > 4 });
          else e.currentTarget.style.cursor = hitEdge(px, r.width) ? 'ew-resize' : 'crosshair';
        }}
        onMouseDown={(e) => {
          if (e.button !== 0) return;
          const r = e.currentTarget.getBoundingClientRect();
          const px = e.clientX - r.left;
          const ms = Math.max(0, Math.round(toMs(px, r.width)));
          const edge = hitEdge(px, r.width);
          if (edge) setDrag({ kind: 'edge', ...edge, ms });
          else {
            const cue = cueUnder(ms);
            if (cue) {
              dispatch({ type: 'select', id: cue.id });
              seek(ms);
            } else setDrag({ kind: 'create', from: ms, to: ms, x0: px, moved: false });
          }
        }}
        onMouseUp={(e) => {
          if (!drag) return;
          const w = e.currentTarget.getBoundingClientRect().width;
          if (drag.kind === 'edge') {
            const cue = track.cues.find((c) => c.id === drag.id);
            if (cue) dispatch({ type: 'setTimes', id: cue.id, start: drag.edge === 'start' ? drag.ms : cue.start, end: drag.edge === 'end' ? drag.ms : cue.end, fit: { snapMs: (SNAP_PX / w) * span, snapTo: shots.filter((s) => s >= view && s <= view + span) } });
          } else if (drag.moved && Math.abs(drag.to - drag.from) >= 100) dispatch({ type: 'create', start: drag.from, end: drag.to });
          else seek(drag.from);
          setDrag(null);
        }}
        onMouseLeave={() => setDrag(null)}
      />
    </div>
  );
}
