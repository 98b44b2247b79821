import type en from '../en/workspace';

export default {
  title: 'workspace',
} satisfies typeof en;
