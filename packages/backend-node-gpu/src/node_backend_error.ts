import { BackendUnavailableError } from '@gnnjs/core';
import type { InstallDiagnosis } from './diagnosis/install_probe.js';
import type { NodeVariant } from './variants.js';

/**
 * A native backend that cannot run here, with the install diagnosis behind it
 * (its `cause` is stable for programs, `reason` and `hint` are for people).
 */
export class NodeBackendUnavailableError extends BackendUnavailableError {
  override readonly name: string = 'NodeBackendUnavailableError';
  /** Every package tried, in order, with what was found wrong with it. */
  readonly diagnoses: readonly InstallDiagnosis[];
  /** The diagnosis the message is about. */
  readonly diagnosis: InstallDiagnosis;

  constructor(variant: NodeVariant, diagnoses: readonly InstallDiagnosis[]) {
    const main = primaryDiagnosis(diagnoses);
    const others = diagnoses.filter((d) => d !== main).map((d) => `${d.packageName}: ${d.reason}`);
    const reason = [main.reason, ...others].join('; also ');
    super(variant, reason, main.fix);
    this.diagnoses = diagnoses;
    this.diagnosis = main;
  }
}

/** The first diagnosis about an installed package, else the first one. */
function primaryDiagnosis(diagnoses: readonly InstallDiagnosis[]): InstallDiagnosis {
  const first = diagnoses[0];
  if (first === undefined) throw new Error('NodeBackendUnavailableError needs at least one diagnosis');
  return diagnoses.find((d) => d.cause !== 'package-missing') ?? first;
}
