/**
 * Finds why tfjs-node(-gpu) cannot give a working `tensorflow` backend, as a
 * pure function of an {@link InstallProbe} and the error its import threw.
 * Error text is read first (a dlopen message names the exact library); the
 * package's files tell the rest: tfjs-node's install script first creates
 * `deps/` and downloads libtensorflow into `deps/lib`, then node-pre-gyp puts
 * the addon at `lib/napi-v<N>/tfjs_binding.node`.
 */
import { join } from 'node:path';
import { isGpuPackage, type TfjsNodePackage } from '../variants.js';
import { errorText } from './error_text.js';
import {
  allowBuildFix,
  bindingFix,
  cudaFix,
  driverFix,
  installPackageFix,
  mirrorFix,
  platformFix,
  rebuildFix,
  systemLibraryFix,
} from './fixes.js';
import type { InstallCause, InstallDiagnosis, InstallProbe } from './install_probe.js';

/** What happened when the package was tried. */
export interface InstallObservation {
  readonly packageName: TfjsNodePackage;
  /** What importing the package threw; absent when it loaded or was not tried. */
  readonly loadError?: unknown;
  /** Set once the package loaded: whether TensorFlow found a GPU device. */
  readonly gpuVisible?: boolean;
}

const CPU_PLATFORMS = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'];
const GPU_PLATFORMS = ['linux-x64', 'win32-x64'];
/** `binary.napi_versions` of tfjs-node 4.22's package.json. */
const DEFAULT_NAPI_VERSIONS = [3, 4, 5, 6, 7, 8];
/** Libraries TensorFlow 2.9 dlopens for its GPU device; without them it runs on the CPU. */
export const CUDA_LIBRARIES = ['libcudart.so.11.0', 'libcudnn.so.8'] as const;

const CUDA_LIB_IN_TEXT = /\b(libcudart|libcudnn|libcublas(?:Lt)?|libcufft|libcurand|libcusolver|libcusparse)[\w.]*/;
const TF_LIB_IN_TEXT = /\b(lib)?tensorflow(?:_framework)?(?:\.so[\d.]*|\.\d*\.?dylib|\.dll)/;
const SYSTEM_LIB_IN_TEXT = /\b(GLIBC_[\d.]+|GLIBCXX_[\d.]+|CXXABI_[\d.]+)/;
const ABI_IN_TEXT = /NODE_MODULE_VERSION|Node-API version|did not self-register|invalid ELF header|wrong ELF class/;

/**
 * The cause of a failed (or CPU-only) load of `observation.packageName`, or
 * undefined when nothing is wrong.
 *
 * @example
 * ```ts
 * const found = diagnoseNodeInstall({ packageName: '@tensorflow/tfjs-node', loadError }, nodeInstallProbe());
 * if (found) console.error(`${found.reason}. ${found.fix}`);
 * ```
 */
export function diagnoseNodeInstall(observation: InstallObservation, probe: InstallProbe): InstallDiagnosis | undefined {
  const pkg = observation.packageName;
  const found = (cause: InstallCause, reason: string, fix: string): InstallDiagnosis => ({ cause, packageName: pkg, reason, fix });
  const system = `${probe.platform}-${probe.arch}`;
  const platforms = isGpuPackage(pkg) ? GPU_PLATFORMS : CPU_PLATFORMS;
  if (!platforms.includes(system)) {
    return found('unsupported-platform', `${pkg} has no TensorFlow build for ${system}`, platformFix());
  }

  const dir = probe.packageDir(pkg);
  if (dir === undefined) return found('package-missing', `${pkg} is not installed`, installPackageFix(pkg));
  if (observation.gpuVisible !== undefined) {
    // It loaded, so the files are fine; only the GPU can be missing.
    return isGpuPackage(pkg) && !observation.gpuVisible ? diagnoseNoGpu(probe, found) : undefined;
  }

  const text = observation.loadError === undefined ? '' : errorText(observation.loadError);
  const fromText = diagnoseErrorText(text, pkg, found);
  if (fromText !== undefined) return fromText;

  const fromFiles = diagnoseFiles(dir, pkg, probe, found);
  if (fromFiles !== undefined) return fromFiles;

  if (observation.loadError !== undefined) {
    return found('unknown', `importing ${pkg} failed: ${firstLine(text)}`, rebuildFix(pkg));
  }
  return undefined;
}

type Found = (cause: InstallCause, reason: string, fix: string) => InstallDiagnosis;

