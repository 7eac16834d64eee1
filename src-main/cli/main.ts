import { parseArgs } from 'node:util';
import { BURN_HELP, runBurn } from './burn';
import { runCaption } from './caption';
import { CONFIG_HELP, runConfig } from './config';
import { runJobs } from './jobs';
import { runLibrary } from './library';
import { runServe } from './serve';
import { TRANSLATE_HELP, runTranslate } from './translate';

const CAPTION_HELP = `captioner caption <files, folders or URLs...> [options]   transcribe media into caption files

      --urls FILE           also caption the links in FILE, one http(s) URL a line (# comments)
      --force               submit a link even when it cannot be checked (not found, not public, not media...)
      --via-captioner       extract a link's audio here and deliver it, instead of giving the link to the service
      --model M             fun-asr (default), fun-asr-2025-11-07, fun-asr-2025-08-25, fun-asr-mtl, ...
      --language L          language hint: zh, en, ja, ko, ... (default: detect from the transcript)
      --diarize, --no-diarize  find speakers, or not (default: the diarize setting); labels only with 2+
      --speakers N          expected number of speakers (2-100), with --diarize (default: speakerCount setting)
      --hotwords FILE       hotwords, one per line ("word | weight | lang"), or a vocabulary id
      --format FORMAT       srt (default), vtt, ass, ssa, ttml, sbv, lrc, fcpxml, txt or json
      --out DIR             write captions here instead of beside each input
      --preset P            netflix-en, netflix-en-20, netflix-zh-hans, netflix-ja, netflix-ko, bbc, vertical
                            (default: the one for the transcript's language)
      --delivery D          auto (default), signed-url or upload
      --public-base-url URL where the service reaches this machine's signed-URL server
      --channels C          downmix (default) or keep (transcribe every channel, billed per channel)
      --audio-stream N      which audio stream to use (0 = first)
      --mask-words W,W      sensitive words to mask with *;  --remove-words W,W to delete
      --no-system-filter    turn off the service's built-in sensitive-word list
      --quick               quick mode: fun-asr-flash for clips up to 5 min, streamed, with context
      --overwrite           replace existing caption files (default: add " (2)"; identical files are left as they are)
      --retranscribe        transcribe again even if the library has this file (same content and options) finished
      --bom, --crlf         UTF-8 BOM / CRLF line endings in the written files (every format)
      --translate LANG      also translate the captions (repeat for several languages): name.en.srt beside name.srt;
                            with --bilingual one file with both languages ("captioner translate --help")

  Unset options come from your settings ("captioner config list"). Ctrl-C stops; run the same
  command again to resume: nothing is submitted or billed twice.

  Links: a media file's URL goes to the service as it is when it can (nothing downloaded here); its caption is
  written to --out or the current folder. Web pages (YouTube, Bilibili...) need yt-dlp: the ytDlpPath setting,
  CAPTIONER_YTDLP, or PATH.
`;

const LIBRARY_HELP = `captioner library — the transcripts on this computer

  captioner library list [--json]
  captioner library search <text> [--json]
  captioner library show <id> [--json]
  captioner library export <id> [--format FORMAT] [--out FILE|FOLDER] [--name {name}.{lang}.{format}] [--overwrite]
                            [--language L|auto] [--preset P] [--resegment-edited] [--bom] [--crlf]
      to a folder (--out, or the exportFolder setting) the file is named by the template (setting
      exportNameTemplate); an existing file is never replaced without --overwrite. --language and
      --preset change the transcript's language and preset for good: cues are cut again from their
      words, edited cues kept unless --resegment-edited.
  captioner library import <caption files...> [--encoding NAME]
      SRT, WebVTT, ASS/SSA, TTML, SBV, LRC, FCPXML or JSON; the video beside each is found by name;
      --encoding when the text encoding is detected wrongly (gb18030, big5, shift_jis, windows-1252...)
  captioner library delete <id>
`;

const JOBS_HELP = `captioner jobs — transcription jobs

  captioner jobs list            every job and its stage
  captioner jobs cancel <id>     stop a job (a task still queued at the service is canceled there too)
  captioner jobs retry <id>      run a failed or canceled job again (a task that lives on is polled, not resubmitted)
  captioner jobs retry <id> --via-captioner   a link the service could not fetch: deliver it through Captioner
  captioner jobs remove <id>     forget a finished job (its transcript stays in the library)
`;

const SERVE_HELP = `captioner serve [--port N]   the app's UI in a browser on this machine (token-protected URL)
`;

const HELP = `captioner — captions from Alibaba Fun-ASR

  captioner caption <files, folders or URLs...> [options]   transcribe media into caption files
  captioner library list | search | show | export | import | delete
  captioner jobs list | cancel | retry | remove
  captioner translate <transcript id | caption file> --to LANG   translate captions (Qwen-MT, same key)
  captioner config list | get | set | unset
${BURN_HELP}  captioner serve [--port N]

  "captioner <command> --help" for the options of one command.

Environment: DASHSCOPE_API_KEY, DASHSCOPE_BASE_URL (ends in /api/v1), DASHSCOPE_REGION, CAPTIONER_HOME,
CAPTIONER_FFMPEG, CAPTIONER_FFPROBE, CAPTIONER_YTDLP.
`;

