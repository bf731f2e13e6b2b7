/**
 * Every Get Many with Return All, side by side with what a user would wire instead: the HTTP
 * Request node paging the same route with its own Pagination option (100 a page, `page` =
 * `{{ $pageCount }}`, complete when `hasMorePages` is not true) plus Split Out. Each list is
 * measured against both ways a server may answer (computed per request, and prepared before the
 * request and written at once), in interleaved pairs.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from '../e2e/fixtures';
import { MANAGER_SIMULATOR_CREDENTIAL, SIMULATOR_CREDENTIAL } from '../e2e/fixtures';
import type { N8nInstance } from '../e2e/n8n';
import type { Simulator, SimulatorUser } from '../simulator/server';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';
import type { PairedRows } from './bench';
import { HEADER_CREDENTIAL, httpRequest, measurePairs, median, once, signInCookie } from './bench';

type Node = WorkflowJson['nodes'][number];

/** The bench's files are an hour apart, from this instant on. */
const FIRST_FILE_AT = Date.parse('2026-01-01T00:00:00Z');

/** Interleaved pairs per list and server. */
const LIST_PAIRS = 3;

/** The HTTP Request node's cookie for the Manager login (the directory and files need it). */
const MANAGER_HEADER_CREDENTIAL = { id: 'benchManagerCookieHeader', name: 'Evo Voice manager session cookie' };

export interface ListCase {
	/** e.g. "Message → Get Many" */
	operation: string;
	/** What one record is: "message". */
	unit: string;
	/** The route both nodes read, e.g. `/messages`. */
	route: string;
	parameters: IDataObject;
	user: SimulatorUser;
	/** Fills the simulator; returns how many records the list gives. */
	seed(simulator: Simulator): number;
}

export const LIST_CASES: ListCase[] = [
	{
		operation: 'Session → Get Many',
		unit: 'session',
		route: '/sessions',
		parameters: { resource: 'session', operation: 'getMany', returnAll: true },
		user: DEMO_USER,
		seed(simulator) {
			for (let index = simulator.sessions.size; index < 10_000; index++) {
				simulator.addSession({ channel: 'Voice', ended: true, fromAddress: `+1666${String(index).padStart(7, '0')}`, fromName: `Caller ${index}` });
			}
			return simulator.sessions.size;
		},
	},
	{
		operation: 'Message → Get Many',
		unit: 'message',
		route: '/messages',
		parameters: { resource: 'message', operation: 'getMany', returnAll: true },
		user: DEMO_USER,
		seed(simulator) {
			const missing = 10_000 - simulator.messaging.messages.length;
			if (missing > 0) simulator.messaging.addMessages(missing);
			return simulator.messaging.messages.length;
		},
	},
	{
		operation: 'Endpoint → Get Many',
		unit: 'endpoint',
		route: '/endpoints',
		parameters: { resource: 'endpoint', operation: 'getMany', returnAll: true, filters: {} },
		user: MANAGER_USER,
		seed(simulator) {
			simulator.directory.addPhoneNumbers(5_000 - simulator.directory.endpoints.size);
			return simulator.directory.endpoints.size;
		},
	},
	{
		operation: 'File → Get Many',
		unit: 'file',
		route: '/files',
		parameters: { resource: 'file', operation: 'getMany', returnAll: true },
		user: MANAGER_USER,
		seed(simulator) {
			// Voicemail of distinct callers an hour apart, each with its own transcription.
			for (let index = simulator.files.size; index < 10_000; index++) {
				simulator.addFile({
					id: `fil-bench-${String(index).padStart(5, '0')}`,
					type: 'VoiceMessage',
					dateCreated: new Date(FIRST_FILE_AT + index * 3_600_000).toISOString(),
					fromAddress: `+1555${String(index).padStart(7, '0')}`,
					recordingDuration: 5 + (index % 60),
					transcription: `Hi, this is caller ${index}, please call me back about order ${10_000 + index}.`,
				});
			}
			return simulator.files.size;
		},
	},
];

