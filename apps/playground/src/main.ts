/**
 * The page: wires the pickers, the training run, the chart and the attention
 * explorer together. Every failure lands in the `#error` box as well as the
 * console.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '@gnnjs/core';
import { defaultHyperParameters, isModelName, type ModelName } from '@gnnjs/train';
import { renderAttentionTable } from './attention_table.js';
import { el, find } from './dom.js';
import { diagnoseBackends } from './backends.js';
import { TrainingChart } from './chart.js';
import { DATASET_CHOICES, loadDataset, type DatasetChoice, type PlaygroundDataset } from './datasets.js';
import { GraphView } from './graph_view.js';
import { setUpAlertsPanel } from './alerts_panel.js';
import { setUpHeteroPanel } from './hetero_panel.js';
import { rankInNeighbours } from './rank_attention.js';
import { trainInPage, type RunOutcome } from './training.js';

const $ = find;

const ui = {
  error: $<HTMLDivElement>('error'),
  dataset: $<HTMLSelectElement>('dataset'),
  planetoidUrl: $<HTMLInputElement>('planetoid-url'),
  model: $<HTMLSelectElement>('model'),
  backend: $<HTMLSelectElement>('backend'),
  epochs: $<HTMLInputElement>('epochs'),
  lr: $<HTMLInputElement>('lr'),
  train: $<HTMLButtonElement>('train'),
  stop: $<HTMLButtonElement>('stop'),
  status: $<HTMLParagraphElement>('status'),
  backends: $<HTMLUListElement>('backends'),
  autoChoice: $<HTMLParagraphElement>('auto-choice'),
  epoch: $('m-epoch'),
  loss: $('m-loss'),
  acc: $('m-acc'),
  time: $('m-time'),
  finalResult: $('final-result'),
  hint: $('explorer-hint'),
  layer: $<HTMLSelectElement>('layer'),
  head: $<HTMLSelectElement>('head'),
  jump: $<HTMLInputElement>('jump'),
  nodeInfo: $('node-info'),
  table: $<HTMLTableElement>('attention-table'),
};

const chart = new TrainingChart($<HTMLCanvasElement>('chart'));
const graph = new GraphView($('graph'), (node) => selectNode(node));

let dataset: PlaygroundDataset | undefined;
let datasetKey = '';
let outcome: RunOutcome | undefined;
let stopRequested = false;
let selected = 0;

function setStatus(state: string, text: string): void {
  ui.status.dataset['state'] = state;
  ui.status.textContent = text;
}

function showError(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(error);
  ui.error.hidden = false;
  ui.error.textContent = message;
}

function clearError(): void {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

window.addEventListener('error', (event) => showError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => showError(event.reason));

const selectedDataset = (): DatasetChoice => {
  const value = ui.dataset.value;
  return (DATASET_CHOICES as readonly string[]).includes(value) ? (value as DatasetChoice) : 'karate';
};
const selectedModel = (): ModelName => (isModelName(ui.model.value) ? ui.model.value : 'gat');

/** Loads the picked dataset unless it is already loaded (Cora again when its URL changed). */
async function ensureDataset(): Promise<PlaygroundDataset> {
  const name = selectedDataset();
  const key = name === 'cora' ? `cora@${ui.planetoidUrl.value}` : name;
  if (dataset !== undefined && datasetKey === key) return dataset;
  setStatus('loading', `Loading ${name}…`);
  dataset = undefined;
  outcome = undefined;
  showAttentionPickers(false);
  dataset = await loadDataset(name, { planetoidUrl: ui.planetoidUrl.value });
  datasetKey = key;
  selected = defaultNode(dataset);
  ui.jump.max = String(dataset.numNodes - 1);
  ui.jump.value = String(selected);
  graph.show(dataset, undefined, selected);
  ui.hint.textContent = `${dataset.title}: ${dataset.numNodes} nodes, ${dataset.sources.length} edges, ${dataset.numClasses} classes (coloured by true class until a model is trained).`;
  setStatus('ready', `${dataset.title} loaded.`);
  return dataset;
}

