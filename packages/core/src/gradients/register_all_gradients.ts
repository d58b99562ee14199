// Filled in by the gradients work: one registerGradient per GNN kernel.
export {};
