import type * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../optim/optimizer.js';
import type { CollectedSplits, Metrics, Monitor, SplitName, Task } from '../tasks/task.js';

/** What `fit` needs of a model: PyTorch's train/eval switch (every `Module` has it). */
export interface Trainable {
  train(mode?: boolean): unknown;
  eval(): unknown;
}

/** Runs the model on one batch: `(model, batch) => model.forward(batch.x, batch.edgeIndex)`, say. */
export type ForwardFn<M, B> = (model: M, batch: B) => tf.Tensor;

/**
 * `forward` may be left out when the model's own `forward` takes the whole
 * batch (`model.forward(batch)`); otherwise it says how to call the model.
 */
export type ForwardOption<M, B> = M extends { forward: (batch: B) => tf.Tensor }
  ? { forward?: ForwardFn<M, B> }
  : { forward: ForwardFn<M, B> };

/** The metric names of a task type (`'accuracy' | 'loss'` for node classification). */
export type MetricOf<T> = T extends { metrics(collected: CollectedSplits): Partial<Record<SplitName, Metrics<infer K>>> } ? K : string;

/** What one training step needs: the task (loss), the optimizer and how to run the model. */
export type StepOptions<M, B, T extends Task<B, string>> = { task: T; optimizer: Optimizer } & ForwardOption<M, B>;

/** What evaluation needs: the task (metrics) and how to run the model. */
export type EvalOptions<M, B, T extends Task<B, string>> = { task: T; splits?: readonly SplitName[] } & ForwardOption<M, B>;

/** One row of the training history. */
export interface EpochRecord<K extends string = string> {
  /** 1-based. */
  epoch: number;
  /** Mean training loss of the epoch's steps (train mode, before each update). */
  loss: number;
  /** Metrics of each evaluated split, from eval-mode forwards after the epoch's updates. */
  train?: Metrics<K>;
  val?: Metrics<K>;
  test?: Metrics<K>;
  /** Wall time of the training steps (forward, backward, optimizer) in ms, evaluation excluded. */
  ms: number;
}

/** What `fit` measured. */
export interface FitResult<K extends string = string> {
  history: EpochRecord<K>[];
  /** The first epoch with the best value of the `best` monitor (default: the task's, e.g. validation accuracy). */
  best: EpochRecord<K>;
  bestEpoch: number;
  last: EpochRecord<K>;
  /** Mean training-step time, leaving out epoch 1 (warm-up) when there are more. */
  msPerEpoch: number;
  /** Whether a callback stopped training before the last epoch. */
  stoppedEarly: boolean;
  /** Why training stopped early, as the callback said. */
  stopReason?: string;
}

/** What callbacks see of the run. */
export interface FitContext<K extends string = string> {
  readonly model: Trainable;
  readonly epochs: number;
  readonly history: readonly EpochRecord<K>[];
  /** Asks `fit` to stop after the current epoch. */
  stop(reason: string): void;
  readonly stopRequested: boolean;
}

/**
 * Hooks into `fit` (as Lightning's and Keras's callbacks). Every hook may be
 * async; `fit` awaits them in the order given.
 */
export interface Callback<K extends string = string> {
  onFitStart?(context: FitContext<K>): void | Promise<void>;
  /** After each epoch's training and evaluation. */
  onEpochEnd?(record: EpochRecord<K>, context: FitContext<K>): void | Promise<void>;
  /** After the last epoch, before `fit` returns. */
  onFitEnd?(result: FitResult<K>, context: FitContext<K>): void | Promise<void>;
  /** When training throws: free what the callback holds. */
  onFitError?(error: unknown, context: FitContext<K>): void | Promise<void>;
}

/** Options of `fit`. */
export type FitOptions<M, B, T extends Task<B, string>> = StepOptions<M, B, T> & {
  epochs: number;
  callbacks?: ReadonlyArray<Callback<MetricOf<T>>>;
  /** The splits evaluated after each epoch; default: every split `data` has. */
  evaluate?: readonly SplitName[];
  /** How the result's `best` epoch is chosen; default the task's monitor. */
  best?: Monitor<MetricOf<T>>;
};
