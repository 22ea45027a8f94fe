/**
 * The wire contract of the HTTP API: every JSON answer's schema and type, in one place, imported by
 * the server (routes return them with `satisfies`, the OpenAPI document lists the schemas) and by
 * the web client (client/api/ reads them). How a schema is written: ./schema.ts.
 *
 * @example
 * import type { PointAnswer } from '../../core/wire';
 * const answer = (await res.json()) as PointAnswer;
 */
import { LoggedIn, Me, User, UserList } from './auth';
import { Comparison } from './compare';
import { DatasetList, DatasetVersion, ImportProblem, ImportReport } from './datasets';
import { CoverageLegend, CoverageStatus, PointAnswer, PreviewAnswer, ProfileAnswer } from './coverage';
import { PlanDoc, PlanList, PlanStarted } from './plans';
import { ScenarioDoc, ScenarioList } from './scenarios';
import { Health, Stats } from './stats';
import type { WireSchema } from './schema';

export * from './auth';
export * from './compare';
export * from './coverage';
export * from './datasets';
export * from './features';
export * from './plans';
export * from './scenarios';
export * from './stats';
export type { Wire, WireSchema } from './schema';

/**
 * The schemas by the name the OpenAPI document gives them (`#/components/schemas/NAME`); the
 * contract test validates each operation's real answers against them.
 */
export const WIRE_SCHEMAS = {
  CoverageStatus,
  CoverageLegend,
  CoveragePoint: PointAnswer,
  CoveragePreview: PreviewAnswer,
  Profile: ProfileAnswer,
  Plan: PlanDoc,
  PlanStarted,
  PlanList,
  Stats,
  Health,
  Comparison,
  ImportReport,
  ImportProblem,
  DatasetVersion,
  DatasetList,
  Me,
  LoggedIn,
  User,
  UserList,
  Scenario: ScenarioDoc,
  ScenarioList,
} as const satisfies Record<string, WireSchema>;

export type WireSchemaName = keyof typeof WIRE_SCHEMAS;
