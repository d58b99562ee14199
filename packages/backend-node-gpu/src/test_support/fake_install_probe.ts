/** An in-memory {@link InstallProbe}: a machine described by the files it has. */
import type { InstallProbe } from '../diagnosis/install_probe.js';

export interface FakeMachine {
  /** Installed packages and their folders. */
  readonly packages?: Readonly<Record<string, string>>;
  /** Absolute paths of files; their parent folders exist too. */
  readonly files?: readonly string[];
  /** Text of files that are read (e.g. a package.json). */
  readonly texts?: Readonly<Record<string, string>>;
  /** Shared libraries on the library path. */
  readonly libraries?: readonly string[];
  readonly nvidiaDriver?: boolean;
  readonly platform?: string;
  readonly arch?: string;
  readonly napiVersion?: number;
}

export function fakeInstallProbe(machine: FakeMachine): InstallProbe {
  const files = machine.files ?? [];
  const isUnder = (path: string, dir: string): boolean => path.startsWith(`${dir}/`);
  return {
    packageDir: (name) => machine.packages?.[name],
    exists: (path) => files.some((file) => file === path || isUnder(file, path)),
    listDir: (dir) => [...new Set(files.filter((f) => isUnder(f, dir)).map((f) => f.slice(dir.length + 1).split('/')[0]!))],
    readText: (path) => machine.texts?.[path],
    findSharedLibrary: (name) => ((machine.libraries ?? []).includes(name) ? '/usr/local/cuda/lib64' : undefined),
    nvidiaDriverLoaded: () => machine.nvidiaDriver ?? false,
    platform: machine.platform ?? 'linux',
    arch: machine.arch ?? 'x64',
    napiVersion: machine.napiVersion ?? 9,
    nodeVersion: 'v20.20.2',
  };
}
