/**
 * The "Fraud alerts" panel: opens what `gnnjs report --json` (or `gnnjs
 * explain --json`) wrote, and for the alert picked draws its neighbourhood
 * (edge width by attention, relations coloured) with its strongest paths,
 * the columns that moved its score and whether attention and gradients agree.
 * The file comes from the file picker or from `?alerts=URL`. Nothing is
 * trained here: the explanation is the CLI's, on the model it checkpointed.
 */
import { PAYMENTS_NODE_LABELS } from '@gnnjs/datasets';
import { toEdgeType, type EdgeTypeKey } from '@gnnjs/core';
import { drawnKey, longestPathsFirst, neighbourhoodDrawing, type DrawingView, type NeighbourhoodDrawing } from '@gnnjs/train';
import { parseAlertsFile, type Alert, type AlertRef, type AlertsFile } from './alerts_file.js';
import { el, find } from './dom.js';
import { NeighbourhoodView, nodeLabel } from './neighbourhood_view.js';

export interface AlertsPanelOptions {
  onError: (error: unknown) => void;
}

// The file's relations were checked to be 'src__rel__dst' keys when it was read.
const parts = (relation: string) => toEdgeType(relation as EdgeTypeKey);
const relationName = (relation: string): string => parts(relation)[1];
const signed = (x: number, digits = 3): string => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;

/** The views an alert offers: its paths, each layer's attention, the edges' gradients. */
function viewsOf(alert: Alert): Array<{ value: string; label: string }> {
  const views: Array<{ value: string; label: string }> = [];
  const attention = alert.explanation.attention;
  if (attention !== undefined && attention.paths.length > 0) {
    views.push({ value: 'paths', label: 'Strongest attention paths' });
    for (const l of [...attention.layers].sort((a, b) => a.hop - b.hop)) views.push({ value: `layer:${l.layer}`, label: `${l.layer} attention (${l.hop === 1 ? 'into the alert' : `${l.hop} hops out`})` });
  }
  if ((alert.explanation.edges?.top.length ?? 0) > 0) views.push({ value: 'attribution', label: 'Edge attributions (integrated gradients)' });
  return views;
}

function toView(value: string): DrawingView {
  return value.startsWith('layer:') ? { layer: value.slice('layer:'.length) } : value === 'attribution' ? 'attribution' : 'paths';
}

