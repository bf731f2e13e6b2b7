import { createHash } from 'crypto';

import type {
	CustomerBreadcrumb,
	SessionInfo,
	SessionMemberInfo,
} from '../../nodes/EvoVoice/transport/dto';

/** The simulated "now" the seed is built around; the simulator's clock starts here. */
export const SEED_CLOCK_START = Date.parse('2026-11-24T09:00:00Z');

export const SEEDED_ACCOUNTS = [
	{ id: 'acc-northwind', name: 'Northwind Support' },
	{ id: 'acc-contoso', name: 'Contoso Sales' },
	{ id: 'acc-fabrikam', name: 'Fabrikam Care' },
] as const;

const CUSTOMERS: Record<string, CustomerBreadcrumb[]> = {
	'cus-northwind-retail': [
		{ id: 'cus-northwind', name: 'Northwind' },
		{ id: 'cus-northwind-retail', name: 'Northwind Retail' },
	],
	'cus-northwind-wholesale': [
		{ id: 'cus-northwind', name: 'Northwind' },
		{ id: 'cus-northwind-wholesale', name: 'Northwind Wholesale' },
	],
	'cus-contoso-emea': [{ id: 'cus-contoso-emea', name: 'Contoso EMEA' }],
	'cus-fabrikam-clinics': [{ id: 'cus-fabrikam-clinics', name: 'Fabrikam Clinics' }],
};

/** A Twilio-style SID: a prefix and 32 hex characters, the same for the same seed text. */
export function sid(prefix: 'CA' | 'CF', seedText: string): string {
	return prefix + createHash('md5').update(seedText).digest('hex');
}

export function iso(milliseconds: number): string {
	return new Date(milliseconds).toISOString();
}

function member(partial: Partial<SessionMemberInfo> & { identity: string }): SessionMemberInfo {
	return {
		endpointId: '',
		displayName: partial.identity,
		isOriginalMember: false,
		avatarUrl: '',
		applicationData: {},
		callState: 'None',
		role: 'None',
		callSid: '',
		muted: false,
		...partial,
	};
}

/** A complete SessionInfo: the given fields over defaults that look like a fresh incoming call. */
export function buildSession(partial: Partial<SessionInfo> & { id: string }, createdAt: number): SessionInfo {
	const account = SEEDED_ACCOUNTS.find((candidate) => candidate.id === partial.accountId) ?? SEEDED_ACCOUNTS[0];
	const customerId = partial.customerId ?? 'cus-northwind-retail';
	const breadcrumb = CUSTOMERS[customerId] ?? [{ id: customerId, name: customerId }];
	const channel = partial.channel ?? 'Voice';
	const fromAddress = partial.fromAddress ?? '+15555550142';
	const fromName = partial.fromName ?? 'Maria Lopez';
	const callState = partial.callState ?? 'Ringing';
	const callerSid = channel === 'Voice' ? sid('CA', `${partial.id}/caller`) : '';
	const caller = member({
		identity: fromAddress,
		displayName: fromName,
		isOriginalMember: true,
		role: 'Caller',
		callState: callState === 'Hold' ? 'Hold' : callState === 'Ringing' ? 'Ringing' : 'Connected',
		callSid: callerSid,
	});
	const answered = callState === 'Connected' || callState === 'Hold';
	const agent = answered
		? [
				member({
					identity: 'agent@example.com',
					displayName: 'Alex Agent',
					endpointId: 'end-alex',
					role: 'Agent',
					callState: 'Connected',
					callSid: channel === 'Voice' ? sid('CA', `${partial.id}/agent`) : '',
				}),
			]
		: [];
	return {
		dateCreated: iso(createdAt),
		dateLastModified: iso(createdAt),
		createdBy: 'system',
		lastModifiedBy: 'system',
		dialState: 'None',
		callState,
		queueState: callState === 'Ringing' ? 'Queued' : callState === 'Hold' ? 'Hold' : 'Connected',
		accountId: account.id,
		accountName: account.name,
		customerId,
		customerBreadcrumb: breadcrumb,
		customerName: breadcrumb[breadcrumb.length - 1].name,
		endpointId: 'end-main-line',
		endpointName: 'Main Line',
		dateCompleted: '',
		destination: '',
		toAddress: '+15555550100',
		fromAddress,
		fromName,
		answeredByName: answered ? 'Alex Agent' : '',
		queueMemberId: '',
		channel,
		ended: false,
		outcome: '',
		callSid: callerSid,
		consoleData: '',
		holdQueueName: callState === 'Hold' ? 'Default Hold Queue' : '',
		heldByUserId: '',
		holdReason: 'None',
		conferenceSid: '',
		displayName: fromName,
		log: [{ date: iso(createdAt), message: `${channel} session started from ${fromAddress}` }],
		members: [caller, ...agent],
		callbackNumber: '',
		answeredById: answered ? 'end-alex' : '',
		direction: 'Incoming',
		fromPhoneNumber: channel === 'Chat' ? fromAddress : '',
		mostRecentParticipantCallSid: '',
		wasMissed: false,
		ringQueueId: callState === 'Ringing' ? 'rq-support' : '',
		...partial,
	};
}

