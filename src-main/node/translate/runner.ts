import { estimateMtCost, type Region } from '../../core/pricing';
import { rateFloorMs } from '../../core/rate-limiter';
import { detectTrackLanguage } from '../../shared/captions/language';
import { presetForLanguage } from '../../shared/captions/presets';
import { CodedError, toAppError } from '../../shared/result';
import { mtLanguage } from '../../shared/translation/languages';
import { estimateTokens } from '../../shared/translation/tokens';
import { TERMINAL_TRANSLATION, type TranslationJobView } from '../../shared/translation-jobs';
import type { TranslationJobRow } from '../db/repos/translation-jobs';
import { isAlive } from '../process-alive';
import { glossaryFor } from './glossary';
import { runTranslationJob, type TranslateDeps } from './job';
import { relevantMemory } from './memory';
import { MEMORY_BUDGET, TERMS_BUDGET, planTokens, planTranslation } from './plan';

/** A translation job asked for by id that is not in the library (removed, or another library). */
const jobGone = (): CodedError => new CodedError('NOT_FOUND', 'That translation job no longer exists.', { reason: 'TRANSLATION_JOB' });

export interface TranslationRunnerDeps extends Omit<TranslateDeps, 'onProgress'> {
  region: () => Region;
  now: () => number;
  /** The model's limits and the window they count in (for the ETA and the estimate's least time). */
  limits: () => { requests: number; tokens: number };
  windowMs: number;
  onUpdate?: (v: TranslationJobView) => void;
}

export interface TranslationRequest {
  transcriptId: string;
  targets: readonly string[];
  model: string;
  cueIds?: readonly string[] | undefined;
  domain?: string | undefined;
}

/**
 * Translation jobs of a library: planned and stored when asked for, driven in this process,
 * resumed after a crash (a job whose owner died), canceled and retried. Every job of a model
 * shares one limiter (the app's), so two languages at once stay under the account's limits.
 */
