/**
 * From `@gnnjs/relational`'s encoded columns to the features the fraud and
 * churn models read, the same for every model (the MLP baseline included):
 *
 * - calendar position of a row's own time (hour, day of week) is kept, of
 *   other timestamps only their age; months are left out (the test period's
 *   months never occur in training);
 * - `amount` as log(1 + amount), standardised on the training rows;
 * - one `since_seed` column on timed tables, filled per mini-batch with
 *   log(1 + hours between the row and the seed it was sampled for) / 4
 *   (RelBench's relative-time encoding: how long before the prediction a
 *   neighbour happened; 0 for the seed itself and in full-graph inputs);
 * - for churn, each `account_churn` row carries its account's columns (the
 *   per-row features of the account being scored).
 */
import type { NodeTypeArrays, RelationalGraphArrays } from '@gnnjs/relational';

/** The relative-time column every timed table gets. */
export const SINCE_SEED = 'since_seed:log_hours';

/** What the transform learns on the training snapshot and applies to all three. */
export interface FeatureStats {
  /** Mean and std of log(1 + amount) on training transactions. */
  logAmount: { mean: number; std: number } | undefined;
}

/** Features of one node type, row-major. */
export interface TypeFeatures {
  x: Float32Array;
  names: string[];
  numNodes: number;
}

function keepColumn(table: string, timeColumn: string | undefined, name: string): boolean {
  if (name.endsWith('=<unknown>')) return false;
  const [column, part] = name.split(':') as [string, string | undefined];
  if (part === undefined) return true;
  if (part.startsWith('month_')) return false;
  if ((part.startsWith('hour_') || part.startsWith('dow_')) && column !== timeColumn) return false;
  // The churn rows' own time is the cut-off: the same for every row of a split.
  if (table === 'account_churn' && column === timeColumn) return false;
  return true;
}

function amountEncoder(node: NodeTypeArrays): { mean: number; std: number } | undefined {
  const enc = node.encoders.find((e) => e.column === 'amount' && e.encoder === 'numeric');
  return enc !== undefined && enc.encoder === 'numeric' ? { mean: enc.mean, std: enc.std } : undefined;
}

/** log(1 + amount) statistics on the training snapshot's visible transactions. */
export function fitFeatureStats(train: RelationalGraphArrays): FeatureStats {
  const tx = train.nodes['transactions'];
  const enc = tx === undefined ? undefined : amountEncoder(tx);
  if (tx === undefined || enc === undefined) return { logAmount: undefined };
  const j = tx.featureNames.indexOf('amount');
  const w = tx.featureNames.length;
  let s1 = 0;
  let s2 = 0;
  let n = 0;
  for (let i = 0; i < tx.numNodes; i++) {
    if (tx.time !== undefined && train.cutoff !== undefined && tx.time[i]! > train.cutoff) continue;
    const v = Math.log1p(Math.max(0, tx.x[i * w + j]! * enc.std + enc.mean));
    s1 += v;
    s2 += v * v;
    n++;
  }
  const mean = n === 0 ? 0 : s1 / n;
  const std = n === 0 ? 1 : Math.sqrt(Math.max(s2 / n - mean * mean, 0)) || 1;
  return { logAmount: { mean, std } };
}

/** The model features of every node type of a snapshot. */
export function transformFeatures(graph: RelationalGraphArrays, timeColumns: Readonly<Record<string, string>>, stats: FeatureStats): Record<string, TypeFeatures> {
  const out: Record<string, TypeFeatures> = {};
  for (const [table, node] of Object.entries(graph.nodes)) {
    const w0 = node.featureNames.length;
    const keep = node.featureNames.flatMap((name, j) => (keepColumn(table, timeColumns[table], name) ? [j] : []));
    const timed = node.time !== undefined;
    const names = keep.map((j) => (node.featureNames[j] === 'amount' && stats.logAmount !== undefined ? 'amount:log' : node.featureNames[j]!));
    if (timed) names.push(SINCE_SEED);
    const w = names.length;
    const x = new Float32Array(node.numNodes * w);
    const amountJ = node.featureNames.indexOf('amount');
    const enc = amountEncoder(node);
    for (let i = 0; i < node.numNodes; i++) {
      for (let q = 0; q < keep.length; q++) {
        const j = keep[q]!;
        let v = node.x[i * w0 + j]!;
        if (j === amountJ && enc !== undefined && stats.logAmount !== undefined) {
          v = (Math.log1p(Math.max(0, v * enc.std + enc.mean)) - stats.logAmount.mean) / stats.logAmount.std;
        }
        x[i * w + q] = v;
      }
    }
    out[table] = { x, names, numNodes: node.numNodes };
  }
  const churn = out['account_churn'];
  const accounts = out['accounts'];
  const link = graph.edges.find((e) => e.type[0] === 'account_churn' && e.type[2] === 'accounts');
  if (churn !== undefined && accounts !== undefined && link !== undefined) out['account_churn'] = joinParent(churn, accounts, link.src, link.dst, 'account');
  return out;
}

/** Appends each child row's parent columns (`prefix.` + name); rows without a parent get zeros. */
function joinParent(child: TypeFeatures, parent: TypeFeatures, src: Int32Array, dst: Int32Array, prefix: string): TypeFeatures {
  const wc = child.names.length;
  const wp = parent.names.length;
  const w = wc + wp;
  const x = new Float32Array(child.numNodes * w);
  for (let i = 0; i < child.numNodes; i++) x.set(child.x.subarray(i * wc, (i + 1) * wc), i * w);
  for (let k = 0; k < src.length; k++) x.set(parent.x.subarray(dst[k]! * wp, (dst[k]! + 1) * wp), src[k]! * w + wc);
  return { x, names: [...child.names, ...parent.names.map((n) => `${prefix}.${n}`)], numNodes: child.numNodes };
}
