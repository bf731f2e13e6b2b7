/**
 * The filters Evo Voice takes as lists (Accounts, Customers, Endpoints, Conversations of Session,
 * Message, Conversation and File → Get Many) as pickers, through n8n's engine against the
 * simulator: a record picked from the list the parameter declares, one ID or several typed By ID,
 * and a plain string saved before they were pickers, each sent as ServiceStack reads a list; bad
 * input refused before any request, naming the parameter and the item.
 */
import type { IDataObject, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/EvoVoice/actions/resources';
import { runWorkflow } from '../harness/engine';
import { listSearch } from '../harness/list-search';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { pickedFromList, sessionById as byId, evoVoiceWorkflow } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

jest.setTimeout(60_000);

interface ListFilter {
	resource: string;
	operation: string;
	/** The parameter in the Filters collection, also the query field Evo Voice reads. */
	filter: string;
	displayName: string;
	searchListMethod: string;
	/** The list request's path. */
	path: string;
}

const operations: Array<Omit<ListFilter, 'filter' | 'displayName' | 'searchListMethod'> & { filters: string[] }> = [
	{ resource: 'session', operation: 'getMany', path: '/sessions', filters: ['accountIds', 'customerIds', 'endpointIds'] },
	{ resource: 'message', operation: 'getMany', path: '/messages', filters: ['accountIds', 'customerIds', 'conversationIds'] },
	{ resource: 'conversation', operation: 'getMany', path: '/conversations', filters: ['accountIds', 'customerIds'] },
	{ resource: 'file', operation: 'getMany', path: '/files', filters: ['accountIds', 'customerIds'] },
];

const EXPECTED_PICKERS: Record<string, { displayName: string; searchListMethod: string }> = {
	accountIds: { displayName: 'Accounts', searchListMethod: 'searchAccounts' },
	customerIds: { displayName: 'Customers', searchListMethod: 'searchCustomers' },
	endpointIds: { displayName: 'Endpoints', searchListMethod: 'searchEndpoints' },
	conversationIds: { displayName: 'Conversations', searchListMethod: 'searchConversations' },
};

/** The filter as the operation declares it. */
function declared(resource: string, operation: string, filter: string): INodeProperties {
	const declaration = RESOURCES.flatMap((entry) => entry.operations).find(
		(candidate) => candidate.resource === resource && candidate.operation === operation,
	)!;
	const filters = declaration.properties.find((property) => property.name === 'filters')!;
	return (filters.options as INodeProperties[]).find((option) => option.name === filter)!;
}

const LIST_FILTERS: ListFilter[] = operations.flatMap(({ filters, ...operation }) =>
	filters.map((filter) => ({ ...operation, filter, ...EXPECTED_PICKERS[filter] })),
);
const cases = LIST_FILTERS.map((entry) => [`${entry.resource} → ${entry.operation}: ${entry.displayName}`, entry] as const);

async function runWith(entry: ListFilter, value: NodeParameterValueType, items: IDataObject[] = [{}]) {
	const parameters = { resource: entry.resource, operation: entry.operation, returnAll: true, filters: { [entry.filter]: value } };
	return await runWorkflow(evoVoiceWorkflow(parameters as never, { items }), simulatorCredentialsHelper(simulator, MANAGER_USER));
}

const listRequests = (entry: ListFilter) => simulator.requests.filter((request) => request.rawPath === entry.path);

/** The list filter's value in the first list request of a run that must succeed. */
async function sent(entry: ListFilter, value: NodeParameterValueType): Promise<string | undefined> {
	const result = await runWith(entry, value);
	expect(result.error).toBeUndefined();
	return listRequests(entry)[0].query[entry.filter];
}

describe.each(cases)('%s', (_name, entry) => {
	it('is a picker of its records; By ID takes several IDs, without a one-word check', () => {
		const property = declared(entry.resource, entry.operation, entry.filter);
		expect(property).toMatchObject({ displayName: entry.displayName, type: 'resourceLocator', default: { mode: 'list', value: '' } });
		const [list, typed] = property.modes!;
		expect(list).toMatchObject({ name: 'list', typeOptions: { searchListMethod: entry.searchListMethod, searchable: true } });
		expect(typed).toMatchObject({ name: 'id', placeholder: 'e.g. id1, id2' });
		expect(typed.validation).toBeUndefined();
		expect(property.description).toContain('one ID or several separated by commas');
	});

	it('sends the record picked from its list', async () => {
		const { results } = await listSearch(
			entry.searchListMethod as Parameters<typeof listSearch>[0],
			undefined,
			simulatorCredentialsHelper(simulator, MANAGER_USER),
		);
		const picked = String(results[0].value);
		simulator.clearRequests();

		expect(await sent(entry, pickedFromList(picked))).toBe(picked);
	});

	it('sends IDs typed By ID comma-joined, spaces and empty entries dropped', async () => {
		expect(await sent(entry, byId(' id-a, id-b,, '))).toBe('id-a,id-b');
	});

	it('reads a plain string saved before it was a picker as before', async () => {
		expect(await sent(entry, 'id-a, id-b')).toBe('id-a,id-b');
		simulator.clearRequests();
		expect(await sent(entry, 'id-a')).toBe('id-a');
	});

	it('sends nothing for an empty picker', async () => {
		expect(await sent(entry, pickedFromList(''))).toBeUndefined();
	});

	it.each([
		['typed By ID', byId('={{ $json.ids }}')],
		['saved as a plain string', '={{ $json.ids }}'],
	])('fails before any request when an expression %s gives a list', async (_how, value) => {
		const result = await runWith(entry, value, [{ ids: ['id-a', 'id-b'] }]);

		expect(result.error?.message).toBe(`The "${entry.displayName}" parameter must be text for item 0`);
		expect(listRequests(entry)).toEqual([]);
	});
});
