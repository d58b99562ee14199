import { diagnoseBackends, formatBackendReports } from '@gnnjs/backend-node-gpu';

/** `gnnjs doctor`'s options. */
export interface DoctorOptions {
  json: boolean;
  verbose: boolean;
}

/**
 * Runs `gnnjs doctor`: which backends load on this machine and, for those
 * that do not, the diagnosed cause and fix (`@gnnjs/backend-node-gpu`'s
 * `diagnoseBackends`). Backend packages resolve from this app's dependencies.
 */
export async function doctorCommand(options: DoctorOptions): Promise<void> {
  const reports = await diagnoseBackends({ importModule: (specifier) => import(specifier) as Promise<unknown> });
  process.stdout.write(options.json ? `${JSON.stringify({ backends: reports })}\n` : `${formatBackendReports(reports)}\n`);
}
