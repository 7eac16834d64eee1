import { joinWords } from './text';
import type { Cue, Track } from './model';
import type { Preset } from './presets';
import { buildTrackFromWords, type SpokenWord } from './segment';

/** A cue's text without line breaks, dash-speaker marks or spaces, for comparing with its words. */
const bare = (s: string): string => s.replace(/^- /gm, '').replace(/\s+/g, '');
const SENTENCE_END = /[.!?。！？…]$/u;

/**
 * Whether a person changed a cue's text: its lines no longer read as its recognised words. Such a
 * cue (and any cue without words, as imported ones are) is kept as it is when a transcript is
 * segmented again; only times and line breaks the segmenter made are redone.
 */
export function isEditedCue(c: Pick<Cue, 'lines' | 'words'>): boolean {
  if (!c.words.length) return true;
  return bare(c.lines.join('')) !== bare(joinWords(c.words));
}

/**
 * Segments a transcript again for another preset (another language's line width and reading
 * speed), from the words stored with each cue. Runs of unedited cues are re-cut; edited cues are
 * kept unless `all` is asked for (then their words decide, and the edit is lost).
 */
export function resegmentTrack(track: Track, preset: Preset, opts: { all?: boolean } = {}): { track: Track; kept: number; rebuilt: number } {
  const out: { cue: Cue; fresh: boolean }[] = [];
  let run: SpokenWord[] = [];
  const flush = (): void => {
    if (!run.length) return;
    for (const cue of buildTrackFromWords(run, preset).cues) out.push({ cue, fresh: true });
    run = [];
  };
  for (const c of track.cues) {
    if (!c.words.length || (!opts.all && isEditedCue(c))) {
      flush();
      out.push({ cue: c, fresh: false });
      continue;
    }
    c.words.forEach((w, i) => run.push({ ...w, speaker: c.speaker, sentenceEnd: i === c.words.length - 1 || SENTENCE_END.test(w.punct) }));
  }
  flush();
  // New cues get ids that cannot collide with the kept ones.
  const used = new Set(out.filter((o) => !o.fresh).map((o) => o.cue.id));
  let k = 1;
  const cues = out.map(({ cue, fresh }) => {
    if (!fresh) return cue;
    let id: string;
    do id = `c${(k++).toString(36)}`;
    while (used.has(id));
    used.add(id);
    return { ...cue, id };
  });
  const kept = out.filter((o) => !o.fresh).length;
  return { track: { ...track, cues }, kept, rebuilt: cues.length - kept };
}
