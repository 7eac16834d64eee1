import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Track } from '../shared/captions/model';
import type { BurnJobView } from '../shared/burn/job';
import { BURN_PRESETS, ENCODER_CHOICES, QUALITIES, burnPreset, type BurnQuality, type BurnStyle, type EncoderChoice } from '../shared/burn/style';
import { formatClock } from '../shared/formats/timecode';
import { toAppError } from '../shared/result';
import { openApp } from '../node/app';
import { readCaptionFile } from '../node/burn/caption-file';
import { loadBurnPrefs } from '../node/burn/prefs';
import { burnService } from '../node/burn/service';
import { siblingMedia } from '../node/importer';

type Io = { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream; env: NodeJS.ProcessEnv };

export const BURN_HELP = `  captioner burn <transcript id | caption file> [--video FILE] [options]
                            render the captions into the video (libass; audio copied, every frame kept)
      --video FILE          the video (default: the transcript's source, or the video beside the caption file)
      --style S             standard, bilingual (second language in its own style), vertical (9:16, large,
                            in the safe area), boxed (text on a box), or custom (the style saved in the app)
      --quality Q           high, balanced (default) or small
      --encoder E           auto (hardware NVENC/QSV/VideoToolbox/VAAPI when it works, else libx264) or software
      --out FILE            the burned video (default: the export name template with {format} = captioned.mp4,
                            in the export folder or beside the video); never replaced without --overwrite
      --preview TIME --out frame.png   one frame at TIME (seconds or mm:ss) with the style, instead of the video
                            a rerun of an interrupted burn (same video and output) restarts it cleanly
`;

