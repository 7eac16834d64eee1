import { useTranslation } from 'react-i18next';

interface Props {
  /** The question asked before anything is deleted. */
  confirm: string;
  /** Deletes and updates what is shown; a rejection is told through `notify` and nothing else changes. */
  onDelete: () => Promise<void>;
  notify: (m: string) => void;
  /** The button's accessible name, where "Delete" alone does not say what goes. */
  label?: string | undefined;
}

/** A table row's Delete: asks first, then deletes; a failure is told and the row stays. */
export function DeleteButton({ confirm, onDelete, notify, label }: Props) {
  const { t } = useTranslation();
  const remove = async () => {
    if (!window.confirm(confirm)) return;
    try {
      await onDelete();
    } catch (e) {
      notify((e as Error).message);
    }
  };
  return (
    <button className="btn small danger" onClick={() => void remove()} aria-label={label}>
      {t('common.delete')}
    </button>
  );
}
