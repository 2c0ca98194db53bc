// The fields of a deal as of an instant: the model's one replay (see `opportunityAsOf`),
// whose amount and close-date rules the hot loops of the analytics read directly.
export { amountAt, closeDateAt } from '../../model/opportunityAsOf.js';
