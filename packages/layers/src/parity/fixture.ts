/** The PyG reference fixture format (see shared/fixtures/pyg/README.md). */

/** A row-major tensor as stored in a fixture. */
export interface FixtureTensor {
  shape: number[];
  data: NestedNumbers;
}
export type NestedNumbers = number | NestedNumbers[];

/** One PyG layer configuration with its inputs, parameters and float64 results. */
export interface PygFixture {
  description?: string;
  layer: string;
  constructor_args: Record<string, unknown>;
  repr: string;
  num_nodes: number;
  x: FixtureTensor;
  edge_index: FixtureTensor;
  edge_attr?: FixtureTensor;
  params: Record<string, FixtureTensor>;
  state_dict_keys: string[];
  output: FixtureTensor;
  R: FixtureTensor;
  loss: number;
  grad_x: FixtureTensor;
  grads: Record<string, FixtureTensor>;
  attention?: { edge_index: FixtureTensor; alpha: FixtureTensor };
  gcn_norm?: { edge_index: FixtureTensor; edge_weight: FixtureTensor };
}

/** Flattens a fixture tensor's nested lists into row-major numbers. */
export function flatData(t: FixtureTensor): number[] {
  return [t.data].flat(Infinity as 1) as number[];
}
