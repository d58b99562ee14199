/**
 * The allow-list of the Planetoid-style pickles: numpy arrays, scipy CSR
 * matrices and `collections.defaultdict(list)`, written by Python 2's cPickle
 * or Python 3's pickle (protocol 2).
 */
import { PickleError } from '../errors.js';
import { isGlobal, type PickleAllowList, type PickleCall } from './allow_list.js';
import { CsrMatrix } from './csr_matrix.js';
import { NdArray, NumpyDType } from './ndarray.js';
import { PyBytes, PyDict, PyTuple, describe } from './values.js';

const NDARRAY = ['numpy ndarray'];
const LIST = ['__builtin__ list', 'builtins list'];

const reconstruct: PickleCall = (args, file) => {
  // numpy's `_reconstruct(ndarray, (0,), b'b')` makes an empty array that BUILD fills.
  const [cls, shape, typecode] = args;
  const okShape = shape instanceof PyTuple && shape.items.length === 1 && shape.items[0] === 0;
  const okCode = typecode instanceof PyBytes && typecode.text() === 'b';
  if (args.length !== 3 || !isGlobal(cls, NDARRAY) || !okShape || !okCode) {
    throw new PickleError(`unexpected arguments to numpy _reconstruct`, file);
  }
  return new NdArray();
};

const dtype: PickleCall = (args, file) => {
  if (args.length !== 3) throw new PickleError(`numpy.dtype takes 3 arguments in a pickle, got ${args.length}`, file);
  return new NumpyDType(args, file);
};

const defaultdict: PickleCall = (args, file) => {
  if (args.length > 1 || (args.length === 1 && !isGlobal(args[0], LIST))) {
    throw new PickleError(`only collections.defaultdict(list) is supported, got ${args.map(describe).join(', ')}`, file);
  }
  return new PyDict();
};

/**
 * numpy arrays (`NdArray`), scipy CSR matrices (`CsrMatrix`), dicts and
 * `defaultdict(list)`: what Planetoid's `ind.*` files hold.
 *
 * @example
 * ```ts
 * const x = readPickle(bytes, 'ind.cora.x', { allow: NUMPY_PICKLE_GLOBALS }); // a CsrMatrix
 * ```
 */
export const NUMPY_PICKLE_GLOBALS: PickleAllowList = {
  callables: new Map<string, PickleCall>([
    ['numpy.core.multiarray _reconstruct', reconstruct],
    ['numpy._core.multiarray _reconstruct', reconstruct],
    ['numpy dtype', dtype],
    ['collections defaultdict', defaultdict],
  ]),
  classes: new Map([
    ['scipy.sparse.csr csr_matrix', () => new CsrMatrix()],
    ['scipy.sparse._csr csr_matrix', () => new CsrMatrix()],
  ]),
  names: new Set([...NDARRAY, ...LIST]),
};
