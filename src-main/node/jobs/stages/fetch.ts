import { presetForLanguage, resolvePreset } from '../../../shared/captions/presets';
import { detectTrackLanguage } from '../../../shared/captions/language';
import { buildTrackFromWords, wordsFromResult } from '../../../shared/captions/segment';
import { transcriptionResultSchema } from '../../../shared/funasr/result';
import type { JobOptions } from '../../../shared/jobs';
import { CodedError } from '../../../shared/result';
import { jobTitle, type JobRow } from '../../db/repos/jobs';
import { warningsWith, type StageContext } from '../context';
import { coverageFindings } from './coverage';

/** Downloads the result (kept before anything else can go wrong) and turns it into a transcript. */
export async function fetchResult(c: StageContext, row: JobRow, opts: JobOptions, signal?: AbortSignal): Promise<JobRow> {
  let raw = c.d.jobs.result(row.id);
  if (raw === undefined) {
    raw = row.result_url ? (await c.d.client().fetchResult(row.result_url)).raw : JSON.stringify({ transcripts: [] });
    c.d.jobs.saveResult(row.id, raw);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new CodedError('RESULT_INVALID', 'The stored result is not valid JSON.');
  }
  const parsed = transcriptionResultSchema.safeParse(json);
  if (!parsed.success) throw new CodedError('RESULT_INVALID', `The result JSON does not have the documented shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  // Auto-detect: the transcript's own script decides its language, and the language its preset.
  const words = wordsFromResult(parsed.data, row.audio_offset_ms);
  const language = opts.language ?? detectTrackLanguage(words.map((w) => w.text));
  const presetId = opts.presetId ?? presetForLanguage(language);
  const track = buildTrackFromWords(words, resolvePreset(presetId), language ? { language } : {});
  const findings = await coverageFindings(c, row, track.cues, signal);
  const info = row.media_id ? c.d.media.get(row.media_id) : undefined;
  const rawJson = raw;
  return c.d.transaction(() => {
    const transcriptId = c.d.transcripts.create({
      title: info?.title ?? jobTitle(row), track, presetId, durationMs: info?.info.durationMs ?? 0, mediaId: row.media_id, jobId: row.id,
      sourcePath: row.input_path, model: opts.model, rawJson,
    });
    return c.d.jobs.update(row.id, { stage: 'done', transcript_id: transcriptId, progress: 100, eta_seconds: null, ...(findings.length ? { warnings_json: warningsWith(row, ...findings) } : {}) });
  });
}
