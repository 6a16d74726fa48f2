/**
 * The shared (Yjs) form of a funnel document, and the mapping both ways. Under the root map `doc`:
 *   meta    Y.Map: title, description as Y.Text; $schema, format, version, metadata, settings as plain JSON
 *   lanes, nodes, edges, callouts   Y.Map id → Y.Map of the item's fields (the id is the key, not a field);
 *           text people type into is a Y.Text so concurrent typing merges, the rest is plain JSON
 *   order   Y.Map collection → Y.Array of ids (document order; for nodes, z-order)
 * A merge of two valid edits can dangle (A deletes a node while B connects an edge to it): readDocument
 * drops what dangles, identically on every peer, and pruneDangling deletes it so a reused id cannot revive it.
 */
import * as Y from 'yjs';
import { parseDocument, type ParseResult } from '../model/parseDocument';
import type { FunnelDocument } from '../model/schema';

export const ROOT_KEY = 'doc';
const COLLECTIONS = ['lanes', 'nodes', 'edges', 'callouts'] as const;
type Collection = (typeof COLLECTIONS)[number];
type Item = { readonly id: string } & Readonly<Record<string, unknown>>;
type PlainDoc = Readonly<Record<string, unknown>>;

/** Fields edited by typing. Nodes share one list: each kind only has some of them. */
const TEXT_FIELDS: Record<Collection | 'meta', ReadonlySet<string>> = {
  meta: new Set(['title', 'description']), lanes: new Set(['title']), nodes: new Set(['title', 'description', 'text']), edges: new Set(['label']), callouts: new Set(['text']),
};
/** React Flow's runtime state is a view, never shared. */
const RUNTIME_KEYS = new Set(['measured', 'selected', 'dragging', 'resizing']);

export function getRoot(ydoc: Y.Doc): Y.Map<unknown> {
  return ydoc.getMap(ROOT_KEY);
}

/** True once a document has been written into the Y.Doc (by this peer or a remote one). */
export function hasDocument(ydoc: Y.Doc): boolean {
  return getRoot(ydoc).get('meta') instanceof Y.Map;
}

/** Fills the Y.Doc with `doc` in one transaction, replacing whatever it held. */
export function writeDocument(ydoc: Y.Doc, doc: FunnelDocument, origin?: unknown): void {
  ydoc.transact(() => {
    const root = getRoot(ydoc);
    root.set('meta', toYMap(metaOf(doc), TEXT_FIELDS.meta));
    const order = new Y.Map<Y.Array<string>>();
    for (const name of COLLECTIONS) {
      const items = itemsOf(doc, name);
      root.set(name, new Y.Map(items.map((item) => [item.id, toYMap(item, TEXT_FIELDS[name])] as [string, Y.Map<unknown>])));
      order.set(name, Y.Array.from(items.map((item) => item.id)));
    }
    root.set('order', order);
  }, origin);
}

/** Rebuilds the plain document, repairs dangling references, and validates it like any outside input. */
export function readDocument(ydoc: Y.Doc): ParseResult {
  return parseDocument(repairReferences(readRaw(ydoc)));
}

/** Writes only what changed from `prev` to `next`, in one transaction; text as a splice so concurrent typing survives. */
export function applyDocumentChange(ydoc: Y.Doc, prev: FunnelDocument, next: FunnelDocument, origin: unknown): void {
  if (prev === next) return;
  if (!hasDocument(ydoc)) return writeDocument(ydoc, next, origin);
  ydoc.transact(() => applyDiff(getRoot(ydoc), prev, next), origin);
}

/** Deletes from the Y.Doc what `readDocument` drops as dangling. Returns whether anything changed. */
export function pruneDangling(ydoc: Y.Doc, origin: unknown): boolean {
  if (!hasDocument(ydoc)) return false;
  const raw = readRaw(ydoc);
  const repaired = repairReferences(raw);
  if (repaired === raw) return false;
  ydoc.transact(() => applyDiff(getRoot(ydoc), raw, repaired), origin);
  return true;
}

