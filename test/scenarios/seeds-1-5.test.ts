// The shipped scenarios on noise seeds 1–5 (test/scenarios/on-seeds.ts; the four files run in parallel).
import { shippedScenariosOnSeeds } from './on-seeds';

shippedScenariosOnSeeds([1, 2, 3, 4, 5]);
