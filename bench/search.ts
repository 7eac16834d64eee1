/**
 * `npm run bench -- search`: library search on a generated library of 10,000 transcripts (2.0M
 * cues, half English, half Chinese, some mixed), common and rare words, 1, 2 and 3+ character
 * Chinese queries, speaker names and titles, a typo, later pages, against a plain
 * `LIKE '%q%' LIMIT 50` scan of the same cues in the same run.
 * Prints p50/p95/max per engine, per-query medians, and the file size over the cue text size.
 *
 * The library is built once (a few minutes) and kept in bench-output/ (gitignored); delete the file
 * to rebuild it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../src-main/node/db/connection';
import { TranscriptsRepo } from '../src-main/node/db/repos/transcripts';
import type { Cue } from '../src-main/shared/captions/model';

const TRANSCRIPTS = 10_000;
const CUES_PER = 200;
const GENERATOR = 2; // bump when the generated content changes
const dir = join(import.meta.dirname, '..', 'bench-output');
const path = join(dir, `search-library-v${GENERATOR}.db`);

const EN_COMMON = 'the and to of a in that is it we you for this on with be are have not as at so but they our what can will about from there an all if do just one like more people think know time going which would very really see get make good well'.split(' ');
const EN_TOPIC = 'meeting budget project customer quarter revenue design release schedule feature question answer market product team review report sales growth plan data model system research lecture student chapter example problem solution'.split(' ');
const ZH_COMMON = '我们 你们 他们 这个 那个 今天 明天 会议 问题 大家 已经 可以 因为 所以 但是 如果 什么 怎么 时候 现在 一下 一个 没有 知道 觉得 工作 项目 客户 季度 收入 设计 发布 计划 市场 产品 团队 报告 销售 增长 数据 研究 学生 例子 方案'.split(' ');
const ZH_PARTICLE = '的 了 是 在 就 也 都 和 很 还 要 说 对 好 吧 呢 啊'.split(' ');

function library(): void {
  if (existsSync(path)) return;
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.building`;
  rmSync(tmp, { force: true });
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // Zipf-like pick: low indexes far more often.
  const zipf = <T>(xs: readonly T[]): T => xs[Math.floor(xs.length * rnd() ** 2.2)] as T;
  // Rare words: 40,000 made-up words, each in a handful of cues (names, jargon, places).
  const syll = ['ka', 'lo', 'mi', 'ren', 'tu', 'vor', 'zen', 'qua', 'bel', 'dri', 'fos', 'gar', 'hul', 'jin', 'nop', 'pex'];
  const rare = (): string => `${syll[Math.floor(rnd() * 16)]}${syll[Math.floor(rnd() * 16)]}${syll[Math.floor(rnd() * 16)]}${syll[Math.floor(rnd() * 16)]}`;
  const en = (): string => {
    const n = 8 + Math.floor(rnd() * 6);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(rnd() < 0.02 ? rare() : rnd() < 0.7 ? zipf(EN_COMMON) : zipf(EN_TOPIC));
    return ws.join(' ');
  };
  const zh = (): string => {
    const n = 8 + Math.floor(rnd() * 5);
    let s = '';
    for (let i = 0; i < n; i++) s += rnd() < 0.35 ? zipf(ZH_PARTICLE) : zipf(ZH_COMMON);
    return rnd() < 0.1 ? `${s}，${zipf(EN_TOPIC)}` : `${s}。`;
  };
  const db = openDb(tmp);
  let clock = Date.UTC(2024, 0, 1);
  const repo = new TranscriptsRepo(db, () => (clock += 60_000));
  const started = performance.now();
  for (let t = 0; t < TRANSCRIPTS; t += 100) {
    db.transaction(() => {
      for (let k = t; k < t + 100; k++) {
        const chinese = k % 2 === 1;
        const cues: Cue[] = Array.from({ length: CUES_PER }, (_, i) => ({ id: `c${i + 1}`, start: i * 3000, end: i * 3000 + 2500, lines: [chinese ? zh() : en()], words: [], speaker: i % 2 }));
        repo.create({
          title: chinese ? `${zipf(ZH_COMMON)}${zipf(ZH_COMMON)} 第${k}期` : `${zipf(EN_TOPIC)} ${zipf(EN_TOPIC)} #${k}`,
          track: { cues, speakers: [{ id: 0, name: chinese ? '王小明' : 'Alice Smith' }, { id: 1, name: `${rare()} ${rare()}` }] },
          presetId: 'bench', durationMs: CUES_PER * 3000,
        });
      }
    })();
    if (t % 1000 === 0) process.stdout.write(`\rbuilding the 10,000-transcript library… ${t}`);
  }
  db.exec("INSERT INTO cue_fts(cue_fts) VALUES ('optimize'); INSERT INTO transcript_fts(transcript_fts) VALUES ('optimize')");
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, path);
  console.log(`\rbuilt ${path} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

export async function benchSearch(): Promise<void> {
  library();
  const db = openDb(path);
  const repo = new TranscriptsRepo(db, () => Date.now());
  // Find a few rare words actually in the library (in 1–20 cues).
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, cue_fts, 'row')");
  const rares = (db.prepare("SELECT term, doc FROM temp.bench_vocab WHERE term >= 'ka' AND term < 'kb' LIMIT 400").raw().all() as [string, number][]).filter(([, d]) => d <= 20).slice(0, 3).map(([t]) => t);
  /** [kind, query, offset]: an offset pages through the hits (50 a page). */
  const queries: [string, string, number?][] = [
    ['common EN', 'the'], ['common EN', 'and'], ['EN word', 'budget'], ['EN phrase', 'the meeting'], ['EN 2 words', 'revenue customer'],
    ...rares.map((r): [string, string] => ['rare EN', r]),
    ['EN typo', 'budegt'], ['no match', 'xylophonequartz'],
    ['ZH 1 char', '的'], ['ZH 1 char', '我'], ['ZH 2 chars', '我们'], ['ZH 2 chars', '会议'], ['ZH 3 chars', '我们的'], ['ZH 4+ chars', '今天的会议'], ['ZH rare', '客户季度收入'],
    ['speaker', '王小明'], ['speaker EN', 'Alice Smith'], ['title', '#4320'], ['title ZH', '第4321期'],
    ['page 2', 'the', 50], ['page 11', 'budget', 500], ['page 41', '我们', 2000],
  ];
  const like = db.prepare("SELECT c.transcript, c.id, c.start_ms, c.text FROM cues c WHERE c.text LIKE ? ESCAPE '\\' LIMIT 50 OFFSET ?");
  const engines: [string, (q: string, offset: number) => number][] = [
    ['captioner', (q, offset) => repo.search(q, { offset }).length],
    ['LIKE scan', (q, offset) => like.all(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, offset).length],
  ];
  const ROUNDS = 7;
  const key = (q: string, offset = 0): string => `${q}@${offset}`;
  const times = new Map(engines.map(([n]) => [n, new Map(queries.map(([, q, o]) => [key(q, o), [] as number[]]))]));
  const counts = new Map<string, number>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const [, q, offset = 0] of queries) {
      for (const [name, run] of engines) {
        const t = performance.now();
        const n = run(q, offset);
        times.get(name)?.get(key(q, offset))?.push(performance.now() - t);
        if (name === 'captioner') counts.set(key(q, offset), n);
      }
    }
  }
  const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] as number;
  const median = (xs: number[]): number => pct(xs, 0.5);
  const cues = db.prepare('SELECT count(*) FROM cues').pluck().get() as number;
  const textBytes = db.prepare('SELECT sum(length(CAST(text AS BLOB))) FROM cues').pluck().get() as number;
  const fileBytes = statSync(path).size;
  console.log(`\nLibrary search: ${TRANSCRIPTS.toLocaleString('en')} transcripts, ${cues.toLocaleString('en')} cues, ${(textBytes / 1e6).toFixed(0)} MB of cue text; ${ROUNDS} interleaved rounds of ${queries.length} queries`);
  console.log(`baseline: a plain LIKE '%q%' LIMIT 50 over the same cues, in this same run\n`);
  console.log(`${'query'.padEnd(34)} ${'hits'.padStart(5)} ${'captioner'.padStart(10)} ${'LIKE'.padStart(10)}`);
  for (const [kind, q, offset] of queries) {
    const k = key(q, offset);
    console.log(`${`${kind}: ${q}${offset ? ` (from ${offset})` : ''}`.padEnd(34)} ${String(counts.get(k)).padStart(5)} ${median(times.get('captioner')?.get(k) ?? []).toFixed(2).padStart(7)} ms ${median(times.get('LIKE scan')?.get(k) ?? []).toFixed(2).padStart(7)} ms   max ${Math.max(...(times.get('captioner')?.get(k) ?? [])).toFixed(2)} ms`);
  }
  const all = (name: string): number[] => [...(times.get(name)?.values() ?? [])].flat();
  for (const [name] of engines) {
    const xs = all(name);
    console.log(`${name.padEnd(10)} p50 ${pct(xs, 0.5).toFixed(2)} ms   p95 ${pct(xs, 0.95).toFixed(2)} ms   max ${Math.max(...xs).toFixed(2)} ms`);
  }
  const p95 = pct(all('captioner'), 0.95);
  console.log(`search p95 ${p95.toFixed(2)} ms (target < 20 ms) — ${p95 < 20 ? 'met' : 'NOT met'}`);
  const ratio = fileBytes / textBytes;
  console.log(`database ${(fileBytes / 1e6).toFixed(0)} MB for ${(textBytes / 1e6).toFixed(0)} MB of cue text: ${ratio.toFixed(2)}× (target ≤ 3×) — ${ratio <= 3 ? 'met' : 'NOT met'}`);
  db.close();
}
