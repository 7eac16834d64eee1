import type { Region } from '../../core/pricing';
import type { FlashContext } from '../../shared/flash';
import type { JobWarning } from '../../shared/job-codes';
import type { JobFinding, JobStage, JobView } from '../../shared/jobs';
import type { ServiceObservation, ServiceStats } from '../../core/progress';
import type { DashScopeClient } from '../dashscope/client';
import type { HostedFilesRepo } from '../db/repos/hosted';
import type { JobPatch, JobRow, JobsRepo } from '../db/repos/jobs';
import type { MediaRepo } from '../db/repos/media';
import type { TranscriptsRepo } from '../db/repos/transcripts';
import type { HostingServer } from '../hosting/server';
import type { ToolPaths } from '../media/locate';
import type { ChildRegistry } from './children';
import type { Gate } from './semaphore';

export interface RunnerDeps {
  jobs: JobsRepo;
  media: MediaRepo;
  transcripts: TranscriptsRepo;
  hosted: HostedFilesRepo;
  /** ffmpeg children of this library, so a crash leaves none running. */
  children: ChildRegistry;
  /** Runs fn in one SQLite transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Lazy, so a missing ffmpeg or API key fails the jobs that need them with a clear error. */
  tools: () => ToolPaths;
  /** yt-dlp for web-page URLs (issue 14); throws YTDLP_MISSING with what to do when it is not installed. */
  ytDlp: () => string;
  /** Per-request timeout when probing URL inputs (default 15 s). */
  urlTimeoutMs?: number;
  client: () => DashScopeClient;
  hosting: () => Promise<HostingServer>;
  /** Read when needed, so settings changes apply to the next stage without a restart. */
  delivery: () => { serviceIsLoopback: boolean; hasPublicBaseUrl: boolean };
  urlTtlSeconds: number;
  /** Read per job: the region decides the price of the estimate. */
  region: () => Region;
  audioDir: string;
  /** Where media analyses are cached (the speech map the editor shares); none: the coverage check is skipped. */
  analysisDir?: string;
  extractSlots: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  onUpdate?: (view: JobView) => void;
  log?: (line: string) => void;
  /** Context for quick mode (glossary from the library, corrected terms, the user's text). */
  quickContext?: () => FlashContext;
  /** What the service was seen to do (queue wait, speed), learned from finished jobs; the prior without. */
  serviceStats?: () => ServiceStats;
  /** Folds one finished task into the stored service statistics. */
  learnService?: (o: ServiceObservation) => void;
}

/** What every stage may use: the dependencies, and committing or announcing a change. */
export interface StageContext {
  d: RunnerDeps;
  /** Commits a patch to SQLite, then tells the UI; `durable` waits for the disk (see JobsRepo.update). */
  commit(jobId: string, patch: JobPatch, durable?: boolean): JobRow;
  /** Tells the UI without committing (progress ticks, status codes). */
  emit(row: JobRow, extra?: Partial<JobView>): void;
  /** Overall progress (0–100) of a job at this point of a stage, weighted by the file's length. */
  progress(row: JobRow, stage: JobStage, stagePercent: number): number;
  /** Expected milliseconds of each stage for this job (core/progress.ts). */
  weights(row: JobRow): Record<JobStage, number>;
  stats(): ServiceStats;
  extractGate: Gate;
  /** Bounds concurrent ffprobe children (see pools.ts; shared with extraction). */
  probeGate: Gate;
  /** Bounds concurrent link checks (preflight, ffprobe over HTTP, yt-dlp); see pools.ts. */
  linkGate: Gate;
  /** Tasks seen while resolving unclear submits, shared by all jobs of the runner. */
  taskCache: Map<string, { fileUrls: string[]; terminal: boolean; status: string; checkedAt: number }>;
}

export async function abortableSleep(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    void sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** The job's warnings with more added: coded warnings or findings (see jobView). */
export const warningsWith = (row: Pick<JobRow, 'warnings_json'>, ...more: (JobWarning | JobFinding)[]): string => JSON.stringify([...(JSON.parse(row.warnings_json) as unknown[]), ...more]);
