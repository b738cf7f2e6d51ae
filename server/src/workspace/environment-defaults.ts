// Config the environment supplies beneath every .shipshape.yaml (a file config still wins).
import type { PartialConfig } from '../engine';

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org) pins the day eol-base-image judges against, so a CI
 * job that sets it for a reproducible build gets the same verdict on every rerun instead of a
 * build that starts failing by itself on the day a release line ends.
 */
export function environmentDefaults(env: NodeJS.ProcessEnv): PartialConfig {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (!epoch || !/^\d{1,12}$/.test(epoch)) return {};
  const day = new Date(Number(epoch) * 1000);
  return Number.isNaN(day.getTime()) ? {} : { eolReferenceDate: day.toISOString().slice(0, 10) };
}
