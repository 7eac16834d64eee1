import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { renderExportName, templateProblem } from '../shared/formats/naming';
import { exportNameFields } from '../node/export-name';
import { speakerName } from '../shared/captions/model';
import { normalizeEncoding } from '../shared/formats/decode';
import { EXPORT_FORMATS, FORMAT_FILES, exportTrack, type ExportFormat } from '../shared/formats/export';
import { formatClock } from '../shared/formats/timecode';
import { openApp } from '../node/app';
import { writeAtomic } from './output';
import { importSubtitle } from '../node/importer';
import { toAppError } from '../shared/result';
import { changeTranscriptLanguage } from '../node/transcript-language';
import { plural } from './plural';

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

const isFolder = (p: string): boolean => p.endsWith('/') || p.endsWith(sep) || (existsSync(p) && statSync(p).isDirectory());
const TEMPLATE_PROBLEMS = {
  EMPTY: 'the name template is empty.',
  UNKNOWN_FIELD: 'unknown field; use {name}, {title}, {lang}, {format} and {date}.',
  NO_FORMAT: 'the template must end in {format} (the file extension).',
  PATH: 'a name template cannot contain folders; use --out FOLDER.',
} as const;

const date = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export async function runLibrary(sub: string | undefined, rest: string[], flags: { format?: string | undefined; out?: string | undefined; json?: boolean | undefined; bom?: boolean | undefined; crlf?: boolean | undefined; encoding?: string | undefined; name?: string | undefined; overwrite?: boolean | undefined; preset?: string | undefined; language?: string | undefined; resegmentEdited?: boolean | undefined }, io: Io): Promise<number> {
  const app = openApp({ env: io.env });
  try {
    const find = (arg: string | undefined): string | undefined => {
      if (!arg) {
        io.stderr.write(`captioner library ${sub}: give a transcript id (see "captioner library list").\n`);
        return undefined;
      }
      const id = app.transcripts.resolveId(arg);
      if (!id) io.stderr.write(`No transcript matches "${arg}" (see "captioner library list").\n`);
      return id;
    };
    switch (sub) {
      case 'list': {
        const items = app.transcripts.list();
        if (flags.json) io.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else if (!items.length) io.stdout.write('The library is empty. Caption something with "captioner caption <file>".\n');
        else for (const t of items) io.stdout.write(`${t.id.slice(0, 8)}  ${date(t.createdAt)}  ${formatClock(t.durationMs).padStart(8)}  ${(t.language ?? '--').padEnd(3)} ${String(t.cueCount).padStart(5)} ${t.cueCount === 1 ? 'cue ' : 'cues'}  ${t.speakerCount ? `${t.speakerCount} spk  ` : ''}${t.title}\n`);
        return 0;
      }
      case 'search': {
        const q = rest.join(' ');
        if (!q.trim()) {
          io.stderr.write('captioner library search: give the text to look for.\n');
          return 2;
        }
        const hits = app.transcripts.search(q);
        if (flags.json) io.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
        else if (!hits.length) io.stdout.write(`No matches for "${q}".\n`);
        else for (const h of hits) io.stdout.write(`${h.transcriptId.slice(0, 8)}  ${h.startMs === null ? 'title   ' : formatClock(h.startMs).padStart(8)}  ${h.title}: ${h.snippet}\n`);
        return hits.length ? 0 : 1;
      }
      case 'show': {
        const id = find(rest[0]);
        if (!id) return 1;
        const meta = app.transcripts.meta(id);
        const track = app.transcripts.track(id);
        if (!meta || !track) return 1;
        if (flags.json) {
          io.stdout.write(`${JSON.stringify({ ...meta, track }, null, 2)}\n`);
          return 0;
        }
        io.stdout.write(`${meta.title}\n  id ${meta.id}\n  source ${meta.sourcePath ?? '-'}\n  model ${meta.model ?? '-'}, language ${meta.language ?? 'auto'}, preset ${meta.presetId}\n  ${plural(meta.cueCount, 'cue')}, ${formatClock(meta.durationMs)}\n\n`);
        for (const c of track.cues) {
          const who = c.speaker !== undefined ? `${speakerName(track, c.speaker)}: ` : '';
          io.stdout.write(`${formatClock(c.start).padStart(8)}  ${who}${c.lines.join(' / ')}\n`);
        }
        return 0;
      }
      case 'export': {
        const id = find(rest[0]);
        if (!id) return 1;
        const format = (flags.format ?? 'srt') as ExportFormat;
        if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
          io.stderr.write(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${flags.format}".\n`);
          return 2;
        }
        if (flags.preset || flags.language) {
          // The transcript's language and preset change for good (as in the editor): cues are cut
          // again from their words for the new line width; edited cues stay unless asked.
          try {
            const c = changeTranscriptLanguage(app, id, { language: flags.language === 'auto' ? null : flags.language, presetId: flags.preset, resegment: flags.resegmentEdited ? 'all' : 'unedited' });
            const kept = c.kept ? `; ${plural(c.kept, 'edited cue')} kept as they were (--resegment-edited to cut them too)` : '';
            io.stderr.write(`language ${c.language ?? 'unknown'}, preset ${c.presetId}: ${plural(c.rebuilt, 'cue')} from the words${kept}.\n`);
          } catch (e) {
            io.stderr.write(`${toAppError(e).message}\n`);
            return 2;
          }
        }
        const track = app.transcripts.track(id);
        const meta = app.transcripts.meta(id);
        if (!track || !meta) return 1;
        const template = flags.name ?? app.settings.get('exportNameTemplate');
        const problem = templateProblem(template);
        if (problem) {
          io.stderr.write(`--name "${template}": ${TEMPLATE_PROBLEMS[problem]}\n`);
          return 2;
        }
        const bytes = exportTrack(track, { format, title: meta.title, bom: flags.bom ?? app.settings.get('exportBom'), lineEnding: flags.crlf ? 'crlf' : app.settings.get('exportLineEnding'), speakers: app.settings.get('exportSpeakers') });
        // --out FILE, or --out FOLDER (or the exportFolder setting) with the name template; else stdout.
        const folder = flags.out ? (isFolder(flags.out) ? resolve(flags.out) : null) : app.settings.get('exportFolder') ?? null;
        const target = folder ? join(folder, renderExportName(template, exportNameFields(meta, FORMAT_FILES[format].ext))) : flags.out ? resolve(flags.out) : null;
        if (!target) {
          io.stdout.write(bytes);
          return 0;
        }
        if (existsSync(target) && !flags.overwrite) {
          io.stderr.write(`${target} already exists; nothing written. Pass --overwrite to replace it, or choose another --out or --name.\n`);
          return 1;
        }
        await writeAtomic(target, bytes);
        io.stderr.write(`wrote ${target}\n`);
        return 0;
      }
      case 'import': {
        if (!rest.length) {
          io.stderr.write('captioner library import: give caption files (SRT, WebVTT, ASS/SSA, TTML, SBV, LRC, FCPXML) or Captioner JSON (the video beside each is found by name).\n');
          return 2;
        }
        const encoding = flags.encoding === undefined ? undefined : normalizeEncoding(flags.encoding);
        if (encoding === null) {
          io.stderr.write(`--encoding "${flags.encoding}" is not an encoding Captioner reads (try utf-8, gb18030, big5, shift_jis, euc-kr, windows-1252, iso-8859-2...).\n`);
          return 2;
        }
        let failed = 0;
        for (const f of rest) {
          try {
            const r = await importSubtitle(app, resolve(f), undefined, encoding);
            const enc = r.encoding && r.encoding !== 'utf-8' ? `, decoded from ${r.encoding}` : '';
            io.stdout.write(`${r.transcriptId.slice(0, 8)}  ${r.title}: ${plural(r.cues, 'cue')}${enc}${r.mediaPath ? `, media ${r.mediaPath}` : ', no media found'}\n`);
            for (const i of r.issues) io.stdout.write(`    ${i.severity === 'error' ? 'error' : i.code === 'ENCODING_UNSURE' ? 'check' : 'repaired'} line ${i.line}: ${i.message}\n`);
            if (r.issues.some((i) => i.code === 'ENCODING_UNSURE')) io.stdout.write(`    first lines as read: ${r.preview ?? ''}\n    if they look wrong, import again with --encoding <name>.\n`);
          } catch (e) {
            failed++;
            io.stderr.write(`✗ ${f}: ${toAppError(e).message}\n`);
          }
        }
        return failed ? 1 : 0;
      }
      case 'delete': {
        const id = find(rest[0]);
        if (!id) return 1;
        app.transcripts.delete(id);
        io.stdout.write(`deleted ${id}\n`);
        return 0;
      }
      default:
        io.stderr.write(`captioner library: unknown action "${sub ?? ''}". Use list, search, show, export, import or delete ("captioner library --help").\n`);
        return 2;
    }
  } finally {
    await app.close();
  }
}
