/**
 * Siting: which candidate stations to build, in what order, and how close the plan is to the
 * best possible. See planSiting.ts for the pipeline.
 */
export { planSiting } from './planSiting';
export { DEFAULT_SITING_OPTIONS, type SitingOptions } from './options';
export { prepareInstance, type PreparedInstance } from './prepare';
export { lazyGreedy, type GreedyLimits } from './lazyGreedy';
export { swapImprove, type SwapResult } from './swapImprove';
export { pruneCover, type PruneResult } from './pruneCover';
export { lagrangianBound, type LagrangianOptions } from './lagrangianBound';
export { cheapBound, type CheapBound } from './cheapBound';
export { buildLpModel } from './buildLpModel';
export { MaxHeap } from './maxHeap';
export type { LpModel, LpSolution, LpSolver, SitingCandidate, SitingGoal, SitingInstance, SitingResult } from './types';
