// The four launch-bay machines.
export { airlock, type AirlockGoal } from './airlock';
export { bayDoor } from './bay-door';
export { bayEnvironment } from './bay-environment';
export { battleDeck, deckRequirements } from './battle-deck';
