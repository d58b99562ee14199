/**
 * What the install diagnosis may ask of the machine. The real probe
 * (`nodeInstallProbe`) reads the file system; tests pass a fake one, so every
 * failure can be simulated without TensorFlow.
 */

/** Read-only look at the machine, injected into {@link diagnoseNodeInstall}. */
export interface InstallProbe {
  /** Directory of an installed package (`require.resolve` of its package.json), or undefined. */
  packageDir(packageName: string): string | undefined;
  exists(path: string): boolean;
  /** Entries of a directory; empty when it does not exist. */
  listDir(path: string): readonly string[];
  /** A text file's contents, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** Directory holding the shared library `fileName` (e.g. `libcudart.so.11.0`), or undefined. */
  findSharedLibrary(fileName: string): string | undefined;
  /** True when an NVIDIA kernel driver is loaded (`/proc/driver/nvidia/version`). */
  nvidiaDriverLoaded(): boolean;
  readonly platform: string;
  readonly arch: string;
  /** `process.versions.napi` as a number. */
  readonly napiVersion: number;
  readonly nodeVersion: string;
}

/** Why a native TensorFlow backend cannot run, from most to least fundamental. */
export type InstallCause =
  | 'unsupported-platform'
  | 'package-missing'
  | 'install-script-not-run'
  | 'libtensorflow-download-failed'
  | 'binding-missing'
  | 'napi-mismatch'
  | 'libtensorflow-missing'
  | 'system-library-mismatch'
  | 'cuda-missing'
  | 'no-gpu-visible'
  | 'unknown';

/** A cause found on this machine, said for a user: what is wrong and what to do. */
export interface InstallDiagnosis {
  readonly cause: InstallCause;
  readonly packageName: string;
  /** What was found, with the paths or error text that show it. */
  readonly reason: string;
  /** What to run or install to fix it. */
  readonly fix: string;
}
