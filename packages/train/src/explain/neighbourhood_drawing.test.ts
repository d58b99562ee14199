import { describe, expect, it } from 'vitest';
import { neighbourhoodDrawing, NODE_TYPE_COLOURS, RELATION_COLOURS, type DrawableExplanation } from './neighbourhood_drawing.js';

type Ref = { type: string; id: number };
const tx = (id: number): Ref => ({ type: 'tx', id });
const card = (id: number): Ref => ({ type: 'card', id });
const CT = 'card__used_in__tx';
const TC = 'tx__uses__card';

// Target tx 0 ← card 1 (conv2, alpha 1) ← tx 5 (conv1, 0.6) / tx 6 (conv1, 0.4).
const x: DrawableExplanation<Ref> = {
  target: tx(0),
  attention: {
    layers: [
      { layer: 'conv1', hop: 2, edges: [
        { relation: TC, source: tx(5), target: card(1), alpha: 0.6 },
        { relation: TC, source: tx(6), target: card(1), alpha: 0.4 },
      ] },
      { layer: 'conv2', hop: 1, edges: [{ relation: CT, source: card(1), target: tx(0), alpha: 1 }] },
    ],
    paths: [
      { nodes: [card(1), tx(0)], relations: [CT], alphas: [1], weight: 1 },
      { nodes: [tx(5), card(1), tx(0)], relations: [TC, CT], alphas: [0.6, 1], weight: 0.6 },
      { nodes: [tx(6), card(1), tx(0)], relations: [TC, CT], alphas: [0.4, 1], weight: 0.4 },
    ],
  },
  edges: { top: [
    { relation: TC, source: tx(6), target: card(1), attribution: -0.5 },
    { relation: CT, source: card(1), target: tx(0), attribution: 2 },
    { relation: TC, source: tx(5), target: card(1), attribution: 1 },
  ] },
};

const summary = (d: ReturnType<typeof neighbourhoodDrawing<Ref>>) => d.edges.map((e) => `${e.source.type}${e.source.id}>${e.target.type}${e.target.id} ${e.weight} ${e.layer ?? '-'}`);

describe('neighbourhoodDrawing', () => {
  it('paths: each step once, as wide as its attention, with the layer that passes it on; nodes by hop', () => {
    const d = neighbourhoodDrawing(x);
    expect(d.view).toBe('paths');
    expect(summary(d)).toEqual(['tx6>card1 0.4 conv1', 'tx5>card1 0.6 conv1', 'card1>tx0 1 conv2']);
    expect(d.nodes.map((n) => [n.key, n.hop])).toEqual([['tx:0', 0], ['card:1', 1], ['tx:5', 2], ['tx:6', 2]]);
    expect(d.relations).toEqual([CT, TC]);
    expect(d.relationColours).toEqual({ [CT]: RELATION_COLOURS[0], [TC]: RELATION_COLOURS[1] });
    expect(d.nodeTypeColours).toEqual({ card: NODE_TYPE_COLOURS[0], tx: NODE_TYPE_COLOURS[1] });
  });

  it('keeps a relation\'s colour across drawings when given the order, whatever is drawn', () => {
    const order = { relations: ['a__r__b', TC, CT], nodeTypes: ['tx', 'card'] };
    const full = neighbourhoodDrawing(x, order);
    const one = neighbourhoodDrawing(x, { ...order, view: { layer: 'conv2' } });
    expect(full.relationColours).toEqual({ [TC]: RELATION_COLOURS[1], [CT]: RELATION_COLOURS[2] });
    expect(one.relationColours).toEqual({ [CT]: RELATION_COLOURS[2] });
    expect(one.nodeTypeColours).toEqual({ tx: NODE_TYPE_COLOURS[0], card: NODE_TYPE_COLOURS[1] });
  });

  it('keeps the maxPaths strongest longer paths and every one-hop path', () => {
    expect(summary(neighbourhoodDrawing(x, { maxPaths: 1 }))).toEqual(['tx5>card1 0.6 conv1', 'card1>tx0 1 conv2']);
    expect(summary(neighbourhoodDrawing(x, { maxPaths: 0 }))).toEqual(['card1>tx0 1 conv2']);
  });

  it('attribution: widths are |attribution| over the largest, the signed value kept', () => {
    const d = neighbourhoodDrawing(x, { view: 'attribution' });
    expect(d.edges.map((e) => [e.weight, e.value, e.measure])).toEqual([[0.25, -0.5, 'attribution'], [0.5, 1, 'attribution'], [1, 2, 'attribution']]);
    expect(d.nodes.map((n) => n.hop)).toEqual([0, 1, 2, 2]);
  });

  it("one layer: its edges into the nodes at its hop − 1, even when the drawing does not reach the target", () => {
    const d = neighbourhoodDrawing(x, { view: { layer: 'conv1' } });
    expect(summary(d)).toEqual(['tx6>card1 0.4 conv1', 'tx5>card1 0.6 conv1']);
    expect(d.nodes.map((n) => [n.key, n.hop])).toEqual([['tx:0', 0], ['card:1', 1], ['tx:5', 2], ['tx:6', 2]]);
    expect(() => neighbourhoodDrawing(x, { view: { layer: 'conv3' } })).toThrow("the explanation has no layer 'conv3' (it has 'conv1', 'conv2')");
  });

  it('a model without attention is drawn by attribution whatever is asked; an edgeless explanation draws the target alone', () => {
    const noAttention = { target: x.target, edges: x.edges! };
    expect(neighbourhoodDrawing(noAttention, { view: 'paths' }).view).toBe('attribution');
    const alone = neighbourhoodDrawing({ target: tx(0) });
    expect(alone.edges).toEqual([]);
    expect(alone.nodes).toEqual([{ ref: tx(0), key: 'tx:0', hop: 0 }]);
  });

  it('reads rows as well as ids, and clamps a width that is not in [0, 1]', () => {
    const d = neighbourhoodDrawing({ target: { type: 'tx', row: 0 }, attention: { layers: [], paths: [{ nodes: [{ type: 'card', row: 3 }, { type: 'tx', row: 0 }], relations: [CT], alphas: [Number.NaN], weight: Number.NaN }] } });
    expect(d.nodes.map((n) => n.key)).toEqual(['tx:0', 'card:3']);
    expect(d.edges[0]!.weight).toBe(0);
  });
});
