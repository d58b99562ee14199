import type { PlanetoidName } from './names.js';

/**
 * A Planetoid dataset as plain typed arrays (no tensors), laid out as PyG's
 * `Data` object: `x` row-major `[numNodes, numFeatures]`, `edgeIndex` row 0
 * (sources) then row 1 (targets), masks as 0/1 bytes.
 */
export interface PlanetoidData {
  readonly name: PlanetoidName;
  readonly numNodes: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly numEdges: number;
  readonly x: Float32Array;
  readonly edgeIndex: Int32Array;
  readonly y: Int32Array;
  readonly trainMask: Uint8Array;
  readonly valMask: Uint8Array;
  readonly testMask: Uint8Array;
}
