import type en from '../en/admin';

export default {
  title: 'admin',
} satisfies typeof en;
