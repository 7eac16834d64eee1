import { useEffect, useState } from 'react';
import type { SettingsView } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { fromBase64 } from '../../app/format';
import type { SpectroData } from './spectrogram';

/**
 * The spectrogram toggle (remembered in the settings) and its data, asked of the backend the
 * first time it is shown for this transcript.
 */
export function useSpectrogram(id: string, hasMedia: boolean, settings: SettingsView | null, onSettings: ((s: SettingsView) => void) | undefined, notify: (m: string) => void) {
  const api = useApi();
  const [on, setOn] = useState(settings?.editorSpectrogram ?? false);
  const [data, setData] = useState<SpectroData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!on || !hasMedia || data || failed) return;
    let live = true;
    api.call('media:spectrogram', { id }).then(
      (s) => live && setData({ perSecond: s.perSecond, bands: s.bands, data: fromBase64(s.data) }),
      (e: Error) => {
        if (!live) return;
        setFailed(true);
        notify(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, on, hasMedia, data, failed, notify]);
  const toggle = () => {
    const next = !on;
    setOn(next);
    api.call('settings:set', { editorSpectrogram: next }).then((s) => onSettings?.(s), (e: Error) => notify(e.message));
  };
  return { on, data, loading: on && hasMedia && !data && !failed, toggle };
}
