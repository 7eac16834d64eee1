import { basename, dirname, extname, resolve } from 'node:path';
import { expandInputs } from '../node/media/inputs';
import { formatCost } from '../shared/cost';
import { EXPORT_FORMATS, exportTrack, type ExportFormat } from '../shared/formats/export';
import type { JobChoices, JobOptions } from '../shared/jobs';
import { deriveJobOptions, describeNote } from '../core/job-options';
import { openApp } from '../node/app';
import { hotwordsFromFile } from '../node/hotword-file';
import { acquireRunnerLock } from '../node/lock';
import { toAppError } from '../shared/result';
import { TASK_LEVEL_ERRORS, describeFinding, describeStatus, describeWarning } from '../core/jobs';
import { contentHash, findFinished, findLostQuick, findRetryable, findUnfinished, recognitionKey } from '../node/jobs/reuse';
import { planOutputs, sweepTemps, writeCaption } from './output';
import { isHttpUrl, parseUrlList, urlFileName } from '../core/url';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProgressView } from './progress';
import { progressPrinter, translateAndWrite, translateOptions } from './translate';
import { plural } from './plural';
import { closeOnInterrupt } from './interrupt';

export interface CaptionArgs {
  files: string[];
  /** A file of URLs, one a line (issue 14). */
  urls?: string | undefined;
  /** Submit a URL that cannot be checked anyway. */
  force?: boolean | undefined;
  /** Extract and deliver URLs through Captioner instead of giving the link to the service. */
  viaCaptioner?: boolean | undefined;
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
  /** Also translate into these languages (issue 11). */
  translate?: string[] | undefined;
  bilingual?: boolean | undefined;
  order?: string | undefined;
  domain?: string | undefined;
  maskWords?: string | undefined;
  removeWords?: string | undefined;
  noSystemFilter?: boolean | undefined;
  overwrite?: boolean | undefined;
  /** Transcribe again even when the library has a finished transcript of the same content and options. */
  retranscribe?: boolean | undefined;
  quick?: boolean | undefined;
  bom?: boolean | undefined;
  crlf?: boolean | undefined;
}

const words = (s: string | undefined): string[] => (s ?? '').split(',').map((w) => w.trim()).filter(Boolean);

