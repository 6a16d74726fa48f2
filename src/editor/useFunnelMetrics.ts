import { useMemo } from 'react';
import { computeFunnel, type FunnelMetrics } from '../metrics/computeFunnel';
import { useEditor } from './storeContext';

/** Funnel numbers for the current document; every edit recomputes them (what-if). */
export function useFunnelMetrics(): FunnelMetrics {
  const document = useEditor((s) => s.document);
  return useMemo(() => computeFunnel(document), [document]);
}
