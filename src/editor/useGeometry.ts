import { useMemo } from 'react';
import { computeGeometry } from '../layout/computeGeometry';
import type { Geometry } from '../layout/types';
import { useEditor } from './storeContext';

/** The shared geometry of the current document, recomputed only when the document changes. */
export function useGeometry(): Geometry {
  const document = useEditor((s) => s.document);
  return useMemo(() => computeGeometry(document), [document]);
}
