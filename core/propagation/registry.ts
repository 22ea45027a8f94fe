/**
 * The string-keyed registry of path-loss models: one module per model, each exporting one
 * `PathLossModel` object. Drivers pick a model by id (from a scenario, an API query, a seed
 * option) and call `predict(id, input, options)`.
 *
 * To add a model: write `./mymodel.ts` exporting the model object, import it below, add its
 * id to `ModelId` and its entry to `MODELS`.
 */
import { InputError } from '../errors';
import { cost231 } from './cost231';
import { fspl } from './fspl';
import { hata } from './hata';
import { p526 } from './p526';
import type { PathLossInput, PathLossModel, PathLossResult } from './types';
import { itm } from './itm';

/** Ids of the registered models. */
export type ModelId = 'fspl' | 'hata' | 'cost231' | 'p526' | 'itm';

/** Every registered model by id. */
export const MODELS = {
  fspl,
  hata,
  cost231,
  p526,
  itm,
} satisfies Record<ModelId, PathLossModel>;

/** The registered ids, in registry order. */
export const MODEL_IDS = Object.keys(MODELS) as ModelId[];

/** True when `id` names a registered model. */
export function isModelId(id: string): id is ModelId {
  return Object.prototype.hasOwnProperty.call(MODELS, id);
}

/**
 * The model registered under `id`; an unknown id throws an `InputError` listing the known ones.
 *
 * @example
 * getModel('hata').validity.freqMHz // { min: 150, max: 1500 }
 */
export function getModel(id: string): PathLossModel {
  if (typeof id !== 'string' || !isModelId(id)) {
    throw new InputError(`unknown path-loss model ${JSON.stringify(id)}; known models: ${MODEL_IDS.join(', ')}`, 'model');
  }
  return MODELS[id] as PathLossModel;
}

/**
 * Predict the basic transmission loss with the model registered under `modelId`.
 * Impossible input throws an `InputError`; input outside the model's validity range gives
 * `warnings`.
 *
 * @example
 * predict('fspl', { freqMHz: 900, txHeightM: 30, rxHeightM: 1.5, distanceM: 1000 }) // { lossDb: 91.53, warnings: [] }
 */
export function predict(modelId: string, input: PathLossInput, options?: object): PathLossResult {
  return getModel(modelId).predict(input, options);
}