type SeedRow = [id: string, minutesBeforeStart: number, partial: Partial<SessionInfo>];

const SEED_ROWS: SeedRow[] = [
	['ses-0001', 2, { accountId: 'acc-northwind', channel: 'Voice', callState: 'Ringing', fromName: 'Maria Lopez', fromAddress: '+15555550142' }],
	['ses-0002', 4, { accountId: 'acc-northwind', channel: 'Voice', callState: 'Ringing', fromName: 'Dev Patel', fromAddress: '+15555550177', customerId: 'cus-northwind-wholesale' }],
	['ses-0003', 6, { accountId: 'acc-northwind', channel: 'Voice', callState: 'Connected', fromName: 'Chen Wei', fromAddress: '+15555550118' }],
	['ses-0004', 8, { accountId: 'acc-northwind', channel: 'Chat', callState: 'Connected', fromName: 'Olivia Brown', fromAddress: '+15555550163' }],
	['ses-0005', 10, { accountId: 'acc-contoso', channel: 'Voice', callState: 'Hold', fromName: 'Lukas Meyer', fromAddress: '+4930555010', customerId: 'cus-contoso-emea' }],
	['ses-0006', 12, { accountId: 'acc-contoso', channel: 'Voice', callState: 'Connected', direction: 'Outgoing', fromName: 'Sofia Rossi', fromAddress: '+39065550101', customerId: 'cus-contoso-emea' }],
	['ses-0007', 14, { accountId: 'acc-contoso', channel: 'Chat', callState: 'Ringing', fromName: 'Amara Okafor', fromAddress: '+2345550133', customerId: 'cus-contoso-emea' }],
	['ses-0008', 16, { accountId: 'acc-fabrikam', channel: 'Fax', callState: 'Connected', fromName: 'Clinic Front Desk', fromAddress: '+15555550190', customerId: 'cus-fabrikam-clinics' }],
	['ses-0009', 18, { accountId: 'acc-fabrikam', channel: 'Voice', callState: 'Passive', fromName: 'Noah Kim', fromAddress: '+15555550155', customerId: 'cus-fabrikam-clinics' }],
	['ses-0010', 40, { accountId: 'acc-northwind', channel: 'Voice', callState: 'Disconnected', ended: true, outcome: 'Completed', fromName: 'Grace Hall', fromAddress: '+15555550111' }],
	['ses-0011', 55, { accountId: 'acc-contoso', channel: 'Voice', callState: 'Disconnected', ended: true, outcome: 'Missed', wasMissed: true, fromName: 'Ivan Petrov', fromAddress: '+74955550100', customerId: 'cus-contoso-emea' }],
	['ses-0012', 70, { accountId: 'acc-fabrikam', channel: 'Chat', callState: 'Disconnected', ended: true, outcome: 'Completed', fromName: 'Emma Wilson', fromAddress: '+15555550122', customerId: 'cus-fabrikam-clinics' }],
];

/** Fresh copies of the seeded sessions: nine live over three accounts, three ended. */
export function seedSessions(): SessionInfo[] {
	return SEED_ROWS.map(([id, minutesBefore, partial]) => {
		const createdAt = SEED_CLOCK_START - minutesBefore * 60_000;
		const session = buildSession({ id, ...partial }, createdAt);
		if (session.ended) {
			session.dateCompleted = iso(createdAt + 5 * 60_000);
			session.queueState = 'Disconnected';
			session.members = session.members.map((entry) => ({ ...entry, callState: 'None' }));
		}
		return session;
	});
}
