/**
 * Ordered migration steps. Each step lifts a raw document from version `from` to `from + 1`.
 * A shipped step never changes; add a new one (with a frozen fixture test) for every format bump.
 */
export interface MigrationStep {
  readonly id: string;
  readonly from: number;
  readonly migrate: (raw: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Version 0 was the unreleased draft format: stages were called "steps", nodes had a flat
 * `type` field and edges used `from`/`to`. Keeping its step proves the pipeline end to end.
 */
export const MIGRATIONS: readonly MigrationStep[] = [
  {
    id: '001-draft-to-v1',
    from: 0,
    migrate: (raw) => {
      const nodes = Array.isArray(raw.nodes) ? raw.nodes : [];
      const edges = Array.isArray(raw.edges) ? raw.edges : [];
      return {
        ...raw,
        version: 1,
        nodes: nodes.map((node: unknown) => {
          if (!isRecord(node)) return node;
          const { type, ...rest } = node;
          return { ...rest, kind: type === 'step' ? 'stage' : type };
        }),
        edges: edges.map((edge: unknown) => {
          if (!isRecord(edge)) return edge;
          const { from, to, ...rest } = edge;
          return { ...rest, source: rest.source ?? from, target: rest.target ?? to };
        }),
      };
    },
  },
];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies every step from the document's version up to `target`, in order. */
export function migrateDocument(
  raw: Record<string, unknown>,
  target: number,
  steps: readonly MigrationStep[] = MIGRATIONS,
): Record<string, unknown> {
  let current = raw;
  let version = typeof current.version === 'number' ? current.version : 0;
  while (version < target) {
    const step = steps.find((s) => s.from === version);
    if (!step) throw new Error(`no migration step from version ${version}`);
    current = step.migrate(current);
    version = step.from + 1;
    current = { ...current, version };
  }
  return current;
}
