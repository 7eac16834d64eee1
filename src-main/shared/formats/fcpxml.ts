import { makeIdFactory, speakerName, type Cue, type Track } from '../captions/model';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';
import { attrs, children, escapeXml, local, nodeName, parseXml, type XNode } from './xml';

/**
 * Final Cut Pro X captions (FCPXML 1.9 and later): `<caption>` elements on lane 1 over a gap,
 * with an iTT role, so Final Cut Pro imports them as a caption track. Times are whole frames of
 * the sequence's frame rate (Final Cut rejects times off frame boundaries).
 */

export interface FcpxmlOptions {
  /** Frames per second of the sequence: 24, 25, 30, 50, 60 (or 23.976, 29.97, 59.94). Default 25. */
  fps?: number;
  width?: number;
  height?: number;
  language?: string;
  title?: string;
  speakers?: boolean;
}

/** Frame duration as FCPXML's rational seconds: 25 → `100/2500s`, 29.97 → `1001/30000s`. */
function frameDuration(fps: number): { num: number; den: number } {
  const ntsc = Math.abs(fps * 1.001 - Math.round(fps * 1.001)) < 0.01 && !Number.isInteger(fps);
  return ntsc ? { num: 1001, den: Math.round(fps * 1.001) * 1000 } : { num: 100, den: Math.round(fps * 100) };
}

export function formatFcpxml(track: Pick<Track, 'cues' | 'speakers' | 'language'>, opts: FcpxmlOptions = {}): string {
  const fd = frameDuration(opts.fps ?? 25);
  const frames = (ms: number): number => Math.round((ms / 1000) * (fd.den / fd.num));
  const t = (ms: number): string => (ms <= 0 ? '0s' : `${frames(ms) * fd.num}/${fd.den}s`);
  const lang = (opts.language ?? track.language ?? 'en').replace(/[^A-Za-z-]/g, '') || 'en';
  let total = 1000;
  for (const c of track.cues) if (c.end > total) total = c.end; // no spread: a track can hold a million cues
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    '<fcpxml version="1.9">',
    '  <resources>',
    `    <format id="r1" name="Captioner" frameDuration="${fd.num}/${fd.den}s" width="${opts.width ?? 1920}" height="${opts.height ?? 1080}"/>`,
    '  </resources>',
    '  <library>',
    `    <event name="${escapeXml(opts.title ?? 'Captioner')}">`,
    `      <project name="${escapeXml(opts.title ?? 'Captioner')}">`,
    `        <sequence format="r1" duration="${t(total)}" tcStart="0s" tcFormat="NDF">`,
    '          <spine>',
    `            <gap name="Gap" offset="0s" start="0s" duration="${t(total)}">`,
  ];
  let n = 0;
  let lastEnd = -1;
  for (const cue of track.cues) {
    const lines = cue.lines.filter((l) => l.trim() !== '').map((l) => l.replace(/[\r\n]+/g, ' '));
    if (!lines.length) continue;
    // Captions in one lane may not overlap: an overlapping cue starts where the previous ended.
    const startF = Math.max(frames(cue.start), lastEnd);
    const endF = Math.max(startF + 1, frames(cue.end));
    lastEnd = endF;
    const who = opts.speakers && cue.speaker !== undefined ? `${speakerName(track, cue.speaker)}: ` : '';
    const id = `ts${++n}`;
    const text = escapeXml(who + lines.join('\n'));
    out.push(
      `              <caption lane="1" offset="${startF ? `${startF * fd.num}/${fd.den}s` : '0s'}" duration="${(endF - startF) * fd.num}/${fd.den}s" name="${escapeXml((who + lines.join(' ')).slice(0, 60))}" role="iTT?captionFormat=ITT.${lang}">`,
      `                <text placement="bottom"><text-style ref="${id}">${text}</text-style></text>`,
      `                <text-style-def id="${id}"><text-style font=".AppleSystemUIFont" fontSize="13" fontFace="Regular" fontColor="1 1 1 1" backgroundColor="0 0 0 1" tabStops="28 56 84 112 140 168 196 224 252 280 308 336"/></text-style-def>`,
      '              </caption>',
    );
  }
  out.push('            </gap>', '          </spine>', '        </sequence>', '      </project>', '    </event>', '  </library>', '</fcpxml>');
  return `${out.join('\n')}\n`;
}

/** `1001/30000s`, `12s`, `3.5s` → milliseconds. */
function rational(s: string | undefined): number | null {
  if (!s) return 0;
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?s$/.exec(s.trim());
  return m ? (Number(m[1]) / Number(m[2] ?? 1)) * 1000 : null;
}

export function parseFcpxml(text: string): SubtitleParseResult {
  const issues = new IssueList(false);
  const xml = parseXml(text.replace(/^\ufeff/, ''));
  if (!xml.ok) {
    issues.error('NOT_XML', xml.line, `Not well-formed XML: ${xml.message}`);
    return { cues: [], issues: issues.items, ok: false };
  }
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  const textOf = (nodes: XNode[]): string => nodes.map((n) => ('#text' in n ? String(n['#text']) : local(nodeName(n)) === 'text-style' ? textOf(children(n)) : '')).join('');
  // A connected clip's offset is in its parent's time: parent offset + (offset - parent start).
  const walk = (nodes: XNode[], parentOffset: number, parentStart: number): void => {
    for (const n of nodes) {
      const name = local(nodeName(n));
      if (!name || name === '#text') continue;
      const a = attrs(n);
      const offset = rational(a.offset);
      const start = rational(a.start);
      if (offset === null || start === null) {
        issues.error('BAD_TIMESTAMP', 0, `Cannot read the time "${a.offset ?? a.start}" of <${name}>; skipped.`);
        continue;
      }
      const at = parentOffset + (offset - parentStart);
      if (name === 'caption' || name === 'title') {
        const dur = rational(a.duration);
        const textNode = children(n).find((c) => local(nodeName(c)) === 'text');
        const lines = (textNode ? textOf(children(textNode)) : '').split('\n').map((l) => l.trim()).filter(Boolean);
        if (dur === null || !lines.length) continue;
        cues.push({ id: nextId(), start: Math.round(at), end: Math.round(at + dur), lines, words: [] });
      } else walk(children(n), name === 'spine' || name === 'sequence' || name === 'project' || name === 'event' || name === 'library' || name === 'fcpxml' ? parentOffset : at, name === 'spine' || name === 'sequence' || name === 'project' || name === 'event' || name === 'library' || name === 'fcpxml' ? parentStart : start);
    }
  };
  walk(xml.nodes, 0, 0);
  cues.sort((x, y) => x.start - y.start);
  if (!cues.length) issues.error('NO_CUES', 1, 'No <caption> or <title> elements found in this FCPXML file.');
  return { cues, issues: issues.items, ok: issues.ok };
}
