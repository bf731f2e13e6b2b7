/**
 * The trigger's "Message Received" event: each inbound SMS once. Evo Voice has no push, so each
 * poll reads ListMessages from a cursor (the newest message date seen and the ids seen at that
 * date) oldest first, reports the new Incoming ones and moves the cursor on. The cursor lives in
 * its own key of the node's static data and is written only once the whole poll succeeded.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EvoVoiceClient, callEndpoint } from '../EvoVoice/transport';
import type { ListMessages, MessageInfo } from '../EvoVoice/transport/dto';

export const MESSAGE_RECEIVED = 'messageReceived';

/** ListMessages page size, and the pages one poll reads at most (also bounded by n8n's poll budget). */
export const MESSAGE_PAGE_SIZE = 100;
export const MAX_MESSAGE_PAGES_PER_POLL = 10;
/**
 * `afterDate` is sent this much before the cursor: whether Evo Voice reads it inclusively, and to
 * which precision, is not documented, and a message at the cursor's own instant must still come.
 */
const AFTER_DATE_MARGIN_MS = 1000;
/** Without n8n's poll budget (before n8n-workflow 2.41), a poll stops reading after this long. */
const DEFAULT_POLL_BUDGET_MS = 30_000;
const STATE_KEY = 'messages';

/** The cursor: every message up to `date` is accounted for, and at `date` exactly those in `ids`. */
export interface MessageCursor {
	v: 1;
	/** ISO date of the newest message seen; absent when no message existed at the baseline. */
	date?: string;
	ids: string[];
}

export interface MessageFilters {
	/** Receiving phone numbers: endpoint IDs, comma-separated. */
	phoneNumberIds?: string;
}

/** What one poll found: the items, and the cursor to keep once the whole poll has succeeded. */
export interface MessagePoll {
	items: INodeExecutionData[];
	save(): void;
}

function isCursor(value: unknown): value is MessageCursor {
	const cursor = value as MessageCursor | undefined;
	return (
		typeof cursor === 'object' &&
		cursor !== null &&
		cursor.v === 1 &&
		(cursor.date === undefined || !Number.isNaN(Date.parse(cursor.date))) &&
		Array.isArray(cursor.ids)
	);
}

