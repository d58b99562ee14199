export { readPickle } from './reader.js';
export { CsrMatrix } from './csr_matrix.js';
export { NdArray, NumpyDType, expectNdArray, type DTypeCode, type NdData } from './ndarray.js';
export { PyBytes, PyDict, PyGlobal, PyTuple, describe, type DictKey, type PickleValue, type PyObject } from './values.js';
