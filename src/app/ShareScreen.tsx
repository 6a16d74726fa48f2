import { useMemo } from 'react';
import { decodeShareLink } from '../library/shareLink';
import type { Library } from '../library/libraryRepository';
import { createEditorStore } from '../store/editorStore';
import { App } from '../editor/App';
import { useUi } from '../editor/uiStore';
import { documentHash } from './route';

/** A diagram from a link: read-only until the viewer makes their own copy. It never overwrites anything. */
export function ShareScreen({ library, fragment, embed }: { library: Library; fragment: string; embed: boolean }) {
  const decoded = useMemo(() => decodeShareLink(fragment), [fragment]);
  const store = useMemo(() => (decoded.ok ? createEditorStore(decoded.document) : null), [decoded]);
  if (!decoded.ok || !store) {
    return (
      <div className="screen-message" role="alert">
        <h1>This link cannot be opened</h1>
        <p>{decoded.ok ? '' : decoded.message}</p>
        {!embed && <a href="#/library">Go to my diagrams</a>}
      </div>
    );
  }
  const makeCopy = async () => {
    const created = await library.create(store.getState().document);
    if (!created.ok) {
      useUi.getState().notify({ tone: 'error', message: `Could not save a copy: ${created.message}` });
      return;
    }
    // Leave the share URL (and ?embed) behind so a reload shows the copy, not the link.
    history.replaceState(null, '', `${location.pathname}${documentHash(created.entry.id)}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    useUi.getState().notify({ tone: 'info', message: `Saved "${created.entry.title}" to your diagrams. You can edit it now.` });
  };
  return <App store={store} readOnly={{ onMakeCopy: () => void makeCopy() }} embed={embed} />;
}
