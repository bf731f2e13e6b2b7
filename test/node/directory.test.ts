/**
 * The directory through n8n's own engine, against the simulator: Endpoint, Flow and Customer
 * (every parameter and what it sends), Start Outgoing's picked flow and caller ID, the roles a
 * 403 names, Create and Update sent once, and bad input refused before any request.
 */
import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { EvoVoiceWorkflowOptions } from '../harness/workflows';
import { EVO_VOICE_NODE, evoVoiceWorkflow, pickedFromList as fromList } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import type { SimulatorUser } from '../simulator/server';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';
import { LIST_PAGE_SIZE } from '../../nodes/EvoVoice/transport';

const simulator = useSimulator();

jest.setTimeout(60_000);

const byId = (value: string): INodeParameterResourceLocator => ({ __rl: true, mode: 'id', value });

async function run(parameters: IDataObject, options: EvoVoiceWorkflowOptions = {}, user: SimulatorUser = MANAGER_USER) {
	const result = await runWorkflow(evoVoiceWorkflow(parameters as never, options), simulatorCredentialsHelper(simulator, user));
	return { ...result, json: result.outputOf(EVO_VOICE_NODE).map((item) => item.json) };
}

const apiRequests = (method?: string) =>
	simulator.requests.filter((request) => request.segments[0] !== 'auth' && (method === undefined || request.method === method));
const ids = (items: IDataObject[]) => items.map((item) => item.id).sort();

describe('Endpoint → Get Many', () => {
	it('lists every endpoint of the user\'s accounts with Return All, and at most Limit otherwise', async () => {
		const all = await run({ resource: 'endpoint', operation: 'getMany', returnAll: true });
		expect(ids(all.json)).toEqual([...simulator.directory.endpoints.keys()].sort());

		const two = await run({ resource: 'endpoint', operation: 'getMany', limit: 2 });
		expect(two.json).toHaveLength(2);
		expect(apiRequests().at(-1)?.query).toMatchObject({ page: '0', countPerPage: '2', simplifiedPaging: 'true' });
	});

	it('sends each filter as ListEndpoints names it: the picked account, customer and flow, name, number and type', async () => {
		const result = await run({
			resource: 'endpoint',
			operation: 'getMany',
			returnAll: true,
			filters: {
				accountId: fromList('acc-northwind'),
				customerId: byId('cus-northwind-retail'),
				flowId: fromList('flw-main-ivr'),
				nameFilter: 'main',
				phoneNumberFilter: '+1555',
				type: 'PhoneNumber',
			},
		});

		expect(ids(result.json)).toEqual(['end-main-line']);
		expect(apiRequests()[0].query).toMatchObject({
			accountIds: 'acc-northwind',
			customerIds: 'cus-northwind-retail',
			flowIds: 'flw-main-ivr',
			nameFilter: 'main',
			phoneNumberFilter: '+1555',
			type: 'PhoneNumber',
		});
	});

	it.each([
		['PhoneNumber', ['end-contoso-sales', 'end-fax-line', 'end-main-line', 'end-sales-line', 'end-survey-line']],
		['User', ['end-alex', 'end-morgan']],
		['Team', ['end-support-team']],
		['AssistantBot', ['end-front-desk-bot']],
	])('keeps only the endpoints of type %s', async (type, expected) => {
		const result = await run({ resource: 'endpoint', operation: 'getMany', returnAll: true, filters: { type } });
		expect(ids(result.json)).toEqual(expected);
	});

	it('sends no type for Any, and reads every page of a long list', async () => {
		simulator.directory.addPhoneNumbers(2 * LIST_PAGE_SIZE + 30);
		const result = await run({ resource: 'endpoint', operation: 'getMany', returnAll: true, filters: { type: 'any' } });

		expect(result.json).toHaveLength(simulator.directory.endpoints.size);
		expect(apiRequests().map((request) => request.query.page)).toEqual(['0', '1', '2']);
		expect(apiRequests()[0].query.type).toBeUndefined();
	});
});

