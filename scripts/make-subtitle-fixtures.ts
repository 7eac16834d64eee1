/**
 * Writes the subtitle fixtures under test/fixtures/subtitles. Run once with
 * `npx tsx scripts/make-subtitle-fixtures.ts`; the files are committed so tests read real bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'subtitles');
const zhSimplified = '1\n00:00:01,000 --> 00:00:03,500\n大家好，我们开始今天的会议。\n\n2\n00:00:04,000 --> 00:00:06,000\n这个季度的目标是什么？\n';
const zhTraditional = '1\n00:00:01,000 --> 00:00:03,500\n大家好，我們開始今天的會議。\n\n2\n00:00:04,000 --> 00:00:06,000\n這個季度的目標是什麼？\n';
const english = '1\n00:00:01,000 --> 00:00:02,500\nHello, world.\n\n2\n00:00:03,000 --> 00:00:05,250\nSecond cue,\non two lines.\n';

const files: Record<string, Buffer> = {
  'english-lf.srt': Buffer.from(english),
  'english-crlf-bom.srt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(english.replace(/\n/g, '\r\n'))]),
  'zh-gb18030.srt': iconv.encode(zhSimplified.replace(/\n/g, '\r\n'), 'gb18030'),
  'zh-big5.srt': iconv.encode(zhTraditional, 'big5'),
  'zh-utf16le-bom.srt': iconv.encode(zhSimplified, 'utf-16le', { addBOM: true }),
  'zh-utf16be.srt': iconv.encode(zhSimplified, 'utf-16be'),
  // A UTF-8 file with one cue pasted in from a GB18030 file.
  'mixed-utf8-gb18030.srt': Buffer.concat([
    Buffer.from('1\n00:00:01,000 --> 00:00:02,000\n第一句是 UTF-8。\n\n2\n00:00:02,500 --> 00:00:04,000\n'),
    iconv.encode('第二句是国标码。', 'gb18030'),
    Buffer.from('\n'),
  ]),
  // Everything the lenient reader repairs: missing and wrong numbers, '.' separators, stray blank
  // lines, missing hours, tags, mixed line endings, trailing position text.
  'messy.srt': Buffer.from(
    [
      '',
      '',
      '00:00:01.000 --> 00:00:02.000',
      '<i>No number</i> before me',
      '',
      '7',
      '00:00:02,500 --> 00:00:04,000 X1:10 X2:100 Y1:10 Y2:50',
      'Wrong number',
      '',
      'and a stray blank line inside',
      '',
      '',
      '3',
      '00:05,000 --> 00:06,00',
      '<font color="#ff0000">Short</font> times',
      '',
      '4',
      '00:00:07,000 --> banana',
      'Unreadable timing',
      '',
      '5',
      '00:00:09,000 --> 00:00:08,000',
      'Ends before it starts',
      '',
      '6',
      '00:00:10,000 --> 00:00:11,000',
      'Last cue',
    ].join('\n').replace('Wrong number\n', 'Wrong number\r\n'),
  ),
  'full.vtt': Buffer.from(
    [
      'WEBVTT - a header comment',
      'Kind: captions',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:fred width:40% lines:3 regionanchor:0%,100% viewportanchor:10%,90% scroll:up',
      '',
      'NOTE written by hand',
      'over two lines',
      '',
      'intro',
      '00:00:01.000 --> 00:00:04.000 align:start line:0',
      '<v Mary>Fish &amp; chips &lt;3</v>',
      '',
      '00:00:05.000 --> 00:00:07.500',
      '<v.loud Tom>Hi <00:00:05.500>there, <00:00:06.000><c.yellow>Mary</c>!',
      '',
      '01:00:00.000 --> 01:00:02.000 region:fred',
      '<i>Italic</i> and <b>bold</b>',
      'second line',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      '01:00:03.000 --> 01:00:02.000',
      'ends early',
      '',
      '01:00:04.000 --> 1:00:05.000',
      'one-digit hours',
      '',
    ].join('\n'),
  ),
  'no-header.vtt': Buffer.from('00:00:01.000 --> 00:00:02.000\nNo WEBVTT line\n'),
};

for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
console.log(`wrote ${Object.keys(files).length} fixtures to ${dir}`);
