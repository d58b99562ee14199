/**
 * Loaded graphs are typed as having what they have: no `!` under `strict`
 * (checked by `tsc`, the package's typecheck; the runtime part checks the
 * promise is kept, and that a transform may not drop a field).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Graph, GraphValidationError } from '@gnnjs/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import './testing/backend.js';
import { KarateClub, type KarateClubGraph, type PlanetoidGraph } from './index.js';
import type { Planetoid } from './planetoid/planetoid.js';

/** What a training loop needs (as `@gnnjs/train`'s `prepareData` asks for it). */
interface NeedsNodeClassification {
  x: tf.Tensor2D;
  edgeIndex: tf.Tensor2D;
  y: tf.Tensor;
  trainMask: tf.Tensor;
  valMask: tf.Tensor;
  testMask: tf.Tensor;
  numClasses: number;
}
const train = (graph: NeedsNodeClassification): number => graph.numClasses;

describe('dataset graph types', () => {
  it('Planetoid.load resolves to a graph with x, y, the masks and numClasses', () => {
    expectTypeOf<Awaited<ReturnType<typeof Planetoid.load>>>().toEqualTypeOf<PlanetoidGraph>();
    expectTypeOf<PlanetoidGraph['x']>().toEqualTypeOf<tf.Tensor2D>();
    expectTypeOf<PlanetoidGraph['y']>().toEqualTypeOf<tf.Tensor>();
    expectTypeOf<PlanetoidGraph['valMask']>().toEqualTypeOf<tf.Tensor1D>();
    expectTypeOf<PlanetoidGraph['numClasses']>().toEqualTypeOf<number>();
    expectTypeOf<PlanetoidGraph>().toMatchTypeOf<NeedsNodeClassification>();
    expectTypeOf<PlanetoidGraph>().toMatchTypeOf<Graph>();
  });

  it('KarateClub.load gives x, y, trainMask and numClasses, and no promise of the other masks', () => {
    const karate = KarateClub.load();
    expectTypeOf(karate).toEqualTypeOf<KarateClubGraph>();
    expectTypeOf(karate.x).toEqualTypeOf<tf.Tensor2D>();
    expectTypeOf(karate.numClasses).toEqualTypeOf<number>();
    expectTypeOf(karate.valMask).toEqualTypeOf<tf.Tensor1D | undefined>();
    // @ts-expect-error: the karate club has no validation mask, so it is not a full node-classification graph
    train(karate);
    expect(karate.x.shape).toEqual([34, 34]);
    expect(karate.numClasses).toBe(4);
    karate.dispose();
  });

  it('a transform that drops a promised field is refused, naming it', () => {
    let thrown: unknown;
    try {
      KarateClub.load({ transform: (g) => new Graph({ edgeIndex: tf.clone(g.edgeIndex), numNodes: g.numNodes }) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphValidationError);
    expect((thrown as GraphValidationError).field).toBe('x');
  });
});
