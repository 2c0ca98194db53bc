// The field rules live in src/model/fieldRule.ts, shared with the customers area's
// scorecards; the engine reads them from here.
export { describeRule, fieldRuleHolds, readField } from '../../model/fieldRule.js';
