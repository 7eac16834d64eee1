import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { ExportDialog } from './ExportDialog';
import { KeymapDialog } from './KeymapDialog';
import type { Keymap } from './keymap';
import { changedBindings } from './ShortcutsTable';
import type { EditorState } from './state';
import { TranslateDialog } from './translation/TranslateDialog';
import type { Translations } from './translation/useTranslations';
import { useErrorText, type Notify } from '../../app/errors';

/** Which of the editor's dialogs is open: Export, Translate, Keyboard shortcuts. */
export function useEditorDialogs(saveAll: () => Promise<void>, notify: Notify) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [exporting, setExporting] = useState(false);
  const [showKeys, setShowKeys] = useState(false);
  const [translating, setTranslating] = useState(false);
  return {
    exporting,
    showKeys,
    translating,
    /** A dialog is open: the editor's shortcuts are off. */
    blocked: exporting || showKeys || translating,
    // Export writes what is on screen: the latest version is saved first (again, if a save failed).
    openExport: async () => {
      try {
        await saveAll();
        setExporting(true);
      } catch (e) {
        notify(t('pro.exportUnsaved', { msg: errorText(e) }));
      }
    },
    openKeys: () => setShowKeys(true),
    openTranslate: () => setTranslating(true),
    closeExport: () => setExporting(false),
    closeKeys: () => setShowKeys(false),
    closeTranslate: () => setTranslating(false),
  };
}

interface Props {
  dialogs: ReturnType<typeof useEditorDialogs>;
  id: string;
  state: EditorState;
  tr: Translations;
  chosen: string[];
  keymap: Keymap;
  setKeymap: (k: Keymap) => void;
  settings: SettingsView | null;
  notify: Notify;
}

/** The open dialog, if any. */
export function EditorDialogs({ dialogs, id, state, tr, chosen, keymap, setKeymap, settings, notify }: Props) {
  const api = useApi();
  const { t } = useTranslation();
  return (
    <>
      {dialogs.exporting && <ExportDialog id={id} track={state.track} preset={state.preset} defaults={settings} onClose={dialogs.closeExport} translations={tr.languages} shownTranslation={tr.column?.lang ?? null} />}
      {dialogs.translating && (
        <TranslateDialog
          transcriptId={id}
          sourceLang={tr.sourceLang}
          selected={chosen}
          jobs={tr.jobs}
          setJobs={tr.setJobs}
          settings={settings}
          names={state.track.speakers.map((sp) => sp.name).filter((n) => !/^Speaker \d+$/.test(n))}
          onClose={dialogs.closeTranslate}
        />
      )}
      {dialogs.showKeys && (
        <KeymapDialog
          keymap={keymap}
          onClose={dialogs.closeKeys}
          onSave={async (next) => {
            await api.call('editor:keymap:set', { bindings: changedBindings(next) });
            setKeymap(next);
            notify(t('keys.saved'));
          }}
        />
      )}
    </>
  );
}
