/**
 * The directory's pickers as the editor runs them: what each lists and how it labels it, the
 * search text sent to Evo Voice's filter, n8n's pagination token for the next page, and a
 * failure shown as Evo Voice's message instead of an empty list.
 */
import { listSearch } from '../harness/list-search';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';
import type { SimulatorUser } from '../simulator/server';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

jest.setTimeout(60_000);

async function search(
	method: Parameters<typeof listSearch>[0],
	filter?: string,
	paginationToken?: string,
	user: SimulatorUser = MANAGER_USER,
) {
	return await listSearch(method, filter, simulatorCredentialsHelper(simulator, user), paginationToken);
}

const values = (result: Awaited<ReturnType<typeof search>>) => result.results.map((entry) => entry.value);
const lastQuery = () => simulator.requests.filter((request) => request.segments[0] !== 'auth').at(-1)?.query;

describe('the Account picker', () => {
	it("lists the signed-in user's accounts from GET /auth/status, by name, and filters them by the search text", async () => {
		const all = await search('searchAccounts');
		expect(all.results).toContainEqual({ name: 'Contoso Sales', value: 'acc-contoso', description: 'ID acc-contoso' });
		expect(values(all)).toEqual(MANAGER_USER.accountIds);

		expect(values(await search('searchAccounts', 'CONTOSO'))).toEqual(['acc-contoso']);
		expect(values(await search('searchAccounts', 'acc-fab'))).toEqual(['acc-fabrikam']);
	});

	it('signs in again when the stored session has expired (GET /auth/status answers 200 then, signed out)', async () => {
		const credentials = simulatorCredentialsHelper(simulator, MANAGER_USER);
		await listSearch('searchAccounts', undefined, credentials);
		simulator.expireSignIns();

		expect(values(await listSearch('searchAccounts', 'contoso', credentials))).toEqual(['acc-contoso']);
	});
});

describe('the Customer, Flow and Endpoint pickers', () => {
	it('label a customer with its path in the tree and its account, and send the search text as nameFilter', async () => {
		const result = await search('searchCustomers', 'retail');

		expect(lastQuery()).toMatchObject({ nameFilter: 'retail', page: '0', countPerPage: '100', simplifiedPaging: 'true' });
		expect(result).toEqual({
			results: [
				{ name: 'Northwind › Northwind Retail · Northwind Support', value: 'cus-northwind-retail', description: 'ID cus-northwind-retail' },
			],
		});
	});

	it('label a flow with its name, customer and account', async () => {
		const result = await search('searchFlows', 'ivr');
		expect(result.results).toEqual([
			{ name: 'Main IVR · Northwind Retail · Northwind Support', value: 'flw-main-ivr', description: 'ID flw-main-ivr' },
		]);
		expect(lastQuery()?.nameFilter).toBe('ivr');
	});

	it('list endpoints of every type, each with its number or address and type', async () => {
		const result = await search('searchEndpoints');

		expect(result.results).toHaveLength(simulator.directory.endpoints.size);
		expect(result.results).toContainEqual({
			name: 'Alex Agent (agent@example.com) · User · Northwind Support',
			value: 'end-alex',
			description: 'ID end-alex',
		});
		expect(lastQuery()?.nameFilter).toBeUndefined();
	});
});

describe('the phone number pickers', () => {
	it('Send SMS From: phone-number endpoints, the value being the endpoint ID; a number searched as a number', async () => {
		const byNumber = await search('searchPhoneNumbers', '+1 555 555 01');
		expect(lastQuery()).toMatchObject({ type: 'PhoneNumber', phoneNumberFilter: '+155555501' });
		expect(lastQuery()?.nameFilter).toBeUndefined();
		expect(values(byNumber).sort()).toEqual(['end-fax-line', 'end-main-line', 'end-sales-line', 'end-survey-line']);
		expect(byNumber.results).toContainEqual({
			name: 'Northwind main line (+15555550100) · PhoneNumber · Northwind Support',
			value: 'end-main-line',
			description: 'ID end-main-line',
		});

		const byName = await search('searchPhoneNumbers', 'sales');
		expect(lastQuery()).toMatchObject({ type: 'PhoneNumber', nameFilter: 'sales' });
		expect(values(byName).sort()).toEqual(['end-contoso-sales', 'end-sales-line']);
	});

	it('Caller ID: the numbers themselves, the endpoint ID in the hint', async () => {
		const result = await search('searchCallerIds', 'survey');
		expect(result.results).toEqual([
			{ name: '+15555550111 · Survey line · Northwind Support', value: '+15555550111', description: 'Endpoint ID end-survey-line' },
		]);
	});

	it('lists one page a request and hands n8n a token for the next while Evo Voice has more', async () => {
		simulator.directory.addPhoneNumbers(150);
		const first = await search('searchPhoneNumbers');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('1');

		const second = await search('searchPhoneNumbers', undefined, first.paginationToken as string);
		expect(lastQuery()?.page).toBe('1');
		expect(second.results).toHaveLength(150 + 5 - 100);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...values(first), ...values(second)]).size).toBe(155);
	});
});

describe('a picker that fails', () => {
	it("shows Evo Voice's message and the role it needs, not an empty list", async () => {
		await expect(search('searchFlows', undefined, undefined, DEMO_USER)).rejects.toThrow('Invalid Role [HTTP 403 Forbidden]');
		await expect(search('searchCustomers', undefined, undefined, DEMO_USER)).rejects.toMatchObject({
			description: expect.stringContaining('"Manager" role'),
		});
	});

	it('shows a failed sign-in as such', async () => {
		await expect(search('searchAccounts', undefined, undefined, { email: MANAGER_USER.email, password: 'wrong' } as SimulatorUser)).rejects.toThrow(
			'Invalid Username or Password',
		);
	});
});
