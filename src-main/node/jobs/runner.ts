import { TASK_LEVEL_ERRORS, retryStage } from '../../core/jobs';
import { TERMINAL_STAGES, type JobOptions, type JobStage, type JobView } from '../../shared/jobs';
import { CodedError, toAppError } from '../../shared/result';
import { jobOptions, type JobPatch, type JobRow } from '../db/repos/jobs';
import { cleanupJob, sweepAfterCrash } from './cleanup';
import { NO_ERROR, failurePatch } from './failure';
import type { RunnerDeps, StageContext } from './context';
import { mediaPools } from './pools';
import { deliver } from './stages/deliver';
import { fetchResult } from './stages/fetch';
import { poll } from './stages/poll';
import { extract, probe } from './stages/prepare';
import { quick } from './stages/quick';
import { submit } from './stages/submit';
import { jobView } from './view';
import { isHttpUrl } from '../../core/url';
import { SERVICE_PRIOR, jobProgress, stageWeights } from '../../core/progress';

export type { RunnerDeps } from './context';

type Live = { abort: AbortController; done: Promise<void> };

/**
 * Drives durable jobs through their stages (one file per stage under stages/). Each stage change
 * is committed to SQLite before the side effect it leads to, so after a crash `resumeAll()`
 * continues every job where it was: a job with a task id is polled, an unclear submit is looked
 * for (never sent again), and a fetched result is never lost (docs/billing-safety.md).
 */
export class JobRunner {
  private readonly live = new Map<string, Live>();
  private readonly waiters = new Map<string, ((v: JobView) => void)[]>();
  private readonly ctx: StageContext;

  constructor(private readonly d: RunnerDeps) {
    const pools = mediaPools(d.extractSlots);
    this.ctx = {
      d,
      commit: (id, patch, durable) => this.commit(id, patch, durable),
      emit: (row, extra) => this.emit(row, extra),
      stats: () => d.serviceStats?.() ?? SERVICE_PRIOR,
      weights: (row) => stageWeights(this.durationOf(row) ?? 0, this.ctx.stats(), jobOptions(row).quick),
      progress: (row, stage, pct) => jobProgress(stage, pct, this.ctx.weights(row)),
      extractGate: pools.extract,
      probeGate: pools.probe,
      linkGate: pools.link,
      taskCache: new Map(),
    };
  }

  add(inputPath: string, options: JobOptions, reuse: { contentHash?: string; recognitionKey?: string } = {}): JobView {
    const row = this.d.jobs.create(inputPath, options, reuse);
    this.emit(row);
    this.start(row.id);
    return jobView(row);
  }

  /** Restarts every unfinished job (after a crash or a restart), after clearing what the crash left. */
  async resumeAll(): Promise<JobView[]> {
    const swept = await sweepAfterCrash(this.d);
    if (swept.killed) this.d.log?.(`ended ${swept.killed} ffmpeg process(es) left by a previous run`);
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
    return this.d.jobs.list().map((r) => jobView(r, this.durationOf(r)));
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
    await cleanupJob(this.d, done);
    this.emit(done);
    return jobView(done);
  }

  /** `viaCaptioner`: a URL job is extracted and delivered by Captioner this time (issue 14, stages/url.ts). */
  retry(jobId: string, how: { viaCaptioner?: boolean } = {}): JobView {
    const row = this.d.jobs.get(jobId);
    if (!row) throw new CodedError('JOB_NOT_FOUND', `No job ${jobId}.`);
    if (row.stage !== 'failed' && row.stage !== 'canceled') throw new CodedError('JOB_NOT_RETRYABLE', 'Only failed or canceled jobs can be retried.');
    if (how.viaCaptioner) return this.retryViaCaptioner(row);
    // A quick call has nothing to look up: its mark only says one may have been billed, and a retry
    // asked for by the user (never one made by itself) calls again.
    const quick = jobOptions(row).quick === true;
    const stage = retryStage(row.failed_stage ?? undefined, Boolean(row.audio_path), Boolean(row.task_id), {
      ...(row.error_code ? { errorCode: row.error_code } : {}),
      submitPending: row.submit_intent_at !== null && !quick,
    });
    const patch: JobPatch = { stage, ...NO_ERROR, failed_stage: null, progress: this.ctx.progress(row, stage, 0), ...(quick ? { submit_intent_at: null } : {}) };
    if (stage === 'delivering' || stage === 'queued') Object.assign(patch, { task_id: null, task_status: null, result_url: null, file_url: null });
    const updated = this.d.jobs.update(jobId, patch);
    this.emit(updated);
    this.start(jobId);
    return jobView(updated);
  }

