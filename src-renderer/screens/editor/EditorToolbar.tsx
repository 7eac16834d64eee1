import { useTranslation } from 'react-i18next';
import type { Track } from '@shared/captions/model';
import { BurnButton } from '../burn/BurnDialog';
import type { CommandId } from './keymap';
import { LanguageSwitch } from './LanguageSwitch';
import type { Loaded } from './useEditorDocument';
import type { Notify } from '../../app/errors';

interface Props {
  doc: Loaded;
  track: Track;
  run: Record<CommandId, () => void>;
  /** A command's keys, for the buttons' tooltips. */
  k: (c: CommandId) => string;
  canUndo: boolean;
  canRedo: boolean;
  hasSelected: boolean;
  chosenCount: number;
  /** The track's save state ('saved', 'saving' or why it failed), and whether translation saves are under way. */
  saveState: string;
  trSaving: boolean;
  flush: () => Promise<void>;
  back: () => void;
  reload: () => void;
  notify: Notify;
  onKeys: () => void;
  onExport: () => void;
}

/** The editor's top bar: back, the title and language, the edit operations, the save state, burn-in and export. */
export function EditorToolbar({ doc, track, run, k, canUndo, canRedo, hasSelected, chosenCount, saveState, trSaving, flush, back, reload, notify, onKeys, onExport }: Props) {
  const { t } = useTranslation();
  return (
    <div className="toolbar editor-toolbar">
      <button className="btn" onClick={back}>
        ← {t('editor.back')}
      </button>
      <h1 title={doc.meta.sourcePath ?? ''}>{doc.meta.title}</h1>
      <LanguageSwitch id={doc.meta.id} language={doc.meta.language} presetId={doc.meta.presetId} flush={flush} reload={reload} notify={notify} />
      <button className="btn" onClick={run.undo} disabled={!canUndo} title={k('undo')}>
        {t('editor.undo')}
      </button>
      <button className="btn" onClick={run.redo} disabled={!canRedo} title={k('redo')}>
        {t('editor.redo')}
      </button>
      <button className="btn" disabled={!track.cues.length} onClick={run.split} title={`${t('pro.splitHelp')} (${k('split')})`}>
        {t('editor.split')}
      </button>
      <button className="btn" disabled={!hasSelected} onClick={run.merge} title={`${t('cmd.merge')} (${k('merge')})`}>
        {t('editor.merge')}
      </button>
      <button className="btn" onClick={run.insert} title={`${t('pro.insertHelp')} (${k('insert')})`}>
        {t('editor.insert')}
      </button>
      <button className="btn danger" disabled={!chosenCount} onClick={run.delete} title={k('delete')}>
        {t('editor.del')}
      </button>
      <div className="grow" />
      <span className="saved" role="status" data-testid="save-state">
        {saveState === 'saving' || (saveState === 'saved' && trSaving) ? t('editor.saving') : saveState === 'saved' ? t('editor.saved') : t('editor.saveFailed', { msg: saveState })}
      </span>
      <button className="btn" title={`${t('editor.shortcuts')} (${k('help')})`} aria-label={t('editor.shortcuts')} onClick={onKeys}>
        ⌨
      </button>
      <BurnButton id={doc.meta.id} track={track} />
      <button className="btn primary" onClick={onExport}>
        {t('common.export')}
      </button>
    </div>
  );
}
