// Types of the generated module next to this file (see scripts/vendor-tfjs-gradients.mjs).

/** tfjs-core's chained tensor methods by name (`mul`, `slice`, ...), as its register_all_chained_ops.js defines them. */
export declare const chainedOps: Readonly<Record<string, (...args: never[]) => unknown>>;
