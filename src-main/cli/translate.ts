import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { formatCost } from '../shared/cost';
import { bilingualTrack, languageFileName, translationTrack } from '../shared/formats/bilingual';
import { EXPORT_FORMATS, FORMAT_FILES, exportTrack, type ExportFormat } from '../shared/formats/export';
import { toAppError } from '../shared/result';
import { mtLanguage } from '../shared/translation/languages';
import { BILINGUAL_ORDERS, MT_MODELS, type TranslationJobView } from '../shared/translation-jobs';
import { openApp, type App } from '../node/app';
import { importSubtitle } from '../node/importer';
import { acquireRunnerLock } from '../node/lock';
import { writeCaption } from './output';
import { plural } from './plural';
import { closeOnInterrupt } from './interrupt';

export const TRANSLATE_HELP = `captioner translate <transcript id | caption file> --to LANG [--to LANG...] [options]   translate captions with Qwen-MT

      --to LANG             target language: en, zh, ja, ko, fr, es, de, ... (repeat for several; default: translationTargets setting)
      --model M             ${MT_MODELS.join(', ')} (default: translationModel setting)
      --format FORMAT       srt (default), vtt, ass, ssa, ttml, sbv, lrc, fcpxml, txt or json
      --bilingual           one file with both languages, two lines per cue (default: the translation alone, name.en.srt)
      --order O             with --bilingual: source-first (default: bilingualOrder setting) or target-first
      --domain TEXT         what the text is about, in English ("a lecture on signal processing")
      --out DIR             write here (default: beside the caption file, or the current folder)
      --overwrite           replace existing files (default: add " (2)")

  A caption file is imported into the library first (once: a rerun finds it). Cue times never change: each
  translation sits on its source cue. Your glossary (Settings), the active hotword list, speaker names and
  your own edited translations are sent with every request. Ctrl-C stops; run the same command again to
  resume: finished requests are never sent (or billed) twice.
`;

export interface TranslateArgs {
  input: string | undefined;
  to: string[];
  model?: string | undefined;
  format?: string | undefined;
  bilingual?: boolean | undefined;
  order?: string | undefined;
  domain?: string | undefined;
  out?: string | undefined;
  overwrite?: boolean | undefined;
}

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

export interface TranslateOutput {
  format: ExportFormat;
  bilingual: boolean;
  order: (typeof BILINGUAL_ORDERS)[number];
  overwrite: boolean;
}

/** Checks the translation flags; a message (what to do) when one is wrong. */
export function translateOptions(app: App, a: Pick<TranslateArgs, 'to' | 'model' | 'format' | 'bilingual' | 'order' | 'overwrite'>): { targets: string[]; model: string; out: TranslateOutput } | string {
  const targets = a.to.length ? a.to : app.settings.get('translationTargets');
  if (!targets.length) return 'Say which language to translate into: --to en (or set translationTargets: "captioner config set translationTargets en,ja").';
  const unknown = targets.find((t) => !mtLanguage(t));
  if (unknown) return `"${unknown}" is not a language Captioner translates into. Use a code such as en, zh, zh_tw, ja, ko, fr, es, de, ru, pt, it, ar, th or vi.`;
  const model = a.model ?? app.settings.get('translationModel');
  if (!(MT_MODELS as readonly string[]).includes(model)) return `--model must be one of ${MT_MODELS.join(', ')}, not "${model}".`;
  const format = (a.format ?? 'srt') as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${a.format}".`;
  const order = a.order ?? app.settings.get('bilingualOrder');
  if (!(BILINGUAL_ORDERS as readonly string[]).includes(order)) return `--order must be source-first or target-first, not "${order}".`;
  return { targets: [...new Set(targets.map((t) => mtLanguage(t)?.code as string))], model, out: { format, bilingual: Boolean(a.bilingual), order: order as TranslateOutput['order'], overwrite: Boolean(a.overwrite) } };
}

/**
 * Translation progress for `translate` and `caption --translate`: one line per language; on a
 * terminal it is rewritten, in a log it appears at each quarter. Wire `update` to the app's
 * onTranslationUpdate and pass the printer to translateAndWrite.
 */
