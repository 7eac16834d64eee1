import { deleteCues, insertCue, mergeCues, replaceText, setCueText, setCueTimes, shiftCues, snapToWords, splitCue, type SplitAt } from '@shared/captions/edit';
import { nextFreeId, type Track } from '@shared/captions/model';
import { resolvePreset, type Preset } from '@shared/captions/presets';
import { applyFixes, fixAll, type QcFix } from '@shared/captions/qc';

/**
 * The editor's document: the track plus undo/redo history. Pure, so it is tested in Node and
 * every change is one value the autosave can persist.
 */
export interface EditorState {
  track: Track;
  past: Track[];
  future: Track[];
  selected: string | null;
  /** Increments on every change to the track (edits, undo, redo): the autosave watches it. */
  version: number;
  preset: Preset;
}

export type EditorAction =
  | { type: 'select'; id: string | null }
  | { type: 'setText'; id: string; text: string }
  | { type: 'setTimes'; id: string; start: number; end: number }
  | { type: 'nudge'; id: string; edge: 'start' | 'end' | 'both'; deltaMs: number }
  | { type: 'split'; id: string; at: SplitAt }
  | { type: 'mergeNext'; id: string }
  | { type: 'insert'; at: number }
  | { type: 'delete'; ids: string[] }
  | { type: 'shift'; deltaMs: number; ids?: string[] }
  | { type: 'replaceAll'; find: string; replacement: string; caseSensitive?: boolean }
  | { type: 'renameSpeaker'; id: number; name: string }
  | { type: 'snap'; ids?: string[] }
  | { type: 'fix'; fix: QcFix }
  | { type: 'fixAll' }
  | { type: 'undo' }
  | { type: 'redo' };

const HISTORY = 200;

export function initEditor(track: Track, presetId: string): EditorState {
  return { track, past: [], future: [], selected: track.cues[0]?.id ?? null, version: 0, preset: resolvePreset(presetId) };
}

function commit(s: EditorState, track: Track, selected = s.selected): EditorState {
  if (track === s.track || (track.cues === s.track.cues && track.speakers === s.track.speakers)) return selected === s.selected ? s : { ...s, selected };
  return { ...s, track, past: [...s.past.slice(-(HISTORY - 1)), s.track], future: [], selected, version: s.version + 1 };
}

const withCues = (s: EditorState, cues: Track['cues']): Track => ({ ...s.track, cues });

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  const cues = s.track.cues;
  switch (a.type) {
    case 'select':
      return a.id === s.selected ? s : { ...s, selected: a.id };
    case 'setText': {
      const cue = cues.find((c) => c.id === a.id);
      if (!cue || cue.lines.join('\n') === a.text) return s;
      return commit(s, withCues(s, setCueText(cues, a.id, a.text, s.preset)));
    }
    case 'setTimes':
      if (!(a.end > a.start) || a.start < 0) return s;
      return commit(s, withCues(s, setCueTimes(cues, a.id, a.start, a.end)));
    case 'nudge': {
      const cue = cues.find((c) => c.id === a.id);
      if (!cue) return s;
      const start = a.edge === 'end' ? cue.start : Math.max(0, cue.start + a.deltaMs);
      const end = a.edge === 'start' ? cue.end : cue.end + a.deltaMs;
      if (!(end > start)) return s;
      return commit(s, withCues(s, setCueTimes(cues, a.id, start, end)));
    }
    case 'split': {
      const id = nextFreeId(cues)();
      const next = splitCue(cues, a.id, a.at, id, s.preset);
      return commit(s, withCues(s, next), next.length > cues.length ? id : s.selected);
    }
    case 'mergeNext': {
      const k = cues.findIndex((c) => c.id === a.id);
      const next = cues[k + 1];
      if (k < 0 || !next) return s;
      return commit(s, withCues(s, mergeCues(cues, [a.id, next.id], s.preset)), a.id);
    }
    case 'insert': {
      const id = nextFreeId(cues)();
      return commit(s, withCues(s, insertCue(cues, a.at, id)), id);
    }
    case 'delete': {
      if (!a.ids.length) return s;
      const k = cues.findIndex((c) => c.id === a.ids[0]);
      const next = deleteCues(cues, a.ids);
      return commit(s, withCues(s, next), next[Math.min(Math.max(0, k), next.length - 1)]?.id ?? null);
    }
    case 'shift':
      return commit(s, withCues(s, shiftCues(cues, a.deltaMs, a.ids)));
    case 'replaceAll': {
      const r = replaceText(cues, a.find, a.replacement, { caseSensitive: a.caseSensitive ?? false });
      return r.count ? commit(s, withCues(s, r.cues)) : s;
    }
    case 'renameSpeaker': {
      const name = a.name.trim();
      if (!name) return s;
      const exists = s.track.speakers.some((sp) => sp.id === a.id);
      const speakers = exists ? s.track.speakers.map((sp) => (sp.id === a.id ? { ...sp, name } : sp)) : [...s.track.speakers, { id: a.id, name }];
      return commit(s, { ...s.track, speakers });
    }
    case 'snap':
      return commit(s, withCues(s, snapToWords(cues, 300, undefined, a.ids)));
    case 'fix':
      return commit(s, withCues(s, applyFixes(cues, [a.fix])));
    case 'fixAll': {
      const r = fixAll(cues, s.preset);
      return r.applied ? commit(s, withCues(s, r.cues)) : s;
    }
    case 'undo': {
      const prev = s.past[s.past.length - 1];
      if (!prev) return s;
      const selected = prev.cues.some((c) => c.id === s.selected) ? s.selected : (prev.cues[0]?.id ?? null);
      return { ...s, track: prev, past: s.past.slice(0, -1), future: [s.track, ...s.future], version: s.version + 1, selected };
    }
    case 'redo': {
      const [next, ...rest] = s.future;
      if (!next) return s;
      const selected = next.cues.some((c) => c.id === s.selected) ? s.selected : (next.cues[0]?.id ?? null);
      return { ...s, track: next, past: [...s.past, s.track], future: rest, version: s.version + 1, selected };
    }
  }
}

/** Index of the cue shown at time t (binary search: cues are sorted by start). */
export function cueAt(cues: Track['cues'], t: number): number {
  let lo = 0;
  let hi = cues.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid] as Track['cues'][number]).start <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const c = cues[found];
  return c && t < c.end ? found : -1;
}

/**
 * Persists each version once, in order, never two saves at a time; a burst of edits collapses
 * into the latest. Returns a function to call with every new state.
 */
export function createAutosave(save: (track: Track) => Promise<void>, onError: (e: unknown) => void): { push(version: number, track: Track): void; flush(): Promise<void> } {
  let saved = 0;
  let queued: { version: number; track: Track } | null = null;
  let running: Promise<void> | null = null;
  const run = async (): Promise<void> => {
    while (queued) {
      const job = queued;
      queued = null;
      try {
        await save(job.track);
        saved = job.version;
      } catch (e) {
        onError(e);
      }
    }
    running = null;
  };
  return {
    push(version, track) {
      if (version <= saved) return;
      queued = { version, track };
      running ??= run();
    },
    flush: async () => {
      await running;
    },
  };
}
