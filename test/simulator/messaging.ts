/**
 * The simulator's SMS side: messages in both directions on the directory's phone numbers
 * (SendMessage at POST /messages, ListMessages) and conversations (ListConversations), with a
 * control to make an inbound message arrive.
 */
import type { ConversationInfo, EndpointInfo, MessageDirection, MessageInfo } from '../../nodes/EvoVoice/transport/dto';
import { SEED_CLOCK_START, iso } from './seed';
import type { Route, SimulatorUser } from './server';
import { ApiError, argument, notEmpty, pageOf, text, unbindable } from './server';

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** Numbers Evo Voice refuses to text (a landline, an opted-out party): its realistic 400. */
export const UNTEXTABLE_NUMBERS = ['+15555550911'];

/** How many messages are seeded: more than one page of 100. */
export const SEEDED_MESSAGE_COUNT = 130;
const SEEDED_PARTIES = ['+15555550142', '+15555550163', '+15555550177', '+15555550118'];

export interface InboundMessage {
	endpointId?: string;
	from?: string;
	text?: string;
	/** ISO date; the simulator's clock by default. Two messages may share one. */
	date?: string;
}

export interface Messaging {
	endpoints: Map<string, EndpointInfo>;
	/** Every message, by date, oldest first (equal dates in the order they arrived). */
	messages: MessageInfo[];
	conversationIdOf(message: MessageInfo): string;
	/** A text from a party arrives on one of the numbers, as when someone texts the business. */
	receive(inbound?: InboundMessage): MessageInfo;
	/** Adds `count` messages (both directions by default), one clock tick apart or all at `date` (for bursts and the bench). */
	addMessages(count: number, options?: { direction?: MessageDirection; date?: string }): MessageInfo[];
	reset(): void;
	apiRoutes: Route[];
	controlRoutes: Route[];
}

/**
 * The SMS side of the simulator, over the directory's endpoints (`endpoints`, seeded and reset
 * by directory.ts): messages are sent from and received on its phone numbers.
 */