export function progressPrinter(io: Pick<Io, 'stdout'>): { update(v: TranslationJobView): void; note(line: string): void } {
  const tty = Boolean(io.stdout.isTTY);
  const shown = new Map<string, number>();
  let live = false;
  const line = (v: TranslationJobView): string => {
    const eta = v.etaSeconds !== undefined && v.status === 'running' ? `, about ${v.etaSeconds} s left` : '';
    return `${v.title} → ${v.targetLang}: ${v.progress}% (${v.batchesDone}/${plural(v.batchesTotal, 'request')}${eta})`;
  };
  return {
    update(v) {
      if (v.status !== 'running') return;
      if (tty) {
        io.stdout.write(`\r\x1b[2K${line(v)}`);
        live = true;
        return;
      }
      const step = Math.floor(v.progress / 25);
      if ((shown.get(v.id) ?? -1) < step) {
        shown.set(v.id, step);
        io.stdout.write(`${line(v)}\n`);
      }
    },
    note(text) {
      if (live) io.stdout.write('\r\x1b[2K');
      live = false;
      io.stdout.write(`${text}\n`);
    },
  };
}

/**
 * Translates transcripts into every target and writes the files (shared by `translate` and
 * `caption --translate`). Returns the number of failed jobs.
 */
export async function translateAndWrite(
  app: App,
  items: readonly { transcriptId: string; stem: string; dir: string }[],
  o: { targets: string[]; model: string; domain?: string | undefined; out: TranslateOutput },
  io: Io,
  view = progressPrinter(io),
): Promise<number> {
  const runs: { item: (typeof items)[number]; id: string }[] = [];
  for (const item of items) {
    const request = { transcriptId: item.transcriptId, targets: o.targets, model: o.model, domain: o.domain ?? app.settings.get('translationDomain') };
    const ids = app.translator.create(request);
    for (const id of ids) {
      const v = app.translator.get(id);
      const earlier = v.earlierModels?.length ? ` with ${v.earlierModels.join(', ')}; the rest use ${v.model}` : '';
      if (v.batchesDone > 0) view.note(`${v.title} → ${v.targetLang}: resuming, ${v.batchesDone} of ${plural(v.batchesTotal, 'request')} already done${earlier} (not sent again)`);
      else view.note(`${v.title} → ${v.targetLang}: ${plural(v.batchesTotal, 'request')}, about ${v.estimate.inputTokens + v.estimate.outputTokens} tokens, estimate ${formatCost(v.estimate.cost)} (${v.model})`);
      runs.push({ item, id });
    }
  }
  let failures = 0;
  await Promise.all(
    runs.map(async ({ item, id }) => {
      let end: TranslationJobView;
      try {
        end = await app.translator.run(id);
      } catch (e) {
        const err = toAppError(e);
        failures++;
        view.note(`✗ ${item.stem}: ${err.message} [${err.code}]`);
        return;
      }
      if (end.status !== 'done') {
        failures++;
        view.note(`✗ ${end.title} → ${end.targetLang}: ${end.error ? `${end.error.message} [${end.error.code}]` : end.status}. Run the same command again to go on where it stopped.`);
        return;
      }
      await writeTranslation(app, item, end, o.out, view.note);
    }),
  );
  return failures;
}

