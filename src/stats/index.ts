// Public API of flarekit/stats (curated). Populated by the stats work.
export {};
