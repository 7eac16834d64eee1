import { apiErrorSchema, type ApiErrorData } from '@shared/api-codes';

/**
 * A call that failed: its code and params are what the UI words (app/errors.ts); the English
 * message from main is for the tooltip and for codes the app has no words for.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly params: ApiErrorData['params'];
  constructor(e: ApiErrorData) {
    super(e.message);
    this.code = e.code;
    this.params = e.params;
  }
}

/** Main's error as the renderer takes it: checked like everything main sends, never trusted to have a shape. */
export function apiError(e: unknown): ApiError {
  const parsed = apiErrorSchema.safeParse(e);
  return new ApiError(parsed.success ? parsed.data : { code: 'INTERNAL', message: 'Captioner sent an error the page cannot read.' });
}