async function writeTranslation(app: App, item: { transcriptId: string; stem: string; dir: string }, end: TranslationJobView, out: TranslateOutput, note: (l: string) => void): Promise<void> {
  const track = app.transcripts.track(item.transcriptId);
  const meta = app.transcripts.meta(item.transcriptId);
  if (!track || !meta) return note(`✗ ${end.title}: the transcript was deleted while it was translated.`);
  const byCue = new Map([...app.translations.get(item.transcriptId, end.targetLang, new Set(track.cues.map((c) => c.id)))].map(([id, t]) => [id, t.lines]));
  const { ext } = FORMAT_FILES[out.format];
  const s = app.settings.values();
  const opts = { format: out.format, bom: s.exportBom, lineEnding: s.exportLineEnding, speakers: s.exportSpeakers } as const;
  const source = end.sourceLang ?? meta.language ?? 'src';
  // "talk.zh" gives "talk.en.srt" beside it, not "talk.zh.en.srt".
  const tagged = /^(.+)\.([A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$/.exec(item.stem);
  const stem = tagged && mtLanguage(tagged[2] as string) ? (tagged[1] as string) : item.stem;
  const name = out.bilingual ? `${stem}.${source}+${end.targetLang}.${ext}` : languageFileName(stem, end.targetLang, ext);
  const json = out.format === 'json' ? { translations: new Map([[end.targetLang, byCue]]) } : {};
  const t = out.bilingual ? bilingualTrack(track, byCue, out.order) : translationTrack(track, byCue, end.targetLang);
  const bytes = exportTrack(t, { ...opts, ...json, ...(out.bilingual && (out.format === 'ass' || out.format === 'ssa') ? { bilingual: true } : {}) });
  const w = await writeCaption(join(item.dir, name), bytes, out.overwrite, new Set());
  const warn = end.warnings.map((x) => `${x.code}×${x.count}`).join(', ');
  note(`✓ ${end.title} → ${end.targetLang}: ${w.path} (${plural(byCue.size, 'cue')}; billed ${end.billed.promptTokens + end.billed.completionTokens} tokens, about ${formatCost(end.billed.cost)}${warn ? `; ${warn}` : ''}${w.unchanged ? ', file already up to date' : ''})`);
  const untranslated = track.cues.filter((c) => c.lines.some((l) => l.trim()) && !byCue.get(c.id)?.length).length;
  if (untranslated) note(`! ${end.title} → ${end.targetLang}: ${plural(untranslated, 'cue')} left untranslated (they keep their source text); open the transcript in the editor to translate them.`);
}

/** A caption file in the library: the transcript it was imported as before (same path, same bytes), or a new import. */
async function libraryTranscript(app: App, input: string, note: (l: string) => void): Promise<string> {
  const path = resolve(input);
  const sha = createHash('sha256').update(await readFile(path)).digest('hex');
  const known = app.translations.importedAs(path, sha);
  if (known && app.transcripts.meta(known)) return known;
  const r = await importSubtitle(app, path);
  app.translations.recordImport(path, sha, r.transcriptId);
  note(`Imported ${basename(path)} into the library as ${r.transcriptId.slice(0, 8)} (${plural(r.cues, 'cue')}).`);
  return r.transcriptId;
}

export async function runTranslate(a: TranslateArgs, io: Io): Promise<number> {
  if (!a.input) {
    io.stderr.write('captioner translate: give a transcript id ("captioner library list") or a caption file, and --to LANG. See "captioner translate --help".\n');
    return 2;
  }
  const view = progressPrinter(io);
  const app = openApp({ env: io.env, onTranslationUpdate: (v) => view.update(v) });
  const stop = closeOnInterrupt(app, io.stderr, 'Stopped. Finished requests are saved in the library: run the same command again to resume (nothing is sent or billed twice).');
  try {
    if (!app.service().hasApiKey) {
      io.stderr.write('No DashScope API key: set DASHSCOPE_API_KEY, or run "captioner config set apiKey <key>" (translation uses the same key as transcription).\n');
      return 2;
    }
    const o = translateOptions(app, a);
    if (typeof o === 'string') {
      io.stderr.write(`captioner translate: ${o}\n`);
      return 2;
    }
    stop.holdLock(acquireRunnerLock(app.home, 'captioner translate'));
    const isFile = existsSync(a.input) && statSync(a.input).isFile();
    let transcriptId: string;
    if (isFile) {
      try {
        transcriptId = await libraryTranscript(app, a.input, view.note);
      } catch (e) {
        io.stderr.write(`captioner translate: cannot import ${a.input}: ${toAppError(e).message}\n`);
        return 1;
      }
    } else {
      const id = app.transcripts.resolveId(a.input);
      if (!id) {
        io.stderr.write(`captioner translate: "${a.input}" is neither a caption file nor a transcript id in the library ("captioner library list" shows the ids).\n`);
        return 2;
      }
      transcriptId = id;
    }
    const meta = app.transcripts.meta(transcriptId);
    const stem = isFile ? basename(a.input, extname(a.input)) : meta?.sourcePath ? basename(meta.sourcePath, extname(meta.sourcePath)) : (meta?.title ?? transcriptId);
    const dir = a.out ? resolve(a.out) : isFile ? dirname(resolve(a.input)) : process.cwd();
    const failures = await translateAndWrite(app, [{ transcriptId, stem, dir }], { ...o, domain: a.domain }, io, view);
    return failures ? 1 : 0;
  } catch (e) {
    const err = toAppError(e);
    io.stderr.write(`captioner translate: ${err.message} [${err.code}]\n`);
    return 1;
  } finally {
    await stop.finish();
  }
}
