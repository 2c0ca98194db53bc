// Public exports of the planning area; re-exported by src/index.ts.
export {
  balanceTerritories,
  type BalanceTerritoriesOptions,
  type TerritoryAssignment,
  type TerritoryLoad,
  type TerritoryMove,
  type TerritoryObjective,
  type TerritoryPlan,
  type TerritoryRep,
  type TerritorySearchReport,
  type TerritoryShare,
  type TerritoryUnit,
} from './balanceTerritories.js';
