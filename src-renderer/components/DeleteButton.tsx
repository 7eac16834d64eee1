import { useTranslation } from 'react-i18next';
import { useNotifyError, type Notify } from '../app/errors';

interface Props {
  /** The question asked before anything is deleted. */
  confirm: string;
  /** Deletes and updates what is shown; a rejection is told through `notify` and nothing else changes. */
  onDelete: () => Promise<void>;
  notify: Notify;
  /** The button's accessible name, where "Delete" alone does not say what goes. */
  label?: string | undefined;
}

/** A table row's Delete: asks first, then deletes; a failure is told and the row stays. */
export function DeleteButton({ confirm, onDelete, notify, label }: Props) {
  const { t } = useTranslation();
  const failed = useNotifyError(notify);
  const remove = async () => {
    if (!window.confirm(confirm)) return;
    try {
      await onDelete();
    } catch (e) {
      failed(e);
    }
  };
  return (
    <button className="btn small danger" onClick={() => void remove()} aria-label={label}>
      {t('common.delete')}
    </button>
  );
}
