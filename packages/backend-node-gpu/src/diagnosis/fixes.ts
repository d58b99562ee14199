/**
 * The advice the install diagnosis gives, one function per cause. Kept apart
 * from the detection so both read top to bottom.
 */
import { LIBTENSORFLOW_VERSION, type TfjsNodePackage } from '../variants.js';

export function allowBuildFix(pkg: TfjsNodePackage): string {
  return (
    `Let its install script run: with pnpm, set \`allowBuilds: { "${pkg}": true }\` in pnpm-workspace.yaml ` +
    `(or run \`pnpm approve-builds\`), then \`pnpm rebuild ${pkg}\`; npm and yarn run it by default. ` +
    `The script downloads libtensorflow ${LIBTENSORFLOW_VERSION}, so the machine needs to reach its host or a mirror ` +
    `(TFJS_NODE_CDN_STORAGE).`
  );
}

export function installPackageFix(pkg: TfjsNodePackage): string {
  return `Install it: \`pnpm add ${pkg}@4.22.0\` (an optional peer dependency of @gnnjs/backend-node-gpu). ${allowBuildFix(pkg)}`;
}

export function mirrorFix(pkg: TfjsNodePackage): string {
  return (
    `Point the install script at a mirror that hosts libtensorflow ${LIBTENSORFLOW_VERSION}: ` +
    `\`TFJS_NODE_CDN_STORAGE=https://your-mirror/ pnpm rebuild ${pkg}\` ` +
    `(or TFJS_NODE_BASE_URI=https://your-mirror/path/libtensorflow- for another layout; both may also go in .npmrc).`
  );
}

export function bindingFix(pkg: TfjsNodePackage): string {
  return (
    `Fetch the prebuilt addon from a mirror with \`npm_config_tfjs_binding_binary_host_mirror=https://your-mirror/ ` +
    `pnpm rebuild ${pkg}\`, or build it: install python3, make and g++, then ` +
    `\`npm rebuild ${pkg} --build-addon-from-source\` in the folder that has it installed.`
  );
}

export function rebuildFix(pkg: TfjsNodePackage): string {
  return `Rebuild the addon for this Node.js: \`pnpm rebuild ${pkg}\` (or \`npm rebuild ${pkg} --build-addon-from-source\`).`;
}

export function cudaFix(): string {
  return (
    `libtensorflow ${LIBTENSORFLOW_VERSION} (tfjs-node-gpu 4.22) needs CUDA 11.2 and cuDNN 8.1 exactly, ` +
    `and an NVIDIA driver >= 460: install them and put their lib folders on LD_LIBRARY_PATH ` +
    `(e.g. /usr/local/cuda-11.2/lib64), or use the CPU variant 'node' (@tensorflow/tfjs-node).`
  );
}

export function driverFix(): string {
  return `Install an NVIDIA driver (>= 460 for CUDA 11.2) and check \`nvidia-smi\` and CUDA_VISIBLE_DEVICES, or use the CPU variant 'node'.`;
}

export function systemLibraryFix(): string {
  return (
    `The prebuilt libtensorflow needs a newer C/C++ runtime than this system has: use a newer Linux ` +
    `distribution (or container image), or build libtensorflow and the addon from source.`
  );
}

export function platformFix(): string {
  return (
    `tfjs-node 4.22 ships libtensorflow for linux-x64, linux-arm64 (CPU), darwin (CPU) and win32-x64, ` +
    `CUDA builds for linux-x64 and win32-x64 only. Use @gnnjs/backend-cpu, -wasm or -webgpu here.`
  );
}
