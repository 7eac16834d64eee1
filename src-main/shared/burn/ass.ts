import type { Track } from '../captions/model';
import { formatAss, type AssStyle } from '../formats/ass';
import { REF_HEIGHT, secondLanguageFrom, type BurnStyle, type BurnTextStyle } from './style';

const toAss = (name: string, s: BurnTextStyle): AssStyle => ({ name, ...s });

/** The ASS script libass renders: the transcript through our ASS writer, in the video's aspect ratio. */
export function burnAss(track: Pick<Track, 'cues' | 'speakers'>, style: BurnStyle, video: { width: number; height: number }, title = 'Captioner'): string {
  const aspect = video.width > 0 && video.height > 0 ? video.width / video.height : 16 / 9;
  return formatAss(track, {
    width: Math.max(1, Math.round(REF_HEIGHT * aspect)),
    height: REF_HEIGHT,
    style: toAss('Default', style.main),
    secondary: toAss('Secondary', style.second),
    bilingual: style.bilingual,
    secondFrom: secondLanguageFrom,
    oneEvent: true,
    speakers: false,
    title,
  });
}
