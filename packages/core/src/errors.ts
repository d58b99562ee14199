/**
 * Typed errors of GNN.js. Each names the offending argument so that a user can
 * fix the call without reading tfjs internals.
 */

/** Base class of every error GNN.js throws on purpose. */
export class GnnError extends Error {
  override readonly name: string = 'GnnError';
}

/** A graph's structure or features are invalid (indices, shapes, NaN, ...). */
export class GraphValidationError extends GnnError {
  override readonly name: string = 'GraphValidationError';
  /** The field or argument at fault, e.g. `edgeIndex`, `x`, `numNodes`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** A tensor argument has the wrong rank, shape or dtype. */
export class ShapeError extends GnnError {
  override readonly name: string = 'ShapeError';
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.argument = argument;
  }
}

/** A requested backend is unknown or cannot load on this machine. */
export class BackendUnavailableError extends GnnError {
  override readonly name: string = 'BackendUnavailableError';
  readonly backend: string;
  /** Why it is not available (`message` has it, with the backend and the hint). */
  readonly reason: string;
  /** What to install or configure to make the backend available. */
  readonly hint: string;
  constructor(backend: string, reason: string, hint: string) {
    super(`backend '${backend}' is not available: ${reason}. ${hint}`);
    this.backend = backend;
    this.reason = reason;
    this.hint = hint;
  }
}

/**
 * A module or tensor was used after `dispose()` freed it: a module's
 * parameters, or an input such as the features or edge index of a disposed
 * graph. `subject` names it (`GATConv parameter 'att_src'`, `GCN.forward
 * argument 2`).
 */
export class DisposedError extends GnnError {
  override readonly name: string = 'DisposedError';
  /** The module parameter or argument that was disposed. */
  readonly subject: string;
  constructor(subject: string, message: string) {
    super(`${subject}: ${message}`);
    this.subject = subject;
  }
}
