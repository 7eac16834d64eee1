import type { RawData, WebSocket } from 'ws';
import type { Reply } from '../../shared/ipc/contract';

/**
 * The largest frame a page may send. A transcript:save of a 12 h talk with word timings is a few
 * MB; 32 MiB leaves room and keeps one frame from taking the process's memory. Larger frames
 * close that connection (1009), nothing else.
 */
export const MAX_FRAME_BYTES = 32 * 1024 * 1024;
/** Calls one page may have running at once; more are answered BUSY instead of queued without bound. */
export const MAX_IN_FLIGHT = 64;

interface Caller {
  call(method: string, payload: unknown): Promise<Reply<unknown>>;
}

type Request = { id: number; method: string; params: unknown };

/** Reads one frame as a request, or says in a code why it is not one. */
export function parseFrame(data: RawData, isBinary: boolean): Request | { error: { code: string; message: string }; id: number | null } {
  if (isBinary) return { id: null, error: { code: 'BAD_FRAME', message: 'Binary frames are not accepted; send JSON text.' } };
  let msg: unknown;
  try {
    msg = JSON.parse(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
  } catch {
    return { id: null, error: { code: 'BAD_JSON', message: 'The frame is not JSON.' } };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { id: null, error: { code: 'BAD_REQUEST', message: 'A request is a JSON object {id, method, params}.' } };
  const r = msg as Record<string, unknown>;
  const id = typeof r.id === 'number' && Number.isSafeInteger(r.id) ? r.id : null;
  if (id === null || typeof r.method !== 'string') return { id, error: { code: 'BAD_REQUEST', message: 'A request needs an integer id and a method name.' } };
  return { id, method: r.method, params: r.params };
}

/**
 * One page's connection: every failure (a bad frame, a protocol error the ws library reports, a
 * handler that throws, a send to a closed socket) stays inside this connection.
 */
export function connection(ws: WebSocket, api: Caller): void {
  let inFlight = 0;
  const send = (body: unknown): void => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify(body), () => undefined);
    } catch {
      ws.terminate();
    }
  };
  // ws reports invalid UTF-8, bad opcodes, RSV bits, unmasked and oversized frames here, then closes.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    const req = parseFrame(data, isBinary);
    if ('error' in req) {
      send({ id: req.id, reply: { ok: false, error: req.error } });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send({ id: req.id, reply: { ok: false, error: { code: 'BUSY', message: `More than ${MAX_IN_FLIGHT} calls are running for this page; wait for some to finish.`, params: { limit: MAX_IN_FLIGHT } } } });
      return;
    }
    inFlight++;
    Promise.resolve()
      .then(() => api.call(req.method, req.params))
      .catch((e: unknown) => ({ ok: false as const, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : 'The call failed.' } }))
      .then((reply) => {
        inFlight--;
        send({ id: req.id, reply });
      });
  });
}
