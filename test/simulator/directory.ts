/**
 * The simulator's directory: endpoints of each type (phone numbers, users, teams...) linked to
 * flows and customers, a customer tree, and the routes that list, read, create and change them,
 * as ListEndpoints, ListFlows, ListCustomers, NewCustomer and PatchCustomer do. Only the
 * Manager, Customer and SystemAdministrator roles may use them (the server checks `anyRole`).
 */
import type {
	CustomerInfo,
	EndpointInfo,
	EndpointType,
	FlowInfo,
	Struct,
} from '../../nodes/EvoVoice/transport/dto';
import { ENDPOINT_TYPES } from '../../nodes/EvoVoice/transport/dto';
import { SEEDED_ACCOUNTS, SEED_CLOCK_START, iso } from './seed';
import type { DirectoryRoute, SimulatorUser } from './server';
import { pageOf } from './server';

const DIRECTORY_ROLES = ['Manager', 'Customer', 'SystemAdministrator'];

/** How the server makes its ServiceStack errors; handed in so this file needs none of its own. */
export interface DirectoryErrors {
	notFound(message: string): Error;
	notEmpty(field: string): Error;
	/** A 400 about one field of the request, with that field named as ServiceStack does. */
	invalidField(field: string, message: string): Error;
}

export interface Directory {
	endpoints: Map<string, EndpointInfo>;
	flows: Map<string, FlowInfo>;
	customers: Map<string, CustomerInfo>;
	/** Adds `count` phone numbers to the first account (for the bench's large lists). */
	addPhoneNumbers(count: number): void;
	/** The phone numbers a user may dial from, and whether a flow is one of theirs: NewOutgoingSession's checks. */
	ownsNumber(user: SimulatorUser, number: string): boolean;
	visibleFlow(user: SimulatorUser, flowId: string): FlowInfo | undefined;
	routes: DirectoryRoute[];
	reset(): void;
}

const accountName = (accountId: string) =>
	SEEDED_ACCOUNTS.find((account) => account.id === accountId)?.name ?? accountId;

const entity = (id: string, minutes: number) => ({
	id,
	dateCreated: iso(SEED_CLOCK_START - minutes * 60_000),
	dateLastModified: iso(SEED_CLOCK_START - minutes * 60_000),
	createdBy: 'seed',
	lastModifiedBy: 'seed',
});

const text = (value: string): Struct[string] => ({ stringValue: value });

function seedCustomers(): CustomerInfo[] {
	const customer = (
		id: string,
		accountId: string,
		name: string,
		referenceId: string,
		parentCustomerId: string | undefined,
		data: Struct,
		minutes: number,
	): CustomerInfo => ({
		...entity(id, minutes),
		accountId,
		accountName: accountName(accountId),
		parentCustomerId,
		name,
		referenceId,
		data,
		isStaging: false,
	});
	return [
		customer('cus-northwind', 'acc-northwind', 'Northwind', 'CRM-1000', undefined, { Region: text('East') }, 900),
		customer('cus-northwind-retail', 'acc-northwind', 'Northwind Retail', 'CRM-1001', 'cus-northwind', {
			Region: text('East'),
			Seats: { numberValue: 12 },
		}, 800),
		customer('cus-northwind-wholesale', 'acc-northwind', 'Northwind Wholesale', 'CRM-1002', 'cus-northwind', {}, 700),
		customer('cus-contoso-emea', 'acc-contoso', 'Contoso EMEA', 'CRM-2001', undefined, { Vip: { boolValue: true } }, 600),
		customer('cus-fabrikam-clinics', 'acc-fabrikam', 'Fabrikam Clinics', 'CRM-3001', undefined, {}, 500),
	];
}

function seedFlows(): FlowInfo[] {
	const flow = (id: string, accountId: string, name: string, customerId: string | undefined, minutes: number): FlowInfo => ({
		...entity(id, minutes),
		name,
		roles: ['UI'],
		description: `${name} (simulated)`,
		accountId,
		accountName: accountName(accountId),
		customerId,
		nodeCount: 3,
	});
	return [
		flow('flw-survey', 'acc-northwind', 'Customer survey', undefined, 400),
		flow('flw-main-ivr', 'acc-northwind', 'Main IVR', 'cus-northwind-retail', 390),
		flow('flw-support-queue', 'acc-contoso', 'Support queue', 'cus-contoso-emea', 380),
		flow('flw-after-hours', 'acc-fabrikam', 'After hours', 'cus-fabrikam-clinics', 370),
	];
}

