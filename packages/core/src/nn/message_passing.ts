import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { segmentAggregate, type SegmentReduction } from '../ops/segment_reduce.js';
import { assertEdgeIndex } from '../ops/validate.js';
import { assertInputsLive } from './disposed.js';
import { MessageContext, type Flow, type PropagateInputs } from './message_context.js';
import { Module } from './module.js';

/** `messages [E, ...] · mask` per edge; edges past the mask's end (appended self-loops) keep weight 1. */
function maskMessages(messages: tf.Tensor, mask: tf.Tensor1D, layer: string): tf.Tensor {
  const numMessages = messages.shape[0]!;
  const numMasked = mask.shape[0];
  if (numMasked > numMessages) {
    throw new ShapeError('explainEdgeMask', `${layer}: the mask has ${numMasked} entries but the layer passes ${numMessages} messages`);
  }
  const full = numMasked === numMessages ? mask : tf.concat([mask, tf.ones([numMessages - numMasked])]);
  return tf.mul(messages, tf.reshape(full, [numMessages, ...messages.shape.slice(1).map(() => 1)]));
}

/** How `MessagePassing` combines the messages into a node. */
export type Aggregation = SegmentReduction;

/** Options of the {@link MessagePassing} constructor (PyG's `aggr` and `flow`). */
export interface MessagePassingOptions {
  /** `'sum'` (default), `'mean'`, `'max'` or `'min'`; empty neighbourhoods give 0. */
  aggr?: Aggregation;
  /** `'source_to_target'` (default: messages go from row 0 to row 1) or `'target_to_source'`. */
  flow?: Flow;
}

/** Options of {@link MessagePassing.propagate}. */
export interface PropagateOptions {
  /** `[nodes of edgeIndex row 0, nodes of row 1]`; inferred from the node tensors when omitted. */
  size?: readonly [number, number];
}

/**
 * Base class of message-passing layers, PyG's `MessagePassing`:
 * `x'_i = update(aggregate_{j ∈ N(i)} message(x_i, x_j, e_ji))`.
 *
 * A layer calls {@link propagate} with the edges and named inputs, and
 * overrides {@link message} (default: `ctx.j('x')`), optionally
 * {@link aggregate}, {@link update} and, for per-edge quantities such as
 * attention, {@link edgeUpdate} (run through {@link edgeUpdater}). A layer that
 * can aggregate without materialising the `[E, ...]` messages implements
 * `messageAndAggregate`; `propagate` then prefers it (PyG's
 * `message_and_aggregate`), unless `fuse` is set to `false`.
 *
 * @example
 * ```ts
 * class MeanConv extends MessagePassing {
 *   constructor() { super({ aggr: 'mean' }); }
 *   forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D) { return this.propagate(edgeIndex, { x }); }
 * }
 * ```
 */
export abstract class MessagePassing extends Module {
  readonly aggr: Aggregation;
  readonly flow: Flow;
  /** Use `messageAndAggregate` when the layer implements it (default `true`). */
  fuse = true;
  #edgeMask: tf.Tensor1D | null = null;
  #fuseBeforeMask = true;

  constructor({ aggr = 'sum', flow = 'source_to_target' }: MessagePassingOptions = {}) {
    super();
    if (!['sum', 'mean', 'max', 'min'].includes(aggr)) {
      throw new ShapeError('aggr', `expected 'sum', 'mean', 'max' or 'min', got '${String(aggr)}'`);
    }
    if (flow !== 'source_to_target' && flow !== 'target_to_source') {
      throw new ShapeError('flow', `expected 'source_to_target' or 'target_to_source', got '${String(flow)}'`);
    }
    this.aggr = aggr;
    this.flow = flow;
  }

  /**
   * Runs message → aggregate → update (or the fused `messageAndAggregate`)
   * and returns `[numTargets, ...]`. Intermediates are freed; gradients flow.
   */
  propagate(edgeIndex: tf.Tensor2D, inputs: PropagateInputs, options: PropagateOptions = {}): tf.Tensor {
    return tf.tidy(() => {
      const ctx = this.context(edgeIndex, inputs, options);
      const mask = this.#edgeMask;
      const aggregated =
        mask !== null
          ? this.aggregate(maskMessages(this.message(ctx), mask, this.constructor.name), ctx)
          : this.fuse && this.messageAndAggregate !== undefined
            ? this.messageAndAggregate(ctx)
            : this.aggregate(this.message(ctx), ctx);
      return this.update(aggregated, ctx);
    });
  }