describe('Get by ID (Endpoint, Flow, Customer)', () => {
	it.each([
		['endpoint', 'endpointId', 'end-support-team', '/endpoints/end-support-team'],
		['flow', 'flowId', 'flw-survey', '/flows/flw-survey'],
		['customer', 'customerId', 'cus-northwind-retail', '/customers/cus-northwind-retail'],
	])('%s: GET its route with the picked ID', async (resource, parameter, id, path) => {
		const result = await run({ resource, operation: 'get', [parameter]: fromList(id) });

		expect(result.json).toEqual([expect.objectContaining({ id })]);
		expect(apiRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual([`GET ${path}`]);
	});

	it("puts an ID with a slash in one path segment, and passes on Evo Voice's 404", async () => {
		const result = await run({ resource: 'customer', operation: 'get', customerId: byId('cus/../x') });

		expect(apiRequests()[0].rawPath).toBe('/customers/cus%2F..%2Fx');
		expect(result.error?.message).toContain("Customer 'cus/../x' does not exist [HTTP 404 NotFound]");
	});
});

describe('Flow and Customer → Get Many', () => {
	it('Flow: name, account and customer filters', async () => {
		const result = await run({
			resource: 'flow',
			operation: 'getMany',
			returnAll: true,
			filters: { accountId: fromList('acc-northwind'), customerId: byId('cus-northwind-retail'), nameFilter: 'ivr' },
		});

		expect(ids(result.json)).toEqual(['flw-main-ivr']);
		expect(apiRequests()[0].query).toMatchObject({ accountIds: 'acc-northwind', customerIds: 'cus-northwind-retail', nameFilter: 'ivr' });
	});

	it('Customer: the customers under a parent, at any depth; name and account filters', async () => {
		const under = await run({
			resource: 'customer',
			operation: 'getMany',
			returnAll: true,
			filters: { parentCustomerId: fromList('cus-northwind') },
		});
		expect(ids(under.json)).toEqual(['cus-northwind-retail', 'cus-northwind-wholesale']);
		expect(apiRequests()[0].query.parentCustomerIds).toBe('cus-northwind');

		const named = await run({
			resource: 'customer',
			operation: 'getMany',
			limit: 10,
			filters: { accountId: byId('acc-contoso'), nameFilter: 'emea' },
		});
		expect(ids(named.json)).toEqual(['cus-contoso-emea']);
	});
});

describe('Customer → Create', () => {
	it('sends the account, name, reference ID, parent and the data fields as Evo Voice values', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'create',
			accountId: fromList('acc-northwind'),
			name: 'Northwind Outlet',
			additionalFields: { referenceId: 'CRM-1042', parentCustomerId: fromList('cus-northwind') },
			dataMode: 'fields',
			dataFields: { field: [{ name: 'Region', value: 'West' }, { name: 'Plan', value: 'Gold' }] },
		});

		expect(apiRequests('POST')[0].body).toEqual({
			accountId: 'acc-northwind',
			name: 'Northwind Outlet',
			referenceId: 'CRM-1042',
			parentCustomerId: 'cus-northwind',
			data: { Region: { stringValue: 'West' }, Plan: { stringValue: 'Gold' } },
		});
		expect(result.json[0]).toMatchObject({
			id: 'cus-new-0001',
			breadcrumb: [{ id: 'cus-northwind', name: 'Northwind' }, { id: 'cus-new-0001', name: 'Northwind Outlet' }],
		});
	});

	it('in JSON mode, sends text, numbers, true/false, objects and lists of objects each as its kind', async () => {
		await run({
			resource: 'customer',
			operation: 'create',
			accountId: byId('acc-contoso'),
			name: 'Contoso APAC',
			dataMode: 'json',
			dataJson: JSON.stringify({ Region: 'APAC', Seats: 40, Vip: false, Address: { City: 'Sydney' }, Sites: [{ Name: 'HQ' }] }),
		});

		expect(apiRequests('POST')[0].body).toEqual({
			accountId: 'acc-contoso',
			name: 'Contoso APAC',
			data: {
				Region: { stringValue: 'APAC' },
				Seats: { numberValue: 40 },
				Vip: { boolValue: false },
				Address: { structValue: { City: { stringValue: 'Sydney' } } },
				Sites: { listValue: [{ Name: { stringValue: 'HQ' } }] },
			},
		});
	});

	it('sends no data when no data field is given', async () => {
		await run({ resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: 'Plain' });
		expect(apiRequests('POST')[0].body).toEqual({ accountId: 'acc-contoso', name: 'Plain' });
	});
});

describe('Customer → Update', () => {
	it('sends only the fields set, and reads nothing first when no data field is given', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'update',
			customerId: fromList('cus-northwind-wholesale'),
			updateFields: { name: 'Northwind Trade', referenceId: 'CRM-1002-B' },
		});

		expect(apiRequests().map((request) => request.method)).toEqual(['PATCH']);
		expect(apiRequests()[0].body).toEqual({ name: 'Northwind Trade', referenceId: 'CRM-1002-B' });
		expect(result.json[0]).toMatchObject({ name: 'Northwind Trade', referenceId: 'CRM-1002-B' });
	});

	it('merges the data fields given over the stored ones (read first), so the others stay', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'update',
			customerId: byId('cus-northwind-retail'),
			dataMode: 'fields',
			dataFields: { field: [{ name: 'Region', value: 'West' }, { name: 'Tier', value: '2' }] },
		});

		expect(apiRequests().map((request) => `${request.method} ${request.rawPath}`)).toEqual([
			'GET /customers/cus-northwind-retail',
			'PATCH /customers/cus-northwind-retail',
		]);
		expect(result.json[0].data).toEqual({
			Region: { stringValue: 'West' },
			Seats: { numberValue: 12 },
			Tier: { stringValue: '2' },
		});
	});

	it('moves a customer under another parent', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'update',
			customerId: byId('cus-northwind-wholesale'),
			updateFields: { parentCustomerId: fromList('cus-northwind-retail') },
		});
		expect(result.json[0].breadcrumb).toEqual([
			{ id: 'cus-northwind', name: 'Northwind' },
			{ id: 'cus-northwind-retail', name: 'Northwind Retail' },
			{ id: 'cus-northwind-wholesale', name: 'Northwind Wholesale' },
		]);
	});
});

