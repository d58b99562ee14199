export { Graph, type GraphInit, type GraphOptions, type GraphArrays, type GraphTensorField } from './graph.js';
export type { CSR } from './csr.js';
export { Batch } from './batch.js';
