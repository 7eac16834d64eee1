import type { TranscriptionResult } from '../funasr/result';
import { makeIdFactory, type Cue, type Speaker, type Track, type Word } from './model';
import { wrapTokens } from './linebreak';
import { minGapMs, type Preset } from './presets';
import { BREAK_BEFORE, CLAUSE_END, NO_BREAK_AFTER, SENTENCE_END, bareWord, needsSpace, textWidth, wordToken } from './text';
import { applyTiming } from './timing';

/** A recognised word with the context segmentation needs. */
export interface SpokenWord extends Word {
  speaker: number | undefined;
  /** True for the last word of a service sentence. */
  sentenceEnd: boolean;
}

/** Flattens every transcript (channel) into time-ordered words; channels become speakers when there is no diarization. */
export function wordsFromResult(result: TranscriptionResult, offsetMs = 0): SpokenWord[] {
  const multiChannel = result.transcripts.length > 1;
  const out: SpokenWord[] = [];
  for (const t of result.transcripts) {
    for (const s of t.sentences) {
      const speaker = s.speaker_id ?? (multiChannel ? t.channel_id : undefined);
      const words: Word[] = s.words.length
        ? s.words.map((w) => ({ start: Math.round(w.begin_time) + offsetMs, end: Math.round(w.end_time) + offsetMs, text: w.text.trim(), punct: (w.punctuation ?? '').trim() }))
        : spreadText(s.text, s.begin_time + offsetMs, s.end_time + offsetMs);
      words.forEach((w, i) => {
        if (!w.text && !w.punct) return;
        out.push({ ...w, end: Math.max(w.start, w.end), speaker, sentenceEnd: i === words.length - 1 });
      });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A sentence without word times: share its span across its tokens by width. */
function spreadText(text: string, begin: number, end: number): Word[] {
  const tokens = text.split(/(?<=\s)|(?=[\u3400-\u9fff])/u).map((t) => t.trim()).filter(Boolean);
  const total = tokens.reduce((n, t) => n + t.length, 0) || 1;
  let at = begin;
  return tokens.map((t) => {
    const len = Math.round(((end - begin) * t.length) / total);
    const w = { start: Math.round(at), end: Math.round(at + len), text: t, punct: '' };
    at += len;
    return w;
  });
}

interface Span {
  from: number;
  to: number;
}

/**
 * Chooses cue boundaries by dynamic programming over word boundaries: every candidate cue must
 * fit the preset (lines, characters, duration, no long pause or speaker change inside) and the
 * cheapest sequence wins, where ending after a sentence is cheap and ending mid-phrase is dear.
 */
export function chooseSpans(words: readonly SpokenWord[], preset: Preset): Span[] {
  const n = words.length;
  const tokens = words.map(wordToken);
  const widths = tokens.map((t) => textWidth(t, preset.widthMode));
  const spaceW = textWidth(' ', preset.widthMode);
  const best = new Float64Array(n + 1).fill(Infinity);
  const back = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 0; i < n; i++) {
    const base = best[i] ?? Infinity;
    if (base === Infinity) continue;
    let lines = 1;
    let lineW = 0;
    let chars = 0;
    let speakerSwitches = 0;
    for (let j = i + 1; j <= n; j++) {
      const w = words[j - 1] as SpokenWord;
      const tokW = widths[j - 1] ?? 0;
      const prevTok = j - 1 > i ? (tokens[j - 2] ?? '') : '';
      if (j - 1 > i) {
        const prevWord = words[j - 2] as SpokenWord;
        if (w.start - prevWord.end >= preset.breakOnPauseMs) break;
        if (w.speaker !== prevWord.speaker) {
          if (!preset.dashSpeakers || speakerSwitches > 0 || lines > 1) break;
          speakerSwitches++;
          // Dash layout: each speaker gets one line starting with "- ".
          lines = 2;
          lineW = tokW + 2 * spaceW;
        } else {
          const add = (needsSpace(prevTok, tokens[j - 1] ?? '') ? spaceW : 0) + tokW;
          if (lineW + add <= preset.maxCharsPerLine) lineW += add;
          else {
            if (speakerSwitches > 0) break;
            lines++;
            lineW = tokW;
          }
        }
      } else {
        lineW = tokW;
      }
      chars += tokW;
      const first = words[i] as SpokenWord;
      const dur = w.end - first.start;
      const single = j === i + 1;
      if (!single && (lines > preset.maxLines || dur > preset.maxDurationMs || (speakerSwitches > 0 && lineW + 2 * spaceW > preset.maxCharsPerLine))) break;
      const cost = base + cueCost(words, tokens, i, j, chars, dur, preset);
      if (cost < (best[j] ?? Infinity)) {
        best[j] = cost;
        back[j] = i;
      }
    }
  }
  const spans: Span[] = [];
  for (let j = n; j > 0; ) {
    const i = back[j] ?? -1;
    if (i < 0) throw new Error('segmentation found no path'); // unreachable: a single word is always a valid cue
    spans.push({ from: i, to: j });
    j = i;
  }
  return spans.reverse();
}

function cueCost(words: readonly SpokenWord[], tokens: readonly string[], i: number, j: number, chars: number, dur: number, p: Preset): number {
  let cost = 2; // per cue: prefer fewer, fuller cues, but never at the price of a bad break
  const last = words[j - 1] as SpokenWord;
  const next = words[j];
  const tok = tokens[j - 1] ?? '';
  if (next && next.speaker === last.speaker && next.start - last.end < p.breakOnPauseMs) {
    if (last.sentenceEnd || SENTENCE_END.test(tok)) cost += 0;
    else if (CLAUSE_END.test(tok)) cost += 3;
    else if (NO_BREAK_AFTER.has(bareWord(tok))) cost += 25;
    else if (next.start - last.end >= 400) cost += 4;
    else if (BREAK_BEFORE.has(bareWord(tokens[j] ?? ''))) cost += 8;
    else cost += 14;
  }
  // A sentence that ends inside a cue and another that starts in it reads worse than one per cue.
  // (Dash-line cues put two speakers' sentences together on purpose.)
  for (let k = i; k < j - 1; k++) {
    const w = words[k] as SpokenWord;
    if ((w.sentenceEnd || SENTENCE_END.test(tokens[k] ?? '')) && (words[k + 1] as SpokenWord).speaker === w.speaker) cost += 3;
  }
  const seconds = Math.max(dur + Math.min(p.endExtensionMs, 300), 1) / 1000;
  const cps = chars / seconds;
  if (cps > p.maxCps) cost += (cps / p.maxCps - 1) * 25;
  if (dur < p.minDurationMs && j - i > 0) cost += 2;
  return cost;
}

export interface BuildOptions {
  language?: string;
  idPrefix?: string;
  /** Added to every service time: where the transcribed audio starts on the media timeline. */
  offsetMs?: number;
}

/** Turns word-timed Fun-ASR output into a caption track that follows the preset. */
export function buildTrack(result: TranscriptionResult, preset: Preset, opts: BuildOptions = {}): Track {
  return buildTrackFromWords(wordsFromResult(result, opts.offsetMs ?? 0), preset, opts);
}

export function buildTrackFromWords(words: readonly SpokenWord[], preset: Preset, opts: BuildOptions = {}): Track {
  const nextId = makeIdFactory(opts.idPrefix ?? 'c');
  const cues: Cue[] = chooseSpans(words, preset).map(({ from, to }) => {
    const ws = words.slice(from, to);
    const first = ws[0] as SpokenWord;
    const last = ws[ws.length - 1] as SpokenWord;
    const speakers = [...new Set(ws.map((w) => w.speaker))];
    const lines =
      speakers.length > 1
        ? speakers.map((s) => `- ${wrapTokens(ws.filter((w) => w.speaker === s).map(wordToken), { ...preset, maxLines: 1, maxCharsPerLine: Infinity }).join(' ')}`)
        : wrapTokens(ws.map(wordToken), preset);
    const cue: Cue = { id: nextId(), start: first.start, end: last.end, lines, words: ws.map(({ start, end, text, punct }) => ({ start, end, text, punct })) };
    if (first.speaker !== undefined) cue.speaker = first.speaker;
    return cue;
  });
  const speakers: Speaker[] = [...new Set(words.map((w) => w.speaker).filter((s): s is number => s !== undefined))]
    .sort((a, b) => a - b)
    .map((id) => ({ id, name: `Speaker ${id + 1}` }));
  const track: Track = { cues: applyTiming(cues, { ...preset, minGapMs: minGapMs(preset) }), speakers };
  if (opts.language) track.language = opts.language;
  return track;
}
