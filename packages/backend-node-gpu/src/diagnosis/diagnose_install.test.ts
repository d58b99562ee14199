import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeInstallProbe, type FakeMachine } from '../test_support/fake_install_probe.js';
import type { TfjsNodePackage } from '../variants.js';
import { diagnoseNodeInstall, type InstallObservation } from './diagnose_install.js';
import { nodeInstallProbe } from './node_install_probe.js';

const GPU: TfjsNodePackage = '@tensorflow/tfjs-node-gpu';
const CPU: TfjsNodePackage = '@tensorflow/tfjs-node';
const DIR = '/app/node_modules/@tensorflow/tfjs-node-gpu';
const BINDING = `${DIR}/lib/napi-v8/tfjs_binding.node`;
const LIBTF = `${DIR}/deps/lib/libtensorflow.so.2`;
const installed = { [GPU]: DIR, [CPU]: DIR };
/** The error tfjs-node 4.22 throws when its addon is absent (seen on this machine). */
const NO_ADDON = new Error(
  `The Node.js native addon module (tfjs_binding.node) can not be found at path: ${BINDING}. \n` +
    `Please run command 'npm rebuild @tensorflow/tfjs-node-gpu --build-addon-from-source' to rebuild the native addon module.`,
);

function diagnose(machine: FakeMachine, observation: Partial<InstallObservation> = {}) {
  return diagnoseNodeInstall({ packageName: GPU, ...observation }, fakeInstallProbe(machine));
}

