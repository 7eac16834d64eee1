import { useRef, useState, type ReactNode } from 'react';

/** http(s) links of a dropped text/uri-list (RFC 2483: one a line, # comments). */
const droppedLinks = (list: string): string[] => list.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^https?:\/\/\S+$/i.test(l));

/** Accepts files (and, in Electron, folders) dropped anywhere in the window, and links dragged from a browser (issue 14). */
export function DropTarget({ onFiles, onLinks, label, children }: { onFiles: (files: File[]) => void; onLinks?: (urls: string[]) => void; label: string; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const hasFiles = (e: React.DragEvent) => [...e.dataTransfer.types].some((t) => t === 'Files' || (onLinks && t === 'text/uri-list'));
  return (
    <div
      style={{ height: '100%' }}
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (!depth.current) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = [...e.dataTransfer.files];
        const links = files.length || !onLinks ? [] : droppedLinks(e.dataTransfer.getData('text/uri-list'));
        if (links.length) onLinks?.(links);
        else onFiles(files);
      }}
    >
      {children}
      {over && <div className="drop-overlay">{label}</div>}
    </div>
  );
}
