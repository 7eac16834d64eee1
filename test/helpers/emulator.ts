import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';

type Helpers = {
  script(match: { durationMs?: number; urlContains?: string }, sentences: { text: string; speaker?: number }[]): Promise<void>;
  fault(f: Record<string, unknown>): Promise<void>;
  /** Registers the answer the translation endpoint gives for a text (a whole request or one line). */
  translation(source: string, target: string, lang?: string): Promise<void>;
};

export type Emu = Emulator & Helpers;

export async function emulator(o: EmulatorOptions = {}): Promise<Emu> {
  const emu = await startEmulator({ queueDelayMs: 150, processingDelayMs: 50, ...o });
  const post = async (path: string, body: unknown): Promise<void> => {
    const r = await fetch(`${emu.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
  };
  return Object.assign(emu, {
    script: (match: { durationMs?: number; urlContains?: string }, sentences: { text: string; speaker?: number }[]) => post('/_emulator/scripts', { match, sentences }),
    fault: (f: Record<string, unknown>) => post('/_emulator/faults', f),
    translation: (source: string, target: string, lang?: string) => post('/_emulator/translations', { source, target, ...(lang ? { lang } : {}) }),
  });
}