describe('Create and Update are never sent twice', () => {
	const create = { resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: 'Once', options: { timeout: 2 } };
	const update = {
		resource: 'customer',
		operation: 'update',
		customerId: byId('cus-contoso-emea'),
		updateFields: { name: 'Once' },
		options: { timeout: 2 },
	};

	it('Create after a 5xx: one request, and the error says the customer may have been created', async () => {
		simulator.failNext(1, 503);
		const result = await run(create);

		expect(result.error?.message).toContain('the customer may have been created, so it was not sent again');
		expect(apiRequests('POST')).toHaveLength(1);
	});

	it('Update after a timeout: one request, and the error says the customer may have been updated', async () => {
		simulator.injectFault('PATCH /customers/:customerId', 'noAnswer');
		const result = await run(update);

		expect(result.error?.message).toContain('did not answer within 2 s');
		expect(result.error?.message).toContain('the customer may have been updated, so it was not sent again');
		expect(apiRequests('PATCH')).toHaveLength(1);
	});
});

describe('roles', () => {
	it.each([
		[{ resource: 'endpoint', operation: 'getMany' }],
		[{ resource: 'flow', operation: 'get', flowId: byId('flw-survey') }],
		[{ resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: 'X' }],
	])('a phone user (User role) gets a 403 that names the directory roles: %o', async (parameters) => {
		const result = await run(parameters, {}, DEMO_USER);

		expect(result.error?.message).toContain('Invalid Role [HTTP 403 Forbidden]');
		expect(result.error?.description).toContain(
			'it needs an Evo Voice user with the "Manager" role (or "Customer", "SystemAdministrator")',
		);
	});

	it("Start Outgoing's 403 names the Manager role", async () => {
		const result = await run(
			{ resource: 'call', operation: 'startOutgoing', flowId: fromList('flw-survey'), numberToDial: '+18144043093' },
			{},
			DEMO_USER,
		);
		expect(result.error?.description).toContain('"Manager" role (or "SystemAdministrator")');
	});
});

