/**
 * For db-relaxed.test.ts: opens the library given as argv[2], creates a job, walks it through
 * argv[3] relaxed stage commits, prints "committed", and is killed by SIGKILL right away.
 */
import { openDb } from '../../src-main/node/db/connection';
import { JobsRepo } from '../../src-main/node/db/repos/jobs';
import { jobOptionsSchema } from '../../src-main/shared/jobs';

const db = openDb(process.argv[2] as string);
const jobs = new JobsRepo(db, () => Date.now());
const row = jobs.create('/media/talk.mp4', jobOptionsSchema.parse({}));
const n = Number(process.argv[3]);
for (let i = 1; i <= n; i++) jobs.update(row.id, { progress: i, stage: i === n ? 'extracting' : 'probing' });
process.stdout.write(`committed ${row.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
