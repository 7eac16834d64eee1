import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { detectTrackLanguage } from '@shared/captions/language';
import { wrapTokens } from '@shared/captions/linebreak';
import type { Cue } from '@shared/captions/model';
import { resolvePreset, type Preset } from '@shared/captions/presets';
import { tokenizeText } from '@shared/captions/text';
import { carryTranslations } from '@shared/translation/carry';
import { targetPresetId } from '@shared/translation/languages';
import { translationFindings, type TranslationFinding } from '@shared/translation/qc';
import type { TranslationJobView } from '@shared/translation-jobs';
import { useApi, useEvent } from '../../../app/api';
import { emptyLog, recordTrackEdit, recordTranslationEdit, redoStep, undoStep, type TranslationPut, type UndoLog } from './history';
import { useErrorText, useNotifyError, type Notify } from '../../../app/errors';

type Lines = ReadonlyMap<string, string[]>;

/** What the cue grid needs to show and edit one translation column. */
export interface TranslationColumn {
  lang: string;
  preset: Preset;
  lines: Lines;
  findings: ReadonlyMap<string, TranslationFinding[]>;
  /** A cue's new translation as typed (a line break keeps the user's lines; else wrapped to the preset). */
  edit: (cueId: string, text: string) => void;
  /** Sets a cue's lines as they are (a QC fix). */
  setLines: (cueId: string, lines: string[]) => void;
}

interface Options {
  transcriptId: string;
  cues: readonly Cue[];
  sourceLang: string | null;
  editorVersion: number;
  editorCanUndo: boolean;
  editorCanRedo: boolean;
  editorUndo: () => void;
  editorRedo: () => void;
  select: (cueId: string) => void;
  notify: Notify;
  /** Resolves once the track as it is now is stored (a translation can only be saved onto cues that exist there). */
  trackSaved: () => Promise<void>;
}

const presetFor = (lang: string): Preset => resolvePreset(targetPresetId(lang));

/** The shared history outlives the editor screen for the session, as the track's does (session.ts). */
const logs = new Map<string, UndoLog>();

/** Findings per cue, re-checked only when the cue or its translation changed. */
function useFindings(cues: readonly Cue[], lines: Lines | undefined, sourceLang: string | undefined, lang: string | null, preset: Preset) {
  const cache = useRef(new WeakMap<Cue, { lines: string[] | undefined; key: string; out: TranslationFinding[] }>());
  return useMemo(() => {
    const out = new Map<string, TranslationFinding[]>();
    if (!lines || !lang) return out;
    const key = `${lang} ${preset.id} ${sourceLang ?? ''}`;
    for (const cue of cues) {
      const mine = lines.get(cue.id);
      let hit = cache.current.get(cue);
      if (!hit || hit.lines !== mine || hit.key !== key) {
        hit = { lines: mine, key, out: translationFindings([cue], new Map(mine ? [[cue.id, mine]] : []), sourceLang, lang, preset) };
        cache.current.set(cue, hit);
      }
      if (hit.out.length) out.set(cue.id, hit.out);
    }
    return out;
  }, [cues, lines, sourceLang, lang, preset]);
}

/**
 * The transcript's translations in the editor: the languages it has, the one shown, its lines
 * per cue with per-language QC, edits saved through `translation:save` in order, running jobs
 * (pushed by `translation:update`), and one undo history shared with the source track.
 */
