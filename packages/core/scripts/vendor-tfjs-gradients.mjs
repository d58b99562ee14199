#!/usr/bin/env node
/**
 * Generates, for `@gnnjs/core` to register at import:
 *   - src/tfjs_gradients/tfjs_gradients.generated.js: the gradient configs of
 *     tfjs-core's own ops (relu, matMul, add, sum, concat, ...);
 *   - src/tfjs_chained_ops/tfjs_chained_ops.generated.js: tfjs-core's chained
 *     tensor methods (`x.mul(w)`, `t.slice(...)`, ...), collected into a plain
 *     object instead of written onto `Tensor.prototype` (core copies them).
 *
 * Why: tfjs-core 4.22's CommonJS main (dist/tf-core.node.js, what Node loads
 * for `import '@tensorflow/tfjs-core'`) registers neither gradients nor
 * chained methods, and `@tensorflow/tfjs-core/dist/register_all_gradients`
 * (or `dist/public/chained_ops/register_all_chained_ops`) cannot be imported
 * from Node ESM (their imports have no file extensions). Without this,
 * `tf.grad` of any model and `x.mul(w)` fail in Node unless the user also
 * loads the `@tensorflow/tfjs` union package.
 *
 * How: esbuild bundles tfjs-core's ESM gradient files, but every module that
 * tfjs-core already exposes publicly is rewritten to an import of the public
 * package `@tensorflow/tfjs-core`. Node then resolves that to the CJS main and
 * bundlers to the ESM entry: the very copy of tfjs-core the user has, so there
 * is one engine, one Tensor class and one kernel/gradient registry. In detail,
 * for each module a gradient file (transitively) imports:
 *   - gradients/** and public/chained_ops/** (the configs, the methods and
 *     their helpers): inlined;
 *   - a module whose every export is a top-level public export (ops such as
 *     `mul`, `reshape`, kernel names, kernel_registry, ...): re-exported from
 *     the public package;
 *   - helper modules tfjs exposes as a namespace (`util`, `broadcast_util`,
 *     `axis_util` and `conv_util` under `backend_util`, ...): read from that
 *     public namespace;
 *   - stateful modules (engine, tensor, environment, global_util, base, index,
 *     ...): shims over public API only (`ENGINE` is `engine()`; for the chained
 *     methods, `getGlobalTensorClass()` is a stand-in whose `prototype` is the
 *     exported `chainedOps` object); they are never inlined, and the script
 *     fails if one would be;
 *   - anything else (pure, non-public helpers such as `maxPoolGrad` or
 *     `convertToTensor`): inlined, its own imports handled by the same rules.
 * The output is checked to contain no `class Engine`/`class Tensor`/... and to
 * import nothing but `@tensorflow/tfjs-core`.
 *
 * Run: pnpm --filter @gnnjs/core vendor-gradients (after upgrading tfjs-core).
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(here, '..');
const require = createRequire(path.join(packageRoot, 'package.json'));
const tfjsPackageJson = require.resolve('@tensorflow/tfjs-core/package.json');
const tfjsVersion = JSON.parse(readFileSync(tfjsPackageJson, 'utf8')).version;
const dist = path.join(path.dirname(tfjsPackageJson), 'dist');
/** The public API as Node sees it; every rewritten name is checked against it. */
const publicApi = require('@tensorflow/tfjs-core');
const PUBLIC = '@tensorflow/tfjs-core';
const SHIM = 'tfjs-public';

/** Modules that hold or create global state: mapped to public API, never inlined. */
const STATEFUL = new Set([
  'engine.js',
  'tensor.js',
  'environment.js',
  'global_util.js',
  'kernel_registry.js',
  'base.js',
  'index.js',
  'base_side_effects.js',
  'flags.js',
  'tape.js',
  'gradients.js',
  'globals.js',
  'backends/backend.js',
  'platforms/platform_browser.js',
  'platforms/platform_node.js',
]);

