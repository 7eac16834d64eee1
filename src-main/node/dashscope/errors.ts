import type { JobParams } from '../../shared/job-codes';
import { CodedError } from '../../shared/result';

/**
 * Stable codes for service failures (funasr-api.md §5). `retryable` is what the client acts on:
 * throttling, server errors and network faults are retried; auth, permission, arrears and bad
 * input fail at once; InvalidFile.* fails only the file concerned.
 */
export class ServiceError extends CodedError {
  constructor(
    code: string,
    message: string,
    readonly retryable: boolean,
    readonly httpStatus?: number,
    readonly serviceCode?: string,
    readonly requestId?: string,
    /** More facts for the UI's sentence (task id, `reason` of a case…), beside the service's own code. */
    params?: JobParams,
  ) {
    super(code, message, {
      ...(serviceCode ? { serviceCode } : {}),
      ...(requestId ? { requestId } : {}),
      ...(httpStatus ? { httpStatus } : {}),
      ...params,
    });
    this.name = 'ServiceError';
  }
}

export function mapServiceError(status: number, serviceCode: string | undefined, serviceMessage: string | undefined, requestId?: string): ServiceError {
  const code = serviceCode ?? '';
  const msg = serviceMessage ?? '';
  const mk = (ours: string, text: string, retryable: boolean): ServiceError =>
    new ServiceError(ours, `${text}${msg ? ` (service: ${code ? `${code}: ` : ''}${msg})` : code ? ` (service: ${code})` : ''}`, retryable, status, code || undefined, requestId);
  if (code === 'InvalidApiKey' || status === 401) return mk('SERVICE_AUTH', 'The API key was rejected. Check the key and that it belongs to the selected region (Beijing keys do not work in Singapore).', false);
  if (code === 'Arrearage') return mk('SERVICE_ARREARS', 'The Alibaba Cloud account is in arrears; top it up in the console, then retry.', false);
  if (code.startsWith('Throttling.AllocationQuota')) return mk('SERVICE_QUOTA', 'The account quota is used up (or the hotword list limit of 10 is reached).', false);
  // OpenAI-style quota answer: a 429 that waiting does not cure.
  if (code === 'insufficient_quota') return mk('SERVICE_QUOTA', 'The account has no quota left for this model; top up or check the plan in the console, then retry.', false);
  if (status === 429 || code.startsWith('Throttling')) return mk('SERVICE_THROTTLED', 'The service is rate-limiting requests.', true);
  if (code === 'AccessDenied' || status === 403) return mk('SERVICE_ACCESS_DENIED', 'Access denied: the model may not be activated for this account or workspace.', false);
  if (code === 'ModelNotFound' || (status === 404 && code !== 'NotFound')) return mk('SERVICE_MODEL_NOT_FOUND', 'The model does not exist in this region.', false);
  if (code.startsWith('InvalidFile')) return mk('SERVICE_INVALID_FILE', 'The service could not use this file.', false);
  if (code === 'BadRequest.ResourceNotExist' || status === 416) return mk('SERVICE_NOT_FOUND', 'The requested resource does not exist.', false);
  if (code.startsWith('DataInspection') || code === 'InvalidParameter.DataInspection') return mk('SERVICE_DATA_INSPECTION', 'The service refused the content (data inspection).', false);
  if (status >= 500) return mk('SERVICE_UNAVAILABLE', `The service failed with HTTP ${status}.`, true);
  if (status === 400 || code.startsWith('InvalidParameter')) return mk('SERVICE_BAD_REQUEST', 'The service rejected the request as invalid.', false);
  if (status === 404) return mk('SERVICE_NOT_FOUND', 'The requested resource does not exist.', false);
  return mk('SERVICE_ERROR', `Unexpected HTTP ${status} from the service.`, false);
}

/** Subtask failure codes that mean "no speech", which is an empty transcript, not a failure (§5.3). */
export const NO_SPEECH_CODES = new Set(['SUCCESS_WITH_NO_VALID_FRAGMENT', 'NO_VALID_FRAGMENT', 'ASR_RESPONSE_HAVE_NO_WORDS']);

/**
 * Qwen-MT answers through the OpenAI-compatible envelope (qwen-mt-api.md §5): the codes that mean
 * something particular for translation first, the rest as every other service call.
 */
export function mapMtError(status: number, serviceCode: string | undefined, serviceMessage: string | undefined, model: string, requestId?: string): ServiceError {
  const code = serviceCode ?? '';
  const msg = serviceMessage ?? '';
  const mk = (ours: string, text: string, retryable: boolean): ServiceError => new ServiceError(ours, `${text}${msg ? ` (service: ${code ? `${code}: ` : ''}${msg})` : ''}`, retryable, status, code || undefined, requestId);
  if (status === 400 && /Range of input length/i.test(msg)) return mk('MT_INPUT_TOO_LONG', 'The text sent for translation is longer than the model accepts.', false);
  if (status === 400 && /(source|target)_lang|language pair|not supported/i.test(msg)) return mk('MT_LANGUAGE_UNSUPPORTED', `${model} does not translate this language pair. Choose another target language or model (qwen-mt-lite covers fewer languages than qwen-mt-flash).`, false);
  if (code === 'data_inspection_failed') return mk('SERVICE_DATA_INSPECTION', 'The service refused to translate this text (content inspection).', false);
  if (code === 'invalid_api_key') return mk('SERVICE_AUTH', 'The API key was rejected. Check the key and that it belongs to the selected region (Beijing keys do not work in Singapore).', false);
  if (code === 'model_not_found' || status === 404) return mk('SERVICE_MODEL_NOT_FOUND', `${model} is not available in this region or for this account.`, false);
  if (status === 400) return mk('MT_BAD_REQUEST', 'The service rejected the translation request as invalid.', false);
  return mapServiceError(status, serviceCode, serviceMessage, requestId);
}
