/**
 * Webpack build of the Excel add-in: the custom functions bundle (with its generated functions.json), the task
 * pane page that also hosts the functions in the shared runtime, and the manifest and icons.
 *
 * The page loads functions.js and taskpane.<hash>.js. functions.js stands alone (webpack's runtime, the core and the
 * catalog); the task pane entry depends on it, so its chunks reuse those modules instead of carrying a second copy.
 *
 * Every file but functions.js and file-worker.js carries a content hash in its name, and the page loads those two with
 * the build's hash as a query, so a browser or proxy cache never mixes the chunks of two deployments. functions.js keeps
 * its name because the manifest names it (Functions.Script.Url); file-worker.js (the standalone page's Web Worker)
 * because the page starts it by name.
 *
 * `webpack --mode production` writes dist/; `ADDIN_URL=https://host/path/` sets where dist/ will be served
 * (every `https://localhost:3000/` in the manifest is replaced by it).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import CustomFunctionsMetadataPlugin from 'custom-functions-metadata-plugin';

const root = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Minifiers of the production build: terser for the functions bundle (the smallest output, and it has a size budget),
 * esbuild for the task pane chunks, since terser takes minutes over SheetJS on a busy machine. Without esbuild, terser
 * does everything.
 */
function minimizers() {
  // The minimizer plugin webpack itself depends on, resolved from webpack's own location.
  const MinimizerPlugin = createRequire(require.resolve('webpack/package.json'))('minimizer-webpack-plugin');
  let esbuild = true;
  try {
    require.resolve('esbuild');
  } catch {
    esbuild = false;
  }
  if (!esbuild) return [new MinimizerPlugin()];
  return [
    new MinimizerPlugin({ include: /^functions\.js$/ }),
    new MinimizerPlugin({ exclude: /^functions\.js$/, minify: MinimizerPlugin.esbuildMinify, minimizerOptions: { target: 'es2020' } }),
  ];
}

// Scripts named by others, so without a content hash in their names: the manifest names functions.js, the page
// names file-worker.js (each loaded with the build's hash as a query).
const FIXED_NAMES = new Set(['functions', 'file-worker']);

/** The URL the manifest is written for; the dev server serves it, production builds replace it. */
export const DEV_URL = 'https://localhost:3000/';

/** Port of the dev server, taken from DEV_URL. */
export const DEV_PORT = 3000;

/** Reads ADDIN_URL into a base URL ending in `/`, or explains what is wrong with it. */
export function productionUrl(value) {
  if (value === undefined || value === '') return DEV_URL;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`ADDIN_URL must be an absolute https URL such as https://addin.example.org/lmc/, not '${value}'`);
  }
  if (url.protocol !== 'https:') {
    throw new Error(`ADDIN_URL must use https (Office loads add-ins only over https), not '${value}'`);
  }
  if (url.search || url.hash) {
    throw new Error(`ADDIN_URL must not carry a query or fragment: '${value}'`);
  }
  const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return base;
}

/** Escapes text for an XML attribute or element. */
function xmlEscape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Replaces every occurrence of the dev URL in the manifest with the production URL. */
export function rewriteManifest(xml, url) {
  return url === DEV_URL ? xml : xml.split(DEV_URL).join(xmlEscape(url));
}

export default (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  // The dev server passes the URL it really serves (another port, or http as its last resort).
  const url = dev ? (typeof env.devUrl === 'string' ? env.devUrl : DEV_URL) : productionUrl(process.env.ADDIN_URL);
  if (!dev && url === DEV_URL) {
    console.warn(`ADDIN_URL is not set: the production manifest keeps ${DEV_URL}`);
  }
  const outDir = env.outDir ? path.resolve(env.outDir) : path.join(root, 'dist');
  const functionsEntry = path.join(root, 'functions', 'functions.ts');
  const taskpaneDir = path.join(root, 'taskpane');

  return {
    context: root,
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    target: ['web', 'es2020'],
    entry: {
      functions: functionsEntry,
      taskpane: { import: path.join(taskpaneDir, 'taskpane.ts'), dependOn: 'functions' },
      // The standalone page's Web Worker: an entry of its own (a worker shares no modules with the page), loading any
      // chunk with importScripts. The page starts it by name; `new URL(…, import.meta.url)` would put a base-URL
      // lookup into the runtime in functions.js, which fails where Excel runs functions.js without a document.
      'file-worker': { import: path.join(taskpaneDir, 'standalone', 'file-worker.ts'), chunkLoading: 'import-scripts' },
    },
    output: {
      path: outDir,
      filename: (pathData) => (FIXED_NAMES.has(pathData.chunk?.name ?? '') ? '[name].js' : '[name].[contenthash].js'),
      chunkFilename: '[id].[contenthash].js',
      // Chunks sit beside taskpane.html; a fixed relative path spares functions.js the script-URL lookup of 'auto',
      // which fails where functions.js runs without a document.
      publicPath: '',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // Sources use NodeNext-style `./x.js` specifiers for `./x.ts` files.
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: path.join(root, 'tsconfig.json'),
              compilerOptions: { noEmit: false, module: 'ESNext', moduleResolution: 'Bundler', target: 'ES2020', sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      // Generates functions.json from the JSDoc and appends the CustomFunctions.associate calls.
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: functionsEntry }),
      // The task pane page is the shared runtime: it loads the functions bundle too.
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: path.join(taskpaneDir, 'taskpane.html'),
        chunks: ['taskpane', 'functions'],
        // functions.js?<build hash>: the one script without a hash in its name is not taken from an older deployment.
        hash: true,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => rewriteManifest(content.toString('utf8'), url),
          },
        ],
      }),
    ],
    optimization: dev ? {} : { minimizer: minimizers() },
    performance: { hints: false },
    devServer: {
      port: DEV_PORT,
      headers: { 'Access-Control-Allow-Origin': '*' },
      // The root opens the task pane page, which also works outside Excel as the standalone validator.
      devMiddleware: { index: 'taskpane.html' },
      static: false,
      hot: false,
      liveReload: false,
      client: false,
    },
  };
};
