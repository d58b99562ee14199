/** Backends the CLI can select; `auto` takes the fastest that loads. */
export const BACKEND_NAMES = ['auto', 'cpu', 'wasm', 'webgpu', 'node', 'node-gpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
