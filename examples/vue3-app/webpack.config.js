// `node ../build.mjs` (npm run build) calls this with its options; see ../webpack-config.cjs.
const { exampleConfig } = require('../webpack-config.cjs');

module.exports = (options = {}) => exampleConfig(__dirname, options);
