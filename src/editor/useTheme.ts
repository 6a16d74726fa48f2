import { useEffect, useState, type CSSProperties } from 'react';
import { THEMES, type ThemeName } from '../render/theme';
import { useUi } from './uiStore';

/** The theme in force: the user's choice, or the system's preference while they have not chosen. */
export function useResolvedTheme(): ThemeName {
  const choice = useUi((s) => s.theme);
  const [systemDark, setSystemDark] = useState(() => typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches);
  useEffect(() => {
    if (typeof matchMedia === 'undefined') return;
    const query = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** The export palette as CSS variables, so the canvas and the exports share one set of colours. */
export function themeVariables(name: ThemeName): CSSProperties {
  const t = THEMES[name];
  return {
    '--page-bg': t.background,
    '--text': t.text,
    '--muted': t.mutedText,
    '--stage-fill': t.stageFill,
    '--stage-stroke': t.stageStroke,
    '--edge-flow': t.edge.flow,
    '--edge-handoff': t.edge.handoff,
    '--edge-feedback': t.edge.feedback,
    '--label-fill': t.labelFill,
    '--label-stroke': t.labelStroke,
    '--label-text': t.labelText,
    '--note-text': t.noteText,
    '--note-stroke': t.noteStroke,
    '--lane-fill-opacity': String(t.laneFillOpacity),
    '--lane-stroke-opacity': String(t.laneStrokeOpacity),
    '--tag-fill-opacity': String(t.tagFillOpacity),
  } as CSSProperties;
}
