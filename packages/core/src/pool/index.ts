export { globalAddPool, globalMeanPool, globalMaxPool } from './global_pool.js';