  private retryViaCaptioner(row: JobRow): JobView {
    if (!isHttpUrl(row.input_path)) throw new CodedError('JOB_NOT_URL', 'Only a job for a link can be delivered through Captioner instead; this one is a local file.');
    // An unclear submit must be resolved first, and a task that may still bill is polled, never replaced.
    if (row.submit_intent_at !== null || (row.task_id && !TASK_LEVEL_ERRORS.has(row.error_code ?? ''))) return this.retry(row.id);
    const options_json = JSON.stringify({ ...jobOptions(row), viaCaptioner: true });
    const updated = this.d.jobs.update(row.id, {
      options_json, stage: 'queued', ...NO_ERROR, failed_stage: null, progress: 0, task_id: null, task_status: null, result_url: null, file_url: null, warnings_json: '[]',
    });
    this.emit(updated);
    this.start(row.id);
    return jobView(updated);
  }

  async remove(jobId: string): Promise<void> {
    const row = this.d.jobs.get(jobId);
    if (!row) return;
    if (!TERMINAL_STAGES.includes(row.stage)) await this.cancel(jobId);
    await cleanupJob(this.d, this.d.jobs.get(jobId) as JobRow);
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

  /** The media's duration once probed (the weight of the job in the batch total). */
  private durationOf(row: JobRow): number | undefined {
    return row.media_id ? this.d.media.get(row.media_id)?.info.durationMs : undefined;
  }

  private emit(row: JobRow, extra: Partial<JobView> = {}): void {
    const v = { ...jobView(row, this.durationOf(row)), ...extra };
    this.d.onUpdate?.(v);
    if (TERMINAL_STAGES.includes(row.stage)) {
      for (const w of this.waiters.get(row.id) ?? []) w(v);
      this.waiters.delete(row.id);
    }
  }

  private commit(jobId: string, patch: JobPatch, durable = false): JobRow {
    const row = this.d.jobs.update(jobId, patch, { durable });
    this.emit(row);
    return row;
  }

  private async drive(jobId: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) return;
      const row = this.d.jobs.get(jobId);
      if (!row || TERMINAL_STAGES.includes(row.stage)) return;
      try {
        await this.step(row, signal);
      } catch (e) {
        if (signal.aborted) return; // cancel() or stop() owns the outcome
        const err = toAppError(e);
        this.d.log?.(`job ${jobId} failed in ${row.stage}: ${err.code}`);
        const current = this.d.jobs.get(jobId) ?? row;
        // A job that failed while its task lives on (an error no wait could fix) is retried by polling.
        const taskAlive = current.stage === 'transcribing' && current.task_id !== null && !TASK_LEVEL_ERRORS.has(err.code);
        await cleanupJob(this.d, current, true, taskAlive);
        this.commit(jobId, failurePatch(err, current.stage, (line) => this.d.log?.(`job ${jobId}: ${line}`)));
        return;
      }
    }
  }

  private async step(row: JobRow, signal: AbortSignal): Promise<void> {
    const opts = jobOptions(row);
    const c = this.ctx;
    switch (row.stage) {
      case 'queued':
        this.commit(row.id, { stage: 'probing', progress: this.ctx.progress(row, 'probing', 0) });
        return;
      case 'probing':
        return probe(c, row, opts, signal);
      case 'extracting':
        return extract(c, row, opts, signal);
      case 'delivering':
        return deliver(c, row, opts);
      case 'submitted':
        return submit(c, row, opts, signal);
      case 'transcribing':
        return opts.quick ? quick(c, row, opts, signal) : poll(c, row, signal);
      case 'fetching': {
        const done = await fetchResult(c, row, opts, signal);
        await cleanupJob(this.d, done);
        this.emit(done);
        return;
      }
      default:
        return;
    }
  }
}

export type { JobStage };
