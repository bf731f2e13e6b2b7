/**
 * The directory in the real, pinned n8n, from the packed package: every Endpoint, Flow and
 * Customer operation and Start Outgoing with picked values in one run (`n8n execute`), the "CRM
 * sync" example, then, in a started n8n, each picker asked through the REST endpoint the editor
 * uses (`POST /rest/dynamic-node-parameters/resource-locator-results`), paging and a 403 included.
 */
import type { Simulator } from '../simulator/server';
import type { ChainStep, WorkflowJson } from './fixtures';
import {
	MANAGER_SIMULATOR_CREDENTIAL,
	SIMULATOR_CREDENTIAL,
	evoVoiceChain,
	packagedN8nWithSimulator,
	readExamples,
} from './fixtures';
import type { ExecutionResult, N8nInstance, RunningN8n } from './n8n';
import { N8nRestClient } from './n8n';
import { expectSuccess } from './executions';

jest.setTimeout(15 * 60_000);

const WORKFLOW_ID = 'e2eDirectory001';
const CRM_SYNC = readExamples().find((workflow) => workflow.id === 'evoExCrmSync001')!;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** Node name → parameters, in the order they run. */
const steps: Array<[name: string, parameters: Record<string, unknown>]> = [
	['Phone Numbers', { resource: 'endpoint', operation: 'getMany', returnAll: true, filters: { type: 'PhoneNumber', accountId: fromList('acc-northwind') } }],
	['Get Endpoint', { resource: 'endpoint', operation: 'get', endpointId: fromList('end-support-team') }],
	['Flows', { resource: 'flow', operation: 'getMany', limit: 2, filters: { nameFilter: 'u' } }],
	['Get Flow', { resource: 'flow', operation: 'get', flowId: byId('flw-survey') }],
	['Customers Under Northwind', { resource: 'customer', operation: 'getMany', returnAll: true, filters: { parentCustomerId: fromList('cus-northwind') } }],
	['Get Customer', { resource: 'customer', operation: 'get', customerId: byId('cus-contoso-emea') }],
	['Create Customer', { resource: 'customer', operation: 'create', accountId: fromList('acc-contoso'), name: 'Tailspin', additionalFields: { referenceId: 'CRM-7' }, dataFields: { field: [{ name: 'Region', value: 'North' }] } }],
	['Update Customer', { resource: 'customer', operation: 'update', customerId: fromList('cus-northwind-retail'), dataMode: 'json', dataJson: '{"Seats": 20}' }],
	['Start Outgoing', { resource: 'call', operation: 'startOutgoing', flowId: fromList('flw-main-ivr'), numberToDial: '+18144043093', additionalFields: { callerId: fromList('+15555550111') } }],
];

function directoryWorkflow(): WorkflowJson {
	const withManager = steps.map(([name, parameters]): ChainStep => [name, parameters, MANAGER_SIMULATOR_CREDENTIAL]);
	return evoVoiceChain(WORKFLOW_ID, 'e2e: the directory', withManager, 1.1);
}

let simulator: Simulator;
let n8n: N8nInstance;
let running: RunningN8n | undefined;

function outputOf(result: ExecutionResult, nodeName: string) {
	const runs = result.run?.data.resultData.runData[nodeName];
	expect(runs?.[0].error).toBeUndefined();
	return (runs?.[0].data?.main[0] ?? []).map((item) => item.json);
}

beforeAll(async () => {
	({ simulator, instance: n8n } = await packagedN8nWithSimulator());
	await n8n.importWorkflows([directoryWorkflow(), CRM_SYNC]);
});

afterAll(async () => {
	await running?.stop();
	await simulator?.close();
	n8n?.remove();
});