/** Non-public names of stateful modules, defined over public API (per output, see OUTPUTS). */
const STATEFUL_EXTRAS = {
  'engine.js': `import { engine } from '${PUBLIC}';\nexport const ENGINE = engine();\n`,
  'tensor.js': `import { Tensor as PublicTensor } from '${PUBLIC}';\nexport const getGlobalTensorClass = () => PublicTensor;\n`,
};
/** The chained methods land on this object's properties, not on the real prototype. */
const CHAINED_TENSOR_SHIM = `export const chainedOps = {};\nexport const getGlobalTensorClass = () => ({ prototype: chainedOps });\n`;

/** Non-stateful helper modules that tfjs exposes as a public namespace. */
const NAMESPACES = {
  'util.js': 'util',
  'util_base.js': 'util',
  'ops/broadcast_util.js': 'broadcast_util',
  'ops/axis_util.js': 'backend_util',
  'ops/conv_util.js': 'backend_util',
  'ops/selu_util.js': 'backend_util',
  'ops/slice_util.js': 'slice_util',
  'ops/gather_nd_util.js': 'gather_util',
  'ops/scatter_nd_util.js': 'scatter_util',
};

const relativeToDist = (file) => path.relative(dist, file).split(path.sep).join('/');

function resolveDistImport(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.js`, path.join(base, 'index.js')]) {
    if (existsSync(candidate) && candidate.endsWith('.js')) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${relativeToDist(fromFile)}`);
}

/** Plugin that resolves tfjs-core's extensionless relative imports. */
const extensionlessImports = {
  name: 'extensionless-imports',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => ({ path: resolveDistImport(args.importer, args.path) }));
    b.onResolve({ filter: /^[^./]/ }, () => ({ external: true }));
  },
};

const exportCache = new Map();
/** Every name a tfjs-core module exports, `export *` included (from esbuild's metafile). */
async function exportsOf(file) {
  if (!exportCache.has(file)) {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
      plugins: [extensionlessImports],
      outdir: 'out',
    });
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
    exportCache.set(file, output.exports);
  }
  return exportCache.get(file);
}

/** Decides how one tfjs-core module is provided: inlined, or a shim over the public package. */
async function planModule(file, extras) {
  const rel = relativeToDist(file);
  if (rel.startsWith('gradients/') || rel.startsWith('public/chained_ops/')) return { inline: true };
  const names = await exportsOf(file);
  const missing = names.filter((n) => !(n in publicApi));
  if (missing.length === 0) {
    return { shim: `export { ${names.join(', ')} } from '${PUBLIC}';\n` };
  }
  const namespace = NAMESPACES[rel];
  if (namespace !== undefined) {
    const members = names.filter((n) => n in publicApi[namespace]);
    const lines = members.map((n) => `export const ${n} = ns.${n};`);
    return { shim: `import { ${namespace} as ns } from '${PUBLIC}';\n${lines.join('\n')}\n` };
  }
  if (STATEFUL.has(rel)) {
    const present = names.filter((n) => n in publicApi);
    const reexports = present.length > 0 ? `export { ${present.join(', ')} } from '${PUBLIC}';\n` : '';
    return { shim: reexports + (extras[rel] ?? '') };
  }
  return { inline: true };
}

/** The esbuild plugin of one output: `plan` records how each module was provided. */
const rewriteToPublic = (plan, extras) => ({
  name: 'rewrite-to-public-tfjs-core',
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.namespace === SHIM) throw new Error(`shim ${args.importer} has a relative import`);
      const file = resolveDistImport(args.importer, args.path);
      if (!plan.has(file)) plan.set(file, await planModule(file, extras));
      return plan.get(file).inline ? { path: file } : { path: relativeToDist(file), namespace: SHIM };
    });
    b.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, () => ({ path: PUBLIC, external: true }));
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      throw new Error(`unexpected import '${args.path}' in ${args.importer}`);
    });
    b.onLoad({ filter: /.*/, namespace: SHIM }, (args) => ({
      contents: plan.get(path.join(dist, args.path)).shim,
      loader: 'js',
      resolveDir: dist,
    }));
  },
});

