/** Types of the helpers webpack.config.js exports, for the tests and the dev server. */
import type { Configuration } from 'webpack';

/** The URL the manifest is written for; the dev server serves it, production builds replace it. */
export declare const DEV_URL: string;
/** Port of the dev server, taken from DEV_URL. */
export declare const DEV_PORT: number;
/** Reads ADDIN_URL into a base URL ending in `/`, or throws saying what is wrong with it. */
export declare function productionUrl(value: string | undefined): string;
/** Replaces every occurrence of the dev URL in the manifest with the production URL. */
export declare function rewriteManifest(xml: string, url: string): string;
/** The webpack configuration for a mode (`development` or `production`). */
declare function config(env?: Record<string, string | boolean>, argv?: { mode?: string }): Configuration;
export default config;
