import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from '@shared/captions/model';
import type { BurnJobData, Output } from '@shared/ipc/contract';
import { BURN_PRESETS, QUALITIES, type BurnPresetId, type BurnQuality, type BurnStyle, type BurnTextStyle, type EncoderChoice } from '@shared/burn/style';
import { formatClock } from '@shared/formats/timecode';
import { useApi, useEvent } from '../../app/api';
import { failureOf, useErrorText } from '../../app/errors';
import { ErrorLine } from '../../components/ErrorLine';

type Options = Output<'burn:options'>;
const FONTS = ['Noto Sans CJK SC', 'Noto Serif CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Arial', 'Helvetica', 'Roboto', 'Inter'];
const ACTIVE = new Set(['queued', 'rendering']);

/** `#rrggbb` part of a `#rrggbbaa` colour, and its alpha as 0–100 %. */
const rgb = (c: string): string => c.slice(0, 7);
const alphaPct = (c: string): number => (c.length === 9 ? Math.round((parseInt(c.slice(7), 16) / 255) * 100) : 100);
const withAlpha = (c: string, pct: number): string => (pct >= 100 ? rgb(c) : `${rgb(c)}${Math.round((pct / 100) * 255).toString(16).padStart(2, '0')}`);

/** The "Burn in" button of the editor; the dialog lives here so the editor only places the button. */
export function BurnButton({ id, track }: { id: string; track: Track }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="btn" onClick={() => setOpen(true)} data-testid="burn-open">
        {t('burn.open')}
      </button>
      {open && <BurnDialog id={id} track={track} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Burn-in: a style (preset or edited), a frame of the user's own video with that style rendered
 * by the same ffmpeg/libass path as the final video, quality, then progress, ETA and cancel.
 */
export function BurnDialog({ id, track, onClose }: { id: string; track: Track; onClose: () => void }) {
  const api = useApi();
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [opts, setOpts] = useState<Options | null>(null);
  const [style, setStyle] = useState<BurnStyle | null>(null);
  const [quality, setQuality] = useState<BurnQuality>('balanced');
  const [encoder, setEncoder] = useState<EncoderChoice>('auto');
  const cues = useMemo(() => track.cues.filter((c) => c.lines.some((l) => l.trim())), [track]);
  const [cueIndex, setCueIndex] = useState(0);
  const [image, setImage] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);
  // A refused start, or options that could not be read: said in the dialog (its modal layer covers the toast).
  const [failure, setFailure] = useState<unknown>(null);
  const errorText = useErrorText();
  const [replace, setReplace] = useState(false);
  const [job, setJob] = useState<BurnJobData | null>(null);
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  useEffect(() => ref.current?.showModal(), []);
  useEffect(() => {
    let live = true;
    api.call('burn:options', { id }).then(
      (o) => {
        if (!live) return;
        setOpts(o);
        // A second language in the track: the bilingual preset is proposed unless the user edited a style.
        setStyle(o.secondLanguage && o.prefs.style.preset === 'standard' ? o.presets.bilingual : o.prefs.style);
        setQuality(o.prefs.quality);
        setEncoder(o.prefs.encoder);
        const running = o.jobs.find((j) => ACTIVE.has(j.stage));
        if (running) setJob(running);
        // Bilingual track: preview a cue that has both languages.
        const both = cues.findIndex((c) => c.lines.length > 1);
        if (o.secondLanguage && both > 0) setCueIndex(both);
      },
      (e: unknown) => live && setFailure(e),
    );
    return () => {
      live = false;
    };
  }, [api, id, cues]);

  const cue = cues[Math.min(cueIndex, cues.length - 1)];
  const atMs = cue ? Math.round((cue.start + cue.end) / 2) : 0;

  // The preview follows the style and the chosen cue (debounced: each frame is an ffmpeg run).
  useEffect(() => {
    if (!opts?.video || !style) return;
    let live = true;
    const timer = setTimeout(() => {
      setPreviewing(true);
      api.call('burn:preview', { id, style, atMs }).then(
        (p) => {
          if (!live) return;
          setImage(`data:${p.mime};base64,${p.base64}`);
          setPreviewError(null);
          setPreviewing(false);
        },
        (e: unknown) => {
          if (!live) return;
          setPreviewError(e);
          setPreviewing(false);
        },
      );
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, id, opts?.video, style, atMs]);

  // Progress: pushed by the render as ffmpeg reports; read once more on (re)connecting, in case one was missed.
  useEvent(
    'burn:update',
    useCallback((v: BurnJobData) => setJob((cur) => (cur && cur.id === v.id ? v : cur)), []),
  );
  const jobId = job && ACTIVE.has(job.stage) ? job.id : undefined;
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    api.call('burn:get', { id: jobId }).then((v) => live && setJob((cur) => (cur && cur.id === v.id && cur.updatedAt > v.updatedAt ? cur : v)), () => undefined);
    return () => {
      live = false;
    };
  }, [api, jobId]);

  // Finished: the burned video plays in place of the preview (its menu also downloads it).
  useEffect(() => {
    if (job?.stage !== 'done') return;
    let live = true;
    api.call('burn:media', { id: job.id }).then((m) => live && setResult(m.url), () => undefined);
    return () => {
      live = false;
    };
  }, [api, job?.id, job?.stage]);

  const edit = (part: 'main' | 'second', patch: Partial<BurnTextStyle>): void => {
    if (!style) return;
    const next: BurnStyle = { ...style, preset: 'custom', [part]: { ...style[part], ...patch } };
    setResult(null);
    setStyle(next);
    void api.call('burn:setPrefs', { style: next }).catch(() => undefined); // the custom style is kept in settings
  };
  const choosePreset = (p: BurnPresetId | 'custom'): void => {
    if (!opts) return;
    if (p === 'custom') {
      setEditing(true);
      if (style) setStyle({ ...style, preset: 'custom' });
      return;
    }
    setResult(null);
    setStyle(opts.presets[p]);
  };

  const start = async (): Promise<void> => {
    if (!style) return;
    setFailure(null);
    try {
      const j = await api.call('burn:start', { id, style, quality, encoder, overwrite: replace });
      setResult(null);
      setJob(j);
    } catch (e) {
      setFailure(e);
      // The file appeared since the dialog opened: offer to replace it, as when it was there from the start.
      if (failureOf(e).code === 'OUTPUT_EXISTS') setOpts((o) => (o ? { ...o, outputExists: true } : o));
    }
  };
  const cancel = async (): Promise<void> => {
    if (job) setJob(await api.call('burn:cancel', { id: job.id }));
  };

  const running = job !== null && ACTIVE.has(job.stage);
  const portrait = opts ? opts.height > opts.width : false;
  const s = style?.main;
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="burn-title" className="burn-dialog" data-testid="burn-dialog">
      <h2 id="burn-title">{t('burn.title')}</h2>
      {!opts || !style || !s ? (
        failure ? null : <p className="muted">{t('common.loading')}</p>
      ) : (
        <div className="burn-grid">
          <div className="burn-preview">
            <div className="burn-frame" style={{ aspectRatio: `${opts.width} / ${opts.height}` }} aria-busy={previewing}>
              {result ? <video src={result} controls data-testid="burn-result" /> : image ? <img src={image} alt={t('burn.previewAlt', { time: formatClock(atMs) })} data-testid="burn-preview" /> : <span className="muted" title={opts.videoProblem ? failureOf(opts.videoProblem).message : undefined} data-testid="burn-video-problem">{opts.videoProblem ? errorText(opts.videoProblem) : t('burn.rendering')}</span>}
            </div>
            <ErrorLine error={previewError} />
            <label className="row">
              {t('burn.previewAt')}
              <select value={cueIndex} onChange={(e) => setCueIndex(Number(e.target.value))} aria-label={t('burn.previewAt')}>
                {cues.slice(0, 500).map((c, i) => (
                  <option key={c.id} value={i}>
                    {formatClock(c.start)} {c.lines.join(' / ').slice(0, 60)}
                  </option>
                ))}
              </select>
              {previewing && <span className="muted">{t('burn.rendering')}</span>}
            </label>
          </div>
          <div className="form burn-form">
            <label>{t('burn.style')}</label>
            <div className="seg" role="radiogroup" aria-label={t('burn.style')}>
              {[...BURN_PRESETS, 'custom' as const].map((p) => (
                <button key={p} role="radio" aria-checked={style.preset === p} className={`btn small${style.preset === p ? ' primary' : ''}`} onClick={() => choosePreset(p)}>
                  {t(`burn.preset.${p}`)}
                </button>
              ))}
            </div>
            <span />
            <small className="muted">
              {t(`burn.presetHint.${style.preset}`)}
              {opts.secondLanguage ? ` ${t('burn.hasSecond')}` : style.bilingual ? ` ${t('burn.noSecond')}` : ''}
              {portrait && style.preset !== 'vertical' ? ` ${t('burn.portrait')}` : ''}
            </small>
            <span />
            <button className="btn small" onClick={() => setEditing(!editing)} aria-expanded={editing}>
              {editing ? t('burn.hideEditor') : t('burn.showEditor')}
            </button>
            {editing && (
              <>
                <label htmlFor="bs-font">{t('burn.font')}</label>
                <input id="bs-font" list="bs-fonts" value={s.font} onChange={(e) => e.target.value.trim() && !/[,{}\\]/.test(e.target.value) && edit('main', { font: e.target.value })} />
                <datalist id="bs-fonts">
                  {FONTS.map((f) => (
                    <option key={f} value={f} />
                  ))}
                </datalist>
                <label htmlFor="bs-size">{t('burn.size')}</label>
                <div className="row">
                  <input id="bs-size" type="number" min={8} max={400} value={s.size} onChange={(e) => Number(e.target.value) >= 8 && edit('main', { size: Math.min(400, Number(e.target.value)) })} />
                  <label className="row">
                    <input type="checkbox" checked={s.bold} onChange={(e) => edit('main', { bold: e.target.checked })} /> {t('burn.bold')}
                  </label>
                  <label className="row">
                    <input type="checkbox" checked={s.italic} onChange={(e) => edit('main', { italic: e.target.checked })} /> {t('burn.italic')}
                  </label>
                </div>
                <label htmlFor="bs-colour">{t('burn.colour')}</label>
                <div className="row">
                  <input id="bs-colour" type="color" value={rgb(s.primary)} onChange={(e) => edit('main', { primary: e.target.value })} />
                  <label className="row">
                    <input type="checkbox" checked={s.borderStyle === 3} onChange={(e) => edit('main', e.target.checked ? { borderStyle: 3, outline: Math.max(s.outline, 8), shadow: 0, outlineColour: withAlpha(s.outlineColour, 70) } : { borderStyle: 1, outline: 3, outlineColour: rgb(s.outlineColour) })} /> {t('burn.box')}
                  </label>
                </div>
                <label htmlFor="bs-outline">{s.borderStyle === 3 ? t('burn.boxColour') : t('burn.outline')}</label>
                <div className="row">
                  <input type="color" aria-label={t('burn.outlineColour')} value={rgb(s.outlineColour)} onChange={(e) => edit('main', { outlineColour: withAlpha(e.target.value, alphaPct(s.outlineColour)) })} />
                  <input id="bs-outline" type="range" min={0} max={20} step={0.5} value={s.outline} onChange={(e) => edit('main', { outline: Number(e.target.value) })} aria-label={t('burn.outlineWidth')} />
                  <span className="muted">{s.outline}</span>
                  {s.borderStyle === 3 && (
                    <>
                      <input type="range" min={10} max={100} value={alphaPct(s.outlineColour)} onChange={(e) => edit('main', { outlineColour: withAlpha(s.outlineColour, Number(e.target.value)) })} aria-label={t('burn.opacity')} />
                      <span className="muted">{alphaPct(s.outlineColour)}%</span>
                    </>
                  )}
                </div>
                <label htmlFor="bs-shadow">{t('burn.shadow')}</label>
                <div className="row">
                  <input id="bs-shadow" type="range" min={0} max={10} step={0.5} value={s.shadow} onChange={(e) => edit('main', { shadow: Number(e.target.value) })} />
                  <span className="muted">{s.shadow}</span>
                </div>
                <label htmlFor="bs-align">{t('burn.position')}</label>
                <select id="bs-align" value={s.alignment} onChange={(e) => edit('main', { alignment: Number(e.target.value) })}>
                  {[2, 1, 3, 5, 4, 6, 8, 7, 9].map((a) => (
                    <option key={a} value={a}>
                      {t(`burn.align.${a}`)}
                    </option>
                  ))}
                </select>
                <label>{t('burn.margins')}</label>
                <div className="row">
                  {(['marginL', 'marginR', 'marginV'] as const).map((m) => (
                    <input key={m} type="number" min={0} max={1000} value={s[m]} aria-label={t(`burn.${m}`)} title={t(`burn.${m}`)} style={{ width: 70 }} onChange={(e) => Number(e.target.value) >= 0 && edit('main', { [m]: Math.min(1000, Math.round(Number(e.target.value))) })} />
                  ))}
                </div>
                <label>{t('burn.second')}</label>
                <div className="row">
                  <label className="row">
                    <input type="checkbox" checked={style.bilingual} onChange={(e) => setStyle({ ...style, preset: 'custom', bilingual: e.target.checked })} /> {t('burn.bilingualOn')}
                  </label>
                  <input type="color" aria-label={t('burn.secondColour')} value={rgb(style.second.primary)} onChange={(e) => edit('second', { primary: e.target.value })} disabled={!style.bilingual} />
                  <input type="number" min={8} max={400} aria-label={t('burn.secondSize')} value={style.second.size} style={{ width: 70 }} disabled={!style.bilingual} onChange={(e) => Number(e.target.value) >= 8 && edit('second', { size: Math.min(400, Number(e.target.value)) })} />
                </div>
              </>
            )}
            <label htmlFor="burn-quality">{t('burn.quality')}</label>
            <select id="burn-quality" value={quality} onChange={(e) => setQuality(e.target.value as BurnQuality)}>
              {QUALITIES.map((q) => (
                <option key={q} value={q}>
                  {t(`burn.q.${q}`)}
                </option>
              ))}
            </select>
            <label htmlFor="burn-encoder">{t('burn.encoder')}</label>
            <select id="burn-encoder" value={encoder} onChange={(e) => setEncoder(e.target.value as EncoderChoice)}>
              <option value="auto">{t('burn.enc.auto')}</option>
              <option value="software">{t('burn.enc.software')}</option>
            </select>
            <label>{t('burn.output')}</label>
            <code className="burn-path" data-testid="burn-output">{opts.output || '—'}</code>
            {(opts.outputExists || job?.stage === 'done') && !running && (
              <>
                <span />
                <label className="row">
                  <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('burn.replace')}
                </label>
              </>
            )}
          </div>
        </div>
      )}
      {job && (
        <div className="burn-status" role="status" data-testid="burn-status" data-stage={job.stage}>
          <div className={`progress${job.stage === 'done' ? ' done' : job.stage === 'failed' ? ' failed' : ''}`}>
            <div style={{ width: `${job.progress}%` }} />
          </div>
          <span>
            {job.stage === 'rendering' && t('burn.progress', { pct: job.progress.toFixed(0), encoder: job.encoder ?? '…' })}
            {job.stage === 'rendering' && job.etaSeconds !== undefined && ` · ${t('burn.eta', { time: formatClock(job.etaSeconds * 1000) })}`}
            {job.stage === 'queued' && t('burn.queued')}
            {job.stage === 'done' && t('burn.done', { path: job.outputPath })}
            {job.stage === 'canceled' && t('burn.canceled')}
            {job.stage === 'failed' && job.error && <span className="error-text" title={failureOf(job.error).message} data-testid="burn-error" data-code={job.error.code}>{errorText(job.error)}</span>}
          </span>
          {job.notes.length > 0 && <small className="muted">{t('burn.fellBack')}</small>}
        </div>
      )}
      <ErrorLine error={failure} testId="burn-refused" />
      <div className="actions">
        {running ? (
          <button className="btn danger" onClick={() => void cancel()}>
            {t('burn.cancel')}
          </button>
        ) : (
          <button className="btn primary" disabled={!opts?.video || !style || ((opts.outputExists || job?.stage === 'done') && !replace)} onClick={() => void start()} data-testid="burn-start">
            {job?.stage === 'done' ? t('burn.again') : t('burn.start')}
          </button>
        )}
        <button className="btn" onClick={onClose}>
          {running ? t('burn.background') : t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
