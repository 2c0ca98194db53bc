import * as z from 'zod';
import { scorecardSchema, type Scorecard, type ScorecardJson } from '../scorecard.js';

/**
 * A scorecard as JSON or as parsed before: the JSON form is parsed; a parsed scorecard
 * (whose decimal rule values are Decimals, which the JSON form does not take) is turned
 * back into JSON and parsed again, so both are checked the same way.
 *
 * @throws `ZodError` of the JSON parse when the input is neither.
 */
export function readScorecard(input: Scorecard | ScorecardJson): Scorecard {
  const asJson = scorecardSchema.safeParse(input);
  if (asJson.success) return asJson.data;
  let encoded: ScorecardJson;
  try {
    encoded = z.encode(scorecardSchema, input as Scorecard);
  } catch {
    throw asJson.error;
  }
  const again = scorecardSchema.safeParse(encoded);
  if (again.success) return again.data;
  throw asJson.error;
}
