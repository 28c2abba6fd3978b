import type { ESLint } from 'eslint';

/** Types for eslint.layers.js, so the test of the layer rule can load it. */
export interface Layer {
  name: string;
  paths: string[];
  may: string[];
}
export declare const LAYERS: Layer[];
export declare const layersPlugin: ESLint.Plugin;