export function createMessaging(clock: { tick(): string }, endpoints: Map<string, EndpointInfo>): Messaging {
	const messages: MessageInfo[] = [];
	const conversationIds = new Map<string, string>();
	let count = 0;

	function conversationIdOf(message: MessageInfo): string {
		const key = `${message.endpointId}|${message.otherAddress}`;
		let id = conversationIds.get(key);
		if (id === undefined) {
			id = `cnv-${String(conversationIds.size + 1).padStart(4, '0')}`;
			conversationIds.set(key, id);
		}
		return id;
	}

	function store(
		phoneNumber: EndpointInfo,
		direction: MessageDirection,
		otherAddress: string,
		body: string,
		date: string,
		sender: string,
	): MessageInfo {
		const message: MessageInfo = {
			id: `sms-${String(++count).padStart(5, '0')}`,
			accountId: phoneNumber.accountId ?? '',
			customerId: phoneNumber.customerId ?? '',
			endpointId: phoneNumber.id,
			endpointDisplayName: phoneNumber.displayName,
			date,
			direction,
			otherAddress,
			sender,
			text: body,
			isUnread: direction === 'Incoming',
		};
		// Kept in date order, so a list request never sorts (the bench reads 100 pages of 10,000).
		let at = messages.length;
		while (at > 0 && messages[at - 1].date > date) at--;
		messages.splice(at, 0, message);
		conversationIdOf(message);
		return message;
	}

	function seedMessages() {
		const main = endpoints.get('end-main-line')!;
		const sales = endpoints.get('end-sales-line')!;
		for (let index = 0; index < SEEDED_MESSAGE_COUNT; index++) {
			const party = SEEDED_PARTIES[index % SEEDED_PARTIES.length];
			const incoming = index % 3 !== 2;
			const line = index % 5 === 4 ? sales : main;
			const date = iso(SEED_CLOCK_START - (SEEDED_MESSAGE_COUNT - index) * 600_000);
			store(line, incoming ? 'Incoming' : 'Outgoing', party, incoming ? `Question ${index} about my order` : `Answer ${index}: it ships today`, date, incoming ? party : 'Alex Agent');
		}
	}

	function reset() {
		messages.length = 0;
		conversationIds.clear();
		count = 0;
		seedMessages();
	}

	function phoneNumberOf(endpointId: string): EndpointInfo {
		const found = endpoints.get(endpointId);
		if (found === undefined) throw new ApiError(404, { errorCode: 'NotFound', message: `Endpoint '${endpointId}' does not exist` });
		if (found.type !== 'PhoneNumber') throw argument(`Endpoint '${endpointId}' is not a phone number and cannot send SMS`);
		return found;
	}

	function receive(inbound: InboundMessage = {}): MessageInfo {
		const phoneNumber = phoneNumberOf(inbound.endpointId ?? 'end-main-line');
		const from = inbound.from ?? SEEDED_PARTIES[0];
		return store(phoneNumber, 'Incoming', from, inbound.text ?? 'Hello, I need help with my order.', inbound.date ?? clock.tick(), from);
	}

	function addMessages(total: number, options: { direction?: MessageDirection; date?: string } = {}): MessageInfo[] {
		const main = endpoints.get('end-main-line')!;
		const added: MessageInfo[] = [];
		for (let index = 0; index < total; index++) {
			const direction = options.direction ?? (index % 2 === 0 ? 'Incoming' : 'Outgoing');
			const party = `+1555${String(index % 10_000_000).padStart(7, '0')}`;
			const date = options.date ?? clock.tick();
			added.push(store(main, direction, party, `Message ${index}`, date, direction === 'Incoming' ? party : 'Alex Agent'));
		}
		return added;
	}

	const list = (query: Record<string, string>, name: string) => (query[name] ? query[name].split(',').filter(Boolean) : []);

	/** `afterDate` as milliseconds; Evo Voice's exact reading is not documented: here it is exclusive. */
	function afterDateOf(query: Record<string, string>, requestName: string): number | undefined {
		if (!query.afterDate) return undefined;
		const parsed = Date.parse(query.afterDate);
		if (Number.isNaN(parsed)) throw unbindable(requestName, 'AfterDate', `'${query.afterDate}' is not a valid date`);
		return parsed;
	}

	function visibleMessages(query: Record<string, string>, user: SimulatorUser, requestName: string): MessageInfo[] {
		const accountIds = list(query, 'accountIds');
		const customerIds = list(query, 'customerIds');
		const endpointIds = list(query, 'endpointIds');
		const after = afterDateOf(query, requestName);
		return messages.filter(
			(message) =>
				user.accountIds.includes(message.accountId) &&
				(accountIds.length === 0 || accountIds.includes(message.accountId)) &&
				(customerIds.length === 0 || customerIds.includes(message.customerId)) &&
				(endpointIds.length === 0 || endpointIds.includes(message.endpointId)) &&
				(after === undefined || Date.parse(message.date) > after),
		);
	}

	const apiRoutes: Route[] = [
		{
			method: 'POST',
			pattern: ['messages'],
			signedIn: true,
			role: 'User',
			handle: ({ body, user }): MessageInfo => {
				const endpointId = text(body.endpointId);
				const toAddress = text(body.toAddress);
				const messageBody = typeof body.body === 'string' ? body.body : '';
				if (endpointId === '') throw notEmpty('EndpointId');
				if (toAddress === '') throw notEmpty('ToAddress');
				if (messageBody.trim() === '') throw notEmpty('Body');
				const phoneNumber = phoneNumberOf(endpointId);
				if (!user!.accountIds.includes(phoneNumber.accountId ?? '')) {
					throw new ApiError(404, { errorCode: 'NotFound', message: `Endpoint '${endpointId}' does not exist` });
				}
				if (phoneNumber.disableSms === true) throw argument(`SMS is disabled for ${phoneNumber.displayName} (${phoneNumber.phoneNumber})`);
				if (!E164.test(toAddress)) throw argument(`'${toAddress}' is not a valid E164 phone number`);
				if (UNTEXTABLE_NUMBERS.includes(toAddress)) throw argument(`'${toAddress}' cannot receive SMS messages`);
				return store(phoneNumber, 'Outgoing', toAddress, messageBody, clock.tick(), user!.name);
			},
		},
		{
			method: 'GET',
			pattern: ['messages'],
			signedIn: true,
			handle: ({ query, user }) => {
				const conversations = list(query, 'conversationIds');
				const matching = visibleMessages(query, user!, 'ListMessages').filter(
					(message) => conversations.length === 0 || conversations.includes(conversationIdOf(message)),
				);
				// By date, newest first unless asked otherwise; equal dates in the order they arrived (oldest first).
				return pageOf(query.sortOrder === 'Ascend' ? matching : matching.reverse(), query);
			},
		},
		{
			method: 'GET',
			pattern: ['conversations'],
			signedIn: true,
			handle: ({ query, user }) => {
				const latest = new Map<string, MessageInfo>();
				for (const message of visibleMessages(query, user!, 'ListConversations')) latest.set(conversationIdOf(message), message);
				const conversations: ConversationInfo[] = [...latest.entries()]
					.map(([id, message]) => ({ id, endpointId: message.endpointId, otherAddress: message.otherAddress, mostRecentMessage: message }))
					.sort((a, b) => b.mostRecentMessage.date.localeCompare(a.mostRecentMessage.date));
				return { conversations };
			},
		},
	];

	const controlRoutes: Route[] = [
		{
			method: 'POST',
			pattern: ['__simulator', 'messages', 'inbound'],
			signedIn: false,
			handle: ({ body }) =>
				receive({
					endpointId: text(body.endpointId) || undefined,
					from: text(body.from) || undefined,
					text: typeof body.text === 'string' ? body.text : undefined,
					date: text(body.date) || undefined,
				}),
		},
		{
			method: 'POST',
			pattern: ['__simulator', 'messages', 'bulk'],
			signedIn: false,
			handle: ({ body }) => ({ added: addMessages(Number(body.count) || 1).length }),
		},
	];

	reset();
	return { endpoints, messages, conversationIdOf, receive, addMessages, reset, apiRoutes, controlRoutes };
}
