#!/usr/bin/env node
import { CommanderError } from 'commander';
import { reportError } from './cli_error.js';
import { buildProgram } from './program.js';

async function main(argv: readonly string[]): Promise<number> {
  // Native TensorFlow (backends node, node-gpu) logs INFO/WARNING lines from
  // C++ straight to stderr when it loads; keep stderr to our own lines.
  if (!argv.includes('--verbose')) process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (err) {
    // Commander already printed its message (help and --version exit with 0).
    if (err instanceof CommanderError) return err.exitCode;
    const { line, exitCode } = reportError(err);
    process.stderr.write(`${line}\n`);
    if (argv.includes('--verbose') && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCode;
  }
}

// No process.exit: the process ends when its work is done (a backend that
// holds native handles, like Dawn's WebGPU, releases them by itself).
process.exitCode = await main(process.argv);