/** Keeps the previous object for every item that did not change, so views can skip re-rendering it. */
export function shareUnchanged(prev: FunnelDocument, next: FunnelDocument): FunnelDocument {
  const out: Record<string, unknown> = { ...next };
  for (const key of ['metadata', 'settings'] as const) if (sameValue(prev[key], next[key])) out[key] = prev[key];
  for (const name of COLLECTIONS) {
    const before = new Map<string, Item>(itemsOf(prev, name).map((item) => [item.id, item]));
    const items = itemsOf(next, name).map((item) => (sameValue(before.get(item.id), item) ? before.get(item.id)! : item));
    const prevItems = prev[name] as readonly Item[];
    out[name] = items.length === prevItems.length && items.every((item, i) => item === prevItems[i]) ? prevItems : items;
  }
  const keys = new Set([...Object.keys(prev), ...Object.keys(out)]);
  return [...keys].every((key) => out[key] === (prev as PlainDoc)[key]) ? prev : (out as FunnelDocument);
}

function applyDiff(root: Y.Map<unknown>, prev: PlainDoc, next: PlainDoc): void {
  applyFields(root.get('meta') as Y.Map<unknown>, metaOf(prev), metaOf(next), TEXT_FIELDS.meta);
  for (const name of COLLECTIONS) {
    if (prev[name] === next[name]) continue;
    const items = ensure(root, name, Y.Map<unknown>);
    const before = new Map(itemsOf(prev, name).map((item) => [item.id, item]));
    const after = itemsOf(next, name);
    const keep = new Set(after.map((item) => item.id));
    for (const id of before.keys()) if (!keep.has(id)) items.delete(id);
    for (const item of after) {
      const old = before.get(item.id);
      if (old === item) continue;
      const target = items.get(item.id);
      if (!old || !(target instanceof Y.Map) || old.kind !== item.kind) items.set(item.id, toYMap(item, TEXT_FIELDS[name]));
      else applyFields(target, old, item, TEXT_FIELDS[name]);
    }
    applyOrder(ensure(ensure(root, 'order', Y.Map<unknown>), name, Y.Array<string>), items, before, after);
  }
}

function applyFields(target: Y.Map<unknown>, prev: PlainDoc, next: PlainDoc, textFields: ReadonlySet<string>): void {
  for (const key of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    if (key === 'id' || RUNTIME_KEYS.has(key) || sameValue(prev[key], next[key])) continue;
    const value = next[key];
    const current = target.get(key);
    if (value === undefined) target.delete(key);
    else if (textFields.has(key) && typeof value === 'string' && current instanceof Y.Text) spliceText(current, value);
    else target.set(key, textFields.has(key) && typeof value === 'string' ? new Y.Text(value) : value);
  }
}

/** Replaces only the middle that differs (common prefix and suffix stay), never splitting a surrogate pair. */
export function spliceText(ytext: Y.Text, next: string): void {
  const current = ytext.toString();
  if (current === next) return;
  let start = 0;
  const max = Math.min(current.length, next.length);
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && current.charCodeAt(start - 1) >> 10 === 0x36) start--;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  if (end > 0 && current.charCodeAt(current.length - end) >> 10 === 0x37) end--;
  const removed = current.length - start - end;
  if (removed > 0) ytext.delete(start, removed);
  const inserted = next.slice(start, next.length - end);
  if (inserted) ytext.insert(start, inserted);
}

/** Reorders with as few moves as possible (ids in a longest in-order run stay put), so peers' concurrent inserts keep their place. */
function applyOrder(order: Y.Array<string>, items: Y.Map<unknown>, before: ReadonlyMap<string, Item>, after: readonly Item[]): void {
  const prevIds = [...before.keys()];
  if (prevIds.length === after.length && after.every((item, i) => item.id === prevIds[i]) && order.length === after.length) return;
  const wanted = new Map(after.map((item, i) => [item.id, i]));
  const current = order.toArray();
  const first = new Map<string, number>();
  current.forEach((id, i) => {
    if (wanted.has(id) && !first.has(id)) first.set(id, i);
  });
  const stay = new Set(longestIncreasing([...first.keys()].map((id) => wanted.get(id)!)).map((i) => after[i]!.id));
  for (let i = current.length - 1; i >= 0; i--) {
    const id = current[i]!;
    const keep = items.has(id) && (wanted.has(id) ? stay.has(id) && first.get(id) === i : current.indexOf(id) === i);
    if (!keep) order.delete(i, 1);
  }
  const ids = order.toArray();
  after.forEach((item, i) => {
    if (stay.has(item.id)) return;
    const at = i === 0 ? 0 : ids.indexOf(after[i - 1]!.id) + 1;
    order.insert(at, [item.id]);
    ids.splice(at, 0, item.id);
  });
}

