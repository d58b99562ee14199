export { default } from '@gnnjs/eslint-config';
