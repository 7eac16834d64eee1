import { describe, expect, it } from 'vitest';
import type { MediaInfo, StreamInfo } from '../../../src-main/core/media';
import { directVerdict, ffprobeFailure, httpStatusFailure, isHttpUrl, isKnownPageHost, networkFailure, parseUrlList, redactUrl, urlFileName, urlTitle } from '../../../src-main/core/url';

const audio = (o: Partial<StreamInfo> = {}): StreamInfo => ({ index: 1, type: 'audio', codec: 'aac', channels: 2, startMs: 0, ...o });
const media = (streams: StreamInfo[], o: Partial<MediaInfo> = {}): MediaInfo => ({
  path: 'https://cdn.example/talk.mp4', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationMs: 60_000, sizeBytes: 10_000_000, startMs: 0,
  streams: [{ index: 0, type: 'video', codec: 'h264', startMs: 0 }, ...streams], ...o,
});

describe('URL inputs (issue 14)', () => {
  it('recognises http(s) links only', () => {
    expect(isHttpUrl('https://a.example/x.mp4')).toBe(true);
    expect(isHttpUrl(' http://127.0.0.1:8080/a ')).toBe(true);
    expect(isHttpUrl('/home/me/https-talk.mp4')).toBe(false);
    expect(isHttpUrl('ftp://a.example/x.mp4')).toBe(false);
    expect(isHttpUrl('https://')).toBe(false);
  });

  it('titles and file names come from the path, never the (signed) query', () => {
    expect(urlTitle('https://cdn.example/talks/%E8%AE%B2%E5%BA%A7.mp4?sig=abc')).toBe('讲座.mp4');
    expect(urlTitle('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('dQw4w9WgXcQ');
    expect(urlTitle('https://cdn.example/')).toBe('cdn.example');
    expect(urlFileName('https://cdn.example/a%2Fb%3Ac.mp4')).toBe('a_b_c.mp4');
    expect(redactUrl('https://bucket.example/x.mp4?X-Amz-Signature=secret')).toBe('https://bucket.example/x.mp4?…');
  });

  it('knows video sites by host, subdomains included', () => {
    expect(isKnownPageHost('https://www.bilibili.com/video/BV1xx')).toBe(true);
    expect(isKnownPageHost('https://youtu.be/abc')).toBe(true);
    expect(isKnownPageHost('https://notyoutube.com/abc')).toBe(false);
  });

  it('sends the link as it is only when the service would hear what Captioner would send', () => {
    expect(directVerdict(media([audio()]), audio(), {})).toEqual({ direct: true });
    expect(directVerdict(media([audio(), audio({ index: 2 })]), audio(), {})).toMatchObject({ direct: false, code: 'STREAMS' });
    expect(directVerdict(media([audio({ startMs: 1500 })]), audio({ startMs: 1500 }), {})).toMatchObject({ direct: false, code: 'OFFSET' });
    // A container start shared by the audio is no offset (players show times from the container start).
    expect(directVerdict(media([audio({ startMs: 1500 })], { startMs: 1500 }), audio({ startMs: 1500 }), {})).toEqual({ direct: true });
    expect(directVerdict(media([audio()], { container: 'mpegts' }), audio(), {})).toMatchObject({ direct: false, code: 'CONTAINER' });
    expect(directVerdict(media([audio()], { container: 'matroska,webm' }), audio(), {})).toEqual({ direct: true });
    expect(directVerdict(media([audio()], { sizeBytes: 3 * 1024 ** 3 }), audio(), {})).toMatchObject({ direct: false, code: 'SIZE' });
    expect(directVerdict(media([audio({ channels: 6 })]), audio({ channels: 6 }), {})).toMatchObject({ direct: false, code: 'CHANNEL' });
    expect(directVerdict(media([audio({ channels: 6 })]), audio({ channels: 6 }), { channels: 'keep' })).toEqual({ direct: true });
    expect(directVerdict(media([audio()]), audio(), { viaCaptioner: true })).toMatchObject({ direct: false, code: 'ASKED' });
    expect(directVerdict(media([audio()]), audio(), { page: true })).toMatchObject({ direct: false, code: 'PAGE' });
    expect(directVerdict(media([audio()]), audio(), { quick: true })).toMatchObject({ direct: false, code: 'QUICK' });
  });

  it('names why a link cannot be read', () => {
    expect([404, 410, 401, 403, 500, 200].map(httpStatusFailure)).toEqual(['URL_NOT_FOUND', 'URL_NOT_FOUND', 'URL_FORBIDDEN', 'URL_FORBIDDEN', 'URL_HTTP_ERROR', undefined]);
    expect(networkFailure('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')).toBe('URL_TLS');
    expect(networkFailure('CERT_HAS_EXPIRED', '')).toBe('URL_TLS');
    expect(networkFailure('TIMEOUT', 'The operation was aborted due to timeout')).toBe('URL_TIMEOUT');
    expect(networkFailure('ECONNREFUSED', 'connect ECONNREFUSED')).toBe('URL_UNREACHABLE');
    const banner = 'ffprobe version 5.1\n  configuration: --enable-gnutls --enable-libssh\n';
    expect(ffprobeFailure(`${banner}[http @ 0x1] HTTP error 404 Not Found\nServer returned 404 Not Found`)).toBe('URL_NOT_FOUND');
    expect(ffprobeFailure(`${banner}https://x/y: Invalid data found when processing input`)).toBe('URL_NOT_MEDIA');
  });

  it('reads a --urls file: one link a line, comments and blanks skipped, bad lines named', () => {
    expect(parseUrlList('\uFEFF# talks\r\nhttps://a.example/1.mp4\r\n\r\n  https://a.example/2.mp4  \n')).toEqual({ urls: ['https://a.example/1.mp4', 'https://a.example/2.mp4'], errors: [] });
    expect(parseUrlList('https://a.example/1.mp4\n/home/me/x.mp4\n').errors).toEqual([{ line: 2, text: '/home/me/x.mp4' }]);
  });
});
