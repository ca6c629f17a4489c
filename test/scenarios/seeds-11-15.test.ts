// The shipped scenarios on noise seeds 11–15 (test/scenarios/on-seeds.ts; the four files run in parallel).
import { shippedScenariosOnSeeds } from './on-seeds';

shippedScenariosOnSeeds([11, 12, 13, 14, 15]);
