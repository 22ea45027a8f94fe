/** `covgap coverage` (placeholder until core/coverage lands). */
export async function runCoverage(_argv: readonly string[]): Promise<number> {
  process.stderr.write('covgap coverage: not implemented yet\n');
  return 1;
}
