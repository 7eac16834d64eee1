import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../app/api';
import { useNotifyError, type Notify } from '../app/errors';

/**
 * For a transcript made from a link (issue 14): point it at a local copy of the media, which then
 * plays offline in the editor; the link stays the transcript's source.
 */
export function LocalCopyButton({ id, title, notify }: { id: string; title: string; notify: Notify }) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    try {
      const [path] = await api.pathsFor([file]);
      await api.call('transcript:setLocalMedia', { id, path: path as string });
      notify(t('url.localCopySet', { name: file.name, title }));
    } catch (e) {
      failed(e);
    }
  };
  return (
    <>
      <input ref={input} type="file" hidden accept="video/*,audio/*,.mkv,.flac,.opus" aria-label={`${t('url.localCopy')} ${title}`} onChange={(e) => { void choose(e.target.files?.[0]); e.target.value = ''; }} />
      <button className="btn small" title={t('url.localCopyHelp')} onClick={() => input.current?.click()}>
        {t('url.localCopy')}
      </button>
    </>
  );
}
