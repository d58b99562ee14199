export { setBackend, getBackend, availableBackends } from './select_backend.js';
export {
  BACKEND_FACTS,
  backendFacts,
  backendInstallHint,
  backendEnvironments,
  backendUnavailableHere,
  currentEnvironment,
  type BackendName,
  type BackendFacts,
  type BackendEnvironment,
} from './backend_facts.js';
export {
  registerBackendAlias,
  findBackendAlias,
  backendAliases,
  type BackendAlias,
  type BackendAliasOptions,
} from './backend_registry.js';
export { wrapBackendFactory, type BackendFactory } from './wrap_backend_factory.js';
