#!/usr/bin/env node
/**
 * `gnnjs-doctor`: prints which GNN.js backends load on this machine and why
 * the others do not. Exits 1 when none loads.
 */
import { diagnoseBackends } from '../doctor/diagnose_backends.js';
import { formatBackendReports } from '../doctor/format_reports.js';

const reports = await diagnoseBackends();
process.stdout.write(formatBackendReports(reports));
process.exitCode = reports.some((r) => r.available) ? 0 : 1;
