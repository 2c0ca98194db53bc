import { describe, expect, it } from 'vitest';
import { parseOpportunity } from '../../src/model/opportunity.js';
import { opportunityVersion } from '../../src/model/opportunityVersion.js';
import { opportunityJson } from '../fixtures/pipelineJson.js';

describe('seq, client ids and the version', () => {
  it('the version is the ledger’s length and the last seq', () => {
    const o = parseOpportunity(opportunityJson);
    expect(opportunityVersion(o)).toBe(3);
    expect(o.history.at(-1)?.seq).toBe(opportunityVersion(o));
    expect(opportunityVersion(parseOpportunity({ ...opportunityJson, completedTasks: {}, history: [] }, { allowEmptyHistory: true }))).toBe(0);
  });
});
