import { useEffect, useState } from 'react';
import type { SettingsView } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { fromBase64 } from '../../app/format';
import type { SpectroData } from './spectrogram';
import { useNotifyError, type Notify } from '../../app/errors';

/**
 * The spectrogram toggle (remembered in the settings) and its data, asked of the backend the
 * first time it is shown for this transcript.
 */
export function useSpectrogram(id: string, hasMedia: boolean, settings: SettingsView | null, onSettings: ((s: SettingsView) => void) | undefined, notify: Notify) {
  const api = useApi();
  const tell = useNotifyError(notify);
  const [on, setOn] = useState(settings?.editorSpectrogram ?? false);
  const [data, setData] = useState<SpectroData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!on || !hasMedia || data || failed) return;
    let live = true;
    api.call('media:spectrogram', { id }).then(
      (s) => live && setData({ perSecond: s.perSecond, bands: s.bands, data: fromBase64(s.data) }),
      (e: unknown) => {
        if (!live) return;
        setFailed(true);
        tell(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, on, hasMedia, data, failed, tell]);
  const toggle = () => {
    const next = !on;
    setOn(next);
    api.call('settings:set', { editorSpectrogram: next }).then((s) => onSettings?.(s), tell);
  };
  return { on, data, loading: on && hasMedia && !data && !failed, toggle };
}
