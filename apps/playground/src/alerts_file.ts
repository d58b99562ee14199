/**
 * Reading the fraud CLI's JSON in the page: `gnnjs report --json` (the top-k
 * alerts of the test period, each explained) or `gnnjs explain --json` (one
 * row). Only what the alert panel draws is checked, and a file that lacks it
 * is refused with an {@link AlertsFileError} naming the file and the field,
 * never drawn half.
 */
import { toEdgeType, type EdgeTypeKey } from '@gnnjs/core';
import type { DrawableExplanation } from '@gnnjs/train';

/** A node as the CLI's JSON names it: by type and the dataset's id. */
export interface AlertRef {
  type: string;
  id: number;
}

/** What the panel reads of one explanation (a `RowExplanation`'s `explanation`). */
export interface AlertExplanation extends DrawableExplanation<AlertRef> {
  features: {
    top: Array<{ node: AlertRef; column: string; value: number; attribution: number }>;
    byColumn: Array<{ type: string; column: string; attribution: number }>;
  };
  edges?: DrawableExplanation<AlertRef>['edges'] & {
    agreement?: { scope: string; layer?: string; spearman: number; sameTop: boolean };
  };
}

/** One alert: the scored row and its explanation. */
export interface Alert {
  rank: number;
  target: AlertRef;
  score: number;
  label: number;
  /** The generator's planted pattern, when the report had the ground truth. */
  pattern?: string;
  explanation: AlertExplanation;
  /** Every relation of the row's neighbourhood (the drawing's colour order). */
  relations: string[];
}

/** A loaded file. */
export interface AlertsFile {
  name: string;
  kind: 'report' | 'explain';
  model: string;
  task: string;
  /** The report's test-period metrics (none for one explanation). */
  metrics: Array<[string, string]>;
  alerts: Alert[];
  /** Every relation and node type of the file, sorted: each keeps its colour across alerts. */
  relations: string[];
  nodeTypes: string[];
}

