import { useEffect, useState } from 'react';
import type { Output } from '@shared/ipc/contract';
import { useApi } from '../../app/api';
import { fromBase64 } from '../../app/format';
import type { PeakData } from './Waveform';

type Analysis = Output<'editor:analysis'>;

/**
 * What the backend reads from the media for the editor: the waveform's peaks, the speech found
 * (for the coverage check) with the frame rate, and the shot changes. Each is optional: the
 * editor works without any of them.
 */
export function useMediaAnalysis(id: string, mediaUrl: string | null, mediaKind: 'video' | 'audio') {
  const api = useApi();
  const [peaks, setPeaks] = useState<PeakData | null>(null);
  const [peaksFailed, setPeaksFailed] = useState(false);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [shots, setShots] = useState<number[]>([]);
  useEffect(() => {
    if (!mediaUrl) return;
    let live = true;
    api.call('media:peaks', { id }).then(
      (p) => live && setPeaks({ perSecond: p.perSecond, data: new Int8Array(fromBase64(p.peaks).buffer) }),
      () => live && setPeaksFailed(true), // the editor works without a waveform
    );
    api.call('editor:analysis', { id }).then(
      (a) => live && setAnalysis(a),
      () => undefined, // no coverage check or media frame rate; the rest works
    );
    // Shot changes decode every frame: asked for last, and the editor works without them.
    if (mediaKind === 'video') api.call('editor:shots', { id }).then((r) => live && setShots(r.shots), () => undefined);
    return () => {
      live = false;
    };
  }, [api, id, mediaUrl, mediaKind]);
  return { peaks, peaksLoading: Boolean(mediaUrl) && !peaksFailed, analysis, shots };
}
