/**
 * Options of the siting optimisers: one frozen object of defaults, each with its reason. Pass a
 * partial object to `planSiting`; the rest comes from here.
 */
export interface SitingOptions {
  /** Local-search passes after the greedy (each pass makes the best improving 1-swap). */
  maxSwapPasses: number;
  /** Compute the Lagrangian bound (no solver; about the LP bound, in a fraction of its time). */
  lagrangian: boolean;
  /** Solve the LP relaxation for a bound (needs a solver). */
  lpBound: boolean;
  /** Solve the integer program (needs a solver) when the heuristic is not already proven optimal. */
  exact: boolean;
  /** Time limit of the whole solver work (LP, then the integer program), s. */
  timeLimitS: number;
  /**
   * The LP relaxation is skipped (the cheap bounds stand) when the matrix has more nonzeros than
   * this: the relaxation's time grows faster than the greedy's.
   */
  lpMaxNonzeros: number;
}

export const DEFAULT_SITING_OPTIONS: Readonly<SitingOptions> = Object.freeze({
  // best-improvement passes are O(nonzeros + k·candidates); 1-swap local optima come within a few dozen
  maxSwapPasses: 200,
  // 5,000 villages × 2,000 candidates: ~0.3 s against 3–6 s for HiGHS's LP (bench/siting.bench.ts)
  lagrangian: true,
  // the LP bound is what makes "how good is this plan" an answer rather than a guess
  lpBound: true,
  // HiGHS closes most demo-sized instances to optimality in seconds
  exact: true,
  // the bar for the exact solve on the demo
  timeLimitS: 60,
  // the LP of 5,000 × 2,000 (62k nonzeros) takes HiGHS 3–6 s here; past ~2M it would take minutes
  lpMaxNonzeros: 2_000_000,
});
