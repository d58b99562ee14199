/**
 * The graph drawing (cytoscape): nodes coloured by predicted class (by true
 * class before training), training nodes as diamonds, mistakes ringed red,
 * and the selected node's in-edges drawn with a thickness ∝ attention.
 * Small graphs are drawn whole; larger ones (Cora) as the 2-hop
 * neighbourhood of the selected node.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { PlaygroundDataset } from './datasets.js';
import type { RankedNeighbour } from './rank_attention.js';

export const CLASS_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7', '#9c755f'];

/** Graphs up to this size are drawn whole. */
const WHOLE_GRAPH_LIMIT = 200;
/** Most nodes in a neighbourhood view. */
const NEIGHBOURHOOD_LIMIT = 100;

export class GraphView {
  private readonly cy: Core;
  private dataset: PlaygroundDataset | undefined;
  private neighbours: number[][] = [];
  private predictions: Int32Array | undefined;

  constructor(
    private readonly container: HTMLElement,
    onSelect: (node: number) => void,
  ) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 4,
    });
    this.cy.on('tap', 'node', (event) => onSelect(Number(event.target.id())));
  }

  /** Draws `dataset` (or, for a large one, the neighbourhood of `centre`). */
  show(dataset: PlaygroundDataset, predictions: Int32Array | undefined, centre: number): void {
    if (this.dataset !== dataset) {
      this.dataset = dataset;
      this.neighbours = undirectedNeighbours(dataset);
    }
    this.predictions = predictions;
    const whole = dataset.numNodes <= WHOLE_GRAPH_LIMIT;
    const hops = whole ? undefined : neighbourhood(this.neighbours, centre, NEIGHBOURHOOD_LIMIT);
    const nodes = hops === undefined ? [...Array(dataset.numNodes).keys()] : [...hops.keys()];
    const inView = new Set(nodes);
    const elements: ElementDefinition[] = nodes.map((n, i) => ({
      group: 'nodes',
      data: { id: String(n), color: this.nodeColor(n) },
      classes: this.nodeClasses(n),
      position: { x: 300 + 250 * Math.cos((2 * Math.PI * i) / nodes.length), y: 300 + 250 * Math.sin((2 * Math.PI * i) / nodes.length) },
    }));
    for (const a of nodes) {
      for (const b of this.neighbours[a] ?? []) {
        if (a < b && inView.has(b)) elements.push({ group: 'edges', data: { id: `${a}-${b}`, source: String(a), target: String(b) }, classes: 'link' });
      }
    }
    this.cy.elements().remove();
    this.cy.add(elements);
    // A force-directed layout from a circle (no random start), for the whole graph and for neighbourhoods alike.
    const layout = { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 60, numIter: 1500 };
    this.cy.layout(layout as cytoscape.CoseLayoutOptions).run();
    this.cy.fit(undefined, 16);
    this.container.dataset['nodes'] = String(nodes.length);
  }

  /** Marks `node` and draws its in-edges with a width ∝ attention (`head`, or the mean over heads). */
  highlight(node: number, rows: readonly RankedNeighbour[], head: number | 'mean'): void {
    this.cy.elements('.attn').remove();
    this.cy.nodes().removeClass('focus');
    this.cy.getElementById(String(node)).addClass('focus');
    const edges: ElementDefinition[] = [];
    for (const row of rows) {
      if (this.cy.getElementById(String(row.source)).empty()) continue;
      const alpha = head === 'mean' ? row.mean : (row.perHead[head] ?? 0);
      edges.push({
        group: 'edges',
        data: { id: `attn-${row.edge}`, source: String(row.source), target: String(node), width: 1 + 14 * alpha, label: alpha.toFixed(2) },
        classes: 'attn',
      });
    }
    this.cy.add(edges);
  }

  /** Where `node` is drawn, in page (CSS pixel) coordinates; undefined when not in view. */
  nodePagePosition(node: number): { x: number; y: number } | undefined {
    const element = this.cy.getElementById(String(node));
    if (element.empty()) return undefined;
    const p = element.renderedPosition();
    const rect = this.container.getBoundingClientRect();
    return { x: rect.left + window.scrollX + p.x, y: rect.top + window.scrollY + p.y };
  }

  private nodeColor(n: number): string {
    const cls = this.predictions?.[n] ?? this.dataset?.labels[n] ?? 0;
    return CLASS_COLORS[cls % CLASS_COLORS.length]!;
  }

  private nodeClasses(n: number): string {
    const classes: string[] = [];
    if (this.dataset?.trainMask[n]) classes.push('train');
    if (this.predictions !== undefined && this.predictions[n] !== this.dataset?.labels[n]) classes.push('mistake');
    return classes.join(' ');
  }
}

function undirectedNeighbours(dataset: PlaygroundDataset): number[][] {
  const sets = Array.from({ length: dataset.numNodes }, () => new Set<number>());
  dataset.sources.forEach((s, e) => {
    const t = dataset.targets[e]!;
    if (s === t) return;
    sets[s]!.add(t);
    sets[t]!.add(s);
  });
  return sets.map((s) => [...s].sort((a, b) => a - b));
}

/** Nodes within two hops of `centre` (breadth first, at most `limit`), with their hop count. */
function neighbourhood(neighbours: number[][], centre: number, limit: number): Map<number, number> {
  const hops = new Map<number, number>([[centre, 0]]);
  let frontier = [centre];
  for (let hop = 1; hop <= 2 && hops.size < limit; hop++) {
    const next: number[] = [];
    for (const n of frontier) {
      for (const m of neighbours[n] ?? []) {
        if (hops.has(m) || hops.size >= limit) continue;
        hops.set(m, hop);
        next.push(m);
      }
    }
    frontier = next;
  }
  return hops;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(color)',
      label: 'data(id)',
      width: 24,
      height: 24,
      'font-size': 10,
      color: '#fff',
      'text-valign': 'center',
      'text-halign': 'center',
      'text-outline-color': '#333',
      'text-outline-width': 1,
      'border-width': 1,
      'border-color': '#333',
    },
  },
  { selector: 'node.train', style: { shape: 'diamond', width: 30, height: 30 } },
  { selector: 'node.mistake', style: { 'border-width': 4, 'border-color': '#e00', 'border-style': 'double' } },
  { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#000', width: 34, height: 34, 'z-index': 10 } },
  { selector: 'edge.link', style: { 'line-color': '#c8c8c8', width: 1, 'curve-style': 'haystack' } },
  {
    selector: 'edge.attn',
    style: {
      'line-color': '#6a3d9a',
      'target-arrow-color': '#6a3d9a',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      width: 'data(width)',
      opacity: 0.75,
      label: 'data(label)',
      'font-size': 9,
      color: '#6a3d9a',
      'text-background-color': '#fff',
      'text-background-opacity': 0.8,
      'z-index': 5,
    },
  },
];
