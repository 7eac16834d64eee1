import { makeIdFactory, type Cue, type Speaker, type Word } from '../captions/model';
import { flattenCueText, flattenSimpleCueText, parseCueTextTree } from './vtt-cuetext';

/**
 * The cues (and voices) a WebVTT reader builds from cue blocks: text through the W3C cue text
 * rules when it holds markup or character references, plain trimmed lines otherwise. Shared by
 * the canonical scan and the full W3C parser, so both make the same cue of the same block.
 */
export class VttCueList {
  readonly cues: Cue[] = [];
  readonly speakers: Speaker[] = [];
  private readonly nextId = makeIdFactory();
  private readonly voiceIds = new Map<string, number>();

  /** Adds the cue of one block (`raw`: its text lines); returns whether formatting was removed from its text. */
  add(raw: string, start: number, end: number, label: string, settings: string): boolean {
    if (!raw.includes('<') && !raw.includes('&')) {
      this.addPlain(trimmedLines(raw === '' ? [] : raw.split('\n')), start, end, label, settings);
      return false;
    }
    const parsed = parseCueText(raw, start, end);
    const cue: Cue = { id: this.nextId(), start, end, lines: parsed.lines, words: parsed.words };
    if (label !== '') cue.label = label;
    if (settings) cue.settings = settings;
    if (parsed.voice) {
      let sid = this.voiceIds.get(parsed.voice);
      if (sid === undefined) {
        sid = this.voiceIds.size;
        this.voiceIds.set(parsed.voice, sid);
        this.speakers.push({ id: sid, name: parsed.voice });
      }
      cue.speaker = sid;
    }
    this.cues.push(cue);
    return parsed.stripped;
  }

  /** Adds a cue whose text lines hold no markup and no character references (kept as they are: trim them first). */
  addPlain(lines: string[], start: number, end: number, label: string, settings: string): void {
    const cue: Cue = { id: this.nextId(), start, end, lines, words: [] };
    if (label !== '') cue.label = label;
    if (settings) cue.settings = settings;
    this.cues.push(cue);
  }

  /** The cue added last. */
  get last(): Cue | undefined {
    return this.cues[this.cues.length - 1];
  }
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
