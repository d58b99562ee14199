/** A graph's arrays as plain JSON, to compare what the browser built with what Node built. */
import type { RelationalGraphArrays } from '@gnnjs/relational/browser';

export interface GraphSummary {
  nodes: Record<string, { numNodes: number; featureNames: string[]; x: number[]; y: number[] | null; time: number[] | null }>;
  edges: { type: string; src: number[]; dst: number[]; time: number[] | null }[];
}

const list = (a: ArrayLike<number> | undefined): number[] | null => (a === undefined ? null : Array.from(a));

export function summarize(graph: RelationalGraphArrays): GraphSummary {
  const nodes: GraphSummary['nodes'] = {};
  for (const [name, n] of Object.entries(graph.nodes)) {
    nodes[name] = { numNodes: n.numNodes, featureNames: [...n.featureNames], x: Array.from(n.x), y: list(n.y), time: list(n.time) };
  }
  return { nodes, edges: graph.edges.map((e) => ({ type: e.type.join(' '), src: Array.from(e.src), dst: Array.from(e.dst), time: list(e.time) })) };
}
