/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark script that runs in plain Node, never inside n8n */
/**
 * `npm run bench:directory`: Endpoint → Get Many with Return All over 5,000 endpoints, side by
 * side with the HTTP Request node paging through GET /endpoints plus Split Out, in the same run
 * of the pinned n8n; and how fast a picker answers a search over those endpoints (in-process,
 * through n8n-core's load-options context, as the editor's request runs it). Writes its section
 * of bench/RESULTS.md.
 */
import { performance } from 'node:perf_hooks';

import { listSearch } from '../harness/list-search';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { WorkflowJson } from '../e2e/fixtures';
import { MANAGER_SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, workflowOverIds } from '../e2e/fixtures';
import { MANAGER_USER } from '../simulator/server';
import type { Row } from './bench';
import { HEADER_CREDENTIAL, RUNS, httpRequest, measureWorkflow, median, perUnit, signInCookie, writeResultsSection } from './bench';

const ENDPOINTS = 5_000;
const PICKER_SAMPLES = 21;

type Node = WorkflowJson['nodes'][number];

const getManyEndpoints: Node = {
	name: 'Measured',
	type: 'n8n-nodes-evovoice.evoVoice',
	typeVersion: 1.1,
	parameters: { resource: 'endpoint', operation: 'getMany', returnAll: true, filters: {} },
	credentials: { evoVoiceApi: MANAGER_SIMULATOR_CREDENTIAL },
};

/** What a user would wire instead: GET `url` (a list), a page (100) per request until hasMorePages is false. */
export function pagedHttpRequest(url: string): Node {
	const node = httpRequest(url, 'GET');
	return {
		...node,
		typeVersion: 4.2,
		parameters: {
			...node.parameters,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'countPerPage', value: '100' }, { name: 'simplifiedPaging', value: 'true' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.hasMorePages !== true }}',
						limitPagesFetched: false,
					},
				},
			},
		},
	};
}

/** Split Out named `name`: one item per record of the pages' `items`. */
export const splitItems = (name: string): Node => ({
	id: 'splitItems',
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	position: [800, 0],
	parameters: { fieldToSplitOut: 'items', options: {} },
});

/** Manual Trigger → one item → `measured` (named "Measured"), then whatever follows it. */
export function once(id: string, measured: Node, after: Node[] = []): WorkflowJson {
	return workflowOverIds(id, ['once'], { ...measured, id: 'measured' }, {
		nodes: after,
		connections: after.length > 0 ? { Measured: { main: [[{ node: after[0].name, type: 'main', index: 0 }]] } } : {},
	});
}

async function main() {
	const { simulator, instance } = await packagedN8nWithSimulator();
	try {
		simulator.directory.addPhoneNumbers(ENDPOINTS - simulator.directory.endpoints.size);
		const cookie = await signInCookie(simulator.url, MANAGER_USER);
		await instance.importCredentials([{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Cookie', value: cookie } }]);

		const label = (who: string) => `Endpoint → Get Many, Return All over ${ENDPOINTS.toLocaleString('en')} endpoints: ${who}`;
		const ours = await measureWorkflow(instance, once('benchDirectoryOurs', getManyEndpoints), ['Measured'], label('Evo Voice node'), ENDPOINTS, 'endpoint');
		const http = await measureWorkflow(
			instance,
			once('benchDirectoryHttp', pagedHttpRequest(`${simulator.url}/endpoints`), [splitItems('Split Endpoints')]),
			['Measured', 'Split Endpoints'],
			label('HTTP Request (pagination) + Split Out'),
			ENDPOINTS,
			'endpoint',
		);

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

		const row = (measured: Row) => {
			const times = measured.runs.map((run) => run.nodeMs);
			return `| ${measured.case} | ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}) | ${(perUnit(measured) * 1000).toFixed(0)} µs | ${median(measured.runs.map((run) => run.peakRssMb)).toFixed(0)} MB |`;
		};
		writeResultsSection('directory', [
			'## The directory (`npm run bench:directory`)',
			'',
			`Written by test/bench/directory-bench.ts, in the same pinned n8n and simulator setup as above, with ${ENDPOINTS.toLocaleString('en')}`,
			'endpoints in the simulator and a Manager login. The HTTP Request node pages GET /endpoints with its',
			'Pagination option (100 a page, until `hasMorePages` is false), then Split Out makes one item per',
			`endpoint; its time is both nodes'. Median of ${RUNS} runs. Measured: ${new Date().toISOString().slice(0, 10)}.`,
			'',
			'| Case | Node time | Per endpoint | Peak RSS |',
			'|---|---|---|---|',
			row(ours),
			row(http),
			'',
			`Ratio, Evo Voice node ÷ HTTP Request + Split Out: **${(perUnit(ours) / perUnit(http)).toFixed(2)}** (target ≤ 0.5).`,
			'',
			`Pickers over the same ${ENDPOINTS.toLocaleString('en')} endpoints, with a search text: one request each, through n8n-core's`,
			`load-options context in the bench process (signed in), ${PICKER_SAMPLES} searches each (target: under 300 ms).`,
			'',
			'| Picker and search text | Median | Slowest |',
			'|---|---|---|',
			...Object.entries(samples).map(([key, times]) => `| ${key} | ${median(times).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms |`),
		].join('\n'));
		process.stdout.write('bench/RESULTS.md: the directory section written\n');
	} finally {
		await simulator.close();
		instance.remove();
	}
}

// `npm run bench:directory` runs it; other bench scripts import the helpers above.
if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exitCode = 1;
	});
}
