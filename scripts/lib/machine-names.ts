// The machines by the names the command line uses.
import { airlock, bayDoor, bayEnvironment, battleDeck, type MachineDefinition } from '../../firmware';

export const machinesByName: { readonly [name: string]: MachineDefinition } = {
  'bay-door': bayDoor as unknown as MachineDefinition,
  'airlock': airlock as unknown as MachineDefinition,
  'bay-environment': bayEnvironment as unknown as MachineDefinition,
  'battle-deck': battleDeck as unknown as MachineDefinition,
};

/** Accepts `bay-door`, `bayDoor` and `bay door` alike. */
export function findMachine(name: string): MachineDefinition | undefined {
  const key = name.trim().replace(/([a-z])([A-Z])/g, '$1-$2').replace(/[\s_]+/g, '-').toLowerCase();
  return machinesByName[key];
}
