import { describe, expect, it } from 'vitest';
import { burnAss } from '../../../src-main/shared/burn/ass';
import { BURN_PRESETS, burnPreset, burnStyleSchema, hasSecondLanguage, secondLanguageFrom } from '../../../src-main/shared/burn/style';
import { parseAss } from '../../../src-main/shared/formats/ass';
import { burnOutputPath } from '../../../src-main/node/burn/service';
import { audioArgs, containerFor } from '../../../src-main/node/burn/render';
import { encoderArgs } from '../../../src-main/node/burn/encoders';

const cue = (id: string, start: number, end: number, lines: string[]) => ({ id, start, end, lines, words: [] });

describe('burn-in styles', () => {
  it('finds the second language of a cue by script, and leaves one-language cues whole', () => {
    expect(secondLanguageFrom(['你好，世界', 'Hello, world'])).toBe(1);
    expect(secondLanguageFrom(['Hello, world', '你好，世界'])).toBe(1);
    expect(secondLanguageFrom(['第一行', '第二行', 'One line of English'])).toBe(2);
    expect(secondLanguageFrom(['two lines', 'of English'])).toBe(2); // no translation yet: one style
    expect(secondLanguageFrom(['中文', 'English', '又中文'])).toBe(3); // not a clean split
    expect(secondLanguageFrom(['only one'])).toBe(1);
    expect(hasSecondLanguage({ cues: [cue('a', 0, 1, ['a', 'b']), cue('b', 1, 2, ['中文', 'English'])] })).toBe(true);
    expect(hasSecondLanguage({ cues: [cue('a', 0, 1, ['a', 'b'])] })).toBe(false);
  });

  it('every preset validates, and writes an ASS libass reads with the video aspect as PlayRes', () => {
    for (const p of BURN_PRESETS) expect(burnStyleSchema.safeParse(burnPreset(p)).success).toBe(true);
    const track = { cues: [cue('a', 500, 1500, ['你好 {x}', 'Hello \\N there']), cue('b', 2000, 3000, ['Only English'])], speakers: [] };
    const ass = burnAss(track, burnPreset('bilingual'), { width: 1080, height: 1920 });
    expect(ass).toContain('PlayResX: 608\nPlayResY: 1080');
    // One event per cue; the second language switches style inline, so the lines keep their order.
    expect(ass).toContain('Dialogue: 0,0:00:00.50,0:00:01.50,Default,,0,0,0,,你好 ｛x｝\\N{\\rSecondary}Hello ＼N there');
    expect(ass).toContain('Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,Only English');
    const back = parseAss(ass);
    expect(back.cues.map((c) => c.lines)).toEqual([['你好 {x}', 'Hello \\N there'], ['Only English']]);
    expect(back.styles.map((s) => s.name)).toEqual(['Default', 'Secondary']);
    const boxed = burnAss(track, burnPreset('boxed'), { width: 1920, height: 1080 });
    expect(boxed).toMatch(/Style: Default,Noto Sans CJK SC,54,&H00FFFFFF,&H00FFFFFF,&H4C000000,&HFF000000,0,0,0,0,100,100,0,0,3,10,0,2,/);
  });

  it('names the burned video by the export template and keeps the container where H.264 fits', () => {
    const now = new Date('2026-01-02T00:00:00Z');
    expect(burnOutputPath({ video: '/v/talk.mp4', title: 'Talk', now })).toBe('/v/talk.captioned.mp4');
    expect(burnOutputPath({ video: '/v/talk.mkv', title: 'Talk', language: 'zh', template: '{name}.{lang}.{format}', folder: '/out', now })).toBe('/out/talk.zh.captioned.mkv');
    expect(burnOutputPath({ video: '/v/clip.webm', title: 'T', template: '{date} {title}.{format}', now })).toBe('/v/2026-01-02 T.captioned.mkv');
    expect(containerFor('/a/b.MOV')).toEqual({ container: 'mov', ext: 'mov' });
    expect(audioArgs('mp4', 'pcm_s16le')).toEqual(['-c:a', 'aac', '-b:a', '192k']);
    expect(audioArgs('mp4', 'aac')).toEqual(['-c:a', 'copy']);
    expect(audioArgs('matroska', 'pcm_s16le')).toEqual(['-c:a', 'copy']);
    expect(audioArgs('mp4', undefined)).toEqual(['-an']);
  });

  it('quality presets map to each encoder’s own rate control', () => {
    const f = { width: 1920, height: 1080, fps: 30 };
    expect(encoderArgs('libx264', 'high', f).output).toEqual(['-c:v', 'libx264', '-preset', 'slow', '-crf', '18']);
    expect(encoderArgs('h264_nvenc', 'small', f).output).toContain('30');
    expect(encoderArgs('h264_vaapi', 'balanced', f)).toMatchObject({ input: ['-vaapi_device', '/dev/dri/renderD128'], filter: 'format=nv12,hwupload' });
    const vt = (q: 'high' | 'small') => Number((encoderArgs('h264_videotoolbox', q, f).output[3] as string).replace('k', ''));
    expect(vt('high')).toBeGreaterThan(vt('small'));
  });
});
