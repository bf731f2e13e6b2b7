/**
 * The trigger's filters as pickers: Account and Customer (one record, picked or typed) and
 * Receiving Phone Numbers (one picked, or several typed), read with n8n's extractValue so that
 * the plain strings of triggers saved before they were pickers keep working, and so that the
 * same ID saved, picked or typed is the same filter (no new baseline).
 */
import type { INodeParameters, INodeProperties, NodeParameterValueType } from 'n8n-workflow';

import { EvoVoiceTrigger } from '../../nodes/EvoVoiceTrigger/EvoVoiceTrigger.node';
import { listSearch } from '../harness/list-search';
import { ALL_TRIGGER_EVENTS, createPoller, eventLines } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { pickedFromList, sessionById as byId } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { MANAGER_USER } from '../simulator/server';

jest.setTimeout(120_000);

const simulator = useSimulator();
const NEW_BASELINE_LOG = 'info: Evo Voice Trigger: the filters changed since the previous poll; a new baseline was taken and nothing reported';

function settings(parameters: INodeParameters): INodeParameters {
	return { events: ALL_TRIGGER_EVENTS, simplify: true, ...parameters };
}

const poller = (parameters: INodeParameters) => createPoller(settings(parameters), simulatorCredentialsHelper(simulator));
const requestsTo = (path: string) => simulator.requests.filter((request) => request.rawPath === path);

function declaredFilter(name: string): INodeProperties {
	const filters = new EvoVoiceTrigger().description.properties.find((property) => property.name === 'filters')!;
	return (filters.options as INodeProperties[]).find((option) => option.name === name)!;
}

describe('the trigger\'s filter pickers', () => {
	it.each([
		['accountId', 'Account', 'searchAccounts', 'e.g. 65f1c0ffee0123456789abcd'],
		['customerId', 'Customer', 'searchCustomers', 'e.g. 65f1c0ffee0123456789abcd'],
		['phoneNumberIds', 'Receiving Phone Numbers', 'searchPhoneNumbers', 'e.g. id1, id2'],
	])('%s keeps its parameter name and is a picker: %s, listed by %s', (name, displayName, searchListMethod, placeholder) => {
		const property = declaredFilter(name);
		expect(property).toMatchObject({ displayName, type: 'resourceLocator', default: { mode: 'list', value: '' } });
		expect(property.modes?.[0].typeOptions?.searchListMethod).toBe(searchListMethod);
		expect(property.modes?.[1]).toMatchObject({ name: 'id', placeholder });
	});

	it('sends the account picked from the list and the customer typed By ID to both session lists', async () => {
		const { results } = await listSearch('searchAccounts', 'contoso', simulatorCredentialsHelper(simulator, MANAGER_USER));
		expect(results.map((result) => result.value)).toEqual(['acc-contoso']);
		const trigger = poller({
			filters: { accountId: pickedFromList('acc-contoso'), customerId: byId('cus-contoso-emea') },
			options: { includeSessionsBetweenPolls: true },
		});
		await trigger.poll();
		const call = simulator.addSession({ accountId: 'acc-contoso', customerId: 'cus-contoso-emea', channel: 'Voice' });
		simulator.addSession({ accountId: 'acc-northwind', channel: 'Voice' });

		expect(eventLines(await trigger.poll())).toEqual([`sessionStarted ${call.id}`]);
		expect(requestsTo('/portal/active-sessions').map((request) => request.query)).toEqual([
			{ accountId: 'acc-contoso', customerId: 'cus-contoso-emea' },
			{ accountId: 'acc-contoso', customerId: 'cus-contoso-emea' },
		]);
		expect(requestsTo('/sessions').every((request) => request.query.accountIds === 'acc-contoso' && request.query.customerIds === 'cus-contoso-emea')).toBe(true);
	});

	it.each<[string, NodeParameterValueType, string]>([
		['picked from the list', pickedFromList('end-sales-line'), 'end-sales-line'],
		['typed By ID, several', byId(' end-sales-line, end-main-line,'), 'end-sales-line,end-main-line'],
		['saved as a plain string before it was a picker', 'end-sales-line, end-main-line', 'end-sales-line,end-main-line'],
	])('Receiving Phone Numbers %s: sent as endpointIds and kept to those numbers', async (_how, value, endpointIds) => {
		const { results } = await listSearch('searchPhoneNumbers', 'sales line', simulatorCredentialsHelper(simulator, MANAGER_USER));
		expect(results.map((result) => result.value)).toContain('end-sales-line');
		const trigger = poller({ events: ['messageReceived'], filters: { phoneNumberIds: value } });
		await trigger.poll();
		const watched = endpointIds.split(',').map((endpointId) => simulator.messaging.receive({ endpointId }).id);
		simulator.messaging.receive({ endpointId: 'end-survey-line' });

		expect((await trigger.poll())?.map((item) => item.json.id)).toEqual(watched);
		expect(requestsTo('/messages').every((request) => request.query.endpointIds === endpointIds)).toBe(true);
	});
});

describe('the filter fingerprint (a new baseline when the filters change)', () => {
	// ses-0003 and ses-0004 are live sessions of account acc-northwind and customer cus-northwind-retail.
	it.each<[string, string, string, string]>([
		['Account', 'accountId', 'acc-northwind', 'acc-contoso'],
		['Customer', 'customerId', 'cus-northwind-retail', 'cus-contoso-emea'],
	])('%s: the same ID saved as a string, picked or typed By ID is the same filter; another ID is not', async (_label, name, id, otherId) => {
		const trigger = poller({ filters: { [name]: id } });
		await trigger.poll();
		const hashOf = () => (trigger.staticData().state as { filtersHash: string }).filtersHash;
		const savedHash = hashOf();

		for (const [value, session] of [
			[pickedFromList(id), 'ses-0003'],
			[byId(id), 'ses-0004'],
		] as const) {
			trigger.setParameters(settings({ filters: { [name]: value } }));
			simulator.transition(session, 'end');
			// Under the same filter the state goes on: the session is reported ended, no new baseline.
			expect(eventLines(await trigger.poll())).toEqual([`sessionEnded ${session}`]);
			expect(hashOf()).toBe(savedHash);
		}
		expect(trigger.logged).toEqual([]);

		trigger.setParameters(settings({ filters: { [name]: byId(otherId) } }));
		expect(await trigger.poll()).toBeNull();
		expect(hashOf()).not.toBe(savedHash);
		expect(trigger.logged).toEqual([NEW_BASELINE_LOG]);
	});
});
