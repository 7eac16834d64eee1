import { makeIdFactory, speakerName, type Cue, type Track, type Word } from '../captions/model';
import { joinTokens, needsSpace, wordToken } from '../captions/text';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';

/**
 * LRC lyrics: `[mm:ss.xx]line`, and "enhanced" LRC's `<mm:ss.xx>` word times (Fun-ASR times
 * every word, so karaoke players can highlight them). One line a cue: a cue's lines are joined
 * with a space; an empty time tag marks where a cue ends when a pause follows.
 */

function tag(ms: number): string {
  const cs = Math.round(Math.max(0, ms) / 10);
  const m = Math.floor(cs / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

const TIME = /^(\d+):(\d{1,2})(?:[.:](\d{1,3}))?$/;
const toMs = (t: string): number | null => {
  const m = TIME.exec(t);
  return m ? Number(m[1]) * 60_000 + Number(m[2]) * 1000 + Number((m[3] ?? '0').padEnd(3, '0').slice(0, 3)) : null;
};

/** Text that LRC readers would take for tags: a leading `[`, or `<` before a digit, gets a zero-width space. */
const guard = (s: string): string => s.replace(/^\[/, '\u200b[').replace(/<(?=\d)/g, '<\u200b');
const unguard = (s: string): string => s.replace(/^\u200b\[/, '[').replace(/<\u200b(?=\d)/g, '<');

export interface LrcWriteOptions {
  /** Enhanced LRC word times, where the cue's words still match its text. Default true. */
  wordTimestamps?: boolean;
  speakers?: boolean;
  title?: string;
}

export function formatLrc(track: Pick<Track, 'cues' | 'speakers'>, opts: LrcWriteOptions = {}): string {
  const out: string[] = [];
  if (opts.title) out.push(`[ti:${opts.title.replace(/[\]\r\n]+/g, ' ')}]`);
  out.push('[re:Captioner]');
  const cues = track.cues.filter((c) => c.lines.some((l) => l.trim() !== ''));
  cues.forEach((cue, k) => {
    const text = cue.lines.map((l) => l.replace(/[\r\n]+/g, ' ').trim()).filter(Boolean).join(' ');
    const who = opts.speakers && cue.speaker !== undefined ? `${speakerName(track, cue.speaker)}: ` : '';
    const tokens = cue.words.map(wordToken);
    const timed = (opts.wordTimestamps ?? true) && tokens.length > 1 && joinTokens(tokens) === text;
    let body = '';
    if (timed) {
      let acc = '';
      cue.words.forEach((w, i) => {
        const tok = tokens[i] as string;
        const space = i > 0 && needsSpace(acc.slice(-2), tok);
        acc += (space ? ' ' : '') + tok;
        body += `${space ? ' ' : ''}<${tag(w.start)}>${guard(tok)}`;
      });
      body += `<${tag(cue.end)}>`;
    } else body = guard(who + text);
    out.push(`[${tag(cue.start)}]${timed ? who.replace(/</g, '') : ''}${body}`);
    const next = cues[k + 1];
    if (!next || next.start - cue.end >= 10) out.push(`[${tag(cue.end)}]`);
  });
  return `${out.join('\n')}\n`;
}

export function parseLrc(text: string): SubtitleParseResult {
  const issues = new IssueList(false);
  const entries: { at: number; text: string; line: number }[] = [];
  let offset = 0;
  text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n').forEach((raw, k) => {
    let rest = raw.trim();
    const times: number[] = [];
    for (let m = /^\[([^\]]*)\]/.exec(rest); m; m = /^\[([^\]]*)\]/.exec(rest)) {
      const t = toMs(m[1] as string);
      const meta = /^offset:\s*([+-]?\d+)$/i.exec(m[1] as string);
      if (meta) offset = Number(meta[1]);
      if (t !== null) times.push(t);
      rest = rest.slice(m[0].length);
    }
    if (!times.length) {
      if (rest) issues.repair('STRAY_TEXT', k + 1, `Line without a time ignored: "${rest.slice(0, 40)}"`);
      return;
    }
    for (const at of times) entries.push({ at, text: rest, line: k + 1 });
  });
  entries.sort((a, b) => a.at - b.at);
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  entries.forEach((e, k) => {
    if (!e.text) return;
    const nextAt = entries[k + 1]?.at;
    const words: Word[] = [];
    const parts = e.text.split(/<(\d+:\d{1,2}(?:[.:]\d{1,3})?)>/);
    let plain = unguard(parts[0] ?? '');
    for (let i = 1; i < parts.length; i += 2) {
      const at = toMs(parts[i] as string) as number;
      const w = unguard((parts[i + 1] ?? '').trim());
      plain += parts[i + 1] ? unguard(parts[i + 1] as string) : '';
      if (w) words.push({ start: at + offset, end: at + offset, text: w, punct: '' });
    }
    const lastTag = parts.length > 1 ? toMs(parts[parts.length - 2] as string) : null;
    words.forEach((w, i) => (w.end = words[i + 1]?.start ?? (lastTag !== null && !(parts[parts.length - 1] ?? '').trim() ? lastTag + offset : (nextAt ?? e.at + 3000) + offset)));
    const start = e.at + offset;
    const end = Math.max(start, (words.length && lastTag !== null && !(parts[parts.length - 1] ?? '').trim() ? lastTag : nextAt ?? e.at + 3000) + offset);
    const line = plain.replace(/\s+/g, ' ').trim();
    if (!line) return;
    cues.push({ id: nextId(), start: Math.max(0, start), end: Math.max(0, end), lines: [line], words: words.length > 1 ? words : [] });
  });
  if (!cues.length) issues.error('NO_CUES', 1, 'No timed lyric lines found: is this really an LRC file?');
  return { cues, issues: issues.items, ok: issues.ok };
}
