import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { parseTimestampExact } from './vtt-timing';

/**
 * WebVTT cue text: the W3C tokenizer and the cue text DOM construction rules
 * (https://www.w3.org/TR/webvtt1/#cue-text-parsing-rules). Character references use the HTML
 * named character reference table from `entities` (the full WHATWG list, including the legacy
 * names that may lack their semicolon, such as `&not`).
 */

export type CueNode = CueText | CueElement | CueTimestamp;
export interface CueText {
  kind: 'text';
  text: string;
}
export interface CueTimestamp {
  kind: 'timestamp';
  ms: number;
}
export type CueTag = 'c' | 'i' | 'b' | 'u' | 'ruby' | 'rt' | 'v' | 'lang';
export interface CueElement {
  kind: 'element';
  tag: CueTag;
  classes: string[];
  /** The voice name of `<v>`, the language of `<lang>`. */
  annotation?: string;
  children: CueNode[];
}

type Token =
  | { t: 'text'; value: string }
  | { t: 'start'; name: string; classes: string[]; annotation: string }
  | { t: 'end'; name: string }
  | { t: 'timestamp'; value: string };

const isTagWs = (c: string): boolean => c === '\t' || c === '\f' || c === ' ';

/** The W3C cue text tokenizer; returns the next token and where the following one starts. */
function nextToken(s: string, at: number): { token: Token; next: number } {
  const n = s.length;
  let pos = at;
  if (s[pos] !== '<') {
    const lt = s.indexOf('<', pos);
    const stop = lt < 0 ? n : lt;
    return { token: { t: 'text', value: decodeHTML(s.slice(pos, stop)) }, next: stop };
  }
  pos++;
  let state: 'tag' | 'start' | 'class' | 'annotation' | 'end' | 'timestamp' = 'tag';
  let result = '';
  let buffer = '';
  const classes: string[] = [];
  const start = (): Token => ({ t: 'start', name: result, classes, annotation: decodeHTMLAttribute(buffer).replace(/[ \t\n\f\r]+/g, ' ').trim() });
  for (; pos <= n; pos++) {
    const c = pos < n ? (s[pos] as string) : null; // null: end of input
    switch (state) {
      case 'tag':
        if (c === null) return { token: start(), next: pos };
        if (isTagWs(c) || c === '\n') state = 'annotation';
        else if (c === '.') state = 'class';
        else if (c === '/') state = 'end';
        else if (c >= '0' && c <= '9') {
          result = c;
          state = 'timestamp';
        } else if (c === '>') return { token: start(), next: pos + 1 };
        else {
          result = c;
          state = 'start';
        }
        break;
      case 'start':
        if (c === null) return { token: start(), next: pos };
        if (isTagWs(c)) state = 'annotation';
        else if (c === '\n') {
          buffer = c;
          state = 'annotation';
        } else if (c === '.') state = 'class';
        else if (c === '>') return { token: start(), next: pos + 1 };
        else result += c;
        break;
      case 'class':
        if (c === null || c === '>') {
          classes.push(buffer);
          buffer = '';
          return { token: start(), next: c === null ? pos : pos + 1 };
        }
        if (isTagWs(c) || c === '\n') {
          classes.push(buffer);
          buffer = c === '\n' ? c : '';
          state = 'annotation';
        } else if (c === '.') {
          classes.push(buffer);
          buffer = '';
        } else buffer += c;
        break;
      case 'annotation':
        if (c === null) return { token: start(), next: pos };
        if (c === '>') return { token: start(), next: pos + 1 };
        buffer += c;
        break;
      case 'end':
        if (c === null) return { token: { t: 'end', name: result }, next: pos };
        if (c === '>') return { token: { t: 'end', name: result }, next: pos + 1 };
        result += c;
        break;
      case 'timestamp':
        if (c === null) return { token: { t: 'timestamp', value: result }, next: pos };
        if (c === '>') return { token: { t: 'timestamp', value: result }, next: pos + 1 };
        result += c;
        break;
    }
  }
  return { token: start(), next: n };
}

const TAGS = new Set<string>(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang']);

/** Cue text → a tree of text, elements and timestamps, as a browser builds it. */
export function parseCueTextTree(s: string): CueNode[] {
  const root: CueElement = { kind: 'element', tag: 'c', classes: [], children: [] };
  const stack: CueElement[] = [root];
  let pos = 0;
  while (pos < s.length) {
    const { token, next } = nextToken(s, pos);
    pos = next;
    const current = stack[stack.length - 1] as CueElement;
    if (token.t === 'text') {
      if (token.value) current.children.push({ kind: 'text', text: token.value });
    } else if (token.t === 'start') {
      if (!TAGS.has(token.name)) continue;
      if (token.name === 'rt' && (stack.length === 1 || current.tag !== 'ruby')) continue;
      const el: CueElement = { kind: 'element', tag: token.name as CueTag, classes: token.classes.filter((c) => c !== ''), children: [] };
      if (token.name === 'v' || token.name === 'lang') el.annotation = token.annotation;
      current.children.push(el);
      stack.push(el);
    } else if (token.t === 'end') {
      if (stack.length > 1 && token.name === current.tag) stack.pop();
      else if (stack.length > 2 && token.name === 'ruby' && current.tag === 'rt') stack.length -= 2;
    } else {
      const ms = parseTimestampExact(token.value);
      if (ms !== null) current.children.push({ kind: 'timestamp', ms });
    }
  }
  return root.children;
}

export interface FlatCueText {
  /** The text with markup removed (newlines kept). */
  text: string;
  /** The first voice's name, if any. */
  voice?: string;
  /** Text pieces with the time each starts at (a timestamp tag, or null before the first). */
  timed: { at: number | null; text: string }[];
  /** Elements other than `<v>` were present (formatting that plain lines cannot hold). */
  formatting: boolean;
}

/** Flattens a cue text tree into what a caption track holds. */
export function flattenCueText(nodes: CueNode[]): FlatCueText {
  const out: FlatCueText = { text: '', timed: [{ at: null, text: '' }], formatting: false };
  const walk = (list: CueNode[]): void => {
    for (const node of list) {
      if (node.kind === 'text') {
        out.text += node.text;
        (out.timed[out.timed.length - 1] as { text: string }).text += node.text;
      } else if (node.kind === 'timestamp') out.timed.push({ at: node.ms, text: '' });
      else {
        if (node.tag === 'v') {
          if (out.voice === undefined && node.annotation) out.voice = node.annotation;
        } else out.formatting = true;
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return out;
}
