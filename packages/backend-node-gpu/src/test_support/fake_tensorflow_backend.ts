/**
 * A stand-in for tfjs-node's `tensorflow` backend, for machines without the
 * native binding: tfjs's CPU backend plus an `executeSingleOutput` that runs
 * each TensorFlow op the GNN kernels use, with TensorFlow's semantics where
 * they differ from tfjs (empty segments of `UnsortedSegmentMax/Min` get the
 * lowest/highest float; their negative segment ids are dropped, and on the CPU
 * an id at or above `num_segments` is an InvalidArgument error, as TensorFlow's
 * CPU kernels validate it (on a GPU it is not validated: such rows are dropped);
 * `Select` does not broadcast its branches).
 *
 * It also checks every call against the op's OpDef as TensorFlow 2.9 declares
 * it: each type attribute present and equal to the dtype of the inputs it
 * types, integer and bool attributes of the right kind, the right input count.
 * That catches wrong op names, attribute names and dtypes, but it is not
 * TensorFlow: what only the real binding can show stays untested here.
 */
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import type { TensorflowBackend, TfBindingConstants, TfOpAttr } from '../tensorflow_backend.js';

/** TensorFlow's C API enum values (`TF_DataType`, `TF_AttrType`). */
export const FAKE_BINDING: TfBindingConstants = {
  TF_FLOAT: 1,
  TF_INT32: 3,
  TF_BOOL: 10,
  TF_ATTR_INT: 1,
  TF_ATTR_BOOL: 3,
  TF_ATTR_TYPE: 4,
};

interface OpDef {
  /** Number of inputs. */
  readonly inputs: number;
  /** Type attribute → indices of the inputs whose dtype it is. */
  readonly types: Readonly<Record<string, readonly number[]>>;
  readonly ints?: readonly string[];
  readonly bools?: readonly string[];
}

const BINARY: OpDef = { inputs: 2, types: { T: [0, 1] } };
const UNARY: OpDef = { inputs: 1, types: { T: [0] } };
const SEGMENT: OpDef = { inputs: 3, types: { T: [0], Tindices: [1], Tnumsegments: [2] } };

/** The OpDefs (TensorFlow 2.9, tensorflow/core/ops) of the ops the kernels call. */
const OP_DEFS: Readonly<Record<string, OpDef>> = {
  GatherV2: { inputs: 3, types: { Tparams: [0], Tindices: [1], Taxis: [2] }, ints: ['batch_dims'] },
  UnsortedSegmentSum: SEGMENT,
  UnsortedSegmentMax: SEGMENT,
  UnsortedSegmentMin: SEGMENT,
  Add: BINARY,
  Sub: BINARY,
  Mul: BINARY,
  RealDiv: BINARY,
  Maximum: BINARY,
  Greater: BINARY,
  Exp: UNARY,
  ZerosLike: UNARY,
  OnesLike: UNARY,
  Select: { inputs: 3, types: { T: [1, 2] } },
  Cast: { inputs: 1, types: { SrcT: [0], DstT: [] }, bools: ['Truncate'] },
  Reshape: { inputs: 2, types: { T: [0], Tshape: [1] } },
  Sum: { inputs: 2, types: { T: [0], Tidx: [1] }, bools: ['keep_dims'] },
};

const DTYPE_OF: Readonly<Record<number, DataType>> = { 1: 'float32', 3: 'int32', 10: 'bool' };
const LOWEST_FLOAT32 = -3.4028234663852886e38;

/** tfjs-cpu, dressed as tfjs-node's kernel backend. */
export class FakeTensorflowBackend extends MathBackendCPU implements TensorflowBackend {
  readonly binding = FAKE_BINDING;
  /** Names of the TensorFlow ops run so far, in order. */
  readonly executedOps: string[] = [];

  /** `isUsingGpuDevice` plays a GPU that TensorFlow found. */
  constructor(readonly isUsingGpuDevice = false) {
    super();
  }

  executeSingleOutput(name: string, opAttrs: TfOpAttr[], inputs: TensorInfo[]): Tensor {
    checkOpDef(name, opAttrs, inputs);
    this.executedOps.push(name);
    return runOp(name, opAttrs, inputs as Tensor[], this.isUsingGpuDevice);
  }
}

function checkOpDef(name: string, attrs: readonly TfOpAttr[], inputs: readonly TensorInfo[]): void {
  const def = OP_DEFS[name];
  if (def === undefined) throw new Error(`fake TensorFlow: op '${name}' is not one the kernels are expected to use`);
  if (inputs.length !== def.inputs) throw new Error(`${name}: ${inputs.length} inputs, OpDef has ${def.inputs}`);
  for (const [attr, typed] of Object.entries(def.types)) {
    const given = attrs.find((a) => a.name === attr);
    if (given === undefined || given.type !== FAKE_BINDING.TF_ATTR_TYPE) throw new Error(`${name}: type attr '${attr}' missing`);
    const dtype = DTYPE_OF[given.value as number];
    for (const k of typed) {
      if (inputs[k]!.dtype !== dtype) throw new Error(`${name}: attr ${attr}=${dtype} but input ${k} is ${inputs[k]!.dtype}`);
    }
  }
  for (const attr of def.ints ?? []) {
    if (!attrs.some((a) => a.name === attr && a.type === FAKE_BINDING.TF_ATTR_INT)) throw new Error(`${name}: int attr '${attr}' missing`);
  }
  for (const attr of def.bools ?? []) {
    if (!attrs.some((a) => a.name === attr && a.type === FAKE_BINDING.TF_ATTR_BOOL)) throw new Error(`${name}: bool attr '${attr}' missing`);
  }
  const known = new Set([...Object.keys(def.types), ...(def.ints ?? []), ...(def.bools ?? [])]);
  for (const a of attrs) if (!known.has(a.name)) throw new Error(`${name}: unknown attr '${a.name}'`);
}

