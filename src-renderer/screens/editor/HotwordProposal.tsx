import { useTranslation } from 'react-i18next';

/** "Add this term to the hotwords?" after the same correction was typed more than once. */
export function HotwordProposal({ term, decide }: { term: string; decide: (accept: boolean) => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <div className="side-tools" role="alert" data-testid="hotword-proposal">
      <span style={{ flex: 1 }}>{t('editor.propose', { term })}</span>
      <button className="btn small primary" onClick={() => void decide(true)}>
        {t('editor.add')}
      </button>
      <button className="btn small" onClick={() => void decide(false)}>
        {t('editor.notNow')}
      </button>
    </div>
  );
}
