/**
 * Mounts the editor's CueTextArea in a page for test/renderer/cue-text-area.test.ts: the stored
 * text, a grid cell around it that records clicks and keys, and what the box reports.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CueTextArea } from '../../../src-renderer/screens/editor/CueTextArea';

interface Probe {
  /** What the box reported (commit, split, close) and what reached the cell and the window, in order. */
  log: string[];
  /** Whether each keydown that reached the window had its default prevented (by the time it got there). */
  keys: { key: string; prevented: boolean }[];
  setStored: (text: string) => void;
  mount: (o: { split: boolean }) => void;
}
const probe = window as unknown as Probe;
probe.log = [];
probe.keys = [];
window.addEventListener('keydown', (e) => {
  probe.log.push(`window:${e.key}`);
  probe.keys.push({ key: e.key, prevented: e.defaultPrevented });
});

function Cell({ split }: { split: boolean }) {
  const [stored, setStored] = useState('Hello world');
  const [editing, setEditing] = useState(true);
  probe.setStored = setStored;
  return (
    <div role="gridcell" onClick={() => probe.log.push('cell:click')} onKeyDown={(e) => probe.log.push(`cell:${e.key}`)}>
      {editing ? (
        <CueTextArea
          text={stored}
          label="Text of cue 1"
          spellCheck
          onCommit={(draft) => {
            probe.log.push(`commit:${draft}`);
            setStored(draft);
          }}
          onSplit={split ? (draft, at) => probe.log.push(`split:${at}:${draft}`) : undefined}
          onClose={() => {
            probe.log.push('close');
            setEditing(false);
          }}
        />
      ) : (
        <button onClick={() => setEditing(true)}>{stored}</button>
      )}
      <input aria-label="elsewhere" />
    </div>
  );
}

let mounts = 0;
const root = createRoot(document.getElementById('root') as HTMLElement);
probe.mount = ({ split }) => {
  probe.log = [];
  probe.keys = [];
  root.render(<Cell key={++mounts} split={split} />);
};
