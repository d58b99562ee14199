import type { BACKEND_FACTS } from '@gnnjs/core';

type Facts = (typeof BACKEND_FACTS)[number];

/** The backends core's table says run in a browser. */
export type BrowserBackendName = Extract<Facts, { install: { browser: string } }>['name'];

/** The backends core's table says run in Node.js. */
export type NodeBackendName = Extract<Facts, { install: { node: string } }>['name'];