function diagnoseErrorText(text: string, pkg: TfjsNodePackage, found: Found): InstallDiagnosis | undefined {
  if (text === '') return undefined;
  const cuda = CUDA_LIB_IN_TEXT.exec(text);
  if (cuda) return found('cuda-missing', `the TensorFlow binding could not load ${cuda[0]} (${firstLine(text)})`, cudaFix());
  const tfLib = TF_LIB_IN_TEXT.exec(text);
  if (tfLib && /cannot open|not found|no such file|image not found|could not be found/i.test(text)) {
    return found('libtensorflow-missing', `the TensorFlow binding could not load ${tfLib[0]} (${firstLine(text)})`, mirrorFix(pkg));
  }
  const systemLib = SYSTEM_LIB_IN_TEXT.exec(text);
  if (systemLib) return found('system-library-mismatch', `this system lacks ${systemLib[0]} (${firstLine(text)})`, systemLibraryFix());
  if (ABI_IN_TEXT.test(text)) {
    return found('napi-mismatch', `the addon was built for another Node.js (${firstLine(text)})`, rebuildFix(pkg));
  }
  return undefined;
}

function diagnoseFiles(dir: string, pkg: TfjsNodePackage, probe: InstallProbe, found: Found): InstallDiagnosis | undefined {
  const libDir = join(dir, 'lib');
  const bindings = probe
    .listDir(libDir)
    .filter((entry) => /^napi-v\d+$/.test(entry) && probe.exists(join(libDir, entry, 'tfjs_binding.node')));
  const depsLib = join(dir, 'deps', 'lib');
  const tfLibName = libtensorflowFileName(probe.platform);
  const hasTfLib = probe.exists(join(depsLib, tfLibName));

  if (bindings.length === 0) {
    if (!probe.exists(join(dir, 'deps'))) {
      return found(
        'install-script-not-run',
        `${pkg}'s install script has not run (no ${join('lib', 'napi-v*', 'tfjs_binding.node')} and no deps/ under ${dir})`,
        allowBuildFix(pkg),
      );
    }
    if (!hasTfLib) {
      return found(
        'libtensorflow-download-failed',
        `${pkg}'s install script ran but did not get libtensorflow (${join(depsLib, tfLibName)} is absent)`,
        mirrorFix(pkg),
      );
    }
    return found('binding-missing', `libtensorflow is in place but the addon was neither downloaded nor built (${libDir} has no tfjs_binding.node)`, bindingFix(pkg));
  }

  const expected = expectedNapiVersion(dir, probe);
  if (expected === undefined || !bindings.includes(`napi-v${expected}`)) {
    const wanted = expected === undefined ? `a Node-API version in [${napiVersions(dir, probe).join(', ')}]` : `napi-v${expected}`;
    return found(
      'napi-mismatch',
      `the addon was built as ${bindings.join(', ')} but Node.js ${probe.nodeVersion} (Node-API ${probe.napiVersion}) loads ${wanted}`,
      rebuildFix(pkg),
    );
  }
  if (!hasTfLib) {
    return found('libtensorflow-missing', `${join(depsLib, tfLibName)} is absent, so the addon cannot load libtensorflow`, mirrorFix(pkg));
  }
  return undefined;
}

function diagnoseNoGpu(probe: InstallProbe, found: Found): InstallDiagnosis {
  if (!probe.nvidiaDriverLoaded()) {
    return found('no-gpu-visible', 'tfjs-node-gpu loaded, but no NVIDIA driver is loaded, so TensorFlow runs on the CPU', driverFix());
  }
  const missing = CUDA_LIBRARIES.filter((lib) => probe.findSharedLibrary(lib) === undefined);
  if (missing.length > 0) {
    return found('cuda-missing', `tfjs-node-gpu loaded on the CPU: ${missing.join(' and ')} not found on the library path`, cudaFix());
  }
  return found('no-gpu-visible', 'tfjs-node-gpu loaded, CUDA libraries were found, yet TensorFlow placed no op on a GPU', driverFix());
}

/** The libtensorflow file the addon links against, under `deps/lib`. */
function libtensorflowFileName(platform: string): string {
  if (platform === 'win32') return 'tensorflow.dll';
  if (platform === 'darwin') return 'libtensorflow.2.dylib';
  return 'libtensorflow.so.2';
}

function napiVersions(dir: string, probe: InstallProbe): number[] {
  const text = probe.readText(join(dir, 'package.json'));
  if (text === undefined) return DEFAULT_NAPI_VERSIONS;
  try {
    const parsed = JSON.parse(text) as { binary?: { napi_versions?: unknown } };
    const versions = parsed.binary?.napi_versions;
    return Array.isArray(versions) && versions.every((v) => typeof v === 'number') ? (versions as number[]) : DEFAULT_NAPI_VERSIONS;
  } catch {
    return DEFAULT_NAPI_VERSIONS;
  }
}

/** node-pre-gyp's choice: the highest version the package lists that this Node supports. */
function expectedNapiVersion(dir: string, probe: InstallProbe): number | undefined {
  const usable = napiVersions(dir, probe).filter((v) => v <= probe.napiVersion);
  return usable.length === 0 ? undefined : Math.max(...usable);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}
