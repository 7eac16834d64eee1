import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { speakerName, type Track } from '@shared/captions/model';
import { formatClock } from '@shared/formats/timecode';
import { useApi } from '../../app/api';
import { useBusyAction } from '../../app/useBusyAction';
import { SelectionTools, type SelectionToolsHandle } from './SelectionTools';
import type { EditorAction } from './state';
import { TranslationBar } from './translation/TranslationBar';
import type { Translations } from './translation/useTranslations';
import type { Notify } from '../../app/errors';

interface Props {
  id: string;
  track: Track;
  hasMedia: boolean;
  /** The cues the tools act on, and the one selected. */
  chosen: string[];
  selectedId: string | null;
  frameRate: number;
  speakerIds: number[];
  fixable: number;
  tools: RefObject<SelectionToolsHandle | null>;
  tr: Translations;
  onTranslate: () => void;
  dispatch: (a: EditorAction) => void;
  notify: Notify;
}

/** The row over the cue grid: what the selection is, what can be done to it, translations and "Fix all". */
export function SideTools({ id, track, hasMedia, chosen, selectedId, frameRate, speakerIds, fixable, tools, tr, onTranslate, dispatch, notify }: Props) {
  const api = useApi();
  const { t } = useTranslation();
  const [retranscribing, busy] = useBusyAction(notify);
  const retranscribe = async () => {
    const cues = track.cues.filter((c) => chosen.includes(c.id));
    if (!cues.length) return;
    const startMs = Math.min(...cues.map((c) => c.start));
    const endMs = Math.max(...cues.map((c) => c.end));
    await busy(async () => {
      const r = await api.call('editor:retranscribe', { id, startMs, endMs });
      dispatch({ type: 'replaceSpan', ids: cues.map((c) => c.id), cues: r.cues });
      notify(t('pro.retranscribed', { count: r.cues.length, span: `${formatClock(startMs)}–${formatClock(endMs)}` }));
    });
  };
  return (
    <div className="side-tools">
      <span className="muted" data-testid="selection-count">
        {t('pro.selected', { count: chosen.length })}
      </span>
      <SelectionTools ref={tools} chosen={chosen} selectedId={selectedId} frameRate={frameRate} dispatch={dispatch} notify={notify} />
      {speakerIds.length > 0 && (
        <select
          aria-label={t('pro.setSpeaker')}
          value=""
          disabled={!chosen.length}
          onChange={(e) => e.target.value !== '' && dispatch({ type: 'setSpeaker', ids: chosen, speaker: e.target.value === 'none' ? undefined : Number(e.target.value) })}
        >
          <option value="">{t('pro.setSpeaker')}…</option>
          {speakerIds.map((sid) => (
            <option key={sid} value={sid}>
              {speakerName(track, sid)}
            </option>
          ))}
          <option value="none">—</option>
        </select>
      )}
      <button className="btn small" disabled={!chosen.length || !hasMedia || retranscribing} onClick={() => void retranscribe()} title={t('pro.retranscribeHelp')}>
        {retranscribing ? t('pro.retranscribing') : t('pro.retranscribe')}
      </button>
      <div className="grow" style={{ flex: 1 }} />
      <TranslationBar tr={tr} onTranslate={onTranslate} />
      <button className="btn small" disabled={!fixable} onClick={() => dispatch({ type: 'fixAll' })}>
        {t('editor.fixAll', { count: fixable })}
      </button>
    </div>
  );
}
