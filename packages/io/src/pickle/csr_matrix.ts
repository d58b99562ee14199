/**
 * `scipy.sparse.csr_matrix` as scipy pickles it: `csr_matrix.__new__` then
 * BUILD with its `__dict__` (`_shape`, `indptr`, `indices`, `data`, ...).
 */
import { PickleError } from '../errors.js';
import { expectNdArray, type NdData } from './ndarray.js';
import { PyDict, describe, expectCount, expectText, expectTuple, type PickleValue, type PyObject } from './values.js';

/** A CSR sparse matrix, checked for consistency when its state arrives. */
export class CsrMatrix implements PyObject {
  readonly pythonType = 'scipy.sparse.csr_matrix';
  rows = 0;
  cols = 0;
  indptr: NdData = new Int32Array(1);
  indices: NdData = new Int32Array(0);
  data: NdData = new Float32Array(0);
  built = false;

  setState(state: PickleValue, file: string): void {
    if (!(state instanceof PyDict)) {
      throw new PickleError(`csr_matrix state must be a dict, got ${describe(state)}`, file);
    }
    const get = (key: string): PickleValue => {
      if (!state.entries.has(key)) throw new PickleError(`csr_matrix state lacks '${key}'`, file);
      return state.entries.get(key) ?? null;
    };
    const format = state.entries.get('format');
    if (format !== undefined && expectText(format, 'csr_matrix format', file) !== 'csr') {
      throw new PickleError(`csr_matrix format must be 'csr'`, file);
    }
    const [rows, cols] = expectTuple(get('_shape'), 'csr_matrix _shape', file, 2).map((d) =>
      expectCount(d, 'csr_matrix dimension', file),
    ) as [number, number];
    const indptr = expectNdArray(get('indptr'), 'csr_matrix indptr', file).data;
    const indices = expectNdArray(get('indices'), 'csr_matrix indices', file).data;
    const data = expectNdArray(get('data'), 'csr_matrix data', file).data;
    if (indptr.length !== rows + 1) {
      throw new PickleError(`csr_matrix indptr has ${indptr.length} entries, shape [${rows}, ${cols}] needs ${rows + 1}`, file);
    }
    const nnz = indptr[rows]!;
    if (indptr[0] !== 0 || indices.length !== nnz || data.length !== nnz) {
      throw new PickleError(
        `csr_matrix is inconsistent: indptr spans ${indptr[0]}..${nnz}, ${indices.length} indices, ${data.length} values`,
        file,
      );
    }
    for (let r = 0; r < rows; r++) {
      if (indptr[r + 1]! < indptr[r]!) throw new PickleError(`csr_matrix indptr decreases at row ${r}`, file);
    }
    for (let k = 0; k < nnz; k++) {
      const c = indices[k]!;
      if (!(c >= 0 && c < cols && Number.isInteger(c))) {
        throw new PickleError(`csr_matrix column index ${c} is outside [0, ${cols})`, file);
      }
    }
    Object.assign(this, { rows, cols, indptr, indices, data, built: true });
  }
}
