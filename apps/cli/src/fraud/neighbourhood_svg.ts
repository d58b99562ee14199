/**
 * A row's explained neighbourhood as an inline SVG: the target on the right,
 * its neighbours one and two hops away in columns to the left, each edge as
 * wide as its attention (or, for models without attention, its integrated
 * gradient) and coloured by relation. Only the edges of the strongest paths
 * are drawn: a full two-hop neighbourhood is hundreds of edges.
 */
import { PAYMENTS_NODE_LABELS } from '@gnnjs/datasets';
import { drawnId, drawnKey, neighbourhoodDrawing, type DrawnRef } from '@gnnjs/train';
import type { RowExplanation } from './explain_row.js';
import { relationName } from './explain_text.js';

/** Escapes text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// explainRow maps every node of the explanation to the dataset's ids; the type still says rows.
const name = (r: DrawnRef): string => `${r.type} ${drawnId(r)}`;

/**
 * The SVG (a string) of the row's strongest paths.
 *
 * @example
 * ```ts
 * html += neighbourhoodSvg(await explainRow(data, model, hp, 1234));
 * ```
 */
export function neighbourhoodSvg(x: RowExplanation, options: { maxPaths?: number; width?: number; relations?: readonly string[] } = {}): string {
  const width = options.width ?? 640;
  const drawing = neighbourhoodDrawing<DrawnRef>(x.explanation, { maxPaths: options.maxPaths ?? 12, nodeTypes: Object.keys(PAYMENTS_NODE_LABELS), ...(options.relations === undefined ? {} : { relations: options.relations }) });
  const { edges, relations } = drawing;
  const maxHop = Math.max(0, ...drawing.nodes.map((n) => n.hop));
  const columns = new Map<number, typeof drawing.nodes>();
  for (const n of drawing.nodes) columns.set(n.hop, [...(columns.get(n.hop) ?? []), n]);
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const rowHeight = 30;
  const top = 20;
  const legendTop = top * 2 + rows * rowHeight;
  const height = legendTop + 14 * Math.max(1, relations.length) + 6;
  const colX = (h: number): number => (maxHop === 0 ? width - 110 : 90 + ((maxHop - h) * (width - 200)) / maxHop);
  const pos = new Map<string, { x: number; y: number }>();
  for (const [h, nodes] of columns) {
    const offset = ((rows - nodes.length) * rowHeight) / 2;
    nodes.forEach((n, i) => pos.set(n.key, { x: colX(h), y: top + offset + i * rowHeight + rowHeight / 2 }));
  }
  const colour = (relation: string): string => drawing.relationColours[relation]!;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="neighbourhood" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`neighbourhood of ${x.target.type} ${x.target.id}`)}">`);
  for (const e of edges) {
    const a = pos.get(drawnKey(e.source));
    const b = pos.get(drawnKey(e.target));
    if (a === undefined || b === undefined) continue;
    const w = (1 + 7 * e.weight).toFixed(1);
    parts.push(
      `<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke="${colour(e.relation)}" stroke-width="${w}" stroke-opacity="0.75"><title>${escapeXml(`${relationName(e.relation)}: ${name(e.source)} → ${name(e.target)}, ${e.measure} ${e.value.toFixed(e.measure === 'attention' ? 3 : 4)}`)}</title></line>`,
    );
  }
  for (const { ref, key, hop } of drawing.nodes) {
    const p = pos.get(key)!;
    const isTarget = hop === 0;
    const label = `${PAYMENTS_NODE_LABELS[ref.type] ?? ref.type} ${drawnId(ref)}`;
    parts.push(
      `<g><rect x="${(p.x - 48).toFixed(1)}" y="${(p.y - 10).toFixed(1)}" width="96" height="20" rx="9" fill="${drawing.nodeTypeColours[ref.type]!}" stroke="${isTarget ? '#111' : '#6b7280'}" stroke-width="${isTarget ? 2 : 0.8}"/><text x="${p.x.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" text-anchor="middle" font-size="11" font-family="sans-serif">${escapeXml(label)}</text></g>`,
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
