import ffmpeg from 'fluent-ffmpeg';
import { z } from 'zod';
import { CodedError } from '../../shared/result';
import { checkInputFile } from '../media/inspect';
import type { ToolPaths } from '../media/locate';
import type { VideoFacts } from './render';

const num = z.union([z.number(), z.string()]).optional().transform((v) => (v === undefined || v === '' || v === 'N/A' ? undefined : Number(v)));
const probeSchema = z.looseObject({
  streams: z.array(z.looseObject({
    codec_type: z.string().optional(), codec_name: z.string().optional(), width: num, height: num, avg_frame_rate: z.string().optional(), r_frame_rate: z.string().optional(),
    duration: num, tags: z.looseObject({ rotate: z.string().optional() }).optional(), side_data_list: z.array(z.looseObject({ rotation: num })).optional(),
    disposition: z.looseObject({ attached_pic: z.number().optional() }).optional(),
  })).default([]),
  format: z.looseObject({ duration: num }).optional(),
});

const rate = (r: string | undefined): number => {
  const m = /^(\d+)\/(\d+)$/.exec(r ?? '');
  return m && Number(m[2]) ? Number(m[1]) / Number(m[2]) : 0;
};

/** What a burn needs to know of a video: its displayed frame size (after rotation), rate, length, audio codec. */
export async function probeVideo(path: string, tools: ToolPaths): Promise<VideoFacts> {
  await checkInputFile(path);
  const raw = await new Promise<unknown>((resolve, reject) => {
    ffmpeg(path).setFfprobePath(tools.ffprobe).ffprobe((e: Error | null, data: unknown) => (e ? reject(e) : resolve(data)));
  }).catch(() => {
    throw new CodedError('UNREADABLE_MEDIA', `${path} is not a video ffmpeg can read, or it is corrupt. Check that it plays, or re-export it.`, { file: path });
  });
  const p = probeSchema.safeParse(raw);
  const streams = p.success ? p.data.streams : [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!v?.width || !v.height) throw new CodedError('NO_VIDEO', `${path} has no video picture to burn captions into (an audio file?). Choose the video the transcript belongs to.`, { file: path });
  const rotation = Math.abs(v.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? Number(v.tags?.rotate ?? 0)) % 180;
  const [width, height] = rotation === 90 ? [v.height, v.width] : [v.width, v.height];
  const durationMs = Math.round(((p.success ? p.data.format?.duration : undefined) ?? v.duration ?? 0) * 1000);
  if (!durationMs) throw new CodedError('UNKNOWN_DURATION', `${path} has no duration ffmpeg can read; re-export (remux) it first.`, { file: path });
  const audio = streams.find((s) => s.codec_type === 'audio');
  return { width, height, fps: rate(v.avg_frame_rate) || rate(v.r_frame_rate) || 25, durationMs, audioCodec: audio ? (audio.codec_name ?? 'unknown') : undefined };
}
