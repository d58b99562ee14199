// Writers of test files for readers of Python-made formats (browser-safe).
export { pickleAdjacency, pickleCsrMatrix, pickleNdArray, oneHot, type NumpyCode } from './pickle_writer.js';
export { writeStoredZip, type StoredZipOptions } from './zip_writer.js';
