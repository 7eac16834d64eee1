import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from '@shared/captions/model';
import type { Preset } from '@shared/captions/presets';
import { checkTrack } from '@shared/captions/qc';
import { EXPORT_FORMATS, FORMAT_LABELS, type ExportFormat } from '@shared/formats/names';
import type { SettingsView } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { fromBase64 } from '../../app/format';
import { ExportTranslation, type TranslationChoice } from './translation/ExportTranslation';
import { ErrorLine } from '../../components/ErrorLine';

/** Formats where a BOM or Windows line endings mean something to some reader. */
const BOM = new Set<ExportFormat>(['srt', 'vtt', 'ass', 'ssa', 'sbv', 'txt']);
const CRLF = new Set<ExportFormat>(['srt', 'ass', 'ssa', 'sbv', 'txt']);

/** Shows the preset's QC summary first, then exports through the backend's writers. */
export function ExportDialog({ id, track, preset, defaults, onClose, translations = [], shownTranslation = null }: { id: string; track: Track; preset: Preset; defaults: SettingsView | null; onClose: () => void; translations?: string[]; shownTranslation?: string | null }) {
  const api = useApi();
  // A failed export is said in the dialog: its modal layer covers the app's toast.
  const [failure, setFailure] = useState<unknown>(null);
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<ExportFormat>(defaults?.exportFormat ?? 'srt');
  const [bilingual, setBilingual] = useState(false);
  const [fps, setFps] = useState(25);
  const [bom, setBom] = useState(defaults?.exportBom ?? false);
  const [crlf, setCrlf] = useState(defaults?.exportLineEnding === 'crlf');
  const [speakers, setSpeakers] = useState(track.speakers.length > 0);
  const [words, setWords] = useState(false);
  const [translation, setTranslation] = useState<TranslationChoice>({ mode: 'original', lang: shownTranslation ?? translations[0] ?? '', order: defaults?.bilingualOrder ?? 'source-first' });
  useEffect(() => ref.current?.showModal(), []);
  const findings = useMemo(() => checkTrack(track, preset), [track, preset]);
  const byCode = useMemo(() => {
    const m = new Map<string, number>();
    for (const f of findings) m.set(f.code, (m.get(f.code) ?? 0) + 1);
    return [...m];
  }, [findings]);
  const cuesWithIssues = new Set(findings.map((f) => f.cueId)).size;

  const run = async () => {
    setFailure(null);
    try {
      const options = { format, bom: BOM.has(format) && bom, lineEnding: crlf && CRLF.has(format) ? ('crlf' as const) : ('lf' as const), speakers, wordTimestamps: words, ...(format === 'ass' || format === 'ssa' ? { bilingual } : {}), ...(format === 'fcpxml' ? { fps } : {}) };
      const withTr = translation.mode !== 'original' && translation.lang && format !== 'json' ? { ...options, translation: { lang: translation.lang, mode: translation.mode, order: translation.order } } : options;
      const r = await api.call('transcript:export', { id, options: withTr });
      // Two files (name.zh.srt + name.en.srt) come back together; every other choice is one file.
      for (const f of r.files ?? [r]) {
        const url = URL.createObjectURL(new Blob([fromBase64(f.base64)], { type: f.mime }));
        const a = document.createElement('a');
        a.href = url;
        a.download = f.fileName;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
      onClose();
    } catch (e) {
      setFailure(e);
    }
  };

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="export-title">
      <h2 id="export-title">{t('export.title')}</h2>
      <div className="qc-summary" data-testid="qc-summary">
        {cuesWithIssues ? (
          <>
            {t('export.qcIssues', { count: cuesWithIssues, preset: t(`presets.${preset.id}`, { defaultValue: preset.label }) })}{' '}
            {byCode.map(([code, n]) => `${t(`qc.${code}`)} ×${n}`).join(' · ')}
          </>
        ) : (
          t('export.qcClean', { preset: t(`presets.${preset.id}`, { defaultValue: preset.label }) })
        )}
      </div>
      <div className="form" style={{ gridTemplateColumns: '140px 1fr' }}>
        <label htmlFor="ex-format">{t('export.format')}</label>
        <select id="ex-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} aria-describedby="ex-format-hint">
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`formats.${f}`, { defaultValue: FORMAT_LABELS[f] })}
            </option>
          ))}
        </select>
        <span />
        <small id="ex-format-hint" className="muted" data-testid="format-hint">
          {t(`export.hint.${format}`)}
        </small>
        {translations.length > 0 && <ExportTranslation format={format} languages={translations} value={translation} onChange={setTranslation} />}
        {BOM.has(format) && (
          <>
            <span />
            <label className="row">
              <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> {t('export.bom')}
            </label>
          </>
        )}
        {CRLF.has(format) && (
          <>
            <span />
            <label className="row">
              <input type="checkbox" checked={crlf} onChange={(e) => setCrlf(e.target.checked)} /> {t('export.crlf')}
            </label>
          </>
        )}
        {format !== 'json' && (
          <>
            <span />
            <label className="row">
              <input type="checkbox" checked={speakers} onChange={(e) => setSpeakers(e.target.checked)} /> {t('export.speakers')}
            </label>
          </>
        )}
        {(format === 'vtt' || format === 'lrc') && (
          <>
            <span />
            <label className="row">
              <input type="checkbox" checked={words} onChange={(e) => setWords(e.target.checked)} /> {t('export.words')}
            </label>
          </>
        )}
        {(format === 'ass' || format === 'ssa') && (
          <>
            <span />
            <label className="row">
              <input type="checkbox" checked={bilingual} onChange={(e) => setBilingual(e.target.checked)} /> {t('export.bilingual')}
            </label>
          </>
        )}
        {format === 'fcpxml' && (
          <>
            <label htmlFor="ex-fps">{t('export.fps')}</label>
            <select id="ex-fps" value={fps} onChange={(e) => setFps(Number(e.target.value))}>
              {[23.976, 24, 25, 29.97, 30, 50, 59.94, 60].map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <ErrorLine error={failure} />
      <div className="actions">
        <button className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button className="btn primary" onClick={() => void run()}>
          {t('export.download')}
        </button>
      </div>
    </dialog>
  );
}
