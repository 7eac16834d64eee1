import { createCue, deleteCues, fitTimes, insertCue, mergeCues, replaceText, setCueText, setCueTimes, shiftCues, snapToWords, splitCue, type FindOptions, type Match, type SplitAt } from '@shared/captions/edit';
import { nextFreeId, type Track } from '@shared/captions/model';
import { minGapMs, resolvePreset, type Preset } from '@shared/captions/presets';
import { applyFixes, fixAll, type QcFix } from '@shared/captions/qc';
import { stretchSelection, type StretchTo } from '@shared/captions/stretch';

/**
 * The editor's document: the track plus undo/redo history. Pure, so it is tested in Node and
 * every change is one value the autosave can persist.
 */
export interface EditorState {
  track: Track;
  past: Track[];
  future: Track[];
  selected: string | null;
  /** Extra rows selected with Ctrl/Shift+click (always includes `selected` when not empty). */
  multi: string[];
  /** A cue whose text box should open (a cue just inserted or drawn): the screen consumes it. */
  editRequest: string | null;
  /** Increments on every change to the track (edits, undo, redo): the autosave watches it. */
  version: number;
  preset: Preset;
}

export type EditorAction =
  | { type: 'select'; id: string | null; mode?: 'toggle' | 'range' }
  | { type: 'selectAll' }
  | { type: 'editHandled' }
  | { type: 'setText'; id: string; text: string }
  /** `fit`: from a drag, kept off the neighbours and snapped (ms tolerance); typed times are taken as they are. */
  | { type: 'setTimes'; id: string; start: number; end: number; fit?: { snapMs: number; snapTo?: readonly number[] } }
  | { type: 'setEdgeAt'; id: string; edge: 'start' | 'end'; at: number; shiftRest?: boolean }
  | { type: 'create'; start: number; end: number }
  | { type: 'setSpeaker'; ids: string[]; speaker: number | undefined }
  | { type: 'nudge'; id: string; edge: 'start' | 'end' | 'both'; deltaMs: number }
  | { type: 'split'; id: string; at: SplitAt }
  | { type: 'mergeNext'; id: string }
  | { type: 'insert'; at: number }
  | { type: 'delete'; ids: string[] }
  | { type: 'shift'; deltaMs: number; ids?: string[] }
  | { type: 'shiftFrom'; id: string; deltaMs: number }
  /** Scales the selected cues' times around the first one's start, as one undo step (shared/captions/stretch.ts). */
  | { type: 'stretch'; ids: string[]; to: StretchTo }
  /** Re-transcribed: the cues `ids` give way to `cues` (new ids are assigned); nothing else changes. */
  | { type: 'replaceSpan'; ids: string[]; cues: Track['cues'] }
  | { type: 'replaceAll'; find: string; replacement: string; options?: FindOptions }
  | { type: 'replaceOne'; find: string; replacement: string; options?: FindOptions; match: Match }
  | { type: 'renameSpeaker'; id: number; name: string }
  | { type: 'snap'; ids?: string[] }
  | { type: 'fix'; fix: QcFix }
  | { type: 'fixAll' }
  | { type: 'undo' }
  | { type: 'redo' };

const HISTORY = 200;

export function initEditor(track: Track, presetId: string): EditorState {
  return { track, past: [], future: [], selected: track.cues[0]?.id ?? null, multi: [], editRequest: null, version: 0, preset: resolvePreset(presetId) };
}

function commit(s: EditorState, track: Track, selected = s.selected, editRequest: string | null = null): EditorState {
  if (track === s.track || (track.cues === s.track.cues && track.speakers === s.track.speakers)) return selected === s.selected ? s : { ...s, selected };
  const live = new Set(track.cues.map((c) => c.id));
  const multi = s.multi.filter((id) => live.has(id));
  return { ...s, track, past: [...s.past.slice(-(HISTORY - 1)), s.track], future: [], selected, multi: selected && multi.length > 1 ? multi : [], editRequest, version: s.version + 1 };
}

