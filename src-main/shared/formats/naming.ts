/**
 * Export file names from a template such as `{name}.{lang}.{format}`: `{name}` is the source
 * file's name without extension (or the transcript's title), `{title}` the transcript's title,
 * `{lang}` its language (the dot before an empty field is dropped), `{format}` the extension,
 * `{date}` today as YYYY-MM-DD.
 */
export const DEFAULT_NAME_TEMPLATE = '{name}.{format}';
const FIELDS = ['name', 'title', 'lang', 'format', 'date'] as const;
export type NameFields = Record<(typeof FIELDS)[number], string>;

/** Null when the template is usable, else a code for why not. */
export function templateProblem(template: string): 'EMPTY' | 'UNKNOWN_FIELD' | 'NO_FORMAT' | 'PATH' | null {
  if (!template.trim()) return 'EMPTY';
  for (const m of template.matchAll(/\{([^}]*)\}/g)) if (!(FIELDS as readonly string[]).includes(m[1] as string)) return 'UNKNOWN_FIELD';
  if (!template.includes('{format}')) return 'NO_FORMAT';
  if (/[/\\]/.test(template.replace(/\{[^}]*\}/g, ''))) return 'PATH';
  return null;
}

/** Characters no file system accepts, and control characters, become "_"; fields cannot add folders. */
// eslint-disable-next-line no-control-regex -- replacing exactly these characters is the point
const safe = (s: string): string => s.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').trim();

export function renderExportName(template: string, fields: NameFields): string {
  const t = templateProblem(template) === null ? template : DEFAULT_NAME_TEMPLATE;
  const out = t
    .replace(/([._ -]?)\{(\w+)\}/g, (_, sep: string, key: string) => {
      const v = safe(fields[key as keyof NameFields] ?? '');
      return v ? sep + v : '';
    })
    .replace(/^[. ]+/, '');
  return out || `captions.${safe(fields.format)}`;
}
