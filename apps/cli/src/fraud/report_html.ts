/**
 * The alert report: one self-contained HTML page (inline CSS and SVG, no
 * script, nothing fetched) with the test period's metrics, the top-k scored
 * rows in a table, and each alert explained: its neighbourhood drawn by
 * attention, its strongest paths, the columns that moved its score, and
 * whether attention and gradients agree.
 */
import type { SqlScalar } from '@gnnjs/relational';
import { longestPathsFirst } from '@gnnjs/train';
import { agreementLine, AGREEMENT_NOTE, relationName } from './explain_text.js';
import type { GlobalRef, RowExplanation } from './explain_row.js';
import { escapeXml as esc, neighbourhoodSvg } from './neighbourhood_svg.js';

/** One alert of the report. */
export interface Alert {
  rank: number;
  id: number;
  score: number;
  label: number;
  /** The row as the dataset stores it (amount, time, channel …); empty when the folder's format is not readable here. */
  raw: Record<string, SqlScalar>;
  /** The generator's ground truth for the row (planted pattern), when it has one. */
  truth?: Record<string, SqlScalar>;
  explanation: RowExplanation;
}

/** What the report says about the run. */
export interface ReportHeader {
  title: string;
  model: string;
  task: string;
  checkpoint: string;
  seed: number;
  /** e.g. `test: 3 412 transactions (52 fraud), 2024-05-30 → 2024-06-29`. */
  period: string;
  metrics: Array<[string, string]>;
}

const RAW_COLUMNS = ['ts', 'amount', 'channel', 'category', 'account_id', 'card_id', 'device_id', 'merchant_id', 'as_of'];

const TIME_COLUMNS = new Set(['ts', 'as_of']);

function cell(v: SqlScalar | undefined, column = ''): string {
  if (v === undefined || v === null) return '';
  // DuckDB hands timestamps over as milliseconds since the epoch.
  if (typeof v === 'number' && TIME_COLUMNS.has(column)) return new Date(v).toISOString().slice(0, 16).replace('T', ' ');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v).replace(/(\d\d:\d\d):\d\d(\.\d+)?$/, '$1');
}

const ref = (r: GlobalRef | { type: string; row: number }): string => `${r.type} ${'id' in r ? r.id : r.row}`;

function topReason(x: RowExplanation): string {
  const f = x.explanation.features.byColumn[0];
  const p = x.explanation.attention?.paths.find((q) => q.nodes.length > 2) ?? x.explanation.attention?.paths[0];
  const parts: string[] = [];
  if (f !== undefined) parts.push(`${f.type}.${f.column} (${f.attribution >= 0 ? '+' : ''}${f.attribution.toFixed(2)})`);
  if (p !== undefined) parts.push(`via ${p.relations.map(relationName).join(' → ')}`);
  return parts.join('; ');
}

function alertSection(a: Alert, targetType: string, relations: readonly string[]): string {
  const x = a.explanation;
  const paths = longestPathsFirst(x.explanation.attention?.paths ?? []).slice(0, 6);
  const features = x.explanation.features.top.slice(0, 6);
  const edges = (x.explanation.edges?.top ?? []).slice(0, 5);
  const agreement = agreementLine(x);
  const table = (head: string[], rows: string[][]): string =>
    `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<section class="alert" id="alert-${a.rank}">
<h2>#${a.rank} · ${esc(targetType)} ${a.id} · score ${a.score.toFixed(3)} · ${a.label === 1 ? '<span class="pos">labelled fraud</span>' : '<span class="neg">not labelled</span>'}${a.truth?.['pattern'] === undefined ? '' : ` · planted pattern <code>${esc(cell(a.truth['pattern']))}</code>`}</h2>
<div class="grid"><div>${neighbourhoodSvg(x, { relations })}</div>
<div>${paths.length === 0 ? '' : `<h3>Strongest attention paths</h3>${table(['weight', 'path'], paths.map((p) => [p.weight.toFixed(3), p.nodes.map((n, k) => (k === 0 ? ref(n) : `-${relationName(p.relations[k - 1]!)}-> ${ref(n)}`)).join(' ')]))}`}
<h3>Columns that moved the score (integrated gradients)</h3>${table(['node', 'column', 'value', 'attribution'], features.map((f) => [ref(f.node), f.column, f.value.toFixed(2), f.attribution.toFixed(3)]))}
${edges.length === 0 ? '' : `<h3>Edges that moved the score</h3>${table(['relation', 'from', 'to', 'attribution'], edges.map((e) => [relationName(e.relation), ref(e.source), ref(e.target), e.attribution.toFixed(3)]))}`}
${agreement === undefined ? '' : `<p class="agree">${esc(agreement)}</p>`}</div></div>
</section>`;
}

/**
 * The report's HTML.
 *
 * @example
 * ```ts
 * await writeFileAtomic('alert-report.html', alertReportHtml(header, alerts, 'transactions'));
 * ```
 */
export function alertReportHtml(header: ReportHeader, alerts: readonly Alert[], targetType: string): string {
  const rawColumns = RAW_COLUMNS.filter((c) => alerts.some((a) => a.raw[c] !== undefined));
  const hasTruth = alerts.some((a) => a.truth !== undefined);
  // One colour per relation across the whole report.
  const relations = [...new Set(alerts.flatMap((a) => a.explanation.edges.map((e) => e.relation)))].sort();
  const head = ['#', targetType, 'score', 'label', ...rawColumns, ...(hasTruth ? ['planted pattern'] : []), 'top reason'];
  const rows = alerts.map((a) =>
    [
      `<a href="#alert-${a.rank}">${a.rank}</a>`,
      String(a.id),
      a.score.toFixed(3),
      a.label === 1 ? '<span class="pos">fraud</span>' : '<span class="neg">—</span>',
      ...rawColumns.map((c) => esc(cell(a.raw[c], c))),
      ...(hasTruth ? [esc(cell(a.truth?.['pattern'] ?? ''))] : []),
      esc(topReason(a.explanation)),
    ]
      .map((c) => `<td>${c}</td>`)
      .join(''),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(header.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#111;max-width:1200px}
table{border-collapse:collapse;font-size:12px;margin:6px 0}
th,td{border-bottom:1px solid #e5e7eb;padding:3px 8px;text-align:left}
th{background:#f3f4f6}
.alerts td{white-space:nowrap}.alerts td:last-child{white-space:normal}
.pos{color:#b91c1c;font-weight:600}.neg{color:#6b7280}
.alert{border-top:2px solid #d1d5db;margin-top:24px;padding-top:8px}
.alert h2{font-size:16px}.alert h3{font-size:13px;margin:10px 0 2px}
.grid{display:grid;grid-template-columns:minmax(0,660px) minmax(0,1fr);gap:16px}
.metrics td:first-child{color:#374151}.agree{font-size:12px;background:#f9fafb;padding:6px}
.note{font-size:12px;color:#374151;max-width:900px}
</style></head><body>
<h1>${esc(header.title)}</h1>
<p>${esc(header.model)} · task ${esc(header.task)} · seed ${header.seed} · checkpoint <code>${esc(header.checkpoint)}</code><br>${esc(header.period)}</p>
<table class="metrics"><tbody>${header.metrics.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>
<h2>Top ${alerts.length} alerts</h2>
<table class="alerts"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r}</tr>`).join('')}</tbody></table>
<p class="note">Edges in the drawings are as wide as their attention (heads averaged; the strongest paths into the alert) and coloured by relation; nodes are placed by hops from the alert (right). ${esc(AGREEMENT_NOTE)}</p>
${alerts.map((a) => alertSection(a, targetType, relations)).join('\n')}
</body></html>
`;
}
