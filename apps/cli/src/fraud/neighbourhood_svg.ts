/**
 * A row's explained neighbourhood as an inline SVG: the target on the right,
 * its neighbours one and two hops away in columns to the left, each edge as
 * wide as its attention (or, for models without attention, its integrated
 * gradient) and coloured by relation. Only the edges of the strongest paths
 * are drawn: a full two-hop neighbourhood is hundreds of edges.
 */
import type { GlobalRef, RowExplanation } from './explain_row.js';
import { relationName, twoHopFirst } from './explain_text.js';

const RELATION_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
const TYPE_COLOURS: Record<string, string> = { transactions: '#fde68a', accounts: '#bfdbfe', cards: '#fecaca', devices: '#ddd6fe', merchants: '#bbf7d0', account_churn: '#fed7aa' };
const SHORT: Record<string, string> = { transactions: 'tx', accounts: 'acct', cards: 'card', devices: 'device', merchants: 'merchant', account_churn: 'churn row' };

/** Escapes text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface DrawnEdge {
  relation: string;
  source: GlobalRef;
  target: GlobalRef;
  /** 0 … 1: the stroke width's share. */
  weight: number;
  label: string;
}

const key = (r: GlobalRef | { type: string; row: number }): string => `${r.type}:${'id' in r ? r.id : r.row}`;
const asGlobal = (r: GlobalRef | { type: string; row: number }): GlobalRef => ('id' in r ? r : { type: r.type, id: r.row });

/** The edges worth drawing: those of the strongest attention paths, else the edges with the largest |attribution|. */
function drawnEdges(x: RowExplanation, maxPaths: number): DrawnEdge[] {
  const out = new Map<string, DrawnEdge>();
  const add = (e: DrawnEdge): void => {
    const k = `${e.relation}|${key(e.source)}|${key(e.target)}`;
    const had = out.get(k);
    if (had === undefined || had.weight < e.weight) out.set(k, e);
  };
  const paths = x.explanation.attention?.paths ?? [];
  if (paths.length > 0) {
    // The strongest longer paths, and every one-hop path (the target's own card, account …).
    for (const p of [...twoHopFirst(paths).slice(0, maxPaths), ...paths.filter((q) => q.nodes.length === 2)]) {
      for (let s = 0; s < p.relations.length; s++) {
        add({ relation: p.relations[s]!, source: asGlobal(p.nodes[s]!), target: asGlobal(p.nodes[s + 1]!), weight: p.alphas[s]!, label: `attention ${p.alphas[s]!.toFixed(3)}` });
      }
    }
    return [...out.values()];
  }
  const edges = x.explanation.edges?.top ?? [];
  const max = Math.max(1e-12, ...edges.map((e) => Math.abs(e.attribution)));
  for (const e of edges.slice(0, maxPaths)) {
    add({ relation: e.relation, source: asGlobal(e.source), target: asGlobal(e.target), weight: Math.abs(e.attribution) / max, label: `attribution ${e.attribution.toFixed(4)}` });
  }
  return [...out.values()];
}

/**
 * The SVG (a string) of the row's strongest paths.
 *
 * @example
 * ```ts
 * html += neighbourhoodSvg(await explainRow(data, model, hp, 1234));
 * ```
 */
export function neighbourhoodSvg(x: RowExplanation, options: { maxPaths?: number; width?: number } = {}): string {
  const width = options.width ?? 640;
  const edges = drawnEdges(x, options.maxPaths ?? 12);
  // Hops: along the drawn edges backwards from the target.
  const hop = new Map<string, { ref: GlobalRef; hop: number }>([[key(x.target), { ref: x.target, hop: 0 }]]);
  for (let h = 1; h <= 3; h++) {
    for (const e of edges) {
      const t = hop.get(key(e.target));
      if (t !== undefined && t.hop === h - 1 && !hop.has(key(e.source))) hop.set(key(e.source), { ref: e.source, hop: h });
    }
  }
  const maxHop = Math.max(0, ...[...hop.values()].map((n) => n.hop));
  const columns = new Map<number, GlobalRef[]>();
  for (const { ref, hop: h } of hop.values()) columns.set(h, [...(columns.get(h) ?? []), ref]);
  for (const refs of columns.values()) refs.sort((a, b) => a.type.localeCompare(b.type) || a.id - b.id);
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const rowHeight = 30;
  const top = 20;
  const legendTop = top * 2 + rows * rowHeight;
  const height = legendTop + 14 * Math.max(1, new Set(edges.map((e) => e.relation)).size) + 6;
  const colX = (h: number): number => (maxHop === 0 ? width - 110 : 90 + ((maxHop - h) * (width - 200)) / maxHop);
  const pos = new Map<string, { x: number; y: number }>();
  for (const [h, refs] of columns) {
    const offset = ((rows - refs.length) * rowHeight) / 2;
    refs.forEach((r, i) => pos.set(key(r), { x: colX(h), y: top + offset + i * rowHeight + rowHeight / 2 }));
  }
  const relations = [...new Set(edges.map((e) => e.relation))].sort();
  const colour = (relation: string): string => RELATION_COLOURS[relations.indexOf(relation) % RELATION_COLOURS.length]!;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`neighbourhood of ${x.target.type} ${x.target.id}`)}">`);
  for (const e of [...edges].sort((a, b) => a.weight - b.weight)) {
    const a = pos.get(key(e.source));
    const b = pos.get(key(e.target));
    if (a === undefined || b === undefined) continue;
    const w = (1 + 7 * Math.min(1, Math.max(0, e.weight))).toFixed(1);
    parts.push(
      `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${colour(e.relation)}" stroke-width="${w}" stroke-opacity="0.75"><title>${escapeXml(`${relationName(e.relation)}: ${e.source.type} ${e.source.id} → ${e.target.type} ${e.target.id}, ${e.label}`)}</title></line>`,
    );
  }
  for (const { ref } of hop.values()) {
    const p = pos.get(key(ref))!;
    const isTarget = key(ref) === key(x.target);
    const label = `${SHORT[ref.type] ?? ref.type} ${ref.id}`;
    parts.push(
      `<g><rect x="${(p.x - 48).toFixed(1)}" y="${(p.y - 10).toFixed(1)}" width="96" height="20" rx="9" fill="${TYPE_COLOURS[ref.type] ?? '#e5e7eb'}" stroke="${isTarget ? '#111' : '#6b7280'}" stroke-width="${isTarget ? 2 : 0.8}"/><text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle" font-size="11" font-family="sans-serif">${escapeXml(label)}</text></g>`,
    );
  }
  relations.forEach((r, i) => {
    const [src, , dst] = r.split('__') as [string, string, string];
    const y = legendTop + 14 * i;
    parts.push(`<line x1="10" y1="${y}" x2="30" y2="${y}" stroke="${colour(r)}" stroke-width="4"/><text x="36" y="${y + 4}" font-size="10" font-family="sans-serif">${escapeXml(`${relationName(r)} (${src} → ${dst})`)}</text>`);
  });
  if (edges.length === 0) parts.push(`<text x="10" y="${legendTop}" font-size="11" font-family="sans-serif">${escapeXml(`${x.model} reads no graph: the score comes from the row's own columns`)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
