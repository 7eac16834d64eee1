import type { Track } from '@shared/captions/model';
import type { EditorState } from './state';

/**
 * Undo history outlives the editor screen for the session: leaving a transcript and coming back
 * keeps its history, as long as the transcript on disk is still the one the history ends with.
 */
const sessions = new Map<string, EditorState>();

const sameTrack = (a: Track, b: Track): boolean =>
  a.cues.length === b.cues.length &&
  a.speakers.length === b.speakers.length &&
  a.speakers.every((s, i) => s.id === b.speakers[i]?.id && s.name === b.speakers[i]?.name) &&
  a.cues.every((c, i) => {
    const d = b.cues[i];
    return !!d && c.id === d.id && c.start === d.start && c.end === d.end && c.speaker === d.speaker && c.lines.join('\n') === d.lines.join('\n');
  });

export function resumeSession(id: string, loaded: Track, fresh: () => EditorState): EditorState {
  const kept = sessions.get(id);
  return kept && sameTrack(kept.track, loaded) ? { ...kept, version: 0, editRequest: null } : fresh();
}

export function keepSession(id: string, state: EditorState): void {
  sessions.set(id, state);
}
