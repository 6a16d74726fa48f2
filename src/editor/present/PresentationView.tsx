import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { presentationSteps } from '../../model/presentation';
import { renderSvg } from '../../render/renderSvg';
import { computeGeometry } from '../../layout/computeGeometry';
import { embeddedFontCss, withEmbeddedFonts } from '../../export/rasterize';
import { useEditor } from '../storeContext';
import { useUi } from '../uiStore';
import { cameraFor } from './cameraFor';
import { presentationFrame } from './presentationFrame';
import { useLive, useSessionState } from '../live/liveContext';

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', ' ', 'PageDown', 'Enter']);
const PREV_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/** Full-screen, stage-by-stage presenting of the journey. */
export function PresentationView({ theme }: { theme: 'light' | 'dark' }) {
  const document = useEditor((s) => s.document);
  const { style, setPresenting, setStyle } = useUi(useShallow((s) => ({ style: s.presentStyle, setPresenting: s.setPresenting, setStyle: s.setPresentStyle })));
  const steps = useMemo(() => presentationSteps(document), [document]);
  const [index, setIndex] = useState(0);
  const live = useLive();
  const liveSession = useSessionState(live?.session);
  const leading = Boolean(live?.session.isFacilitator());
  const followStep = !leading ? liveSession?.followStep ?? null : null;
  // The facilitator's step is everyone's step; participants follow it while it is shared.
  useEffect(() => {
    if (leading) live?.session.setPresenting(index);
  }, [leading, live, index]);
  useEffect(() => () => live?.session.setPresenting(null), [live]);
  useEffect(() => {
    if (followStep !== null) setIndex(followStep);
  }, [followStep]);
  const [fonts, setFonts] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const [screen, setScreen] = useState({ width: innerWidth, height: innerHeight });
  const exit = useCallback(() => {
    if (window.document.fullscreenElement) void window.document.exitFullscreen().catch(() => undefined);
    setPresenting(false);
  }, [setPresenting]);
  const go = useCallback((delta: number) => setIndex((i) => Math.max(0, Math.min(steps.length - 1, i + delta))), [steps.length]);

  useEffect(() => {
    void embeddedFontCss().then(setFonts, () => setFonts(''));
    root.current?.focus();
    void root.current?.requestFullscreen?.().catch(() => undefined);
    const onFullscreen = () => {
      if (!window.document.fullscreenElement) setPresenting(false);
    };
    const onResize = () => setScreen({ width: innerWidth, height: innerHeight });
    window.document.addEventListener('fullscreenchange', onFullscreen);
    window.addEventListener('resize', onResize);
    return () => {
      window.document.removeEventListener('fullscreenchange', onFullscreen);
      window.removeEventListener('resize', onResize);
    };
  }, [setPresenting]);

  const step = steps[Math.min(index, steps.length - 1)]!;
  const frame = presentationFrame(document, steps, index, style);
  const shown = useMemo(
    () => ({ ...document, nodes: document.nodes.map((n) => (n.id === frame.focusId && n.kind === 'stage' ? { ...n, highlighted: true } : n)) }),
    [document, frame.focusId],
  );
  const picture = useMemo(() => renderSvg(shown, { theme, padding: 40, emphasis: { hidden: frame.hidden, dimmed: frame.dimmed } }), [shown, theme, frame.hidden.join(), frame.dimmed.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(fonts ? withEmbeddedFonts(picture.svg, fonts) : picture.svg)}`, [picture, fonts]);
  const origin = useMemo(() => {
    const [vx, vy] = (picture.svg.match(/viewBox="(-?[\d.]+) (-?[\d.]+)/) ?? []).slice(1).map(Number);
    return { x: vx ?? 0, y: vy ?? 0 };
  }, [picture]);
  const focusBox = useMemo(() => {
    if (!frame.focusId) return null;
    const g = computeGeometry(document).nodes.find((n) => n.id === frame.focusId);
    return g ? { x: g.x - origin.x, y: g.y - origin.y, width: g.width, height: g.height } : null;
  }, [document, frame.focusId, origin]);
  const captionHeight = step.kind === 'stage' ? 170 : 90;
  const camera = cameraFor(picture, { width: screen.width, height: screen.height - captionHeight }, focusBox);
  const callouts = step.kind === 'stage' ? document.callouts.filter((c) => c.nodeId === step.stage.id) : [];

  return (
    <div
      ref={root}
      className={`presentation theme-${theme}`}
      role="dialog"
      aria-label="Presentation"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') exit();
        else if (NEXT_KEYS.has(e.key)) go(1);
        else if (PREV_KEYS.has(e.key)) go(-1);
        else if (e.key === 'Home') setIndex(0);
        else if (e.key === 'End') setIndex(steps.length - 1);
        else return;
        e.preventDefault();
      }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button')) return;
        go(1);
      }}
    >
      <div className="presentation-stage" style={{ height: screen.height - captionHeight }}>
        <img
          src={src}
          alt={step.kind === 'stage' ? `The journey with ${step.stage.title} highlighted` : 'The whole journey'}
          width={picture.width}
          height={picture.height}
          style={{ transform: `translate(${camera.x}px, ${camera.y}px) scale(${camera.scale})` }}
        />
      </div>
      <div className="presentation-caption" style={{ height: captionHeight }}>
        {step.kind === 'overview' ? (
          <>
            <h2>{document.title}</h2>
            <p>{document.description || 'The whole journey. Press → or Space to step through it.'}</p>
          </>
        ) : (
          <>
            <h2>
              <span className="presentation-step">{step.index + 1}</span> {step.stage.title}
            </h2>
            {step.stage.description && <p>{step.stage.description}</p>}
            {callouts.length > 0 && <ul>{callouts.map((c) => <li key={c.id}>{c.text}</li>)}</ul>}
          </>
        )}
        <div className="presentation-controls">
          <button onClick={() => go(-1)} disabled={index === 0} aria-label="Previous step">‹</button>
          <span className="presentation-progress" role="status" aria-live="polite">
            {step.kind === 'overview' ? 'Overview' : `Stage ${step.index + 1} of ${step.total}`}
          </span>
          <progress max={steps.length - 1} value={index} aria-label="Presentation progress" />
          <button onClick={() => go(1)} disabled={index === steps.length - 1} aria-label="Next step">›</button>
          <button onClick={() => setStyle(style === 'reveal' ? 'focus' : 'reveal')} title="Hide or dim the stages not reached yet">
            {style === 'reveal' ? 'Mode: reveal (hide what comes next)' : 'Mode: focus (dim what comes next)'}
          </button>
          <button onClick={exit} aria-label="Exit presentation">Exit (Esc)</button>
        </div>
      </div>
    </div>
  );
}
