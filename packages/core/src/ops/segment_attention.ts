import { op, type Tensor, type Tensor3D, type TensorLike } from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { SegmentAttention, type SegmentAttentionAttrs, type SegmentAttentionInputs } from '../kernels/kernel_names.js';
import { runGnnKernel } from './run_kernel.js';
import { assertCount, assertRank, assertSameLeading, toFloatTensor, toIndexTensor } from './validate.js';

const OP = 'segmentAttention';

/** Options of {@link segmentAttention}. */
export interface SegmentAttentionOptions {
  /** Factor of the scores `⟨q_i, k_j⟩`. Default `1 / sqrt(Dk)` (PyTorch's `MultiheadAttention`). */
  readonly scale?: number | undefined;
  /** Dropout probability of the attention weights, in `[0, 1)`. Default 0. */
  readonly dropoutRate?: number | undefined;
  /** Unsigned 32-bit seed of the dropout mask (required when `dropoutRate > 0`). */
  readonly seed?: number | undefined;
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function segmentAttention_(
  query: Tensor | TensorLike,
  key: Tensor | TensorLike,
  value: Tensor | TensorLike,
  segmentIds: Tensor | TensorLike,
  numSegments: number,
  options: SegmentAttentionOptions = {},
): Tensor3D {
  const $query = toFloatTensor(query, 'query', OP);
  const $key = toFloatTensor(key, 'key', OP);
  const $value = toFloatTensor(value, 'value', OP);
  const $ids = toIndexTensor(segmentIds, 'segmentIds', OP);
  assertRank($query, 3, 'query', OP);
  assertRank($key, 3, 'key', OP);
  assertRank($value, 3, 'value', OP);
  assertRank($ids, 1, 'segmentIds', OP);
  if ($key.shape.some((d, k) => d !== $query.shape[k])) {
    throw new ShapeError('key', `${OP} expects the shape of query ${shapeText($query.shape)}, got ${shapeText($key.shape)}`);
  }
  if ($value.shape[0] !== $query.shape[0] || $value.shape[1] !== $query.shape[1]) {
    throw new ShapeError('value', `${OP} expects [${$query.shape[0]}, ${$query.shape[1]}, Dv] (nodes and heads of query), got ${shapeText($value.shape)}`);
  }
  if ($query.shape[2] === 0) throw new ShapeError('query', `${OP} expects at least one channel per head, got ${shapeText($query.shape)}`);
  assertSameLeading($query, $ids, 'query', 'segmentIds', OP);
  assertCount(numSegments, 'numSegments', OP);
  const scale = options.scale ?? 1 / Math.sqrt($query.shape[2]!);
  if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new ShapeError('scale', `${OP} expects a finite number, got ${String(scale)}`);
  const dropoutRate = options.dropoutRate ?? 0;
  if (!(dropoutRate >= 0 && dropoutRate < 1)) throw new ShapeError('dropoutRate', `${OP} expects a rate in [0, 1), got ${dropoutRate}`);
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new ShapeError('seed', `${OP} expects an integer seed in [0, 2^32), got ${seed}`);
  }
  if (dropoutRate > 0 && options.seed === undefined) throw new ShapeError('seed', `${OP} needs a seed when dropoutRate > 0`);
  const inputs: SegmentAttentionInputs = { query: $query, key: $key, value: $value, segmentIds: $ids };
  const attrs: SegmentAttentionAttrs = { numSegments, scale, dropoutRate, seed };
  return runGnnKernel(SegmentAttention, inputs, attrs) as Tensor3D;
}

/**
 * Multi-head self-attention among the nodes of each segment (each graph of a
 * mini-batch): `out[i, h] = Σ_{j in seg(i)} softmax_j(scale · ⟨q_ih, k_jh⟩) · v_jh`.
 * This is PyG's `to_dense_batch` + `MultiheadAttention(key_padding_mask=~mask)`
 * + `h[mask]` (GPSConv's global attention) without the padded `[B, Nmax, Nmax]`
 * batch: fast kernels cost O(Σ n_b²) and keep no attention matrix for the
 * backward pass. Segment ids need not be sorted; a node with an id outside
 * `[0, numSegments)` gets 0.
 *
 * `query`, `key`: `[N, H, Dk]`, `value`: `[N, H, Dv]` (heads split head-major,
 * `reshape(x, [N, H, C / H])`); the result is `[N, H, Dv]`, differentiable
 * w.r.t. all three. Dropout of the weights uses the counter-based mask of
 * {@link seededDropout}, the same on every backend.
 *
 * @example
 * ```ts
 * const q = tf.reshape(xq, [n, heads, d]); // likewise k, v
 * const out = segmentAttention(q, k, v, batch.batch, batch.numGraphs); // [n, heads, d]
 * ```
 */
export const segmentAttention = op({ segmentAttention_ });
