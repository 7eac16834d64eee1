import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cue } from '@shared/captions/model';
import { correctedTerms } from '@shared/corrections';
import { useApi } from '../../app/api';
import type { EditorAction } from './state';
import { useNotifyError, type Notify } from '../../app/errors';

/**
 * What the editor teaches recognition: text edits feed the correction counter, and a term typed
 * in more than once is proposed as a hotword; "Add to dictionary" adds the word being edited.
 */
export function useCorrections(cues: readonly Cue[], dispatch: (a: EditorAction) => void, notify: Notify) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t } = useTranslation();
  const [proposal, setProposal] = useState<string | null>(null);
  const cuesRef = useRef(cues);
  cuesRef.current = cues;
  /** The grid's dispatch: a text edit is counted first. */
  const edit = useCallback(
    (a: EditorAction) => {
      if (a.type === 'setText') {
        const cue = cuesRef.current.find((c) => c.id === a.id);
        const terms = cue ? correctedTerms(cue.lines.join(' '), a.text) : [];
        if (terms.length) api.call('corrections:record', { terms }).then((r) => r.proposals[0] && setProposal(r.proposals[0]), () => undefined);
      }
      dispatch(a);
    },
    [api, dispatch],
  );
  const decide = async (accept: boolean) => {
    const term = proposal;
    setProposal(null);
    if (!term) return;
    try {
      await api.call('corrections:decide', { term, accept });
      if (accept) notify(t('editor.learned', { term }));
    } catch (e) {
      failed(e);
    }
  };
  // The selected word (or the word at the caret) of the text being edited joins the learned terms
  // (quick-mode context, corrections) and the active hotword list.
  const addToDictionary = async () => {
    const box = document.activeElement;
    if (!(box instanceof HTMLTextAreaElement)) return notify(t('pro.dictionaryHow'));
    const { value, selectionStart: a, selectionEnd: b } = box;
    const term = (a !== b ? value.slice(a, b) : (/[\p{L}\p{N}'’-]*$/u.exec(value.slice(0, a))?.[0] ?? '') + (/^[\p{L}\p{N}'’-]*/u.exec(value.slice(a))?.[0] ?? '')).trim();
    if (!term || term.length > 60) return notify(t('pro.dictionaryHow'));
    try {
      await api.call('corrections:decide', { term, accept: true });
      notify(t('editor.learned', { term }));
    } catch (e) {
      failed(e);
    }
  };
  return { edit, proposal, decide, addToDictionary };
}
