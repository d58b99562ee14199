#!/usr/bin/env node
/**
 * `gnnjs-doctor`: prints which GNN.js backends load on this machine, why the
 * others do not and what `'auto'` takes. Exits 1 when none loads.
 */
import { diagnoseBackends } from '../index.js';
import { formatBackendDiagnosis } from '../format_diagnosis.js';

const diagnosis = await diagnoseBackends();
process.stdout.write(formatBackendDiagnosis(diagnosis));
process.exitCode = diagnosis.backends.some((r) => r.available) ? 0 : 1;
