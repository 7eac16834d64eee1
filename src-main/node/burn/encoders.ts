import { execFile } from 'node:child_process';
import type { BurnQuality, EncoderChoice } from '../../shared/burn/style';

/** H.264 encoders Captioner knows how to drive, hardware first (tried in this order), libx264 last. */
export const HARDWARE_ENCODERS = ['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_vaapi'] as const;
export type EncoderName = (typeof HARDWARE_ENCODERS)[number] | 'libx264';

const VAAPI_DEVICE = '/dev/dri/renderD128';

const run = (ffmpeg: string, args: string[], timeoutMs: number): Promise<{ ok: boolean; stdout: string }> =>
  new Promise((resolve) => {
    execFile(ffmpeg, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, windowsHide: true }, (e, stdout) => resolve({ ok: !e, stdout: String(stdout) }));
  });

/**
 * Options of one encoder for one quality. Constant quality where the encoder has it (CRF, CQ,
 * ICQ, QP); VideoToolbox takes a bitrate, sized from the frame (bits per pixel per frame).
 */
export function encoderArgs(enc: EncoderName, quality: BurnQuality, frame: { width: number; height: number; fps: number }): { input: string[]; filter: string; output: string[] } {
  const q = { high: 0, balanced: 1, small: 2 }[quality];
  switch (enc) {
    case 'libx264':
      return { input: [], filter: 'format=yuv420p', output: ['-c:v', 'libx264', '-preset', ['slow', 'medium', 'medium'][q] as string, '-crf', String([18, 22, 27][q])] };
    case 'h264_nvenc':
      return { input: [], filter: 'format=yuv420p', output: ['-c:v', 'h264_nvenc', '-preset', 'p5', '-rc', 'vbr', '-cq', String([19, 24, 30][q]), '-b:v', '0'] };
    case 'h264_qsv':
      return { input: [], filter: 'format=nv12', output: ['-c:v', 'h264_qsv', '-preset', 'medium', '-global_quality', String([20, 25, 31][q])] };
    case 'h264_videotoolbox': {
      const bpp = [0.12, 0.07, 0.035][q] as number;
      const kbps = Math.max(300, Math.round((frame.width * frame.height * Math.max(1, frame.fps) * bpp) / 1000));
      return { input: [], filter: 'format=yuv420p', output: ['-c:v', 'h264_videotoolbox', '-b:v', `${kbps}k`, '-allow_sw', '0'] };
    }
    case 'h264_vaapi':
      return { input: ['-vaapi_device', VAAPI_DEVICE], filter: 'format=nv12,hwupload', output: ['-c:v', 'h264_vaapi', '-rc_mode', 'CQP', '-qp', String([20, 25, 31][q])] };
  }
}

const cache = new Map<string, Promise<EncoderName[]>>();
const syncCache = new Map<string, Promise<string[]>>();

/**
 * "Keep every frame as it comes": `-fps_mode passthrough` since ffmpeg 5.1, `-vsync passthrough`
 * before (the ffmpeg shipped by @ffmpeg-installer is a 2018 build). Asked once per binary.
 */
export function passthroughArgs(ffmpeg: string): Promise<string[]> {
  let found = syncCache.get(ffmpeg);
  if (!found) {
    found = run(ffmpeg, ['-hide_banner', '-version'], 20_000).then(({ stdout }) => {
      const m = /ffmpeg version n?(\d+)\.(\d+)/.exec(stdout);
      const modern = m !== null && (Number(m[1]) > 5 || (Number(m[1]) === 5 && Number(m[2]) >= 1));
      return modern ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough'];
    });
    syncCache.set(ffmpeg, found);
  }
  return found;
}

/**
 * The hardware encoders this ffmpeg lists (`-encoders`) that also encode a tiny test clip here: a
 * build may list NVENC without an NVIDIA GPU, or VAAPI without a render node. Asked once per
 * process and ffmpeg binary.
 */
export function workingHardwareEncoders(ffmpeg: string): Promise<EncoderName[]> {
  let found = cache.get(ffmpeg);
  if (!found) {
    found = (async () => {
      const listed = await run(ffmpeg, ['-hide_banner', '-encoders'], 20_000);
      const names = HARDWARE_ENCODERS.filter((n) => new RegExp(`^\\s*V\\S*\\s+${n}\\s`, 'm').test(listed.stdout));
      const working: EncoderName[] = [];
      for (const n of names) {
        const a = encoderArgs(n, 'balanced', { width: 256, height: 144, fps: 25 });
        const trial = await run(ffmpeg, ['-hide_banner', '-nostdin', '-v', 'error', ...a.input, '-f', 'lavfi', '-i', 'color=c=black:s=256x144:r=25:d=0.2', '-vf', a.filter, ...a.output, '-f', 'null', '-'], 20_000);
        if (trial.ok) working.push(n);
      }
      return working;
    })();
    cache.set(ffmpeg, found);
  }
  return found;
}

/** Encoders to try in order: the working hardware ones (auto), then libx264, which always exists in the builds we ship. */
export async function encoderPlan(ffmpeg: string, choice: EncoderChoice): Promise<EncoderName[]> {
  if (choice === 'software') return ['libx264'];
  return [...(await workingHardwareEncoders(ffmpeg)), 'libx264'];
}
