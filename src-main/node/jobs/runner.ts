import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseDelivery, overallProgress, retryStage, submitParameters } from '../../core/jobs';
import { MIME_BY_EXT, checkForService, pickAudioStream, planExtraction, type AudioChoice, type MediaInfo } from '../../core/media';
import { estimateCost, type Region } from '../../core/pricing';
import { pollDelayMs } from '../../core/schedules';
import { presetForLanguage, resolvePreset } from '../../shared/captions/presets';
import { buildTrack } from '../../shared/captions/segment';
import { FLASH_MAX_DATA_URI, FLASH_MAX_MS, flashToResult, type FlashContext } from '../../shared/flash';
import { transcriptionResultSchema } from '../../shared/funasr/result';
import { TERMINAL_STAGES, type JobOptions, type JobStage, type JobView } from '../../shared/jobs';
import { CodedError, toAppError } from '../../shared/result';
import type { DashScopeClient } from '../dashscope/client';
import { NO_SPEECH_CODES, ServiceError } from '../dashscope/errors';
import type { HostedFilesRepo } from '../db/repos/hosted';
import { jobOptions, jobTitle, type JobPatch, type JobRow, type JobsRepo } from '../db/repos/jobs';
import type { MediaRepo } from '../db/repos/media';
import type { TranscriptsRepo } from '../db/repos/transcripts';
import type { HostingServer } from '../hosting/server';
import { extractAudio } from '../media/extract';
import { probeMedia } from '../media/inspect';
import type { ToolPaths } from '../media/locate';
import { Semaphore } from './semaphore';
import { jobView } from './view';

export interface RunnerDeps {
  jobs: JobsRepo;
  media: MediaRepo;
  transcripts: TranscriptsRepo;
  hosted: HostedFilesRepo;
  /** Runs fn in one SQLite transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Lazy, so a missing ffmpeg or API key fails the jobs that need them with a clear error. */
  tools: () => ToolPaths;
  client: () => DashScopeClient;
  hosting: () => Promise<HostingServer>;
  /** Read when needed, so settings changes apply to the next stage without a restart. */
  delivery: () => { serviceIsLoopback: boolean; hasPublicBaseUrl: boolean };
  urlTtlSeconds: number;
  /** Read per job: the region decides the price of the estimate. */
  region: () => Region;
  audioDir: string;
  extractSlots: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onUpdate?: (view: JobView) => void;
  log?: (line: string) => void;
  /** Context for quick mode (glossary from the library, corrected terms, the user's text). */
  quickContext?: () => FlashContext;
}

type Live = { abort: AbortController; done: Promise<void> };

const cancelled = (signal: AbortSignal): boolean => signal.aborted;

/**
 * Drives durable jobs through their stages. Each stage change is committed to SQLite before the
 * side effect it leads to, so after a crash `resumeAll()` continues every job where it was:
 * a job with a task id is polled, never submitted again, and a fetched result is never lost.
 */
export class JobRunner {
  private readonly live = new Map<string, Live>();
  private readonly extractGate: Semaphore;
  private readonly waiters = new Map<string, ((v: JobView) => void)[]>();

  constructor(private readonly d: RunnerDeps) {
    this.extractGate = new Semaphore(Math.max(1, d.extractSlots));
  }

  add(inputPath: string, options: JobOptions): JobView {
    const row = this.d.jobs.create(inputPath, options);
    this.emit(row);
    this.start(row.id);
    return jobView(row);
  }

