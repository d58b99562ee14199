// An edge index's values are scanned once per tensor (when a Graph is built, or
// when a util first needs them) and never read back from the device again:
// every scan goes through scanEdgeIndex, which this file counts.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Graph, GraphValidationError, MessagePassing, addSelfLoops, gcnNorm, removeSelfLoops, segmentSoftmax, sddmm, spmm, type MessageContext } from '@gnnjs/core';
import { scanEdgeIndex } from './edge_index_scan.js';
import type * as EdgeIndexScanModule from './edge_index_scan.js';
import { hostIndexValues } from './edge_index_arrays.js';

vi.mock('./edge_index_scan.js', async (importOriginal) => {
  const actual = await importOriginal<typeof EdgeIndexScanModule>();
  return { ...actual, scanEdgeIndex: vi.fn(actual.scanEdgeIndex) };
});

/** A GAT-like layer: self-loops, edge softmax over SDDMM logits, fused aggregation. */
class LoopAttention extends MessagePassing {
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor {
    return tf.tidy(() => {
      const looped = addSelfLoops(removeSelfLoops(edgeIndex).edgeIndex, { numNodes: x.shape[0] }).edgeIndex;
      const alpha = this.edgeUpdater(looped, { x });
      const normed = gcnNorm(edgeIndex, { numNodes: x.shape[0] });
      return tf.add(this.propagate(looped, { x, alpha }), spmm(normed.edgeIndex, x, normed.edgeWeight, x.shape[0]));
    });
  }
  protected override edgeUpdate(ctx: MessageContext): tf.Tensor {
    return segmentSoftmax(sddmm(ctx.edgeIndex, ctx.source('x'), ctx.target('x'), 'dot'), ctx.index, ctx.numTargets);
  }
  protected override messageAndAggregate(ctx: MessageContext): tf.Tensor {
    return spmm(ctx.edgeIndex, ctx.source('x'), ctx.edge('alpha'), ctx.numTargets);
  }
}

const scans = vi.mocked(scanEdgeIndex);
/** Scans of `edgeIndex`'s values since the last `scans.mockClear()`. */
const scansOf = (edgeIndex: tf.Tensor): number => scans.mock.calls.filter(([values]) => values === hostIndexValues(edgeIndex)).length;

/** Counts the backend's read-backs of `edgeIndex` while `run` runs. */
function deviceReads(edgeIndex: tf.Tensor, run: () => void): number {
  const backend = tf.backend();
  const spy = vi.spyOn(backend, 'readSync');
  try {
    run();
    return spy.mock.calls.filter(([dataId]) => dataId === edgeIndex.dataId).length;
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterEach(() => {
  scans.mockClear();
});

describe('edge index values are checked once per tensor', () => {
  const edges = [[0, 1, 2, 3, 3], [1, 2, 0, 3, 1]];
  const x = () => tf.tensor2d([[1, 0], [0, 1], [1, 1], [2, 0]]);

  it('a Graph proves its edge index; layers and utils never scan or read it again', () => {
    const graph = new Graph({ edgeIndex: tf.tensor2d(edges, undefined, 'int32'), x: x() });
    expect(scansOf(graph.edgeIndex)).toBe(1);
    scans.mockClear();
    const layer = new LoopAttention();
    for (let epoch = 0; epoch < 3; epoch++) {
      expect(deviceReads(graph.edgeIndex, () => tf.dispose(layer.forward(graph.x!, graph.edgeIndex)))).toBe(0);
    }
    expect(scansOf(graph.edgeIndex)).toBe(0);
    graph.dispose();
  });

  it('an edge index from elsewhere is read and scanned on first use only', () => {
    const edgeIndex = tf.tensor2d(edges, undefined, 'int32');
    const features = x();
    const layer = new LoopAttention();
    const reads = [0, 1, 2].map(() => deviceReads(edgeIndex, () => tf.dispose(layer.forward(features, edgeIndex))));
    expect(reads).toEqual([1, 0, 0]);
    expect(scansOf(edgeIndex)).toBe(1);
    tf.dispose([edgeIndex, features]);
  });

  it('keeps the typed errors: negative indices on every call, numNodes against the proven bounds', () => {
    const negative = tf.tensor2d([[0, -1], [1, 0]], undefined, 'int32');
    for (let call = 0; call < 2; call++) expect(() => addSelfLoops(negative)).toThrow(GraphValidationError);
    const edgeIndex = tf.tensor2d(edges, undefined, 'int32');
    expect(addSelfLoops(edgeIndex).edgeIndex.shape).toEqual([2, 9]);
    expect(() => gcnNorm(edgeIndex, { numNodes: 3 })).toThrow(/^edgeIndex: gcnNorm got node index 3, but numNodes is 3/);
    expect(scansOf(edgeIndex)).toBe(1);
    tf.dispose([negative, edgeIndex]);
  });
});
