import type { Simulator } from '../simulator/server';
import { startSimulator } from '../simulator/server';

/**
 * One simulator for a test file, on a free port, started before its tests, reset to the seeded
 * sessions before each test and closed after. The returned object stands for it from then on.
 */
export function useSimulator(): Simulator {
	let current: Simulator | undefined;
	beforeAll(async () => {
		current = await startSimulator({ port: 0 });
	});
	afterAll(async () => {
		await current?.close();
	});
	beforeEach(() => {
		current?.reset();
	});
	return new Proxy({} as Simulator, {
		get(_target, key) {
			if (!current) throw new Error('The simulator is started in beforeAll; use it inside tests');
			return Reflect.get(current, key) as unknown;
		},
	});
}