  /** Restarts every unfinished job (after a crash or a restart); removes half-written audio. */
  async resumeAll(): Promise<JobView[]> {
    const names = await readdir(this.d.audioDir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.endsWith('.part')).map((n) => rm(join(this.d.audioDir, n), { force: true })));
    const rows = this.d.jobs.unfinished();
    // A task may still be waiting to download its audio from us: serve it before anything else.
    if (rows.some((r) => r.hosted_file_id && (r.stage === 'submitted' || r.stage === 'transcribing'))) await this.d.hosting();
    for (const r of rows) this.start(r.id);
    return rows.map((r) => jobView(r));
  }

  get(jobId: string): JobView | undefined {
    const row = this.d.jobs.get(jobId);
    return row ? jobView(row) : undefined;
  }

  list(): JobView[] {
    return this.d.jobs.list().map((r) => jobView(r));
  }

  /** Resolves with the job once it is done, failed or canceled. */
  wait(jobId: string): Promise<JobView> {
    const row = this.d.jobs.get(jobId);
    if (!row) return Promise.reject(new CodedError('JOB_NOT_FOUND', `No job ${jobId}.`));
    if (TERMINAL_STAGES.includes(row.stage)) return Promise.resolve(jobView(row));
    return new Promise((resolve) => this.waiters.set(jobId, [...(this.waiters.get(jobId) ?? []), resolve]));
  }

  async cancel(jobId: string): Promise<JobView> {
    const row = this.d.jobs.get(jobId);
    if (!row) throw new CodedError('JOB_NOT_FOUND', `No job ${jobId}.`);
    if (TERMINAL_STAGES.includes(row.stage)) return jobView(row);
    const live = this.live.get(jobId);
    live?.abort.abort();
    await live?.done;
    // A task still queued at the service is canceled there too; a running one cannot be (§3.4).
    const fresh = this.d.jobs.get(jobId) as JobRow;
    if (fresh.task_id && fresh.stage === 'transcribing') {
      await this.d.client().cancel(fresh.task_id).catch((e: unknown) => this.d.log?.(`remote cancel of ${fresh.task_id}: ${toAppError(e).message}`));
    }
    const done = this.d.jobs.update(jobId, { stage: 'canceled', eta_seconds: null });
    await this.cleanup(done);
    this.emit(done);
    return jobView(done);
  }

  retry(jobId: string): JobView {
    const row = this.d.jobs.get(jobId);
    if (!row) throw new CodedError('JOB_NOT_FOUND', `No job ${jobId}.`);
    if (row.stage !== 'failed' && row.stage !== 'canceled') throw new CodedError('JOB_NOT_RETRYABLE', 'Only failed or canceled jobs can be retried.');
    const stage = retryStage(row.failed_stage ?? undefined, Boolean(row.audio_path), Boolean(row.task_id));
    const patch: JobPatch = { stage, error_code: null, error_message: null, failed_stage: null, progress: overallProgress(stage, 0) };
    if (stage === 'delivering' || stage === 'queued') Object.assign(patch, { task_id: null, task_status: null, result_url: null, file_url: null });
    const updated = this.d.jobs.update(jobId, patch);
    this.emit(updated);
    this.start(jobId);
    return jobView(updated);
  }

  async remove(jobId: string): Promise<void> {
    const row = this.d.jobs.get(jobId);
    if (!row) return;
    if (!TERMINAL_STAGES.includes(row.stage)) await this.cancel(jobId);
    await this.cleanup(this.d.jobs.get(jobId) as JobRow);
    this.d.jobs.remove(jobId);
  }

  /** Stops driving jobs without changing their stage (app shutdown): they resume next start. */
  async stop(): Promise<void> {
    const all = [...this.live.values()];
    for (const l of all) l.abort.abort(new Error('shutdown'));
    await Promise.all(all.map((l) => l.done));
  }

  private start(jobId: string): void {
    const running = this.live.get(jobId);
    if (running) {
      // The driver is finishing (e.g. a retry right after a failure): start again once it has.
      void running.done.then(() => this.start(jobId));
      return;
    }
    const abort = new AbortController();
    const done = this.drive(jobId, abort.signal)
      .catch((e: unknown) => this.d.log?.(`job ${jobId} driver crashed: ${toAppError(e).message}`))
      .finally(() => this.live.delete(jobId));
    this.live.set(jobId, { abort, done });
  }

  private emit(row: JobRow, extra: Partial<JobView> = {}): void {
    const v = { ...jobView(row), ...extra };
    this.d.onUpdate?.(v);
    if (TERMINAL_STAGES.includes(row.stage)) {
      for (const w of this.waiters.get(row.id) ?? []) w(v);
      this.waiters.delete(row.id);
    }
  }

  private commit(jobId: string, patch: JobPatch): JobRow {
    const row = this.d.jobs.update(jobId, patch);
    this.emit(row);
    return row;
  }

  private async drive(jobId: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (cancelled(signal)) return;
      const row = this.d.jobs.get(jobId);
      if (!row || TERMINAL_STAGES.includes(row.stage)) return;
      try {
        await this.step(row, signal);
      } catch (e) {
        if (cancelled(signal)) return; // cancel() or stop() owns the outcome
        const err = toAppError(e);
        this.d.log?.(`job ${jobId} failed in ${row.stage}: ${err.code}`);
        const current = this.d.jobs.get(jobId) ?? row;
        await this.cleanup(current, true);
        this.commit(jobId, { stage: 'failed', failed_stage: current.stage, error_code: err.code, error_message: err.message, eta_seconds: null });
        return;
      }
    }
  }

  private async step(row: JobRow, signal: AbortSignal): Promise<void> {
    const opts = jobOptions(row);
    switch (row.stage) {
      case 'queued':
        this.commit(row.id, { stage: 'probing', progress: overallProgress('probing', 0) });
        return;
      case 'probing':
        return this.probe(row, opts);
      case 'extracting':
        return this.extract(row, opts, signal);
      case 'delivering':
        return this.deliver(row, opts);
      case 'submitted':
        return this.submit(row, opts);
      case 'transcribing':
        return opts.quick ? this.quick(row, opts, signal) : this.poll(row, signal);
      case 'fetching':
        return this.fetch(row, opts);
      default:
        return;
    }
  }

  private mediaInfo(row: JobRow): MediaInfo {
    const m = row.media_id ? this.d.media.get(row.media_id) : undefined;
    if (!m) throw new CodedError('MEDIA_MISSING', `The probe record of ${row.input_path} is missing; retry the job.`);
    return m.info;
  }

  private mediaDuration(row: JobRow): number {
    return row.media_id ? (this.d.media.get(row.media_id)?.info.durationMs ?? 0) : 0;
  }

  private async probe(row: JobRow, jobOpts: JobOptions): Promise<void> {
    let opts = jobOpts;
    const info = await probeMedia(row.input_path, this.d.tools());
    const stream = pickAudioStream(info, audioChoice(opts));
    if (!stream.ok) throw new CodedError(stream.error.code, stream.error.message, stream.error.detail);
    const extraWarnings: string[] = [];
    if (opts.quick && info.durationMs > FLASH_MAX_MS) {
      // Quick mode is for clips up to 5 min; a longer file keeps the async path instead of failing.
      opts = { ...opts, quick: false };
      extraWarnings.push(`Longer than 5 minutes (${(info.durationMs / 60000).toFixed(1)} min): transcribed the standard way instead of quick mode.`);
    }
    const delivery = opts.quick ? { mode: 'inline' } : chooseDelivery(opts.delivery, this.d.delivery().serviceIsLoopback, this.d.delivery().hasPublicBaseUrl);
    if ('error' in delivery) throw new CodedError('DELIVERY_UNREACHABLE', delivery.error);
    const check = checkForService(info, { diarize: opts.diarize });
    if (!check.ok) throw new CodedError(check.error.code, check.error.message, check.error.detail);
    const channels = opts.channels === 'keep' ? (stream.value.channels ?? 1) : 1;
    const estimate = estimateCost(info.durationMs, this.d.region(), channels);
    const mediaId = this.d.media.insert(info, opts.title);
    this.commit(row.id, {
      media_id: mediaId,
      stage: 'extracting',
      progress: overallProgress('extracting', 0),
      estimate_json: JSON.stringify(estimate),
      warnings_json: JSON.stringify([...check.value.warnings, ...extraWarnings]),
      ...(extraWarnings.length ? { options_json: JSON.stringify(opts) } : {}),
    });
  }

  private async extract(row: JobRow, opts: JobOptions, signal: AbortSignal): Promise<void> {
    const info = this.mediaInfo(row);
    const stream = pickAudioStream(info, audioChoice(opts));
    if (!stream.ok) throw new CodedError(stream.error.code, stream.error.message);
    // Quick mode sends the audio inline, so it is always small 16 kHz mono Opus (§8.3).
    const plan = planExtraction(info, stream.value, opts.quick ? { preferCopy: false } : { keepChannels: opts.channels === 'keep' });
    const release = await this.extractGate.acquire(signal);
    try {
      const output = join(this.d.audioDir, `${row.id}.${plan.ext}`);
      let lastSave = 0;
      await extractAudio({
        input: row.input_path, output, plan, durationMs: info.durationMs, tools: this.d.tools(), signal,
        onProgress: (p) => {
          const progress = overallProgress('extracting', p.percent);
          const t = this.d.now();
          const extra = p.etaSeconds !== undefined ? { eta_seconds: p.etaSeconds } : {};
          if (t - lastSave > 2000) {
            lastSave = t;
            this.commit(row.id, { progress, ...extra });
          } else this.emit({ ...(this.d.jobs.get(row.id) as JobRow), progress, ...extra });
        },
      });
      const channelIds = plan.keepChannels ? [...Array(plan.channels).keys()] : null;
      this.commit(row.id, {
        stage: 'delivering', progress: overallProgress('delivering', 0), eta_seconds: null, audio_path: output, audio_mime: MIME_BY_EXT[plan.ext] ?? 'application/octet-stream',
        audio_offset_ms: plan.offsetMs, channels_json: channelIds ? JSON.stringify(channelIds) : null,
      });
    } finally {
      release();
    }
  }

  private async deliver(row: JobRow, opts: JobOptions): Promise<void> {
    if (!row.audio_path) throw new CodedError('AUDIO_MISSING', 'The extracted audio is missing; retry the job to extract it again.');
    if (opts.quick) {
      this.commit(row.id, { stage: 'transcribing', task_status: 'RUNNING', progress: overallProgress('transcribing', 0) });
      return;
    }
    const mode = chooseDelivery(opts.delivery, this.d.delivery().serviceIsLoopback, this.d.delivery().hasPublicBaseUrl);
    if ('error' in mode) throw new CodedError('DELIVERY_UNREACHABLE', mode.error);
    let fileUrl: string;
    if (mode.mode === 'signed-url') {
      const hosting = await this.d.hosting();
      if (row.hosted_file_id) this.d.hosted.revoke(row.hosted_file_id);
      const id = this.d.hosted.register(row.audio_path, row.audio_mime ?? 'application/octet-stream', row.id);
      fileUrl = hosting.urlFor(id, this.d.urlTtlSeconds);
      this.commit(row.id, { hosted_file_id: id, file_url: fileUrl, stage: 'submitted', progress: overallProgress('submitted', 0) });
    } else {
      const ext = row.audio_path.split('.').pop() ?? 'ogg';
      const up = await this.d.client().uploadFile(opts.model, row.audio_path, `${row.id}.${ext}`);
      fileUrl = up.url;
      this.commit(row.id, { file_url: fileUrl, stage: 'submitted', progress: overallProgress('submitted', 0) });
    }
  }

  private async submit(row: JobRow, opts: JobOptions): Promise<void> {
    if (!row.file_url) throw new CodedError('AUDIO_MISSING', 'No delivered audio URL; retry the job.');
    const channels = row.channels_json ? (JSON.parse(row.channels_json) as number[]) : undefined;
    const { taskId, requestId } = await this.d.client().submit({ model: opts.model, fileUrls: [row.file_url], parameters: submitParameters(opts, channels) });
    this.commit(row.id, { task_id: taskId, request_id: requestId ?? null, submitted_at: this.d.now(), task_status: 'PENDING', stage: 'transcribing', progress: overallProgress('transcribing', 0) });
  }

  private async poll(row: JobRow, signal: AbortSignal): Promise<void> {
    const taskId = row.task_id;
    if (!taskId) throw new CodedError('TASK_MISSING', 'No task id recorded; retry the job to submit again.');
    const client = this.d.client();
    const durationMs = this.mediaDuration(row);
    let polls = 0;
    let runningSince: number | null = null;
    let status = row.task_status ?? 'PENDING';
    for (;;) {
      if (signal.aborted) return;
      const q = await client.query(taskId);
      const next = q.output.task_status;
      if (next === 'RUNNING' && runningSince === null) runningSince = this.d.now();
      if (next !== status) {
        status = next;
        this.commit(row.id, { task_status: next });
      }
      if (next === 'SUCCEEDED' || next === 'FAILED') {
        // SUCCEEDED means "at least one subtask succeeded": look at ours (§3.2).
        const sub = q.output.results?.[0];
        const billed = q.usage?.duration ?? null;
        if (sub?.subtask_status === 'SUCCEEDED' && sub.transcription_url) {
          this.commit(row.id, { stage: 'fetching', result_url: sub.transcription_url, billed_seconds: billed, progress: overallProgress('fetching', 0), eta_seconds: null });
          return;
        }
        const code = sub?.code ?? q.output.code;
        const message = sub?.message ?? q.output.message ?? 'no detail';
        if (code && NO_SPEECH_CODES.has(code)) {
          const warnings = [...(JSON.parse(row.warnings_json) as string[]), 'The service found no speech in this file; the transcript is empty.'];
          this.commit(row.id, { stage: 'fetching', result_url: null, billed_seconds: billed ?? 0, warnings_json: JSON.stringify(warnings), progress: overallProgress('fetching', 0) });
          return;
        }
        if (code?.startsWith('InvalidFile')) {
          const hint = code === 'InvalidFile.DownloadFailed' ? ' The service could not download the audio: with signed-url delivery the public base URL must be reachable from the internet; otherwise use upload delivery.' : '';
          throw new ServiceError('SERVICE_INVALID_FILE', `The service rejected the file (${code}: ${message}).${hint}`, false, undefined, code);
        }
        throw new ServiceError('SERVICE_TASK_FAILED', `The transcription task failed (${code ?? 'no code'}: ${message}). Retry the job to submit it again.`, false, undefined, code);
      }
      if (next === 'CANCELED') {
        this.commit(row.id, { stage: 'canceled' });
        return;
      }
      if (next === 'UNKNOWN') throw new ServiceError('SERVICE_TASK_UNKNOWN', 'The service no longer knows this task (tasks are kept 24 h). Retry the job to submit it again.', false);
      // The service runs hundreds of times faster than real time; show RUNNING progress on that basis.
      if (runningSince !== null) {
        const expected = Math.max(3000, durationMs / 200);
        const pct = Math.min(95, ((this.d.now() - runningSince) / expected) * 100);
        this.emit({ ...(this.d.jobs.get(row.id) as JobRow), progress: overallProgress('transcribing', pct) });
      }
      await abortableSleep(this.d.sleep, pollDelayMs(polls++, next), signal);
    }
  }

  /** Quick mode: one streamed fun-asr-flash call; nothing is queued at the service, so a rerun is safe. */
  private async quick(row: JobRow, opts: JobOptions, signal: AbortSignal): Promise<void> {
    if (!row.audio_path) throw new CodedError('AUDIO_MISSING', 'The extracted audio is missing; retry the job to extract it again.');
    const durationMs = this.mediaDuration(row);
    const dataUri = `data:audio/ogg;base64,${(await readFile(row.audio_path)).toString('base64')}`;
    if (dataUri.length > FLASH_MAX_DATA_URI) {
      throw new CodedError('QUICK_TOO_LARGE', `The audio of ${row.input_path} is ${(dataUri.length / 1048576).toFixed(1)} MB encoded; quick mode sends at most 10 MB. Caption it without quick mode.`);
    }
    let lastSent = 0;
    const r = await this.d.client().flash(
      { dataUri, format: 'opus', sampleRate: 16000, language: opts.language, vocabularyId: opts.vocabularyId, context: this.d.quickContext?.() ?? { texts: [] }, signal },
      (sentences) => {
        const end = Math.max(0, ...sentences.map((s) => s.end_time ?? s.begin_time));
        if (sentences.length === lastSent) return;
        lastSent = sentences.length;
        // The latest sentence is the job's detail line: captions appear while it runs.
        const latest = sentences[sentences.length - 1]?.text ?? '';
        this.emit({ ...(this.d.jobs.get(row.id) as JobRow), progress: overallProgress('transcribing', durationMs ? (end / durationMs) * 100 : 50) }, { detail: `“${latest.length > 60 ? `${latest.slice(0, 59)}…` : latest}”` });
      },
    );
    if (signal.aborted) return;
    this.d.jobs.saveResult(row.id, JSON.stringify(flashToResult(r.sentences, durationMs)));
    const warnings = r.sentences.length ? undefined : JSON.stringify([...(JSON.parse(row.warnings_json) as string[]), 'The service found no speech in this clip; the transcript is empty.']);
    this.commit(row.id, { stage: 'fetching', billed_seconds: r.usageSeconds ?? null, progress: overallProgress('fetching', 0), ...(warnings ? { warnings_json: warnings } : {}) });
  }

  private async fetch(row: JobRow, opts: JobOptions): Promise<void> {
    let raw = this.d.jobs.result(row.id);
    if (raw === undefined) {
      raw = row.result_url ? (await this.d.client().fetchResult(row.result_url)).raw : JSON.stringify({ transcripts: [] });
      this.d.jobs.saveResult(row.id, raw); // kept before anything else can go wrong
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new CodedError('RESULT_INVALID', 'The stored result is not valid JSON.');
    }
    const parsed = transcriptionResultSchema.safeParse(json);
    if (!parsed.success) throw new CodedError('RESULT_INVALID', `The result JSON does not have the documented shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    const presetId = opts.presetId ?? presetForLanguage(opts.language);
    const track = buildTrack(parsed.data, resolvePreset(presetId), { offsetMs: row.audio_offset_ms, ...(opts.language ? { language: opts.language } : {}) });
    const info = row.media_id ? this.d.media.get(row.media_id) : undefined;
    const done = this.d.transaction(() => {
      const transcriptId = this.d.transcripts.create({
        title: info?.title ?? jobTitle(row), track, presetId, durationMs: info?.info.durationMs ?? 0, mediaId: row.media_id, jobId: row.id,
        sourcePath: row.input_path, model: opts.model, rawJson: raw ?? null,
      });
      return this.d.jobs.update(row.id, { stage: 'done', transcript_id: transcriptId, progress: 100, eta_seconds: null });
    });
    await this.cleanup(done);
    this.emit(done);
  }

  /** Revokes the signed URL and deletes the extracted audio once the job has ended. */
  private async cleanup(row: JobRow, keepAudio = false): Promise<void> {
    this.d.hosted.revokeForJob(row.id);
    // A failed job keeps its audio so a retry can skip extraction.
    if (!keepAudio && row.audio_path) {
      await rm(row.audio_path, { force: true });
      this.d.jobs.update(row.id, { audio_path: null });
    }
  }
}

/** The audio stream the user asked for (by position or language), as probe and extract both need it. */
function audioChoice(o: JobOptions): AudioChoice {
  const c: AudioChoice = {};
  if (o.audioIndex !== undefined) c.audioIndex = o.audioIndex;
  if (o.audioLanguage) c.language = o.audioLanguage;
  return c;
}

async function abortableSleep(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

export type { JobStage };
