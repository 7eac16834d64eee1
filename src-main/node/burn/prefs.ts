import { ENCODER_CHOICES, QUALITIES, burnPreset, burnStyleSchema, type BurnQuality, type BurnStyle, type EncoderChoice } from '../../shared/burn/style';
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
  const style = burnStyleSchema.safeParse(settings.get('burnStyle'));
  const quality = settings.get<string>('burnQuality');
  const encoder = settings.get<string>('burnEncoder');
  return {
    style: style.success ? style.data : burnPreset('standard'),
    quality: (QUALITIES as readonly string[]).includes(quality ?? '') ? (quality as BurnQuality) : 'balanced',
    encoder: (ENCODER_CHOICES as readonly string[]).includes(encoder ?? '') ? (encoder as EncoderChoice) : 'auto',
  };
}

export function saveBurnPrefs(settings: SettingsRepo, p: { [K in keyof BurnPrefs]?: BurnPrefs[K] | undefined }): BurnPrefs {
  if (p.style) settings.set('burnStyle', burnStyleSchema.parse(p.style));
  if (p.quality) settings.set('burnQuality', p.quality);
  if (p.encoder) settings.set('burnEncoder', p.encoder);
  return loadBurnPrefs(settings);
}
