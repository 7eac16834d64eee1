import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Track } from '../../shared/captions/model';
import { BURN_TERMINAL, type BurnJobView } from '../../shared/burn/job';
import { burnAss } from '../../shared/burn/ass';
import type { BurnQuality, BurnStyle, EncoderChoice } from '../../shared/burn/style';
import { DEFAULT_NAME_TEMPLATE, renderExportName } from '../../shared/formats/naming';
import { CodedError, toAppError } from '../../shared/result';
import type { Db } from '../db/connection';
import { BurnJobsRepo, burnJobView, type BurnJobRow } from '../db/repos/burn-jobs';
import type { SettingsRepo } from '../db/repos/settings';
import { ChildRegistry } from '../jobs/children';
import type { ToolPaths } from '../media/locate';
import { encoderPlan, passthroughArgs, type EncoderName } from './encoders';
import { probeVideo } from './probe';
import { containerFor, previewFrame, renderBurn, type AssFile, type VideoFacts } from './render';
import { isAlive as alive } from '../process-alive';

export interface BurnDeps {
  db: Db;
  home: string;
  settings: SettingsRepo;
  tools: () => ToolPaths;
  now?: () => number;
  log?: (line: string) => void;
}

export interface BurnRequest {
  track: Pick<Track, 'cues' | 'speakers'>;
  title: string;
  /** The transcript burned (null for a caption file given on the command line). */
  transcriptId: string | null;
  captionPath?: string | null;
  language?: string | null;
  video: string;
  style: BurnStyle;
  quality: BurnQuality;
  encoder: EncoderChoice;
  /** Explicit output file; else the export folder (or the video's folder) and the export name template. */
  out?: string | undefined;
  overwrite?: boolean;
}

/**
 * The burned video's name: the export name template with `{format}` = `captioned.<ext>`
 * (`talk.mp4` → `talk.captioned.mp4`, or `talk.zh.captioned.mp4` with `{name}.{lang}.{format}`),
 * in the export folder or beside the video.
 */
export function burnOutputPath(o: { video: string; title: string; language?: string | null | undefined; template?: string | undefined; folder?: string | undefined; now?: Date }): string {
  const { ext } = containerFor(o.video);
  const name = renderExportName(o.template ?? DEFAULT_NAME_TEMPLATE, {
    name: basename(o.video, extname(o.video)), title: o.title, lang: o.language ?? '', format: `captioned.${ext}`, date: (o.now ?? new Date()).toISOString().slice(0, 10),
  });
  return join(o.folder || dirname(o.video), name);
}

/** The temp name a render writes to, beside the output (so the final rename never crosses file systems). */
const tempPathFor = (output: string, jobId: string): string => join(dirname(output), `.${basename(output)}.${jobId.slice(0, 8)}.burn-part`);

/**
 * Burn-in jobs: durable in SQLite like transcription jobs, rendered by ffmpeg children registered
 * in `child_processes` (ended with us; a dead owner's are ended on the next start). A job whose
 * process died restarts from the beginning; partial output only ever exists under a temp name.
 */
export class BurnService {
  readonly jobs: BurnJobsRepo;
  private readonly children: ChildRegistry;
  private readonly live = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private readonly waiters = new Map<string, ((v: BurnJobView) => void)[]>();
  private readonly listeners = new Set<(v: BurnJobView) => void>();
  private readonly now: () => number;
  readonly workDir: string;

  constructor(private readonly d: BurnDeps) {
    this.now = d.now ?? Date.now;
    this.jobs = new BurnJobsRepo(d.db, this.now);
    this.children = new ChildRegistry(d.db, this.now);
    this.workDir = join(d.home, 'burn');
  }

