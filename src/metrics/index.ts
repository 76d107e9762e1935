// Public API of flarekit/metrics (curated). Populated by the metrics work.
export {};
