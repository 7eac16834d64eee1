import { burnPreset, burnStyleSchema, type BurnQuality, type BurnStyle, type EncoderChoice } from '../../shared/burn/style';
import type { SettingsRepo } from '../db/repos/settings';

/**
 * Burn-in choices kept in settings: the style last used or edited (`burnStyle`), the quality
 * (`burnQuality`) and the encoder choice (`burnEncoder`). A stored value that no longer
 * validates falls back to the default instead of breaking the dialog.
 */
export interface BurnPrefs {
  style: BurnStyle;
  quality: BurnQuality;
  encoder: EncoderChoice;
}

export function loadBurnPrefs(settings: SettingsRepo): BurnPrefs {
  // The settings store validates every value against the table (shared/settings.ts); a stored value
  // that no longer validates reads as the default.
  return { style: settings.get('burnStyle') ?? burnPreset('standard'), quality: settings.get('burnQuality'), encoder: settings.get('burnEncoder') };
}

export function saveBurnPrefs(settings: SettingsRepo, p: { [K in keyof BurnPrefs]?: BurnPrefs[K] | undefined }): BurnPrefs {
  if (p.style) settings.set('burnStyle', burnStyleSchema.parse(p.style));
  if (p.quality) settings.set('burnQuality', p.quality);
  if (p.encoder) settings.set('burnEncoder', p.encoder);
  return loadBurnPrefs(settings);
}
