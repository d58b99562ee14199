#!/usr/bin/env node
import * as tf from '@tensorflow/tfjs-core';
import { CommanderError } from 'commander';
import { reportError } from './cli_error.js';
import { buildProgram } from './program.js';

async function main(argv: readonly string[]): Promise<number> {
  // Silences tfjs's console notes (e.g. the CPU backend's "install tfjs-node"
  // banner), which would break the one-line errors and clutter --json runs.
  if (!argv.includes('--verbose')) tf.enableProdMode();
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

const exitCode = await main(process.argv);
// Exit explicitly: a GPU or WASM backend may hold handles that keep Node alive.
process.stdout.write('', () => process.exit(exitCode));
