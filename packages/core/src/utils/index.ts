export { removeSelfLoops, type EdgeIndexWithAttr } from './remove_self_loops.js';
export { addSelfLoops, type SelfLoopOptions } from './add_self_loops.js';
export { addRemainingSelfLoops } from './add_remaining_self_loops.js';
export type { SelfLoopFill, SelfLoopReduce } from './loop_attr.js';
export { degree } from './degree.js';
export { gcnNorm, type GcnNormOptions, type MessageFlow } from './gcn_norm.js';
