/**
 * The attention list of one node: its in-neighbours (self-loop included)
 * ranked by mean attention, one column per head, and a last row with each
 * head's sum (1 by construction: a softmax over the node's in-edges).
 * Cells carry the exact value in `data-alpha` (tests read it).
 */
import { CLASS_COLORS } from './graph_view.js';
import { el } from './dom.js';
import { headSums, type RankedNeighbour } from './rank_attention.js';

export interface AttentionTableInput {
  node: number;
  rows: readonly RankedNeighbour[];
  heads: number;
  /** The head the graph shows, or `'mean'`. */
  head: number | 'mean';
  labels: Int32Array;
  predictions: Int32Array;
}

export function renderAttentionTable(table: HTMLTableElement, input: AttentionTableInput): void {
  const { rows, heads, head, labels, predictions } = input;
  const headNames = Array.from({ length: heads }, (_, h) => `h${h + 1}`);
  const header = el('tr', {}, [el('th', {}, ['#']), el('th', {}, ['from node']), el('th', {}, ['class (pred)']), el('th', { class: head === 'mean' ? 'shown' : '' }, ['mean'])]);
  headNames.forEach((name, h) => header.append(el('th', { class: head === h ? 'shown' : '' }, [name])));

  const body = rows.map((row, rank) => {
    const tr = el('tr', { 'data-source': String(row.source) }, [
      el('td', {}, [String(rank + 1)]),
      el('td', {}, [row.source === input.node ? `${row.source} (self)` : String(row.source)]),
      el('td', {}, [classChip(labels[row.source]!), ' ', predictions[row.source] === labels[row.source] ? '' : `(${predictions[row.source]}) ✗`]),
      alphaCell(row.mean, 'mean', head === 'mean'),
    ]);
    row.perHead.forEach((a, h) => tr.append(alphaCell(a, String(h), head === h)));
    return tr;
  });

  const sums = headSums(rows, heads);
  const footer = el('tr', { class: 'sums' }, [el('td', {}, []), el('td', {}, ['Σ per head']), el('td', {}, []), el('td', {}, [])]);
  sums.forEach((s, h) => footer.append(el('td', { 'data-head-sum': String(h) }, [s.toFixed(3)])));

  table.replaceChildren(el('thead', {}, [header]), el('tbody', {}, body), el('tfoot', {}, [footer]));
  table.dataset['node'] = String(input.node);
  table.dataset['heads'] = String(heads);
}

function alphaCell(value: number, head: string, shown: boolean): HTMLElement {
  const cell = el('td', { class: `alpha${shown ? ' shown' : ''}`, 'data-head': head, 'data-alpha': String(value) }, [value.toFixed(3)]);
  cell.style.setProperty('--alpha', String(Math.min(1, value)));
  return cell;
}

function classChip(cls: number): HTMLElement {
  const chip = el('span', { class: 'chip' }, [String(cls)]);
  chip.style.background = CLASS_COLORS[cls % CLASS_COLORS.length]!;
  return chip;
}
