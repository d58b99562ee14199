export { adamStep, type AdamStepTensors } from './adam_step.js';
export { AdamStep, adamStepScalars, type AdamStepAttrs, type AdamStepInputs, type AdamStepScalars } from './adam_step_kernel.js';