function attrValue(attrs: readonly TfOpAttr[], name: string): TfOpAttr['value'] | undefined {
  return attrs.find((a) => a.name === name)?.value;
}

function runOp(name: string, attrs: readonly TfOpAttr[], inputs: Tensor[], onGpu: boolean): Tensor {
  const [a, b, c] = inputs as [Tensor, Tensor, Tensor];
  switch (name) {
    case 'GatherV2':
      return tf.gather(a, b, c.dataSync()[0]);
    case 'UnsortedSegmentSum':
      return segmentReduce(a, b, c.dataSync()[0]!, 'sum', onGpu);
    case 'UnsortedSegmentMax':
      return segmentReduce(a, b, c.dataSync()[0]!, 'max', onGpu);
    case 'UnsortedSegmentMin':
      return segmentReduce(a, b, c.dataSync()[0]!, 'min', onGpu);
    case 'Add':
      return tf.add(a, b);
    case 'Sub':
      return tf.sub(a, b);
    case 'Mul':
      return tf.mul(a, b);
    case 'RealDiv':
      return tf.div(a, b);
    case 'Maximum':
      return tf.maximum(a, b);
    case 'Greater':
      return tf.greater(a, b);
    case 'Exp':
      return tf.exp(a);
    case 'ZerosLike':
      return tf.zerosLike(a);
    case 'OnesLike':
      return tf.onesLike(a);
    case 'Select':
      if (!tf.util.arraysEqual(b.shape, c.shape)) throw new Error('Select: t and e must have one shape');
      // TensorFlow's Select (v1): a rank-1 condition picks whole rows.
      return tf.where(a.rank === 1 && b.rank > 1 ? tf.reshape(a, [a.shape[0]!, ...b.shape.slice(1).map(() => 1)]) : a, b, c);
    case 'Cast':
      return tf.cast(a, DTYPE_OF[attrValue(attrs, 'DstT') as number]!);
    case 'Reshape':
      return tf.reshape(a, Array.from(b.dataSync()));
    case 'Sum':
      return tf.sum(a, Array.from(b.dataSync()), attrValue(attrs, 'keep_dims') === true);
    default:
      throw new Error(`fake TensorFlow: no implementation of '${name}'`);
  }
}

/**
 * TensorFlow's UnsortedSegment{Sum,Max,Min}, including its fill values for
 * empty segments and its handling of ids outside `[0, numSegments)`: a
 * negative id's row is dropped; an id at or above `numSegments` fails on the
 * CPU with TensorFlow's InvalidArgument message, and is dropped on a GPU
 * (TensorFlow's documentation: "safe but unspecified behavior").
 */
function segmentReduce(data: Tensor, ids: Tensor, numSegments: number, kind: 'sum' | 'max' | 'min', onGpu: boolean): Tensor {
  const rowSize = data.shape.slice(1).reduce((p, d) => p * d, 1);
  const fill = kind === 'sum' ? 0 : kind === 'max' ? LOWEST_FLOAT32 : -LOWEST_FLOAT32;
  const out = new Float32Array(numSegments * rowSize).fill(fill);
  const values = data.dataSync();
  ids.dataSync().forEach((s, e) => {
    if (s >= numSegments && !onGpu) {
      throw new Error(`Invalid argument: segment_ids[${e}] = ${s} is out of range [0, ${numSegments})`);
    }
    if (s < 0 || s >= numSegments) return;
    for (let f = 0; f < rowSize; f++) {
      const v = values[e * rowSize + f]!;
      const i = s * rowSize + f;
      out[i] = kind === 'sum' ? out[i]! + v : kind === 'max' ? Math.max(out[i]!, v) : Math.min(out[i]!, v);
    }
  });
  return tf.tensor(out, [numSegments, ...data.shape.slice(1)], data.dtype);
}

/**
 * Registers the fake as tfjs backend `tensorflow`, with every tfjs-cpu kernel
 * (but no GNN kernel) copied to it, so tfjs ops and gradients run on it.
 */
export function registerFakeTensorflowBackend(options: { readonly gpu?: boolean } = {}): void {
  tf.registerBackend('tensorflow', () => new FakeTensorflowBackend(options.gpu ?? false), 0);
  for (const kernel of tf.getKernelsForBackend('cpu')) {
    if (kernel.kernelName.startsWith('Gnn')) continue;
    if (tf.getKernel(kernel.kernelName, 'tensorflow') === undefined) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
  }
}
