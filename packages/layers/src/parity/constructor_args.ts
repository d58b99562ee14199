/** PyG keyword arguments (snake_case JSON) → our options (camelCase), refusing what a builder does not know. */
import { FixtureError, type PygFixture } from './fixture.js';

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The fixture's `constructor_args` minus `positional`, as camelCase options.
 * An argument outside `known` (and `positional`) throws, so that a fixture
 * never runs half-configured; `null` (Python's `None`) means the default.
 */
export function pygOptions(fixture: PygFixture, known: readonly string[], positional: readonly string[] = []): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fixture.constructor_args)) {
    if (positional.includes(key)) continue;
    if (!known.includes(key)) throw new FixtureError(`${fixture.layer}: unsupported constructor argument '${key}'`);
    if (value !== null) options[camel(key)] = value;
  }
  return options;
}

/** A positive integer argument. */
export function intArg(fixture: PygFixture, key: string): number {
  const v = fixture.constructor_args[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new FixtureError(`${fixture.layer}: '${key}' must be a positive integer, got ${JSON.stringify(v)}${v === -1 ? ' (lazy sizes are not supported)' : ''}`);
  }
  return v;
}

/** `in_channels`: an integer, or a `[source, target]` pair for bipartite layers; -1 is a lazy size (built at the first forward). */
export function inChannelsArg(fixture: PygFixture, key = 'in_channels'): number | readonly [number, number] {
  const v = fixture.constructor_args[key];
  const width = (c: unknown, name: string) => (c === -1 ? -1 : intArg({ ...fixture, constructor_args: { [name]: c } }, name));
  if (Array.isArray(v) && v.length === 2) return [width(v[0], `${key}[0]`), width(v[1], `${key}[1]`)];
  return width(v, key);
}
