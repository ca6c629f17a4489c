// The shipped scenarios on noise seeds 6–10 (test/scenarios/on-seeds.ts; the four files run in parallel).
import { shippedScenariosOnSeeds } from './on-seeds';

shippedScenariosOnSeeds([6, 7, 8, 9, 10]);
