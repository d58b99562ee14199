import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GATConv, GATv2Conv } from '@gnnjs/layers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** PyG 2.6's defaults of GATConv's keyword arguments, camelCased (`edge_dim=None` is `null`). */
const PYG_DEFAULTS = {
  heads: 1, concat: true, negativeSlope: 0.2, dropout: 0, addSelfLoops: true, edgeDim: null, fillValue: 'mean', residual: false,
};

describe('attention layers expose their options as fields', () => {
  it.each([
    ['GATConv', () => new GATConv(3, 2)],
    ['GATv2Conv', () => new GATv2Conv(3, 2)],
  ])("%s's defaults are PyG's", (_name, make) => {
    const conv = make();
    const fields = Object.fromEntries(Object.keys(PYG_DEFAULTS).map((k) => [k, conv[k as keyof typeof PYG_DEFAULTS]]));
    expect(fields).toEqual(PYG_DEFAULTS);
    expect(conv.bias?.shape).toEqual([2]);
    expect([conv.inChannels, conv.outChannels, conv.res]).toEqual([3, 2, null]);
  });

  it('keeps the given options', () => {
    const options = { heads: 3, concat: false, negativeSlope: 0.1, dropout: 0.5, addSelfLoops: false, edgeDim: 4, fillValue: 2, residual: true };
    const gat = new GATConv([5, 6], 2, { ...options, bias: false });
    expect({ heads: gat.heads, concat: gat.concat, negativeSlope: gat.negativeSlope, dropout: gat.dropout, addSelfLoops: gat.addSelfLoops,
      edgeDim: gat.edgeDim, fillValue: gat.fillValue, residual: gat.residual }).toEqual(options);
    expect([gat.inChannels, gat.bias, gat.res?.inChannels, gat.res?.outChannels]).toEqual([[5, 6], null, 6, 2]);
    const v2 = new GATv2Conv(5, 2, { ...options, shareWeights: true });
    expect([v2.heads, v2.concat, v2.edgeDim, v2.shareWeights, v2.residual, v2.linR]).toEqual([3, false, 4, true, true, v2.linL]);
  });

  it('still answers the deprecated conv.options', () => {
    const conv = new GATv2Conv(3, 2, { heads: 2, bias: false });
    expect(conv.options).toEqual({ ...PYG_DEFAULTS, heads: 2, bias: false });
    expect(new GATConv(3, 2).options.bias).toBe(true);
  });
});
