// The add-in's bench (bundle size, cost per custom-function call) as a section of `npm run bench`.
export { section } from '../addin.js';
