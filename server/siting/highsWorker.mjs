// The HiGHS worker thread: solves one CPLEX LP-format model per message with HiGHS (npm `highs`,
// WebAssembly) and posts the outcome back. HiGHS's solve is synchronous, so it runs here, off the
// event loop; `time_limit` stops it, and the parent terminates this thread if it overruns.
// Plain JavaScript: it needs nothing of the TypeScript sources, so it starts without a loader.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

const highs = await loadHighs();
// HiGHS's model status codes (highs.constants.modelStatus) in the words of core's LpSolution
const OPTIMAL = 7;
const INFEASIBLE = 8;
const LIMITS = new Set([11, 12, 13, 14, 16, 17]);

parentPort.on('message', ({ id, text, stationVars, integer, timeLimitS }) => {
  const t0 = performance.now();
  let model;
  try {
    model = highs.createModel({ format: 'lp', data: text });
    // exact optimum: the default relative gap (1e-4) would call a near-optimal plan optimal
    model.options.set({ time_limit: Math.max(0.01, timeLimitS), output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });
    model.run();
    const code = model.getModelStatus();
    const status = code === OPTIMAL ? 'optimal' : code === INFEASIBLE ? 'infeasible' : LIMITS.has(code) ? 'limit' : 'failed';
    const haveSolution = Number(model.info.get('primal_solution_status')) === 2;
    let values = null;
    let objective = null;
    if (haveSolution) {
      const { colValue } = model.getSolution();
      values = new Float64Array(stationVars.length);
      for (let j = 0; j < stationVars.length; j++) {
        // a station in no row and no objective term is not in the model: it stays at 0
        let col = -1;
        try {
          col = model.getColByName(stationVars[j]);
        } catch {
          col = -1;
        }
        values[j] = col >= 0 ? colValue[col] : 0;
      }
      objective = model.getObjectiveValue();
    }
    let dualBound = null;
    if (integer) {
      const b = Number(model.info.get('mip_dual_bound'));
      if (Number.isFinite(b)) dualBound = b;
    } else if (status === 'optimal') dualBound = objective;
    const detail = status === 'optimal' ? 'optimal' : status === 'limit' ? `stopped by its time limit of ${timeLimitS.toFixed(1)} s` : `HiGHS model status ${code}`;
    parentPort.postMessage({ id, status, objective, dualBound, values, detail, seconds: (performance.now() - t0) / 1000 });
  } catch (err) {
    parentPort.postMessage({ id, status: 'failed', objective: null, dualBound: null, values: null, detail: `HiGHS failed: ${err?.message ?? String(err)}`, seconds: (performance.now() - t0) / 1000 });
  } finally {
    model?.dispose();
  }
});
