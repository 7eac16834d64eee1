import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cue } from '@shared/captions/model';
import type { Output } from '@shared/ipc/contract';

interface Props {
  doc: Output<'transcript:get'>;
  media: RefObject<(HTMLVideoElement & HTMLAudioElement) | null>;
  overlay: Cue | undefined;
  onTime: (ms: number) => void;
  children: ReactNode;
}

/** Where the picture is inside a letterboxed <video> (object-fit: contain). */
function pictureRect(v: HTMLVideoElement): { left: number; top: number; width: number; height: number } {
  const w = v.clientWidth;
  const h = v.clientHeight;
  if (!v.videoWidth || !v.videoHeight) return { left: 0, top: 0, width: w, height: h };
  const scale = Math.min(w / v.videoWidth, h / v.videoHeight);
  const pw = v.videoWidth * scale;
  const ph = v.videoHeight * scale;
  return { left: (w - pw) / 2, top: (h - ph) / 2, width: pw, height: ph };
}

/** The player with the current caption drawn over the picture (not in the black bars), and the transport bar. */
export function Player({ doc, media, overlay, onTime, children }: Props) {
  const { t } = useTranslation();
  const [rect, setRect] = useState<{ left: number; top: number; width: number; height: number; box: number } | null>(null);
  const video = doc.mediaUrl && doc.mediaKind === 'video';
  useEffect(() => {
    const v = media.current;
    if (!video || !v) return;
    const measure = () => setRect({ ...pictureRect(v), box: v.clientHeight });
    const ro = new ResizeObserver(measure);
    ro.observe(v);
    v.addEventListener('loadedmetadata', measure);
    measure();
    return () => {
      ro.disconnect();
      v.removeEventListener('loadedmetadata', measure);
    };
  }, [media, video]);
  const common = {
    src: doc.mediaUrl ?? undefined,
    controls: true,
    preload: 'metadata' as const,
    onTimeUpdate: (e: React.SyntheticEvent<HTMLMediaElement>) => onTime(e.currentTarget.currentTime * 1000),
    onSeeked: (e: React.SyntheticEvent<HTMLMediaElement>) => onTime(e.currentTarget.currentTime * 1000),
  };
  // The caption sits a little above the picture's bottom edge, and above the native controls.
  const bottom = rect ? Math.max(rect.box - (rect.top + rect.height) + rect.height * 0.06, 52) : 72;
  const size = rect ? Math.max(13, Math.min(30, rect.height * 0.05)) : 18;
  return (
    <div className="player">
      <div className="screen">
        {doc.mediaUrl ? (
          video ? (
            <video ref={media} {...common} aria-label={t('pro.video')} />
          ) : (
            <audio ref={media} {...common} aria-label={t('pro.audio')} />
          )
        ) : (
          <p className="muted">{t('editor.noMedia')}</p>
        )}
        {overlay && video && (
          <div className="overlay" aria-hidden data-testid="overlay" style={rect ? { left: rect.left + rect.width * 0.05, width: rect.width * 0.9, bottom, fontSize: size } : undefined}>
            <span>{overlay.lines.join('\n')}</span>
          </div>
        )}
      </div>
      {children}
    </div>
  );
}
