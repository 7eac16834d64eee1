import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** XML text and attribute escaping; characters XML 1.0 forbids (C0 controls but tab/LF/CR) are dropped. */
// eslint-disable-next-line no-control-regex -- removing exactly these characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export const escapeXml = (s: string): string =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A node of fast-xml-parser's ordered output: `{ tag: children[], ':@': attributes }` or `{ '#text': value }`. */
export type XNode = Record<string, unknown>;

export const nodeName = (n: XNode): string => Object.keys(n).find((k) => k !== ':@') ?? '';
export const children = (n: XNode): XNode[] => (n[nodeName(n)] as XNode[] | undefined) ?? [];
export const attrs = (n: XNode): Record<string, string> => (n[':@'] as Record<string, string> | undefined) ?? {};
/** Local name: `tt:p` → `p`. */
export const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Parses XML keeping element order and mixed content (text, <br/>, spans); an error names the line. */
export function parseXml(text: string): { ok: true; nodes: XNode[] } | { ok: false; message: string; line: number } {
  const v = XMLValidator.validate(text);
  if (v !== true) return { ok: false, message: v.err.msg, line: v.err.line };
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, htmlEntities: false, parseTagValue: false, parseAttributeValue: false });
  return { ok: true, nodes: parser.parse(text) as XNode[] };
}
