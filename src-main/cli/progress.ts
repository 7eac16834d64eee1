import { describeStatus } from '../core/jobs';
import type { JobView } from '../shared/jobs';

const clock = (s: number): string => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`);

function line(v: JobView, width: number): string {
  const bar = 20;
  const filled = Math.round((v.progress / 100) * bar);
  const eta = v.etaSeconds !== undefined && v.stage !== 'done' ? ` ETA ${clock(v.etaSeconds)}` : '';
  const name = v.title.length > width ? `${v.title.slice(0, width - 1)}…` : v.title.padEnd(width);
  return `${name} [${'#'.repeat(filled)}${'-'.repeat(bar - filled)}] ${v.progress.toFixed(0).padStart(3)}% ${describeStatus(v.status, v.statusParams)}${eta}`;
}

/** Progress bars redrawn in place on a terminal; plain lines (stage changes, every 25%) otherwise. */
export class ProgressView {
  private readonly views = new Map<string, JobView>();
  private readonly lastPlain = new Map<string, string>();
  private drawn = 0;
  constructor(private readonly out: NodeJS.WriteStream | NodeJS.WritableStream, private readonly tty: boolean) {}

  update(v: JobView): void {
    if (!this.views.has(v.id) && this.views.size === 0 && !this.tty) this.drawn = 0;
    this.views.set(v.id, v);
    if (this.tty) this.redraw();
    else {
      const key = `${v.stage}:${Math.floor(v.progress / 25)}`;
      if (this.lastPlain.get(v.id) === key) return;
      this.lastPlain.set(v.id, key);
      this.out.write(`${v.title}: ${describeStatus(v.status, v.statusParams)} ${v.progress.toFixed(0)}%${v.etaSeconds !== undefined && v.stage === 'extracting' ? ` (ETA ${clock(v.etaSeconds)})` : ''}\n`);
    }
  }

  /** Prints a line above the bars (a result or an error). */
  note(text: string): void {
    if (this.tty) {
      this.clear();
      this.out.write(`${text}\n`);
      this.drawn = 0;
      this.redraw();
    } else this.out.write(`${text}\n`);
  }

  private clear(): void {
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
  }

  private redraw(): void {
    this.clear();
    const width = Math.min(32, [...this.views.values()].reduce((m, v) => Math.max(m, v.title.length), 8));
    const lines = [...this.views.values()].map((v) => line(v, width));
    this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
