import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cue } from '@shared/captions/model';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/**
 * The player as the editor drives it: the playhead, speed, playing one cue or looping it (stopped
 * on the cue's end to the frame), and frame steps.
 */
export function usePlayback({ startAt, selected, frameRate }: { startAt: number | undefined; selected: Cue | undefined; frameRate: number }) {
  const media = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  const [time, setTime] = useState(startAt ?? 0);
  const [speed, setSpeed] = useState(1);
  const [loop, setLoop] = useState(false);
  const stopAt = useRef<number | null>(null);
  const [playingCue, setPlayingCue] = useState(false);

  const seek = useCallback((ms: number) => {
    setTime(ms);
    if (media.current) media.current.currentTime = ms / 1000;
  }, []);
  const playCue = (cue = selected) => {
    const m = media.current;
    if (!cue || !m) return;
    stopAt.current = cue.end;
    setPlayingCue(true);
    seek(cue.start);
    void m.play();
  };
  const playPause = () => {
    const m = media.current;
    stopAt.current = null;
    if (m) void (m.paused ? m.play() : m.pause());
  };
  const setRate = (r: number) => {
    setSpeed(r);
    if (media.current) media.current.playbackRate = r;
  };
  const at = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
  const frame = (dir: 1 | -1) => {
    const m = media.current;
    if (m) m.pause();
    seek(Math.max(0, Math.round(time + (dir * 1000) / frameRate)));
  };

  // Looping and "play cue" stop on the cue's end to the frame, not at the next timeupdate (~250 ms).
  const onTimeRef = useRef<(ms: number) => void>(() => undefined);
  useEffect(() => {
    const m = media.current;
    if (!m || (!loop && !playingCue)) return;
    let raf = 0;
    const tick = () => {
      if (!m.paused) onTimeRef.current(m.currentTime * 1000);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [loop, playingCue]);
  const onTime = (ms: number) => {
    setTime(ms);
    const m = media.current;
    if (!m) return;
    const cue = selected;
    if (loop && cue && (ms >= cue.end || ms < cue.start - 1000)) m.currentTime = cue.start / 1000;
    else if (stopAt.current !== null && ms >= stopAt.current) {
      m.pause();
      stopAt.current = null;
      setPlayingCue(false);
    }
  };
  onTimeRef.current = onTime;

  return {
    media,
    time,
    seek,
    onTime,
    playCue,
    playPause,
    frame,
    speed,
    setRate,
    slower: () => setRate(SPEEDS[Math.max(0, at - 1)] ?? 1),
    faster: () => setRate(SPEEDS[Math.min(SPEEDS.length - 1, at + 1)] ?? 1),
    loop,
    toggleLoop: () => setLoop((l) => !l),
  };
}
