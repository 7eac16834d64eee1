import { useEffect, useLayoutEffect, useRef, useState } from 'react';

interface Props {
  /** The text as stored: the box opens on it and follows it if it changes while open. */
  text: string;
  label: string;
  spellCheck: boolean;
  /** Enter, or leaving the box, keeps what was typed. */
  onCommit: (draft: string) => void;
  /** Ctrl/⌘+Enter splits the cue at the caret (`at`: the draft's characters before it); without it those keys do nothing here. */
  onSplit?: ((draft: string, at: number) => void) | undefined;
  /** The box closes: after a commit, a split or Escape. */
  onClose: () => void;
}

/**
 * A cue's text, or its translation, typed over in place (the caret after the text): Enter keeps it, Shift+Enter starts a new
 * line, Escape cancels, leaving the box keeps it. The draft lives here, so a keystroke re-renders
 * the box and not the grid row around it. Enter and Escape stop here; other keys reach the
 * editor's shortcuts (only those that work while typing act).
 */
export function CueTextArea({ text, label, spellCheck, onCommit, onSplit, onClose }: Props) {
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  // Opened for typing: the caret goes after the text, so what is typed adds to it (a focused
  // textarea would otherwise start at its first character).
  const box = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (el) el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const commit = () => {
    onCommit(draft);
    onClose();
  };
  return (
    <textarea
      ref={box}
      autoFocus
      aria-label={label}
      value={draft}
      spellCheck={spellCheck}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setDraft(text);
          onClose();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          if (onSplit) {
            e.preventDefault();
            onSplit(draft, e.currentTarget.selectionStart);
            onClose();
          }
        } else if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          commit();
        }
        if (e.key === 'Enter' || e.key === 'Escape') e.stopPropagation();
      }}
    />
  );
}
