/**
 * Colour palettes for the diagram, shared by the SVG/PNG exports and the canvas CSS so that
 * both show the same colours. Phase and note colours live in layout/constants.ts.
 */
export type ThemeName = 'light' | 'dark';

export interface Theme {
  /** Page behind the diagram (background: 'theme'). */
  background: string;
  /** Primary text: stage titles, headings. */
  text: string;
  /** Secondary text: descriptions, captions, volumes. */
  mutedText: string;
  stageFill: string;
  stageStroke: string;
  /** Lane band tint, drawn in the lane's colour at this opacity. */
  laneFillOpacity: number;
  laneStrokeOpacity: number;
  /** Lane colour when the lane has neither a colour nor a phase. */
  laneDefault: string;
  edge: { flow: string; handoff: string; feedback: string };
  labelFill: string;
  labelStroke: string;
  labelText: string;
  /** Notes keep their pastel fill in both themes, so their text stays dark. */
  noteText: string;
  noteStroke: string;
  /** Tint behind the phase tag, in the stage colour at this opacity. */
  tagFillOpacity: number;
  /**
   * Share of white mixed into a phase or lane colour where it is used for text and icons, so
   * saturated colours stay readable on a dark page (0 = the colour as is).
   */
  accentLighten: number;
}

export const THEMES: Record<ThemeName, Theme> = {
  light: {
    background: '#ffffff',
    text: '#0f172a',
    mutedText: '#475569',
    stageFill: '#ffffff',
    stageStroke: '#cbd5e1',
    laneFillOpacity: 0.05,
    laneStrokeOpacity: 0.35,
    laneDefault: '#64748b',
    edge: { flow: '#64748b', handoff: '#7c3aed', feedback: '#94a3b8' },
    labelFill: '#ffffff',
    labelStroke: '#cbd5e1',
    labelText: '#334155',
    noteText: '#1f2937',
    noteStroke: '#d6d3d1',
    tagFillOpacity: 0.12,
    accentLighten: 0,
  },
  dark: {
    background: '#0f172a',
    text: '#f1f5f9',
    mutedText: '#94a3b8',
    stageFill: '#1e293b',
    stageStroke: '#334155',
    laneFillOpacity: 0.1,
    laneStrokeOpacity: 0.45,
    laneDefault: '#94a3b8',
    edge: { flow: '#94a3b8', handoff: '#a78bfa', feedback: '#64748b' },
    labelFill: '#1e293b',
    labelStroke: '#475569',
    labelText: '#e2e8f0',
    noteText: '#1f2937',
    noteStroke: '#78716c',
    tagFillOpacity: 0.2,
    accentLighten: 0.35,
  },
};

/** A `#rrggbb` colour as used for text and icons in `theme` (lightened in the dark theme). */
export function accentFor(color: string, theme: Theme): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m || theme.accentLighten === 0) return color;
  const value = parseInt(m[1]!, 16);
  const channel = (shift: number) => {
    const c = (value >> shift) & 0xff;
    return Math.round(c + (255 - c) * theme.accentLighten).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}