/** The rows an operation on "the selection" applies to: the multi-selection, or the selected cue. */
export const selection = (s: Pick<EditorState, 'selected' | 'multi'>): string[] => (s.multi.length > 1 ? s.multi : s.selected ? [s.selected] : []);

const withCues = (s: EditorState, cues: Track['cues']): Track => ({ ...s.track, cues });

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  const cues = s.track.cues;
  switch (a.type) {
    case 'select': {
      if (!a.mode || !a.id || !s.selected) return a.id === s.selected && !s.multi.length ? s : { ...s, selected: a.id, multi: [] };
      if (a.mode === 'toggle') {
        const base = s.multi.length ? s.multi : [s.selected];
        const multi = base.includes(a.id) ? base.filter((x) => x !== a.id) : [...base, a.id];
        return { ...s, selected: multi.includes(a.id) ? a.id : (multi.at(-1) ?? null), multi };
      }
      const from = cues.findIndex((c) => c.id === s.selected);
      const to = cues.findIndex((c) => c.id === a.id);
      if (from < 0 || to < 0) return s;
      const multi = cues.slice(Math.min(from, to), Math.max(from, to) + 1).map((c) => c.id);
      return { ...s, multi };
    }
    case 'selectAll':
      return { ...s, multi: cues.map((c) => c.id), selected: s.selected ?? cues[0]?.id ?? null };
    case 'editHandled':
      return s.editRequest ? { ...s, editRequest: null } : s;
    case 'setText': {
      const cue = cues.find((c) => c.id === a.id);
      if (!cue || cue.lines.join('\n') === a.text) return s;
      return commit(s, withCues(s, setCueText(cues, a.id, a.text, s.preset)));
    }
    case 'setTimes': {
      if (!(a.end > a.start) || a.start < 0 || !cues.some((c) => c.id === a.id)) return s;
      const t = a.fit ? fitTimes(cues, a.id, a.start, a.end, { gapMs: minGapMs(s.preset), ...a.fit }) : a;
      return commit(s, withCues(s, setCueTimes(cues, a.id, t.start, t.end)));
    }
    case 'nudge': {
      const cue = cues.find((c) => c.id === a.id);
      if (!cue) return s;
      const start = a.edge === 'end' ? cue.start : Math.max(0, cue.start + a.deltaMs);
      const end = a.edge === 'start' ? cue.end : cue.end + a.deltaMs;
      if (!(end > start)) return s;
      const t = fitTimes(cues, a.id, start, end, { gapMs: minGapMs(s.preset) });
      return commit(s, withCues(s, setCueTimes(cues, a.id, t.start, t.end)));
    }
    case 'setEdgeAt': {
      const k = cues.findIndex((c) => c.id === a.id);
      const cue = cues[k];
      if (!cue) return s;
      const at = Math.max(0, Math.round(a.at));
      if (a.shiftRest && a.edge === 'start') {
        // "Set start and shift the rest": this cue and all after it move by the same amount.
        const delta = at - cue.start;
        return commit(s, withCues(s, shiftCues(cues, delta, cues.slice(k).map((c) => c.id))));
      }
      const start = a.edge === 'start' ? at : cue.start;
      const end = a.edge === 'end' ? at : cue.end;
      if (!(end > start)) return s;
      return commit(s, withCues(s, setCueTimes(cues, a.id, start, end)));
    }
    case 'create': {
      const id = nextFreeId(cues)();
      const next = createCue(cues, a.start, a.end, id, minGapMs(s.preset));
      return next.length > cues.length ? commit(s, withCues(s, next), id, id) : s;
    }
    case 'setSpeaker': {
      const ids = new Set(a.ids);
      const next = cues.map((c) => {
        if (!ids.has(c.id) || c.speaker === a.speaker) return c;
        const { speaker: _old, ...rest } = c;
        return a.speaker === undefined ? rest : { ...rest, speaker: a.speaker };
      });
      return next.some((c, i) => c !== cues[i]) ? commit(s, withCues(s, next)) : s;
    }
    case 'shiftFrom': {
      const k = cues.findIndex((c) => c.id === a.id);
      if (k < 0 || !a.deltaMs) return s;
      return commit(s, withCues(s, shiftCues(cues, a.deltaMs, cues.slice(k).map((c) => c.id))));
    }
    case 'stretch': {
      const r = stretchSelection(cues, a.ids, a.to, minGapMs(s.preset));
      return r.factor === null ? s : { ...commit(s, withCues(s, r.cues)), multi: s.multi };
    }
    case 'replaceSpan': {
      const drop = new Set(a.ids);
      const k = cues.findIndex((c) => drop.has(c.id));
      if (k < 0) return s;
      const nextId = nextFreeId(cues);
      const fresh = a.cues.map((c) => ({ ...c, id: nextId() }));
      const kept = cues.filter((c) => !drop.has(c.id));
      const at = kept.findIndex((c) => c.start >= (fresh[0]?.start ?? cues[k]?.start ?? 0));
      const merged = at < 0 ? [...kept, ...fresh] : [...kept.slice(0, at), ...fresh, ...kept.slice(at)];
      return { ...commit(s, withCues(s, merged), fresh[0]?.id ?? kept[Math.min(k, kept.length - 1)]?.id ?? null), multi: fresh.length > 1 ? fresh.map((c) => c.id) : [] };
    }
    case 'split': {
      const id = nextFreeId(cues)();
      const next = splitCue(cues, a.id, a.at, id, s.preset, minGapMs(s.preset));
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
      return commit(s, withCues(s, insertCue(cues, a.at, id, 2000, '', minGapMs(s.preset))), id, id);
    }
    case 'delete': {
      if (!a.ids.length) return s;
      const k = cues.findIndex((c) => c.id === a.ids[0]);
      const next = deleteCues(cues, a.ids);
      const after = Math.min(Math.max(0, k), next.length - 1);
      return { ...commit(s, withCues(s, next), next[after]?.id ?? null), multi: [] };
    }
    case 'shift':
      return commit(s, withCues(s, shiftCues(cues, a.deltaMs, a.ids)));
    case 'replaceAll': {
      // One step in the history however many cues change, so one undo takes it all back.
      const r = replaceText(cues, a.find, a.replacement, a.options);
      return r.count ? commit(s, withCues(s, r.cues)) : s;
    }
    case 'replaceOne': {
      const r = replaceText(cues, a.find, a.replacement, { ...a.options, only: a.match });
      return r.count ? commit(s, withCues(s, r.cues), a.match.cueId) : s;
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
    case 'fix': {
      const next = applyFixes(cues, [a.fix]);
      return commit(s, withCues(s, next), next.some((c) => c.id === s.selected) ? s.selected : a.fix.cueId);
    }
    case 'fixAll': {
      const r = fixAll(cues, s.preset);
      return r.applied ? commit(s, withCues(s, r.cues)) : s;
    }
    case 'undo': {
      const prev = s.past[s.past.length - 1];
      if (!prev) return s;
      const selected = prev.cues.some((c) => c.id === s.selected) ? s.selected : (prev.cues[0]?.id ?? null);
      return { ...s, track: prev, past: s.past.slice(0, -1), future: [s.track, ...s.future], version: s.version + 1, selected, multi: [] };
    }
    case 'redo': {
      const [next, ...rest] = s.future;
      if (!next) return s;
      const selected = next.cues.some((c) => c.id === s.selected) ? s.selected : (next.cues[0]?.id ?? null);
      return { ...s, track: next, past: [...s.past, s.track], future: rest, version: s.version + 1, selected, multi: [] };
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
export function createAutosave(
  save: (track: Track) => Promise<void>,
  onError: (e: unknown) => void,
): { push(version: number, track: Track): void; flush(): Promise<void>; ensure(version: number, track: Track): Promise<void> } {
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
    /**
     * Resolves once this version is on disk: waits for pending saves, and saves again if the last
     * attempt failed; rejects with the save's error, so an export is never silently stale.
     */
    async ensure(version, track) {
      await running;
      if (saved >= version) return;
      await save(track);
      saved = version;
    },
  };
}
