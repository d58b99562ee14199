/**
 * The published packages work for someone who installs them from npm:
 * each is built, packed with `pnpm pack` and installed with plain `npm
 * install` of the tarballs into empty projects outside the workspace: a
 * library user's, where the root README's "Using it" example and a custom
 * `MessagePassing` layer trained with `fit` run, and where
 * `PaymentsFraud.load` names its missing optional peer `@gnnjs/relational`;
 * and a CLI user's (the CLI brings DuckDB and `@gnnjs/relational`), where
 * `npx gnnjs train` runs.
 *
 * npm fetches the third-party dependencies (tfjs, commander) from its
 * registry or its cache. Skipped, saying so, only where there is no npm.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipTitle } from '@gnnjs/vitest-config/skip-reasons';
import { PLANETOID_MIRROR, REPO_ROOT } from '../support/paths.js';
import { readmeExample } from '../support/readme_example.js';
import { buildPackages, npmInstall, packPackages, publishedClosure, userEnv } from './packages.js';
import { runCommand, runOrThrow } from './run_command.js';

/** What the library user imports; the packages they need come along. */
const ROOTS = ['@gnnjs/core', '@gnnjs/layers', '@gnnjs/datasets', '@gnnjs/train', '@gnnjs/backend-cpu', '@gnnjs/backend-wasm'];
/** What the CLI user installs. */
const CLI_ROOTS = ['@gnnjs/cli'];
const TFJS_CORE = '@tensorflow/tfjs-core@4.22.0';

async function npmMissing(): Promise<string | undefined> {
  try {
    const { code, stderr } = await runCommand('npm', ['--version'], { cwd: REPO_ROOT, timeoutMs: 30_000 });
    return code === 0 ? undefined : `\`npm --version\` exited ${code}: ${stderr.trim()}`;
  } catch (error) {
    return `no npm on PATH (${error instanceof Error ? error.message : String(error)})`;
  }
}

const missing = await npmMissing();
if (missing !== undefined) console.warn(`[@gnnjs/e2e] SKIPPING the packed-tarball install test: ${missing}`);

describe.skipIf(missing !== undefined)(skipTitle('the packed tarballs, installed with npm outside the workspace', missing), () => {
  /** Outside the workspace: holds the tarballs, the npm project and the dataset cache. */
  let workDir: string;
  let project: string;
  let cliProject: string;
  let env: NodeJS.ProcessEnv;

  /** Type-strips `source` with esbuild, writes it into the project and runs it with node. */
  async function runScript(name: string, source: string) {
    const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
    writeFileSync(path.join(project, `${name}.mjs`), code);
    return runOrThrow(process.execPath, [`${name}.mjs`], { cwd: project, env, timeoutMs: 300_000 });
  }

  /** The last line a script printed, as JSON. */
  const lastJsonLine = (stdout: string): unknown => JSON.parse(stdout.trim().split('\n').at(-1)!);

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'gnnjs-packed-'));
    project = path.join(workDir, 'project');
    env = userEnv({ GNNJS_DATASETS_MIRROR: PLANETOID_MIRROR, XDG_CACHE_HOME: path.join(workDir, 'cache') });
    cliProject = path.join(workDir, 'cli-project');
    const library = publishedClosure(ROOTS);
    const cli = publishedClosure(CLI_ROOTS);
    const packages = [...new Map([...library, ...cli].map((p) => [p.name, p])).values()];
    await buildPackages(packages);
    const tarballDir = path.join(workDir, 'tarballs');
    mkdirSync(tarballDir);
    mkdirSync(project);
    mkdirSync(cliProject);
    const tarballs = new Map((await packPackages(packages, tarballDir)).map((file, i) => [packages[i]!.name, file]));
    const tarballsOf = (closure: typeof packages): string[] => closure.map((p) => tarballs.get(p.name)!);
    await npmInstall(project, [...tarballsOf(library), TFJS_CORE], env);
    await npmInstall(cliProject, [...tarballsOf(cli), TFJS_CORE], env);
  }, 900_000);

  afterAll(() => {
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it('resolves one copy of @tensorflow/tfjs-core for every package', async () => {
    const { stdout } = await runOrThrow('npm', ['ls', '--all', '--parseable', '@tensorflow/tfjs-core'], { cwd: project, env, timeoutMs: 60_000 });
    const copies = new Set(stdout.trim().split('\n').filter((line) => line.endsWith(path.join('@tensorflow', 'tfjs-core'))));
    expect([...copies]).toEqual([path.join(project, 'node_modules/@tensorflow/tfjs-core')]);
  });

  it('runs the README\'s "Using it" example on Cora', async () => {
    const { stdout } = await runScript('readme_example', `${readmeExample('Using it')}\nconsole.log(JSON.stringify(output.shape));\n`);
    expect(lastJsonLine(stdout)).toEqual([2708, 7]);
  }, 300_000);

  it('trains a custom MessagePassing layer with fit on the karate club', async () => {
    const source = readFileSync(new URL('./consumer/custom_layer.ts', import.meta.url), 'utf8');
    const { stdout } = await runScript('custom_layer', source);
    const result = lastJsonLine(stdout) as { epochs: number; firstLoss: number; lastLoss: number; trainAcc: number };
    expect(result.epochs).toBe(30);
    expect(result.lastLoss).toBeLessThan(result.firstLoss);
    expect(result.trainAcc).toBe(1);
  }, 300_000);

  it('installs @gnnjs/datasets without its optional peers @gnnjs/relational and DuckDB, which PaymentsFraud.load then names', async () => {
    expect(existsSync(path.join(project, 'node_modules/@gnnjs/relational'))).toBe(false);
    expect(existsSync(path.join(project, 'node_modules/@duckdb/node-api'))).toBe(false);
    const source = [
      "import { PaymentsFraud } from '@gnnjs/datasets/node';",
      `const error = await PaymentsFraud.load({ root: ${JSON.stringify(path.join(workDir, 'payments'))}, scale: 0.01 }).catch((e) => e);`,
      'console.log(JSON.stringify({ name: error.name, packageName: error.packageName, message: error.message }));',
    ].join('\n');
    const { stdout } = await runScript('payments_without_relational', source);
    expect(lastJsonLine(stdout)).toMatchObject({ name: 'MissingPackageError', packageName: '@gnnjs/relational', message: expect.stringMatching(/not installed/) });
  }, 300_000);

  it('runs `npx gnnjs train --dataset karate --epochs 3`', async () => {
    // --no: never fetch a package named `gnnjs` from the registry; the installed bin must answer.
    const result = await runOrThrow('npx', ['--no', 'gnnjs', 'train', '--dataset', 'karate', '--epochs', '3'], { cwd: cliProject, env, timeoutMs: 300_000 });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/karate/i);
  }, 300_000);
});
