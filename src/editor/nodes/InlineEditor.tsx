import { useEffect, useRef, useState, type CSSProperties } from 'react';

interface InlineEditorProps {
  initial: string;
  multiline?: boolean;
  label: string;
  style?: CSSProperties;
  onCommit(value: string): void;
  onCancel(): void;
}

/**
 * In-place text editing. Enter commits (Shift+Enter adds a line where multiline), Escape leaves
 * without changes, and leaving the field commits so typed text is never lost.
 */
export function InlineEditor({ initial, multiline = false, label, style, onCommit, onCancel }: InlineEditorProps) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    if (commit) onCommit(value);
    else onCancel();
  };
  return (
    <textarea
      ref={ref}
      aria-label={label}
      className="inline-editor nodrag nopan nowheel"
      style={style}
      value={value}
      rows={multiline ? 4 : 1}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') finish(false);
        else if (e.key === 'Enter' && !(multiline && e.shiftKey)) {
          e.preventDefault();
          finish(true);
        }
      }}
    />
  );
}
