/** Kernel inputs as the engine hands them over: every declared input present. */
export type Supplied<T> = { [K in keyof T]: Exclude<T[K], undefined> };
