import { useTranslation } from 'react-i18next';
import type { Cue } from '@shared/captions/model';
import { cueCps } from '@shared/captions/qc';
import { textWidth } from '@shared/captions/text';
import { CueTextArea } from '../CueTextArea';
import type { TranslationColumn } from './useTranslations';

/** The translation's reading speed and longest line, coloured against the target preset like the source's. */
export function TranslationMetrics({ cue, column }: { cue: Cue; column: TranslationColumn }) {
  const { t } = useTranslation();
  const lines = column.lines.get(cue.id);
  if (!lines?.length) return <div role="gridcell" className="tr-metrics num" />;
  const p = column.preset;
  const cps = cueCps({ ...cue, lines }, p);
  const cpl = Math.max(0, ...lines.map((l) => textWidth(l, p.widthMode)));
  return (
    <div role="gridcell" className="tr-metrics num">
      <span className={cps > p.maxCps + 0.05 ? 'over' : undefined} title={t('trcol.cps', { value: cps.toFixed(1), limit: p.maxCps })}>
        {cps.toFixed(1)}
      </span>
      <span className={cpl > p.maxCharsPerLine || lines.length > p.maxLines ? 'over' : undefined} title={t('trcol.cpl', { value: cpl, limit: p.maxCharsPerLine })}>
        {cpl}
      </span>
    </div>
  );
}

/**
 * The translation of one cue, edited in place like the source text: double-click, Enter or F2 on
 * the focused cell opens it; Enter keeps, Shift+Enter starts a new line, Escape cancels.
 */
export function TranslationText({ cue, n, column, selected, editing, setEditing }: { cue: Cue; n: number; column: TranslationColumn; selected: boolean; editing: boolean; setEditing: (id: string | null) => void }) {
  const { t } = useTranslation();
  const lines = column.lines.get(cue.id);
  const text = lines?.join('\n') ?? '';
  const cjk = /^(zh|ja|yue|ko)/.test(column.lang);
  return (
    <div
      role="gridcell"
      className={`text tr-text${lines?.length ? '' : ' missing'}`}
      lang={column.lang.replace('_', '-')}
      tabIndex={selected && !editing ? 0 : -1}
      title={selected && !editing ? t('trcol.help', { lang: column.lang }) : undefined}
      data-testid="tr-cell"
      onDoubleClick={(e) => {
        e.stopPropagation();
        setEditing(cue.id);
      }}
      onKeyDown={(e) => {
        if (editing || e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === 'F2') {
          e.preventDefault();
          e.stopPropagation();
          setEditing(cue.id);
        }
      }}
    >
      {editing ? (
        <CueTextArea
          text={text}
          label={t('trcol.textOf', { n, lang: column.lang })}
          spellCheck={!cjk}
          onCommit={(draft) => {
            if (draft !== text) column.edit(cue.id, draft);
          }}
          onClose={() => setEditing(null)}
        />
      ) : lines?.length ? (
        lines.map((l, i) => <div key={i}>{l}</div>)
      ) : (
        <span className="muted">{t('trcol.none')}</span>
      )}
    </div>
  );
}

/** Translation QC badges, after the source's in the QC cell; a re-wrap fix applies on click. */
export function TranslationBadges({ cue, column }: { cue: Cue; column: TranslationColumn }) {
  const { t } = useTranslation();
  const list = column.findings.get(cue.id) ?? [];
  const tag = column.lang.split(/[-_]/)[0]?.toUpperCase();
  return (
    <>
      {list
        .filter((f) => f.code === 'UNTRANSLATED' || f.code === 'TOO_MANY_LINES' || f.code === 'LINE_TOO_LONG')
        .map((f) => {
          const label = f.code === 'UNTRANSLATED' ? t(`trqc.${f.reason ?? 'missing'}`) : t(`qcText.${f.code}`, { ...f.params, defaultValue: f.message });
          const fix = f.fix?.kind === 'rewrap' ? f.fix.lines : null;
          return (
            <button
              key={f.code}
              className={`b ${f.severity} tr`}
              title={label}
              aria-label={`${tag}: ${label}${fix ? ` ${t('grid.clickToFix')}` : ''}`}
              onClick={(e) => {
                e.stopPropagation();
                if (fix) column.setLines(cue.id, fix);
              }}
            >
              {tag} {f.code === 'UNTRANSLATED' ? t('trqc.short') : t(`qc.${f.code}`)}
            </button>
          );
        })}
    </>
  );
}
