import { useTranslation } from 'react-i18next';
import { speakerName, type Track } from '@shared/captions/model';
import type { EditorAction } from './state';

/** The speakers' names, renamed in place (kept on leaving the box or Enter). */
export function SpeakerNames({ track, speakerIds, dispatch }: { track: Track; speakerIds: number[]; dispatch: (a: EditorAction) => void }) {
  const { t } = useTranslation();
  if (!speakerIds.length) return null;
  return (
    <div className="speakers">
      <span className="muted">{t('editor.speakers')}:</span>
      {speakerIds.map((sid) => (
        <input
          key={`${sid}-${track.speakers.find((s) => s.id === sid)?.name}`}
          className={`spk-${sid % 8}`}
          aria-label={`${t('editor.speakers')} ${sid + 1}`}
          defaultValue={speakerName(track, sid)}
          onBlur={(e) => dispatch({ type: 'renameSpeaker', id: sid, name: e.target.value })}
          onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
        />
      ))}
    </div>
  );
}