/** A file the panel cannot draw: which file, which field, what was expected. */
export class AlertsFileError extends Error {
  override readonly name = 'AlertsFileError';
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}: ${field === '' ? '' : `${field}: `}${detail}`);
  }
}

type Json = unknown;

class Reader {
  constructor(readonly file: string) {}

  fail(field: string, detail: string): never {
    throw new AlertsFileError(this.file, field, detail);
  }

  object(v: Json, field: string): Record<string, Json> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(field, `expected an object, got ${describe(v)}`);
    return v as Record<string, Json>;
  }

  array(v: Json, field: string): Json[] {
    if (!Array.isArray(v)) this.fail(field, `expected an array, got ${describe(v)}`);
    return v;
  }

  number(v: Json, field: string): number {
    // JSON.stringify writes NaN as null: a score or attribution that was NaN reads as NaN again.
    if (v === null) return Number.NaN;
    if (typeof v !== 'number') this.fail(field, `expected a number, got ${describe(v)}`);
    return v;
  }

  string(v: Json, field: string): string {
    if (typeof v !== 'string') this.fail(field, `expected a string, got ${describe(v)}`);
    return v;
  }

  ref(v: Json, field: string): AlertRef {
    const o = this.object(v, field);
    const type = this.string(o['type'], `${field}.type`);
    if (!Number.isInteger(o['id'])) this.fail(`${field}.id`, `expected an integer id, got ${describe(o['id'])}${'row' in o ? ' (a row of a batch: write the file with gnnjs explain or gnnjs report, which map rows to ids)' : ''}`);
    return { type, id: o['id'] as number };
  }

  relation(v: Json, field: string): string {
    const r = this.string(v, field);
    try {
      toEdgeType(r as EdgeTypeKey);
    } catch {
      this.fail(field, `expected a relation 'source__name__target', got '${r}'`);
    }
    return r;
  }

  list<T>(v: Json, field: string, item: (x: Json, field: string) => T): T[] {
    return this.array(v, field).map((x, i) => item(x, `${field}[${i}]`));
  }
}

function describe(v: Json): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function explanation(r: Reader, v: Json, field: string): AlertExplanation {
  const o = r.object(v, field);
  const out: AlertExplanation = {
    target: r.ref(o['target'], `${field}.target`),
    features: (() => {
      const f = r.object(o['features'], `${field}.features`);
      return {
        top: r.list(f['top'], `${field}.features.top`, (x, p) => {
          const a = r.object(x, p);
          return { node: r.ref(a['node'], `${p}.node`), column: r.string(a['column'], `${p}.column`), value: r.number(a['value'], `${p}.value`), attribution: r.number(a['attribution'], `${p}.attribution`) };
        }),
        byColumn: r.list(f['byColumn'], `${field}.features.byColumn`, (x, p) => {
          const a = r.object(x, p);
          return { type: r.string(a['type'], `${p}.type`), column: r.string(a['column'], `${p}.column`), attribution: r.number(a['attribution'], `${p}.attribution`) };
        }),
      };
    })(),
  };
  if (o['attention'] !== undefined) {
    const a = r.object(o['attention'], `${field}.attention`);
    out.attention = {
      layers: r.list(a['layers'], `${field}.attention.layers`, (x, p) => {
        const l = r.object(x, p);
        return {
          layer: r.string(l['layer'], `${p}.layer`),
          hop: r.number(l['hop'], `${p}.hop`),
          edges: r.list(l['edges'], `${p}.edges`, (y, q) => {
            const e = r.object(y, q);
            return { relation: r.relation(e['relation'], `${q}.relation`), source: r.ref(e['source'], `${q}.source`), target: r.ref(e['target'], `${q}.target`), alpha: r.number(e['alpha'], `${q}.alpha`) };
          }),
        };
      }),
      paths: r.list(a['paths'], `${field}.attention.paths`, (x, p) => {
        const path = r.object(x, p);
        const nodes = r.list(path['nodes'], `${p}.nodes`, (y, q) => r.ref(y, q));
        const relations = r.list(path['relations'], `${p}.relations`, (y, q) => r.relation(y, q));
        const alphas = r.list(path['alphas'], `${p}.alphas`, (y, q) => r.number(y, q));
        if (nodes.length !== relations.length + 1 || alphas.length !== relations.length) r.fail(p, `a path of ${nodes.length} nodes needs ${nodes.length - 1} relations and alphas, got ${relations.length} and ${alphas.length}`);
        return { nodes, relations, alphas, weight: r.number(path['weight'], `${p}.weight`) };
      }),
    };
  }
  if (o['edges'] !== undefined) {
    const e = r.object(o['edges'], `${field}.edges`);
    const agreement = e['agreement'] === undefined ? undefined : r.object(e['agreement'], `${field}.edges.agreement`);
    out.edges = {
      top: r.list(e['top'], `${field}.edges.top`, (x, p) => {
        const t = r.object(x, p);
        return { relation: r.relation(t['relation'], `${p}.relation`), source: r.ref(t['source'], `${p}.source`), target: r.ref(t['target'], `${p}.target`), attribution: r.number(t['attribution'], `${p}.attribution`) };
      }),
      ...(agreement === undefined
        ? {}
        : {
            agreement: {
              scope: r.string(agreement['scope'], `${field}.edges.agreement.scope`),
              ...(typeof agreement['layer'] === 'string' ? { layer: agreement['layer'] } : {}),
              spearman: r.number(agreement['spearman'], `${field}.edges.agreement.spearman`),
              sameTop: agreement['sameTop'] === true,
            },
          }),
    };
  }
  return out;
}

/** One `RowExplanation` (explain's whole output, or a report alert's `explanation`). */
function rowExplanation(r: Reader, v: Json, field: string): { model: string; task: string; target: AlertRef; score: number; label: number; explanation: AlertExplanation; relations: string[] } {
  const o = r.object(v, field);
  const at = (name: string): string => (field === '' ? name : `${field}.${name}`);
  const edges = r.list(o['edges'], at('edges'), (x, p) => r.relation(r.object(x, p)['relation'], `${p}.relation`));
  return {
    model: r.string(o['model'], at('model')),
    task: r.string(o['task'], at('task')),
    target: r.ref(o['target'], at('target')),
    score: r.number(o['score'], at('score')),
    label: r.number(o['label'], at('label')),
    explanation: explanation(r, o['explanation'], at('explanation')),
    relations: [...new Set(edges)].sort(),
  };
}

function collect(alerts: readonly Alert[]): { relations: string[]; nodeTypes: string[] } {
  const relations = new Set<string>();
  const types = new Set<string>();
  for (const a of alerts) {
    for (const r of a.relations) relations.add(r);
    // A model without a graph has no relations: its alert's own type still needs a colour.
    types.add(a.target.type);
  }
  for (const r of relations) {
    const [src, , dst] = toEdgeType(r as EdgeTypeKey);
    types.add(src).add(dst);
  }
  return { relations: [...relations].sort(), nodeTypes: [...types].sort() };
}

/**
 * Reads the text of a file written by `gnnjs report --json` or `gnnjs explain --json`.
 *
 * @example
 * ```ts
 * const file = parseAlertsFile(await (await fetch('alerts.json')).text(), 'alerts.json');
 * file.alerts[0].explanation.attention?.paths[0]; // the strongest path into the first alert
 * ```
 */
export function parseAlertsFile(text: string, name: string): AlertsFile {
  const r = new Reader(name);
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    r.fail('', `not JSON (${(error as Error).message}); write it with 'gnnjs report --checkpoint DIR --json > alerts.json'`);
  }
  const o = r.object(json, '');
  if ('alerts' in o) {
    const alerts = r.list(o['alerts'], 'alerts', (x, p): Alert => {
      const a = r.object(x, p);
      const row = rowExplanation(r, a['explanation'], `${p}.explanation`);
      const truth = a['truth'] === undefined || a['truth'] === null ? undefined : r.object(a['truth'], `${p}.truth`);
      const pattern = typeof truth?.['pattern'] === 'string' ? truth['pattern'] : undefined;
      return { rank: r.number(a['rank'], `${p}.rank`), target: row.target, score: row.score, label: row.label, ...(pattern === undefined ? {} : { pattern }), explanation: row.explanation, relations: row.relations };
    });
    if (alerts.length === 0) r.fail('alerts', 'the report has no alerts (gnnjs report --top N with N ≥ 1)');
    const metrics = Object.entries(r.object(o['metrics'] ?? {}, 'metrics')).map(([k, v]): [string, string] => [k, String(v)]);
    return { name, kind: 'report', model: r.string(o['model'], 'model'), task: r.string(o['task'], 'task'), metrics, alerts, ...collect(alerts) };
  }
  if ('explanation' in o) {
    const row = rowExplanation(r, o, '');
    const alerts: Alert[] = [{ rank: 1, target: row.target, score: row.score, label: row.label, explanation: row.explanation, relations: row.relations }];
    return { name, kind: 'explain', model: row.model, task: row.task, metrics: [], alerts, ...collect(alerts) };
  }
  return r.fail('', "neither a report (no 'alerts') nor an explanation (no 'explanation'): write it with 'gnnjs report --json' or 'gnnjs explain --json'");
}
