import { useEffect, useMemo, useState } from 'react';
import { renderFunnelSvg } from '../render/renderFunnelSvg';
import { embeddedFontCss, withEmbeddedFonts } from '../export/rasterize';
import { useEditor } from './storeContext';

/** The journey's main path drawn as a classic funnel chart; it updates with every edit. */
export function FunnelView({ theme }: { theme: 'light' | 'dark' }) {
  const document = useEditor((s) => s.document);
  const [fonts, setFonts] = useState('');
  useEffect(() => void embeddedFontCss().then(setFonts, () => undefined), []);
  const picture = useMemo(() => renderFunnelSvg(document, { theme, padding: 32 }), [document, theme]);
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(fonts ? withEmbeddedFonts(picture.svg, fonts) : picture.svg)}`;
  return (
    <div className="funnel-view" data-testid="funnel-view">
      <img src={src} alt={`Funnel chart of ${document.title}`} className="funnel-picture" />
    </div>
  );
}
