import initWabt from 'wabt';

/** WebAssembly binary of the kernels' text format (SIMD and bulk memory on). */
export async function compileGnnKernelsWat(source) {
  const wabt = await initWabt();
  const features = { simd: true, bulk_memory: true };
  const module = wabt.parseWat('gnn_kernels.wat', source, features);
  try {
    module.validate();
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}
