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

/** A start tag token; the annotation (a voice's name, a language) with references decoded and whitespace collapsed. */
function startTag(name: string, classes: string[], annotation: string): Token {
  const decoded = annotation.includes('&') ? decodeHTMLAttribute(annotation) : annotation;
  return { t: 'start', name, classes, annotation: decoded === '' ? '' : decoded.replace(/[ \t\n\f\r]+/g, ' ').trim() };
}

const isTagWs = (c: string): boolean => c === '\t' || c === '\f' || c === ' ';

/** The W3C cue text tokenizer; returns the next token and where the following one starts. */
function nextToken(s: string, at: number): { token: Token; next: number } {
  const n = s.length;
  let pos = at;
  if (s[pos] !== '<') {
    const lt = s.indexOf('<', pos);
    const stop = lt < 0 ? n : lt;
    const raw = s.slice(pos, stop);
    return { token: { t: 'text', value: raw.includes('&') ? decodeHTML(raw) : raw }, next: stop };
  }
  pos++;
  let state: 'tag' | 'start' | 'class' | 'annotation' | 'end' | 'timestamp' = 'tag';
  let result = '';
  let buffer = '';
  const classes: string[] = [];
  for (; pos <= n; pos++) {
    const c = pos < n ? (s[pos] as string) : null; // null: end of input
    switch (state) {
      case 'tag':
        if (c === null) return { token: startTag(result, classes, buffer), next: pos };
        if (isTagWs(c) || c === '\n') state = 'annotation';
        else if (c === '.') state = 'class';
        else if (c === '/') state = 'end';
        else if (c >= '0' && c <= '9') {
          result = c;
          state = 'timestamp';
        } else if (c === '>') return { token: startTag(result, classes, buffer), next: pos + 1 };
        else {
          result = c;
          state = 'start';
        }
        break;
      case 'start':
        if (c === null) return { token: startTag(result, classes, buffer), next: pos };
        if (isTagWs(c)) state = 'annotation';
        else if (c === '\n') {
          buffer = c;
          state = 'annotation';
        } else if (c === '.') state = 'class';
        else if (c === '>') return { token: startTag(result, classes, buffer), next: pos + 1 };
        else result += c;
        break;
      case 'class':
        if (c === null || c === '>') {
          classes.push(buffer);
          buffer = '';
          return { token: startTag(result, classes, buffer), next: c === null ? pos : pos + 1 };
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
        if (c === null) return { token: startTag(result, classes, buffer), next: pos };
        if (c === '>') return { token: startTag(result, classes, buffer), next: pos + 1 };
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
  return { token: startTag(result, classes, buffer), next: n };
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

/**
 * flattenCueText(parseCueTextTree(s)) without building the tree, for the cue text real files
 * carry: formatting tags (i, b, u, c, with classes or not), tags WebVTT ignores (such as <font>),
 * and end tags. Null when the text holds anything whose meaning depends on the tree (voices,
 * ruby, lang, timestamps), character references, or a tag left open; the full rules answer then.
 */
export function flattenSimpleCueText(s: string): FlatCueText | null {
  if (s.includes('&')) return null;
  let text = '';
  let formatting = false;
  let pos = 0;
  for (;;) {
    const lt = s.indexOf('<', pos);
    if (lt < 0) break;
    text += s.slice(pos, lt);
    // Every tag, start or end, ends at the first '>' (the tokenizer's tag, class, annotation and end states).
    const gt = s.indexOf('>', lt + 1);
    if (gt < 0) return null;
    const first = s.charCodeAt(lt + 1);
    if (first !== 47) {
      if (first >= 48 && first <= 57) return null; // a timestamp tag
      let e = lt + 1;
      for (; e < gt; e++) {
        const c = s.charCodeAt(e);
        if (c === 32 || c === 9 || c === 10 || c === 12 || c === 46) break; // the name ends at whitespace or a class
      }
      const name = s.slice(lt + 1, e);
      if (name === 'i' || name === 'b' || name === 'u' || name === 'c') formatting = true;
      else if (TAGS.has(name)) return null; // v, lang, ruby, rt
    }
    pos = gt + 1;
  }
  text += s.slice(pos);
  return { text, timed: [{ at: null, text }], formatting };
}
