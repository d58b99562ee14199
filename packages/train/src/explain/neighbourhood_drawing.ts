/**
 * What to draw of an explained prediction: the nodes and edges of its
 * strongest paths (or of one layer's attention, or of the edges with the
 * largest attribution), each edge with a width share in [0, 1], and each
 * node's hop from the target for a left-to-right layout. One model for every
 * renderer (the CLI's SVG alert report, the playground's graph), so both
 * draw the same neighbourhood. Plain data, no tensors: it also reads an
 * explanation that went through JSON (`gnnjs explain --json`).
 */

/** A node as an explanation names it: by row of the scored batch, or by the dataset's id once mapped back. */
export type DrawnRef = { type: string; row: number } | { type: string; id: number };

/** The parts of an explanation a drawing reads (`PredictionExplanation` has them, with any {@link DrawnRef}). */
export interface DrawableExplanation<R extends DrawnRef = DrawnRef> {
  target: R;
  attention?: {
    layers: ReadonlyArray<{ layer: string; hop: number; edges: ReadonlyArray<{ relation: string; source: R; target: R; alpha: number }> }>;
    paths: ReadonlyArray<{ nodes: readonly R[]; relations: readonly string[]; alphas: readonly number[]; weight: number }>;
  };
  edges?: { top: ReadonlyArray<{ relation: string; source: R; target: R; attribution: number }> };
}

/**
 * Which edges to draw: `'paths'`, the strongest attention paths (every
 * one-hop path and the `maxPaths` strongest longer ones; the default for
 * models with attention); `'attribution'`, the `maxPaths` edges with the
 * largest |integrated gradient| (the default for models without); or one
 * layer's attention by name (`'conv1'`), every in-edge that layer's
 * explanation kept.
 */
export type DrawingView = 'paths' | 'attribution' | { layer: string };

/** Options of {@link neighbourhoodDrawing}. */
export interface NeighbourhoodDrawingOptions {
  view?: DrawingView;
  /** Longer paths (or attributed edges) drawn (default 12). */
  maxPaths?: number;
  /**
   * Every relation a renderer may show, in colour order, so that a relation
   * keeps its colour from one drawing to the next (default: the drawn ones, sorted).
   */
  relations?: readonly string[];
  /** The same for node types. */
  nodeTypes?: readonly string[];
}

/**
 * Relation colours: Tableau 10, then the dark half of d3's category20b, all
 * strokes that read on white; 20, because a schema with reverse edges has
 * twice its foreign keys (the payments graph has 12 relations).
 */
export const RELATION_COLOURS: readonly string[] = [
  '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#5254a3', '#8ca252', '#bd9e39', '#ad494a', '#a55194',
];
/** Node type fills (light, so that labels and edges read over them). */
export const NODE_TYPE_COLOURS: readonly string[] = ['#fde68a', '#bfdbfe', '#fecaca', '#ddd6fe', '#bbf7d0', '#fed7aa', '#e5e7eb', '#a5f3fc'];

/** `name`'s colour: its place in `order` (names not in it after, sorted), around the palette. */
function colours(names: readonly string[], order: readonly string[] | undefined, palette: readonly string[]): Record<string, string> {
  const ranked = [...(order ?? []), ...[...names].filter((n) => !(order ?? []).includes(n)).sort()];
  return Object.fromEntries(names.map((n) => [n, palette[ranked.indexOf(n) % palette.length]!]));
}

/** A node to draw. */
export interface DrawnNode<R extends DrawnRef = DrawnRef> {
  ref: R;
  /** `type:id` (or `type:row`): unique within a drawing. */
  key: string;
  /** Hops from the target along the drawn edges (0: the target). Nodes come by hop, then type, then id. */
  hop: number;
}

/** An edge to draw. */
export interface DrawnEdge<R extends DrawnRef = DrawnRef> {
  relation: string;
  source: R;
  target: R;
  /** What the width shows: attention (in [0, 1] already) or |attribution| over the largest drawn. */
  measure: 'attention' | 'attribution';
  /** The attention or the signed attribution. */
  value: number;
  /** Width share in [0, 1]. */
  weight: number;
  /** The layer whose attention `value` is (absent for attributions). */
  layer?: string;
}

/** {@link neighbourhoodDrawing}'s result. */
export interface NeighbourhoodDrawing<R extends DrawnRef = DrawnRef> {
  /** The view drawn (`'attribution'` when attention was asked of a model without it). */
  view: DrawingView;
  nodes: Array<DrawnNode<R>>;
  /** Weakest first, so that a renderer paints the strongest on top. */
  edges: Array<DrawnEdge<R>>;
  /** Relations of the drawn edges, sorted. */
  relations: string[];
  /** Stroke colour of each drawn relation ({@link RELATION_COLOURS} in the order asked). */
  relationColours: Record<string, string>;
  /** Fill colour of each drawn node type ({@link NODE_TYPE_COLOURS}). */
  nodeTypeColours: Record<string, string>;
}

/** A node's id: the dataset's, or its row in the scored batch. */
export function drawnId(ref: DrawnRef): number {
  return 'id' in ref ? ref.id : ref.row;
}

/** A node's key in a drawing. */
export function drawnKey(ref: DrawnRef): string {
  return `${ref.type}:${drawnId(ref)}`;
}

/** Longest paths first, by weight within a length (a one-hop path has attention 1 whenever its relation brings one edge). */
export function longestPathsFirst<P extends { nodes: readonly unknown[]; weight: number }>(paths: readonly P[]): P[] {
  return [...paths].sort((a, b) => b.nodes.length - a.nodes.length || b.weight - a.weight);
}

