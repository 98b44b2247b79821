export default {
  title: 'admin',
};
