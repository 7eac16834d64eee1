/** Errors cross process and module boundaries as data; programmer errors throw. */
export interface AppError {
  code: string;
  message: string;
  /** Extra facts for the UI (file, task id, request id); never secrets. */
  detail?: Record<string, string | number | boolean>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(code: string, message: string, detail?: AppError['detail']): Result<T> => ({
  ok: false,
  error: detail ? { code, message, detail } : { code, message },
});

/** An Error that carries a stable code, for adapters that must throw. */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: AppError['detail'],
  ) {
    super(message);
    this.name = 'CodedError';
  }
  toData(): AppError {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}

/** A Result's error, thrown (its detail kept: the params the UI words it with). */
export const codedError = (e: AppError): CodedError => new CodedError(e.code, e.message, e.detail);

export function toAppError(e: unknown, fallbackCode = 'INTERNAL'): AppError {
  if (e instanceof CodedError) return e.toData();
  if (e instanceof Error) return { code: fallbackCode, message: e.message };
  return { code: fallbackCode, message: String(e) };
}
