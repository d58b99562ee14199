import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Module, ShapeError, StateDictError } from '@gnnjs/core';

class Lin extends Module {
  readonly weight = this.registerParameter('weight', tf.variable(tf.zeros([2, 3])));
  readonly bias = this.registerParameter('bias', tf.variable(tf.zeros([2])));
}

class Net extends Module {
  readonly att = this.registerParameter('att_src', tf.variable(tf.ones([1, 2, 2])));
  readonly conv1 = this.registerModule('conv1', new Lin());
  readonly lin = this.registerModule('lin', new Lin());
  readonly shared = this.registerModule('lin_r', this.lin);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Module', () => {
  it('names parameters PyTorch-style: own first, then children, shared ones once', () => {
    const net = new Net();
    expect(net.namedParameters().map(([k]) => k)).toEqual([
      'att_src',
      'conv1.weight',
      'conv1.bias',
      'lin.weight',
      'lin.bias',
    ]);
    expect(net.parameters()).toHaveLength(5);
    expect(Object.keys(net.stateDict())).toEqual([
      'att_src',
      'conv1.weight',
      'conv1.bias',
      'lin.weight',
      'lin.bias',
      'lin_r.weight',
      'lin_r.bias',
    ]);
    expect(net.parameters().every((p) => p.trainable)).toBe(true);
    net.dispose();
  });

  it('propagates train/eval to children', () => {
    const net = new Net();
    expect(net.training).toBe(true);
    net.eval();
    expect(net.conv1.training).toBe(false);
    net.train();
    expect(net.lin.training).toBe(true);
    net.dispose();
  });

  it('loads a state dict by name and checks shapes and keys', () => {
    const net = new Net();
    const dict = Object.fromEntries(Object.entries(net.stateDict()).map(([k, v]) => [k, tf.fill(v.shape, 3)]));
    net.loadStateDict(dict);
    expect(Array.from(net.conv1.bias.dataSync())).toEqual([3, 3]);

    const { 'conv1.bias': _drop, ...missing } = dict;
    expect(() => net.loadStateDict(missing)).toThrow(StateDictError);
    expect(() => net.loadStateDict(missing)).toThrow(/missing keys: conv1\.bias/);
    expect(() => net.loadStateDict({ ...dict, extra: tf.zeros([1]) })).toThrow(/unexpected keys: extra/);
    expect(net.loadStateDict(missing, { strict: false }).missingKeys).toEqual(['conv1.bias']);
    expect(() => net.loadStateDict({ ...dict, 'lin.weight': tf.zeros([3, 2]) })).toThrow(ShapeError);
    expect(() => net.loadStateDict({ ...dict, 'lin.weight': tf.zeros([3, 2]) })).toThrow(/lin\.weight/);
    net.dispose();
  });

  it('refuses NaN and infinite values unless checkFinite is false, assigning nothing', () => {
    const net = new Net();
    const dict = Object.fromEntries(Object.entries(net.stateDict()).map(([k, v]) => [k, tf.fill(v.shape, 2)]));
    const broken = { ...dict, 'conv1.bias': tf.tensor1d([1, Number.POSITIVE_INFINITY]) };
    expect(() => net.loadStateDict(broken)).toThrow(StateDictError);
    expect(() => net.loadStateDict(broken)).toThrow(/'conv1\.bias': value Infinity at flat index 1 is not finite/);
    expect(() => net.loadStateDict({ ...dict, att_src: tf.fill([1, 2, 2], Number.NaN) })).toThrow(/'att_src': value NaN/);
    // Nothing was assigned: the checks run before the first assignment.
    expect(Array.from(net.conv1.bias.dataSync())).toEqual([0, 0]);
    net.loadStateDict(broken, { checkFinite: false });
    expect(Array.from(net.conv1.bias.dataSync())).toEqual([1, Number.POSITIVE_INFINITY]);
    net.dispose();
  });

  it('rejects duplicate and dotted names', () => {
    const m = new Module();
    m.registerParameter('w', tf.variable(tf.zeros([1])));
    expect(() => m.registerParameter('w', tf.variable(tf.zeros([1])))).toThrow(StateDictError);
    expect(() => m.registerModule('a.b', new Module())).toThrow(StateDictError);
    expect(() => m.registerModule('a b', new Module())).toThrow(StateDictError);
  });

