/**
 * Test-only: a small file in the shape `gnnjs report --json` writes, with
 * known attention and attributions. Alert 1 (tx 10) read card 1 (conv2,
 * attention 1), which read tx 5 (conv1, 0.7) and tx 6 (0.3); alert 2 (tx 20)
 * read its account 2 and card 3 (conv2, 0.5 each), the card read tx 7 (conv1, 1).
 */
const tx = (id: number) => ({ type: 'transactions', id });
const card = (id: number) => ({ type: 'cards', id });
const acct = (id: number) => ({ type: 'accounts', id });
export const CT = 'cards__rev_card_id__transactions';
export const TC = 'transactions__card_id__cards';
export const AT = 'accounts__rev_account_id__transactions';

type Ref = { type: string; id: number };
interface Step { relation: string; source: Ref; target: Ref; alpha: number; layer: 'conv1' | 'conv2' }

function rowExplanation(target: Ref, score: number, label: number, steps: Step[], paths: Array<{ nodes: Ref[]; relations: string[]; alphas: number[] }>) {
  return {
    model: 'hetero-gat',
    task: 'fraud',
    split: 'test',
    target,
    label,
    score,
    logit: Math.log(score / (1 - score)),
    nodes: [{ ...target, hop: 0 }],
    edges: steps.map((s) => ({ relation: s.relation, source: s.source, target: s.target, attention: { [s.layer]: s.alpha } })),
    explanation: {
      target,
      logit: Math.log(score / (1 - score)),
      score,
      attention: {
        layers: (['conv1', 'conv2'] as const).map((layer) => ({ layer, hop: layer === 'conv2' ? 1 : 2, edges: steps.filter((s) => s.layer === layer).map((s) => ({ relation: s.relation, source: s.source, target: s.target, alpha: s.alpha, perHead: [s.alpha, s.alpha] })) })),
        paths: paths.map((p) => ({ ...p, weight: p.alphas.reduce((a, b) => a * b, 1) })),
      },
      features: {
        completeness: { value: 1, baselineValue: 0, delta: 0, steps: 8 },
        baseline: 'zeros',
        own: [],
        top: [
          { node: target, column: 'amount', value: 2.5, attribution: 0.8, saliency: 0.3 },
          { node: steps[0]!.source, column: 'holder_age', value: -1, attribution: -0.2, saliency: 0.1 },
        ],
        byColumn: [
          { type: 'transactions', column: 'amount', attribution: 0.8 },
          { type: steps[0]!.source.type, column: 'holder_age', attribution: -0.2 },
        ],
        byNode: [],
      },
      edges: {
        completeness: { value: 1, baselineValue: 0, delta: 0, steps: 8 },
        baseline: 'no-edges',
        top: steps.map((s, i) => ({ relation: s.relation, source: s.source, target: s.target, attribution: i === 0 ? 0.4 : -0.1 * i, saliency: 0 })),
        intoTarget: [],
        agreement: { scope: 'two-hop', layer: 'conv1', edges: 2, spearman: 1, sameTop: true },
      },
    },
  };
}

/** The report's JSON (as `JSON.parse` of `gnnjs report --json` gives it). */
export function alertsReport() {
  const one = rowExplanation(tx(10), 0.93, 1, [
    { relation: CT, source: card(1), target: tx(10), alpha: 1, layer: 'conv2' },
    { relation: TC, source: tx(5), target: card(1), alpha: 0.7, layer: 'conv1' },
    { relation: TC, source: tx(6), target: card(1), alpha: 0.3, layer: 'conv1' },
  ], [
    { nodes: [card(1), tx(10)], relations: [CT], alphas: [1] },
    { nodes: [tx(5), card(1), tx(10)], relations: [TC, CT], alphas: [0.7, 1] },
    { nodes: [tx(6), card(1), tx(10)], relations: [TC, CT], alphas: [0.3, 1] },
  ]);
  const two = rowExplanation(tx(20), 0.71, 0, [
    { relation: AT, source: acct(2), target: tx(20), alpha: 0.5, layer: 'conv2' },
    { relation: CT, source: card(3), target: tx(20), alpha: 0.5, layer: 'conv2' },
    { relation: TC, source: tx(7), target: card(3), alpha: 1, layer: 'conv1' },
  ], [
    { nodes: [acct(2), tx(20)], relations: [AT], alphas: [0.5] },
    { nodes: [card(3), tx(20)], relations: [CT], alphas: [0.5] },
    { nodes: [tx(7), card(3), tx(20)], relations: [TC, CT], alphas: [1, 0.5] },
  ]);
  return {
    file: '/tmp/run/alert-report.html',
    model: 'hetero-gat',
    task: 'fraud',
    metrics: { 'PR-AUC (average precision)': '0.271' },
    alerts: [
      { rank: 1, id: 10, score: 0.93, label: 1, raw: {}, truth: { transaction_id: 10, pattern: 'card_testing' }, explanation: one },
      { rank: 2, id: 20, score: 0.71, label: 0, raw: {}, explanation: two },
    ],
  };
}