interface EndpointSeed {
	id: string;
	type: EndpointType;
	accountId: string;
	displayName: string;
	customerId?: string;
	flowId?: string;
	phoneNumber?: string;
	emailAddress?: string;
	/** A number that cannot send SMS (SendMessage's realistic 400). */
	disableSms?: boolean;
}

const ENDPOINT_SEEDS: EndpointSeed[] = [
	{ id: 'end-main-line', type: 'PhoneNumber', accountId: 'acc-northwind', displayName: 'Northwind main line', customerId: 'cus-northwind-retail', flowId: 'flw-main-ivr', phoneNumber: '+15555550100' },
	{ id: 'end-survey-line', type: 'PhoneNumber', accountId: 'acc-northwind', displayName: 'Survey line', flowId: 'flw-survey', phoneNumber: '+15555550111' },
	{ id: 'end-contoso-sales', type: 'PhoneNumber', accountId: 'acc-contoso', displayName: 'Contoso sales', customerId: 'cus-contoso-emea', flowId: 'flw-support-queue', phoneNumber: '+4930555020' },
	{ id: 'end-alex', type: 'User', accountId: 'acc-northwind', displayName: 'Alex Agent', customerId: 'cus-northwind-retail', emailAddress: 'agent@example.com' },
	{ id: 'end-morgan', type: 'User', accountId: 'acc-northwind', displayName: 'Morgan Manager', emailAddress: 'manager@example.com' },
	{ id: 'end-support-team', type: 'Team', accountId: 'acc-northwind', displayName: 'Support team', customerId: 'cus-northwind-retail', flowId: 'flw-main-ivr' },
	{ id: 'end-fax', type: 'Fax', accountId: 'acc-fabrikam', displayName: 'Clinic fax', customerId: 'cus-fabrikam-clinics', phoneNumber: '+15555550190' },
	{ id: 'end-help-mail', type: 'Email', accountId: 'acc-contoso', displayName: 'Help desk mail', emailAddress: 'help@contoso.example' },
	{ id: 'end-front-desk-bot', type: 'AssistantBot', accountId: 'acc-fabrikam', displayName: 'Front desk bot', flowId: 'flw-after-hours' },
	// The numbers the SMS tests text from: another account's line, and one that cannot send SMS.
	{ id: 'end-sales-line', type: 'PhoneNumber', accountId: 'acc-contoso', displayName: 'Sales Line', customerId: 'cus-contoso-emea', phoneNumber: '+15555550101' },
	{ id: 'end-fax-line', type: 'PhoneNumber', accountId: 'acc-northwind', displayName: 'Fax Line', customerId: 'cus-northwind-retail', phoneNumber: '+15555550102', disableSms: true },
];

