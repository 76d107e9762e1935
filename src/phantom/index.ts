// Public API of the built-in phantom (curated; re-exported from the root entry).
export { makePhantom, PHANTOM_HU } from "./make-phantom.ts";
export type { Phantom, PhantomOptions } from "./make-phantom.ts";
export { perturbLabels } from "./perturb-labels.ts";
export type { PerturbLabelsOptions } from "./perturb-labels.ts";