  onUpdate(fn: (v: BurnJobView) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Plans the output, refuses to replace an existing file unless asked, records the job and starts it. */
  async start(req: BurnRequest): Promise<BurnJobView> {
    const tools = this.d.tools();
    const facts = await probeVideo(req.video, tools);
    const output = this.plannedOutput(req);
    if (output === req.video) throw new CodedError('OUTPUT_IS_INPUT', `The burned video would replace its source ${req.video}; choose another output name.`, { file: output });
    if (existsSync(output) && !req.overwrite) throw new CodedError('OUTPUT_EXISTS', `${output} already exists; nothing was rendered. Replace it, or choose another name.`, { file: output });
    const busy = this.jobs.unfinished().find((j) => j.output_path === output);
    if (busy) throw new CodedError('OUTPUT_BUSY', `${output} is already being rendered by another burn-in; wait for it or cancel it.`, { file: output });
    await mkdir(dirname(output), { recursive: true });
    const ass = burnAss(req.track, req.style, facts, req.title);
    const row = this.jobs.create({
      transcript_id: req.transcriptId, caption_path: req.captionPath ?? null, title: req.title, video_path: req.video, output_path: output, temp_path: '',
      ass_text: ass, style_json: JSON.stringify(req.style), quality: req.quality, encoder_choice: req.encoder, facts_json: JSON.stringify(facts),
    });
    this.d.db.prepare('UPDATE burn_jobs SET temp_path = ? WHERE id = ?').run(tempPathFor(output, row.id), row.id);
    this.emit(this.jobs.get(row.id) as BurnJobRow);
    this.drive(row.id);
    return burnJobView(this.jobs.get(row.id) as BurnJobRow);
  }

  /**
   * After a crash or a restart: ends ffmpeg children a dead Captioner left (they would write on),
   * and restarts every unfinished burn that no live process owns, from the beginning.
   */
  resumeAll(): BurnJobView[] {
    const killed = this.children.reapOrphans();
    if (killed) this.d.log?.(`ended ${killed} ffmpeg process(es) left by a previous run`);
    const resumed: BurnJobView[] = [];
    for (const r of this.jobs.unfinished()) {
      if (this.live.has(r.id)) continue;
      if (r.owner_pid !== null && r.owner_pid !== process.pid && alive(r.owner_pid)) continue;
      this.drive(r.id);
      resumed.push(burnJobView(r));
    }
    return resumed;
  }

  /** An unfinished job for the same video and output (a rerun of an interrupted command). */
  findUnfinished(video: string, output: string): BurnJobRow | undefined {
    return this.jobs.unfinished().find((j) => j.video_path === video && j.output_path === output);
  }

  /** Restarts one unfinished job (the CLI rerun after a crash), unless a live process renders it. */
  resume(id: string): BurnJobView {
    this.children.reapOrphans();
    const r = this.jobs.get(id);
    if (!r) throw new CodedError('NOT_FOUND', `No burn-in job ${id}.`, { reason: 'BURN' });
    if (!this.live.has(id)) {
      if (r.owner_pid !== null && r.owner_pid !== process.pid && alive(r.owner_pid)) throw new CodedError('BURN_ELSEWHERE', `${r.output_path} is being rendered by another Captioner (pid ${r.owner_pid}).`, { file: r.output_path, pid: r.owner_pid });
      this.drive(id);
    }
    return burnJobView(this.jobs.get(id) as BurnJobRow);
  }

  /** Where a request's video goes: `--out`, or the name template in the export folder or beside the video. */
  plannedOutput(req: Pick<BurnRequest, 'video' | 'title' | 'language' | 'out'>): string {
    return req.out ?? burnOutputPath({ video: req.video, title: req.title, language: req.language, template: this.d.settings.get('exportNameTemplate'), folder: this.d.settings.get('exportFolder') });
  }

  get(id: string): BurnJobView | undefined {
    const r = this.jobs.get(id);
    return r ? burnJobView(r) : undefined;
  }

  list(transcriptId?: string): BurnJobView[] {
    return this.jobs.list(transcriptId).map(burnJobView);
  }

  wait(id: string): Promise<BurnJobView> {
    const r = this.jobs.get(id);
    if (!r) return Promise.reject(new CodedError('NOT_FOUND', `No burn-in job ${id}.`, { reason: 'BURN' }));
    if (BURN_TERMINAL.includes(r.stage) && !this.live.has(id)) return Promise.resolve(burnJobView(r));
    return new Promise((resolve) => this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]));
  }

  async cancel(id: string): Promise<BurnJobView> {
    const r = this.jobs.get(id);
    if (!r) throw new CodedError('NOT_FOUND', `No burn-in job ${id}.`, { reason: 'BURN' });
    if (BURN_TERMINAL.includes(r.stage)) return burnJobView(r);
    const live = this.live.get(id);
    if (live) {
      live.abort.abort();
      await live.done;
      return burnJobView(this.jobs.get(id) as BurnJobRow);
    }
    if (r.owner_pid !== null && r.owner_pid !== process.pid && alive(r.owner_pid)) throw new CodedError('BURN_ELSEWHERE', `This burn-in is being rendered by another Captioner (pid ${r.owner_pid}); cancel it there.`, { file: r.output_path, pid: r.owner_pid });
    await rm(r.temp_path, { force: true });
    return this.finish(id, { stage: 'canceled' });
  }

  /** Removes a finished job from the list (the video it made stays). */
  async remove(id: string): Promise<void> {
    const r = this.jobs.get(id);
    if (!r) return;
    if (!BURN_TERMINAL.includes(r.stage)) await this.cancel(id);
    this.jobs.remove(id);
  }

  /** Stops rendering (shutdown): jobs stay unfinished and restart on the next start. */
  async stop(): Promise<void> {
    const all = [...this.live.values()];
    for (const l of all) l.abort.abort(new Error('shutdown'));
    await Promise.all(all.map((l) => l.done));
  }

  /** One frame at `atMs` with the style drawn as the burn will draw it. */
  async preview(o: { track: Pick<Track, 'cues' | 'speakers'>; video: string; style: BurnStyle; atMs: number; format: 'png' | 'jpeg'; maxWidth?: number; title?: string; signal?: AbortSignal }): Promise<{ bytes: Buffer; width: number; height: number; durationMs: number }> {
    const tools = this.d.tools();
    const facts = await probeVideo(o.video, tools);
    const at = Math.max(0, Math.min(o.atMs, facts.durationMs - Math.ceil(1000 / facts.fps)));
    await mkdir(this.workDir, { recursive: true, mode: 0o700 });
    const key = `preview-${randomBytes(6).toString('hex')}`;
    const ass: AssFile = { dir: this.workDir, name: `${key}.ass` };
    const out = join(this.workDir, `${key}.${o.format === 'png' ? 'png' : 'jpg'}`);
    try {
      await writeFile(join(ass.dir, ass.name), burnAss(o.track, o.style, facts, o.title), 'utf8');
      const bytes = await previewFrame({ ffmpeg: tools.ffmpeg, video: o.video, ass, atMs: at, out, format: o.format, ...(o.maxWidth ? { maxWidth: o.maxWidth } : {}), ...(o.signal ? { signal: o.signal } : {}) });
      return { bytes, width: facts.width, height: facts.height, durationMs: facts.durationMs };
    } finally {
      await rm(join(ass.dir, ass.name), { force: true });
      await rm(out, { force: true });
    }
  }

  private emit(r: BurnJobRow): void {
    const v = burnJobView(r);
    for (const l of this.listeners) l(v);
    if (BURN_TERMINAL.includes(r.stage) && !this.live.has(r.id)) {
      for (const w of this.waiters.get(r.id) ?? []) w(v);
      this.waiters.delete(r.id);
    }
  }

  private finish(id: string, patch: Parameters<BurnJobsRepo['update']>[1]): BurnJobView {
    const r = this.jobs.update(id, { eta_seconds: null, owner_pid: null, finished_at: this.now(), ...patch });
    this.emit(r);
    return burnJobView(r);
  }

  private drive(id: string): void {
    if (!this.jobs.claim(id, process.pid, alive)) return;
    const abort = new AbortController();
    const done = this.render(id, abort.signal)
      .catch((e: unknown) => this.d.log?.(`burn ${id} crashed: ${toAppError(e).message}`))
      .finally(() => {
        this.live.delete(id);
        const r = this.jobs.get(id);
        if (r) this.emit(r);
      });
    this.live.set(id, { abort, done });
  }

  private async render(id: string, signal: AbortSignal): Promise<void> {
    let row = this.jobs.get(id) as BurnJobRow;
    const tools = this.d.tools();
    const ass: AssFile = { dir: this.workDir, name: `${id}.ass` };
    const notes: string[] = [];
    try {
      // A restart begins from nothing: whatever a killed render left under the temp name goes.
      await rm(row.temp_path, { force: true });
      await mkdir(this.workDir, { recursive: true, mode: 0o700 });
      await writeFile(join(ass.dir, ass.name), row.ass_text, 'utf8');
      row = this.jobs.update(id, { stage: 'rendering', progress: 0, eta_seconds: null, attempts: row.attempts + 1, error_code: null, error_message: null, error_params_json: null });
      this.emit(row);
      const facts = JSON.parse(row.facts_json) as VideoFacts;
      const encoders = await encoderPlan(tools.ffmpeg, row.encoder_choice === 'software' ? 'software' : 'auto');
      let lastWrite = 0;
      const result = await renderBurn({
        ffmpeg: tools.ffmpeg, video: row.video_path, ass, facts, output: row.output_path, temp: row.temp_path, container: containerFor(row.output_path).container,
        quality: row.quality as BurnQuality, encoders, passthrough: await passthroughArgs(tools.ffmpeg), signal, now: this.now,
        onSpawn: (pid, marker) => this.children.add(pid, marker, null),
        onExit: (pid, marker) => this.children.remove(pid, marker),
        onFallback: (enc: EncoderName, reason) => {
          notes.push(`${enc}: ${reason}`);
          this.emit(this.jobs.update(id, { notes_json: JSON.stringify(notes), progress: 0 }));
        },
        onProgress: (p) => {
          const t = this.now();
          if (t - lastWrite < 250 && p.percent < 100) return; // SQLite is not a progress bus
          lastWrite = t;
          this.emit(this.jobs.update(id, { progress: p.percent, eta_seconds: p.etaSeconds ?? null, encoder: p.encoder }));
        },
      });
      this.finish(id, { stage: 'done', progress: 100, encoder: result.encoder });
    } catch (e) {
      if (signal.aborted && signal.reason instanceof Error && signal.reason.message === 'shutdown') {
        await rm(row.temp_path, { force: true });
        this.jobs.update(id, { owner_pid: null, eta_seconds: null });
        return; // stays unfinished: restarted on the next start
      }
      const err = toAppError(e);
      await rm(row.temp_path, { force: true });
      if (signal.aborted || err.code === 'CANCELED') this.finish(id, { stage: 'canceled' });
      else this.finish(id, { stage: 'failed', error_code: err.code, error_message: err.message, error_params_json: err.detail && Object.keys(err.detail).length ? JSON.stringify(err.detail) : null });
    } finally {
      await rm(join(ass.dir, ass.name), { force: true });
    }
  }
}

const services = new WeakMap<object, BurnService>();

/** One burn service per open library (the App object), made on first use. */
export function burnService(app: { db: Db; home: string; settings: SettingsRepo; tools: () => ToolPaths; onBurnUpdate?: ((v: BurnJobView) => void) | undefined }, log?: (line: string) => void): BurnService {
  let s = services.get(app);
  if (!s) {
    services.set(app, (s = new BurnService({ db: app.db, home: app.home, settings: app.settings, tools: app.tools, ...(log ? { log } : {}) })));
    if (app.onBurnUpdate) s.onUpdate(app.onBurnUpdate); // pushed to the windows / browser pages
  }
  return s;
}

/** Ends this library's renders (app shutdown); they restart on the next start. */
export async function stopBurns(app: object): Promise<void> {
  await services.get(app)?.stop();
}
