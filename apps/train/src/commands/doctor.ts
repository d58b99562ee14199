import { probeBackends, type BackendProbe } from '../backends.js';

/** `gnnjs doctor`'s options. */
export interface DoctorOptions {
  json: boolean;
  verbose: boolean;
}

type Diagnose = () => Promise<unknown>;

/**
 * Runs `gnnjs doctor`: the native-install diagnosis of
 * `@gnnjs/backend-node-gpu` (`diagnoseBackends`) when that package provides
 * it, plus a load test of every backend the CLI can select.
 */
export async function doctorCommand(options: DoctorOptions): Promise<void> {
  const diagnosis = await nativeDiagnosis();
  const probes = await probeBackends();
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ backends: probes, ...(diagnosis === undefined ? {} : { diagnosis }) })}\n`);
    return;
  }
  const lines = probes.map((p: BackendProbe) => `${p.ok ? 'ok  ' : 'FAIL'}  ${p.backend.padEnd(8)}${p.ok ? '' : `  ${p.message ?? ''}`}`);
  const text = typeof diagnosis === 'string' ? diagnosis : diagnosis === undefined ? '' : JSON.stringify(diagnosis, null, 2);
  process.stdout.write(`${lines.join('\n')}\n${text ? `\n${text}\n` : ''}`);
}

async function nativeDiagnosis(): Promise<unknown> {
  try {
    const mod = (await import('@gnnjs/backend-node-gpu')) as Record<string, unknown>;
    const diagnose = mod.diagnoseBackends;
    return typeof diagnose === 'function' ? await (diagnose as Diagnose)() : undefined;
  } catch {
    return undefined;
  }
}