export class TranslationRunner {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<TranslationJobView>; startedAt: number; startTokens: number }>();
  private readonly lastEmit = new Map<string, number>();

  constructor(private readonly d: TranslationRunnerDeps) {}

  private sourceOf(transcriptId: string): { track: NonNullable<ReturnType<TranslateDeps['transcripts']['track']>>; sourceLang: string | undefined; title: string } {
    const meta = this.d.transcripts.meta(transcriptId);
    const track = this.d.transcripts.track(transcriptId);
    if (!meta || !track) throw new CodedError('NOT_FOUND', `There is no transcript ${transcriptId} in the library ("captioner library list" shows them).`);
    const lang = meta.language ?? detectTrackLanguage(track.cues.map((c) => c.lines.join(' '))) ?? undefined;
    return { track, sourceLang: lang ? mtLanguage(lang)?.code : undefined, title: meta.title };
  }

  private target(code: string): string {
    const l = mtLanguage(code);
    if (!l) throw new CodedError('MT_LANGUAGE_UNKNOWN', `"${code}" is not a language Captioner translates into (try en, zh, ja, ko, fr, es, de...).`, { lang: code });
    return l.code;
  }

  /** Requests, tokens and cost of translating into every target, before anything is sent. */
  estimate(r: TranslationRequest): { requests: number; inputTokens: number; outputTokens: number; cost: { currency: string; amount: number }; minSeconds: number } {
    let requests = 0;
    let input = 0;
    let output = 0;
    for (const t of r.targets) {
      const p = this.plan(r, this.target(t));
      requests += p.batches.length;
      input += p.tokens.input;
      output += p.tokens.output;
    }
    const floor = rateFloorMs(requests, input + output, this.d.limits(), this.d.windowMs);
    return { requests, inputTokens: input, outputTokens: output, cost: estimateMtCost(input, output, r.model, this.d.region()), minSeconds: Math.ceil(floor / 1000) };
  }

  private plan(r: TranslationRequest, target: string) {
    const { track, sourceLang, title } = this.sourceOf(r.transcriptId);
    if (sourceLang === target) throw new CodedError('MT_SAME_LANGUAGE', `The transcript is already in ${mtLanguage(target)?.name ?? target}; choose another target language.`, { lang: target });
    const { batches } = planTranslation(track.cues, sourceLang, r.domain, r.cueIds);
    if (!batches.length) throw new CodedError('MT_NOTHING', 'The chosen cues have no text to translate.');
    const glossary = this.d.glossary();
    const memory = sourceLang ? this.d.memory(sourceLang, target) : [];
    let extras = 0;
    for (const b of batches) {
      for (const p of [...glossaryFor(b.content, glossary, TERMS_BUDGET), ...relevantMemory(memory, b.content.split('\n'), MEMORY_BUDGET)]) extras += estimateTokens(p.source) + estimateTokens(p.target);
    }
    const tokens = planTokens(batches, target, r.domain ? estimateTokens(r.domain) : 0);
    return { batches, tokens: { input: tokens.input + extras, output: tokens.output }, sourceLang, title, cues: r.cueIds?.length ?? track.cues.length };
  }

  /**
   * One job per target. A language that already has an unfinished job for this transcript (the
   * run was killed, failed or canceled) goes on with it: its finished batches are never sent again.
   * Asked for another model, that job goes on under the newly requested one (recorded on the job;
   * each batch keeps the model that answered it, see docs/DECISIONS.md), unless it is running now.
   */
  create(r: TranslationRequest): string[] {
    const ids: string[] = [];
    const targets = [...new Set(r.targets.map((t) => this.target(t)))];
    for (const target of targets) {
      const open = this.d.jobs.list(r.transcriptId).find((j) => j.target_lang === target && j.status !== 'done');
      if (open) {
        if (open.model !== r.model && !this.running.has(open.id) && !(open.owner_pid && open.owner_pid !== process.pid && isAlive(open.owner_pid))) {
          this.d.jobs.patch(open.id, { model: r.model });
          this.emit(open.id);
        }
        ids.push(open.id);
        continue;
      }
      const p = this.plan(r, target);
      const row = this.d.jobs.create(
        {
          transcript_id: r.transcriptId, title: p.title, source_lang: p.sourceLang ?? null, target_lang: target, model: r.model, preset_id: presetForLanguage(target),
          domain: r.domain?.trim() || null, cues: p.cues, est_input_tokens: p.tokens.input, est_output_tokens: p.tokens.output,
        },
        p.batches.map((b) => ({ units: b.units, content: b.content, inputTokens: b.inputTokens })),
      );
      ids.push(row.id);
      this.emit(row.id);
    }
    return ids;
  }

  /** Drives a job in this process until it ends; resolves with its final view. */
  run(id: string): Promise<TranslationJobView> {
    const live = this.running.get(id);
    if (live) return live.done;
    if (!this.d.jobs.claim(id, process.pid, isAlive)) {
      const row = this.d.jobs.get(id);
      if (!row) throw jobGone();
      throw new CodedError('MT_JOB_ELSEWHERE', `This translation is being run by another Captioner (pid ${row.owner_pid}).`, { pid: row.owner_pid ?? 0 });
    }
    this.d.jobs.patch(id, { error_code: null, error_message: null, finished_at: null });
    const controller = new AbortController();
    const billedNow = this.billed(id);
    const entry = { controller, startedAt: this.d.now(), startTokens: billedNow.prompt + billedNow.completion, done: Promise.resolve() as unknown as Promise<TranslationJobView> };
    this.running.set(id, entry);
    this.emit(id);
    entry.done = runTranslationJob({ ...this.d, onProgress: (j) => this.tick(j) }, id, controller.signal)
      .then(
        () => {
          if (controller.signal.reason === 'shutdown') return this.d.jobs.patch(id, { owner_pid: null });
          if (controller.signal.aborted) return this.d.jobs.patch(id, { status: 'canceled', owner_pid: null, finished_at: this.d.now() });
          return this.d.jobs.patch(id, { status: 'done', owner_pid: null, finished_at: this.d.now() });
        },
        (e: unknown) => {
          const err = toAppError(e);
          this.d.log?.(`translation ${id.slice(0, 8)} failed: ${err.code}: ${err.message}`);
          return this.d.jobs.patch(id, { status: 'failed', error_code: err.code, error_message: err.message, owner_pid: null, finished_at: this.d.now() });
        },
      )
      .then(() => {
        this.running.delete(id);
        return this.emit(id);
      });
    return entry.done;
  }

  /** Jobs left queued or running by a process that is gone: run here. */
  resumeAll(): string[] {
    const ids: string[] = [];
    for (const j of this.d.jobs.unfinished()) {
      if (this.running.has(j.id) || (j.owner_pid !== null && j.owner_pid !== process.pid && isAlive(j.owner_pid))) continue;
      ids.push(j.id);
      void this.run(j.id).catch(() => undefined);
    }
    return ids;
  }

  /** Stops taking batches (requests in flight finish and are kept: they are paid for). */
  async cancel(id: string): Promise<TranslationJobView> {
    const live = this.running.get(id);
    if (live) {
      live.controller.abort('cancel');
      return live.done;
    }
    const row = this.d.jobs.get(id);
    if (!row) throw jobGone();
    if (!TERMINAL_TRANSLATION.includes(row.status)) {
      if (row.owner_pid !== null && row.owner_pid !== process.pid && isAlive(row.owner_pid)) throw new CodedError('MT_JOB_ELSEWHERE', `This translation is being run by another Captioner (pid ${row.owner_pid}); cancel it there.`, { pid: row.owner_pid ?? 0 });
      this.d.jobs.patch(id, { status: 'canceled', owner_pid: null, finished_at: this.d.now() });
    }
    return this.emit(id);
  }

  /** A failed or canceled job goes on with its unfinished batches. */
  retry(id: string): TranslationJobView {
    const row = this.d.jobs.get(id);
    if (!row) throw jobGone();
    if (row.status === 'done') throw new CodedError('MT_JOB_DONE', 'This translation is finished; start a new one to translate again.');
    void this.run(id).catch(() => undefined);
    return this.view(this.d.jobs.get(id) as TranslationJobRow);
  }

  wait(id: string): Promise<TranslationJobView> {
    return this.running.get(id)?.done ?? Promise.resolve(this.view(this.d.jobs.get(id) as TranslationJobRow));
  }

  list(transcriptId?: string): TranslationJobView[] {
    return this.d.jobs.list(transcriptId).map((r) => this.view(r));
  }

  get(id: string): TranslationJobView {
    const row = this.d.jobs.get(id);
    if (!row) throw jobGone();
    return this.view(row);
  }

  /** App shutdown: stop taking batches; the jobs stay running in the library and resume next start. */
  async stop(): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) r.controller.abort('shutdown');
    await Promise.all(all.map((r) => r.done.catch(() => undefined)));
  }

  private billed(id: string): { prompt: number; completion: number } {
    let prompt = 0;
    let completion = 0;
    for (const b of this.d.jobs.batches(id)) {
      prompt += b.prompt_tokens;
      completion += b.completion_tokens;
    }
    return { prompt, completion };
  }

  view(row: TranslationJobRow): TranslationJobView {
    const batches = this.d.jobs.batches(row.id);
    const live = batches.filter((b) => b.status !== 'split');
    const finished = live.filter((b) => b.status === 'done' || b.status === 'failed');
    const total = live.reduce((n, b) => n + b.input_tokens, 0) || 1;
    const doneTokens = finished.reduce((n, b) => n + b.input_tokens, 0);
    let prompt = 0;
    let completion = 0;
    const perModel = new Map<string, { prompt: number; completion: number }>();
    for (const b of batches) {
      prompt += b.prompt_tokens;
      completion += b.completion_tokens;
      if (!b.prompt_tokens && !b.completion_tokens) continue;
      const m = perModel.get(b.model ?? row.model) ?? { prompt: 0, completion: 0 };
      perModel.set(b.model ?? row.model, { prompt: m.prompt + b.prompt_tokens, completion: m.completion + b.completion_tokens });
    }
    const run = this.running.get(row.id);
    let etaSeconds: number | undefined;
    if (run && finished.length < live.length) {
      const left = live.filter((b) => b.status !== 'done' && b.status !== 'failed');
      const leftTokens = left.reduce((n, b) => n + b.input_tokens * 2.5 + 40, 0);
      const floor = rateFloorMs(left.length, leftTokens, this.d.limits(), this.d.windowMs) / 1000;
      const elapsed = (this.d.now() - run.startedAt) / 1000;
      const rate = (prompt + completion - run.startTokens) / Math.max(1, elapsed);
      etaSeconds = Math.ceil(Math.max(floor, rate > 0 && elapsed > 3 ? leftTokens / rate : floor));
    }
    const region = this.d.region();
    const est = estimateMtCost(row.est_input_tokens, row.est_output_tokens, row.model, region);
    const costs = [...perModel].map(([m, t]) => estimateMtCost(t.prompt, t.completion, m, region));
    const billedCost = { currency: est.currency, amount: costs.reduce((n, c) => n + c.amount, 0) };
    const earlierModels = [...new Set(batches.filter((b) => b.status === 'done' && b.model && b.model !== row.model).map((b) => b.model as string))];
    const warnings = Object.entries(JSON.parse(row.warnings_json) as Record<string, number>).map(([code, count]) => ({ code, count }));
    return {
      id: row.id, transcriptId: row.transcript_id, title: row.title, sourceLang: row.source_lang, targetLang: row.target_lang, model: row.model, status: row.status,
      ...(row.status === 'running' ? { activity: run ? 'TRANSLATING' as const : 'WAITING' as const } : {}),
      progress: row.status === 'done' ? 100 : Math.floor((doneTokens / total) * 100), ...(etaSeconds !== undefined ? { etaSeconds } : {}),
      batchesDone: finished.length, batchesTotal: live.length, cues: row.cues,
      estimate: { inputTokens: row.est_input_tokens, outputTokens: row.est_output_tokens, cost: est },
      billed: { promptTokens: prompt, completionTokens: completion, cost: billedCost }, ...(earlierModels.length ? { earlierModels } : {}),
      warnings, ...(row.error_code ? { error: { code: row.error_code, message: row.error_message ?? '' } } : {}),
      createdAt: row.created_at, updatedAt: row.updated_at, ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
    };
  }

  /** Tells the UI of a state change and returns the view. */
  private emit(id: string): TranslationJobView {
    const row = this.d.jobs.get(id);
    if (!row) throw jobGone();
    const v = this.view(row);
    this.lastEmit.set(id, this.d.now());
    this.d.onUpdate?.(v);
    return v;
  }

  /** Progress: at most every 250 ms per job. */
  private tick(id: string): void {
    if (!this.d.onUpdate || this.d.now() - (this.lastEmit.get(id) ?? 0) < 250) return;
    this.emit(id);
  }
}
