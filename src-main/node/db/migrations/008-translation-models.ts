import type { Database } from 'better-sqlite3';

/**
 * v8: each translation batch records the model it was sent to. A rerun that asks for another model
 * goes on with the unfinished job under the new model (docs/DECISIONS.md): its finished batches
 * stay as they were billed, so the job's cost is counted per batch, at the model that answered.
 * NULL: never sent, or sent before v8 (then the job's model, which could not change then).
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE translation_batches ADD COLUMN model TEXT');
}
