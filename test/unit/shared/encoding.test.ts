import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, normalizeEncoding } from '../../../src-main/shared/formats/decode';
import { parseSrt } from '../../../src-main/shared/formats/srt';
import { parseVtt } from '../../../src-main/shared/formats/vtt';

/** An SRT file of a few cues in one language, as a subtitle site would serve it. */
function srt(lines: string[]): string {
  return lines.map((l, k) => `${k + 1}\n00:00:0${k},000 --> 00:00:0${k},900\n${l}\n`).join('\n');
}

const SAMPLES: Record<string, string[]> = {
  zhHans: ['大家好，我们开始今天的会议。', '这个季度的目标是什么？', '我们需要更多的时间来讨论这个问题。'],
  zhHant: ['大家好，我們開始今天的會議。', '這個季度的目標是什麼？', '我們需要更多的時間來討論這個問題。'],
  ja: ['こんにちは、今日はいい天気ですね。', 'それでは会議を始めましょう。', 'ありがとうございました。'],
  ko: ['안녕하세요, 오늘 회의를 시작하겠습니다.', '이번 분기의 목표는 무엇입니까?', '감사합니다. 다음에 또 만나요.'],
  cs: ['Příliš žluťoučký kůň úpěl ďábelské ódy.', 'Já nevím, co se stalo včera večer.', 'Řekněte mi, prosím, kde je nádraží.'],
  ru: ['Привет, как дела? Это тестовый субтитр.', 'Мы начинаем сегодняшнее совещание.', 'Спасибо за внимание, до свидания.'],
  fr: ['Café crème, déjà vu — naïve façade.', 'Où est la gare? Je ne sais pas, désolé.', 'À bientôt, et merci beaucoup pour tout.'],
  el: ['Γειά σου κόσμε, τι κάνεις σήμερα;', 'Ευχαριστώ πολύ για την προσοχή σας.', 'Θα τα πούμε αύριο το πρωί στο γραφείο.'],
  de: ['Größere Änderungen über das Wochenende.', 'Schöne Grüße aus München, bis später.', 'Die Straße ist heute wegen Bauarbeiten gesperrt.'],
};

describe('encoding detection of legacy files made with iconv', () => {
  it.each([
    ['gb18030', 'zhHans'],
    ['big5', 'zhHant'],
    ['shift_jis', 'ja'],
    ['euc-kr', 'ko'],
    ['windows-1250', 'cs'],
    ['windows-1251', 'ru'],
    ['windows-1252', 'fr'],
    ['iso-8859-2', 'cs'],
    ['iso-8859-5', 'ru'],
    ['iso-8859-7', 'el'],
    ['windows-1252', 'de'],
  ] as const)('%s (%s) decodes to the right text, or is flagged for the user with the right encoding among the candidates', (encoding, lang) => {
    const text = srt(SAMPLES[lang] as string[]);
    const bytes = new Uint8Array(iconv.encode(text, encoding));
    const r = parseSrt(bytes);
    const d = decodeText(bytes);
    if (d.sure) {
      expect(r.cues.map((c) => c.lines[0])).toEqual(SAMPLES[lang]);
      expect(r.issues.map((i) => i.code)).toContain('ENCODING');
    } else {
      // Single-byte encodings of short Latin text are close calls: the app asks, showing candidates.
      expect(r.issues.map((i) => i.code)).toContain('ENCODING_UNSURE');
      const same = d.candidates.slice(0, 4).some((c) => new TextDecoder(c.encoding === 'mixed' ? 'utf-8' : c.encoding.startsWith('utf-32') ? 'utf-8' : c.encoding).decode(bytes) === text);
      expect(same).toBe(true);
    }
    // With the encoding chosen, the text is exact.
    const chosen = parseSrt(bytes, { encoding: normalizeEncoding(encoding) ?? undefined });
    expect(chosen.cues.map((c) => c.lines[0])).toEqual(SAMPLES[lang]);
    expect(chosen.issues.map((i) => i.code)).not.toContain('ENCODING_UNSURE');
  });

  it('is sure of the CJK encodings and Cyrillic windows-1251', () => {
    for (const [enc, lang] of [['gb18030', 'zhHans'], ['big5', 'zhHant'], ['shift_jis', 'ja'], ['euc-kr', 'ko'], ['windows-1251', 'ru']] as const) {
      const d = decodeText(new Uint8Array(iconv.encode(srt(SAMPLES[lang] as string[]), enc)));
      expect([enc, d.encoding, d.sure]).toEqual([enc, enc, true]);
    }
  });

  it.each([
    ['utf-8', false], ['utf-8', true], ['utf-16le', false], ['utf-16le', true], ['utf-16be', false], ['utf-16be', true],
    ['utf-32le', false], ['utf-32le', true], ['utf-32be', false], ['utf-32be', true],
  ] as const)('Unicode %s (BOM %s) is certain, for SRT and WebVTT', (encoding, bom) => {
    const lines = ['Hello, 世界 — ünïcödé', '第二行 🎬 emoji'];
    const s = srt(lines);
    const bytes = new Uint8Array(iconv.encode(s, encoding, { addBOM: bom }));
    const r = parseSrt(bytes);
    expect(r.cues.map((c) => c.lines[0])).toEqual(lines);
    expect([r.encoding, r.bom]).toEqual([encoding, bom]);
    const v = parseVtt(new Uint8Array(iconv.encode(`WEBVTT\n\n00:01.000 --> 00:02.000\n${lines[0]}\n`, encoding, { addBOM: bom })));
    expect(v.cues.map((c) => c.lines[0])).toEqual([lines[0]]);
  });

  it('reads names users type for encodings', () => {
    expect(['cp1252', 'GBK', 'sjis', 'latin1', 'ISO8859-7', 'utf8', 'EUC-KR', 'nonsense'].map(normalizeEncoding)).toEqual(['windows-1252', 'gb18030', 'shift_jis', 'windows-1252', 'iso-8859-7', 'utf-8', 'euc-kr', null]);
  });
});
