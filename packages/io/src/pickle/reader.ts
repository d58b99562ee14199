/**
 * A strict reader for protocol-2 pickles: what Python 2's cPickle wrote for
 * Planetoid (numpy arrays, scipy CSR matrices, dicts of int lists) and what
 * `torch.save` writes as `data.pkl`. It knows only the opcodes below and the
 * globals of the allow-list it is given; anything else, a truncated stream or
 * trailing bytes raise a `PickleError` naming the file. Every opcode does a
 * bounded amount of work, so reading ends after at most one step per byte.
 */
import { PickleError } from '../errors.js';
import { callGlobal, newObject, resolveGlobal, type PickleAllowList } from './allow_list.js';
import { PyBytes, PyDict, PyTuple, describe, type DictKey, type PickleValue, type PyObject } from './values.js';

const enum Op {
  PROTO = 0x80,
  STOP = 0x2e, // .
  GLOBAL = 0x63, // c
  BINPUT = 0x71, // q
  LONG_BINPUT = 0x72, // r
  BINGET = 0x68, // h
  LONG_BINGET = 0x6a, // j
  MARK = 0x28, // (
  EMPTY_TUPLE = 0x29, // )
  TUPLE = 0x74, // t
  TUPLE1 = 0x85,
  TUPLE2 = 0x86,
  TUPLE3 = 0x87,
  EMPTY_LIST = 0x5d, // ]
  APPEND = 0x61, // a
  APPENDS = 0x65, // e
  EMPTY_DICT = 0x7d, // }
  SETITEM = 0x73, // s
  SETITEMS = 0x75, // u
  REDUCE = 0x52, // R
  NEWOBJ = 0x81,
  BUILD = 0x62, // b
  NONE = 0x4e, // N
  NEWTRUE = 0x88,
  NEWFALSE = 0x89,
  BININT = 0x4a, // J
  BININT1 = 0x4b, // K
  BININT2 = 0x4d, // M
  LONG1 = 0x8a,
  BINFLOAT = 0x47, // G
  SHORT_BINSTRING = 0x55, // U
  BINSTRING = 0x54, // T
  BINUNICODE = 0x58, // X
  BINPERSID = 0x51, // Q
}

/** Options of {@link readPickle}. */
export interface ReadPickleOptions {
  /** The Python globals the pickle may name (e.g. `NUMPY_PICKLE_GLOBALS`). */
  readonly allow: PickleAllowList;
  /**
   * Resolves a persistent id (BINPERSID), as Python's `Unpickler.persistent_load`;
   * without it a persistent id is an error. It must throw `PickleError` on ids it refuses.
   */
  readonly persistentLoad?: (pid: PickleValue, file: string) => PickleValue;
}

/**
 * Reads one pickle from `bytes`, allowing only the globals of `options.allow`.
 *
 * @param file - the file name, used in error messages.
 * @example
 * ```ts
 * const graph = readPickle(bytes, 'ind.cora.graph', { allow: NUMPY_PICKLE_GLOBALS }); // a PyDict of int lists
 * ```
 */
export function readPickle(bytes: Uint8Array, file: string, options: ReadPickleOptions): PickleValue {
  return new Unpickler(bytes, file, options).run();
}

