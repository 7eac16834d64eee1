import { describe, expect, it } from 'vitest';
import { detectLanguage, detectTrackLanguage } from '../../../src-main/shared/captions/language';

describe('language from the script of the text', () => {
  it('tells the scripts apart', () => {
    expect(detectLanguage('大家好，我们开始今天的周会。')).toBe('zh');
    expect(detectLanguage('今日はいい天気ですね。')).toBe('ja');
    expect(detectLanguage('안녕하세요, 회의를 시작하겠습니다.')).toBe('ko');
    expect(detectLanguage('Hello world, this is a talk.')).toBe('en');
    expect(detectLanguage('Привет, мир')).toBe('ru');
    expect(detectLanguage('สวัสดีครับ')).toBe('th');
    expect(detectLanguage('12:30 — 45 %')).toBeUndefined();
  });

  it('reads a Chinese talk with English terms as Chinese, and an English talk with one Chinese name as English', () => {
    expect(detectLanguage('我们用 Kubernetes 和 Istio 部署服务')).toBe('zh');
    expect(detectLanguage('Today we welcome our guest 王伟 to talk about distributed systems and their failures.')).toBe('en');
  });

  it('decides a track from all its cues, not the first one', () => {
    expect(detectTrackLanguage(['OK.', 'Yes.', '我们今天讨论一下项目的进度和下一步的计划。', '好的，我先说。'])).toBe('zh');
    expect(detectTrackLanguage([])).toBeUndefined();
  });
});
