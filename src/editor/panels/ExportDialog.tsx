import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useUi } from '../uiStore';
import { useEditor } from '../storeContext';
import { EXPORT_FORMATS, FORMAT_INFO, clampScale, loadExportOptions, saveExportOptions, type ExportOptions } from '../../export/exportOptions';
import { exportSvg, runExport, type ExportContext } from '../../export/runExport';
import { downloadBlob, fileNameFromTitle } from '../../export/download';
import { copyPngToClipboard, copyTextToClipboard } from '../../export/clipboard';
import { Dialog } from './Dialog';

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** One place for every export, with the choices remembered between exports. */
export function ExportDialog({ theme }: { theme: 'light' | 'dark' }) {
  const openDialog = useUi((s) => s.openDialog);
  const { document, selectedNodeIds } = useEditor((s) => ({ document: s.document, selectedNodeIds: s.selection.nodeIds }));
  const flow = useReactFlow();
  const currentView = useUi((s) => s.view);
  // The picture on screen is what gets exported, unless the user picks the other one here.
  const [options, setOptions] = useState<ExportOptions>(() => ({ ...loadExportOptions(storage(), theme), view: currentView }));
  const [fileBase, setFileBase] = useState(() => fileNameFromTitle(document.title, 'x').replace(/\.x$/, ''));
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => saveExportOptions(storage(), options), [options]);

  const context = useMemo((): ExportContext => {
    const element = window.document.querySelector<HTMLElement>('.react-flow');
    const { x, y, zoom } = flow.getViewport();
    const rect = element?.getBoundingClientRect();
    return {
      selectedNodeIds,
      visibleRect: rect ? { x: -x / zoom, y: -y / zoom, width: rect.width / zoom, height: rect.height / zoom } : null,
      canvasElement: element,
    };
  }, [flow, selectedNodeIds]);

  // PPTX and PDF are drawn from the same geometry as the SVG, so the SVG is their preview too.
  const preview = useMemo(() => (options.format === 'json' ? null : exportSvg(document, options.format === 'png' || options.format === 'svg' ? options : { ...options, view: 'graph', scope: 'diagram' }, context)), [document, options, context]);
  const previewUrl = useMemo(() => (preview ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.svg)}` : null), [preview]);
  const set = <K extends keyof ExportOptions>(key: K, value: ExportOptions[K]) => setOptions((o) => ({ ...o, [key]: value }));
  const fileName = `${fileBase || 'diagram'}.${FORMAT_INFO[options.format].extension}`;
  const sizeNote = !preview ? null : options.format === 'png' ? pngSize(preview.width, preview.height, options.scale) : options.format === 'svg' ? `${preview.width} × ${preview.height} px` : options.format === 'pptx' ? '16:9 slides with editable shapes and text' : 'Vector PDF with selectable text';

  const act = async (work: () => Promise<string | undefined>) => {
    setBusy(true);
    setStatus({ tone: 'info', text: 'Exporting…' });
    try {
      const message = await work();
      setStatus(message ? { tone: 'info', text: message } : null);
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Export" wide onClose={() => openDialog(null)}>
      <div className="export-dialog">
        <div className="export-options">
          <fieldset className="field">
            <legend>Format</legend>
            {EXPORT_FORMATS.map((f) => (
              <label key={f} className="radio" title={FORMAT_INFO[f].hint}>
                <input type="radio" name="format" checked={options.format === f} onChange={() => set('format', f)} /> {FORMAT_INFO[f].label}
              </label>
            ))}
          </fieldset>
          {options.format === 'pptx' && (
            <fieldset className="field">
              <legend>PowerPoint</legend>
              <label className="radio"><input type="radio" name="deck" checked={!options.deck} onChange={() => set('deck', false)} /> One slide with the diagram</label>
              <label className="radio"><input type="radio" name="deck" checked={options.deck} onChange={() => set('deck', true)} /> Training deck (a slide per stage, with speaker notes)</label>
            </fieldset>
          )}
          {options.format === 'pdf' && (
            <label className="field">
              Page
              <select aria-label="Page size" value={options.page} onChange={(e) => set('page', e.target.value as ExportOptions['page'])}>
                <option value="fit">Fit the diagram</option>
                <option value="a4">A4 landscape</option>
                <option value="letter">Letter landscape</option>
              </select>
            </label>
          )}
          {(options.format === 'png' || options.format === 'svg') && (
            <>
              <fieldset className="field">
                <legend>Picture</legend>
                <label className="radio"><input type="radio" name="view" checked={options.view === 'graph'} onChange={() => set('view', 'graph')} /> Diagram</label>
                <label className="radio"><input type="radio" name="view" checked={options.view === 'funnel'} onChange={() => set('view', 'funnel')} /> Funnel chart</label>
              </fieldset>
              {options.view === 'graph' && <fieldset className="field">
                <legend>What to export</legend>
                <label className="radio"><input type="radio" name="scope" checked={options.scope === 'diagram'} onChange={() => set('scope', 'diagram')} /> Whole diagram</label>
                <label className="radio"><input type="radio" name="scope" checked={options.scope === 'selection'} disabled={selectedNodeIds.length === 0} onChange={() => set('scope', 'selection')} /> Selection{selectedNodeIds.length ? ` (${selectedNodeIds.length})` : ' (nothing selected)'}</label>
                <label className="radio"><input type="radio" name="scope" checked={options.scope === 'view'} onChange={() => set('scope', 'view')} /> Current view</label>
              </fieldset>}
              {options.format === 'png' && (
                <label className="field">
                  Scale
                  <select aria-label="Scale" value={options.scale} onChange={(e) => set('scale', Number(e.target.value) as ExportOptions['scale'])}>
                    {[1, 2, 3, 4].map((s) => <option key={s} value={s}>{s}×</option>)}
                  </select>
                </label>
              )}
              <label className="field">
                Background
                <select aria-label="Background" value={options.background} onChange={(e) => set('background', e.target.value as ExportOptions['background'])}>
                  <option value="theme">Theme colour</option>
                  <option value="white">White</option>
                  <option value="transparent">Transparent</option>
                </select>
              </label>
              <label className="field">
                Padding (px)
                <input type="number" aria-label="Padding" min={0} max={200} step={4} value={options.padding} onChange={(e) => set('padding', Math.max(0, Math.min(200, Math.round(Number(e.target.value) || 0))))} />
              </label>
            </>
          )}
          {options.format !== 'json' && (
            <label className="field">
              Theme
              <select aria-label="Export theme" value={options.theme} onChange={(e) => set('theme', e.target.value as ExportOptions['theme'])}>
                <option value="light">Light</option>
                <option value="dark">Dark</option>
              </select>
            </label>
          )}
          <label className="field">
            File name
            <span className="row">
              <input aria-label="File name" value={fileBase} onChange={(e) => setFileBase(e.target.value.replace(/[\\/:*?"<>|]/g, ''))} />
              <span className="hint">.{FORMAT_INFO[options.format].extension}</span>
            </span>
          </label>
        </div>
        <div className="export-preview">
          {previewUrl ? <img src={previewUrl} alt="Preview of the export" /> : <pre className="hint">{document.nodes.length} nodes, {document.edges.length} connections as a .json file.</pre>}
          {sizeNote && <p className="hint">{sizeNote}</p>}
        </div>
      </div>
      {status && <p className={status.tone === 'error' ? 'field-error' : 'hint'} role={status.tone === 'error' ? 'alert' : 'status'}>{status.text}</p>}
      <div className="row dialog-actions">
        <button
          className="primary"
          disabled={busy}
          onClick={() =>
            act(async () => {
              const result = await runExport(document, options, context);
              downloadBlob(result.blob, fileName);
              return result.notice ?? `Saved ${fileName}.`;
            })
          }
        >
          Download {options.format.toUpperCase()}
        </button>
        {(options.format === 'png' || options.format === 'svg') && (
          <>
            <button disabled={busy} onClick={() => act(async () => {
              await copyPngToClipboard(runExport(document, { ...options, format: 'png' }, context).then((r) => r.blob));
              return 'PNG copied. Paste it into your slide.';
            })}>Copy PNG</button>
            <button disabled={busy} onClick={() => act(async () => {
              await copyTextToClipboard(exportSvg(document, options, context).svg);
              return 'SVG copied as text.';
            })}>Copy SVG</button>
          </>
        )}
      </div>
    </Dialog>
  );
}

function pngSize(width: number, height: number, scale: number): string {
  const fit = clampScale(width, height, scale);
  const size = `${Math.round(width * fit.scale)} × ${Math.round(height * fit.scale)} px`;
  return fit.clamped ? `${size} — too large for ${scale}× in a browser, so ${fit.scale}× will be used` : size;
}
