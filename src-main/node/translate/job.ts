import type { Cue } from '../../shared/captions/model';
import { resolvePreset, type Preset } from '../../shared/captions/presets';
import { joinTokens } from '../../shared/captions/text';
import { placeTranslation } from '../../shared/translation/align';
import { splitResponse } from '../../shared/translation/batches';
import { mtLanguage } from '../../shared/translation/languages';
import { estimateTokens } from '../../shared/translation/tokens';
import { cueText, type MeaningUnit } from '../../shared/translation/units';
import { CodedError } from '../../shared/result';
import { ServiceError } from '../dashscope/errors';
import type { MtClient, MtPair } from '../dashscope/mt-client';
import type { BatchRow, TranslationJobRow, TranslationJobsRepo } from '../db/repos/translation-jobs';
import type { TranslationsRepo } from '../db/repos/translations';
import type { TranscriptsRepo } from '../db/repos/transcripts';
import { glossaryFor, type GlossarySources } from './glossary';
import { relevantMemory } from './memory';
import { MEMORY_BUDGET, TEMPLATE_TOKENS, TERMS_BUDGET, halve, outputEstimate } from './plan';

/**
 * Runs one translation job to its end (qwen-mt-api.md §5). Each batch is marked 'sent' (with
 * its attempt counted) before its request leaves, and 'done' in the same transaction that stores
 * its translations: after a crash only batches not done are sent, and a batch whose answer was
 * lost (still 'sent') is sent once more at most, recorded as MT_RESPONSE_LOST. Requests a few at
 * a time; the shared limiter spaces them for every job of the model.
 */
export interface TranslateDeps {
  jobs: TranslationJobsRepo;
  translations: TranslationsRepo;
  transcripts: TranscriptsRepo;
  transaction: <T>(fn: () => T) => T;
  client: () => MtClient;
  glossary: () => GlossarySources;
  memory: (sourceLang: string, targetLang: string) => MtPair[];
  /** Requests of one job in flight at once (default 4). */
  concurrency?: number;
  /** A batch changed (progress, tokens): the runner tells the UI. */
  onProgress: (jobId: string) => void;
  log?: (line: string) => void;
}

/** Errors after which no batch of the job can succeed: the job stops and says why. */
const STOPS_JOB = new Set(['SERVICE_AUTH', 'SERVICE_ACCESS_DENIED', 'SERVICE_MODEL_NOT_FOUND', 'SERVICE_QUOTA', 'SERVICE_ARREARS', 'SERVICE_NO_KEY', 'MT_LANGUAGE_UNSUPPORTED', 'MT_BAD_REQUEST', 'SERVICE_NETWORK', 'SERVICE_THROTTLED', 'SERVICE_UNAVAILABLE', 'SERVICE_BAD_RESPONSE', 'SERVICE_ERROR']);

export const addWarning = (row: Pick<TranslationJobRow, 'warnings_json'>, code: string, n = 1): string => {
  const w = JSON.parse(row.warnings_json) as Record<string, number>;
  w[code] = (w[code] ?? 0) + n;
  return JSON.stringify(w);
};

