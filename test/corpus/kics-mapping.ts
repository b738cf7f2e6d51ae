export interface Mapping {
  /** KICS query id (stable across renames). */
  kicsId: string;
  queryName: string;
  /** Our rules that cover the query; a positive line counts as found when any of them reports it. */
  rules: string[];
  /**
   * How far below KICS's line our finding may start: KICS reports some findings on the parent
   * key (`cap_add:`) where we report the offending item one line below. 0 = same line.
   */
  slack?: number;
  /** How far above KICS's line our finding may start (KICS reports a lone update on the later install). */
  above?: number;
  /** Only findings whose message matches count, for rules that cover several KICS queries (one per package manager). */
  only?: RegExp;
}
