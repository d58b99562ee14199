// Filled in by the composite-kernel work: defineCompositeKernel for each GNN kernel.
export {};
