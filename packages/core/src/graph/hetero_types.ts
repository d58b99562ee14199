/**
 * Names of a heterogeneous graph's types: node types are strings, edge types
 * `[srcType, relation, dstType]` triples, keyed in dictionaries by PyG's
 * `'src__rel__dst'` string.
 */
import { GraphValidationError } from '../errors.js';

/** An edge type: messages flow from `src` nodes to `dst` nodes through `relation`. */
export type EdgeType<N extends string = string> = readonly [src: N, relation: string, dst: N];

/** PyG's dictionary key of an edge type: `'src__rel__dst'`. */
export type EdgeTypeKey<N extends string = string> = `${N}__${string}__${N}`;

/** An edge type as a triple or as its `'src__rel__dst'` key. */
export type EdgeTypeLike<N extends string = string> = EdgeType<N> | EdgeTypeKey<N>;

/**
 * What accessors take: a triple or key of the graph's types; any string too
 * when the graph's type names are not literal (keys read back from a dict).
 */
export type EdgeTypeArg<N extends string = string> = EdgeTypeLike<N> | (string extends N ? string : never);

const SEPARATOR = '__';

/**
 * The `'src__rel__dst'` key of an edge type (PyG's `'__'.join(edge_type)`).
 *
 * @example
 * ```ts
 * edgeTypeKey(['account', 'pays', 'merchant']); // 'account__pays__merchant'
 * ```
 */
export function edgeTypeKey<N extends string>(type: EdgeType<N>): EdgeTypeKey<N> {
  return `${type[0]}${SEPARATOR}${type[1]}${SEPARATOR}${type[2]}` as EdgeTypeKey<N>;
}

/**
 * The triple of an edge type given as a triple or a `'src__rel__dst'` key.
 * Throws a `GraphValidationError` for anything else.
 *
 * @example
 * ```ts
 * toEdgeType('account__pays__merchant'); // ['account', 'pays', 'merchant']
 * ```
 */
export function toEdgeType<N extends string>(type: EdgeTypeLike<N>): EdgeType<N> {
  if (typeof type === 'string') {
    const parts = type.split(SEPARATOR);
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      throw new GraphValidationError('edgeType', `'${type}' is not a 'src__relation__dst' key`);
    }
    return Object.freeze(parts) as unknown as EdgeType<N>;
  }
  if (!Array.isArray(type) || type.length !== 3 || type.some((p) => typeof p !== 'string')) {
    throw new GraphValidationError('edgeType', `expected [srcType, relation, dstType] or 'src__rel__dst', got ${describe(type)}`);
  }
  for (const name of type) checkTypeName(name, 'edgeType');
  return Object.freeze([type[0], type[1], type[2]]) as EdgeType<N>;
}

/** Rejects names that would make `'src__rel__dst'` keys ambiguous. */
export function checkTypeName(name: unknown, field: string): void {
  if (typeof name !== 'string' || name === '') throw new GraphValidationError(field, `type names must be non-empty strings, got ${describe(name)}`);
  if (name.includes(SEPARATOR)) {
    throw new GraphValidationError(field, `type name '${name}' contains '__', which separates the parts of 'src__rel__dst' keys`);
  }
}

/** The field name of a node type's store in error messages: `node ['account'].x`. */
export function nodeField(type: string, field?: string): string {
  return `node ['${type}']${field === undefined ? '' : `.${field}`}`;
}

/** The field name of an edge type's store in error messages: `edge ['account','pays','merchant'].edgeIndex[1]`. */
export function edgeField(type: EdgeType, field?: string): string {
  return `edge ['${type[0]}','${type[1]}','${type[2]}']${field === undefined ? '' : `.${field}`}`;
}

/**
 * Runs `check`, and re-throws a `GraphValidationError` with its field scoped
 * to a store (`x` → `node ['account'].x`), so that the shared checks of
 * `Graph` name the type.
 */
export function scoped<T>(prefix: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof GraphValidationError) {
      const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
      throw new GraphValidationError(`${prefix}.${error.field}`, message);
    }
    throw error;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
