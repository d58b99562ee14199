import { AdamStep, adamStepScalars, type AdamStepAttrs, type AdamStepInputs } from '@gnnjs/core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { adamStepImpl } from '../kernels_impl/adam_step_impl.js';
import type { Supplied } from '../kernels_impl/index.js';
import { cpuMemory, float32Values } from './cpu_values.js';

export function adamStep(args: {
  inputs: Supplied<Omit<AdamStepInputs, 'maxExpAvgSq'>> & Pick<AdamStepInputs, 'maxExpAvgSq'>;
  backend: MathBackendCPU;
  attrs: AdamStepAttrs;
}): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const shape = inputs.param.shape;
  const outputs = Array.from({ length: inputs.maxExpAvgSq === undefined ? 3 : 4 }, () => cpuMemory.float32Output(backend, shape));
  adamStepImpl(
    {
      param: float32Values(backend, inputs.param),
      grad: float32Values(backend, inputs.grad),
      expAvg: float32Values(backend, inputs.expAvg),
      expAvgSq: float32Values(backend, inputs.expAvgSq),
      maxExpAvgSq: inputs.maxExpAvgSq === undefined ? null : float32Values(backend, inputs.maxExpAvgSq),
      outParam: outputs[0]!.values,
      outExpAvg: outputs[1]!.values,
      outExpAvgSq: outputs[2]!.values,
      outMaxExpAvgSq: outputs[3]?.values ?? null,
    },
    adamStepScalars(attrs),
  );
  return outputs.map((o) => o.out);
}

export const adamStepConfig: KernelConfig = {
  kernelName: AdamStep,
  backendName: 'cpu',
  kernelFunc: adamStep as unknown as KernelFunc,
};
