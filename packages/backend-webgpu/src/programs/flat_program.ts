/**
 * One shape of WebGPU program serves every GNN kernel: a flat, 1-D grid of
 * invocations (`threads` of them) over tensors viewed as flat arrays.
 *
 * tfjs-backend-webgpu generates typed getters per input rank; our kernels
 * index raw arrays instead (CSR offsets, permutations), so every input and the
 * output are bound as rank-1 views and the WGSL body receives `index`, the
 * invocation's position in the grid. Integer parameters travel as `i32`
 * uniforms, so one compiled pipeline serves every graph size.
 *
 * Float inputs must be read as `f32(x[i])`: tfjs-backend-webgpu casts int32
 * to float32 without converting the buffer, so a float32 tensor may be
 * backed by an `array<i32>` (the pipeline is keyed by the buffer's type).
 */
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';

export interface FlatProgramSpec {
  /** Shader cache key: two specs with the same key must generate the same WGSL. */
  key: string;
  /** Names of the storage arrays bound as inputs, in the order of `inputs`. */
  inputs: readonly string[];
  /** Names of extra `i32` uniforms, in the order of their values. */
  uniforms: readonly string[];
  /** WGSL functions placed before `main`. */
  helpers?: string;
  /** WGSL statements run for every `index < uniforms.threads`. */
  body: string;
}

const WORKGROUP_SIZE: [number, number, number] = [64, 1, 1];

function makeProgram(spec: FlatProgramSpec, threads: number, outputShape: number[]): WebGPUProgram {
  const uniforms = ['threads', ...spec.uniforms].map((name) => `${name} : i32,`).join(' ');
  return {
    shaderKey: spec.key,
    variableNames: [...spec.inputs],
    outputShape,
    workgroupSize: WORKGROUP_SIZE,
    dispatchLayout: { x: [0] },
    // The backend spreads more than 65535 workgroups over y and z itself.
    dispatch: [Math.ceil(threads / WORKGROUP_SIZE[0]), 1, 1],
    uniforms,
    getUserCode: () => `
      ${spec.helpers ?? ''}
      fn main(index : i32) {
        if (index < uniforms.threads) {
          ${spec.body}
        }
      }
    `,
  };
}

function flatView(t: TensorInfo): TensorInfo {
  const size = t.shape.reduce((a, b) => a * b, 1);
  return { dataId: t.dataId, shape: [size], dtype: t.dtype };
}

export interface FlatRun {
  /** Number of invocations. */
  threads: number;
  /** Shape of the output (defaults to `[threads]`); the WGSL writes it flat. */
  outputShape?: number[];
  outputDtype?: DataType;
  /** Values of `spec.uniforms`, in order. */
  uniforms?: readonly number[];
}

/** tfjs-backend-webgpu generates shape uniforms for output ranks 1 to 6; beyond, the buffer is declared flat. */
const MAX_DECLARED_RANK = 6;

/**
 * Runs a flat program and returns its output, of shape `run.outputShape`. Inputs must be non-empty (WebGPU cannot bind an
 * empty buffer); callers handle empty graphs before getting here.
 */
export function runFlatProgram(
  backend: WebGPUBackend,
  spec: FlatProgramSpec,
  inputs: readonly TensorInfo[],
  run: FlatRun,
): TensorInfo {
  const shape = run.outputShape ?? [run.threads];
  const declared = shape.length >= 1 && shape.length <= MAX_DECLARED_RANK ? shape : [shape.reduce((a, b) => a * b, 1)];
  const program = makeProgram(spec, Math.max(run.threads, 1), declared);
  const uniformData = [run.threads, ...(run.uniforms ?? [])].map((v) => ({ type: 'int32', data: [v] }));
  const out = backend.runWebGPUProgram(program, inputs.map(flatView), run.outputDtype ?? 'float32', uniformData);
  // Like tfjs's Reshape: same data, the caller's shape.
  return declared === shape ? out : { dataId: out.dataId, shape, dtype: out.dtype };
}