const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

function pathEdges<R extends DrawnRef>(x: DrawableExplanation<R>, maxPaths: number): Array<DrawnEdge<R>> {
  const paths = x.attention?.paths ?? [];
  const layers = x.attention?.layers ?? [];
  const chosen = [...longestPathsFirst(paths.filter((p) => p.nodes.length > 2)).slice(0, maxPaths), ...paths.filter((p) => p.nodes.length === 2)];
  const edges: Array<DrawnEdge<R>> = [];
  for (const p of chosen) {
    const hops = p.relations.length;
    for (let s = 0; s < hops; s++) {
      // Step s of an h-hop path enters the node h − 1 − s hops from the target: the layer of hop h − s passes it on.
      const layer = layers.find((l) => l.hop === hops - s)?.layer;
      edges.push({ relation: p.relations[s]!, source: p.nodes[s]!, target: p.nodes[s + 1]!, measure: 'attention', value: p.alphas[s]!, weight: clamp01(p.alphas[s]!), ...(layer === undefined ? {} : { layer }) });
    }
  }
  return edges;
}

function attributionEdges<R extends DrawnRef>(x: DrawableExplanation<R>, maxPaths: number): Array<DrawnEdge<R>> {
  const top = [...(x.edges?.top ?? [])].sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution)).slice(0, maxPaths);
  const max = Math.max(1e-12, ...top.map((e) => Math.abs(e.attribution)));
  return top.map((e) => ({ relation: e.relation, source: e.source, target: e.target, measure: 'attribution' as const, value: e.attribution, weight: clamp01(Math.abs(e.attribution) / max) }));
}

/**
 * The nodes and edges to draw of one explanation.
 *
 * @example
 * ```ts
 * const why = explainPrediction(model, batch, 0);
 * const drawing = neighbourhoodDrawing(why); // the strongest attention paths
 * drawing.edges.at(-1); // { relation: 'cards__used_in__transactions', measure: 'attention', weight: 0.83, … }
 * neighbourhoodDrawing(why, { view: { layer: 'conv1' } }); // every in-edge conv1's explanation kept
 * ```
 */
export function neighbourhoodDrawing<R extends DrawnRef>(x: DrawableExplanation<R>, options: NeighbourhoodDrawingOptions = {}): NeighbourhoodDrawing<R> {
  const maxPaths = options.maxPaths ?? 12;
  const hasAttention = (x.attention?.paths.length ?? 0) > 0;
  const asked = options.view ?? (hasAttention ? 'paths' : 'attribution');
  const view: DrawingView = asked !== 'attribution' && !hasAttention ? 'attribution' : asked;
  let candidates: Array<DrawnEdge<R>>;
  /** The hop of the layer drawn, for a layer's view. */
  let layerHop: number | undefined;
  if (view === 'paths') candidates = pathEdges(x, maxPaths);
  else if (view === 'attribution') candidates = attributionEdges(x, maxPaths);
  else {
    const layer = x.attention?.layers.find((l) => l.layer === view.layer);
    if (layer === undefined) throw new RangeError(`the explanation has no layer '${view.layer}' (it has ${(x.attention?.layers ?? []).map((l) => `'${l.layer}'`).join(', ') || 'none'})`);
    layerHop = layer.hop;
    candidates = layer.edges.map((e) => ({ relation: e.relation, source: e.source, target: e.target, measure: 'attention' as const, value: e.alpha, weight: clamp01(e.alpha), layer: layer.layer }));
  }
  // One edge per (relation, source, target): the widest, when several paths share a step.
  const unique = new Map<string, DrawnEdge<R>>();
  for (const e of candidates) {
    const k = `${e.relation}|${drawnKey(e.source)}|${drawnKey(e.target)}`;
    const had = unique.get(k);
    if (had === undefined || had.weight < e.weight) unique.set(k, e);
  }
  const edges = [...unique.values()].sort((a, b) => a.weight - b.weight);
  const hop = new Map<string, DrawnNode<R>>([[drawnKey(x.target), { ref: x.target, key: drawnKey(x.target), hop: 0 }]]);
  const place = (ref: R, h: number): void => {
    const k = drawnKey(ref);
    if (!hop.has(k)) hop.set(k, { ref, key: k, hop: h });
  };
  if (layerHop !== undefined) {
    // One layer's edges enter the nodes at its hop − 1, whether or not the drawing shows how those reach the target.
    for (const e of edges) place(e.target, layerHop - 1);
    for (const e of edges) place(e.source, layerHop);
  } else {
    // Backwards from the target along the drawn edges: an edge's source is one hop beyond its target.
    for (let changed = true, h = 1; changed && h <= 8; h++) {
      changed = false;
      for (const e of edges) {
        if (hop.get(drawnKey(e.target))?.hop === h - 1 && !hop.has(drawnKey(e.source))) {
          place(e.source, h);
          changed = true;
        }
      }
    }
  }
  const drawn = edges.filter((e) => hop.has(drawnKey(e.source)) && hop.has(drawnKey(e.target)));
  const nodes = [...hop.values()].sort((a, b) => a.hop - b.hop || a.ref.type.localeCompare(b.ref.type) || drawnId(a.ref) - drawnId(b.ref));
  const relations = [...new Set(drawn.map((e) => e.relation))].sort();
  const types = [...new Set(nodes.map((n) => n.ref.type))].sort();
  return { view, nodes, edges: drawn, relations, relationColours: colours(relations, options.relations, RELATION_COLOURS), nodeTypeColours: colours(types, options.nodeTypes, NODE_TYPE_COLOURS) };
}
