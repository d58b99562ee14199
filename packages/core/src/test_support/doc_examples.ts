/**
 * Test-only: finds the TypeScript examples of a package's docs (```ts blocks
 * of a README, `@example` blocks of TSDoc comments), typechecks them with the
 * package's own compiler options, and writes each runnable one as a module
 * whose imports point at files, so that a test can `import()` it.
 *
 * A TSDoc example may leave out the imports of `tf` and of the package's own
 * exports (the name it documents): those are added. An example that still
 * uses a name it does not define (`edgeIndex`, `model`), or imports a package
 * this one cannot load (one above it), is a fragment: it is reported, not run.
 * A README example gets no help: it must be complete.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/** One ```ts block, with where it was found. */
export interface DocExample {
  /** `README.md:40` or `src/nn/module.ts:28` (the line of the opening fence). */
  readonly where: string;
  readonly code: string;
  /** README examples must be complete; TSDoc examples get `tf` and the package's exports imported. */
  readonly kind: 'readme' | 'tsdoc';
}

/** The ```ts blocks of a markdown file. */
export function markdownExamples(file: string, root: string): DocExample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    found.push({ where: `${relative(root, file)}:${start + 1}`, code: body.join('\n'), kind: 'readme' });
  }
  return found;
}

/** The ```ts blocks after `@example` in the TSDoc comments of the non-test `.ts` files under `dir`. */
export function tsdocExamples(dir: string, root: string): DocExample[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${join(dir, 'test_support')}`))
    .sort();
  const found: DocExample[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
      let j = i + 1;
      while (j < lines.length && /^\s*\*\s*$/.test(lines[j]!)) j++;
      if (!/^\s*\*\s*```(ts|typescript)\s*$/.test(lines[j] ?? '')) continue;
      const start = j;
      const body: string[] = [];
      for (j++; j < lines.length && !/^\s*\*\s*```/.test(lines[j]!); j++) body.push(lines[j]!.replace(/^\s*\* ?/, ''));
      found.push({ where: `${relative(root, file)}:${start + 1}`, code: body.join('\n'), kind: 'tsdoc' });
      i = j;
    }
  }
  return found;
}

/** What became of an example. */
export type CheckedExample =
  | { example: DocExample; status: 'runnable'; module: string }
  | { example: DocExample; status: 'fragment'; missing: string[] }
  | { example: DocExample; status: 'error'; errors: string[] };

/** Cannot find name (…, did you mean …; a test runner's `it`); cannot find module. */
const FREE_NAME_CODES = new Set([2304, 2552, 2582, 2593, 2662, 2307]);

/** `@scope/name` or `name` of a bare specifier. */
const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

function names(imports: ts.SourceFile): { imported: Set<string>; declared: Set<string>; specifiers: string[] } {
  const imported = new Set<string>();
  const declared = new Set<string>();
  const specifiers: string[] = [];
  for (const statement of imports.statements) {
    if (ts.isImportDeclaration(statement)) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
      const clause = statement.importClause;
      if (clause?.name) imported.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) imported.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) imported.add(e.name.text);
    } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name) {
      declared.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) declared.add(d.name.text);
    }
  }
  return { imported, declared, specifiers };
}

/**
 * Typechecks every example as a module of the package at `packageRoot`
 * (its tsconfig.json, `packageName` resolving to its sources) and writes the
 * runnable ones to a temporary folder.
 */
export function checkExamples(examples: readonly DocExample[], packageRoot: string, packageName: string): CheckedExample[] {
  const configFile = ts.getParsedCommandLineOfConfigFile(join(packageRoot, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (configFile === undefined) throw new Error(`cannot read ${packageRoot}/tsconfig.json`);
  const options = { ...configFile.options, noEmit: true };
  const virtualDir = join(packageRoot, 'src', '__doc_examples__');
  const fileOf = (i: number): string => join(virtualDir, `example_${i}.ts`);
  const host = ts.createCompilerHost(options);
  const sources = new Map<string, string>();
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) => {
    const text = sources.get(fileName);
    return text === undefined ? getSourceFile(fileName, language, onError, create) : ts.createSourceFile(fileName, text, language, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => sources.has(fileName) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => sources.get(fileName) ?? readFile(fileName);

  // Pass 1: the package's export names (for the TSDoc prelude).
  const indexFile = join(packageRoot, 'src', 'index.ts');
  const first = ts.createProgram([indexFile], options, host);
  const checker = first.getTypeChecker();
  const indexSymbol = checker.getSymbolAtLocation(first.getSourceFile(indexFile)!)!;
  const exported = new Set(checker.getExportsOfModule(indexSymbol).map((s) => s.name));

  // Pass 2: every example, with its prelude.
  const preludes: string[] = [];
  examples.forEach((example, i) => {
    let prelude = '';
    if (example.kind === 'tsdoc') {
      const { imported, declared } = names(ts.createSourceFile('x.ts', example.code, ts.ScriptTarget.ES2022));
      const words = new Set(example.code.match(/[A-Za-z_$][\w$]*/g) ?? []);
      const own = [...exported].filter((n) => words.has(n) && !imported.has(n) && !declared.has(n)).sort();
      if (words.has('tf') && !imported.has('tf') && !declared.has('tf')) prelude += "import * as tf from '@tensorflow/tfjs-core';\n";
      if (own.length > 0) prelude += `import { ${own.join(', ')} } from '${packageName}';\n`;
    }
    preludes.push(prelude);
    sources.set(fileOf(i), `${prelude}${example.code}\nexport {};\n`);
  });
  const program = ts.createProgram([...sources.keys()], options, host, first);
  const require = createRequire(join(packageRoot, 'package.json'));
  const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const allowed = new Set([packageName, ...['dependencies', 'peerDependencies', 'devDependencies'].flatMap((k) => Object.keys(manifest[k] ?? {}))]);
  const outDir = join(tmpdir(), `gnnjs-doc-examples-${process.pid}`);
  mkdirSync(outDir, { recursive: true });

  return examples.map((example, i): CheckedExample => {
    // A package this one does not depend on is above it (or unrelated): not loaded here, even if it resolves.
    const foreign = [...new Set(names(ts.createSourceFile('x.ts', example.code, ts.ScriptTarget.ES2022)).specifiers)]
      .filter((s) => !s.startsWith('.') && !allowed.has(packageOf(s)));
    if (foreign.length > 0) {
      const missing = foreign.map((s) => `imports '${s}', which ${packageName} does not depend on`);
      return example.kind === 'tsdoc' ? { example, status: 'fragment', missing } : { example, status: 'error', errors: missing };
    }
    const source = program.getSourceFile(fileOf(i))!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    const text = (d: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const free = diagnostics.filter((d) => FREE_NAME_CODES.has(d.code));
    if (free.length > 0 && example.kind === 'tsdoc') {
      return { example, status: 'fragment', missing: [...new Set(free.map((d) => text(d)))] };
    }
    if (diagnostics.length > 0) return { example, status: 'error', errors: diagnostics.map(text) };
    // Run it where imports cannot resolve by name: point them at files.
    const code = sources.get(fileOf(i))!;
    const { specifiers } = names(ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022));
    let runnable = code;
    for (const specifier of new Set(specifiers)) {
      const target =
        specifier === packageName
          ? indexFile
          : specifier.startsWith(`${packageName}/`)
            ? join(packageRoot, 'src', specifier.slice(packageName.length + 1), 'index.ts')
            : require.resolve(specifier);
      runnable = runnable.replaceAll(`'${specifier}'`, JSON.stringify(target));
    }
    const module = join(outDir, `${example.where.replace(/[^\w]+/g, '_')}.ts`);
    mkdirSync(dirname(module), { recursive: true });
    writeFileSync(module, runnable);
    return { example, status: 'runnable', module };
  });
}
