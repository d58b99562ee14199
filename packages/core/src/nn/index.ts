export { Module, type LoadStateDictOptions, type LoadStateDictResult } from './module.js';
export { StateDictError } from './state_dict_error.js';
export {
  MessagePassing,
  type Aggregation,
  type MessagePassingOptions,
  type PropagateOptions,
} from './message_passing.js';
export { MessageContext, type Flow, type NodeTensor, type PropagateInputs } from './message_context.js';