  /**
   * PyG's explain mode (`MessagePassing.explain` with `_edge_mask`, what
   * Captum's and PyG's explainers set): every edge's message is multiplied
   * by its entry of the mask before aggregation, so a mask of ones changes
   * nothing and the gradient with respect to it attributes the output to the
   * edges. Messages beyond the mask's length (self-loops a layer appends)
   * get 1, as in PyG. Setting a mask turns `fuse` off (a fused kernel never
   * forms the messages) until it is set back to `null`; the caller owns the
   * mask tensor.
   *
   * @example
   * ```ts
   * const mask = tf.ones([edgeIndex.shape[1]]) as tf.Tensor1D;
   * const [perEdge] = tf.grads((m: tf.Tensor) => {
   *   conv.explainEdgeMask = m as tf.Tensor1D;
   *   return tf.sum(conv.forward(x, edgeIndex));
   * })([mask]); // d output / d mask: one attribution per edge
   * conv.explainEdgeMask = null;
   * ```
   */
  get explainEdgeMask(): tf.Tensor1D | null {
    return this.#edgeMask;
  }

  set explainEdgeMask(mask: tf.Tensor1D | null) {
    if (mask !== null && (!(mask instanceof tf.Tensor) || mask.rank !== 1)) {
      throw new ShapeError('explainEdgeMask', `${this.constructor.name}: expected a 1-D tensor with one entry per edge, or null`);
    }
    if (mask !== null && this.#edgeMask === null) {
      this.#fuseBeforeMask = this.fuse;
      this.fuse = false;
    } else if (mask === null && this.#edgeMask !== null) {
      this.fuse = this.#fuseBeforeMask;
    }
    this.#edgeMask = mask;
  }

  /** Computes a per-edge tensor with {@link edgeUpdate} (PyG's `edge_updater`), e.g. attention. */
  edgeUpdater(edgeIndex: tf.Tensor2D, inputs: PropagateInputs, options: PropagateOptions = {}): tf.Tensor {
    return tf.tidy(() => this.edgeUpdate(this.context(edgeIndex, inputs, options)));
  }

  /** The message of each edge, `[E, ...]`. Default: the source features `ctx.j('x')`. */
  protected message(ctx: MessageContext): tf.Tensor {
    return ctx.j('x');
  }

  /** Combines messages per target node with `aggr`. */
  protected aggregate(messages: tf.Tensor, ctx: MessageContext): tf.Tensor {
    return segmentAggregate(this.aggr, messages, ctx.index, ctx.numTargets);
  }

  /** Post-processes the aggregated features. Default: identity. */
  protected update(aggregated: tf.Tensor, _ctx: MessageContext): tf.Tensor {
    return aggregated;
  }

  /** Per-edge computation for {@link edgeUpdater}; layers that use it override it. */
  protected edgeUpdate(_ctx: MessageContext): tf.Tensor {
    throw new Error(`${this.constructor.name} calls edgeUpdater but does not override edgeUpdate`);
  }

  /** Optional fused message + aggregation, e.g. `spmm(ctx.edgeIndex, ctx.source('x'), w, ctx.numTargets)`. */
  protected messageAndAggregate?(ctx: MessageContext): tf.Tensor;

  /** PyG's repr: `Name(inChannels, outChannels)` when the layer has both, else `Name()`. */
  override toString(): string {
    const { inChannels, outChannels } = this as { inChannels?: unknown; outChannels?: unknown };
    const show = (c: unknown) => (Array.isArray(c) ? `(${c.join(', ')})` : String(c));
    const channels = inChannels !== undefined && outChannels !== undefined ? `${show(inChannels)}, ${show(outChannels)}` : '';
    return `${this.constructor.name}(${channels})`;
  }

  private context(edgeIndex: tf.Tensor2D, inputs: PropagateInputs, options: PropagateOptions): MessageContext {
    const fn = `${this.constructor.name}.propagate`;
    assertInputsLive(fn, { edgeIndex });
    // A bipartite input is a [source, target] pair of tensors.
    for (const [key, value] of Object.entries(inputs)) {
      assertInputsLive(fn, Array.isArray(value) ? { [`${key}[0]`]: value[0], [`${key}[1]`]: value[1] } : { [key]: value });
    }
    assertEdgeIndex(edgeIndex, this.constructor.name);
    return new MessageContext(edgeIndex, inputs, this.flow, options.size);
  }
}
