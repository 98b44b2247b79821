export default {
  title: 'workspace',
};