export async function runCaption(a: CaptionArgs, io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv }): Promise<number> {
  const links = await urlInputs(a, io.stderr);
  if (!links) return 2;
  if (!a.files.length && !links.length) {
    io.stderr.write('captioner caption: give at least one media file, folder or URL (or --urls FILE).\n');
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
  // --translate shows its progress as `captioner translate` does, once the captions are written.
  const translating = progressPrinter(io);
  const app = openApp({ env: io.env, ...(a.publicBaseUrl ? { publicBaseUrl: a.publicBaseUrl } : {}), onUpdate: (v) => mine.has(v.id) && view.update(v), onTranslationUpdate: (v) => translating.update(v) });
  const stop = closeOnInterrupt(app, io.stderr, 'Stopped. Unfinished jobs are saved in the library: run the same command again to resume (nothing is submitted or billed twice).');
  try {
    if (!app.service().hasApiKey) {
      io.stderr.write('No DashScope API key: set DASHSCOPE_API_KEY, or run "captioner config set apiKey <key>".\n');
      return 2;
    }
    const s = app.settings.values();
    // Flags are this run's choices; everything not given comes from the saved settings, the same
    // derivation the app uses (core/job-options.ts).
    const perJob: Record<string, unknown> = {};
    if (a.model) perJob.model = a.model;
    if (a.language) perJob.language = a.language;
    if (a.diarize !== undefined) perJob.diarize = a.diarize;
    if (a.speakers !== undefined) perJob.speakerCount = Number(a.speakers);
    if (a.delivery) perJob.delivery = a.delivery;
    if (a.preset) perJob.presetId = a.preset;
    if (a.channels) perJob.channels = a.channels;
    if (a.quick !== undefined) perJob.quick = a.quick;
    if (a.audioStream !== undefined) perJob.audioIndex = Number(a.audioStream);
    if (a.maskWords || a.removeWords || a.noSystemFilter) perJob.specialWordFilter = { maskWords: words(a.maskWords), removeWords: words(a.removeWords), systemReserved: !a.noSystemFilter };
    if (a.force) perJob.force = true;
    if (a.viaCaptioner) perJob.viaCaptioner = true;
    if (a.hotwords) {
      const model = String(perJob.model ?? s.model);
      if (perJob.quick ?? s.quickMode) io.stderr.write('Note: quick mode sends hotwords as context, not as a hotword list.\n');
      try {
        const h = await hotwordsFromFile(app, a.hotwords, model);
        perJob.vocabularyId = h.vocabularyId;
        if (h.created) io.stderr.write(`Created hotword list ${h.vocabularyId} for ${model} from ${a.hotwords}.\n`);
      } catch (e) {
        io.stderr.write(`${toAppError(e).message}\n`);
        return 2;
      }
    }
    const derived = deriveJobOptions(s, perJob as JobChoices);
    if (!derived.ok) {
      io.stderr.write(`Invalid option ${derived.message}\n`);
      return 2;
    }
    for (const n of derived.notes) io.stderr.write(`Note: ${describeNote(n)}\n`);
    // --translate: checked before anything is submitted, so a typo costs nothing.
    const translation = a.translate?.length ? translateOptions(app, { to: a.translate, format, bilingual: a.bilingual, order: a.order, overwrite: a.overwrite }) : undefined;
    if (typeof translation === 'string') {
      io.stderr.write(`captioner caption: --translate: ${translation}\n`);
      return 2;
    }
    const written: { transcriptId: string; stem: string; dir: string }[] = [];
    const parsed = { data: derived.options };
    const options: JobOptions = parsed.data;
    stop.holdLock(acquireRunnerLock(app.home, 'captioner caption'));
    // The same file named twice (or through a folder and by name) is one input.
    const inputs = [...new Set([...(await expandInputs(a.files.filter((f) => !isHttpUrl(f)))), ...links])];
    if (!inputs.length) {
      io.stderr.write('No media files found in the given folders.\n');
      return 2;
    }
    const plan = planCaptionPaths(inputs, format, a.out ? resolve(a.out) : undefined);
    const reserved = new Set(plan.values());
    await sweepTemps([...plan.values()].map((p) => dirname(p)));
    const resumed = await app.runner.resumeAll();
    const key = recognitionKey(options);
    const exportOpts = { format, bom: a.bom ?? s.exportBom, lineEnding: a.crlf ? 'crlf' : s.exportLineEnding, speakers: s.exportSpeakers } as const;
    let failures = 0;
    const write = async (input: string, title: string, transcriptId: string, how: string): Promise<void> => {
      const track = app.transcripts.track(transcriptId);
      if (!track) throw new Error(`transcript ${transcriptId} vanished`);
      const w = await writeCaption(plan.get(input) as string, exportTrack(track, exportOpts), Boolean(a.overwrite), reserved);
      written.push({ transcriptId, stem: basename(w.path, extname(w.path)), dir: dirname(w.path) });
      view.note(`✓ ${title} → ${w.path} (${plural(track.cues.length, 'cue')}${how}${w.unchanged ? ', file already up to date' : ''})`);
    };
    const jobs: { input: string; id: string }[] = [];
    for (const input of inputs) {
      const hash = await contentHash(app.db, input).catch(() => undefined);
      const done = hash && !a.retranscribe ? findFinished(app.db, hash, key) : undefined;
      if (done) {
        // Finished work is not bought twice: the caption is written from the library.
        await write(input, isHttpUrl(input) ? urlFileName(input) : basename(input), done.transcriptId, `, from the library: transcribed ${new Date(done.finishedAt).toISOString().slice(0, 16).replace('T', ' ')}; --retranscribe to transcribe again`);
        continue;
      }
      // A rerun after a crash picks up the unfinished job for the same file instead of starting over.
      const unfinished = hash ? findUnfinished(app.db, hash, key) : undefined;
      if (unfinished && jobs.some((k) => k.id === unfinished)) {
        // The same content twice in one run (a copy under another name): one job, both captions.
        jobs.push({ input, id: unfinished });
        continue;
      }
      const lost = hash && !unfinished ? findLostQuick(app.db, hash, key) : undefined;
      const lostView = lost ? app.runner.get(lost) : undefined;
      if (lostView) {
        // Cut off mid-call and maybe billed: calling again is the user's decision (the message says how).
        failures++;
        view.note(`✗ ${lostView.title}: ${lostView.error ? `${lostView.error.message} [${lostView.error.code}]` : lostView.stage}`);
        continue;
      }
      const retryable = hash && !unfinished ? findRetryable(app.db, hash, key, TASK_LEVEL_ERRORS) : undefined;
      if (retryable) {
        // Its task may still exist (and bill): poll or look for it rather than submit anew.
        const v = app.runner.retry(retryable);
        view.note(`${v.title}: retrying the failed job (${describeStatus(v.status, v.statusParams)})`);
        mine.add(v.id);
        jobs.push({ input, id: v.id });
        continue;
      }
      const existing = resumed.find((j) => j.id === unfinished) ?? resumed.find((j) => j.inputPath === input && !jobs.some((k) => k.id === j.id));
      const job = existing ?? app.runner.add(input, options, hash ? { contentHash: hash, recognitionKey: key } : {});
      if (existing) view.note(`${existing.title}: resuming (${describeStatus(existing.status, existing.statusParams)})`);
      mine.add(job.id);
      jobs.push({ input, id: job.id });
      view.update(app.runner.get(job.id) ?? job);
    }
    await Promise.all(
      jobs.map(async (j) => {
        const end = await app.runner.wait(j.id);
        if (end.stage !== 'done' || !end.transcriptId) {
          failures++;
          view.note(`✗ ${end.title}: ${end.error ? `${end.error.message} [${end.error.code}]` : end.stage}`);
          return;
        }
        for (const w of end.warnings) view.note(`! ${end.title}: ${describeWarning(w)}`);
        for (const f of end.findings ?? []) view.note(`! ${end.title}: ${describeFinding(f)}`);
        const cost = end.estimate ? `, estimate ${formatCost(end.estimate)}` : '';
        const billed = end.billedSeconds !== undefined ? `, billed ${end.billedSeconds} s` : '';
        // Say when the link itself went to the service: nothing was downloaded or hosted here (issue 14).
        const direct = isHttpUrl(j.input) && app.jobs.get(j.id)?.file_url === j.input ? ', the link went to the service as it is' : '';
        await write(j.input, end.title, end.transcriptId, `${billed}${cost}${direct}`);
      }),
    );
    if (translation && written.length) failures += await translateAndWrite(app, written, { ...translation, domain: a.domain }, io, translating);
    const total = inputs.length;
    if (failures) io.stderr.write(`${failures} of ${plural(total, 'file')} failed.\n`);
    return failures ? 1 : 0;
  } finally {
    await stop.finish();
  }
}

/** URLs given as arguments and in --urls FILE (issue 14); undefined after telling what is wrong. */
async function urlInputs(a: CaptionArgs, stderr: NodeJS.WriteStream): Promise<string[] | undefined> {
  const links = a.files.filter((f) => isHttpUrl(f)).map((f) => f.trim());
  if (!a.urls) return links;
  let text: string;
  try {
    text = await readFile(a.urls, 'utf8');
  } catch (e) {
    stderr.write(`captioner caption: cannot read the URL list ${a.urls}: ${(e as Error).message}\n`);
    return undefined;
  }
  const list = parseUrlList(text);
  if (list.errors.length) {
    for (const e of list.errors.slice(0, 5)) stderr.write(`${a.urls}:${e.line}: not an http(s) URL: ${e.text.slice(0, 120)}\n`);
    stderr.write('Give one http:// or https:// link a line (# starts a comment).\n');
    return undefined;
  }
  return [...links, ...list.urls];
}

/**
 * Caption paths for every input: beside a local file, as planOutputs does; a URL's caption goes to
 * --out or the current folder, named after the link's file name ("talk (2).srt" for a second "talk").
 */
function planCaptionPaths(inputs: readonly string[], format: string, outDir: string | undefined): Map<string, string> {
  const used = new Map<string, number>();
  const stand = inputs.map((i) => {
    if (!isHttpUrl(i)) return i;
    const name = urlFileName(i);
    const n = (used.get(name.toLowerCase()) ?? 0) + 1;
    used.set(name.toLowerCase(), n);
    const dot = name.lastIndexOf('.');
    return join(outDir ?? process.cwd(), n === 1 ? name : dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`);
  });
  const planned = planOutputs(stand, format, outDir);
  return new Map(inputs.map((i, k) => [i, planned.get(stand[k] as string) as string]));
}
