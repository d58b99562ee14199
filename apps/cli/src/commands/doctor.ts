import { diagnoseBackends, formatBackendDiagnosis } from '@gnnjs/backends';

/** `gnnjs doctor`'s options. */
export interface DoctorOptions {
  json: boolean;
  verbose: boolean;
}

/**
 * Runs `gnnjs doctor`: which backends load on this machine, the diagnosed
 * cause and fix for those that do not, and what `--backend auto` takes
 * (`@gnnjs/backends`' `diagnoseBackends`).
 */
export async function doctorCommand(options: DoctorOptions): Promise<void> {
  const diagnosis = await diagnoseBackends();
  process.stdout.write(options.json ? `${JSON.stringify(diagnosis)}\n` : formatBackendDiagnosis(diagnosis));
}
