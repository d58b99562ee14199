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

function makeProgram(spec: FlatProgramSpec, threads: number, outputSize: number): WebGPUProgram {
  const uniforms = ['threads', ...spec.uniforms].map((name) => `${name} : i32,`).join(' ');
  return {
    shaderKey: spec.key,
    variableNames: [...spec.inputs],
    outputShape: [outputSize],
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
  /** Number of elements of the output buffer (defaults to `threads`). */
  outputSize?: number;
  outputDtype?: DataType;
  /** Values of `spec.uniforms`, in order. */
  uniforms?: readonly number[];
}

/**
 * Runs a flat program and returns its output as a rank-1 tensor info of
 * `outputSize` elements. Inputs must be non-empty (WebGPU cannot bind an
 * empty buffer); callers handle empty graphs before getting here.
 */
export function runFlatProgram(
  backend: WebGPUBackend,
  spec: FlatProgramSpec,
  inputs: readonly TensorInfo[],
  run: FlatRun,
): TensorInfo {
  const outputSize = run.outputSize ?? run.threads;
  const program = makeProgram(spec, Math.max(run.threads, 1), outputSize);
  const uniformData = [run.threads, ...(run.uniforms ?? [])].map((v) => ({ type: 'int32', data: [v] }));
  return backend.runWebGPUProgram(program, inputs.map(flatView), run.outputDtype ?? 'float32', uniformData);
}
