import { formatClock } from '@shared/formats/timecode';

/** m:ss.mmm for cue times. */
export const cueTime = (ms: number): string => `${formatClock(ms)}.${String(Math.round(ms) % 1000).padStart(3, '0')}`;

export const eta = (s: number): string => (s >= 3600 ? `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m` : s >= 60 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${s}s`);

/** Bytes sent as base64 by the backend (exports, waveform peaks). */
export const fromBase64 = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export const date = (ms: number, lang: string): string => new Date(ms).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
