/**
 * A row's explanation as an analyst reads it on a terminal: the score, the
 * strongest attention paths into the row (two hops: transaction ← card ←
 * other transactions), the top neighbours per layer and relation, the
 * features that moved the score (integrated gradients), the edges that did,
 * and whether attention and gradients agree.
 */
import { longestPathsFirst } from '@gnnjs/train';
import { formatTable } from '../output/table.js';
import type { GlobalRef, RowExplanation } from './explain_row.js';

// Explanations of a sampled batch carry rows; explainRow turns them into the dataset's ids (GlobalRef) in place.
const ref = (r: GlobalRef | { type: string; row: number }): string => `${r.type} ${'id' in r ? r.id : r.row}`;
const num = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const signed = (x: number): string => (x >= 0 ? `+${x.toFixed(4)}` : x.toFixed(4));

/** `src__rel__dst` as `rel`. */
export function relationName(relation: string): string {
  return relation.split('__')[1] ?? relation;
}

/** Why the two explanations may differ, in one paragraph (also in the report and docs/fraud.md). */
export const AGREEMENT_NOTE =
  'Attention says where a layer looked (weights over a node\'s in-edges sum to 1, before the messages are scaled); integrated gradients say what moved the score from a graph without messages. They disagree when an edge is attended to but carries a message the model barely uses (or uses against fraud), when many similar neighbours split the attention but together decide the score, and at the first layer, whose attention reaches the target only through the second.';

/** What the analyst sees of the agreement: the rank correlation, the top edge of each method. */
export function agreementLine(x: RowExplanation): string | undefined {
  const a = x.explanation.edges?.agreement;
  if (a === undefined) return undefined;
  const top = (e: typeof a.topByAttention): string => (e === undefined ? 'none' : `${relationName(e.relation)} ${ref(e.source)} → ${ref(e.target)}`);
  const same = a.sameTop ? 'the same edge' : 'different edges';
  const where = a.scope === 'in-edges' ? `the ${x.target.type}'s own in-edges (${a.layer ?? 'no'} attention)` : `the ${a.edges} edges into its neighbours (${a.layer ?? 'no'} attention: its own in-edges all have attention 1, one per relation)`;
  return `Agreement on ${where}: Spearman ρ ${num(a.spearman, 2)} between attention and |edge attribution|; top by attention: ${top(a.topByAttention)}; top by gradient: ${top(a.topByGradient)} (${same}).`;
}

/** The text of `gnnjs explain` (no `--json`). */
export function formatRowExplanation(x: RowExplanation, top = 8): string {
  const out: string[] = [];
  out.push(`${ref(x.target)} (${x.split} period) · ${x.model} · task ${x.task}`);
  out.push(`score ${num(x.score)} (logit ${num(x.logit)}) · label ${x.label} · neighbourhood of ${x.nodes.length - 1} nodes and ${x.edges.length} edges`);
  const att = x.explanation.attention;
  if (att !== undefined) {
    out.push('', 'Strongest attention paths into it, two hops first (product of attention along the path, heads averaged)');
    const paths = longestPathsFirst(att.paths).slice(0, top).map((p) => {
      const nodes = p.nodes;
      const text = nodes.map((n, k) => (k === 0 ? ref(n) : `-${relationName(p.relations[k - 1]!)}-> ${ref(n)}`)).join(' ');
      return [num(p.weight), String(p.nodes.length - 1), text];
    });
    out.push(formatTable(['weight', 'hops', 'path'], paths));
    out.push('', 'Top neighbours per layer and relation (attention, heads averaged)');
    const rows: string[][] = [];
    for (const layer of att.layers) {
      const byRelation = new Map<string, typeof layer.edges>();
      for (const e of layer.edges) byRelation.set(e.relation, [...(byRelation.get(e.relation) ?? []), e]);
      for (const [relation, edges] of byRelation) {
        for (const e of [...edges].sort((a, b) => b.alpha - a.alpha).slice(0, 3)) {
          rows.push([layer.layer, String(layer.hop), relationName(relation), ref(e.source), ref(e.target), num(e.alpha)]);
        }
      }
    }
    out.push(formatTable(['layer', 'hop', 'relation', 'neighbour', 'into', 'attention'], rows));
  } else {
    out.push('', `(${x.model} has no attention: only gradient attributions below)`);
  }
  const f = x.explanation.features;
  out.push('', `Feature attributions (integrated gradients from all-zero features, ${f.completeness.steps} steps; they sum to logit − baseline logit = ${num(f.completeness.value - f.completeness.baselineValue)}, off by ${f.completeness.delta.toExponential(1)})`);
  out.push(
    formatTable(
      ['node', 'column', 'value', 'attribution', 'saliency'],
      f.top.slice(0, top).map((a) => [ref(a.node), a.column, num(a.value), signed(a.attribution), num(a.saliency)]),
    ),
  );
  out.push('', `Summed per column over the neighbourhood`);
  out.push(formatTable(['type', 'column', 'attribution'], f.byColumn.slice(0, top).map((c) => [c.type, c.column, signed(c.attribution)])));
  const edges = x.explanation.edges;
  if (edges !== undefined) {
    out.push('', `Edges by integrated gradients (an edge's messages scaled from 0 to 1; sum ${num(edges.completeness.value - edges.completeness.baselineValue)})`);
    out.push(
      formatTable(
        ['relation', 'from', 'to', 'attribution', 'attention'],
        edges.top.slice(0, top).map((e) => [
          relationName(e.relation),
          ref(e.source),
          ref(e.target),
          signed(e.attribution),
          e.attention === undefined ? '' : Object.values(e.attention).map((v) => num(v)).join(' / '),
        ]),
      ),
    );
    const line = agreementLine(x);
    if (line !== undefined) out.push('', line);
  }
  out.push('', `Note: ${AGREEMENT_NOTE}`);
  return out.join('\n');
}
