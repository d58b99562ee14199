import { BACKEND_FACTS, type BackendName } from '@gnnjs/core';

/** Core's facts about a backend the type system knows exists. */
export function factsOf<N extends BackendName>(name: N): Extract<(typeof BACKEND_FACTS)[number], { name: N }> {
  return BACKEND_FACTS.find((b): b is Extract<(typeof BACKEND_FACTS)[number], { name: N }> => b.name === name)!;
}
