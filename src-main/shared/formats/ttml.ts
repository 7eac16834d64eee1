import { makeIdFactory, speakerName, type Cue, type Speaker, type Track } from '../captions/model';
import { IssueList } from './issues';
import type { SubtitleParseResult } from './srt';
import { formatTimestamp } from './timecode';
import { attrs, children, escapeXml, local, nodeName, parseXml, type XNode } from './xml';

/**
 * TTML 2 as the IMSC 1.1 Text profile constrains it (broadcast, streaming, Netflix, DaVinci
 * Resolve): clock times in media time, one region at the bottom, speakers as `ttm:agent`.
 * Written as text; read with fast-xml-parser (ordered, so `<br/>` and spans keep their place).
 */

export function formatTtml(track: Pick<Track, 'cues' | 'speakers' | 'language'>, opts: { speakers?: boolean; language?: string } = {}): string {
  const lang = escapeXml(opts.language ?? track.language ?? 'und');
  const useSpeakers = opts.speakers ?? track.speakers.length > 0;
  const used = new Set(track.cues.map((c) => c.speaker).filter((s): s is number => s !== undefined));
  const agents = useSpeakers
    ? [...used].map((id) => `      <ttm:agent xml:id="speaker${id}" type="person"><ttm:name type="full">${escapeXml(speakerName(track, id) as string)}</ttm:name></ttm:agent>`)
    : [];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ttp:timeBase="media" ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text" xml:lang="${lang}">`,
    '  <head>',
    ...(agents.length ? ['    <metadata>', ...agents, '    </metadata>'] : []),
    '    <styling>',
    '      <style xml:id="caption" tts:fontFamily="proportionalSansSerif" tts:fontSize="100%" tts:lineHeight="125%" tts:textAlign="center" tts:color="#FFFFFF" tts:backgroundColor="#000000B2"/>',
    '    </styling>',
    '    <layout>',
    '      <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after" tts:writingMode="lrtb"/>',
    '    </layout>',
    '  </head>',
    '  <body region="bottom"><div>',
  ];
  let n = 0;
  for (const cue of track.cues) {
    const lines = cue.lines.filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    const agent = useSpeakers && cue.speaker !== undefined ? ` ttm:agent="speaker${cue.speaker}"` : '';
    const id = `c${++n}`;
    const spans = lines.map((l) => `<span style="caption">${escapeXml(l.replace(/[\r\n]+/g, ' '))}</span>`).join('<br/>');
    out.push(`    <p xml:id="${id}" begin="${formatTimestamp(cue.start, '.')}" end="${formatTimestamp(cue.end, '.')}"${agent}>${spans}</p>`);
  }
  out.push('  </div></body>', '</tt>');
  return `${out.join('\n')}\n`;
}

interface Rates {
  frameRate: number;
  tickRate: number;
}

/** TTML time expressions: clock time (with frames), or an offset in h, m, s, ms, f or t. */
export function ttmlTime(expr: string, r: Rates): number | null {
  const e = expr.trim();
  let m = /^(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(e);
  if (m) return Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000 + Number(m[3]) * 1000 + Math.round(Number(`0.${m[4] ?? '0'}`) * 1000);
  m = /^(\d+):(\d{2}):(\d{2}):(\d+(?:\.\d+)?)$/.exec(e);
  if (m) return Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000 + Number(m[3]) * 1000 + Math.round((Number(m[4]) / r.frameRate) * 1000);
  m = /^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$/.exec(e);
  if (!m) return null;
  const v = Number(m[1]);
  const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, f: 1000 / r.frameRate, t: 1000 / r.tickRate }[m[2] as 'h'];
  return Math.round(v * unit);
}

export interface TtmlParseResult extends SubtitleParseResult {
  speakers: Speaker[];
  language?: string;
}

