/**
 * `npm run bench -- translate`: a 2,000-cue Chinese transcript translated into English against the
 * emulator's Qwen-MT endpoint with the default limits (60 requests and 35,000 tokens per minute),
 * the minute scaled down (MT_BENCH_WINDOW_MS, default 6,000 ms, on both sides) so it runs in
 * seconds. Prints the wall time next to the floor the limits set — max((requests − 1) / RPM,
 * (tokens − TPM) / TPM) windows — their ratio, the requests, the tokens and the 429s (must be 0).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rateFloorMs } from '../src-main/core/rate-limiter';
import { openApp } from '../src-main/node/app';
import { startEmulator } from '../test/emulator/server';

const RPM = 60;
const TPM = 35_000;
const DIGITS = '零一二三四五六七八九';
const cn = (n: number): string => String(n).split('').map((d) => DIGITS[Number(d)]).join('');

export async function benchTranslate(): Promise<void> {
  const windowMs = Number(process.env.MT_BENCH_WINDOW_MS ?? 6000);
  const emu = await startEmulator({ mt: { rpm: RPM, tpm: TPM, windowMs, delayMs: 50 } });
  const home = mkdtempSync(join(tmpdir(), 'bench-translate-'));
  const app = openApp({ home, env: { DASHSCOPE_API_KEY: 'sk-test', DASHSCOPE_BASE_URL: emu.baseUrl, CAPTIONER_MT_WINDOW_MS: String(windowMs) } });
  try {
    const cues = Array.from({ length: 2000 }, (_, i) => {
      const k = Math.floor(i / 2);
      return { id: `c${i + 1}`, start: i * 1500, end: i * 1500 + 1300, lines: [i % 2 ? '以及它在信号处理中的意义。' : `我们现在讨论第${cn(k + 1)}个问题的背景`], words: [] };
    });
    const id = app.transcripts.create({ title: 'bench', track: { speakers: [], cues }, presetId: 'netflix-zh-hans', durationMs: 3_000_000 });
    app.transcripts.setLanguagePreset(id, 'zh', 'netflix-zh-hans');
    const request = { transcriptId: id, targets: ['en'], model: 'qwen-mt-flash' };
    const est = app.translator.estimate(request);
    const t0 = performance.now();
    const [job] = app.translator.create(request);
    const end = await app.translator.run(job as string);
    const ms = performance.now() - t0;
    const requests = emu.translationRequests.filter((r) => r.status === 200).length;
    const tokens = emu.stats.mt.billedTokens;
    const floor = rateFloorMs(requests, tokens, { requests: RPM, tokens: TPM }, windowMs);
    const scale = 60_000 / windowMs;
    console.log(`2,000 cues zh → en, ${RPM} requests and ${TPM} tokens per window of ${windowMs} ms (the minute scaled ${scale}×)`);
    console.log(`  status ${end.status}; ${requests} requests (estimate ${est.requests}), ${tokens} tokens billed (estimate ${est.inputTokens + est.outputTokens}), ${emu.stats.mt.throttled} throttled (429)`);
    console.log(`  wall ${(ms / 1000).toFixed(1)} s; floor set by the limits ${(floor / 1000).toFixed(1)} s; floor / wall ${(floor / ms).toFixed(2)}`);
    console.log(`  at the real minute: about ${((ms * scale) / 60_000).toFixed(1)} min for 2,000 cues (floor ${((floor * scale) / 60_000).toFixed(1)} min)`);
  } finally {
    await app.close();
    await emu.close();
  }
}
