import { useCallback, useEffect, useState } from 'react';
import { EncodingDialog, type EncodingChoice } from '../screens/EncodingDialog';
import { useTranslation } from 'react-i18next';
import type { ExistingTranscriptData, JobViewData as JobView, SettingsView } from '@shared/ipc/contract';
import { EditorScreen } from '../screens/editor/EditorScreen';
import { LibraryScreen } from '../screens/LibraryScreen';
import { QueueScreen } from '../screens/QueueScreen';
import { DropOptions, type DropChoices } from '../screens/DropOptions';
import { SettingsScreen } from '../screens/SettingsScreen';
import { useApi, useEvent } from './api';
import { useErrorText, useNotifyError, type Notify } from './errors';
import { DropTarget } from '../components/DropTarget';

export type Route = { screen: 'queue' } | { screen: 'library' } | { screen: 'settings' } | { screen: 'editor'; id: string; at?: number };

function applyTheme(theme: SettingsView['theme']): void {
  const dark = theme === 'dark' || (theme === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

export function App() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [route, setRoute] = useState<Route>({ screen: 'queue' });
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [toast, setToast] = useState<{ text: string; detail?: string | undefined } | null>(null);
  // Files dropped again whose finished transcript is offered instead of a new, billed job.
  const [existing, setExisting] = useState<ExistingTranscriptData[]>([]);
  const [encodingChoice, setEncodingChoice] = useState<EncodingChoice | null>(null);
  // Language, model and speaker finding for the files added next (the Queue screen's panel).
  const [dropChoices, setDropChoices] = useState<DropChoices>({});

  const notify = useCallback<Notify>((text, detail) => {
    const shown = { text, detail };
    setToast(shown);
    window.setTimeout(() => setToast((cur) => (cur === shown ? null : cur)), 6000);
  }, []);
  const failed = useNotifyError(notify);
  const errorText = useErrorText();

  useEffect(() => {
    void api.call('jobs:list', {}).then(setJobs).catch(failed);
    void api.call('settings:get', {}).then(setSettings).catch(failed);
  }, [api, failed]);

  useEffect(() => {
    if (!settings) return;
    applyTheme(settings.theme);
    // Unset: the system's language.
    const lang = settings.uiLanguage ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [settings, i18n]);

  useEvent('job:update', useCallback((v: JobView) => setJobs((all) => (all.some((j) => j.id === v.id) ? all.map((j) => (j.id === v.id ? v : j)) : [...all, v])), []));

  const addFiles = useCallback(
    async (files: File[]) => {
      if (!files.length) return;
      // Subtitle files are imported for editing; everything else is captioned.
      const subtitles = files.filter((f) => /\.(srt|vtt|ass|ssa|ttml|dfxp|sbv|lrc|fcpxml)$/i.test(f.name));
      const media = files.filter((f) => !subtitles.includes(f));
      try {
        if (media.length) {
          setRoute({ screen: 'queue' });
          const paths = await api.pathsFor(media, (name, f) => f === 0 && notify(t('queue.uploading', { name })));
          const added = await api.call('jobs:add', { paths, options: dropChoices });
          for (const n of added.notes) notify(t(`notes.${n.code}`, { list: n.listId, listModel: n.listModel ?? '?', model: n.model }));
          setJobs((all) => [...all.filter((j) => !added.jobs.some((a) => a.id === j.id)), ...added.jobs]);
          setExisting((cur) => [...cur.filter((e) => !added.existing.some((x) => x.path === e.path)), ...added.existing]);
          setToast(null);
        }
        if (subtitles.length) {
          const results = await api.call('library:import', { paths: await api.pathsFor(subtitles) });
          const ok = results.filter((r) => r.transcriptId);
          const refused = results.flatMap((r) => (r.error ? [r.error] : []));
          notify([...ok.map((r) => t('library.imported', { cues: r.cues, repairs: r.repairs ?? 0 })), ...refused.map(errorText)].join(' · '), refused.map((r) => r.message).join('\n') || undefined);
          const unsure = ok.find((r) => r.candidates?.length);
          if (unsure) setEncodingChoice({ path: unsure.path, transcriptId: unsure.transcriptId as string, candidates: unsure.candidates ?? [] });
          else if (ok.length === 1 && !media.length) setRoute({ screen: 'editor', id: ok[0]?.transcriptId as string });
        }
      } catch (e) {
        failed(e);
      }
    },
    [api, notify, failed, errorText, t, dropChoices],
  );

  // Links dragged from a browser (issue 14): checked by their jobs, like links pasted in "Add links".
  const addLinks = useCallback(
    (paths: string[]) => {
      setRoute({ screen: 'queue' });
      api
        .call('jobs:add', { paths })
        .then((added) => {
          setJobs((all) => [...all.filter((j) => !added.jobs.some((a) => a.id === j.id)), ...added.jobs]);
          setExisting((cur) => [...cur.filter((e) => !added.existing.some((x) => x.path === e.path)), ...added.existing]);
        })
        .catch(failed);
    },
    [api, failed],
  );

  const active = jobs.filter((j) => !['done', 'failed', 'canceled'].includes(j.stage)).length;
  const nav: { key: Route['screen']; label: string; count?: number }[] = [
    { key: 'queue', label: t('nav.queue'), count: active },
    { key: 'library', label: t('nav.library') },
    { key: 'settings', label: t('nav.settings') },
  ];
  return (
    <DropTarget onFiles={addFiles} onLinks={addLinks} label={t('queue.dropNow')}>
      <div className="shell">
        <nav className="nav" aria-label="Main">
          <div className="brand">
            Captioner<small>Fun-ASR</small>
          </div>
          {nav.map((n) => (
            <button key={n.key} aria-current={route.screen === n.key ? 'page' : undefined} onClick={() => setRoute({ screen: n.key } as Route)}>
              <span>{n.label}</span>
              {n.count ? <span className="badge-count" aria-label={`${n.count} active`}>{n.count}</span> : null}
            </button>
          ))}
          {route.screen === 'editor' && (
            <button aria-current="page">
              <span>{t('nav.editor')}</span>
            </button>
          )}
          <div className="spacer" />
          <div className="status">{t('nav.offline')}</div>
        </nav>
        <main className="main">
          {route.screen === 'queue' && <QueueScreen dropOptions={<DropOptions choices={dropChoices} defaults={{ language: settings?.language, model: settings?.model ?? 'fun-asr', diarize: settings?.diarize ?? false }} onChange={setDropChoices} />} jobs={jobs} setJobs={setJobs} onFiles={addFiles} existing={existing} setExisting={setExisting} open={(id) => setRoute({ screen: 'editor', id })} notify={notify} hasKey={settings?.hasApiKey ?? true} quick={settings?.quickMode ?? false} setQuick={(on) => void api.call('settings:set', { quickMode: on }).then(setSettings, failed)} />}
          {route.screen === 'library' && <LibraryScreen open={(id, at) => setRoute(at === undefined ? { screen: 'editor', id } : { screen: 'editor', id, at })} notify={notify} settings={settings} />}
          {route.screen === 'settings' && settings && <SettingsScreen settings={settings} onChange={setSettings} notify={notify} />}
          {route.screen === 'editor' && <EditorScreen key={route.id} id={route.id} startAt={route.at} back={() => setRoute({ screen: 'library' })} notify={notify} exportDefaults={settings} onSettings={setSettings} />}
        </main>
      </div>
      {encodingChoice && (
        <EncodingDialog
          choice={encodingChoice}
          onClose={() => {
            setEncodingChoice(null);
            setRoute({ screen: 'editor', id: encodingChoice.transcriptId });
          }}
          onChoose={(encoding) => {
            const { path, transcriptId } = encodingChoice;
            setEncodingChoice(null);
            api.call('library:import', { paths: [path], encoding, replaces: transcriptId }).then(
              ([r]) => (r?.transcriptId ? setRoute({ screen: 'editor', id: r.transcriptId }) : failed(r?.error)),
              failed,
            );
          }}
        />
      )}
      {toast && (
        <div className={toast.detail ? 'toast failed' : 'toast'} role={toast.detail ? 'alert' : 'status'} title={toast.detail}>
          {toast.text}
        </div>
      )}
    </DropTarget>
  );
}
