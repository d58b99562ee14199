import { defineGnnProject } from '@gnnjs/vitest-config';

export default defineGnnProject({ name: '@gnnjs/sampling' });
