import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '@shared/ipc/contract';

type Imported = Output<'library:import'>[number];
export interface EncodingChoice {
  path: string;
  transcriptId: string;
  candidates: NonNullable<Imported['candidates']>;
}

/**
 * After an import whose text encoding was a close call: each likely encoding with the first lines
 * it gives, so the user picks the one that reads right; the file is then read again with it.
 */
export function EncodingDialog({ choice, onChoose, onClose }: { choice: EncodingChoice; onChoose: (encoding: EncodingChoice['candidates'][number]['encoding']) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [picked, setPicked] = useState(choice.candidates[0]?.encoding);
  useEffect(() => ref.current?.showModal(), []);
  const name = choice.path.split(/[\\/]/).pop() ?? choice.path;
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="enc-title" data-testid="encoding-dialog">
      <h2 id="enc-title">{t('encoding.title')}</h2>
      <p className="hint">{t('encoding.help', { name })}</p>
      <div role="radiogroup" aria-labelledby="enc-title" style={{ display: 'grid', gap: 8, margin: '12px 0' }}>
        {choice.candidates.map((c) => (
          <label key={c.encoding} className="row" style={{ alignItems: 'flex-start', gap: 8 }}>
            <input type="radio" name="encoding" checked={picked === c.encoding} onChange={() => setPicked(c.encoding)} />
            <span>
              <strong>{c.encoding}</strong> <small className="muted">{t('encoding.confidence', { n: c.confidence })}</small>
              <br />
              <span lang="" style={{ whiteSpace: 'pre-wrap' }}>
                {c.preview}
              </span>
            </span>
          </label>
        ))}
      </div>
      <div className="actions">
        <button className="btn" onClick={onClose}>
          {t('encoding.keep')}
        </button>
        <button className="btn primary" disabled={!picked} onClick={() => picked && onChoose(picked)}>
          {t('encoding.use')}
        </button>
      </div>
    </dialog>
  );
}
