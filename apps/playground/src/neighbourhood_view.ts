/**
 * An explained alert's neighbourhood in cytoscape: `@gnnjs/train`'s
 * `neighbourhoodDrawing` placed in columns by hop (the alert on the right,
 * what it read one and two hops away to its left), every edge as wide as its
 * attention (or |attribution|) and coloured by relation, nodes filled by type.
 * After each drawing the container's `data-drawn` holds what cytoscape
 * actually styled (relation, width, colour per edge), for tests and the console.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { PAYMENTS_NODE_LABELS } from '@gnnjs/datasets';
import { drawnKey, type DrawnNode, type NeighbourhoodDrawing } from '@gnnjs/train';
import type { AlertRef } from './alerts_file.js';

/** Edge width in pixels for a drawing's width share (in [0, 1]): 1.5 to 12. */
export const edgeWidth = (weight: number): number => 1.5 + 10.5 * weight;

/** A node's label: a short type name and the dataset's id. */
export const nodeLabel = (ref: AlertRef): string => `${PAYMENTS_NODE_LABELS[ref.type] ?? ref.type} ${ref.id}`;

/** What cytoscape drew of one edge. */
export interface DrawnEdgeStyle {
  relation: string;
  source: string;
  target: string;
  weight: number;
  width: number;
  colour: string;
}

export class NeighbourhoodView {
  private readonly cy: Core;

  constructor(
    private readonly container: HTMLElement,
    onSelect: (key: string) => void,
  ) {
    this.cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 4, autoungrabify: true });
    this.cy.on('tap', 'node', (event) => onSelect(String(event.target.id())));
  }

  /** Draws `drawing`, `selected` (a node key) outlined. */
  show(drawing: NeighbourhoodDrawing<AlertRef>, selected?: string): void {
    const columns = new Map<number, Array<DrawnNode<AlertRef>>>();
    for (const n of drawing.nodes) columns.set(n.hop, [...(columns.get(n.hop) ?? []), n]);
    const maxHop = Math.max(0, ...columns.keys());
    const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
    const elements: ElementDefinition[] = [];
    for (const [hop, nodes] of columns) {
      const offset = ((rows - nodes.length) * 44) / 2;
      nodes.forEach((n, i) =>
        elements.push({
          group: 'nodes',
          data: { id: n.key, label: nodeLabel(n.ref), fill: drawing.nodeTypeColours[n.ref.type]! },
          classes: [hop === 0 ? 'target' : '', n.key === selected ? 'selected' : ''].filter((c) => c !== '').join(' '),
          position: { x: (maxHop - hop) * 260, y: offset + i * 44 },
        }),
      );
    }
    drawing.edges.forEach((e, i) =>
      elements.push({
        group: 'edges',
        data: {
          id: `e${i}`,
          source: drawnKey(e.source),
          target: drawnKey(e.target),
          relation: e.relation,
          weight: e.weight,
          width: edgeWidth(e.weight),
          colour: drawing.relationColours[e.relation]!,
          label: e.measure === 'attention' ? e.value.toFixed(2) : (e.value >= 0 ? '+' : '') + e.value.toFixed(3),
        },
      }),
    );
    this.cy.elements().remove();
    this.cy.add(elements);
    this.cy.resize();
    this.cy.fit(undefined, 24);
    const drawn: DrawnEdgeStyle[] = this.cy.edges().map((edge) => ({
      relation: String(edge.data('relation')),
      source: String(edge.data('source')),
      target: String(edge.data('target')),
      weight: Number(edge.data('weight')),
      width: parseFloat(String(edge.style('width'))),
      colour: String(edge.style('line-color')),
    }));
    this.container.dataset['drawn'] = JSON.stringify(drawn);
    this.container.dataset['nodes'] = String(this.cy.nodes().length);
  }

  /** Where a node is drawn, in page coordinates (tests click it). */
  nodePagePosition(key: string): { x: number; y: number } | undefined {
    const node = this.cy.getElementById(key);
    if (node.empty()) return undefined;
    const p = node.renderedPosition();
    const box = this.container.getBoundingClientRect();
    return { x: box.left + window.scrollX + p.x, y: box.top + window.scrollY + p.y };
  }
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      'background-color': 'data(fill)',
      label: 'data(label)',
      width: 92,
      height: 26,
      'font-size': 11,
      color: '#111',
      'text-valign': 'center',
      'text-halign': 'center',
      'border-width': 1,
      'border-color': '#6b7280',
    },
  },
  { selector: 'node.target', style: { 'border-width': 3, 'border-color': '#111', 'font-weight': 'bold' } },
  { selector: 'node.selected', style: { 'border-width': 3, 'border-color': '#6a3d9a', 'border-style': 'double' } },
  {
    selector: 'edge',
    style: {
      'line-color': 'data(colour)',
      'target-arrow-color': 'data(colour)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      width: 'data(width)',
      opacity: 0.8,
      label: 'data(label)',
      'font-size': 9,
      color: '#374151',
      'text-background-color': '#fff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
    },
  },
];
