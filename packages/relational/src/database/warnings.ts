/** Things the loader did on the user's behalf that change the data, reported rather than printed. */
export interface RelationalWarning {
  /**
   * `missing-foreign-key`: edges dropped because their parent row does not exist (`onMissingForeignKey: 'drop'`).
   * `duplicate-rows`: exact duplicate rows dropped (`deduplicate: true`).
   * `unseen-class`: multiclass labels of later splits absent from the training rows (their label is -1).
   */
  kind: 'missing-foreign-key' | 'duplicate-rows' | 'unseen-class';
  table: string;
  /** The column at fault; '' for whole rows. */
  column: string;
  count: number;
  message: string;
}
