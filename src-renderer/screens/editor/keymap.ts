/**
 * Keyboard shortcuts as data: this one table drives the editor's key handler, the help panel and
 * the page where they are changed. Defaults follow Subtitle Edit where it has one (F11/F12 set
 * start/end, F9 set start and shift the rest, Ctrl+F/H find/replace, F3 next match).
 */
export type CommandId =
  | 'playPause' | 'playCue' | 'loopCue' | 'slower' | 'faster' | 'frameBack' | 'frameForward'
  | 'prevCue' | 'nextCue' | 'rowUp' | 'rowDown' | 'nudgeStartBack' | 'nudgeStartForward' | 'nudgeEndBack' | 'nudgeEndForward'
  | 'setStart' | 'setEnd' | 'setStartShiftRest' | 'editText' | 'split' | 'merge' | 'insert' | 'delete'
  | 'undo' | 'redo' | 'find' | 'replace' | 'findNext' | 'findPrev' | 'zoomIn' | 'zoomOut' | 'selectAll' | 'stretch' | 'addToDictionary' | 'help';

export interface Command {
  id: CommandId;
  keys: string;
  /** Works while a text box has focus (otherwise the key types as usual there). */
  whileTyping?: boolean;
}

export const COMMANDS: readonly Command[] = [
  { id: 'playPause', keys: 'Ctrl+Space', whileTyping: true },
  { id: 'playCue', keys: 'Ctrl+Shift+Space', whileTyping: true },
  { id: 'loopCue', keys: 'Ctrl+Shift+L', whileTyping: true },
  { id: 'slower', keys: '[' },
  { id: 'faster', keys: ']' },
  { id: 'frameBack', keys: ',' },
  { id: 'frameForward', keys: '.' },
  { id: 'prevCue', keys: 'Alt+ArrowUp', whileTyping: true },
  { id: 'nextCue', keys: 'Alt+ArrowDown', whileTyping: true },
  { id: 'rowUp', keys: 'ArrowUp' },
  { id: 'rowDown', keys: 'ArrowDown' },
  { id: 'nudgeStartBack', keys: 'Alt+ArrowLeft', whileTyping: true },
  { id: 'nudgeStartForward', keys: 'Alt+ArrowRight', whileTyping: true },
  { id: 'nudgeEndBack', keys: 'Alt+Shift+ArrowLeft', whileTyping: true },
  { id: 'nudgeEndForward', keys: 'Alt+Shift+ArrowRight', whileTyping: true },
  { id: 'setStart', keys: 'F11', whileTyping: true },
  { id: 'setEnd', keys: 'F12', whileTyping: true },
  { id: 'setStartShiftRest', keys: 'F9', whileTyping: true },
  { id: 'editText', keys: 'Enter' },
  { id: 'split', keys: 'Ctrl+Enter' },
  { id: 'merge', keys: 'Ctrl+M' },
  { id: 'insert', keys: 'Ctrl+I' },
  { id: 'delete', keys: 'Delete' },
  { id: 'undo', keys: 'Ctrl+Z' },
  { id: 'redo', keys: 'Ctrl+Y' },
  { id: 'find', keys: 'Ctrl+F', whileTyping: true },
  { id: 'replace', keys: 'Ctrl+H', whileTyping: true },
  { id: 'findNext', keys: 'F3', whileTyping: true },
  { id: 'findPrev', keys: 'Shift+F3', whileTyping: true },
  { id: 'zoomIn', keys: '=' },
  { id: 'zoomOut', keys: '-' },
  { id: 'selectAll', keys: 'Ctrl+A' },
  { id: 'stretch', keys: 'Ctrl+Shift+T' },
  { id: 'addToDictionary', keys: 'Ctrl+D', whileTyping: true },
  { id: 'help', keys: 'F1', whileTyping: true },
];

export type Keymap = Record<CommandId, string>;

export const DEFAULT_KEYMAP: Keymap = Object.fromEntries(COMMANDS.map((c) => [c.id, c.keys])) as Keymap;

const CODE_KEYS: Record<string, string> = { Comma: ',', Period: '.', BracketLeft: '[', BracketRight: ']', Minus: '-', Equal: '=', Slash: '/', Semicolon: ';', Quote: "'", Backquote: '`', Backslash: '\\', Space: 'Space' };

/** "Ctrl+Shift+ArrowLeft" for a key event: physical keys for letters, digits and punctuation, so Shift does not change the name. */
export function comboOf(e: { key: string; code: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'CapsLock'].includes(e.key)) return null;
  const key = /^Key[A-Z]$/.test(e.code) ? e.code.slice(3) : /^Digit\d$/.test(e.code) ? e.code.slice(5) : (CODE_KEYS[e.code] ?? (e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toUpperCase() : e.key));
  return [e.ctrlKey || e.metaKey ? 'Ctrl' : '', e.altKey ? 'Alt' : '', e.shiftKey ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The user's changes over the defaults; unknown commands and empty keys are dropped. */
export function mergeKeymap(saved: Record<string, string> | undefined): Keymap {
  const out = { ...DEFAULT_KEYMAP };
  for (const [id, keys] of Object.entries(saved ?? {})) if (id in out && keys) out[id as CommandId] = keys;
  return out;
}

/** Commands bound to the same keys (the settings page refuses these). */
export function conflicts(map: Keymap): Map<string, CommandId[]> {
  const by = new Map<string, CommandId[]>();
  for (const c of COMMANDS) by.set(map[c.id], [...(by.get(map[c.id]) ?? []), c.id]);
  return new Map([...by].filter(([, ids]) => ids.length > 1));
}

/** Command for a key event, given where the focus is. */
export function commandFor(map: Keymap, combo: string, typing: boolean): CommandId | null {
  for (const c of COMMANDS) if (map[c.id] === combo && (!typing || c.whileTyping)) return c.id;
  return null;
}

/** Keys as shown to people: "Ctrl+Shift+←". */
export const keyLabel = (keys: string): string => keys.replace('ArrowLeft', '←').replace('ArrowRight', '→').replace('ArrowUp', '↑').replace('ArrowDown', '↓');
