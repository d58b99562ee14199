import type { PygAnchors } from '../anchors.js';
import type { ScalingResult } from '../results.js';
import { runScalingWorkload } from './gatconv_scaling.js';

/** Runs one scaling size, turning a refusal or failure (e.g. out of memory) into a skip with its reason. */
export async function runGatScaling(
  backend: string,
  numNodes: number,
  anchors: PygAnchors | undefined,
): Promise<ScalingResult | { why: string }> {
  try {
    return await runScalingWorkload(backend, numNodes, anchors);
  } catch (error) {
    return { why: error instanceof Error ? error.message : String(error) };
  }
}