/** The values of one longest strictly increasing subsequence of `seq` (patience sorting). */
function longestIncreasing(seq: readonly number[]): number[] {
  const tails: number[] = [];
  const prevOf: number[] = [];
  seq.forEach((value, i) => {
    let [lo, hi] = [0, tails.length];
    while (lo < hi) [lo, hi] = seq[tails[(lo + hi) >> 1]!]! < value ? [((lo + hi) >> 1) + 1, hi] : [lo, (lo + hi) >> 1];
    prevOf[i] = lo > 0 ? tails[lo - 1]! : -1;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prevOf[i]!) out.unshift(seq[i]!);
  return out;
}

/** The plain, unvalidated document held by the Y.Doc. Anything a peer wrote may be in it. */
function readRaw(ydoc: Y.Doc): PlainDoc {
  const root = getRoot(ydoc);
  const meta = root.get('meta');
  const out: Record<string, unknown> = meta instanceof Y.Map ? fromYMap(meta) : {};
  const order = root.get('order');
  for (const name of COLLECTIONS) {
    const items = root.get(name);
    if (!(items instanceof Y.Map)) continue;
    const ids = order instanceof Y.Map && order.get(name) instanceof Y.Array ? (order.get(name) as Y.Array<unknown>).toArray() : [];
    const listed = new Set(ids.filter((id): id is string => typeof id === 'string' && items.has(id)));
    const unlisted = [...items.keys()].filter((id) => !listed.has(id)).sort();
    out[name] = [...listed, ...unlisted].map((id) => {
      const item = items.get(id);
      return { id, ...(item instanceof Y.Map ? fromYMap(item) : { invalid: item }) };
    });
  }
  return out;
}

/** Drops edges and callouts whose node is gone, lane ids of missing lanes, and settings naming missing nodes. */
function repairReferences(doc: PlainDoc): PlainDoc {
  const [allEdges, allCallouts, allNodes] = [itemsOf(doc, 'edges'), itemsOf(doc, 'callouts'), itemsOf(doc, 'nodes')];
  const nodeIds = new Set(allNodes.map((n) => n.id));
  const laneIds = new Set(itemsOf(doc, 'lanes').map((l) => l.id));
  const edges = allEdges.filter((e) => nodeIds.has(e.source as string) && nodeIds.has(e.target as string));
  const callouts = allCallouts.filter((c) => nodeIds.has(c.nodeId as string));
  const nodes = allNodes.map((n) => {
    if (n.laneId === undefined || laneIds.has(n.laneId as string)) return n;
    const { laneId: _missing, ...rest } = n;
    return rest as Item;
  });
  const settings = isRecord(doc.settings) ? { ...doc.settings } : doc.settings;
  if (isRecord(settings)) {
    if (typeof settings.focusNodeId === 'string' && !nodeIds.has(settings.focusNodeId)) settings.focusNodeId = null;
    if (Array.isArray(settings.presentationOrder)) settings.presentationOrder = settings.presentationOrder.filter((id) => nodeIds.has(id as string));
  }
  const same = edges.length === allEdges.length && callouts.length === allCallouts.length && nodes.every((n, i) => n === allNodes[i]);
  return same && sameValue(settings, doc.settings) ? doc : { ...doc, edges, callouts, nodes, settings };
}

function metaOf(doc: PlainDoc): PlainDoc {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !(COLLECTIONS as readonly string[]).includes(key)));
}

function itemsOf(doc: PlainDoc, name: Collection): Item[] {
  const list = doc[name];
  return Array.isArray(list) ? list.filter((item): item is Item => isRecord(item) && typeof item.id === 'string') : [];
}

function toYMap(fields: PlainDoc, textFields: ReadonlySet<string>): Y.Map<unknown> {
  const entries = Object.entries(fields).filter(([key, value]) => key !== 'id' && !RUNTIME_KEYS.has(key) && value !== undefined);
  return new Y.Map<unknown>(entries.map(([key, value]) => [key, textFields.has(key) && typeof value === 'string' ? new Y.Text(value) : value]));
}

/** Y.Text's JSON is its string. */
function fromYMap(map: Y.Map<unknown>): Record<string, unknown> {
  return Object.fromEntries([...map.entries()].map(([key, value]) => [key, value instanceof Y.AbstractType ? value.toJSON() : value]));
}

/** The child type at `key`, created if a peer left something else (or nothing) there. */
function ensure<T extends Y.Map<unknown> | Y.Array<string>>(parent: Y.Map<unknown>, key: string, Type: new () => T): T {
  const existing = parent.get(key);
  return existing instanceof Type ? existing : parent.set(key, new Type());
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
