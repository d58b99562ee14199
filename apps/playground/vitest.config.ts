import { defineGnnProject } from '@gnnjs/vitest-config';

// The e2e test builds the page and drives Chromium: slow on a 2-core machine.
export default defineGnnProject({ name: 'playground', testTimeout: 300_000 });