export async function runTranslationJob(d: TranslateDeps, jobId: string, signal: AbortSignal): Promise<void> {
  const job = d.jobs.get(jobId);
  if (!job) throw new CodedError('NOT_FOUND', 'That translation job no longer exists.');
  const track = d.transcripts.track(job.transcript_id);
  if (!track) throw new CodedError('NOT_FOUND', 'The transcript of this translation no longer exists.');
  const preset = resolvePreset(job.preset_id);
  const cues = new Map(track.cues.map((c) => [c.id, c]));
  const target = mtLanguage(job.target_lang);
  if (!target) throw new CodedError('MT_LANGUAGE_UNKNOWN', `Captioner does not know the language "${job.target_lang}".`);
  const source = job.source_lang ? mtLanguage(job.source_lang) : undefined;
  const client = d.client();

  // Batches whose request left but whose answer never came back (a crash, a kill): sent once more at most.
  const queue: BatchRow[] = [];
  for (const b of d.jobs.batches(jobId)) {
    if (b.status === 'pending') queue.push(b);
    else if (b.status === 'sent') {
      if (b.attempts >= 2) {
        d.transaction(() => {
          d.jobs.patchBatch(jobId, b.idx, { status: 'failed', error_code: 'MT_RESPONSE_LOST' });
          d.jobs.patch(jobId, { warnings_json: addWarning(d.jobs.get(jobId) as TranslationJobRow, 'MT_RESPONSE_LOST') });
        });
      } else {
        d.jobs.patch(jobId, { warnings_json: addWarning(d.jobs.get(jobId) as TranslationJobRow, 'MT_RESPONSE_LOST') });
        queue.push(b);
      }
    }
  }

  const memory = source ? d.memory(source.code, target.code) : [];
  const glossary = d.glossary();
  let stop: unknown;

  const fail = (b: BatchRow, code: string): void => {
    d.transaction(() => {
      d.jobs.patchBatch(jobId, b.idx, { status: 'failed', error_code: code });
      d.jobs.patch(jobId, { warnings_json: addWarning(d.jobs.get(jobId) as TranslationJobRow, code) });
    });
  };
  const split = (b: BatchRow, units: MeaningUnit[], code: string, billed: { prompt: number; completion: number }): void => {
    const halves = halve(units, (id) => cueText(cues.get(id) ?? { lines: [] }), (t) => joinTokens(t));
    if (!halves) {
      d.transaction(() => {
        d.jobs.patchBatch(jobId, b.idx, { status: 'failed', error_code: code, prompt_tokens: billed.prompt, completion_tokens: billed.completion });
        d.jobs.patch(jobId, { warnings_json: addWarning(d.jobs.get(jobId) as TranslationJobRow, code) });
      });
      return;
    }
    const parts = halves.map((us) => {
      const content = us.map((u) => u.text.replace(/\s*[\r\n]+\s*/g, ' ').trim()).join('\n');
      return { units: us, content, inputTokens: estimateTokens(content) };
    });
    queue.push(...d.jobs.split(jobId, b.idx, parts, billed, code));
  };

  const place = (units: MeaningUnit[], lines: string[]): { cueId: string; lines: string[] }[] => {
    const out: { cueId: string; lines: string[] }[] = [];
    units.forEach((u, i) => {
      const unitCues = u.cueIds.map((id) => cues.get(id)).filter((c): c is Cue => c !== undefined);
      const placed = placeTranslation(unitCues, lines[i] ?? '', target.code, preset as Preset);
      unitCues.forEach((c, k) => out.push({ cueId: c.id, lines: placed[k] ?? [] }));
    });
    return out;
  };

  async function one(b: BatchRow): Promise<void> {
    const units = JSON.parse(b.units_json) as MeaningUnit[];
    const lines = b.content.split('\n');
    const terms = glossaryFor(b.content, glossary, TERMS_BUDGET);
    const tmList = relevantMemory(memory, lines, MEMORY_BUDGET);
    const extras = [...terms, ...tmList].reduce((n, p) => n + estimateTokens(p.source) + estimateTokens(p.target), 0) + (job?.domain ? estimateTokens(job.domain) : 0);
    const reserve = TEMPLATE_TOKENS + b.input_tokens + extras + outputEstimate(b.input_tokens, target?.code ?? '');
    const attempts = b.attempts + 1;
    d.jobs.patchBatch(jobId, b.idx, { status: 'sent', attempts, model: job?.model as string });
    d.onProgress(jobId);
    let answer;
    try {
      answer = await client.translate(
        {
          model: job?.model as string, content: b.content, sourceLang: source?.name ?? 'auto', targetLang: target?.name as string,
          ...(terms.length ? { terms } : {}), ...(tmList.length ? { tmList } : {}), ...(job?.domain ? { domains: job.domain } : {}),
        },
        reserve,
      );
    } catch (e) {
      const code = e instanceof ServiceError || e instanceof CodedError ? e.code : 'SERVICE_ERROR';
      if (code === 'MT_RESPONSE_LOST') {
        d.log?.(`translation ${jobId.slice(0, 8)} batch ${b.idx}: answer lost (${(e as Error).message})`);
        d.jobs.patch(jobId, { warnings_json: addWarning(d.jobs.get(jobId) as TranslationJobRow, 'MT_RESPONSE_LOST') });
        if (attempts >= 2) d.jobs.patchBatch(jobId, b.idx, { status: 'failed', error_code: code });
        else queue.push({ ...b, attempts });
        return;
      }
      // Refused by the service (an answer came, nothing was translated): not billed, the attempt does not count.
      d.jobs.patchBatch(jobId, b.idx, { status: 'pending', attempts: b.attempts });
      if (code === 'MT_INPUT_TOO_LONG') return split({ ...b, attempts: b.attempts }, units, code, { prompt: 0, completion: 0 });
      if (code === 'SERVICE_DATA_INSPECTION') return units.length > 1 ? split(b, units, code, { prompt: 0, completion: 0 }) : fail(b, code);
      if (STOPS_JOB.has(code) || !(e instanceof ServiceError)) {
        stop ??= e;
        return;
      }
      return fail(b, code);
    }
    const billed = { prompt: answer.promptTokens, completion: answer.completionTokens };
    const texts = answer.finishReason === 'length' ? undefined : units.length === 1 ? [answer.content.replace(/\s*[\r\n]+\s*/g, ' ').trim()] : splitResponse({ units }, answer.content);
    if (!texts || texts.some((t) => !t)) return split(b, units, answer.finishReason === 'length' ? 'MT_OUTPUT_CUT' : 'MT_LINES_MISMATCH', billed);
    const placed = place(units, texts);
    d.transaction(() => {
      d.translations.putMachine(job?.transcript_id as string, target?.code as string, jobId, placed);
      d.jobs.patchBatch(jobId, b.idx, { status: 'done', response: answer.content, prompt_tokens: billed.prompt, completion_tokens: billed.completion, error_code: null });
    });
    if (answer.throttled) d.jobs.patch(jobId, { warnings_json: addWarning(d.jobs.get(jobId) as TranslationJobRow, 'SERVICE_THROTTLED', answer.throttled) });
    d.onProgress(jobId);
  }

  const worker = async (): Promise<void> => {
    for (;;) {
      if (signal.aborted || stop !== undefined) return;
      const b = queue.shift();
      if (!b) return;
      await one(b);
    }
  };
  // A split appends batches while others run: go on until the queue stays empty.
  while (queue.length && !signal.aborted && stop === undefined) await Promise.all(Array.from({ length: Math.max(1, d.concurrency ?? 4) }, worker));
  if (stop !== undefined) throw stop;
}