class Unpickler {
  private pos = 0;
  private stack: PickleValue[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, PickleValue>();
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    private readonly options: ReadPickleOptions,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private fail(message: string, at = this.pos): never {
    throw new PickleError(`invalid pickle at byte ${at}: ${message}`, this.file);
  }

  private need(n: number): number {
    if (n < 0 || this.pos + n > this.bytes.length) this.fail(`truncated (needs ${n} more bytes, file has ${this.bytes.length})`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private u8(): number {
    return this.bytes[this.need(1)]!;
  }
  private u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  private i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  private u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  private raw(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }
  private line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) this.fail('truncated (unterminated GLOBAL name)');
    const text = new PyBytes(this.bytes.subarray(this.pos, end)).text();
    this.pos = end + 1;
    return text;
  }

  private pop(): PickleValue {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) this.fail('stack underflow');
    return this.stack.pop()!;
  }
  private top(): PickleValue {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) this.fail('stack underflow');
    return this.stack[this.stack.length - 1]!;
  }
  private popMark(): PickleValue[] {
    const mark = this.marks.pop();
    if (mark === undefined) this.fail('no MARK to pop');
    return this.stack.splice(mark);
  }
  private getMemo(index: number): PickleValue {
    if (!this.memo.has(index)) this.fail(`memo ${index} is not set`);
    return this.memo.get(index)!;
  }

  private dictKey(key: PickleValue): DictKey {
    if (key instanceof PyBytes) return key.text();
    if (key === null || typeof key === 'number' || typeof key === 'string' || typeof key === 'boolean') return key;
    this.fail(`unsupported dict key type ${describe(key)}`);
  }
  private setItems(target: PickleValue, items: readonly PickleValue[]): void {
    if (!(target instanceof PyDict)) this.fail(`SETITEM(S) on ${describe(target)}`);
    if (items.length % 2 !== 0) this.fail('SETITEMS with an odd number of items');
    for (let i = 0; i < items.length; i += 2) target.entries.set(this.dictKey(items[i]!), items[i + 1]!);
  }
  private append(target: PickleValue, items: readonly PickleValue[]): void {
    if (!Array.isArray(target)) this.fail(`APPEND(S) on ${describe(target)}`);
    for (const item of items) target.push(item);
  }

  run(): PickleValue {
    const start = this.pos;
    if (this.u8() !== Op.PROTO) this.fail('not a protocol-2 pickle (no PROTO opcode)', start);
    const protocol = this.u8();
    if (protocol !== 2) this.fail(`pickle protocol ${protocol} is not supported (expected 2)`, start);
    for (;;) {
      const at = this.pos;
      const op = this.u8();
      switch (op) {
        case Op.STOP: {
          if (this.marks.length !== 0 || this.stack.length !== 1) this.fail('STOP with an unbalanced stack', at);
          if (this.pos !== this.bytes.length) this.fail(`${this.bytes.length - this.pos} trailing bytes after STOP`, at);
          return this.stack[0]!;
        }
        case Op.PROTO:
          this.fail('PROTO in the middle of a pickle', at);
          break;
        case Op.GLOBAL: {
          const module = this.line();
          const name = this.line();
          this.stack.push(resolveGlobal(this.options.allow, module, name, this.file));
          break;
        }
        case Op.BINPUT:
          this.memo.set(this.u8(), this.top());
          break;
        case Op.LONG_BINPUT:
          this.memo.set(this.u32(), this.top());
          break;
        case Op.BINGET:
          this.stack.push(this.getMemo(this.u8()));
          break;
        case Op.LONG_BINGET:
          this.stack.push(this.getMemo(this.u32()));
          break;
        case Op.MARK:
          this.marks.push(this.stack.length);
          break;
        case Op.EMPTY_TUPLE:
          this.stack.push(new PyTuple([]));
          break;
        case Op.TUPLE:
          this.stack.push(new PyTuple(this.popMark()));
          break;
        case Op.TUPLE1:
        case Op.TUPLE2:
        case Op.TUPLE3: {
          const n = op - Op.TUPLE1 + 1;
          const items: PickleValue[] = [];
          for (let i = 0; i < n; i++) items.unshift(this.pop());
          this.stack.push(new PyTuple(items));
          break;
        }
        case Op.EMPTY_LIST:
          this.stack.push([]);
          break;
        case Op.APPEND: {
          const item = this.pop();
          this.append(this.top(), [item]);
          break;
        }
        case Op.APPENDS: {
          const items = this.popMark();
          this.append(this.top(), items);
          break;
        }
        case Op.EMPTY_DICT:
          this.stack.push(new PyDict());
          break;
        case Op.SETITEM: {
          const value = this.pop();
          const key = this.pop();
          this.setItems(this.top(), [key, value]);
          break;
        }
        case Op.SETITEMS: {
          const items = this.popMark();
          this.setItems(this.top(), items);
          break;
        }
        case Op.REDUCE: {
          const args = this.pop();
          const callable = this.pop();
          this.stack.push(callGlobal(this.options.allow, callable, args, this.file));
          break;
        }
        case Op.NEWOBJ: {
          const args = this.pop();
          const cls = this.pop();
          this.stack.push(newObject(this.options.allow, cls, args, this.file));
          break;
        }
        case Op.BINPERSID: {
          const pid = this.pop();
          const load = this.options.persistentLoad;
          if (load === undefined) this.fail('persistent id (BINPERSID) in a pickle that allows none', at);
          this.stack.push(load(pid, this.file));
          break;
        }
        case Op.BUILD: {
          const state = this.pop();
          const target = this.top();
          if (!isBuildable(target)) this.fail(`BUILD on ${describe(target)}`, at);
          target.setState(state, this.file);
          break;
        }
        case Op.NONE:
          this.stack.push(null);
          break;
        case Op.NEWTRUE:
          this.stack.push(true);
          break;
        case Op.NEWFALSE:
          this.stack.push(false);
          break;
        case Op.BININT:
          this.stack.push(this.i32());
          break;
        case Op.BININT1:
          this.stack.push(this.u8());
          break;
        case Op.BININT2:
          this.stack.push(this.u16());
          break;
        case Op.LONG1:
          this.stack.push(this.long(this.u8(), at));
          break;
        case Op.BINFLOAT:
          this.stack.push(this.view.getFloat64(this.need(8), false));
          break;
        case Op.SHORT_BINSTRING:
          this.stack.push(new PyBytes(this.raw(this.u8())));
          break;
        case Op.BINSTRING: {
          const n = this.i32();
          if (n < 0) this.fail(`negative BINSTRING length ${n}`, at);
          this.stack.push(new PyBytes(this.raw(n)));
          break;
        }
        case Op.BINUNICODE:
          this.stack.push(this.utf8(this.raw(this.u32()), at));
          break;
        default:
          this.fail(`unknown or unsupported opcode 0x${op.toString(16).padStart(2, '0')}`, at);
      }
    }
  }

  private utf8(bytes: Uint8Array, at: number): string {
    try {
      return UTF8.decode(bytes);
    } catch {
      return this.fail('BINUNICODE string is not valid UTF-8', at);
    }
  }

  /** LONG1: a little-endian two's-complement integer of `n` bytes. */
  private long(n: number, at: number): number {
    const digits = this.raw(n);
    let value = 0n;
    for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(digits[i]!);
    if (n > 0 && digits[n - 1]! & 0x80) value -= 1n << BigInt(8 * n);
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.fail(`integer ${value} does not fit a JavaScript number`, at);
    }
    return Number(value);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function isBuildable(value: PickleValue): value is PyObject {
  return typeof value === 'object' && value !== null && 'setState' in value;
}
