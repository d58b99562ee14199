/**
 * Output shapes and loop sizes of the GNN kernels, derived from input shapes
 * alone, so every backend computes them the same way. Shapes were validated by
 * the ops in `@gnnjs/core` before a kernel runs.
 */
import type { SDDMMOp } from '@gnnjs/core';
import type { SDDMMDims } from './sddmm_impl.js';
import type { SpMMDims } from './spmm_impl.js';
import { sizeOf } from './types.js';

export interface RowLayout {
  outShape: number[];
  /** Values per row of the input (the product of its trailing axes). */
  rowSize: number;
}

/** `x: [N, ...F]`, `indices: [E]` → `[E, ...F]`. */
export function gatherRowsLayout(xShape: readonly number[], numIndices: number): RowLayout & { numRows: number } {
  const trailing = xShape.slice(1);
  return { outShape: [numIndices, ...trailing], rowSize: sizeOf(trailing), numRows: xShape[0]! };
}

/** `data: [E, ...F]` reduced into `numSegments` rows → `[numSegments, ...F]`. */
export function segmentLayout(dataShape: readonly number[], numSegments: number): RowLayout {
  const trailing = dataShape.slice(1);
  return { outShape: [numSegments, ...trailing], rowSize: sizeOf(trailing) };
}

/**
 * tfjs's `UnsortedSegmentSum`: `segmentIds` may have any rank `r` matching the
 * leading axes of `x`; output `[numSegments, ...x.shape[r:]]`.
 */
export function unsortedSegmentSumLayout(
  xShape: readonly number[],
  idsShape: readonly number[],
  numSegments: number,
): RowLayout {
  const trailing = xShape.slice(idsShape.length);
  return { outShape: [numSegments, ...trailing], rowSize: sizeOf(trailing) };
}

/** `x: [Nsrc, ...F]`, `weight: [E, ...W]` → `[numDstNodes, ...F]`. */
export function spmmLayout(
  xShape: readonly number[],
  weightShape: readonly number[] | undefined,
  numDstNodes: number,
): { outShape: number[]; dims: SpMMDims } {
  const trailing = xShape.slice(1);
  const dims: SpMMDims = {
    numSrcNodes: xShape[0]!,
    numDstNodes,
    rowSize: sizeOf(trailing),
    weightSize: weightShape === undefined ? 0 : sizeOf(weightShape.slice(1)),
  };
  return { outShape: [numDstNodes, ...trailing], dims };
}

/** `lhs: [Nsrc, ...F]`, `rhs: [Ndst, ...F]`, `E` edges → `[E, ...F]` (`[E, ...F[:-1]]` for `'dot'`). */
export function sddmmLayout(
  lhsShape: readonly number[],
  rhsShape: readonly number[],
  numEdges: number,
  op: SDDMMOp,
): { outShape: number[]; dims: SDDMMDims } {
  const trailing = lhsShape.slice(1);
  const dims: SDDMMDims = {
    numSrcNodes: lhsShape[0]!,
    numDstNodes: rhsShape[0]!,
    rowSize: sizeOf(trailing),
    lastDim: trailing[trailing.length - 1] ?? 1,
  };
  const outShape = op === 'dot' ? [numEdges, ...trailing.slice(0, -1)] : [numEdges, ...trailing];
  return { outShape, dims };
}
