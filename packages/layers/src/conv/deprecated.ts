/**
 * Names kept for one release after GATConv and GATv2Conv stopped sharing a
 * base class (each layer now holds its own options, as public fields).
 */
import type { SelfLoopFill } from '@gnnjs/core';
import type { GATConv, GATConvOptions } from './gat_conv.js';
import type { GATv2Conv } from './gatv2_conv.js';

/**
 * Either attention layer.
 * @deprecated GATConv and GATv2Conv no longer extend a shared class: write `GATConv | GATv2Conv`.
 */
export type AttentionConv = GATConv | GATv2Conv;

/**
 * The options of both attention layers.
 * @deprecated Use {@link GATConvOptions} (or `GATv2ConvOptions`).
 */
export type AttentionConvOptions = GATConvOptions;

/** What the deprecated `conv.options` returns: the options with their defaults resolved. */
export interface AttentionOptionsView {
  readonly heads: number;
  readonly concat: boolean;
  readonly negativeSlope: number;
  readonly dropout: number;
  readonly addSelfLoops: boolean;
  readonly edgeDim: number | null;
  readonly fillValue: SelfLoopFill;
  readonly bias: boolean;
  readonly residual: boolean;
}

/** The deprecated `conv.options`, read from the layer's fields. */
export function attentionOptionsView(conv: AttentionConv): AttentionOptionsView {
  const { heads, concat, negativeSlope, dropout, addSelfLoops, edgeDim, fillValue, residual } = conv;
  return { heads, concat, negativeSlope, dropout, addSelfLoops, edgeDim, fillValue, bias: conv.bias !== null, residual };
}
