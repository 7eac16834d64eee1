import type { EventName, EventPayload, Input, Method, Output, Reply } from '@shared/ipc/contract';
import { apiError } from './api-error';

/** How the renderer reaches main: Electron's preload bridge, or the headless WebSocket. */
export interface Transport {
  kind: 'electron' | 'websocket';
  call<M extends Method>(method: M, input: Input<M>): Promise<Reply<Output<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Server-side paths for files the user dropped or picked. */
  pathsFor(files: File[], onProgress?: (name: string, fraction: number) => void): Promise<string[]>;
}

interface Bridge {
  call(method: string, input: unknown): Promise<Reply<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    captioner?: Bridge;
  }
}

function electronTransport(bridge: Bridge): Transport {
  return {
    kind: 'electron',
    call: (method, input) => bridge.call(method, input) as never,
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
    pathsFor: async (files) => files.map((f) => bridge.pathForFile(f)),
  };
}

const DISCONNECTED: Reply<never> = { ok: false, error: { code: 'DISCONNECTED', message: 'The connection to Captioner was lost. Is "captioner serve" still running?' } };

/**
 * Streams one file to `captioner serve`, which answers its path, or why it refused it: {error
 * (the English message), code, params}. A connection that breaks is UPLOAD_FAILED.
 */
async function upload(token: string, f: File): Promise<string> {
  const failed = (detail: string) => apiError({ code: 'UPLOAD_FAILED', message: `Upload of ${f.name} failed (${detail}).`, params: { file: f.name } });
  const r = await fetch(`/upload?token=${encodeURIComponent(token)}&name=${encodeURIComponent(f.name)}`, { method: 'POST', body: f }).catch((e: unknown) => {
    throw failed(String(e));
  });
  const body = (await r.json().catch(() => ({}))) as { path?: unknown; error?: unknown; code?: unknown; params?: unknown };
  if (r.ok && typeof body.path === 'string') return body.path;
  if (typeof body.code !== 'string') throw failed(`HTTP ${r.status}`);
  throw apiError({ code: body.code, message: typeof body.error === 'string' ? body.error : `Upload of ${f.name} failed.`, params: body.params });
}

function websocketTransport(token: string): Transport {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const pending = new Map<number, (r: Reply<unknown>) => void>();
  let next = 1;
  let socket: Promise<WebSocket>;
  const connect = (): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('Cannot connect to Captioner. Is "captioner serve" still running?'));
      ws.onclose = () => {
        for (const [, done] of pending) done(DISCONNECTED);
        pending.clear();
        socket = new Promise((r) => setTimeout(() => r(connect()), 1000)); // reconnect
      };
      ws.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as { id?: number; reply?: Reply<unknown>; event?: string; payload?: unknown };
        if (msg.id !== undefined && msg.reply) {
          pending.get(msg.id)?.(msg.reply);
          pending.delete(msg.id);
        } else if (msg.event) for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      };
    });
  socket = connect();
  return {
    kind: 'websocket',
    async call(method, input) {
      const ws = await socket.catch(() => null);
      if (!ws) return DISCONNECTED as never;
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Reply<unknown>) => void);
        ws.send(JSON.stringify({ id, method, params: input }));
      });
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    // A browser cannot see file paths: the file is streamed to the backend, which keeps it.
    async pathsFor(files, onProgress) {
      const out: string[] = [];
      for (const f of files) {
        onProgress?.(f.name, 0);
        out.push(await upload(token, f));
        onProgress?.(f.name, 1);
      }
      return out;
    },
  };
}

export function createTransport(): Transport {
  if (window.captioner) return electronTransport(window.captioner);
  const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem('captioner-token') ?? '';
  if (token) {
    sessionStorage.setItem('captioner-token', token);
    history.replaceState(null, '', location.pathname); // keep the token out of screenshots and history
  }
  return websocketTransport(token);
}
