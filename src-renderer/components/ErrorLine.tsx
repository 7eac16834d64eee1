import { failureOf, useErrorText } from '../app/errors';

/**
 * A failure shown where it happened (inside a dialog, whose modal layer would cover the toast):
 * worded in the UI's language, main's English message as the tooltip, the code for tests and
 * bug reports. Nothing when there is no error.
 */
export function ErrorLine({ error, className = '', testId }: { error: unknown; className?: string; testId?: string }) {
  const errorText = useErrorText();
  if (error === null || error === undefined) return null;
  const f = failureOf(error);
  return (
    <p className={`error-text ${className}`.trim()} role="alert" title={f.message} data-code={f.code} data-testid={testId}>
      {errorText(error)}
    </p>
  );
}
