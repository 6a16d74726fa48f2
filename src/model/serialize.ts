import { SCHEMA_URL, type FunnelDocument } from './schema';

/**
 * The on-disk form, with `$schema` first. The store keeps only schema fields in the document;
 * React Flow's runtime nodes (measured, selected, dragging…) are a separate view and never get here.
 */
export function serializeDocument(doc: FunnelDocument): string {
  return JSON.stringify(toFileObject(doc), null, 2) + '\n';
}

export function toFileObject(doc: FunnelDocument): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = doc;
  return { $schema: SCHEMA_URL, ...rest };
}
