// The shape of an Apache Arrow table as dealColumnsFromArrow reads it: what
// apache-arrow's `Table`, `Vector` and `Data` have, typed structurally so that the
// library does not depend on apache-arrow.

/**
 * The type of an Arrow column, as apache-arrow's `DataType` has it: `typeId` numbers
 * the Arrow format's types as apache-arrow's `Type` enum does (2 Int, 3 Float, 5 Utf8,
 * 7 Decimal, 8 Date, 10 Timestamp, 20 LargeUtf8, −1 Dictionary).
 */
export interface ArrowTypeLike {
  /** The type's id (apache-arrow's `Type`). */
  readonly typeId: number;
  /** A Timestamp's unit (0 s, 1 ms, 2 µs, 3 ns) or a Date's (0 day, 1 ms). */
  readonly unit?: number;
  /** A Decimal's digits after the point. */
  readonly scale?: number;
  /** A Decimal's (or an Int's) width in bits. */
  readonly bitWidth?: number;
  /** A Dictionary's value type. */
  readonly dictionary?: ArrowTypeLike;
}

/** One chunk of an Arrow column, as apache-arrow's `Data` has it (read for dictionary keys and null bitmaps). */
export interface ArrowDataLike {
  /** The chunk's first row in its buffers (the null bitmap is read from there). */
  readonly offset: number;
  /** Its number of rows. */
  readonly length: number;
  /** Its number of nulls. */
  readonly nullCount: number;
  /** Its validity bits (1 = not null), from bit `offset`; absent when it has no nulls. */
  readonly nullBitmap?: Uint8Array | null;
  /** Its values: for a dictionary column, the keys of its rows. */
  readonly values?: unknown;
  /** A dictionary column's dictionary. */
  readonly dictionary?: ArrowVectorLike | null;
}

/** An Arrow column, as apache-arrow's `Vector` has it. */
export interface ArrowVectorLike {
  /** Its number of rows. */
  readonly length: number;
  /** Its number of nulls. */
  readonly nullCount: number;
  /** Its type. */
  readonly type: ArrowTypeLike;
  /**
   * Row `index`'s value (null for null).
   *
   * @param index - The row.
   */
  get(index: number): unknown;
  /** Every row's value in bulk: a typed array for numbers and timestamps, an array of strings for text. */
  toArray(): ArrayLike<unknown>;
  /** Its chunks. */
  readonly data?: readonly ArrowDataLike[];
}

/**
 * An Apache Arrow table as {@link dealColumnsFromArrow} reads it: apache-arrow's `Table`
 * (from `tableFromIPC`, `tableFromArrays`, a DuckDB or Parquet export) fits as it is,
 * and so does any object with these members.
 */
export interface ArrowTableLike {
  /** Its number of rows. */
  readonly numRows: number;
  /**
   * The column of that name, or null when there is none.
   *
   * @param name - The column's name.
   */
  getChild(name: string): ArrowVectorLike | null;
}
