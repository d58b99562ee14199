/**
 * The "Heterogeneous graph" panel: trains `toHetero(GAT)` on a synthetic
 * payments graph and shows, for one account, the attention it gave each
 * in-neighbour per relation (merchants it paid, devices it used, accounts
 * that follow it): "why was this account classified so", relation by
 * relation. Tables carry `data-relation`, rows `data-source` and cells
 * `data-alpha` (tests read them).
 */
import type { BackendName } from '@gnnjs/core';
import type { RelationNeighbourAttention } from '@gnnjs/layers';
import { el, find } from './dom.js';
import { useBackend } from './backends.js';
import { trainHetero, type HeteroOutcome } from './hetero_run.js';

export interface HeteroPanelOptions {
  /** The backend picked in the page's controls. */
  backend: () => BackendName | 'auto';
  onError: (error: unknown) => void;
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Wires the panel's controls; the panel is inert until its Train button is pressed. */
export function setUpHeteroPanel(options: HeteroPanelOptions): void {
  const ui = {
    train: find<HTMLButtonElement>('hetero-train'),
    status: find<HTMLParagraphElement>('hetero-status'),
    layer: find<HTMLSelectElement>('hetero-layer'),
    node: find<HTMLInputElement>('hetero-node'),
    info: find<HTMLParagraphElement>('hetero-info'),
    tables: find<HTMLDivElement>('hetero-tables'),
  };
  let outcome: HeteroOutcome | undefined;
  const setStatus = (state: string, text: string) => {
    ui.status.dataset['state'] = state;
    ui.status.textContent = text;
  };

  async function show(): Promise<void> {
    if (outcome === undefined) return;
    const account = Math.max(0, Math.min(outcome.numNodes['account']! - 1, Math.round(Number(ui.node.value) || 0)));
    const why = await outcome.explain(ui.layer.value, account, 5);
    const label = outcome.blocks['account']![account]!;
    const predicted = outcome.predictions[account]!;
    ui.info.textContent = `Account ${account}: class ${label}, predicted ${predicted} ${predicted === label ? '✓' : '✗'}`;
    ui.tables.replaceChildren(...Object.entries(why).map(([relation, rows]) => relationTable(relation, rows, outcome!)));
    ui.tables.dataset['account'] = String(account);
  }

  async function run(): Promise<void> {
    ui.train.disabled = true;
    outcome?.dispose();
    outcome = undefined;
    try {
      const backend = await useBackend(options.backend());
      setStatus('training', `Training toHetero(GAT) on the payments graph with ${backend}…`);
      outcome = await trainHetero({ epochs: 60, lr: 0.01, seed: 0 }, {
        onEpoch: (r) => setStatus('training', `Epoch ${r.epoch}: loss ${r.loss.toFixed(3)}, validation accuracy ${(r.val?.accuracy ?? 0).toFixed(3)}`),
        afterEpoch: nextFrame,
      });
      ui.layer.replaceChildren(...Object.keys(outcome.attention).map((layer) => el('option', { value: layer }, [layer])));
      ui.node.max = String(outcome.numNodes['account']! - 1);
      setStatus('done', `Done: ${outcome.epochs} epochs on ${backend}, test accuracy ${(100 * outcome.testAccuracy).toFixed(1)}% on the accounts.`);
      await show();
    } catch (error) {
      setStatus('error', 'Training failed.');
      options.onError(error);
    } finally {
      ui.train.disabled = false;
    }
  }

  ui.train.addEventListener('click', () => void run());
  ui.layer.addEventListener('change', () => void show().catch(options.onError));
  ui.node.addEventListener('change', () => void show().catch(options.onError));
}

/** One relation's table: the source node, its hidden block, mean and per-head attention. */
function relationTable(relation: string, rows: readonly RelationNeighbourAttention[], outcome: HeteroOutcome): HTMLElement {
  const heads = rows[0]?.perHead.length ?? 0;
  const header = el('tr', {}, [el('th', {}, [rows[0]?.sourceType ?? 'source']), el('th', {}, ['block']), el('th', {}, ['mean']), ...Array.from({ length: heads }, (_, h) => el('th', {}, [`h${h + 1}`]))]);
  const body = rows.map((r) =>
    el('tr', { 'data-source': String(r.source) }, [
      el('td', {}, [String(r.source)]),
      el('td', {}, [String(outcome.blocks[r.sourceType]?.[r.source] ?? '–')]),
      el('td', { class: 'alpha', 'data-alpha': String(r.mean) }, [r.mean.toFixed(3)]),
      ...r.perHead.map((a) => el('td', { class: 'alpha', 'data-alpha': String(a) }, [a.toFixed(3)])),
    ]),
  );
  const [src, rel, dst] = relation.split('__');
  const table = el('table', { class: 'relation', 'data-relation': relation }, [el('caption', {}, [`${src} —${rel}→ ${dst}`]), el('thead', {}, [header]), el('tbody', {}, body)]);
  if (rows.length === 0) table.append(el('tbody', {}, [el('tr', {}, [el('td', { colspan: String(3 + heads) }, ['no edge into this account'])])]));
  return table;
}
