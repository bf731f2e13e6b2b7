/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark script that runs in plain Node, never inside n8n */
/**
 * How fast a picker answers a search over 5,000 endpoints: in-process, through n8n-core's
 * load-options context, as the editor's request runs it. Part of `npm run bench` (after the
 * lists, which leave the endpoints in the simulator).
 */
import { performance } from 'node:perf_hooks';

import { listSearch } from '../harness/list-search';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { Simulator } from '../simulator/server';
import { MANAGER_USER } from '../simulator/server';
import { median } from './bench';

const ENDPOINTS = 5_000;
const PICKER_SAMPLES = 21;

/** RESULTS.md's pickers section: each search's median and slowest answer. */
export async function measurePickers(simulator: Simulator): Promise<string> {
	simulator.directory.addPhoneNumbers(ENDPOINTS - simulator.directory.endpoints.size);
	// The picker as the editor's request runs it; the first search signs in and is left out.
	const credentials = simulatorCredentialsHelper(simulator, MANAGER_USER);
	await listSearch('searchPhoneNumbers', 'Line', credentials);
	const samples: Record<string, number[]> = {};
	for (const [method, text] of [['searchPhoneNumbers', 'Line 00042'], ['searchPhoneNumbers', '+1444000'], ['searchEndpoints', 'Line']] as const) {
		const key = `${method} "${text}"`;
		samples[key] = [];
		for (let sample = 0; sample < PICKER_SAMPLES; sample++) {
			const started = performance.now();
			await listSearch(method, text, credentials);
			samples[key].push(performance.now() - started);
		}
	}
	return [
		'## Pickers',
		'',
		`Pickers over ${ENDPOINTS.toLocaleString('en')} endpoints (Manager login), with a search text: one request each, through n8n-core's`,
		`load-options context in the bench process (signed in), ${PICKER_SAMPLES} searches each (target: under 300 ms).`,
		'',
		'| Picker and search text | Median | Slowest |',
		'|---|---|---|',
		...Object.entries(samples).map(([key, times]) => `| ${key} | ${median(times).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |`),
	].join('\n');
}