/** Wires the panel; it stays empty until a file is opened. */
export function setUpAlertsPanel(options: AlertsPanelOptions): { nodePagePosition: (key: string) => { x: number; y: number } | undefined } {
  const ui = {
    file: find<HTMLInputElement>('alerts-file'),
    status: find<HTMLParagraphElement>('alerts-status'),
    alert: find<HTMLSelectElement>('alerts-alert'),
    view: find<HTMLSelectElement>('alerts-view'),
    summary: find<HTMLParagraphElement>('alerts-summary'),
    graph: find<HTMLDivElement>('alerts-graph'),
    legend: find<HTMLUListElement>('alerts-legend'),
    node: find<HTMLParagraphElement>('alerts-node'),
    paths: find<HTMLTableElement>('alerts-paths'),
    columns: find<HTMLTableElement>('alerts-columns'),
    agreement: find<HTMLParagraphElement>('alerts-agreement'),
  };
  let file: AlertsFile | undefined;
  let selected: string | undefined;
  const view = new NeighbourhoodView(ui.graph, (k) => {
    selected = k;
    draw();
  });
  const setStatus = (state: string, text: string): void => {
    ui.status.dataset['state'] = state;
    ui.status.textContent = text;
  };
  const current = (): Alert | undefined => file?.alerts[Number(ui.alert.value)];

  function draw(): void {
    const alert = current();
    if (file === undefined || alert === undefined) return;
    const drawing = neighbourhoodDrawing(alert.explanation, { view: toView(ui.view.value), relations: file.relations, nodeTypes: [...Object.keys(PAYMENTS_NODE_LABELS), ...file.nodeTypes] });
    view.show(drawing, selected);
    ui.graph.dataset['alert'] = String(alert.target.id);
    ui.graph.dataset['view'] = ui.view.value;
    const measure = drawing.view === 'attribution' ? 'width: |integrated gradient| over the largest drawn' : 'width: attention (heads averaged)';
    ui.legend.replaceChildren(
      ...drawing.relations.map((r) => {
        const [src, , dst] = parts(r);
        const swatch = el('span', { class: 'swatch' }, []);
        swatch.style.background = drawing.relationColours[r]!;
        return el('li', { 'data-relation': r, 'data-colour': drawing.relationColours[r]! }, [swatch, `${relationName(r)} (${src} → ${dst})`]);
      }),
      el('li', { class: 'measure' }, [measure]),
    );
    showNode(alert, drawing);
  }

  /** The selected node's own columns that moved the score (the alert's, until another node of the drawing is tapped). */
  function showNode(alert: Alert, drawing: NeighbourhoodDrawing<AlertRef>): void {
    const ref = drawing.nodes.find((n) => n.key === selected)?.ref ?? alert.target;
    const own = alert.explanation.features.top.filter((f) => drawnKey(f.node) === drawnKey(ref));
    const name = nodeLabel(ref);
    ui.node.textContent = own.length === 0 ? `${name}: none of its columns is among the top attributions.` : `${name}: ${own.map((f) => `${f.column} = ${f.value.toFixed(2)} (${signed(f.attribution)})`).join(', ')}`;
  }

  function showAlert(): void {
    const alert = current();
    if (file === undefined || alert === undefined) return;
    selected = undefined;
    const views = viewsOf(alert);
    const before = ui.view.value;
    ui.view.replaceChildren(...views.map((v) => el('option', { value: v.value }, [v.label])));
    if (views.some((v) => v.value === before)) ui.view.value = before;
    ui.view.disabled = views.length === 0;
    ui.summary.textContent = `${nodeLabel(alert.target)} · score ${alert.score.toFixed(3)} · ${alert.label === 1 ? 'labelled positive' : 'not labelled'}${alert.pattern === undefined ? '' : ` · planted pattern: ${alert.pattern}`}`;
    const paths = longestPathsFirst(alert.explanation.attention?.paths ?? []).slice(0, 8);
    ui.paths.replaceChildren(
      el('caption', {}, ['Strongest attention paths (product of attention along the path)']),
      el('thead', {}, [el('tr', {}, [el('th', {}, ['weight']), el('th', {}, ['path'])])]),
      el('tbody', {}, paths.length === 0 ? [el('tr', {}, [el('td', { colspan: '2' }, [views.length === 0 ? `${file.model} reads no graph: the score comes from the row's own columns` : `${file.model} has no attention: the drawing shows edge attributions`])])] : paths.map((p) => el('tr', {}, [el('td', {}, [p.weight.toFixed(3)]), el('td', {}, [p.nodes.map((n, i) => (i === 0 ? nodeLabel(n) : ` —${relationName(p.relations[i - 1]!)}→ ${nodeLabel(n)}`)).join('')])]))),
    );
    ui.columns.replaceChildren(
      el('caption', {}, ['Columns that moved the score (integrated gradients, summed over the neighbourhood)']),
      el('thead', {}, [el('tr', {}, [el('th', {}, ['type']), el('th', {}, ['column']), el('th', {}, ['attribution'])])]),
      el('tbody', {}, alert.explanation.features.byColumn.slice(0, 8).map((c) => el('tr', {}, [el('td', {}, [c.type]), el('td', {}, [c.column]), el('td', { class: c.attribution >= 0 ? 'pos' : 'neg' }, [signed(c.attribution)])]))),
    );
    const a = alert.explanation.edges?.agreement;
    ui.agreement.textContent =
      a === undefined
        ? ''
        : `Attention and gradients ${a.sameTop ? 'agree on the top edge' : 'pick different top edges'} (Spearman ρ ${Number.isFinite(a.spearman) ? a.spearman.toFixed(2) : 'n/a'} over ${a.scope === 'in-edges' ? "the alert's in-edges" : 'the edges into its neighbours'}${a.layer === undefined ? '' : `, ${a.layer} attention`}). They disagree when an edge is attended to but carries a message the model barely uses, or when many similar neighbours split the attention but together decide the score.`;
    draw();
  }

  function load(text: string, name: string): void {
    try {
      file = parseAlertsFile(text, name);
    } catch (error) {
      file = undefined;
      setStatus('error', error instanceof Error ? error.message : String(error));
      ui.alert.replaceChildren();
      return;
    }
    const f = file;
    ui.alert.replaceChildren(...f.alerts.map((a, i) => el('option', { value: String(i) }, [`#${a.rank} · ${nodeLabel(a.target)} · score ${a.score.toFixed(3)}${a.label === 1 ? ' · labelled' : ''}`])));
    ui.alert.disabled = false;
    const metrics = f.metrics.map(([k, v]) => `${k} ${v}`).join(' · ');
    setStatus('loaded', `${f.name}: ${f.kind === 'report' ? `${f.alerts.length} alerts` : 'one explanation'} · ${f.model} · task ${f.task}${metrics === '' ? '' : ` · ${metrics}`}`);
    showAlert();
  }

  ui.file.addEventListener('change', () => {
    const chosen = ui.file.files?.[0];
    if (chosen === undefined) return;
    setStatus('loading', `Reading ${chosen.name}…`);
    chosen.text().then((text) => load(text, chosen.name), options.onError);
  });
  ui.alert.addEventListener('change', showAlert);
  ui.view.addEventListener('change', draw);

  const url = new URLSearchParams(window.location.search).get('alerts');
  if (url !== null) {
    setStatus('loading', `Fetching ${url}…`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        load(await response.text(), url);
      })
      .catch((error: unknown) => setStatus('error', `${url}: could not fetch (${error instanceof Error ? error.message : String(error)})`))
      .finally(() => clearTimeout(timer));
  }
  return { nodePagePosition: (k) => view.nodePagePosition(k) };
}
