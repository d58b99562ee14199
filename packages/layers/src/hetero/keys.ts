/**
 * PyG's names of heterogeneous modules: `HeteroConv` keeps its convs in
 * `torch_geometric.nn.ModuleDict`, whose key of an edge type is
 * `<src___rel___dst>` (dots replaced by `#`); `to_hetero`, HGTConv's
 * `p_rel` and our dictionaries use `'src__rel__dst'` (core's `edgeTypeKey`).
 */
import { GraphValidationError, edgeTypeKey, toEdgeType, type EdgeType, type EdgeTypeKey } from '@gnnjs/core';

/**
 * The `torch_geometric.nn.ModuleDict` key of an edge type:
 * `['account', 'pays', 'merchant']` → `'<account___pays___merchant>'`.
 *
 * @example
 * ```ts
 * moduleDictKey(['account', 'pays', 'merchant']); // '<account___pays___merchant>'
 * ```
 */
export function moduleDictKey(type: EdgeType): string {
  return `<${type.join('___')}>`.replaceAll('.', '#');
}

/** A `torch.nn.ModuleDict` key of a type name (`to_hetero`'s `key2str`): dots become `#`. */
export function typeModuleKey(name: string): string {
  return name.replaceAll('.', '#');
}

/** Parses `'src__rel__dst'` keys of a dictionary argument; a `GraphValidationError` naming the argument on a bad key. */
export function relationTypes(keys: readonly string[], argument: string): EdgeType[] {
  return keys.map((key) => {
    try {
      return toEdgeType(key as EdgeTypeKey);
    } catch {
      throw new GraphValidationError(argument, `key '${key}' is not an edge type 'src__relation__dst'`);
    }
  });
}

/** `'src__rel__dst'`. */
export const relationKey = (type: EdgeType): string => edgeTypeKey(type);
