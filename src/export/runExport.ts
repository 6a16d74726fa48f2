import type { FunnelDocument } from '../model/schema';
import type { Box } from '../layout/types';
import { serializeDocument } from '../model/serialize';
import { renderSvg } from '../render/renderSvg';
import { renderFunnelSvg } from '../render/renderFunnelSvg';
import { THEMES } from '../render/theme';
import { fileNameFromTitle } from './download';
import { FORMAT_INFO, type ExportOptions } from './exportOptions';
import { cropSvg } from './cropSvg';
import { rasterizeSvg } from './rasterize';
import { captureView } from './captureView';

export interface ExportContext {
  selectedNodeIds: string[];
  /** The part of the diagram visible on screen, in diagram coordinates. */
  visibleRect: Box | null;
  /** The canvas element, for a capture of exactly what is on screen. */
  canvasElement: HTMLElement | null;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  width?: number;
  height?: number;
  /** Something the user should know, e.g. the scale was lowered to fit. */
  notice?: string;
}

/** The SVG an export would produce, also used for the dialog's preview. */
export function exportSvg(doc: FunnelDocument, options: ExportOptions, context: ExportContext): { svg: string; width: number; height: number } {
  if (options.view === 'funnel') return renderFunnelSvg(doc, { theme: options.theme, background: options.background, padding: options.padding });
  const rendered = renderSvg(doc, {
    theme: options.theme,
    background: options.background,
    padding: options.padding,
    scope: options.scope === 'selection' && context.selectedNodeIds.length ? { nodeIds: context.selectedNodeIds } : undefined,
  });
  if (options.scope === 'view' && context.visibleRect) return cropSvg(rendered.svg, context.visibleRect);
  return rendered;
}

export async function runExport(doc: FunnelDocument, options: ExportOptions, context: ExportContext): Promise<ExportResult> {
  const info = FORMAT_INFO[options.format];
  const fileName = fileNameFromTitle(doc.title, info.extension);
  if (options.format === 'json') return { blob: new Blob([serializeDocument(doc)], { type: info.mime }), fileName };
  // Slides and PDF load their libraries only when asked for, so the first page load stays light.
  if (options.format === 'pptx') {
    const { exportPptx } = await import('./pptx/exportPptx');
    return { blob: new Blob([await exportPptx(doc, { mode: options.deck ? 'deck' : 'diagram', theme: options.theme })], { type: info.mime }), fileName };
  }
  if (options.format === 'pdf') {
    const { exportPdf } = await import('./pdf/exportPdf');
    return { blob: new Blob([exportPdf(doc, { page: options.page, theme: options.theme })], { type: info.mime }), fileName };
  }
  if (options.format === 'png' && options.view === 'graph' && options.scope === 'view' && context.canvasElement) {
    const background = options.background === 'transparent' ? undefined : options.background === 'white' ? '#ffffff' : THEMES[options.theme].background;
    return { blob: await captureView(context.canvasElement, options.scale, background), fileName };
  }
  const { svg, width, height } = exportSvg(doc, options, context);
  if (options.format === 'svg') return { blob: new Blob([svg], { type: info.mime }), fileName, width, height };
  const png = await rasterizeSvg(svg, width, height, options.scale);
  return {
    blob: png.blob,
    fileName,
    width: png.width,
    height: png.height,
    notice: png.clamped ? `The diagram is too large for ${options.scale}× in this browser; it was exported at ${png.scale}× (${png.width}×${png.height} px) instead.` : undefined,
  };
}
