/**
 * The published GNN.js packages as a user gets them: built, packed with
 * `pnpm pack` (which turns `workspace:` ranges into version ranges) and
 * installed with plain npm into an empty project outside the workspace.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/paths.js';
import { runOrThrow } from './run_command.js';

interface WorkspacePackage {
  name: string;
  dir: string;
  private: boolean;
  /** Workspace packages it needs installed beside it (dependencies and required peers; optional peers stay out, as for a user). */
  needs: string[];
}

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function workspacePackages(): Map<string, WorkspacePackage> {
  const found = new Map<string, WorkspacePackage>();
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(path.join(REPO_ROOT, group))) {
      const dir = path.join(REPO_ROOT, group, name);
      if (!existsSync(path.join(dir, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
      const requiredPeers = Object.keys(manifest.peerDependencies ?? {}).filter((peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true);
      const needs = [...Object.keys(manifest.dependencies ?? {}), ...requiredPeers].filter((dep) => dep.startsWith('@gnnjs/'));
      found.set(manifest.name, { name: manifest.name, dir, private: manifest.private === true, needs });
    }
  }
  return found;
}

/** `roots` and every workspace package they need, transitively. Throws when one is private (it could not be installed). */
export function publishedClosure(roots: readonly string[]): WorkspacePackage[] {
  const all = workspacePackages();
  const closure = new Map<string, WorkspacePackage>();
  const visit = (name: string, from: string): void => {
    if (closure.has(name)) return;
    const pkg = all.get(name);
    if (pkg === undefined) throw new Error(`${from} needs ${name}, which is not a workspace package`);
    if (pkg.private) throw new Error(`${from} needs ${name}, which is private: users could not install it`);
    closure.set(name, pkg);
    for (const dep of pkg.needs) visit(dep, name);
  };
  for (const root of roots) visit(root, 'the packed-install test');
  return [...closure.values()];
}

/**
 * Builds the packages' `dist`, unless this runs as turbo's `test` task of
 * `@gnnjs/e2e`, which depends on `^build` (turbo sets TURBO_HASH in tasks).
 */
export async function buildPackages(packages: readonly WorkspacePackage[]): Promise<void> {
  if (process.env['TURBO_HASH'] !== undefined) return;
  const filters = packages.map((p) => `--filter=${p.name}`);
  await runOrThrow('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], { cwd: REPO_ROOT, timeoutMs: 600_000 });
}

/** `pnpm pack`s each package into `destination`; resolves to the tarballs' paths. */
export async function packPackages(packages: readonly WorkspacePackage[], destination: string): Promise<string[]> {
  const tarballs: string[] = [];
  for (const pkg of packages) {
    const { stdout } = await runOrThrow('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: pkg.dir, timeoutMs: 120_000 });
    tarballs.push((JSON.parse(stdout) as { filename: string }).filename);
  }
  return tarballs;
}

/**
 * The environment of a user's shell: without what pnpm, turbo and vitest add
 * for their children (which would change how npm and node behave).
 */
export function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const added =
      /^(npm_(?!config_)|npm_config_user_agent$|pnpm_|PNPM_|TURBO_|__TURBO|VITEST|INIT_CWD$|NODE_OPTIONS$)/.test(key) ||
      (key === 'NODE_ENV' && value === 'test');
    if (!added) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Makes `project` an empty ESM npm project and `npm install`s `specs` (tarball paths, registry names) there. */
export async function npmInstall(project: string, specs: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'gnnjs-consumer', private: true, type: 'module' }, null, 2)}\n`);
  await runOrThrow('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], { cwd: project, env, timeoutMs: 600_000 });
}
