/**
 * Export choices, their defaults and how they are remembered. Pure, so the dialog, the tests
 * and any later format (PPTX, PDF) share one definition.
 */
import { z } from 'zod';

export const EXPORT_FORMATS = ['png', 'svg', 'json', 'pptx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_INFO: Record<ExportFormat, { label: string; extension: string; mime: string; hint: string }> = {
  png: { label: 'PNG image', extension: 'png', mime: 'image/png', hint: 'Crisp picture for any slide tool' },
  svg: { label: 'SVG vector', extension: 'svg', mime: 'image/svg+xml', hint: 'Editable in Inkscape, Illustrator, PowerPoint' },
  json: { label: 'JSON document', extension: 'json', mime: 'application/json', hint: 'The diagram file, to open again later' },
  pptx: {
    label: 'PowerPoint slide',
    extension: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    hint: 'The diagram as editable shapes on a 16:9 slide',
  },
  pdf: { label: 'PDF document', extension: 'pdf', mime: 'application/pdf', hint: 'Vector page with selectable text, for print and sharing' },
};

export const exportOptionsSchema = z.object({
  format: z.enum(EXPORT_FORMATS).catch('png'),
  /** Which picture: the graph as on the canvas, or the journey's main path as a funnel chart. */
  view: z.enum(['graph', 'funnel']).catch('graph'),
  scope: z.enum(['diagram', 'selection', 'view']).catch('diagram'),
  scale: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).catch(2),
  background: z.enum(['theme', 'white', 'transparent']).catch('theme'),
  padding: z.number().int().min(0).max(200).catch(24),
  theme: z.enum(['light', 'dark']).catch('light'),
  /** PPTX: one diagram slide, or a training deck with a slide per stage. */
  deck: z.boolean().catch(false),
  /** PDF page: the diagram's own size, or A4/Letter landscape. */
  page: z.enum(['fit', 'a4', 'letter']).catch('fit'),
});

export type ExportOptions = z.output<typeof exportOptionsSchema>;
export type ExportScope = ExportOptions['scope'];

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = exportOptionsSchema.parse({});

const STORAGE_KEY = 'funnel-editor:export-options';

/** Remembered choices; anything unreadable falls back to the default for that field only. */
export function loadExportOptions(storage: Pick<Storage, 'getItem'> | null, fallbackTheme: 'light' | 'dark'): ExportOptions {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    raw = {};
  }
  const parsed = exportOptionsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
  const hadTheme = typeof raw === 'object' && raw !== null && 'theme' in raw;
  return hadTheme ? parsed : { ...parsed, theme: fallbackTheme };
}

export function saveExportOptions(storage: Pick<Storage, 'setItem'> | null, options: ExportOptions): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(options));
  } catch {
    // Remembering choices is a convenience; a full storage must not block an export.
  }
}

/** Browsers refuse canvases beyond these; Chromium's limits, which are also the strictest common ones. */
export const MAX_CANVAS_SIDE = 16_384;
export const MAX_CANVAS_AREA = 16_384 * 16_384;

/**
 * The largest scale ≤ the requested one at which the image fits the canvas limits.
 * `clamped` tells the UI to say so: we never hand out a silently cropped or blank image.
 */
export function clampScale(width: number, height: number, scale: number): { scale: number; clamped: boolean } {
  const bySide = MAX_CANVAS_SIDE / Math.max(width, height, 1);
  const byArea = Math.sqrt(MAX_CANVAS_AREA / Math.max(width * height, 1));
  const limit = Math.min(bySide, byArea);
  if (scale <= limit) return { scale, clamped: false };
  // Round down to 2 decimals so the rounded pixel size stays inside the limit.
  return { scale: Math.floor(limit * 100) / 100, clamped: true };
}
