export { readPickle, type ReadPickleOptions } from './reader.js';
export { isGlobal, type PickleAllowList, type PickleCall } from './allow_list.js';
export { NUMPY_PICKLE_GLOBALS } from './numpy_globals.js';
export { CsrMatrix } from './csr_matrix.js';
export { NdArray, NumpyDType, expectNdArray, type DTypeCode, type NdData } from './ndarray.js';
export {
  PyBytes,
  PyDict,
  PyGlobal,
  PyTuple,
  describe,
  expectCount,
  expectText,
  expectTuple,
  type DictKey,
  type PickleValue,
  type PyObject,
} from './values.js';
