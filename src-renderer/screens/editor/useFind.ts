import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findMatches, type Match } from '@shared/captions/edit';
import type { Cue } from '@shared/captions/model';
import type { FindState } from './FindBar';
import type { EditorAction } from './state';
import type { Notify } from '../../app/errors';

interface Options {
  cues: readonly Cue[];
  selectedIndex: number;
  dispatch: (a: EditorAction) => void;
  seek: (ms: number) => void;
  notify: Notify;
}

/** Find and replace: every match, the current one, stepping through them and replacing. */
export function useFind({ cues, selectedIndex, dispatch, seek, notify }: Options) {
  const { t } = useTranslation();
  const [find, setFind] = useState<FindState>({ query: '', replacement: '', options: { caseSensitive: false, wholeWord: false, regex: false } });
  const [matchIndex, setMatchIndex] = useState(-1);
  // Every match, recomputed only when the text or the search changes.
  // A pattern the regex engine refuses: the find bar says so in the UI's language (find.badRegex).
  const matches = useMemo((): Match[] | { invalid: true } => {
    try {
      return findMatches(cues, find.query, find.options);
    } catch {
      return { invalid: true };
    }
  }, [cues, find.query, find.options]);
  const matchList = Array.isArray(matches) ? matches : [];
  const current = matchIndex >= 0 && matchIndex < matchList.length ? matchIndex : -1;
  const highlights = useMemo(() => {
    const m = new Map<string, [number, number, number][]>();
    for (const x of Array.isArray(matches) ? matches : []) {
      const list = m.get(x.cueId);
      if (list) list.push([x.line, x.index, x.length]);
      else m.set(x.cueId, [[x.line, x.index, x.length]]);
    }
    return m;
  }, [matches]);
  useEffect(() => setMatchIndex(-1), [find.query, find.options]);
  const go = (dir: 1 | -1) => {
    if (!matchList.length) {
      if (find.query) notify(t('editor.notFound', { q: find.query }));
      return;
    }
    let k: number;
    if (current >= 0) k = (current + dir + matchList.length) % matchList.length;
    else {
      // From the selected cue onwards (or backwards), wrapping around.
      const from = Math.max(0, selectedIndex);
      k = dir > 0 ? matchList.findIndex((m) => m.cueIndex >= from) : matchList.findLastIndex((m) => m.cueIndex <= from);
      if (k < 0) k = dir > 0 ? 0 : matchList.length - 1;
    }
    const m = matchList[k] as Match;
    setMatchIndex(k);
    dispatch({ type: 'select', id: m.cueId });
    seek(cues[m.cueIndex]?.start ?? 0);
  };
  const replaceOne = () => {
    const m = matchList[current];
    if (!m) return;
    dispatch({ type: 'replaceOne', find: find.query, replacement: find.replacement, options: find.options, match: m });
  };
  const replaceAll = () => {
    const n = matchList.length;
    dispatch({ type: 'replaceAll', find: find.query, replacement: find.replacement, options: find.options });
    notify(t('editor.replaced', { count: n }));
  };
  return { find, setFind, matches, current, currentMatch: matchList[current] ?? null, highlights, go, replaceOne, replaceAll };
}
