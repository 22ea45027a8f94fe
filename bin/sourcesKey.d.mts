/** A key of the files' paths, sizes and modification times; null when one is missing (bin/sourcesKey.mjs). */
export function sourcesKey(paths: readonly string[]): string | null;