/** `12.5`, `1:05`, `1:02:03.5` → ms; undefined when it is none of these. */
export function parseTime(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(s);
  return m ? Math.round((Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000) : undefined;
}

const clock = (s: number): string => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`);

export async function runBurn(argv: string[], io: Io): Promise<number> {
  let a;
  try {
    a = parseArgs({
      args: argv, allowPositionals: true,
      options: { video: { type: 'string' }, style: { type: 'string' }, quality: { type: 'string' }, encoder: { type: 'string' }, out: { type: 'string' }, preview: { type: 'string' }, overwrite: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${BURN_HELP}`);
    return 2;
  }
  const v = a.values;
  if (v.help) {
    io.stdout.write(BURN_HELP);
    return 0;
  }
  const source = a.positionals[0];
  if (!source || a.positionals.length > 1) {
    io.stderr.write(`captioner burn: give one transcript id or caption file.\n\n${BURN_HELP}`);
    return 2;
  }
  if (v.style && !([...BURN_PRESETS, 'custom'] as string[]).includes(v.style)) return usage(io, `--style must be ${[...BURN_PRESETS, 'custom'].join(', ')}, not "${v.style}".`);
  if (v.quality && !(QUALITIES as readonly string[]).includes(v.quality)) return usage(io, `--quality must be ${QUALITIES.join(', ')}, not "${v.quality}".`);
  if (v.encoder && !(ENCODER_CHOICES as readonly string[]).includes(v.encoder)) return usage(io, `--encoder must be auto or software, not "${v.encoder}".`);
  const previewAt = v.preview === undefined ? undefined : parseTime(v.preview);
  if (v.preview !== undefined && previewAt === undefined) return usage(io, `--preview takes a time in seconds (12.5) or mm:ss (1:05), not "${v.preview}".`);
  if (previewAt !== undefined && !v.out) return usage(io, '--preview needs --out FILE.png (or .jpg) for the frame.');

  const app = openApp({ env: io.env });
  try {
    let track: Track;
    let title: string;
    let transcriptId: string | null = null;
    let video = v.video ? resolve(v.video) : undefined;
    let language: string | null = null;
    const asFile = resolve(source);
    if (existsSync(asFile)) {
      track = await readCaptionFile(asFile);
      title = basename(asFile, extname(asFile));
      video ??= siblingMedia(asFile) ?? undefined;
    } else {
      const id = app.transcripts.resolveId(source);
      const meta = id ? app.transcripts.meta(id) : undefined;
      const t = id ? app.transcripts.track(id) : undefined;
      if (!id || !meta || !t) {
        io.stderr.write(`"${source}" is neither a caption file nor a transcript id (see "captioner library list").\n`);
        return 1;
      }
      track = t;
      title = meta.title;
      transcriptId = id;
      language = meta.language;
      video ??= meta.sourcePath ?? undefined;
    }
    if (!video) return usage(io, `No video for ${source}: give it with --video FILE.`);
    const prefs = loadBurnPrefs(app.settings);
    const style: BurnStyle = !v.style ? prefs.style : v.style === 'custom' ? prefs.style : burnPreset(v.style as (typeof BURN_PRESETS)[number]);
    const svc = burnService(app);

    if (previewAt !== undefined) {
      const out = resolve(v.out as string);
      const png = !/\.jpe?g$/i.test(out);
      if (existsSync(out) && !v.overwrite) {
        io.stderr.write(`${out} already exists; nothing written. Pass --overwrite to replace it.\n`);
        return 1;
      }
      const p = await svc.preview({ track, video, style, atMs: previewAt, format: png ? 'png' : 'jpeg', title });
      await writeFile(out, p.bytes);
      io.stderr.write(`wrote ${out} (${p.width}×${p.height}, at ${formatClock(previewAt)})\n`);
      return 0;
    }

    const quality = (v.quality ?? prefs.quality) as BurnQuality;
    const encoder = (v.encoder ?? prefs.encoder) as EncoderChoice;
    const output = svc.plannedOutput({ video, title, language, out: v.out ? resolve(v.out) : undefined });
    const unfinished = svc.findUnfinished(video, output);
    let job: BurnJobView;
    if (unfinished) {
      io.stderr.write(`${output}: an interrupted burn-in of this video is restarted.\n`);
      job = svc.resume(unfinished.id);
    } else {
      job = await svc.start({ track, title, transcriptId, captionPath: transcriptId ? null : asFile, language, video, style, quality, encoder, out: output, overwrite: Boolean(v.overwrite) });
    }
    const tty = Boolean(io.stderr.isTTY);
    let lastPlain = -1;
    const off = svc.onUpdate((u) => {
      if (u.id !== job.id || u.stage !== 'rendering') return;
      const eta = u.etaSeconds !== undefined ? `, ETA ${clock(u.etaSeconds)}` : '';
      const line = `burning ${basename(u.outputPath)}: ${Math.floor(u.progress)}%${u.encoder ? ` (${u.encoder})` : ''}${eta}`;
      if (tty) io.stderr.write(`\r\x1b[2K${line}`);
      else if (Math.floor(u.progress / 25) !== lastPlain) {
        lastPlain = Math.floor(u.progress / 25);
        io.stderr.write(`${line}\n`);
      }
    });
    // Ctrl-C cancels: the partial video is removed, nothing is left under either name.
    const interrupt = (): void => void svc.cancel(job.id).catch(() => undefined);
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const end = await svc.wait(job.id);
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    off();
    if (tty) io.stderr.write('\r\x1b[2K');
    for (const n of end.notes) io.stderr.write(`! hardware encoder failed, fell back: ${n}\n`);
    if (end.stage === 'done') {
      io.stdout.write(`✓ ${end.outputPath} (${end.encoder ?? 'libx264'}, ${end.quality})\n`);
      return 0;
    }
    io.stderr.write(end.stage === 'canceled' ? 'Canceled; no video was written.\n' : `✗ ${end.error?.message ?? 'failed'} [${end.error?.code ?? 'BURN_FAILED'}]\n`);
    return end.stage === 'canceled' ? 130 : 1;
  } catch (e) {
    const err = toAppError(e);
    io.stderr.write(`${err.message} [${err.code}]\n`);
    return 1;
  } finally {
    await app.close();
  }
}

function usage(io: Io, message: string): number {
  io.stderr.write(`captioner burn: ${message}\n`);
  return 2;
}