/** The gradients' entry re-exports the configs that tfjs's own register_all_gradients.js lists. */
function gradientsEntry() {
  const source = readFileSync(path.join(dist, 'register_all_gradients.js'), 'utf8');
  const imports = [...source.matchAll(/^import \{ (\w+GradConfig) \} from '(\.\/gradients\/\w+)';$/gm)];
  if (imports.length < 100) throw new Error(`found only ${imports.length} gradient configs; tfjs-core layout changed?`);
  const lines = imports.map(([, name, from]) => `import { ${name} } from '${from}';`);
  const names = imports.map(([, name]) => name);
  return `${lines.join('\n')}\nexport const tfjsGradConfigs = [\n  ${names.join(',\n  ')},\n];\n`;
}

/** The chained methods' entry runs tfjs's own register_all_chained_ops.js against the stand-in prototype. */
function chainedOpsEntry() {
  const source = readFileSync(path.join(dist, 'public/chained_ops/register_all_chained_ops.js'), 'utf8');
  const count = [...source.matchAll(/^import '\.\/\w+';$/gm)].length;
  if (count < 100) throw new Error(`found only ${count} chained ops; tfjs-core layout changed?`);
  return `import './public/chained_ops/register_all_chained_ops';\nexport { chainedOps } from './tensor';\n`;
}

const OUTPUTS = [
  {
    file: 'src/tfjs_gradients/tfjs_gradients.generated.js',
    entry: gradientsEntry,
    entryName: 'tfjs_gradients_entry.js',
    own: 'gradients/',
    extras: STATEFUL_EXTRAS,
  },
  {
    file: 'src/tfjs_chained_ops/tfjs_chained_ops.generated.js',
    entry: chainedOpsEntry,
    entryName: 'tfjs_chained_ops_entry.js',
    own: 'public/chained_ops/',
    extras: { ...STATEFUL_EXTRAS, 'tensor.js': CHAINED_TENSOR_SHIM },
  },
];

async function generate({ file, entry, entryName, own, extras }) {
  const outFile = path.join(packageRoot, file);
  const plan = new Map();
  const result = await build({
    stdin: { contents: entry(), resolveDir: dist, sourcefile: entryName, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    treeShaking: true,
    legalComments: 'eof',
    metafile: true,
    plugins: [rewriteToPublic(plan, extras)],
    outfile: path.basename(file),
  });

  const inlined = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith(`${SHIM}:`) && !p.includes(entryName))
    .map((p) => relativeToDist(path.resolve(p)));
  const forbidden = inlined.filter((rel) => STATEFUL.has(rel));
  if (forbidden.length > 0) throw new Error(`stateful tfjs-core modules were inlined: ${forbidden.join(', ')}`);

  let code = result.outputFiles[0].text;
  const STATE_PATTERNS = [/class _?Engine\b/, /Engine = class/, /class Tensor\b/, /Tensor = class/, /class Environment\b/, /new Map\(\)/, /getGlobal\(/];
  for (const pattern of STATE_PATTERNS) {
    if (pattern.test(code)) throw new Error(`generated code contains ${pattern}: a second copy of tfjs-core state`);
  }
  const bareImports = [...code.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]);
  if (bareImports.some((s) => s !== PUBLIC)) throw new Error(`unexpected imports: ${bareImports.join(', ')}`);

  const header = `// Generated by scripts/vendor-tfjs-gradients.mjs from @tensorflow/tfjs-core ${tfjsVersion}
// (Apache-2.0, Copyright Google LLC; notices at the end). Do not edit: rerun
// \`pnpm --filter @gnnjs/core vendor-gradients\` instead.
// Inlined from tfjs-core: ${inlined.filter((r) => !r.startsWith(own)).join(', ') || `${own} files only`}.
`;
  code = header + code;
  writeFileSync(outFile, code);
  console.log(
    `wrote ${path.relative(packageRoot, outFile)}: ${inlined.length} tfjs-core files inlined, ` +
      `${[...plan.values()].filter((p) => !p.inline).length} modules mapped to '${PUBLIC}'`,
  );
}

for (const output of OUTPUTS) await generate(output);
