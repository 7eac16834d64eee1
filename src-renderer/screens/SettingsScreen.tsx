import { useEffect, useState } from 'react';
import { EXPORT_FORMATS, FORMAT_LABELS } from '@shared/formats/names';
import { renderExportName, templateProblem } from '@shared/formats/naming';
import { useTranslation } from 'react-i18next';
import { PRESETS } from '@shared/captions/presets';
import type { Input, SettingsView } from '@shared/ipc/contract';
import { LANGUAGE_CODES, MODELS } from '@shared/jobs';
import { useApi } from '../app/api';
import { HotwordsSection } from './HotwordsSection';
import { ShortcutsSection } from './ShortcutsSection';
import { TranslationSection } from './TranslationSection';
import { useNotifyError, type Notify } from '../app/errors';

const words = (s: string): string[] => s.split(/[,，]/).map((w) => w.trim()).filter(Boolean);

export function SettingsScreen({ settings, onChange, notify }: { settings: SettingsView; onChange: (s: SettingsView) => void; notify: Notify }) {
  const api = useApi();
  const failed = useNotifyError(notify);
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  // Other screens change settings too (learned terms, hotword lists): start from fresh values.
  useEffect(() => {
    api.call('settings:get', {}).then(onChange, failed);
  }, [api, onChange, failed]);
  const save = async (patch: Input<'settings:set'>) => {
    try {
      onChange(await api.call('settings:set', patch));
    } catch (e) {
      failed(e);
    }
  };
  const saveKey = async (value: string) => {
    try {
      onChange(await api.call('settings:setApiKey', { apiKey: value }));
      setKey('');
      notify(t('settings.saved'));
    } catch (e) {
      failed(e);
    }
  };
  const s = settings;
  return (
    <>
      <div className="toolbar">
        <h1>{t('settings.title')}</h1>
      </div>
      <div className="content">
        <div className="form">
          <h2>{t('settings.service')}</h2>
          <label htmlFor="api-key">{t('settings.apiKey')}</label>
          <div className="row">
            <input id="api-key" type="password" autoComplete="off" value={key} placeholder="sk-…" onChange={(e) => setKey(e.target.value)} style={{ flex: 1 }} />
            <button className="btn" disabled={!key.trim()} onClick={() => void saveKey(key)}>
              {t('settings.saveKey')}
            </button>
            {s.hasApiKey && (
              <button className="btn danger" onClick={() => void saveKey('')}>
                {t('settings.clearKey')}
              </button>
            )}
          </div>
          <div className="hint">{s.hasApiKey ? t('settings.apiKeySet') : t('settings.apiKeyNone')}</div>
          <label htmlFor="region">{t('settings.region')}</label>
          <select id="region" value={s.region} onChange={(e) => void save({ region: e.target.value as SettingsView['region'] })}>
            <option value="beijing">{t('settings.beijing')}</option>
            <option value="singapore">{t('settings.singapore')}</option>
          </select>
          <label htmlFor="workspace">{t('settings.workspace')}</label>
          <input id="workspace" type="text" defaultValue={s.workspaceId ?? ''} onBlur={(e) => void save({ workspaceId: e.target.value.trim() })} />
          <label htmlFor="base-url">{t('settings.baseUrl')}</label>
          <input id="base-url" type="url" defaultValue={s.baseUrl ?? ''} placeholder="https://dashscope.aliyuncs.com/api/v1" onBlur={(e) => void save({ baseUrl: e.target.value.trim() })} />
          <div className="hint">{t('settings.baseUrlHint')}</div>

          <h2>{t('settings.recognition')}</h2>
          <label htmlFor="model">{t('settings.model')}</label>
          <select id="model" value={s.model} onChange={(e) => void save({ model: e.target.value as SettingsView['model'] })}>
            {MODELS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
          <label htmlFor="language">{t('settings.language')}</label>
          <select id="language" value={s.language ?? ''} onChange={(e) => void save({ language: e.target.value })}>
            <option value="">{t('settings.auto')}</option>
            {LANGUAGE_CODES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
          <label htmlFor="diarize">{t('settings.diarize')}</label>
          <div className="row">
            <input id="diarize" type="checkbox" checked={s.diarize} onChange={(e) => void save({ diarize: e.target.checked })} />
            <label htmlFor="speaker-count" className="sr-only">
              {t('settings.speakerCount')}
            </label>
            <input id="speaker-count" type="number" min={2} max={100} placeholder={t('settings.speakerCount')} disabled={!s.diarize} defaultValue={s.speakerCount ?? ''} onBlur={(e) => void save({ speakerCount: e.target.value ? Number(e.target.value) : null })} style={{ width: 180 }} />
          </div>
          <label htmlFor="mask">{t('settings.filter')}: {t('settings.maskWords')}</label>
          <input id="mask" type="text" defaultValue={s.maskWords.join(', ')} onBlur={(e) => void save({ maskWords: words(e.target.value) })} />
          <label htmlFor="remove">{t('settings.filter')}: {t('settings.removeWords')}</label>
          <input id="remove" type="text" defaultValue={s.removeWords.join(', ')} onBlur={(e) => void save({ removeWords: words(e.target.value) })} />
          <div className="hint">{t('settings.commaSeparated')}</div>
          <label htmlFor="sysfilter">{t('settings.systemFilter')}</label>
          <input id="sysfilter" type="checkbox" checked={s.systemReservedFilter} onChange={(e) => void save({ systemReservedFilter: e.target.checked })} />

          <HotwordsSection settings={s} onChange={onChange} notify={notify} />

          <TranslationSection settings={s} save={save} notify={notify} />

          <h2>{t('settings.quick')}</h2>
          <label htmlFor="quick-mode">{t('settings.quickMode')}</label>
          <input id="quick-mode" type="checkbox" checked={s.quickMode} onChange={(e) => void save({ quickMode: e.target.checked })} />
          <label htmlFor="quick-context">{t('settings.quickContext')}</label>
          <textarea id="quick-context" rows={3} maxLength={2000} defaultValue={s.quickContext ?? ''} onBlur={(e) => void save({ quickContext: e.target.value })} />
          <div className="hint">{t('settings.quickContextHint')}</div>
          {s.learnedTerms.length > 0 && (
            <>
              <label>{t('settings.learnedTerms')}</label>
              <div>{s.learnedTerms.join(', ')}</div>
            </>
          )}

          <h2>{t('settings.delivery')}</h2>
          <label htmlFor="delivery">{t('settings.delivery')}</label>
          <select id="delivery" value={s.delivery} onChange={(e) => void save({ delivery: e.target.value as SettingsView['delivery'] })}>
            <option value="auto">{t('settings.deliveryAuto')}</option>
            <option value="signed-url">{t('settings.deliverySigned')}</option>
            <option value="upload">{t('settings.deliveryUpload')}</option>
          </select>
          <label htmlFor="public-url">{t('settings.publicBaseUrl')}</label>
          <input id="public-url" type="url" defaultValue={s.publicBaseUrl ?? ''} placeholder="https://captioner.example.com" onBlur={(e) => void save({ publicBaseUrl: e.target.value.trim() })} />
          <div className="hint">{t('settings.publicBaseUrlHint')}</div>

          <h2>{t('settings.captions')}</h2>
          <label htmlFor="preset">{t('settings.preset')}</label>
          <select id="preset" value={s.presetId ?? ''} onChange={(e) => void save({ presetId: e.target.value })}>
            <option value="">{t('settings.presetAuto')}</option>
            {Object.values(PRESETS).map((p) => (
              <option key={p.id} value={p.id}>
                {t(`presets.${p.id}`, { defaultValue: p.label })}
              </option>
            ))}
          </select>
          <label htmlFor="format">{t('settings.exportDefaults')}: {t('settings.format')}</label>
          <select id="format" value={s.exportFormat} onChange={(e) => void save({ exportFormat: e.target.value as SettingsView['exportFormat'] })}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`formats.${f}`, { defaultValue: FORMAT_LABELS[f] })}
              </option>
            ))}
          </select>
          <label htmlFor="bom">UTF-8 BOM</label>
          <input id="bom" type="checkbox" checked={s.exportBom} onChange={(e) => void save({ exportBom: e.target.checked })} />
          <label htmlFor="eol">{t('settings.lineEndings')}</label>
          <select id="eol" value={s.exportLineEnding} onChange={(e) => void save({ exportLineEnding: e.target.value as 'lf' | 'crlf' })}>
            <option value="lf">LF</option>
            <option value="crlf">CRLF</option>
          </select>
          <label htmlFor="name-template">{t('settings.nameTemplate')}</label>
          <input
            id="name-template"
            defaultValue={s.exportNameTemplate}
            spellCheck={false}
            onBlur={(e) => {
              const v = e.target.value.trim();
              const problem = templateProblem(v);
              if (problem) notify(t(`settings.templateProblem.${problem}`));
              else if (v !== s.exportNameTemplate) void save({ exportNameTemplate: v });
            }}
          />
          <div className="hint">{t('settings.nameTemplateHint', { example: renderExportName(s.exportNameTemplate, { name: 'talk', title: 'Talk', lang: 'zh', format: 'srt', date: new Date().toISOString().slice(0, 10) }) })}</div>
          <label htmlFor="export-folder">{t('settings.exportFolder')}</label>
          <input id="export-folder" defaultValue={s.exportFolder ?? ''} spellCheck={false} placeholder={t('settings.exportFolderNone')} onBlur={(e) => void save({ exportFolder: e.target.value.trim() })} />
          <div className="hint">{t('settings.exportFolderHint')}</div>

          <h2>{t('settings.interface')}</h2>
          <label htmlFor="ui-lang">{t('settings.uiLanguage')}</label>
          <select id="ui-lang" value={s.uiLanguage ?? ''} onChange={(e) => void save({ uiLanguage: e.target.value as SettingsView['uiLanguage'] })}>
            <option value="">{t('settings.themeSystem')}</option>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
          <label htmlFor="theme">{t('settings.theme')}</label>
          <select id="theme" value={s.theme} onChange={(e) => void save({ theme: e.target.value as SettingsView['theme'] })}>
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>

          <ShortcutsSection notify={notify} />
        </div>
      </div>
    </>
  );
}