describe('Start Outgoing with picked values', () => {
	it('sends the picked flow and caller ID', async () => {
		const result = await run({
			resource: 'call',
			operation: 'startOutgoing',
			flowId: fromList('flw-main-ivr'),
			numberToDial: '+18144043093',
			additionalFields: { callerId: { __rl: true, mode: 'list', value: '+15555550111' } },
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests('POST')[0].body).toEqual({ flowId: 'flw-main-ivr', numberToDial: '+18144043093', callerId: '+15555550111' });
	});

	it("a flow or caller ID Evo Voice refuses fails that item with Evo Voice's message; the others go on", async () => {
		const result = await run(
			{
				resource: 'call',
				operation: 'startOutgoing',
				flowId: byId('={{ $json.flow }}'),
				numberToDial: '+18144043093',
				additionalFields: { callerId: { __rl: true, mode: 'number', value: '={{ $json.callerId }}' } },
			},
			{
				continueOnFail: true,
				items: [
					{ flow: 'flw-nope', callerId: '+15555550100' },
					{ flow: 'flw-survey', callerId: '+15555550199' },
					{ flow: 'flw-survey', callerId: '+15555550100' },
				],
			},
		);

		expect(result.json.map((item) => item.error ?? 'ok')).toEqual([
			expect.stringContaining("'flw-nope' is not one of your flows"),
			expect.stringContaining("'+15555550199' is not one of your phone numbers"),
			'ok',
		]);
	});
});

describe('the account and customer pickers of Get Active', () => {
	it('send the picked account and customer; a plain ID saved before the pickers still works', async () => {
		await run({ resource: 'session', operation: 'getActive', returnAll: true, filters: { accountId: fromList('acc-contoso'), customerId: byId('cus-contoso-emea') } }, {}, DEMO_USER);
		await run({ resource: 'session', operation: 'getActive', returnAll: true, filters: { accountId: 'acc-northwind' } }, {}, DEMO_USER);

		expect(apiRequests().map((request) => request.query)).toEqual([
			{ accountId: 'acc-contoso', customerId: 'cus-contoso-emea' },
			{ accountId: 'acc-northwind' },
		]);
	});
});

describe('bad input fails before any request, naming the parameter and the item', () => {
	it.each([
		[
			'an ID that is not text',
			{ resource: 'customer', operation: 'get', customerId: byId('={{ { "id": 1 } }}') },
			'The "Customer" parameter must be text for item 0, got an object',
		],
		[
			'an ID made of dots',
			{ resource: 'flow', operation: 'get', flowId: byId('..') },
			'The "Flow" parameter ".." is not a valid ID for item 0',
		],
		[
			'a filter ID that is a list',
			{ resource: 'endpoint', operation: 'getMany', filters: { accountId: byId('={{ ["a", "b"] }}') } },
			'The "Account" parameter must be text for item 0, got a list',
		],
		[
			'an unknown endpoint type',
			{ resource: 'endpoint', operation: 'getMany', filters: { type: 'Pager' } },
			'The "Type" parameter must be one of any, PhoneNumber',
		],
		[
			'a data field with an empty name',
			{
				resource: 'customer',
				operation: 'create',
				accountId: byId('acc-contoso'),
				name: 'X',
				dataFields: { field: [{ name: 'Region', value: 'East' }, { name: ' ', value: 'x' }] },
			},
			'The "Data" parameter has a data field with an empty name (field 2) for item 0',
		],
		[
			'a data field named twice',
			{
				resource: 'customer',
				operation: 'create',
				accountId: byId('acc-contoso'),
				name: 'X',
				dataFields: { field: [{ name: 'Region', value: 'East' }, { name: 'Region', value: 'West' }] },
			},
			'The "Data" parameter names the data field "Region" twice for item 0',
		],
		[
			'a JSON body that is not an object',
			{ resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: 'X', dataMode: 'json', dataJson: '["East"]' },
			'The "Data (JSON)" parameter must be a JSON object for item 0, got a list',
		],
		[
			'a JSON body that is not JSON',
			{ resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: 'X', dataMode: 'json', dataJson: '{Region: East}' },
			'The "Data (JSON)" parameter is not valid JSON for item 0',
		],
		[
			'a JSON data field that is null',
			{ resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: 'X', dataMode: 'json', dataJson: '{"Region": null}' },
			'The "Data (JSON)" parameter gives "Region" a value Evo Voice cannot store for item 0, got null',
		],
		[
			'a JSON data field with an empty name',
			{ resource: 'customer', operation: 'update', customerId: byId('cus-contoso-emea'), dataMode: 'json', dataJson: '{"": 1}' },
			'The "Data (JSON)" parameter has a data field with an empty name for item 0',
		],
		[
			'a Create without a name',
			{ resource: 'customer', operation: 'create', accountId: byId('acc-contoso'), name: '  ' },
			'The "Name" parameter is required but is empty for item 0',
		],
		[
			'a Create whose account expression gives nothing',
			{ resource: 'customer', operation: 'create', accountId: byId('={{ $json.accountId }}'), name: 'X' },
			'The "Account" parameter is required but is empty for item 0',
		],
		[
			'an Update that sets nothing',
			{ resource: 'customer', operation: 'update', customerId: byId('cus-contoso-emea') },
			'The "Update Fields" parameter sets nothing to change for item 0',
		],
		[
			'a caller ID that is not a phone number',
			{
				resource: 'call',
				operation: 'startOutgoing',
				flowId: byId('flw-survey'),
				numberToDial: '+18144043093',
				additionalFields: { callerId: byId('main line') },
			},
			'The "Caller ID" parameter must be an E.164 phone number',
		],
	])('%s', async (_case, parameters, message) => {
		const result = await run(parameters);

		expect(result.error?.message).toContain(message);
		expect(apiRequests()).toEqual([]);
	});

	it('with Continue On Fail, the bad item fails alone and nothing of it is sent', async () => {
		const result = await run(
			{
				resource: 'customer',
				operation: 'create',
				accountId: byId('acc-contoso'),
				name: '={{ $json.name }}',
				dataMode: 'json',
				dataJson: '={{ $json.data }}',
			},
			{ continueOnFail: true, items: [{ name: 'Good', data: { Tier: 1 } }, { name: 'Bad', data: 'East' }, { name: 'Also good', data: {} }] },
		);

		expect(result.json.map((item) => item.error ?? item.name)).toEqual([
			'Good',
			expect.stringContaining('The "Data (JSON)" parameter is not valid JSON for item 1'),
			'Also good',
		]);
		expect(apiRequests('POST').map((request) => (request.body as IDataObject).name)).toEqual(['Good', 'Also good']);
	});
});
