import { wrapTokens } from '../captions/linebreak';
import type { Cue } from '../captions/model';
import type { Preset } from '../captions/presets';
import { joinTokens, tokenizeText } from '../captions/text';
import { placeTranslation } from './align';

/** One cue's translation in one language changed by an editor operation (`after` empty: removed). */
export interface CarriedTranslation {
  lang: string;
  cueId: string;
  before: string[];
  after: string[];
}

type Lines = ReadonlyMap<string, readonly string[]>;

const text = (lines: readonly string[] | undefined): string => joinTokens((lines ?? []).map((l) => l.trim().replace(/\s+/g, ' ')));
const sameRange = (a: Cue, b: Cue): boolean => a.start === b.start && a.end === b.end;

/**
 * What an editor operation (one step from `before` to `after`) does to the translations: a cue
 * split in two gives its translation to both halves (cut with placeTranslation, as a job would
 * have placed it); cues merged into one join their translations (a space between Latin words,
 * none between CJK characters) wrapped with the target preset; a deleted cue's translation goes.
 * Inserted cues start untranslated; moved, stretched or re-timed cues keep theirs (translations
 * are keyed by cue id). The operation is read from the two tracks, so a QC fix that merges cues
 * or a re-transcribed span is handled the same way as the editor's own split and merge.
 *
 * `translations` holds every loaded language's lines per cue id; `presetFor` gives the preset a
 * language's translation is wrapped with. Only cues with a translation produce changes.
 */
export function carryTranslations(before: readonly Cue[], after: readonly Cue[], translations: ReadonlyMap<string, Lines>, presetFor: (lang: string) => Preset): CarriedTranslation[] {
  if (before === after || !translations.size) return [];
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Set(after.map((c) => c.id));
  const changed = (c: Cue): boolean => {
    const o = old.get(c.id);
    return Boolean(o && !sameRange(o, c));
  };

  // Splits: a cue that shrank, followed by new cues lying inside its old time.
  const splits: Cue[][] = [];
  for (let k = 0; k < after.length; k++) {
    const head = after[k] as Cue;
    const was = old.get(head.id);
    if (!was || !changed(head)) continue;
    const group = [head];
    for (let j = k + 1; j < after.length; j++) {
      const c = after[j] as Cue;
      if (old.has(c.id) || c.start < was.start || c.end > was.end) break;
      group.push(c);
    }
    if (group.length > 1) splits.push(group);
  }

  // Merges: a cue that grew over cues that are gone; the rest of the vanished cues were deleted.
  const gone = before.filter((c) => !now.has(c.id));
  const merges = new Map<string, Cue[]>();
  const merged = new Set<string>();
  for (const c of after) {
    const was = old.get(c.id);
    if (!was || !changed(c)) continue;
    const parts = gone.filter((g) => !merged.has(g.id) && g.start >= c.start && g.end <= c.end);
    if (!parts.length) continue;
    parts.forEach((g) => merged.add(g.id));
    merges.set(c.id, [was, ...parts].sort((a, b) => a.start - b.start));
  }

  const out: CarriedTranslation[] = [];
  for (const [lang, lines] of translations) {
    const preset = presetFor(lang);
    const put = (cueId: string, next: string[]) => {
      const prev = [...(lines.get(cueId) ?? [])];
      if (prev.join('\n') !== next.join('\n')) out.push({ lang, cueId, before: prev, after: next });
    };
    for (const group of splits) {
      const whole = text(lines.get((group[0] as Cue).id));
      if (!whole) continue;
      placeTranslation(group, whole, lang, preset).forEach((l, i) => put((group[i] as Cue).id, l));
    }
    for (const [id, parts] of merges) {
      const joined = joinTokens(parts.map((p) => text(lines.get(p.id))));
      if (!joined) continue;
      put(id, wrapTokens(tokenizeText(joined), preset));
      for (const p of parts) if (p.id !== id) put(p.id, []);
    }
    for (const g of gone) if (!merged.has(g.id)) put(g.id, []);
  }
  return out;
}
