import { useEffect, useRef } from 'react';
import { comboOf, commandFor, type CommandId, type Keymap } from './keymap';

/**
 * The editor's keys: a key pressed anywhere outside a dialog runs its command from the keymap
 * (in a text box, only the commands that work while typing). Off while `blocked` (a dialog is open).
 */
export function useShortcuts(keymap: Keymap, run: Record<CommandId, () => void>, blocked: boolean) {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    if (blocked) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('dialog')) return;
      const typing = target.matches('textarea, input:not([type=checkbox]):not([type=range]), select');
      const combo = comboOf(e);
      const cmd = combo && commandFor(keymap, combo, typing);
      if (!cmd) return;
      e.preventDefault();
      runRef.current[cmd]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keymap, blocked]);
}
