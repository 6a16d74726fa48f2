import { useEffect } from 'react';
import { useUi, type Toast } from '../uiStore';

/** Messages; errors stay until dismissed so they cannot be missed. */
export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => <ToastView key={t.id} toast={t} />)}
    </div>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const dismiss = useUi((s) => s.dismiss);
  useEffect(() => {
    if (toast.tone === 'error') return;
    const timer = setTimeout(() => dismiss(toast.id), 6000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <div className="toast-message">{toast.message}</div>
      {toast.detail && <ul className="toast-detail">{toast.detail.map((d, i) => <li key={i}>{d}</li>)}</ul>}
      <button onClick={() => dismiss(toast.id)} aria-label="Dismiss message">✕</button>
    </div>
  );
}
