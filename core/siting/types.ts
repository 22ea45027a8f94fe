/**
 * The siting problem in the abstract: villages with a weight (people, or 1 each), and candidate
 * stations, each with a cost and the villages it would serve. The optimisers know nothing of
 * terrain, radio or money: whoever builds the instance (the coverage engine, or an operator's
 * own matrix through `covgap plan`) decides what "serves" and "cost" mean.
 */

/** One candidate station: an id, what building it costs, and the villages it serves. */
export interface SitingCandidate {
  /** Caller's id, returned in `chosen`. */
  id: string;
  /** Cost of building it, ≥ 0, in the caller's currency (or 1 each to count stations). */
  cost: number;
  /** Indices into `SitingInstance.weights` of the villages it serves (duplicates are ignored). */
  serves: Int32Array;
}

export interface SitingInstance {
  /** Weight of each village (people, or 1 for "villages"), finite and ≥ 0; index = village index. */
  weights: ArrayLike<number>;
  /** Village ids, parallel to `weights`, used in `unreachable`; default: the index as text. */
  villageIds?: readonly string[];
  candidates: readonly SitingCandidate[];
}

/**
 * What to optimise: the most weight served with at most `k` stations, or with a total cost of at
 * most `budget`; or the least cost that serves every village some candidate reaches.
 */
export type SitingGoal = { kind: 'k'; k: number } | { kind: 'budget'; budget: number } | { kind: 'coverAll' };

/**
 * A linear or integer program in CPLEX LP text, built by core for an external solver (HiGHS),
 * with the names of the station variables in candidate order.
 */
export interface LpModel {
  /** The model in CPLEX LP format. */
  text: string;
  /** `x` variable name of each candidate (index = candidate index). */
  stationVars: readonly string[];
  /** 'max' for k and budget, 'min' for coverAll. */
  sense: 'max' | 'min';
  /** Whether the station variables are binary (the exact program) or in [0, 1] (the relaxation). */
  integer: boolean;
}

/** What an external solver reports for an `LpModel`. */
export interface LpSolution {
  /**
   * 'optimal': proven optimum (for a MIP: within the solver's gap tolerance, which we set to 0);
   * 'limit': a time or node limit stopped it, `values` may hold an incumbent; 'infeasible';
   * 'failed': the solver failed or was killed, nothing usable.
   */
  status: 'optimal' | 'limit' | 'infeasible' | 'failed';
  /** Objective of `values`, when there is a solution. */
  objective: number | null;
  /** Proven bound on the optimum (upper for max, lower for min), when the solver gives one. */
  dualBound: number | null;
  /** Value of each station variable in `stationVars` order, when there is a solution. */
  values: Float64Array | null;
  /** Solver's own wording of the outcome, for the method text. */
  detail: string;
  /** Wall time the solver took, s. */
  seconds: number;
}

/** An external LP/MIP solver, given a model and a time limit in seconds. */
export type LpSolver = (model: LpModel, timeLimitS: number) => Promise<LpSolution>;

/** The plan an optimiser returns. */
export interface SitingResult {
  /** Candidate ids in build order: the first j of them are the plan for j stations. */
  chosen: string[];
  /** Candidate indices, parallel to `chosen`. */
  chosenIndex: number[];
  /** Weight served after each step of the build order (cumulative). */
  servedAfter: number[];
  /** Cost after each step of the build order (cumulative). */
  costAfter: number[];
  /** Weight served by the plan. */
  objective: number;
  /** Total cost of the plan. */
  cost: number;
  /**
   * Proven bound on the optimum: upper bound on the weight served (k, budget), lower bound on the
   * cost (coverAll).
   */
  bound: number;
  /** Which bound `bound` is (e.g. "LP relaxation", "ILP dual bound", "marginal-gain bound"). */
  boundKind: string;
  /** Relative gap: (bound − objective)/bound for k and budget, (cost − bound)/cost for coverAll. */
  gap: number;
  /** Whether the plan is proven optimal (gap 0). */
  optimal: boolean;
  /** How the plan and the bound were found. */
  method: string;
  /** Wall time of the whole optimisation, s. */
  seconds: number;
  /** Villages with weight that no candidate serves: ids (see `SitingInstance.villageIds`). */
  unreachable: string[];
}
