import type { FlashContext } from '../../shared/flash';
import { NO_SPEECH_CODES, ServiceError, mapServiceError } from './errors';

export interface FlashRequest {
  dataUri: string;
  format: string;
  sampleRate: number;
  model?: string;
  language?: string | undefined;
  vocabularyId?: string | undefined;
  context?: FlashContext;
  signal?: AbortSignal;
}

/** SSE events: `id:`, `event:`, `:HTTP_STATUS/200`, `data:{...}`, separated by blank lines. */
export async function readSse(res: Response, onData: (data: string, status: number) => void): Promise<void> {
  const reader = res.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffer = '';
  const flush = (block: string): void => {
    let status = 200;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      const st = /^:HTTP_STATUS\/(\d+)/.exec(line);
      if (st) status = Number(st[1]);
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) onData(data.join('\n'), status);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let at: number;
    while ((at = buffer.search(/\r?\n\r?\n/)) >= 0) {
      flush(buffer.slice(0, at));
      buffer = buffer.slice(at).replace(/^\r?\n\r?\n/, '');
    }
  }
  if (buffer.trim()) flush(buffer);
}

/** Flash-specific codes (§5.3); "no words" is an empty transcript, not a failure. */
export function flashError(status: number, code: string | undefined, message: string | undefined, requestId: string | undefined): ServiceError | 'no-speech' {
  if (code && NO_SPEECH_CODES.has(code)) return 'no-speech';
  if (code === 'AUDIO_DURATION_TOO_LONG') return new ServiceError('QUICK_TOO_LONG', `Quick mode takes at most 5 minutes of audio (service: ${message ?? code}). Caption it without quick mode.`, false, status, code, requestId);
  if (code === 'BadRequest.TooLarge') return new ServiceError('QUICK_TOO_LARGE', `The audio is too large for quick mode (service: ${message ?? code}). Caption it without quick mode.`, false, status, code, requestId, { reason: 'SERVICE' });
  return mapServiceError(status, code, message, requestId);
}