function endpointIdsOf(filters: MessageFilters): string[] {
	return (filters.phoneNumberIds ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
}

function itemOf(message: MessageInfo): INodeExecutionData {
	return { json: { event: MESSAGE_RECEIVED, ...message } as IDataObject };
}

class MessageReader {
	private readonly client: EvoVoiceClient;

	private readonly endpointIds: string[];

	constructor(
		private readonly context: IPollFunctions,
		filters: MessageFilters,
	) {
		this.client = new EvoVoiceClient(context);
		this.endpointIds = endpointIdsOf(filters);
	}

	/** One ListMessages page; records without a usable date are skipped and logged. */
	async page(query: ListMessages): Promise<{ messages: MessageInfo[]; hasMorePages: boolean }> {
		const answer = await callEndpoint(this.client, 'ListMessages', {
			query: {
				...query,
				...(this.endpointIds.length > 0 ? { endpointIds: this.endpointIds.join(',') } : {}),
				sortField: 'Date',
				countPerPage: MESSAGE_PAGE_SIZE,
				simplifiedPaging: true,
			},
		});
		const messages = answer.items.filter((message) => {
			if (typeof message.date === 'string' && !Number.isNaN(Date.parse(message.date))) return true;
			this.context.logger.warn('Evo Voice Trigger: skipped a ListMessages record without a usable date', {
				id: message.id,
				date: String(message.date),
			});
			return false;
		});
		return { messages, hasMorePages: answer.hasMorePages === true && answer.items.length > 0 };
	}

	/** An inbound message on one of the chosen numbers (Evo Voice filters by number too; this makes sure). */
	isReported(message: MessageInfo): boolean {
		return message.direction === 'Incoming' && (this.endpointIds.length === 0 || this.endpointIds.includes(message.endpointId));
	}
}

/** The cursor at the newest of `messages`, or `cursor` when none is newer. */
function advance(cursor: MessageCursor, messages: MessageInfo[]): MessageCursor {
	let newest = cursor.date === undefined ? -Infinity : Date.parse(cursor.date);
	let ids = new Set(cursor.ids);
	for (const message of messages) {
		const at = Date.parse(message.date);
		if (at > newest) {
			newest = at;
			ids = new Set();
		}
		if (at === newest) ids.add(message.id);
	}
	return newest === -Infinity ? cursor : { v: 1, date: new Date(newest).toISOString(), ids: [...ids].sort() };
}

/** Whether the cursor has not accounted for `message` yet. */
function isNew(cursor: MessageCursor, message: MessageInfo): boolean {
	if (cursor.date === undefined) return true;
	const at = Date.parse(message.date);
	const since = Date.parse(cursor.date);
	return at > since || (at === since && !cursor.ids.includes(message.id));
}

/**
 * One scheduled poll. The first one records the newest message as the baseline and reports
 * nothing. Later ones read oldest first from the cursor, page by page, while n8n's budget and
 * the page cap allow; the rest of a burst is read at the next poll, from where this one stopped.
 */
async function poll(context: IPollFunctions, reader: MessageReader): Promise<MessagePoll> {
	const staticData = context.getWorkflowStaticData('node');
	const previous = isCursor(staticData[STATE_KEY]) ? staticData[STATE_KEY] : undefined;
	const keep = (cursor: MessageCursor) => () => {
		if (JSON.stringify(cursor) !== JSON.stringify(previous)) staticData[STATE_KEY] = cursor as unknown as IDataObject;
	};
	if (previous === undefined) {
		const { messages } = await reader.page({ sortOrder: 'Descend', page: 0 });
		return { items: [], save: keep(advance({ v: 1, ids: [] }, messages)) };
	}
	const deadline = Date.now() + (context.getPollBudgetMs?.() ?? DEFAULT_POLL_BUDGET_MS) / 2;
	const afterDate =
		previous.date === undefined ? undefined : new Date(Date.parse(previous.date) - AFTER_DATE_MARGIN_MS).toISOString();
	const fresh = new Map<string, MessageInfo>();
	let cut = false;
	for (let page = 0; ; page++) {
		if (page >= MAX_MESSAGE_PAGES_PER_POLL || Date.now() > deadline) {
			cut = true;
			break;
		}
		const { messages, hasMorePages } = await reader.page({ sortOrder: 'Ascend', page, afterDate });
		for (const message of messages) if (isNew(previous, message)) fresh.set(message.id, message);
		if (!hasMorePages) break;
	}
	if (cut) {
		context.logger.warn('Evo Voice Trigger: more messages arrived than one poll reads; the rest is read at the next poll');
	}
	// Oldest first, as they arrived; equal dates keep Evo Voice's order.
	const ordered = [...fresh.values()].sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
	return {
		items: ordered.filter((message) => reader.isReported(message)).map(itemOf),
		save: keep(advance(previous, ordered)),
	};
}

/**
 * Fetch Test Event: the newest inbound message, without touching the cursor. When this is the
 * only event and there is none, say so rather than show nothing.
 */
async function sample(context: IPollFunctions, reader: MessageReader, only: boolean): Promise<MessagePoll> {
	const { messages } = await reader.page({ sortOrder: 'Descend', page: 0 });
	const newest = messages.filter((message) => reader.isReported(message)).sort((a, b) => Date.parse(b.date) - Date.parse(a.date))[0];
	if (newest === undefined && only) {
		throw new NodeOperationError(context.getNode(), 'Evo Voice has no received SMS to show yet', {
			description:
				'Fetch Test Event shows the newest inbound message among the 100 most recent messages (of the chosen phone numbers). Text one of your numbers and fetch again.',
		});
	}
	return { items: newest === undefined ? [] : [itemOf(newest)], save: () => {} };
}

/** The Message Received part of a poll: in manual mode a sample, otherwise the new inbound messages. */
export async function readMessageEvents(context: IPollFunctions, filters: MessageFilters, only: boolean): Promise<MessagePoll> {
	const reader = new MessageReader(context, filters);
	return context.getMode() === 'manual' ? await sample(context, reader, only) : await poll(context, reader);
}

/** The poll's output with the message items after the session items; the message cursor is kept now that all succeeded. */
export function withMessages(
	output: INodeExecutionData[][] | null,
	messages: MessagePoll | undefined,
): INodeExecutionData[][] | null {
	if (messages === undefined) return output;
	messages.save();
	const items = [...(output?.[0] ?? []), ...messages.items];
	return items.length > 0 ? [items] : null;
}