  it("takes PyG's heterogeneous names: ModuleDict keys <src___rel___dst> and type names", () => {
    const convs = new Module();
    const conv = convs.registerModule('<account___pays___merchant>', new Module());
    conv.registerParameter('bias', tf.variable(tf.zeros([1])));
    convs.registerModule('credit-card', new Module()).registerParameter('w#1', tf.variable(tf.zeros([1])));
    expect(Object.keys(convs.stateDict())).toEqual(['<account___pays___merchant>.bias', 'credit-card.w#1']);
    convs.dispose();
  });

  it('prints children like PyTorch', () => {
    const net = new Net();
    expect(net.toString()).toBe('Net(\n  (conv1): Lin()\n  (lin): Lin()\n  (lin_r): Lin()\n)');
    net.dispose();
  });

  it('disposes its parameters', () => {
    const before = tf.memory().numTensors;
    let net = new Net();
    net.dispose();
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the initial zeros tensors
    const after = tf.memory().numTensors;
    tf.tidy(() => {
      net = new Net(); // variables survive tidy, their initial values do not
    });
    expect(tf.memory().numTensors).toBe(after + 5);
    net.dispose();
    expect(tf.memory().numTensors).toBe(after);
  });

  it('keeps buffers in the state dict (after own parameters, before children), out of parameters(), loaded and disposed', () => {
    class Norm extends Module {
      readonly weight = this.registerParameter('weight', tf.variable(tf.ones([2])));
      readonly runningMean = this.registerBuffer('running_mean', tf.variable(tf.zeros([2]), false));
      readonly count = this.registerBuffer('num_batches_tracked', tf.variable(tf.scalar(0, 'int32'), false));
    }
    class Outer extends Module {
      readonly scale = this.registerParameter('scale', tf.variable(tf.ones([1])));
      readonly eps = this.registerBuffer('eps', tf.variable(tf.zeros([1]), false));
      readonly norm = this.registerModule('norm', new Norm());
    }
    const before = tf.memory().numTensors;
    // tidy's callback must return tensors, so the module leaves it through a variable (as in 'disposes its parameters')
    let m!: Outer;
    tf.tidy(() => {
      m = new Outer();
    });
    expect(Object.keys(m.stateDict())).toEqual(['scale', 'eps', 'norm.weight', 'norm.running_mean', 'norm.num_batches_tracked']);
    expect(m.namedParameters().map(([k]) => k)).toEqual(['scale', 'norm.weight']);
    expect(m.namedBuffers().map(([k]) => k)).toEqual(['eps', 'norm.running_mean', 'norm.num_batches_tracked']);
    expect(m.parameters().every((p) => p.trainable)).toBe(true);

    const dict = { scale: tf.tensor1d([2]), eps: tf.tensor1d([0.5]), 'norm.weight': tf.tensor1d([3, 4]), 'norm.running_mean': tf.tensor1d([5, 6]), 'norm.num_batches_tracked': tf.scalar(7) };
    m.loadStateDict(dict);
    expect(Array.from(m.norm.runningMean.dataSync())).toEqual([5, 6]);
    expect(m.norm.count.dtype).toBe('int32');
    expect(m.norm.count.dataSync()[0]).toBe(7);
    const { eps: _eps, ...withoutBuffer } = dict;
    expect(() => m.loadStateDict(withoutBuffer)).toThrow(/missing keys: eps/);
    const wrongShape = tf.zeros([3]);
    expect(() => m.loadStateDict({ ...dict, 'norm.running_mean': wrongShape })).toThrow(/^norm\.running_mean: /);
    wrongShape.dispose();

    // Optimizers see only the parameters: a gradient step leaves the buffers as they were.
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.add(m.scale, m.eps), m.norm.weight)) as tf.Scalar);
    expect(Object.keys(grads).sort()).toEqual([m.scale.name, m.norm.weight.name].sort());
    tf.dispose([value, ...Object.values(grads)]);
    tf.dispose(Object.values(dict));

    const rejected = tf.tidy(() => [tf.variable(tf.zeros([1])), tf.variable(tf.zeros([1]), false)] as const);
    expect(() => m.registerBuffer('trained', rejected[0])).toThrow(/non-trainable/);
    expect(() => m.registerBuffer('eps', rejected[1])).toThrow(/already registered/);
    tf.dispose([...rejected]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
