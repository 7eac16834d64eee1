import type { ApiErrorData } from '../api-codes';

/** A burn-in job as the UI and the CLI see it. */
export const BURN_STAGES = ['queued', 'rendering', 'done', 'failed', 'canceled'] as const;
export type BurnStage = (typeof BURN_STAGES)[number];
export const BURN_TERMINAL: readonly BurnStage[] = ['done', 'failed', 'canceled'];

export interface BurnJobView {
  id: string;
  transcriptId: string | null;
  title: string;
  videoPath: string;
  outputPath: string;
  stage: BurnStage;
  progress: number;
  etaSeconds?: number;
  quality: string;
  /** The encoder used (or being used): h264_nvenc, h264_qsv, h264_videotoolbox, h264_vaapi or libx264. */
  encoder?: string;
  /** Hardware encoders that failed before the one used (each with ffmpeg's reason). */
  notes: string[];
  /** Why it failed: a code with params the UI words (shared/api-codes.ts), the English message for the CLI and logs. */
  error?: ApiErrorData;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
}
