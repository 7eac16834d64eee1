import { Semaphore, type Gate } from './semaphore';

/**
 * The child processes a batch starts — ffprobe to read a file, ffmpeg to extract its audio — come
 * from one pool sized to the cores, so 1,000 dropped files never fork 1,000 probes at once: at
 * most `slots` media children run, files are probed and extracted as slots free up, and the first
 * file ready is submitted while the rest wait their turn. Probing and extraction share the pool
 * (both are CPU-bound), so the child count stays flat whatever the batch size. An extraction
 * waiting for a slot goes before every waiting probe: a probed file moves on towards its submit
 * instead of queueing behind the probes of the whole batch.
 */
export interface MediaPools {
  probe: Gate;
  extract: Gate;
  /** Checking links: waits on the network, not the CPU, so its own pool (see LINK_PROBE_SLOTS). */
  link: Gate;
}

/**
 * Links checked at once. A link's check is a ranged request, ffprobe reading the header over HTTP,
 * and for a web page yt-dlp (a Python process of ~60-100 MB): 300 pasted links must not start 300
 * of them. Network-bound, so not the CPU pool: a slow site does not hold up local files.
 */
export const LINK_PROBE_SLOTS = 4;

export function mediaPools(slots: number, linkSlots = LINK_PROBE_SLOTS): MediaPools {
  const shared = new Semaphore(Math.max(1, Math.floor(slots)));
  const links = new Semaphore(Math.max(1, Math.floor(linkSlots)));
  return { probe: { acquire: (signal) => shared.acquire(signal) }, extract: { acquire: (signal) => shared.acquire(signal, true) }, link: links };
}