export function parseTtml(text: string): TtmlParseResult {
  const issues = new IssueList(false);
  const xml = parseXml(text.replace(/^\ufeff/, ''));
  if (!xml.ok) {
    issues.error('NOT_XML', xml.line, `Not well-formed XML: ${xml.message}`);
    return { cues: [], speakers: [], issues: issues.items, ok: false };
  }
  const tt = xml.nodes.find((n) => local(nodeName(n)) === 'tt');
  if (!tt) {
    issues.error('NOT_TTML', 1, 'No <tt> root element: this is not a TTML file.');
    return { cues: [], speakers: [], issues: issues.items, ok: false };
  }
  const ta = attrs(tt);
  const rates: Rates = { frameRate: Number(ta['ttp:frameRate'] ?? 30) * (ta['ttp:frameRateMultiplier'] ? Number(ta['ttp:frameRateMultiplier'].split(' ')[0]) / Number(ta['ttp:frameRateMultiplier'].split(' ')[1]) : 1), tickRate: Number(ta['ttp:tickRate'] ?? ta['ttp:frameRate'] ?? 1) };
  const speakers: Speaker[] = [];
  const agentIds = new Map<string, number>();
  const cues: Cue[] = [];
  const nextId = makeIdFactory();
  const textOf = (nodes: XNode[], into: string[]): void => {
    for (const n of nodes) {
      if ('#text' in n) into[into.length - 1] += String(n['#text']).replace(/\s+/g, ' ');
      else if (local(nodeName(n)) === 'br') into.push('');
      else if (local(nodeName(n)) === 'span') textOf(children(n), into);
    }
  };
  const agentName = (n: XNode): string => {
    for (const c of children(n)) if (local(nodeName(c)) === 'name') return children(c).map((t) => String(t['#text'] ?? '')).join('').trim();
    return attrs(n)['xml:id'] ?? '';
  };
  const walk = (nodes: XNode[], offset: number): void => {
    for (const n of nodes) {
      const name = local(nodeName(n));
      if (!name || name === '#text') continue;
      const a = attrs(n);
      if (name === 'agent') {
        const id = a['xml:id'];
        if (id) {
          agentIds.set(id, speakers.length);
          speakers.push({ id: speakers.length, name: agentName(n) || id });
        }
        continue;
      }
      const begin = a.begin !== undefined ? ttmlTime(a.begin, rates) : 0;
      if (begin === null) {
        issues.error('BAD_TIMESTAMP', 0, `Cannot read the time "${a.begin}"; element skipped.`);
        continue;
      }
      const start = offset + begin;
      if (name === 'p') {
        const end = a.end !== undefined ? ttmlTime(a.end, rates) : null;
        const dur = a.dur !== undefined ? ttmlTime(a.dur, rates) : null;
        const stop = end !== null ? offset + end : dur !== null ? start + dur : null;
        if (stop === null) {
          issues.error('BAD_TIMESTAMP', 0, `A paragraph has no end or dur ("${a.begin ?? ''}"); skipped.`);
          continue;
        }
        const lines = [''];
        textOf(children(n), lines);
        const cue: Cue = { id: nextId(), start, end: stop, lines: lines.map((l) => l.trim()).filter(Boolean), words: [] };
        const agent = a['ttm:agent']?.split(/\s+/)[0];
        if (agent && agentIds.has(agent)) cue.speaker = agentIds.get(agent) as number;
        if (cue.lines.length) cues.push(cue);
      } else walk(children(n), start);
    }
  };
  walk(children(tt), 0);
  cues.sort((x, y) => x.start - y.start);
  if (!cues.length) issues.error('NO_CUES', 1, 'No timed <p> elements found in this TTML file.');
  const result: TtmlParseResult = { cues, speakers: speakers.filter((s) => cues.some((c) => c.speaker === s.id)), issues: issues.items, ok: issues.ok };
  if (ta['xml:lang'] && ta['xml:lang'] !== 'und') result.language = ta['xml:lang'];
  return result;
}
