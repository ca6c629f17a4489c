// The shipped scenarios on noise seeds 16–20 (test/scenarios/on-seeds.ts; the four files run in parallel).
import { shippedScenariosOnSeeds } from './on-seeds';

shippedScenariosOnSeeds([16, 17, 18, 19, 20]);