/** The club's administrator (node 0) in Karate, the first test node in Cora. */
function defaultNode(d: PlaygroundDataset): number {
  return d.name === 'cora' ? 1708 : 0;
}

function applyDefaults(): void {
  const hp = defaultHyperParameters(selectedModel());
  ui.lr.value = String(selectedDataset() === 'karate' ? 0.01 : hp.lr);
  ui.epochs.value = String(selectedDataset() === 'karate' ? 100 : hp.epochs);
  ui.jump.closest('label')!.hidden = selectedDataset() === 'karate';
  $('planetoid-url-row').hidden = selectedDataset() !== 'cora';
}

async function onDatasetChange(): Promise<void> {
  applyDefaults();
  clearError();
  try {
    await ensureDataset();
  } catch (error) {
    setStatus('error', 'The dataset could not be loaded.');
    showError(error);
  }
}

async function train(): Promise<void> {
  clearError();
  ui.train.disabled = true;
  ui.stop.disabled = false;
  stopRequested = false;
  const epochs = Math.max(1, Math.min(1000, Math.round(Number(ui.epochs.value) || 1)));
  const lr = Number(ui.lr.value) || 0.01;
  try {
    const d = await ensureDataset();
    chart.reset(epochs);
    ui.finalResult.textContent = '';
    setStatus('training', `Training ${ui.model.value.toUpperCase()} on ${d.name}…`);
    let total = 0;
    const result = await trainInPage(
      { dataset: d, model: selectedModel(), backend: ui.backend.value as BackendName | 'auto', epochs, lr, seed: 0 },
      {
        onBackend: (name) => setStatus('training', `Training ${ui.model.value.toUpperCase()} on ${d.name} with the ${name} backend…`),
        onEpoch: (r) => {
          total += r.ms;
          chart.push(r);
          ui.epoch.textContent = `${r.epoch} / ${epochs}`;
          ui.loss.textContent = r.loss.toFixed(4);
          ui.acc.textContent = `${r.trainAcc.toFixed(3)} / ${r.valAcc.toFixed(3)} / ${r.testAcc.toFixed(3)}`;
          ui.time.textContent = `${r.ms.toFixed(1)} ms (mean ${(total / r.epoch).toFixed(1)} ms)`;
        },
        shouldStop: () => stopRequested,
      },
    );
    outcome = result;
    const last = result.history[result.history.length - 1];
    ui.finalResult.dataset['testAcc'] = String(result.testAccBestVal);
    ui.finalResult.textContent = last === undefined
      ? 'Stopped before the first epoch.'
      : `Test accuracy: ${(100 * result.testAccBestVal).toFixed(1)}% (epoch ${result.bestEpoch}, best validation) · ${(100 * last.testAcc).toFixed(1)}% at the last epoch (${last.epoch}) · ${result.backend}`;
    setStatus(result.stopped ? 'stopped' : 'done', `${result.stopped ? 'Stopped' : 'Done'} after ${result.history.length} epochs on ${result.backend}.`);
    setUpExplorer(d, result);
  } catch (error) {
    setStatus('error', 'Training failed.');
    showError(error);
  } finally {
    ui.train.disabled = false;
    ui.stop.disabled = true;
  }
}

function setUpExplorer(d: PlaygroundDataset, result: RunOutcome): void {
  ui.layer.replaceChildren(...result.attention.map((a, i) => el('option', { value: String(i) }, [`${a.layer} (${a.heads} head${a.heads > 1 ? 's' : ''})`])));
  fillHeadOptions();
  showAttentionPickers(result.attention.length > 0);
  ui.hint.textContent = result.attention.length === 0
    ? 'GCN has no attention: the graph shows its predictions. Train GAT or GATv2 to explore attention.'
    : 'Click a node to see which in-neighbours it attended to.';
  graph.show(d, result.predictions, selected);
  selectNode(selected);
}