const COMMAND_HELP: Record<string, string> = { caption: CAPTION_HELP, translate: TRANSLATE_HELP, library: LIBRARY_HELP, jobs: JOBS_HELP, config: CONFIG_HELP, serve: SERVE_HELP };
const GROUPS = new Set(['library', 'jobs', 'config']);

/** Node's parser messages, short: what was wrong and where to look, not the whole help. */
function usageError(e: Error, argv: string[]): string {
  const cmd = argv.find((a) => !a.startsWith('-'));
  const more = cmd && COMMAND_HELP[cmd] ? `"captioner ${cmd} --help"` : '"captioner --help"';
  const m = /'(-{1,2}[^' ]+)/.exec(e.message);
  if (/argument missing/.test(e.message) && m) return `captioner: ${m[1]} needs a value. See ${more}.\n`;
  if (/Unknown option/.test(e.message) && m) return `captioner: unknown option ${m[1]}. See ${more}.\n`;
  if (/does not take an argument/.test(e.message) && m) return `captioner: ${m[1]} takes no value. See ${more}.\n`;
  return `captioner: ${e.message.split('.')[0]}. See ${more}.\n`;
}

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  if (argv[0] === 'burn') return runBurn(argv.slice(1), io); // its own flags (cli/burn.ts)
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        model: { type: 'string' }, language: { type: 'string' }, diarize: { type: 'boolean' }, 'no-diarize': { type: 'boolean' }, speakers: { type: 'string' },
        hotwords: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, delivery: { type: 'string' },
        'public-base-url': { type: 'string' }, preset: { type: 'string' }, channels: { type: 'string' }, 'audio-stream': { type: 'string' },
        'mask-words': { type: 'string' }, 'remove-words': { type: 'string' }, 'no-system-filter': { type: 'boolean' },
        overwrite: { type: 'boolean' }, retranscribe: { type: 'boolean' }, quick: { type: 'boolean' }, bom: { type: 'boolean' }, crlf: { type: 'boolean' }, json: { type: 'boolean' }, encoding: { type: 'string' }, name: { type: 'string' }, 'resegment-edited': { type: 'boolean' },
        urls: { type: 'string' }, force: { type: 'boolean' }, 'via-captioner': { type: 'boolean' },
        to: { type: 'string', multiple: true }, translate: { type: 'string', multiple: true }, bilingual: { type: 'boolean' }, order: { type: 'string' }, domain: { type: 'string' },
        help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' }, port: { type: 'string' },
      },
    });
  } catch (e) {
    io.stderr.write(usageError(e as Error, argv));
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [cmd, sub, ...rest] = positionals;
  if (v.version) {
    io.stdout.write('captioner 0.1.0\n');
    return 0;
  }
  if (cmd === 'help') {
    io.stdout.write(COMMAND_HELP[sub ?? ''] ?? HELP);
    return 0;
  }
  if (v.help || !cmd) {
    io.stdout.write(COMMAND_HELP[cmd ?? ''] ?? HELP);
    return cmd || v.help ? 0 : 2;
  }
  // A group without an action shows what it can do.
  if (GROUPS.has(cmd) && !sub) {
    io.stdout.write(COMMAND_HELP[cmd] as string);
    return 0;
  }
  switch (cmd) {
    case 'caption':
      return runCaption(
        {
          files: positionals.slice(1), urls: v.urls, force: v.force, viaCaptioner: v['via-captioner'], model: v.model, language: v.language, diarize: v['no-diarize'] ? false : v.diarize, speakers: v.speakers, hotwords: v.hotwords, format: v.format,
          out: v.out, delivery: v.delivery, publicBaseUrl: v['public-base-url'], preset: v.preset, channels: v.channels, audioStream: v['audio-stream'],
          maskWords: v['mask-words'], removeWords: v['remove-words'], noSystemFilter: v['no-system-filter'], overwrite: v.overwrite, retranscribe: v.retranscribe, bom: v.bom, crlf: v.crlf, quick: v.quick,
          translate: v.translate ?? [], bilingual: v.bilingual, order: v.order, domain: v.domain,
        },
        io,
      );
    case 'translate':
      return runTranslate({ input: sub, to: v.to ?? [], model: v.model, format: v.format, bilingual: v.bilingual, order: v.order, domain: v.domain, out: v.out, overwrite: v.overwrite }, io);
    case 'library':
      return runLibrary(sub, rest, { format: v.format, out: v.out, json: v.json, bom: v.bom, crlf: v.crlf, encoding: v.encoding, name: v.name, overwrite: v.overwrite, preset: v.preset, language: v.language, resegmentEdited: v['resegment-edited'] }, io);
    case 'jobs':
      return runJobs(sub, rest, io, { viaCaptioner: Boolean(v['via-captioner']) });
    case 'config':
      return runConfig(sub, rest, io);
    case 'serve':
      return runServe({ port: v.port }, io);
    default:
      io.stderr.write(`captioner: unknown command "${cmd}". Commands: caption, translate, library, jobs, config, serve, burn. See "captioner --help".\n`);
      return 2;
  }
}
