import { expect } from 'vitest';
import { ShapeError } from '../errors.js';

/** Asserts that `call` throws a ShapeError naming `argument`, with `fragment` (if given) in its message. */
export function expectShapeError(call: () => unknown, argument: string, fragment = ''): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ShapeError);
  expect((caught as ShapeError).argument).toBe(argument);
  expect((caught as ShapeError).message).toContain(fragment);
}
