/** Test-only: what `gnnjs --backend auto` does about WebGPU, in its own process; prints the outcome as JSON. */
import { setupNodeWebGPU } from '@gnnjs/backend-webgpu/node';

console.log(JSON.stringify(await setupNodeWebGPU()));
