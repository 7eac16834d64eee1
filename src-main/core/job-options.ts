import { jobOptionsSchema, type JobChoices, type JobOptions } from '../shared/jobs';
import type { Settings } from '../shared/settings';

/** Something the user should know about the options a job got; a code and values, never prose. */
export interface OptionNote {
  code: 'HOTWORD_LIST_OTHER_MODEL' | 'HOTWORD_LIST_QUICK';
  listId: string;
  listModel?: string;
  model: string;
}

export type DerivedOptions = { ok: true; options: JobOptions; notes: OptionNote[] } | { ok: false; code: 'INVALID_OPTIONS'; message: string; field: string };

/**
 * The one way job options come from settings plus per-job choices, for the app and the CLI alike
 * (issue #10: they had drifted). Per-job values win; unset per-job values fall back to settings.
 *
 * One policy for a hotword list made for another model: the service would silently ignore it
 * (funasr-api.md §6.2), so the job runs without it and says so, rather than refusing a whole batch
 * because a list in Settings belongs to another model. Quick mode carries hotwords as context.
 */
export function deriveJobOptions(s: Settings, perJob: { [K in keyof JobChoices]?: JobChoices[K] | undefined } = {}): DerivedOptions {
  const raw: Record<string, unknown> = {
    model: s.model ?? 'fun-asr',
    diarize: s.diarize ?? false,
    delivery: s.delivery ?? 'auto',
    quick: s.quickMode ?? false,
  };
  if (s.language) raw.language = s.language;
  if (s.speakerCount) raw.speakerCount = s.speakerCount;
  if (s.presetId) raw.presetId = s.presetId;
  const mask = s.maskWords ?? [];
  const remove = s.removeWords ?? [];
  if (mask.length || remove.length || s.systemReservedFilter === false) raw.specialWordFilter = { maskWords: mask, removeWords: remove, systemReserved: s.systemReservedFilter ?? true };
  for (const [k, v] of Object.entries(perJob)) if (v !== undefined) raw[k] = v;
  // Auto-detect is the absence of a hint, whatever said "auto".
  if (raw.language === 'auto') delete raw.language;
  const notes: OptionNote[] = [];
  const model = String(raw.model);
  if (raw.vocabularyId === undefined && s.hotwordListId) {
    if (raw.quick) notes.push({ code: 'HOTWORD_LIST_QUICK', listId: s.hotwordListId, model });
    else if (s.hotwordModel === model) raw.vocabularyId = s.hotwordListId;
    else notes.push({ code: 'HOTWORD_LIST_OTHER_MODEL', listId: s.hotwordListId, ...(s.hotwordModel ? { listModel: s.hotwordModel } : {}), model });
  }
  const parsed = jobOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const field = i?.path.join('.') || 'options';
    return { ok: false, code: 'INVALID_OPTIONS', message: `${field}: ${i?.message ?? 'invalid'}`, field };
  }
  return { ok: true, options: parsed.data, notes };
}

/** An English sentence for a note (the CLI prints it; the app translates the code itself). */
export function describeNote(n: OptionNote): string {
  if (n.code === 'HOTWORD_LIST_QUICK') return `quick mode sends the hotword list ${n.listId} as context, not as a list.`;
  return `the active hotword list ${n.listId} was made for ${n.listModel ?? 'another model'}, not ${n.model}; the service would ignore it, so this job runs without it. Make a list for ${n.model} to use hotwords with it.`;
}
