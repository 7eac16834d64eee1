import { z } from 'zod';

/** All times are integer milliseconds from the start of the media timeline. */
export const wordSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The word as recognised, without surrounding spaces. */
  text: z.string(),
  /** Punctuation that follows the word ('' if none). */
  punct: z.string(),
});
export type Word = z.infer<typeof wordSchema>;

export const cueSchema = z.object({
  id: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  lines: z.array(z.string()),
  speaker: z.number().int().nonnegative().optional(),
  words: z.array(wordSchema),
  /** The cue's own identifier from an imported file (a WebVTT cue id), written back on export. */
  label: z.string().optional(),
  /** WebVTT cue settings (position, line, align...) kept from an imported file. */
  settings: z.string().optional(),
});
export type Cue = z.infer<typeof cueSchema>;

export const speakerSchema = z.object({ id: z.number().int().nonnegative(), name: z.string() });
export type Speaker = z.infer<typeof speakerSchema>;

export const trackSchema = z.object({
  language: z.string().optional(),
  /** WebVTT STYLE, REGION and NOTE blocks of an imported file, written back on WebVTT export. */
  blocks: z.object({ styles: z.array(z.string()), regions: z.array(z.string()), notes: z.array(z.string()) }).optional(),
  cues: z.array(cueSchema),
  speakers: z.array(speakerSchema),
});
export type Track = z.infer<typeof trackSchema>;

export function speakerName(track: Pick<Track, 'speakers'>, id: number | undefined): string | undefined {
  if (id === undefined) return undefined;
  return track.speakers.find((s) => s.id === id)?.name ?? `Speaker ${id + 1}`;
}

/** Cue ids only need to be unique inside a track; a counter keeps them short and stable in tests. */
export function makeIdFactory(prefix = 'c', start = 1): () => string {
  let n = start;
  return () => cueId(n++, prefix);
}

/**
 * The id the factory gives its nth cue (from 1). The hot readers number cues by their count with it
 * instead of calling a factory made per parse: optimised code that calls a closure holds that
 * closure weakly, so once a parse's closure was collected, the next parse ran deoptimised.
 */
export function cueId(n: number, prefix = 'c'): string {
  return `${prefix}${n.toString(36)}`;
}

export function nextFreeId(cues: readonly Cue[]): () => string {
  let max = 0;
  for (const c of cues) {
    const m = /^c([0-9a-z]+)$/.exec(c.id);
    if (m?.[1]) max = Math.max(max, parseInt(m[1], 36));
  }
  return makeIdFactory('c', max + 1);
}
