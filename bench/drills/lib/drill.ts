import type { DrillDatabases } from './databases.js';

export interface Check {
  label: string;
  met: boolean;
  detail: string;
}

export interface DrillResult {
  name: string;
  /** What the drill measured, for the table and the JSON. */
  metrics: Record<string, number | string>;
  /** Each assertion, met or not. */
  checks: Check[];
}

export interface DrillContext {
  /** Fresh migrated databases on a PostgreSQL the drills never restart. */
  databases: DrillDatabases;
  /** Where each process writes its logs (one file per drill and process). */
  logDir: string;
}

export type Drill = (ctx: DrillContext) => Promise<DrillResult>;

export const check = (label: string, met: boolean, detail: string): Check => ({ label, met, detail });
