// Errors
export { PickleError, WeightsFormatError, type WeightsErrorPlace } from './errors.js';

// Host tensors and tfjs
export { checkHostTensor, sizeOf, type HostDType, type HostTensor } from './host_tensor.js';
export { toHostTensors, toTensor, toTensors } from './tfjs_tensors.js';

// PyTorch state dicts (.pt, PyTorch >= 1.6 zip format)
export { readTorchStateDict, type TorchReadOptions } from './torch/read_state_dict.js';
export { loadTorchStateDict } from './torch/load_state_dict.js';
export { TORCH_PICKLE_GLOBALS } from './torch/torch_globals.js';

// safetensors
export { readSafetensors, type SafetensorsContent, type SafetensorsReadOptions } from './safetensors/read_safetensors.js';
export { loadSafetensors } from './safetensors/load_safetensors.js';
export { writeSafetensors, type SafetensorsWriteOptions } from './safetensors/write_safetensors.js';

// The strict pickle reader
export * from './pickle/index.js';
