import { resolve } from 'node:path';
import { expandInputs } from '../node/media/inputs';
import { formatCost } from '../shared/cost';
import { EXPORT_FORMATS, exportTrack, type ExportFormat } from '../shared/formats/export';
import { jobOptionsSchema, type JobOptions, type JobView } from '../shared/jobs';
import { openApp } from '../node/app';
import { hotwordsFromFile } from '../node/hotword-file';
import { acquireRunnerLock } from '../node/lock';
import { toAppError } from '../shared/result';
import { outputPath, writeAtomic } from './output';
import { ProgressView } from './progress';

export interface CaptionArgs {
  files: string[];
  model?: string | undefined;
  language?: string | undefined;
  diarize?: boolean | undefined;
  speakers?: string | undefined;
  hotwords?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  delivery?: string | undefined;
  publicBaseUrl?: string | undefined;
  preset?: string | undefined;
  channels?: string | undefined;
  audioStream?: string | undefined;
  maskWords?: string | undefined;
  removeWords?: string | undefined;
  noSystemFilter?: boolean | undefined;
  overwrite?: boolean | undefined;
  quick?: boolean | undefined;
  bom?: boolean | undefined;
  crlf?: boolean | undefined;
}

const words = (s: string | undefined): string[] => (s ?? '').split(',').map((w) => w.trim()).filter(Boolean);

export async function runCaption(a: CaptionArgs, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv }): Promise<number> {
  if (!a.files.length) {
    io.stderr.write('captioner caption: give at least one media file (or folder).\n');
    return 2;
  }
  const format = (a.format ?? 'srt') as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    io.stderr.write(`captioner caption: --format must be one of ${EXPORT_FORMATS.join(', ')}, not "${a.format}".\n`);
    return 2;
  }
  const tty = Boolean(io.stdout.isTTY);
  const view = new ProgressView(io.stdout, tty);
  const mine = new Set<string>();
  let release = (): void => undefined;
  const app = openApp({ env: io.env, ...(a.publicBaseUrl ? { publicBaseUrl: a.publicBaseUrl } : {}), onUpdate: (v) => mine.has(v.id) && view.update(v) });
  try {
    if (!app.service().hasApiKey) {
      io.stderr.write('No DashScope API key: set DASHSCOPE_API_KEY, or run "captioner config set apiKey <key>".\n');
      return 2;
    }
    const s = app.settings;
    const raw: Record<string, unknown> = {
      model: a.model ?? s.get('model') ?? 'fun-asr',
      diarize: Boolean(a.diarize),
      delivery: a.delivery ?? s.get('delivery') ?? 'auto',
      channels: a.channels ?? 'downmix',
      quick: Boolean(a.quick ?? s.get<boolean>('quickMode')),
    };
    const language = a.language ?? s.get<string>('language');
    if (language) raw.language = language;
    if (a.speakers) raw.speakerCount = Number(a.speakers);
    const preset = a.preset ?? s.get<string>('presetId');
    if (preset) raw.presetId = preset;
    if (a.audioStream !== undefined) raw.audioIndex = Number(a.audioStream);
    if (a.maskWords || a.removeWords || a.noSystemFilter) raw.specialWordFilter = { maskWords: words(a.maskWords), removeWords: words(a.removeWords), systemReserved: !a.noSystemFilter };
    const activeList = s.get<string>('hotwordListId');
    if (!a.hotwords && activeList && !raw.quick) {
      // The list chosen in the app applies here too, but only to the model it was made for.
      if (s.get<string>('hotwordModel') === raw.model) raw.vocabularyId = activeList;
      else io.stderr.write(`Note: the active hotword list was made for ${s.get<string>('hotwordModel')}, not ${String(raw.model)}; captioning without it.\n`);
    }
    if (a.hotwords) {
      if (raw.quick) io.stderr.write('Note: quick mode sends hotwords as context, not as a hotword list.\n');
      try {
        const h = await hotwordsFromFile(app, a.hotwords, String(raw.model));
        raw.vocabularyId = h.vocabularyId;
        if (h.created) io.stderr.write(`Created hotword list ${h.vocabularyId} for ${String(raw.model)} from ${a.hotwords}.\n`);
      } catch (e) {
        io.stderr.write(`${toAppError(e).message}\n`);
        return 2;
      }
    }
    const parsed = jobOptionsSchema.safeParse(raw);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      io.stderr.write(`Invalid option ${i?.path.join('.')}: ${i?.message}\n`);
      return 2;
    }
    const options: JobOptions = parsed.data;
    release = acquireRunnerLock(app.home, 'captioner caption');
    const inputs = await expandInputs(a.files);
    if (!inputs.length) {
      io.stderr.write('No media files found in the given folders.\n');
      return 2;
    }
    const resumed = await app.runner.resumeAll();
    const jobs: JobView[] = [];
    for (const input of inputs) {
      // A rerun after a crash picks up the unfinished job for the same file instead of starting over.
      const existing = resumed.find((j) => j.inputPath === input);
      const job = existing ?? app.runner.add(input, options);
      if (existing) view.note(`${existing.title}: resuming (${existing.detail})`);
      mine.add(job.id);
      jobs.push(job);
      view.update(app.runner.get(job.id) ?? job);
    }
    let failures = 0;
    await Promise.all(
      jobs.map(async (j) => {
        const end = await app.runner.wait(j.id);
        if (end.stage !== 'done' || !end.transcriptId) {
          failures++;
          view.note(`✗ ${end.title}: ${end.error ? `${end.error.message} [${end.error.code}]` : end.stage}`);
          return;
        }
        const track = app.transcripts.track(end.transcriptId);
        if (!track) return;
        const path = outputPath(end.inputPath, format, a.out ? resolve(a.out) : undefined, Boolean(a.overwrite));
        await writeAtomic(path, exportTrack(track, { format, bom: a.bom ?? s.get<boolean>('exportBom') ?? false, lineEnding: a.crlf ? 'crlf' : (s.get<'lf' | 'crlf'>('exportLineEnding') ?? 'lf') }));
        const cost = end.estimate ? `, estimate ${formatCost(end.estimate)}` : '';
        const billed = end.billedSeconds !== undefined ? `, billed ${end.billedSeconds} s` : '';
        for (const w of end.warnings) view.note(`! ${end.title}: ${w}`);
        view.note(`✓ ${end.title} → ${path} (${track.cues.length} cues${billed}${cost})`);
      }),
    );
    if (failures) io.stderr.write(`${failures} of ${jobs.length} file(s) failed.\n`);
    return failures ? 1 : 0;
  } finally {
    await app.close();
    release();
  }
}
