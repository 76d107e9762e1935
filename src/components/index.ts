// Public API of flarekit/components (curated). Populated by the components work.
export {};
