import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * Finds the error codes a part of the backend can produce by reading its source: the completeness
 * tests of the code lists (shared/job-codes.ts, shared/api-codes.ts) start from the modules a path
 * runs and follow their imports (type-only imports run nothing).
 */
export const SRC = resolve(import.meta.dirname, '..', '..', 'src-main');

/** The files of a path: `follow` roots with everything they import from the project, `only` roots as they are. */
export function codePath(roots: { follow?: string[]; only?: string[] }): Map<string, string> {
  const files = new Map<string, string>();
  const read = (file: string): string => {
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    return text;
  };
  const todo = (roots.follow ?? []).map((r) => resolve(SRC, r));
  while (todo.length) {
    const file = todo.pop() as string;
    if (files.has(file)) continue;
    const text = read(file);
    for (const m of text.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gms)) {
      const target = resolve(dirname(file), `${m[1]}.ts`);
      if (existsSync(target)) todo.push(target);
    }
  }
  for (const r of roots.only ?? []) if (!files.has(resolve(SRC, r))) read(resolve(SRC, r));
  return files;
}

/** The arguments of a call whose text starts at `from` (after its opening bracket), split at the commas at depth 0. */
function callArguments(text: string, from: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = from;
  for (let i = from; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && depth-- === 0) return [...args, text.slice(start, i)];
    else if (c === ',' && depth === 0) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

/** A code given to an error constructor or helper, with the `reason` literals its params name. */
export interface CodeUse {
  code: string;
  file: string;
  reasons: string[];
}

/**
 * Codes given to the error constructors and helpers (CodedError, ServiceError, err, mk, fail…) as
 * literals, as the branches of a condition, or as named constants, and codes of replies written
 * as literals (`error: { code: 'X' }`); files are relative to src-main.
 */
export function codeUses(files: Map<string, string>): CodeUse[] {
  const all = [...files.values()].join('\n');
  const constants = new Map([...all.matchAll(/export const ([A-Z][A-Z0-9_]+) = '([A-Z][A-Z0-9_]+)'/g)].map((m) => [m[1] as string, m[2] as string]));
  const uses: CodeUse[] = [];
  for (const [path, text] of files) {
    const file = relative(SRC, path);
    for (const m of text.matchAll(/(?:new (?:CodedError|ServiceError)|\berr|\bmk|\bfail|\bfailed)\(/g)) {
      const [first = '', ...rest] = callArguments(text, (m.index ?? 0) + m[0].length);
      const constant = constants.get(first.trim());
      // 'X' compared against (=== 'ENOENT') is a condition, not a code the call gives.
      const literals = [...first.matchAll(/(?<![=!]==\s*)'([A-Z][A-Z0-9_]+)'/g)].map((l) => l[1] as string);
      const reasons = [...rest.join(',').matchAll(/\breason: '([A-Z][A-Z0-9_]+)'/g)].map((r) => r[1] as string);
      for (const code of constant ? [constant] : literals) uses.push({ code, file, reasons });
    }
    for (const m of text.matchAll(/error: \{ code: '([A-Z][A-Z0-9_]+)'/g)) uses.push({ code: m[1] as string, file, reasons: [] });
  }
  return uses;
}

/** Each code found on a path, with the files that produce it. */
export function thrownCodes(files: Map<string, string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const u of codeUses(files)) found.set(u.code, [...new Set([...(found.get(u.code) ?? []), u.file])]);
  return found;
}
