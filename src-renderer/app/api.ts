import { createContext, useContext, useEffect } from 'react';
import type { EventName, EventPayload, Input, Method, Output } from '@shared/ipc/contract';
import { apiError } from './api-error';
import type { Transport } from './transport';

export interface Api {
  kind: Transport['kind'];
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  on: Transport['on'];
  pathsFor: Transport['pathsFor'];
}

export function createApi(t: Transport): Api {
  return {
    kind: t.kind,
    async call(method, input) {
      const r = await t.call(method, input);
      if (!r.ok) throw apiError(r.error);
      return r.value;
    },
    on: t.on,
    pathsFor: t.pathsFor,
  };
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiContext missing');
  return api;
}

export function useEvent<E extends EventName>(event: E, listener: (p: EventPayload<E>) => void): void {
  const api = useApi();
  useEffect(() => api.on(event, listener), [api, event, listener]);
}
