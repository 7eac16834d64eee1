import { presetForLanguage, resolvePreset } from '../../shared/captions/presets';
import { CodedError } from '../../shared/result';
import { mtLanguage } from '../../shared/translation/languages';
import { translationFindings } from '../../shared/translation/qc';
import { memoryFromEdits } from '../translate/memory';
import type { ApiContext, Handlers } from './types';

type TranslationMethods = 'translation:estimate' | 'translation:start' | 'translation:jobs' | 'translation:cancel' | 'translation:retry' | 'translation:get' | 'translation:languages' | 'translation:save' | 'translation:speakerNames';

/** Translation (issue 11): estimates, durable jobs, the translated text and the user's edits. */
export function translationHandlers(ctx: ApiContext): Pick<Handlers, TranslationMethods> {
  const { app } = ctx;
  const existing = (id: string) => {
    const meta = app.transcripts.meta(id);
    const track = app.transcripts.track(id);
    if (!meta || !track) throw new CodedError('NOT_FOUND', 'That transcript no longer exists.');
    return { meta, track };
  };
  const lang = (code: string): string => {
    const l = mtLanguage(code);
    if (!l) throw new CodedError('MT_LANGUAGE_UNKNOWN', `"${code}" is not a language Captioner translates into.`, { lang: code });
    return l.code;
  };
  const request = (i: { transcriptId: string; targets: string[]; model?: string | undefined; cueIds?: string[] | undefined; domain?: string | undefined }) => ({
    transcriptId: existing(i.transcriptId).meta.id,
    targets: i.targets,
    model: i.model ?? app.settings.get('translationModel'),
    cueIds: i.cueIds,
    domain: i.domain ?? app.settings.get('translationDomain'),
  });
  return {
    'translation:estimate': (i) => app.translator.estimate(request(i)),
    'translation:start': (i) => {
      if (!app.service().hasApiKey) throw new CodedError('SERVICE_NO_KEY', 'No DashScope API key is set. Add it in Settings, then translate again (translation uses the same key).');
      const jobIds = app.translator.create(request(i));
      for (const id of jobIds) void app.translator.run(id).catch(() => undefined); // failures are in the job's view
      return { jobIds };
    },
    'translation:jobs': ({ transcriptId }) => app.translator.list(transcriptId),
    'translation:cancel': ({ id }) => app.translator.cancel(id),
    'translation:retry': ({ id }) => app.translator.retry(id),
    'translation:get': ({ transcriptId, lang: code }) => {
      const { meta, track } = existing(transcriptId);
      const target = lang(code);
      const stored = app.translations.get(meta.id, target, new Set(track.cues.map((c) => c.id)));
      const lines = new Map([...stored].map(([id, t]) => [id, t.lines]));
      const findings = translationFindings(track.cues, lines, meta.language ?? undefined, target, resolvePreset(presetForLanguage(target)));
      return {
        lang: target,
        cues: track.cues.filter((c) => stored.has(c.id)).map((c) => ({ cueId: c.id, lines: stored.get(c.id)?.lines ?? [], origin: stored.get(c.id)?.origin ?? 'mt' })),
        findings: findings.map((f) => ({ code: f.code, cueId: f.cueId, severity: f.severity, message: f.message, params: f.params })),
      };
    },
    'translation:languages': ({ transcriptId }) => app.translations.languages(existing(transcriptId).meta.id),
    'translation:speakerNames': ({ limit }) => app.translations.speakerNames(limit ?? 200),
    'translation:save': ({ transcriptId, lang: code, cues, carried }) => {
      const { meta, track } = existing(transcriptId);
      const target = lang(code);
      const live = new Set(track.cues.map((c) => c.id));
      // Clearing the translation of a cue that is gone is fine (an undone split); writing one is not.
      const unknown = cues.find((c) => !live.has(c.cueId) && c.lines.some((l) => l.trim()));
      if (unknown) throw new CodedError('NOT_FOUND', `Cue ${unknown.cueId} is not in this transcript (it was deleted or merged); reload the editor.`, { reason: 'CUE', cueId: unknown.cueId });
      if (carried) return { updatedAt: app.translations.putCarried(meta.id, target, cues), remembered: 0 };
      return app.db.transaction(() => {
        const updatedAt = app.translations.putUser(meta.id, target, cues);
        const source = meta.language ? mtLanguage(meta.language)?.code : undefined;
        let remembered = 0;
        if (source) {
          const all = new Map([...app.translations.get(meta.id, target, live)].map(([id, t]) => [id, t.lines]));
          const pairs = memoryFromEdits(track.cues, all, new Set(cues.map((c) => c.cueId)), source);
          app.translations.remember(source, target, pairs);
          remembered = pairs.length;
        }
        return { updatedAt, remembered };
      })();
    },
  };
}
