import { cueId, type Cue, type Speaker, type Word } from '../captions/model';
import { flattenCueText, flattenSimpleCueText, parseCueTextTree } from './vtt-cuetext';

/**
 * The cues (and voices) a WebVTT reader builds from cue blocks: text through the W3C cue text
 * rules when it holds markup or character references, plain trimmed lines otherwise. Shared by
 * the canonical scan and the full W3C parser, so both make the same cue of the same block.
 *
 * Plain object literals and functions rather than a class, and each cue made whole by one literal
 * rather than grown field by field: V8 keeps the shape (map) of an object literal alive with the
 * code that makes it, but a class instance's final shape and a shape reached by adding a field
 * later are held only weakly. A full, memory-reducing GC between two parses (memory pressure; the
 * bench's gc() before each timed call) then dropped those shapes with the last parse's result and
 * deoptimised every function that had been compiled against them, so the next parse ran in the
 * slow tiers — 3–5× slower (issue 15; docs/DECISIONS.md).
 */
export interface VttCueList {
  readonly cues: Cue[];
  readonly speakers: Speaker[];
  readonly voiceIds: Map<string, number>;
}

export function vttCueList(): VttCueList {
  return { cues: [], speakers: [], voiceIds: new Map<string, number>() };
}

/** A cue with its optional id line and settings, in one of four literals (one shape each, never grown). */
function makeCue(id: string, start: number, end: number, lines: string[], words: Word[], label: string, settings: string): Cue {
  if (label !== '') return settings ? { id, start, end, lines, words, label, settings } : { id, start, end, lines, words, label };
  return settings ? { id, start, end, lines, words, settings } : { id, start, end, lines, words };
}

/** Adds the cue of one block (`raw`: its text lines); returns whether formatting was removed from its text. */
export function addCue(list: VttCueList, raw: string, start: number, end: number, label: string, settings: string): boolean {
  if (!raw.includes('<') && !raw.includes('&')) {
    addPlainCue(list, trimmedLines(raw === '' ? [] : raw.split('\n')), start, end, label, settings);
    return false;
  }
  const parsed = parseCueText(raw, start, end);
  const cue = makeCue(cueId(list.cues.length + 1), start, end, parsed.lines, parsed.words, label, settings);
  if (parsed.voice) {
    let sid = list.voiceIds.get(parsed.voice);
    if (sid === undefined) {
      sid = list.voiceIds.size;
      list.voiceIds.set(parsed.voice, sid);
      list.speakers.push({ id: sid, name: parsed.voice });
    }
    cue.speaker = sid;
  }
  list.cues.push(cue);
  return parsed.stripped;
}

/** Adds a cue whose text lines hold no markup and no character references (kept as they are: trim them first). */
export function addPlainCue(list: VttCueList, lines: string[], start: number, end: number, label: string, settings: string): void {
  list.cues.push(makeCue(cueId(list.cues.length + 1), start, end, lines, [], label, settings));
}

/** The cue added last. */
export function lastCue(list: VttCueList): Cue | undefined {
  return list.cues[list.cues.length - 1];
}

/** Cue text → plain lines, the voice's name and word times from timestamp tags. */
function parseCueText(raw: string, cueStart: number, cueEnd: number): { lines: string[]; voice?: string; words: Word[]; stripped: boolean } {
  const flat = flattenSimpleCueText(raw) ?? flattenCueText(parseCueTextTree(raw));
  const words: Word[] = [];
  if (flat.timed.length > 1) {
    flat.timed.forEach((s, k) => {
      const t = s.text.replace(/\s+/g, ' ').trim();
      if (t) words.push({ start: s.at ?? cueStart, end: flat.timed[k + 1]?.at ?? cueEnd, text: t, punct: '' });
    });
  }
  const result: { lines: string[]; voice?: string; words: Word[]; stripped: boolean } = { lines: trimmedLines(flat.text.split('\n')), words, stripped: flat.formatting };
  if (flat.voice) result.voice = flat.voice;
  return result;
}

/** Trimmed, non-empty lines; the input array is reused when nothing needs trimming. */
export function trimmedLines(lines: string[]): string[] {
  let clean = true;
  for (const l of lines) {
    const last = l.length - 1;
    if (last < 0 || l.charCodeAt(0) <= 32 || l.charCodeAt(last) <= 32) {
      clean = false;
      break;
    }
  }
  if (clean) return lines;
  const out: string[] = [];
  for (const l of lines) {
    const t = l.trim();
    if (t) out.push(t);
  }
  return out;
}
