import * as tf from '@tensorflow/tfjs-core';
import { Module, ShapeError, StateDictError } from '@gnnjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../test_support/backend.js';
import { weightsError } from '../test_support/expect.js';
import { TEST_DATA, fixture } from '../test_support/paths.js';
import { i64, torchFile, torchPickle } from '../test_support/torch_file.js';
import { loadTorchStateDict } from './load_state_dict.js';
import { readTorchStateDict } from './read_state_dict.js';

const zeros = (shape: number[]): tf.Variable => tf.tidy(() => tf.variable(tf.zeros(shape)));

/** A module with PyG GATConv's parameter names and shapes (att_src, att_dst, bias, lin.weight). */
class Conv extends Module {
  constructor(inC: number, outC: number, heads: number, concat: boolean) {
    super();
    this.registerParameter('att_src', zeros([1, heads, outC]));
    this.registerParameter('att_dst', zeros([1, heads, outC]));
    this.registerParameter('bias', zeros([concat ? heads * outC : outC]));
    const lin = this.registerModule('lin', new Module());
    lin.registerParameter('weight', zeros([heads * outC, inC]));
  }
}

class TwoLayers extends Module {
  constructor() {
    super();
    this.registerModule('conv1', new Conv(1433, 8, 8, true));
    this.registerModule('conv2', new Conv(64, 7, 1, false));
  }
}

beforeAll(useCpuBackend);

describe('loadTorchStateDict', () => {
  it("loads gat_cora.pt into a module by PyG's names, value for value", async () => {
    const host = readTorchStateDict(fixture('gat_cora.pt'));
    const before = tf.memory().numTensors;
    const dict = loadTorchStateDict(fixture('gat_cora.pt'), { file: 'gat_cora.pt' });
    const model = new TwoLayers();
    model.loadStateDict(dict);
    tf.dispose(Object.values(dict));
    for (const [key, variable] of Object.entries(model.stateDict())) {
      expect(variable.dtype).toBe('float32');
      expect(await variable.data(), key).toEqual(host[key]!.data);
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports missing and unexpected keys and shape mismatches by key (Module.loadStateDict)', () => {
    const dict = loadTorchStateDict(fixture('gat_cora.pt'));
    const model = new TwoLayers();
    const { ['conv2.bias']: bias, ...missing } = dict;
    expect(() => model.loadStateDict(missing)).toThrow(StateDictError);
    expect(() => model.loadStateDict(missing)).toThrow(/missing keys: conv2\.bias/);
    expect(() => model.loadStateDict({ ...dict, 'conv3.bias': bias! })).toThrow(/unexpected keys: conv3\.bias/);
    const wrong = new TwoLayers();
    wrong.registerModule('conv3', new Conv(3, 2, 1, false));
    expect(() => wrong.loadStateDict({ ...dict, 'conv3.bias': bias!, 'conv3.att_src': bias!, 'conv3.att_dst': bias!, 'conv3.lin.weight': bias! })).toThrow(ShapeError);
    expect(() => wrong.loadStateDict({ ...dict, 'conv3.bias': bias!, 'conv3.att_src': bias!, 'conv3.att_dst': bias!, 'conv3.lin.weight': bias! })).toThrow(
      /^conv3\.att_src: expected shape \[1, 1, 2\], got \[7\]/,
    );
    tf.dispose(Object.values(dict));
    model.dispose();
    wrong.dispose();
  });

  it('turns int64 into int32 when every value fits, float64 into float32, bool into bool; float16 etc. as float32', async () => {
    const dict = loadTorchStateDict(fixture('dtypes.pt', TEST_DATA));
    expect(dict['i64_small']!.dtype).toBe('int32');
    expect(await dict['i64_small']!.array()).toEqual([[3, -4], [2147483647, -2147483648]]);
    expect(dict['i64_scalar']!.shape).toEqual([]);
    expect(dict['f64_col']!.dtype).toBe('float32');
    expect(dict['half']!.dtype).toBe('float32');
    expect(dict['u8']!.dtype).toBe('int32');
    tf.dispose(Object.values(dict));
    const views = readTorchStateDict(fixture('views.pt'));
    expect(views['flags']!.dtype).toBe('bool');
  });

  it('refuses int64 values beyond int32, naming the key, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const error = weightsError(() => loadTorchStateDict(fixture('views.pt'), { file: 'views.pt' }));
    expect(error.key).toBe('i64');
    expect(error.message).toMatch(/^views\.pt: tensor 'i64': int64 value 1099511627776 at flat index 3 does not fit int32/);
    expect(tf.memory().numTensors).toBe(before);
    const pickle = torchPickle([{ key: 'idx', storageClass: 'LongStorage', storageKey: '0', numel: 1, size: [1], stride: [1] }]);
    expect(() => loadTorchStateDict(torchFile(pickle, { '0': i64(-(2n ** 31n) - 1n) }))).toThrow(/tensor 'idx': int64 value -2147483649/);
  });
});
