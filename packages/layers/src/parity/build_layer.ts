import { GCNConv, type GCNConvOptions } from '../conv/gcn_conv.js';
import { GATConv, type GATConvOptions } from '../conv/gat_conv.js';
import { GATv2Conv, type GATv2ConvOptions } from '../conv/gatv2_conv.js';
import type { PygFixture } from './fixture.js';

/** A layer a fixture can describe. */
export type FixtureLayer = GCNConv | GATConv | GATv2Conv;

const OPTIONS: Record<string, readonly string[]> = {
  GCNConv: ['improved', 'cached', 'add_self_loops', 'normalize', 'bias'],
  GATConv: ['heads', 'concat', 'negative_slope', 'dropout', 'add_self_loops', 'edge_dim', 'fill_value', 'bias', 'residual'],
  GATv2Conv: ['heads', 'concat', 'negative_slope', 'dropout', 'add_self_loops', 'edge_dim', 'fill_value', 'bias', 'residual', 'share_weights'],
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Builds our layer from a fixture's `layer` and PyG `constructor_args`
 * (snake_case keyword arguments become camelCase options). Throws on a layer
 * or argument it does not know, so that a fixture never runs half-configured.
 */
export function buildLayer(fixture: Pick<PygFixture, 'layer' | 'constructor_args'>): FixtureLayer {
  const known = OPTIONS[fixture.layer];
  if (known === undefined) throw new Error(`unknown layer '${fixture.layer}'`);
  const { in_channels: inArg, out_channels: outArg, ...rest } = fixture.constructor_args;
  const inChannels = Array.isArray(inArg) ? ([Number(inArg[0]), Number(inArg[1])] as const) : Number(inArg);
  const outChannels = Number(outArg);
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (!known.includes(key)) throw new Error(`${fixture.layer}: unsupported constructor argument '${key}'`);
    if (value !== null) options[camel(key)] = value;
  }
  switch (fixture.layer) {
    case 'GCNConv':
      if (typeof inChannels !== 'number') throw new Error('GCNConv takes a single in_channels');
      return new GCNConv(inChannels, outChannels, options as GCNConvOptions);
    case 'GATConv':
      return new GATConv(inChannels, outChannels, options as GATConvOptions);
    default:
      return new GATv2Conv(inChannels, outChannels, options as GATv2ConvOptions);
  }
}
