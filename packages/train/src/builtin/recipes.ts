import { gatPaperEarlyStopping } from '../callbacks/early_stopping.js';
import { FitError } from '../errors.js';
import type { Callback, FitResult } from '../fit/types.js';
import type { NodeClassificationMetric } from '../tasks/node_classification.js';
import { defaultHyperParameters, type DatasetName, type HyperParameters, type ModelName } from './config.js';
import { GatPaperProtocol } from './gat_paper.js';

/**
 * Training protocols of `gnnjs train --recipe`:
 * - `pyg-example`: PyG's `examples/gcn.py` / `examples/gat.py` (a fixed number
 *   of epochs; the test accuracy reported is the one at the first epoch with
 *   the best validation accuracy);
 * - `gat-paper`: the GAT paper's (Veličković et al. 2018) protocol for GAT:
 *   its regularisation, early stopping with patience 100 on validation loss
 *   and accuracy, and the test accuracy of the restored best weights
 *   ({@link GatPaperProtocol}).
 */
export const RECIPE_NAMES = ['pyg-example', 'gat-paper'] as const;
export type RecipeName = (typeof RECIPE_NAMES)[number];

/**
 * Type guard for {@link RecipeName}.
 *
 * @example
 * ```ts
 * isRecipeName('gat-paper'); // true
 * ```
 */
export function isRecipeName(name: string): name is RecipeName {
  return (RECIPE_NAMES as readonly string[]).includes(name);
}

/**
 * The most epochs a `gat-paper` run trains. The paper's code allows 100 000;
 * early stopping ends runs long before (a few hundred epochs on Planetoid),
 * so this only bounds a run that never stops.
 */
export const GAT_PAPER_MAX_EPOCHS = 10_000;

/**
 * A recipe's hyper-parameters for `model` on `dataset`. `gat-paper` (GAT
 * only) takes the paper's section 3.3: 8 heads × 8 hidden features, dropout
 * 0.6 on both layers' inputs and on the attention coefficients, Adam, and on
 * Cora and CiteSeer lr 0.005, L2 5e-4 and 1 output head; on PubMed lr 0.01,
 * L2 0.001 and 8 output heads (averaged). The karate club, which the paper
 * does not use, gets Cora's. Patience 100, at most {@link GAT_PAPER_MAX_EPOCHS}.
 *
 * @example
 * ```ts
 * recipeHyperParameters('gat-paper', 'gat', 'pubmed');
 * // { lr: 0.01, weightDecay: 0.001, hidden: 8, heads: 8, outHeads: 8, dropout: 0.6, epochs: 10000, patience: 100 }
 * ```
 */
export function recipeHyperParameters(recipe: RecipeName, model: ModelName, dataset: DatasetName): HyperParameters {
  if (recipe === 'pyg-example') return defaultHyperParameters(model);
  if (model !== 'gat') throw new FitError(`recipe 'gat-paper' trains GAT only, not ${model}`);
  const base = { hidden: 8, heads: 8, dropout: 0.6, epochs: GAT_PAPER_MAX_EPOCHS, patience: 100 };
  return dataset === 'pubmed'
    ? { lr: 0.01, weightDecay: 0.001, ...base, outHeads: 8 }
    : { lr: 0.005, weightDecay: 5e-4, ...base, outHeads: 1 };
}

/** How one run of a recipe trains, and what it reports (see {@link runProtocol}). */
export interface RunProtocol {
  /** Callbacks for `fit`, fresh for this run. */
  callbacks: Array<Callback<NodeClassificationMetric>>;
  /**
   * The run as the recipe reports it: `best` is the epoch whose test accuracy
   * counts (`pyg-example`: the first with the best validation accuracy;
   * `gat-paper`: the epoch of the restored weights).
   */
  report(result: FitResult<NodeClassificationMetric>): FitResult<NodeClassificationMetric>;
  /** The epoch whose weights the model holds after `fit` (the last one, or the restored one). */
  weightsEpoch(result: FitResult<NodeClassificationMetric>): number;
}

/**
 * The callbacks and the reporting of one run of `recipe`: `pyg-example` adds
 * `gatPaperEarlyStopping(hp.patience)` when `hp.patience` is set and reports
 * `fit`'s result as it is; `gat-paper` runs a {@link GatPaperProtocol} with
 * `hp.patience` (default 100), whose restored epoch becomes the result's best.
 *
 * @example
 * ```ts
 * const protocol = runProtocol('gat-paper', hp);
 * const result = protocol.report(await fit(model, fullBatch(data), { ...setup, epochs: hp.epochs, callbacks: protocol.callbacks }));
 * result.best.test?.accuracy; // the restored model's test accuracy
 * ```
 */
export function runProtocol(recipe: RecipeName, hp: HyperParameters): RunProtocol {
  if (recipe === 'pyg-example') {
    return {
      callbacks: hp.patience === undefined ? [] : [gatPaperEarlyStopping(hp.patience)],
      report: (result) => result,
      weightsEpoch: (result) => result.last.epoch,
    };
  }
  const protocol = new GatPaperProtocol(hp.patience === undefined ? {} : { patience: hp.patience });
  const restored = (result: FitResult<NodeClassificationMetric>): number => protocol.bestEpoch ?? result.last.epoch;
  return {
    callbacks: [protocol],
    report: (result) => {
      const best = result.history[restored(result) - 1] ?? result.last;
      return { ...result, best, bestEpoch: best.epoch };
    },
    weightsEpoch: restored,
  };
}
