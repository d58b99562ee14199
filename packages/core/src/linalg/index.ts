export { canonicalSigns, DENSE_EIGEN_LIMIT, symmetricEigen, type SymmetricEigen } from './symmetric_eigen.js';
export { lowestEigenpairs, type Eigenpairs, type LowestEigenpairsOptions, type SymmetricOperator } from './lowest_eigenpairs.js';
