/**
 * The funnel document format (version 1), declared once with zod.
 * Types, validation and the published JSON Schema all derive from these declarations.
 */
import { z } from 'zod';

export const FORMAT = 'funnel-diagram';
export const CURRENT_VERSION = 1;
export const SCHEMA_URL = 'https://funnel-diagram.dev/schema/v1.json';

export const PHASES = ['marketing', 'sales'] as const;
export const EDGE_KINDS = ['flow', 'handoff', 'feedback'] as const;
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'purple', 'orange'] as const;
export const LABEL_VARIANTS = ['heading', 'caption'] as const;
export const DIRECTIONS = ['LR', 'TB'] as const;

const id = z.string().min(1, 'must not be empty').max(100, 'is longer than 100 characters');
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d4ed8');
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const position = z.object({ x: finite, y: finite }).strict();
const size = z.object({ width: finite.pipe(z.number().min(40).max(2000)), height: finite.pipe(z.number().min(30).max(2000)) }).strict();
const text = (max: number) => z.string().max(max, `is longer than ${max} characters`);

export const stageNodeSchema = z
  .object({
    id,
    kind: z.literal('stage'),
    phase: z.enum(PHASES),
    title: text(120).min(1, 'a stage needs a title'),
    description: text(2000).default(''),
    color: hexColor.optional(),
    icon: z.string().regex(/^[a-z0-9-]+$/, 'must be an icon name like "megaphone"').max(40).optional(),
    laneId: id.optional(),
    position: position.optional(),
    highlighted: z.boolean().optional(),
    /** Entering volume (people), set explicitly. Otherwise computed from incoming flows. */
    volume: finite.pipe(z.number().min(0, 'must not be negative')).optional(),
  })
  .strict();

export const noteNodeSchema = z
  .object({
    id,
    kind: z.literal('note'),
    text: text(2000),
    color: z.enum(NOTE_COLORS, { error: (issue) => `unknown note colour ${JSON.stringify(issue.input)}; use one of ${NOTE_COLORS.join(', ')}` }).default('yellow'),
    position: position.optional(),
    size: size.optional(),
  })
  .strict();

export const labelNodeSchema = z
  .object({
    id,
    kind: z.literal('label'),
    text: text(300).min(1, 'a label needs text'),
    variant: z.enum(LABEL_VARIANTS).default('heading'),
    position: position.optional(),
  })
  .strict();

export const nodeSchema = z.discriminatedUnion('kind', [stageNodeSchema, noteNodeSchema, labelNodeSchema]);

export const edgeSchema = z
  .object({
    id,
    source: id,
    target: id,
    kind: z.enum(EDGE_KINDS).default('flow'),
    label: text(200).optional(),
    /** Share (0–1) of the source's volume that flows along this edge. */
    conversionRate: finite.pipe(z.number().min(0, 'must be between 0% and 100%').max(1, 'must be between 0% and 100%')).optional(),
  })
  .strict();

export const laneSchema = z
  .object({
    id,
    title: text(80).min(1, 'a lane needs a title'),
    phase: z.enum(PHASES).optional(),
    color: hexColor.optional(),
  })
  .strict();

/** A short comment pinned to a node; it moves with the node. */
export const calloutSchema = z
  .object({
    id,
    nodeId: id,
    text: text(500).min(1, 'a callout needs text'),
  })
  .strict();

export const metadataSchema = z
  .object({
    author: text(120).optional(),
    createdAt: z.string().max(40).optional(),
    updatedAt: z.string().max(40).optional(),
    tags: z.array(text(40)).max(20).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO currency code like EUR').optional(),
    valuePerCustomer: finite.pipe(z.number().min(0)).optional(),
    sampleData: z.boolean().optional(),
  })
  .strict();

export const settingsSchema = z
  .object({
    direction: z.enum(DIRECTIONS).default('LR'),
    showStepNumbers: z.boolean().default(false),
    showMetrics: z.boolean().default(true),
    /** Show each stage's description inside the node (canvas and exports alike). */
    showDescriptions: z.boolean().default(false),
    focusNodeId: id.nullable().optional(),
    /** Stage ids in presentation order; stages left out are skipped. Absent means journey order. */
    presentationOrder: z.array(id).optional(),
  })
  .strict();

export const documentSchema = z
  .object({
    $schema: z.string().optional(),
    format: z.literal(FORMAT),
    version: z.literal(CURRENT_VERSION),
    title: text(200).min(1, 'the document needs a title'),
    description: text(2000).default(''),
    metadata: metadataSchema.default({}),
    settings: settingsSchema.default({ direction: 'LR', showStepNumbers: false, showMetrics: true, showDescriptions: false }),
    lanes: z.array(laneSchema).max(50).default([]),
    nodes: z.array(nodeSchema).max(5000),
    edges: z.array(edgeSchema).max(10000).default([]),
    callouts: z.array(calloutSchema).max(5000).default([]),
  })
  .strict();

export type Phase = (typeof PHASES)[number];
export type EdgeKind = (typeof EDGE_KINDS)[number];
export type NoteColor = (typeof NOTE_COLORS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type StageNode = z.output<typeof stageNodeSchema>;
export type NoteNode = z.output<typeof noteNodeSchema>;
export type LabelNode = z.output<typeof labelNodeSchema>;
export type DiagramNode = z.output<typeof nodeSchema>;
export type NodeKind = DiagramNode['kind'];
export type DiagramEdge = z.output<typeof edgeSchema>;
export type Lane = z.output<typeof laneSchema>;
export type Callout = z.output<typeof calloutSchema>;
export type DocumentSettings = z.output<typeof settingsSchema>;
export type FunnelDocument = z.output<typeof documentSchema>;
export type Position = z.output<typeof position>;