describe('the directory in a real n8n', () => {
	it('runs every Endpoint, Flow and Customer operation, and Start Outgoing with a picked flow and caller ID', async () => {
		simulator.reset();
		const result = await n8n.execute(WORKFLOW_ID);
		expectSuccess(result);

		expect(outputOf(result, 'Phone Numbers').map((item) => item.id).sort()).toEqual(['end-fax-line', 'end-main-line', 'end-survey-line']);
		expect(outputOf(result, 'Get Endpoint')[0]).toMatchObject({ id: 'end-support-team', type: 'Team' });
		expect(outputOf(result, 'Flows')).toHaveLength(2);
		expect(outputOf(result, 'Get Flow')[0]).toMatchObject({ id: 'flw-survey', name: 'Customer survey' });
		expect(outputOf(result, 'Customers Under Northwind').map((item) => item.id).sort()).toEqual(['cus-northwind-retail', 'cus-northwind-wholesale']);
		expect(outputOf(result, 'Get Customer')[0]).toMatchObject({ id: 'cus-contoso-emea' });
		expect(outputOf(result, 'Create Customer')[0]).toMatchObject({ name: 'Tailspin', referenceId: 'CRM-7', data: { Region: { stringValue: 'North' } } });
		expect(outputOf(result, 'Update Customer')[0].data).toEqual({ Region: { stringValue: 'East' }, Seats: { numberValue: 20 } });
		expect(outputOf(result, 'Start Outgoing')[0]).toEqual({ flowId: 'flw-main-ivr', numberToDial: '+18144043093', callerId: '+15555550111', started: true });
	});

	it('"CRM sync" creates the new customer, updates the changed one and reports the unchanged one', async () => {
		simulator.reset();
		const result = await n8n.execute(CRM_SYNC.id);
		expectSuccess(result);

		expect(outputOf(result, 'Report Created')).toEqual([
			expect.objectContaining({ change: 'created', name: 'Tailspin Toys', referenceId: 'CRM-4001' }),
		]);
		expect(outputOf(result, 'Report Updated')).toEqual([
			{ change: 'updated', customerId: 'cus-northwind-retail', name: 'Northwind Retail', referenceId: 'CRM-1001' },
		]);
		expect(outputOf(result, 'Report Unchanged')).toEqual([
			{ change: 'unchanged', customerId: 'cus-northwind', name: 'Northwind', referenceId: 'CRM-1000' },
		]);
		expect(simulator.directory.customers.get('cus-northwind-retail')?.data).toEqual({
			Region: { stringValue: 'West' },
			Seats: { numberValue: 12 },
		});
	});
});

describe("the pickers through the editor's REST endpoint", () => {
	let rest: N8nRestClient;

	beforeAll(async () => {
		simulator.reset();
		simulator.directory.addPhoneNumbers(120);
		running = await n8n.start();
		rest = await N8nRestClient.signIn(running.url);
	});

	/** What the editor sends when a picker opens, is searched or scrolled to its end. */
	async function pick(
		methodName: string,
		options: { filter?: string; paginationToken?: string; credential?: { id: string; name: string } } = {},
	) {
		return await rest.request<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>(
			'POST',
			'/dynamic-node-parameters/resource-locator-results',
			{
				path: 'parameters.flowId',
				nodeTypeAndVersion: { name: 'n8n-nodes-evovoice.evoVoice', version: 1.1 },
				currentNodeParameters: { resource: 'call', operation: 'startOutgoing' },
				methodName,
				credentials: { evoVoiceApi: options.credential ?? MANAGER_SIMULATOR_CREDENTIAL },
				...(options.filter === undefined ? {} : { filter: options.filter }),
				...(options.paginationToken === undefined ? {} : { paginationToken: options.paginationToken }),
			},
		);
	}

	it('each picker lists what it should, searched by the text typed', async () => {
		expect((await pick('searchAccounts', { filter: 'contoso' })).results).toEqual([
			{ name: 'Contoso Sales', value: 'acc-contoso', description: 'ID acc-contoso' },
		]);
		expect((await pick('searchFlows', { filter: 'survey' })).results.map((result) => result.value)).toEqual(['flw-survey']);
		expect((await pick('searchCustomers', { filter: 'retail' })).results.map((result) => result.value)).toEqual(['cus-northwind-retail']);
		expect((await pick('searchEndpoints', { filter: 'support' })).results.map((result) => result.value)).toEqual(['end-support-team']);
		expect((await pick('searchCallerIds', { filter: 'survey' })).results.map((result) => result.value)).toEqual(['+15555550111']);
		expect((await pick('searchPhoneNumbers', { filter: '+4930' })).results.map((result) => result.value)).toEqual(['end-contoso-sales']);
	});

	it('pages with the pagination token while Evo Voice has more', async () => {
		simulator.clearRequests();
		const first = await pick('searchPhoneNumbers');
		const asked = simulator.requests.filter((request) => request.rawPath === '/endpoints').map((request) => request.query);
		expect({ listed: first.results.length, token: first.paginationToken, asked }).toEqual({
			listed: 100,
			token: '1',
			asked: [expect.objectContaining({ type: 'PhoneNumber', page: '0', countPerPage: '100' })],
		});
		const second = await pick('searchPhoneNumbers', { paginationToken: first.paginationToken });
		expect(second.results).toHaveLength(120 + 5 - 100);
		expect(second.paginationToken).toBeUndefined();
	});

	it("a phone user's picker shows Evo Voice's 403, not an empty list", async () => {
		await expect(pick('searchFlows', { credential: SIMULATOR_CREDENTIAL })).rejects.toThrow(/Invalid Role/);
	});
});