describe('diagnoseNodeInstall', () => {
  it('finds nothing wrong with a complete install that loaded on a GPU', () => {
    expect(diagnose({ packages: installed, files: [BINDING, LIBTF] }, { gpuVisible: true })).toBeUndefined();
  });

  it('names a platform without TensorFlow builds', () => {
    const found = diagnose({ packages: installed, platform: 'darwin', arch: 'arm64' });
    expect(found?.cause).toBe('unsupported-platform');
    expect(found?.reason).toContain('darwin-arm64');
    // The CPU package does ship for Apple silicon.
    const mac = { packages: installed, files: [BINDING, `${DIR}/deps/lib/libtensorflow.2.dylib`], platform: 'darwin', arch: 'arm64' };
    expect(diagnoseNodeInstall({ packageName: CPU }, fakeInstallProbe(mac))).toBeUndefined();
  });

  it('says to install a missing package', () => {
    const found = diagnose({}, { loadError: new Error(`Cannot find package '${GPU}'`) });
    expect(found?.cause).toBe('package-missing');
    expect(found?.fix).toContain(`pnpm add ${GPU}@4.22.0`);
  });

  it('spots an install script that never ran (pnpm skips it unless allowed)', () => {
    const found = diagnose({ packages: installed, files: [`${DIR}/package.json`, `${DIR}/dist/index.js`] }, { loadError: NO_ADDON });
    expect(found?.cause).toBe('install-script-not-run');
    expect(found?.fix).toContain(`allowBuilds: { "${GPU}": true }`);
    expect(found?.fix).toContain(`pnpm rebuild ${GPU}`);
  });

  it('spots a libtensorflow download that failed (deps/ made, nothing in it)', () => {
    const found = diagnose({ packages: installed, files: [`${DIR}/deps/.keep`] }, { loadError: NO_ADDON });
    expect(found?.cause).toBe('libtensorflow-download-failed');
    expect(found?.reason).toContain('deps/lib/libtensorflow.so.2');
    expect(found?.fix).toContain('TFJS_NODE_CDN_STORAGE=');
  });

  it('spots an addon that was neither downloaded nor built', () => {
    const found = diagnose({ packages: installed, files: [LIBTF] }, { loadError: NO_ADDON });
    expect(found?.cause).toBe('binding-missing');
    expect(found?.fix).toContain('npm_config_tfjs_binding_binary_host_mirror');
    expect(found?.fix).toContain('--build-addon-from-source');
  });

  it('spots an addon built for another Node-API version', () => {
    const oldBuild = `${DIR}/lib/napi-v5/tfjs_binding.node`;
    const found = diagnose({ packages: installed, files: [oldBuild, LIBTF], napiVersion: 9 }, { loadError: NO_ADDON });
    expect(found?.cause).toBe('napi-mismatch');
    expect(found?.reason).toContain('napi-v5');
    expect(found?.reason).toContain('napi-v8');
  });

  it('reads the Node-API versions the package lists', () => {
    const texts = { [`${DIR}/package.json`]: JSON.stringify({ binary: { napi_versions: [3, 9] } }) };
    expect(diagnose({ packages: installed, files: [BINDING, LIBTF], texts, napiVersion: 9 })?.cause).toBe('napi-mismatch');
    expect(diagnose({ packages: installed, files: [BINDING, LIBTF], napiVersion: 2 })?.reason).toContain('a Node-API version in');
  });

  it('reads a Node ABI error from the loader', () => {
    const error = new Error(`The module '${BINDING}' was compiled against a different Node.js version using NODE_MODULE_VERSION 83.`);
    expect(diagnose({ packages: installed, files: [BINDING, LIBTF] }, { loadError: error })?.cause).toBe('napi-mismatch');
  });

  it('spots a missing libtensorflow next to a present addon, from the files alone', () => {
    const found = diagnose({ packages: installed, files: [BINDING] });
    expect(found?.cause).toBe('libtensorflow-missing');
    expect(found?.reason).toContain('libtensorflow.so.2 is absent');
  });

  it('names the library from a dlopen error', () => {
    const error = new Error(`libtensorflow.so.2: cannot open shared object file: No such file or directory`);
    const found = diagnose({ packages: installed, files: [BINDING, LIBTF] }, { loadError: error });
    expect(found?.cause).toBe('libtensorflow-missing');
    expect(found?.reason).toContain('libtensorflow.so.2');
  });

  it('names a missing CUDA library from a dlopen error', () => {
    const error = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    const found = diagnose({ packages: installed, files: [BINDING, LIBTF] }, { loadError: error });
    expect(found?.cause).toBe('cuda-missing');
    expect(found?.reason).toContain('libcudart.so.11.0');
    expect(found?.fix).toContain('CUDA 11.2');
    expect(found?.fix).toContain('cuDNN 8.1');
  });

  it('names a C runtime that is too old', () => {
    const error = new Error(`/lib/x86_64-linux-gnu/libstdc++.so.6: version \`GLIBCXX_3.4.26' not found (required by ${BINDING})`);
    const found = diagnose({ packages: installed, files: [BINDING, LIBTF] }, { loadError: error });
    expect(found?.cause).toBe('system-library-mismatch');
    expect(found?.reason).toContain('GLIBCXX_3.4.26');
  });

  it('reports an unrecognised load error with its own text', () => {
    const found = diagnose({ packages: installed, files: [BINDING, LIBTF] }, { loadError: new Error('something odd\nstack') });
    expect(found?.cause).toBe('unknown');
    expect(found?.reason).toContain('something odd');
    expect(found?.reason).not.toContain('stack');
  });

  describe('when tfjs-node-gpu loaded but TensorFlow saw no GPU', () => {
    const files = [BINDING, LIBTF];
    it('blames a missing NVIDIA driver first', () => {
      const found = diagnose({ packages: installed, files, nvidiaDriver: false }, { gpuVisible: false });
      expect(found?.cause).toBe('no-gpu-visible');
      expect(found?.reason).toContain('no NVIDIA driver');
    });
    it('then the CUDA 11.2 / cuDNN 8.1 libraries TensorFlow 2.9 dlopens', () => {
      const found = diagnose({ packages: installed, files, nvidiaDriver: true, libraries: ['libcudnn.so.8'] }, { gpuVisible: false });
      expect(found?.cause).toBe('cuda-missing');
      expect(found?.reason).toContain('libcudart.so.11.0');
      expect(found?.reason).not.toContain('libcudnn');
    });
    it('and otherwise says the libraries were there', () => {
      const libraries = ['libcudart.so.11.0', 'libcudnn.so.8'];
      const found = diagnose({ packages: installed, files, nvidiaDriver: true, libraries }, { gpuVisible: false });
      expect(found?.cause).toBe('no-gpu-visible');
      expect(found?.reason).toContain('CUDA libraries were found');
    });
  });

  it('reads a real install tree through nodeInstallProbe: script not run, download failed, addon missing', () => {
    // The real probe's file system and module resolution on a fake tfjs-node-gpu
    // in a temporary folder; the platform is pinned, so no answer depends on this machine.
    const root = mkdtempSync(join(tmpdir(), 'gnnjs-tfjs-node-'));
    try {
      const dir = join(root, 'node_modules', GPU);
      mkdirSync(join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: GPU, version: '4.22.0', binary: { napi_versions: [8] } }));
      writeFileSync(join(dir, 'dist', 'index.js'), '');
      const probe = { ...nodeInstallProbe(join(root, 'index.js')), platform: 'linux', arch: 'x64', napiVersion: 8 };
      const noAddon = new Error(`The Node.js native addon module (tfjs_binding.node) can not be found at path: ${join(dir, 'lib/napi-v8/tfjs_binding.node')}.`);
      const cause = () => diagnoseNodeInstall({ packageName: GPU, loadError: noAddon }, probe)?.cause;
      expect(cause()).toBe('install-script-not-run');
      mkdirSync(join(dir, 'deps'));
      writeFileSync(join(dir, 'deps', '.keep'), '');
      expect(cause()).toBe('libtensorflow-download-failed');
      mkdirSync(join(dir, 'deps', 'lib'));
      writeFileSync(join(dir, 'deps', 'lib', 'libtensorflow.so.2'), '');
      expect(cause()).toBe('binding-missing');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
