import { useEffect, useRef, useState } from 'react';

interface CommitFieldProps {
  label: string;
  value: string;
  multiline?: boolean;
  className?: string;
  placeholder?: string;
  /** Return an error message to refuse the value (the field keeps it so nothing typed is lost). */
  validate?(value: string): string | null;
  onCommit(value: string): void;
}

/**
 * A text field that records one undo step per edit: it commits on Enter or when focus leaves,
 * and also if it disappears mid-edit, so typed text is never dropped.
 */
export function CommitField({ label, value, multiline, className, placeholder, validate, onCommit }: CommitFieldProps) {
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ draft, value, onCommit, validate });
  latest.current = { draft, value, onCommit, validate };

  useEffect(() => setDraft(value), [value]);
  useEffect(
    () => () => {
      const { draft: d, value: v, onCommit: commit, validate: check } = latest.current;
      if (d !== v && !check?.(d)) commit(d);
    },
    [],
  );

  const commit = () => {
    if (draft === value) return;
    const problem = validate?.(draft) ?? null;
    setError(problem);
    if (!problem) onCommit(draft);
  };
  const common = {
    'aria-label': label,
    'aria-invalid': error ? true : undefined,
    className,
    placeholder,
    value: draft,
    onBlur: commit,
  };
  return (
    <>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input
          {...common}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(value);
          }}
        />
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
