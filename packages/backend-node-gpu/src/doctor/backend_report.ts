/** What the doctor says about one GNN.js backend on this machine. */
export interface BackendReport {
  /** GNN.js backend name, as `setBackend` takes it. */
  readonly backend: DoctorBackend;
  /** The package that provides it. */
  readonly packageName: string;
  readonly available: boolean;
  /** When available: what runs it. Otherwise: why it does not load. */
  readonly detail: string;
  /** When unavailable: what to install or configure. */
  readonly fix?: string;
  /** When unavailable and diagnosed: a stable cause code (e.g. `install-script-not-run`). */
  readonly cause?: string;
}

/** The backends the doctor probes, in the order it prints them. */
export const DOCTOR_BACKENDS = ['cpu', 'wasm', 'webgpu', 'node', 'node-gpu'] as const;
export type DoctorBackend = (typeof DOCTOR_BACKENDS)[number];
