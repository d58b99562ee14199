/**
 * Development aid shared by the profiling scripts: wraps every kernel of a
 * backend so that each call adds its process CPU time to a table keyed by
 * kernel name and input shapes.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface KernelCpuTime {
  /** Per key: microseconds of CPU time and number of calls. */
  readonly table: Map<string, { us: number; n: number }>;
  /** Prints the total and the `top` costliest keys, per unit of `per` (epochs, steps). */
  print(totalUs: number, per: number, unit: string, top: number): void;
}

export function timeKernels(backend: string): KernelCpuTime {
  const table = new Map<string, { us: number; n: number }>();
  for (const k of tf.getKernelsForBackend(backend)) {
    const inner = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, backend);
    tf.registerKernel({
      ...k,
      kernelFunc: (args) => {
        const c0 = process.cpuUsage();
        const out = inner(args);
        const c = process.cpuUsage(c0);
        const key = `${k.kernelName} ${JSON.stringify(Object.values(args.inputs).map((t) => (t as tf.TensorInfo).shape))}`;
        const e = table.get(key) ?? { us: 0, n: 0 };
        e.us += c.user + c.system;
        e.n += 1;
        table.set(key, e);
        return out;
      },
    });
  }
  return {
    table,
    print(totalUs, per, unit, top) {
      let inKernels = 0;
      for (const v of table.values()) inKernels += v.us;
      console.log(`total cpu ${(totalUs / 1000 / per).toFixed(1)} ms/${unit}, in kernels ${(inKernels / 1000 / per).toFixed(1)}, rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
      for (const [k, v] of [...table.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, top)) {
        console.log((v.us / 1000 / per).toFixed(2).padStart(9), String(v.n / per).padStart(4), k);
      }
    },
  };
}
