export { setBackend, getBackend, availableBackends } from './select_backend.js';
export {
  registerBackendAlias,
  findBackendAlias,
  backendAliases,
  type BackendName,
  type BackendAlias,
  type BackendAliasOptions,
} from './backend_registry.js';
