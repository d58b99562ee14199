/**
 * Issue 19: `forward` after `dispose()`, or with a disposed graph's tensors,
 * threw tfjs's `TypeError: Cannot read properties of undefined (reading
 * 'backend')`; it is a `DisposedError` naming the parameter or the argument.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DisposedError, GnnError, Graph, MessagePassing, Module } from '@gnnjs/core';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

class ScaledSum extends MessagePassing {
  readonly weight = this.registerParameter('weight', tf.variable(tf.ones([2, 2])));
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor {
    return this.propagate(edgeIndex, { x: tf.matMul(x, this.weight) });
  }
}

class Net extends Module {
  readonly conv1 = this.registerModule('conv1', new ScaledSum());
  readonly conv2 = this.registerModule('conv2', new ScaledSum());
  forward(x: tf.Tensor2D, edgeIndex: tf.Tensor2D): tf.Tensor {
    return this.conv2.forward(tf.relu(this.conv1.forward(x, edgeIndex)) as tf.Tensor2D, edgeIndex);
  }
}

const graph = (): Graph => new Graph({ edgeIndex: [[0, 1], [1, 0]], x: tf.tensor2d([[1, 2], [3, 4]]) });

function disposedError(run: () => unknown): DisposedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DisposedError);
    expect(error).toBeInstanceOf(GnnError);
    return error as DisposedError;
  }
  throw new Error('expected a DisposedError');
}

describe('DisposedError', () => {
  it('names the first disposed parameter of a disposed model, at the outermost forward', () => {
    const g = graph();
    const net = new Net();
    tf.tidy(() => net.forward(g.x!, g.edgeIndex));
    net.dispose();
    const error = disposedError(() => net.forward(g.x!, g.edgeIndex));
    expect(error.subject).toBe("Net parameter 'conv1.weight'");
    expect(error.message).toMatch(/^Net parameter 'conv1\.weight': is disposed: the module was freed by dispose\(\)/);
    expect(disposedError(() => net.conv2.forward(g.x!, g.edgeIndex)).subject).toBe("ScaledSum parameter 'weight'");
    g.dispose();
  });

  it("names the argument when a disposed graph's tensors are passed", () => {
    const g = graph();
    const net = new Net();
    const { x, edgeIndex } = g;
    g.dispose();
    const error = disposedError(() => net.forward(x!, edgeIndex));
    expect(error.subject).toBe('Net.forward argument 1');
    expect(error.message).toMatch(/is a disposed tensor \(\[2, 2\] float32\): it was freed by dispose\(\) \(or with the graph that owned it\)/);
    net.dispose();
  });

  it('looks one level into arrays and plain objects, and names a disposed Graph', () => {
    class Takes extends Module {
      forward(_inputs: unknown): number {
        return 1;
      }
    }
    const t = tf.ones([1]);
    t.dispose();
    const m = new Takes();
    expect(disposedError(() => m.forward({ x: t })).subject).toBe("Takes.forward argument 1 ('x')");
    expect(disposedError(() => m.forward([tf.zeros([1]), t])).subject).toBe('Takes.forward argument 1[1]');
    const g = graph();
    g.dispose();
    expect(disposedError(() => m.forward(g)).message).toMatch(/is a disposed Graph/);
    expect(m.forward({ x: tf.ones([1]) })).toBe(1);
  });

  it("checks propagate's named inputs", () => {
    const conv = new ScaledSum();
    const x = tf.ones([2, 2]);
    x.dispose();
    const error = disposedError(() => conv.propagate(tf.tensor2d([[0], [1]], undefined, 'int32'), { x }));
    expect(error.subject).toBe("ScaledSum.propagate input 'x'");
    conv.dispose();
  });
});