export function useTranslations(o: Options) {
  const api = useApi();
  const [languages, setLanguages] = useState<string[]>([]);
  const [lang, setLang] = useState<string | null>(null);
  const [byLang, setByLang] = useState<ReadonlyMap<string, Lines>>(new Map());
  const [jobs, setJobs] = useState<TranslationJobView[]>([]);
  // A resumed track history resumes its log too; a fresh one (the transcript changed on disk) starts empty.
  const [log, setLog] = useState<UndoLog>(() => ((o.editorCanUndo || o.editorCanRedo) && logs.get(o.transcriptId)) || emptyLog());
  const [editing, setEditing] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const logRef = useRef(log);
  logRef.current = log;
  useEffect(() => {
    logs.set(o.transcriptId, log);
  }, [o.transcriptId, log]);
  const byLangRef = useRef(byLang);
  byLangRef.current = byLang;
  const { transcriptId, notify } = o;
  const errorText = useErrorText();
  const failed = useNotifyError(notify);

  const load = useCallback(
    async (which: string) => {
      const r = await api.call('translation:get', { transcriptId, lang: which });
      setByLang((m) => new Map(m).set(which, new Map(r.cues.map((c) => [c.cueId, c.lines]))));
    },
    [api, transcriptId],
  );
  const refreshLanguages = useCallback(async () => {
    const list = await api.call('translation:languages', { transcriptId });
    setLanguages(list);
    setLang((cur) => (cur && list.includes(cur) ? cur : (list[0] ?? null)));
    return list;
  }, [api, transcriptId]);

  useEffect(() => {
    refreshLanguages().catch(() => undefined); // no translations (or none yet): the column stays hidden
    api.call('translation:jobs', { transcriptId }).then(setJobs, () => undefined);
  }, [api, transcriptId, refreshLanguages]);
  // Every language is loaded, not only the one shown: a split or merge carries all of them along.
  const loading = useRef(new Set<string>());
  useEffect(() => {
    for (const which of lang && !languages.includes(lang) ? [...languages, lang] : languages) {
      if (byLang.has(which) || loading.current.has(which)) continue;
      loading.current.add(which);
      load(which)
        .catch(failed)
        .finally(() => loading.current.delete(which));
    }
  }, [lang, languages, byLang, load, failed]);

  // Running jobs report here; finished batches show at once, so the column fills as it goes.
  const seen = useRef(new Map<string, number>());
  useEvent(
    'translation:update',
    useCallback(
      (job: TranslationJobView) => {
        if (job.transcriptId !== transcriptId) return;
        setJobs((list) => [job, ...list.filter((j) => j.id !== job.id)]);
        const before = seen.current.get(job.id);
        seen.current.set(job.id, job.batchesDone);
        if (job.batchesDone !== before || job.status === 'done') {
          refreshLanguages()
            .then((list) => (list.includes(job.targetLang) ? load(job.targetLang) : undefined))
            .then(() => setLang((cur) => cur ?? job.targetLang))
            .catch(() => undefined);
        }
      },
      [transcriptId, refreshLanguages, load],
    ),
  );

  // Saves go out one at a time, in order: the last edit of a cue is the one stored.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const enqueue = useCallback(
    (task: () => Promise<unknown>) => {
      setPending((n) => n + 1);
      chain.current = chain.current
        .then(task)
        .then(
          () => setSaveError(null),
          (e: unknown) => {
            setSaveError(errorText(e));
            failed(e);
          },
        )
        .finally(() => setPending((n) => n - 1));
    },
    [errorText, failed],
  );
  const save = useCallback(
    (which: string, cueId: string, lines: string[]) => {
      enqueue(() => api.call('translation:save', { transcriptId, lang: which, cues: [{ cueId, lines }] }));
    },
    [api, transcriptId, enqueue],
  );
  const put = useCallback((which: string, cueId: string, lines: string[]) => {
    setByLang((m) => {
      const cur = new Map(m.get(which) ?? []);
      if (lines.length) cur.set(cueId, lines);
      else cur.delete(cueId);
      return new Map(m).set(which, cur);
    });
  }, []);
  // Translations an editor operation moved (or its undo put back): shown at once, stored once the
  // track holding their cues is stored, as one call per language, not taught to the memory.
  const { trackSaved } = o;
  const carry = useCallback(
    (puts: readonly TranslationPut[]) => {
      if (!puts.length) return;
      setByLang((m) => {
        const next = new Map(m);
        for (const p of puts) {
          const cur = new Map(next.get(p.lang) ?? []);
          if (p.lines.length) cur.set(p.cueId, p.lines);
          else cur.delete(p.cueId);
          next.set(p.lang, cur);
        }
        return next;
      });
      const perLang = new Map<string, { cueId: string; lines: string[] }[]>();
      for (const p of puts) perLang.set(p.lang, [...(perLang.get(p.lang) ?? []), { cueId: p.cueId, lines: p.lines }]);
      enqueue(async () => {
        await trackSaved();
        await Promise.all([...perLang].map(([which, cues]) => api.call('translation:save', { transcriptId, lang: which, cues, carried: true })));
      });
    },
    [api, transcriptId, enqueue, trackSaved],
  );

  const current = lang ? byLang.get(lang) : undefined;
  const preset = useMemo(() => resolvePreset(targetPresetId(lang ?? 'en')), [lang]);
  const setLines = useCallback(
    (cueId: string, lines: string[]) => {
      if (!lang) return;
      const before = byLang.get(lang)?.get(cueId) ?? [];
      if (before.join('\n') === lines.join('\n')) return;
      put(lang, cueId, lines);
      save(lang, cueId, lines);
      setLog((l) => recordTranslationEdit(l, { lang, cueId, before, after: lines }));
    },
    [lang, byLang, put, save],
  );
  const edit = useCallback(
    (cueId: string, text: string) => {
      const lines = text.includes('\n') ? text.split('\n').map((l) => l.trim()).filter(Boolean) : wrapTokens(tokenizeText(text), preset);
      setLines(cueId, lines);
    },
    [preset, setLines],
  );

  // Track edits join the shared history with the translations they carried along; the editor's
  // own undo and redo do not (the step being undone or redone brings its translations back).
  const replaying = useRef(0);
  const lastVersion = useRef(o.editorVersion);
  const lastCues = useRef(o.cues);
  useEffect(() => {
    if (o.editorVersion === lastVersion.current) return;
    lastVersion.current = o.editorVersion;
    const before = lastCues.current;
    lastCues.current = o.cues;
    if (replaying.current > 0) {
      replaying.current--;
      return;
    }
    const carried = carryTranslations(before, o.cues, byLangRef.current, presetFor);
    carry(carried.map((c) => ({ lang: c.lang, cueId: c.cueId, lines: c.after })));
    setLog((l) => recordTrackEdit(l, carried));
  }, [o.editorVersion, o.cues, carry]);

  const { editorCanUndo, editorCanRedo, editorUndo, editorRedo, select } = o;
  const step = useCallback(
    (dir: 'undo' | 'redo') => {
      const r = dir === 'undo' ? undoStep(logRef.current, editorCanUndo) : redoStep(logRef.current, editorCanRedo);
      if (!r) return;
      logRef.current = r.log;
      setLog(r.log);
      if (r.apply.kind === 'track') {
        replaying.current++;
        if (dir === 'undo') editorUndo();
        else editorRedo();
        carry(r.apply.translations);
        return;
      }
      put(r.apply.lang, r.apply.cueId, r.apply.lines);
      save(r.apply.lang, r.apply.cueId, r.apply.lines);
      setLang(r.apply.lang);
      select(r.apply.cueId);
    },
    [editorCanUndo, editorCanRedo, editorUndo, editorRedo, put, save, select, carry],
  );

  const sourceLang = useMemo(() => o.sourceLang ?? detectTrackLanguage(o.cues.slice(0, 300).map((c) => c.lines.join(' '))), [o.sourceLang, o.cues]);
  const findings = useFindings(o.cues, current, sourceLang, lang, preset);
  const column = useMemo((): TranslationColumn | null => (lang && current && !hidden ? { lang, preset, lines: current, findings, edit, setLines } : null), [lang, preset, current, findings, edit, setLines, hidden]);

  return {
    languages,
    lang,
    setLang,
    hidden,
    setHidden,
    column,
    jobs,
    setJobs,
    sourceLang,
    editing,
    setEditing,
    saveError,
    /** Translation saves not yet stored (the editor shows "Saving…" until they are). */
    saving: pending > 0,
    undo: () => step('undo'),
    redo: () => step('redo'),
    canUndo: editorCanUndo || log.undo.some((s) => s.kind === 'translation'),
    canRedo: editorCanRedo || log.redo.some((s) => s.kind === 'translation'),
    reload: refreshLanguages,
    /** Resolves when every translation edit so far is stored (before an export). */
    flush: () => chain.current.then(() => undefined),
  };
}
export type Translations = ReturnType<typeof useTranslations>;
