/** The backends the harness measures, loaded and selected through `@gnnjs/backends`' table. */
import { BACKEND_NAMES, useBackend as selectBackend, type BackendName } from '@gnnjs/backends';

/** Measured when `--backends` is not given: the CPU backends every machine has. */
export const CPU_BACKENDS = ['wasm', 'cpu'] as const satisfies readonly BackendName[];

/** Loads and activates `name`, returning why it cannot be used instead of throwing. */
export async function useBackend(name: string): Promise<string | undefined> {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) return `unknown backend '${name}' (known: ${BACKEND_NAMES.join(', ')})`;
  try {
    await selectBackend(name as BackendName);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
