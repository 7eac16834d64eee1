import type { Input, Method, Output } from '../../shared/ipc/contract';
import type { App } from '../app';

export type Handlers = { [M in Method]: (input: Input<M>) => Promise<Output<M>> | Output<M> };

/** What every group of handlers is built from. */
export interface ApiContext {
  app: App;
  version: string;
  transport: 'electron' | 'websocket';
  saveKey: (key: string) => void;
  /** Where `captioner serve` keeps files a browser uploaded; paths there are the page's own. */
  uploadsDir?: string | undefined;
  /** Called when jobs or transcripts go away, so uploads nothing refers to any more are removed. */
  sweepUploads: () => Promise<void>;
}
