/** Budget of the minified functions bundle, catalog included (functions.js alone is what a functions-only runtime loads). */
export const FUNCTIONS_BUDGET = 300 * 1024;

/** Budget of all the JavaScript the shared-runtime page loads inside Excel: the functions and the task pane together. */
export const EXCEL_PAGE_BUDGET = 350 * 1024;