export function createDirectory(errors: DirectoryErrors, tick: () => string): Directory {
	const endpoints = new Map<string, EndpointInfo>();
	const flows = new Map<string, FlowInfo>();
	const customers = new Map<string, CustomerInfo>();
	let created = 0;

	/** A customer's path from the top of its tree: the breadcrumb Evo Voice shows. */
	function breadcrumbOf(customerId: string | undefined) {
		const path: Array<{ id: string; name: string }> = [];
		for (let current = customerId ? customers.get(customerId) : undefined; current; ) {
			path.unshift({ id: current.id, name: current.name });
			current = current.parentCustomerId ? customers.get(current.parentCustomerId) : undefined;
		}
		return path;
	}

	/** Whether `customerId` is `ancestorId` or lies under it, at any depth. */
	function isUnder(customerId: string | undefined, ancestorId: string) {
		return breadcrumbOf(customerId).some((step) => step.id === ancestorId);
	}

	function endpointOf(seed: EndpointSeed, minutes: number): EndpointInfo {
		const flow = seed.flowId ? flows.get(seed.flowId) : undefined;
		const customer = seed.customerId ? customers.get(seed.customerId) : undefined;
		return {
			...entity(seed.id, minutes),
			accountId: seed.accountId,
			accountName: accountName(seed.accountId),
			customerId: seed.customerId,
			customerName: customer?.name,
			customerBreadcrumb: breadcrumbOf(seed.customerId),
			displayName: seed.displayName,
			type: seed.type,
			flowId: seed.flowId,
			flowName: flow?.name,
			phoneNumber: seed.phoneNumber,
			emailAddress: seed.emailAddress,
			disableSms: seed.disableSms === true,
			isVirtualPhoneNumber: false,
		};
	}

	function reset() {
		created = 0;
		customers.clear();
		flows.clear();
		endpoints.clear();
		for (const customer of seedCustomers()) customers.set(customer.id, customer);
		for (const customer of customers.values()) customer.breadcrumb = breadcrumbOf(customer.id);
		for (const flow of seedFlows()) {
			flow.customerName = flow.customerId ? customers.get(flow.customerId)?.name : undefined;
			flow.customerBreadcrumb = breadcrumbOf(flow.customerId);
			flows.set(flow.id, flow);
		}
		ENDPOINT_SEEDS.forEach((seed, index) => endpoints.set(seed.id, endpointOf(seed, 300 - index)));
	}

	function addPhoneNumbers(count: number) {
		const start = endpoints.size;
		for (let index = 0; index < count; index++) {
			const number = String(start + index).padStart(7, '0');
			const id = `end-bulk-${number}`;
			endpoints.set(id, endpointOf({
				id,
				type: 'PhoneNumber',
				accountId: 'acc-northwind',
				displayName: `Line ${number}`,
				flowId: 'flw-main-ivr',
				phoneNumber: `+1444${number}`,
			}, 0));
		}
	}

	const list = (query: Record<string, string>, name: string) =>
		query[name] ? query[name].split(',').map((value) => value.trim()).filter(Boolean) : [];
	const contains = (value: string | undefined, needle: string | undefined) =>
		!needle || (value ?? '').toLowerCase().includes(needle.toLowerCase());

	/** The records of the user's accounts that the list's `accountIds` filter (if any) keeps. */
	function ofAccounts<T extends { accountId: string }>(records: Iterable<T>, user: SimulatorUser, query: Record<string, string>) {
		const accountIds = list(query, 'accountIds');
		return [...records].filter(
			(record) => user.accountIds.includes(record.accountId) && (accountIds.length === 0 || accountIds.includes(record.accountId)),
		);
	}

	function visible<T extends { accountId: string }>(records: Map<string, T>, id: string, user: SimulatorUser, what: string): T {
		const record = records.get(id);
		if (!record || !user.accountIds.includes(record.accountId)) throw errors.notFound(`${what} '${id}' does not exist`);
		return record;
	}

	/** A Struct as NewCustomer and PatchCustomer bind it: every value an object naming its kind. */
	function struct(value: unknown, field: string): Struct {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw errors.invalidField(field, `'${field}' must be an object`);
		}
		for (const [name, entry] of Object.entries(value)) {
			if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
				throw errors.invalidField(field, `'${field}.${name}' must be a Value ({"stringValue": ...})`);
			}
		}
		return value as Struct;
	}

	function parentOf(body: Record<string, unknown>, accountId: string, user: SimulatorUser): string | undefined {
		const parentCustomerId = typeof body.parentCustomerId === 'string' ? body.parentCustomerId.trim() : '';
		if (parentCustomerId === '') return undefined;
		const parent = customers.get(parentCustomerId);
		if (!parent || parent.accountId !== accountId || !user.accountIds.includes(parent.accountId)) {
			throw errors.invalidField('ParentCustomerId', `'${parentCustomerId}' is not a customer of this account`);
		}
		return parentCustomerId;
	}

	const ownRoutes: Array<Omit<DirectoryRoute, 'anyRole'>> = [
		{
			method: 'GET',
			pattern: ['endpoints'],
			handle: ({ query, user }) => {
				const customerIds = list(query, 'customerIds');
				const flowIds = list(query, 'flowIds');
				const types = [...list(query, 'types'), ...(query.type ? [query.type] : [])];
				for (const type of types) {
					if (!(ENDPOINT_TYPES as readonly string[]).includes(type)) {
						throw errors.invalidField('Type', `'${type}' is not an EndpointTypes value`);
					}
				}
				const matching = ofAccounts(endpoints.values(), user, query).filter(
					(endpoint) =>
						(customerIds.length === 0 || customerIds.includes(endpoint.customerId ?? '')) &&
						(flowIds.length === 0 || flowIds.includes(endpoint.flowId ?? '')) &&
						(types.length === 0 || types.includes(endpoint.type)) &&
						contains(endpoint.displayName, query.nameFilter) &&
						(!query.phoneNumberFilter || (endpoint.phoneNumber ?? '').includes(query.phoneNumberFilter)),
				);
				return pageOf(matching, query);
			},
		},
		{
			method: 'GET',
			pattern: ['endpoints', ':endpointId'],
			handle: ({ params, user }) => visible(endpoints, params.endpointId, user, 'Endpoint'),
		},
		{
			method: 'GET',
			pattern: ['flows'],
			handle: ({ query, user }) => {
				const customerIds = list(query, 'customerIds');
				const matching = ofAccounts(flows.values(), user, query).filter(
					(flow) =>
						(customerIds.length === 0 || customerIds.includes(flow.customerId ?? '')) && contains(flow.name, query.nameFilter),
				);
				return pageOf(matching, query);
			},
		},
		{
			method: 'GET',
			pattern: ['flows', ':flowId'],
			handle: ({ params, user }) => ({
				...visible(flows, params.flowId, user, 'Flow'),
				nodes: [{ id: 'start', isStartNode: true }],
			}),
		},
		{
			method: 'GET',
			pattern: ['customers'],
			handle: ({ query, user }) => {
				const parentIds = list(query, 'parentCustomerIds');
				const shallow = query.shallowParent === 'true';
				const matching = ofAccounts(customers.values(), user, query).filter(
					(customer) =>
						contains(customer.name, query.nameFilter) &&
						(parentIds.length === 0 ||
							parentIds.some((parentId) =>
								shallow
									? customer.parentCustomerId === parentId
									: customer.id !== parentId && isUnder(customer.id, parentId),
							)),
				);
				return pageOf(matching, query);
			},
		},
		{
			method: 'GET',
			pattern: ['customers', ':customerId'],
			handle: ({ params, user }) => visible(customers, params.customerId, user, 'Customer'),
		},
		{
			method: 'POST',
			pattern: ['customers'],
			handle: ({ body, user }) => {
				const accountId = typeof body.accountId === 'string' ? body.accountId.trim() : '';
				const name = typeof body.name === 'string' ? body.name.trim() : '';
				if (accountId === '') throw errors.notEmpty('AccountId');
				if (name === '') throw errors.notEmpty('Name');
				if (!user.accountIds.includes(accountId)) {
					throw errors.invalidField('AccountId', `'${accountId}' is not one of your accounts`);
				}
				const parentCustomerId = parentOf(body, accountId, user);
				const now = tick();
				const customer: CustomerInfo = {
					id: `cus-new-${String(++created).padStart(4, '0')}`,
					dateCreated: now,
					dateLastModified: now,
					createdBy: user.email,
					lastModifiedBy: user.email,
					accountId,
					accountName: accountName(accountId),
					parentCustomerId,
					name,
					referenceId: typeof body.referenceId === 'string' ? body.referenceId : undefined,
					data: body.data === undefined ? {} : struct(body.data, 'Data'),
					isStaging: false,
				};
				customers.set(customer.id, customer);
				customer.breadcrumb = breadcrumbOf(customer.id);
				return customer;
			},
		},
		{
			method: 'PATCH',
			pattern: ['customers', ':customerId'],
			handle: ({ params, body, user }) => {
				const customer = visible(customers, params.customerId, user, 'Customer');
				if (typeof body.name === 'string') {
					if (body.name.trim() === '') throw errors.notEmpty('Name');
					customer.name = body.name.trim();
				}
				if (typeof body.referenceId === 'string') customer.referenceId = body.referenceId;
				if (body.parentCustomerId !== undefined) {
					const parentCustomerId = parentOf(body, customer.accountId, user);
					if (parentCustomerId !== undefined && isUnder(parentCustomerId, customer.id)) {
						throw errors.invalidField('ParentCustomerId', 'A customer cannot sit under itself or its own children');
					}
					customer.parentCustomerId = parentCustomerId;
				}
				// Whether Evo Voice merges or replaces `data` is not documented: the simulator replaces,
				// the stricter reading, so a client that relies on a merge is caught here.
				if (body.data !== undefined) customer.data = struct(body.data, 'Data');
				customer.dateLastModified = tick();
				customer.lastModifiedBy = user.email;
				customer.breadcrumb = breadcrumbOf(customer.id);
				return customer;
			},
		},
	];
	const routes: DirectoryRoute[] = ownRoutes.map((route) => ({ ...route, anyRole: DIRECTORY_ROLES }));

	reset();
	return {
		endpoints,
		flows,
		customers,
		addPhoneNumbers,
		ownsNumber: (user, number) =>
			[...endpoints.values()].some(
				(endpoint) => endpoint.type === 'PhoneNumber' && endpoint.phoneNumber === number && user.accountIds.includes(endpoint.accountId),
			),
		visibleFlow: (user, flowId) => {
			const flow = flows.get(flowId);
			return flow && user.accountIds.includes(flow.accountId) ? flow : undefined;
		},
		routes,
		reset,
	};
}
