import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { AppShell } from './app/AppShell';
import { getLibrary } from './app/libraryInstance';
import { loadFonts } from './editor/fonts';

// Text is measured with Arimo's metrics; start drawing once the faces are there (or failed).
void Promise.all([loadFonts().catch(() => undefined), getLibrary()]).then(([, { library, persistent }]) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppShell library={library} persistent={persistent} />
    </StrictMode>,
  ),
);
