/**
 * Builds `.pt` files the way torch.save lays them out, with knobs the real
 * fixtures cannot turn: hostile globals, odd dtypes, lying views, big-endian.
 */
import { writeStoredZip } from '../testing/zip_writer.js';

export interface TensorSpec {
  readonly key: string;
  /** Storage class name, e.g. `FloatStorage`. */
  readonly storageClass?: string;
  readonly storageKey: string;
  readonly numel: number;
  readonly offset?: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
  /** Replaces `torch._utils _rebuild_tensor_v2` (module and name). */
  readonly rebuild?: readonly [string, string];
}

const enc = new TextEncoder();

class PickleBytes {
  readonly out: number[] = [];
  op(...b: number[]): this {
    this.out.push(...b);
    return this;
  }
  text(s: string): this {
    const b = enc.encode(s);
    return this.op(0x58, b.length & 0xff, (b.length >> 8) & 0xff, 0, 0, ...b);
  }
  global(module: string, name: string): this {
    return this.op(0x63, ...enc.encode(`${module}\n${name}\n`));
  }
  int(v: number): this {
    return this.op(0x4a, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  }
  tuple(items: readonly number[]): this {
    this.op(0x28);
    for (const v of items) this.int(v);
    return this.op(0x74);
  }
}

/** A protocol-2 `data.pkl` of an OrderedDict of tensors, as torch.save writes it. */
export function torchPickle(tensors: readonly TensorSpec[], extra?: (p: PickleBytes) => void): Uint8Array {
  const p = new PickleBytes().op(0x80, 2).global('collections', 'OrderedDict').op(0x29, 0x52, 0x28);
  for (const t of tensors) {
    p.text(t.key).global(...(t.rebuild ?? ['torch._utils', '_rebuild_tensor_v2'])).op(0x28, 0x28);
    p.text('storage').global('torch', t.storageClass ?? 'FloatStorage').text(t.storageKey).text('cpu').int(t.numel).op(0x74, 0x51);
    p.int(t.offset ?? 0).tuple(t.size).tuple(t.stride).op(0x89).global('collections', 'OrderedDict').op(0x29, 0x52, 0x74, 0x52);
  }
  extra?.(p);
  return Uint8Array.from([...p.op(0x75, 0x2e).out]);
}

/** A `.pt` zip: `<top>/data.pkl`, each storage as `<top>/data/<key>`, `<top>/version`, plus `extra` entries. */
export function torchFile(
  pickle: Uint8Array,
  storages: Readonly<Record<string, Uint8Array>>,
  extra: ReadonlyArray<readonly [string, Uint8Array]> = [],
  top = 'archive',
): Uint8Array {
  return writeStoredZip([
    [`${top}/data.pkl`, pickle],
    ...Object.entries(storages).map(([k, v]) => [`${top}/data/${k}`, v] as const),
    ...extra,
    [`${top}/version`, enc.encode('3\n')],
  ]);
}

/** Little-endian float32 bytes. */
export function f32(...values: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}

/** Little-endian int64 bytes. */
export function i64(...values: bigint[]): Uint8Array {
  return new Uint8Array(BigInt64Array.from(values).buffer);
}
