import { GnnError } from '../errors.js';

/**
 * A state dict does not match a module: keys missing or unexpected in strict
 * `loadStateDict`, or a parameter name that cannot be registered.
 */
export class StateDictError extends GnnError {
  override readonly name: string = 'StateDictError';
  /** Module parameters the dict lacks. */
  readonly missingKeys: readonly string[];
  /** Dict entries the module lacks. */
  readonly unexpectedKeys: readonly string[];
  constructor(missingKeys: readonly string[], unexpectedKeys: readonly string[], message?: string) {
    super(
      message ??
        [
          missingKeys.length > 0 ? `missing keys: ${missingKeys.join(', ')}` : '',
          unexpectedKeys.length > 0 ? `unexpected keys: ${unexpectedKeys.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
    );
    this.missingKeys = missingKeys;
    this.unexpectedKeys = unexpectedKeys;
  }
}