function showAttentionPickers(show: boolean): void {
  $('layer-row').hidden = !show;
  $('head-row').hidden = !show;
}

function fillHeadOptions(): void {
  const heads = outcome?.attention[Number(ui.layer.value)]?.heads ?? 0;
  ui.head.replaceChildren(el('option', { value: 'mean' }, ['mean over heads']), ...Array.from({ length: heads }, (_, h) => el('option', { value: String(h) }, [`head ${h + 1}`])));
}

function selectNode(node: number): void {
  if (dataset === undefined || !(node >= 0 && node < dataset.numNodes)) return;
  const recentre = node !== selected && dataset.numNodes > 200;
  selected = node;
  ui.jump.value = String(node);
  if (recentre) graph.show(dataset, outcome?.predictions, node);
  const label = dataset.labels[node]!;
  const predicted = outcome?.predictions[node];
  const layer = outcome?.attention[Number(ui.layer.value)];
  const verdict = predicted === undefined ? '' : predicted === label ? ` · predicted ${predicted} ✓` : ` · predicted ${predicted} ✗ (mistake)`;
  ui.nodeInfo.textContent = `Node ${node}: class ${label}${dataset.trainMask[node] ? ' (training node)' : ''}${verdict}`;
  if (outcome === undefined || layer === undefined) {
    ui.table.replaceChildren();
    graph.highlight(node, [], 'mean');
    return;
  }
  const rows = rankInNeighbours(layer, node);
  const head = ui.head.value === 'mean' || ui.head.value === '' ? 'mean' : Number(ui.head.value);
  renderAttentionTable(ui.table, { node, rows, heads: layer.heads, head, labels: dataset.labels, predictions: outcome.predictions });
  graph.highlight(node, rows, head);
}

async function start(): Promise<void> {
  applyDefaults();
  try {
    const report = await diagnoseBackends();
    const auto = report.auto ?? 'none';
    ui.backends.replaceChildren(
      ...report.backends.map((p) => el('li', { class: `${p.available ? 'works' : 'fails'}${p.backend === report.auto ? ' auto' : ''}`, 'data-backend': p.backend }, [`${p.backend}: ${p.detail}`])),
    );
    ui.autoChoice.dataset['backend'] = auto;
    ui.autoChoice.textContent = `auto → ${auto}. Why: ${report.autoReason}.`;
    for (const option of Array.from(ui.backend.options)) {
      const probe = report.backends.find((p) => p.backend === option.value);
      if (probe !== undefined && !probe.available) option.textContent = `${option.value} (unavailable)`;
    }
    ui.backend.options[0]!.textContent = `auto (${auto})`;
  } catch (error) {
    showError(error);
  }
  ui.train.disabled = false;
  await onDatasetChange();
}

ui.dataset.addEventListener('change', () => void onDatasetChange());
ui.model.addEventListener('change', applyDefaults);
ui.planetoidUrl.addEventListener('change', () => void onDatasetChange());
ui.train.addEventListener('click', () => void train());
ui.stop.addEventListener('click', () => (stopRequested = true));
ui.layer.addEventListener('change', () => {
  fillHeadOptions();
  selectNode(selected);
});
ui.head.addEventListener('change', () => selectNode(selected));
ui.jump.addEventListener('change', () => selectNode(Number(ui.jump.value)));

setUpHeteroPanel({ backend: () => ui.backend.value as BackendName | 'auto', onError: showError });
const alerts = setUpAlertsPanel({ onError: showError });

/** For tests and the console: where a node is drawn (page coordinates), and the live tensor count. */
(globalThis as { playground?: unknown }).playground = {
  nodePagePosition: (node: number) => graph.nodePagePosition(node),
  alertNodePagePosition: (key: string) => alerts.nodePagePosition(key),
  numTensors: () => tf.memory().numTensors,
};
void start();