/** What a user would wire instead: `route`, a page of 100 per request until hasMorePages is not true. */
export function pagedHttpRequest(url: string, credential = HEADER_CREDENTIAL): Node {
	const node = httpRequest(url, 'GET');
	return {
		...node,
		parameters: {
			...node.parameters,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'countPerPage', value: '100' }, { name: 'simplifiedPaging', value: 'true' }] },
			options: {
				pagination: {
					pagination: {
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.hasMorePages !== true }}',
						limitPagesFetched: false,
						requestInterval: 0,
					},
				},
			},
		},
		credentials: { httpHeaderAuth: credential },
	};
}

const splitItems: Node = { id: 'splitItems', name: 'Split Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [800, 0], parameters: { fieldToSplitOut: 'items', options: {} } };

export interface ListResult {
	spec: ListCase;
	records: number;
	prepared: boolean;
	pairs: PairedRows;
}

/** Seeds and measures every list case, first with answers computed per request, then prepared. */
export async function measureLists(instance: N8nInstance, simulator: Simulator, cases = LIST_CASES): Promise<ListResult[]> {
	await instance.importCredentials([
		{ ...MANAGER_HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Cookie', value: await signInCookie(simulator.url, MANAGER_USER) } },
	]);
	const results: ListResult[] = [];
	for (const spec of cases) {
		const records = spec.seed(simulator);
		const manager = spec.user === MANAGER_USER;
		const key = spec.route.replace(/\W/g, '');
		for (const prepared of [false, true]) {
			simulator.prepareAnswers(prepared);
			const pairs = await measurePairs(
				instance,
				{
					workflow: once(`benchList${key}Ours`, { name: 'Measured', type: 'n8n-nodes-evovoice.evoVoice', typeVersion: 1.1, parameters: spec.parameters, credentials: { evoVoiceApi: manager ? MANAGER_SIMULATOR_CREDENTIAL : SIMULATOR_CREDENTIAL } }),
					nodes: ['Measured'],
					label: `${spec.operation}: Evo Voice node`,
				},
				{
					workflow: once(`benchList${key}Http`, pagedHttpRequest(`${simulator.url}${spec.route}`, manager ? MANAGER_HEADER_CREDENTIAL : HEADER_CREDENTIAL), [splitItems]),
					nodes: ['Measured', 'Split Items'],
					label: `${spec.operation}: HTTP Request with pagination + Split Out`,
				},
				records,
				spec.unit,
				LIST_PAIRS,
			);
			results.push({ spec, records, prepared, pairs });
		}
		simulator.prepareAnswers(false);
	}
	return results;
}

/** RESULTS.md's lists section. */
export function listsSection(results: ListResult[]): string {
	const time = (rows: PairedRows['ours']) => median(rows.runs.map((run) => run.nodeMs));
	const rss = (rows: PairedRows['ours']) => median(rows.runs.map((run) => run.peakRssMb));
	return [
		'## Lists: every Get Many with Return All',
		'',
		'Each list against the HTTP Request node paging the same route with its own Pagination option',
		'(100 a page, `page` = `{{ $pageCount }}`, complete when `hasMorePages` is not true) plus Split Out',
		`(its time is both nodes'), in ${LIST_PAIRS} interleaved pairs after one unmeasured run of each. The Evo Voice node`,
		'reads pages of 1,000. **Server**: *computed* answers each request when it comes (the simulator as',
		'the tests use it); *prepared* has every answer ready before the request and writes it in one',
		'piece (the simulator with `prepareAnswers`). Times are medians; the ratio range is pair by pair.',
		'',
		'| List | Records | Server | Evo Voice node | HTTP Request + Split Out | Ours ÷ theirs (target ≤ 0.5) | Pairs | Peak RSS ours ÷ theirs |',
		'|---|---|---|---|---|---|---|---|',
		...results.map(({ spec, records, prepared, pairs: measured }) => {
			const ratio = time(measured.ours) / time(measured.theirs);
			const low = Math.min(...measured.ratios);
			const high = Math.max(...measured.ratios);
			return `| ${spec.operation} | ${records.toLocaleString('en')} | ${prepared ? 'prepared' : 'computed'} | ${time(measured.ours).toFixed(0)} ms | ${time(measured.theirs).toFixed(0)} ms | **${ratio.toFixed(2)}** | ${low.toFixed(2)}–${high.toFixed(2)} | ${(rss(measured.ours) / rss(measured.theirs)).toFixed(2)} |`;
		}),
	].join('\n');
}
