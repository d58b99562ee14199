/**
 * Running one bipartite layer per relation, the core of `HeteroConv` and of
 * `toHetero`'s message-passing steps: each relation's layer sees
 * `(x_src, x_dst)` (or `x` when both ends are one node type, as PyG passes
 * it), its outputs are grouped per destination type, and attention layers
 * give their coefficients per relation.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GraphValidationError, ShapeError, edgeTypeKey, type EdgeType, type Module } from '@gnnjs/core';
import type { NodeFeatures, OutputWithAttention } from '../conv/attention.js';
import { GATConv } from '../conv/gat_conv.js';
import { GATv2Conv } from '../conv/gatv2_conv.js';
import { TransformerConv } from '../conv/transformer_conv.js';
import { groupRelations, type RelationAggregation } from './group.js';
import type { EdgeIndexDict, HeteroAttention, HeteroForwardOptions, OutputDict, XDict } from './types.js';

/**
 * A layer that can run on one relation: any GNN.js convolution taking
 * `(x | [xSrc, xDst], edgeIndex)`, e.g. `GATConv`, `GATv2Conv`, `SAGEConv`,
 * `GraphConv`, `TransformerConv`, or `GCNConv` on a relation between nodes of
 * one type.
 */
export interface RelationLayer extends Module {
  forward(x: never, edgeIndex: tf.Tensor2D, ...rest: never[]): tf.Tensor2D | OutputWithAttention;
}

/** The layers whose `forward` returns attention with `{ returnAttentionWeights: true }`. */
export type AttentionLayer = GATConv | GATv2Conv | TransformerConv;

/** Whether `layer` returns attention coefficients (GATConv, GATv2Conv, TransformerConv). */
export function isAttentionLayer(layer: Module): layer is AttentionLayer {
  return layer instanceof GATConv || layer instanceof GATv2Conv || layer instanceof TransformerConv;
}

/**
 * PyG's `check_add_self_loops`: a layer that adds self-loops cannot run on a
 * relation between two node types (node `i` of one type is not node `i` of
 * the other).
 */
export function checkAddSelfLoops(layer: Module, type: EdgeType, argument: string): void {
  if (type[0] !== type[2] && (layer as { addSelfLoops?: unknown }).addSelfLoops === true) {
    throw new GraphValidationError(
      argument,
      `${layer.constructor.name} adds self-loops, which is wrong on edge type '${edgeTypeKey(type)}' between two node types; build it with addSelfLoops: false`,
    );
  }
}

/** One relation and its layer. */
export interface Relation {
  readonly type: EdgeType;
  readonly key: string;
  readonly layer: RelationLayer;
}

/**
 * Runs every relation's layer and groups the outputs per destination type
 * with `aggr` (destination types in order of first appearance, as PyG's
 * `HeteroConv`); attention layers also give their coefficients when asked.
 * The inputs must have been checked (`checkHeteroInputs`). Call inside a
 * `tf.tidy`: the results are new tensors.
 */
export function runRelations(
  relations: readonly Relation[],
  xDict: XDict,
  edgeIndexDict: EdgeIndexDict,
  aggr: RelationAggregation,
  options: HeteroForwardOptions = {},
): { output: OutputDict; attention: HeteroAttention } {
  const perDestination = new Map<string, tf.Tensor2D[]>();
  const attention: HeteroAttention = {};
  for (const { type, key, layer } of relations) {
    const [src, , dst] = type;
    const x: NodeFeatures = src === dst ? xDict[src]! : [xDict[src]!, xDict[dst]!];
    const edgeAttr = options.edgeAttrDict?.[key];
    if (edgeAttr !== undefined && !isAttentionLayer(layer)) {
      throw new GraphValidationError(`edgeAttrDict['${key}']`, `${layer.constructor.name} on edge type '${key}' takes no edge features`);
    }
    const out = runOne(layer, type, () => {
      if (!isAttentionLayer(layer)) {
        return (layer.forward as (x: NodeFeatures, e: tf.Tensor2D) => tf.Tensor2D)(x, edgeIndexDict[key]!);
      }
      const result = layer.forward(x, edgeIndexDict[key]!, {
        returnAttentionWeights: options.returnAttentionWeights === true,
        ...(edgeAttr === undefined ? {} : { edgeAttr }),
      });
      if (result instanceof tf.Tensor) return result;
      attention[key] = result.attention;
      return result.output;
    });
    const list = perDestination.get(dst);
    if (list === undefined) perDestination.set(dst, [out]);
    else list.push(out);
  }
  const output: OutputDict = {};
  for (const [dst, xs] of perDestination) output[dst] = groupRelations(xs, aggr);
  return { output, attention };
}

/**
 * Runs one relation's layer; its typed errors come back naming the node or
 * edge type (`x[1]` of `account__pays__merchant` is `xDict['merchant']`).
 */
function runOne(layer: Module, type: EdgeType, run: () => tf.Tensor2D): tf.Tensor2D {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ShapeError) && !(error instanceof GraphValidationError)) throw error;
    const inner = error instanceof ShapeError ? error.argument : error.field;
    const key = edgeTypeKey(type);
    const nodeType = inner === 'x[1]' ? type[2] : inner === 'x[0]' || inner === 'x' ? type[0] : undefined;
    const field =
      nodeType !== undefined ? `xDict['${nodeType}']`
      : inner === 'edgeAttr' ? `edgeAttrDict['${key}']`
      : inner === 'edgeIndex' ? `edgeIndexDict['${key}']`
      : `relation '${key}'.${inner}`;
    const message = `relation '${key}' (${layer.constructor.name}): ${error.message.slice(inner.length + 2)}`;
    throw error instanceof ShapeError ? new ShapeError(field, message) : new GraphValidationError(field, message);
  }
}
