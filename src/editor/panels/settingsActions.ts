import type { DocumentSettings, FunnelDocument } from '../../model/schema';

export function commitSettings(commit: (recipe: (d: FunnelDocument) => FunnelDocument) => void, patch: Partial<DocumentSettings>) {
  commit((d) => ({ ...d, settings: { ...d.settings, ...patch } }));
}
