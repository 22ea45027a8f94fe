/** A key of the files' paths, sizes and modification times; null when one is missing (server/bundleCache.mjs). */
export function sourcesKey(paths: readonly string[]): string | null;
/** The bundle a manifest records, when built with the same settings and its sources unchanged; else null. */
export function recordedBundle(manifestPath: string, expect: Readonly<Record<string, unknown>>): string | null;
/** Records a bundle just built (not when a source changed during the build); whether it was recorded. */
export function recordBundle(manifestPath: string, settings: Readonly<Record<string, unknown>>, inputs: readonly string[], file: string, startedMs: number): boolean;
/** Removes the bundles in `dir` named `prefix…suffix` older than an hour, but `keep`. */
export function pruneBundles(dir: string, prefix: string, suffix: string, keep: string): void;
/** A name part no other process or build uses: the process id and the time. */
export function bundleTag(): string;
