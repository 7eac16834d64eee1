import { useTranslation } from 'react-i18next';
import type { CommandId } from './keymap';
import { SPEEDS, type usePlayback } from './usePlayback';

interface Props {
  play: ReturnType<typeof usePlayback>;
  run: Record<CommandId, () => void>;
  /** A command's keys, for the buttons' tooltips. */
  k: (c: CommandId) => string;
  hasSelected: boolean;
}

/** The transport bar under the player: frame steps, play and loop the cue, speed, set start and end at the playhead. */
export function Transport({ play, run, k, hasSelected }: Props) {
  const { t } = useTranslation();
  return (
    <div className="transport" role="toolbar" aria-label={t('pro.transport')}>
      <button className="btn small" onClick={() => play.frame(-1)} aria-label={t('cmd.frameBack')} title={`${t('cmd.frameBack')} (${k('frameBack')})`}>
        ‹1f
      </button>
      <button className="btn small" onClick={() => play.frame(1)} aria-label={t('cmd.frameForward')} title={`${t('cmd.frameForward')} (${k('frameForward')})`}>
        1f›
      </button>
      <button className="btn small" disabled={!hasSelected} onClick={() => play.playCue()} aria-label={t('cmd.playCue')} title={`${t('cmd.playCue')} (${k('playCue')})`}>
        ▶ {t('pro.play')}
      </button>
      <button className={`btn small toggle${play.loop ? ' on' : ''}`} aria-pressed={play.loop} onClick={run.loopCue} aria-label={t('cmd.loopCue')} title={`${t('cmd.loopCue')} (${k('loopCue')})`}>
        ⟲ {t('pro.loop')}
      </button>
      <label className="row small" title={`${t('pro.speed')} (${k('slower')} ${k('faster')})`}>
        <select aria-label={t('pro.speed')} value={play.speed} onChange={(e) => play.setRate(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <button className="btn small" disabled={!hasSelected} onClick={run.setStart} title={`${t('cmd.setStart')} (${k('setStart')}; ${t('cmd.setStartShiftRest')}: ${k('setStartShiftRest')})`}>
        ⇤ {t('cmd.setStart')}
      </button>
      <button className="btn small" disabled={!hasSelected} onClick={run.setEnd} title={`${t('cmd.setEnd')} (${k('setEnd')})`}>
        {t('cmd.setEnd')} ⇥
      </button>
    </div>
  );
}
