import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CodedError } from '../../shared/result';

export interface ToolPaths {
  ffmpeg: string;
  ffprobe: string;
}

const exe = (name: string): string => (process.platform === 'win32' ? `${name}.exe` : name);

export function isExecutable(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, pathEnv: string | undefined): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, exe(name));
    if (isExecutable(p)) return p;
  }
  return undefined;
}

/**
 * Where package managers put ffmpeg but a GUI app's PATH may not reach: an app opened from the
 * macOS Finder or Dock gets launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin), without Homebrew's or
 * MacPorts' folders. Searched after PATH.
 */
export function extraToolDirs(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin'];
  return [];
}

export const INSTALL_HINT =
  'Install ffmpeg (it includes ffprobe): Debian/Ubuntu "sudo apt-get install ffmpeg", Fedora "sudo dnf install ffmpeg", macOS "brew install ffmpeg", Windows "winget install Gyan.FFmpeg". Or point CAPTIONER_FFMPEG and CAPTIONER_FFPROBE at the binaries.';

/**
 * Order: explicit setting, then CAPTIONER_FFMPEG / CAPTIONER_FFPROBE, then the copy the installers
 * ship under resources/bin (process.resourcesPath in a packaged app), then PATH, then the package
 * managers' folders a GUI launch does not have on PATH. An explicit path that does not exist is an
 * error, not a fallback.
 */
export function locateTools(opts: { ffmpeg?: string | undefined; ffprobe?: string | undefined; resourcesDir?: string | undefined; env?: NodeJS.ProcessEnv; extraDirs?: string[] } = {}): ToolPaths {
  const env = opts.env ?? process.env;
  const find = (name: 'ffmpeg' | 'ffprobe', explicit: string | undefined, envVar: string): string => {
    const chosen = explicit ?? env[envVar];
    if (chosen) {
      if (!isExecutable(chosen)) throw new CodedError('FFMPEG_MISSING', `${name} was configured as "${chosen}" (${explicit ? 'settings' : envVar}) but that is not an executable file. ${INSTALL_HINT}`, { tool: name, reason: 'NOT_EXECUTABLE', path: chosen, source: explicit ? 'settings' : envVar });
      return chosen;
    }
    if (opts.resourcesDir) {
      const bundled = join(opts.resourcesDir, 'bin', exe(name));
      if (isExecutable(bundled)) return bundled;
    }
    const found = onPath(name, env.PATH ?? env.Path) ?? onPath(name, (opts.extraDirs ?? extraToolDirs()).join(delimiter));
    if (!found) throw new CodedError('FFMPEG_MISSING', `${name} was not found. ${INSTALL_HINT}`, { tool: name });
    return found;
  };
  return { ffmpeg: find('ffmpeg', opts.ffmpeg, 'CAPTIONER_FFMPEG'), ffprobe: find('ffprobe', opts.ffprobe, 'CAPTIONER_FFPROBE') };
}
