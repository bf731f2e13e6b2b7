/**
 * One input item's run of an operation: reads and checks its parameters before any request (each
 * error names the parameter, as the operation declares it, and the item), calls Evo Voice with
 * the item's Timeout, and makes its output items, paired with the input item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AnswerOf, EndpointInput, EndpointName, EndpointOptions, EvoVoiceClient } from '../transport';
import { DEFAULT_TIMEOUT_SECONDS, callEndpoint } from '../transport';
import type { SessionInfo } from '../transport/dto';
import { simplifySession, toolRecord, toolSession } from '../helpers/simplify';
import type { OperationDeclaration } from './declaration';
import { MAX_TIMEOUT_SECONDS, requestOptionsProperty } from './parameters';

/** Every parameter path of a declaration ("destination", "additionalFields.callSid") → its display name. */
const displayNamesByDeclaration = new WeakMap<OperationDeclaration, Map<string, string>>();

function collectDisplayNames(properties: readonly INodeProperties[], prefix: string, into: Map<string, string>) {
	for (const property of properties) {
		const path = `${prefix}${property.name}`;
		if (!into.has(path)) into.set(path, property.displayName);
		for (const option of property.options ?? []) {
			if ('values' in option && Array.isArray(option.values)) {
				collectDisplayNames(option.values, `${path}.${option.name}.`, into);
			} else if ('type' in option) {
				collectDisplayNames([option as INodeProperties], `${path}.`, into);
			}
		}
	}
}

function displayNamesOf(declaration: OperationDeclaration): Map<string, string> {
	let names = displayNamesByDeclaration.get(declaration);
	if (names === undefined) {
		names = new Map();
		collectDisplayNames([...declaration.properties, requestOptionsProperty(declaration.options)], '', names);
		displayNamesByDeclaration.set(declaration, names);
	}
	return names;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;
// Half of a UTF-16 surrogate pair cannot be percent-encoded into a URL.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits with the usual separators, optionally in E.164 form.
const PHONE_NUMBER = /^\+?[0-9][0-9 ().-]{2,}[0-9]$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const BINARY_PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
// Keys that would reach an object's prototype rather than name a field.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether the node runs as an AI agent's or MCP client's tool. n8n makes a tool of a node by
 * copying its type with "Tool" added to the name (evoVoice → evoVoiceTool), and that is the type
 * the tool node runs under, whether an agent calls it through n8n's engine (Agent 3.x) or
 * directly (MCP Server Trigger, earlier agents); n8n's own `@tool` display condition reads the same.
 */
export function runsAsTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('Tool');
}

export class ItemRun {
	private timeoutMs?: number;

	/** Whether a model reads the output: records are lean, lists say what they left out, no binary. */
	readonly asTool: boolean;

	/** A list tool's Limit (one more record is read to learn whether more exist), and the full count where known. */
	private listed?: { limit: number; total?: number };

	constructor(
		readonly context: IExecuteFunctions,
		readonly itemIndex: number,
		readonly client: EvoVoiceClient,
		private readonly declaration: OperationDeclaration,
	) {
		this.asTool = runsAsTool(context);
	}

	/** The name a user sees for a parameter path. */
	private nameOf(path: string): string {
		return displayNamesOf(this.declaration).get(path) ?? path;
	}

	/** A NodeOperationError about a parameter of this item, failing before any request. */
	fail(path: string, problem: string, details: { got?: string; description?: string } = {}): NodeOperationError {
		const got = details.got === undefined ? '' : `, got ${details.got}`;
		const kind = path.startsWith('options.') ? 'option' : 'parameter';
		return new NodeOperationError(
			this.context.getNode(),
			`The "${this.nameOf(path)}" ${kind} ${problem} for item ${this.itemIndex}${got}`,
			{ itemIndex: this.itemIndex, ...(details.description ? { description: details.description } : {}) },
		);
	}

	/**
	 * A parameter's value as n8n resolved it (a dotted path reads inside a collection); a field
	 * left out of its collection is `fallback`, or null.
	 */
	value(path: string, fallback: unknown = null, options: { extractValue?: boolean } = {}): unknown {
		return this.context.getNodeParameter(path, this.itemIndex, fallback as never, options) as unknown;
	}

	/** Optional text: blank is undefined; anything but text (or a number) fails. */
	optionalText(path: string, options: { extractValue?: boolean } = {}): string | undefined {
		const value = this.value(path, '', options);
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'string' && typeof value !== 'number') throw this.fail(path, 'must be text');
		const text = String(value).trim();
		return text === '' ? undefined : text;
	}

	/**
	 * Required text. Trimmed, unless it is sent as written (a message: its spaces and new lines
	 * are part of it), where only an empty value is refused.
	 */
	text(path: string, options: { extractValue?: boolean; asWritten?: boolean } = {}): string {
		const value = this.value(path, '', { extractValue: options.extractValue });
		const text = typeof value === 'number' ? String(value) : value;
		if (typeof text === 'object' && text !== null) {
			throw this.fail(path, 'must be text', {
				got: Array.isArray(text) ? 'a list' : 'an object',
				description: `Check the expression that fills "${this.nameOf(path)}": it should give one text value.`,
			});
		}
		const empty = typeof text !== 'string' || (options.asWritten ? text === '' : text.trim() === '');
		if (empty) {
			throw this.fail(path, 'is required but is empty', {
				description: `Set "${this.nameOf(path)}", or check the expression that fills it.`,
			});
		}
		return options.asWritten ? (text as string) : (text as string).trim();
	}

	/**
	 * An ID that goes into a request path: an ID of only dots would be read by URL parsers as a
	 * path step, and a lone surrogate cannot be encoded at all.
	 */
	id(path: string): string {
		const id = this.text(path, { extractValue: true });
		if (/^\.+$/.test(id) || LONE_SURROGATE.test(id)) {
			throw this.fail(path, `${JSON.stringify(id)} is not a valid ID`, {
				description: 'An ID may not be made of dots only or contain broken Unicode characters.',
			});
		}
		return id;
	}

	/** An optional ID (a picker's value or a typed one): blank is undefined, otherwise as id(). */
	optionalId(path: string): string | undefined {
		const value = this.value(path, '', { extractValue: true });
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
		return this.id(path);
	}

	/**
	 * The name of a binary field to fill: `data` when the option is not set; set, it must be a
	 * plain name (letters, digits, `_`, `-`), as n8n's expressions read it ($binary.name).
	 */
	binaryPropertyName(path: string): string {
		const value = this.value(path, 'data');
		if (typeof value !== 'string' || value.trim() === '') {
			throw this.fail(path, 'is required but is empty', { got: JSON.stringify(value) });
		}
		const name = value.trim();
		if (!BINARY_PROPERTY_NAME.test(name) || FORBIDDEN_KEYS.has(name)) {
			throw this.fail(path, 'must be a plain name of letters, digits, _ or - (not starting with a digit)', {
				got: `"${name}"`,
			});
		}
		return name;
	}

	sessionId(): string {
		return this.id('sessionId');
	}

	/** A party to dial or invite: a phone number or an Evo Voice user's email address. */
	phoneOrEmail(path: string): string {
		const value = this.text(path);
		if (!EMAIL.test(value) && !PHONE_NUMBER.test(value)) {
			throw this.fail(path, 'must be a phone number or an email address', { got: `"${value}"` });
		}
		return value;
	}

	/** A phone number in E.164 form, after dropping the usual separators (spaces, dashes, dots, brackets). */
	e164(path: string, value: string): string {
		const compact = value.replace(/[\s().-]/g, '');
		if (!E164.test(compact)) {
			throw this.fail(path, 'must be an E.164 phone number such as +18144043093', { got: `"${value}"` });
		}
		return compact;
	}

	/** A value from a fixed list; anything else fails. */
	oneOf<T extends string>(path: string, allowed: readonly T[], fallback?: T): T {
		const value = this.value(path, fallback);
		if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
		throw this.fail(path, `must be one of ${allowed.join(', ')}`, { got: `"${String(value)}"` });
	}

	/** An optional Yes/No; anything but a boolean fails. */
	optionalBoolean(path: string): boolean | undefined {
		const value = this.value(path);
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'boolean') throw this.fail(path, 'must be true or false', { got: JSON.stringify(value) });
		return value;
	}

	/**
	 * An optional date as ISO 8601, the only form Evo Voice is sure to read the same way: a
	 * YYYY-MM-DD date stays as it is, a date-time with an offset is sent in UTC, one without an
	 * offset as typed. Anything else (`2026`, `March 7`, an RFC 2822 date) fails.
	 */
	date(path: string, options: { dateOnly?: boolean } = {}): string | undefined {
		const value = this.optionalText(path);
		if (value === undefined) return undefined;
		const parsed = Date.parse(value);
		const shaped = ISO_DATE.test(value) || (!options.dateOnly && ISO_DATE_TIME.test(value));
		if (!shaped || Number.isNaN(parsed)) {
			const example = options.dateOnly ? '2026-11-24' : '2026-11-24 or 2026-11-24T09:00:00Z';
			throw this.fail(path, `must be an ISO 8601 date such as ${example}`, {
				got: `"${value}"`,
				description: 'In an expression, format the date, e.g. {{ $now.toISODate() }}.',
			});
		}
		return HAS_OFFSET.test(value) ? new Date(parsed).toISOString() : value;
	}

	/**
	 * The Limit of a list operation, or Infinity under Return All. As a tool it is one more than
	 * the Limit: that extra record, cut off by toolOutput, tells whether more exist.
	 */
	limit(): number {
		if (this.value('returnAll', false) === true) return Infinity;
		const limit = this.value('limit', 50);
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
			throw this.fail('limit', 'must be a whole number of at least 1', { got: String(limit) });
		}
		if (!this.asTool) return limit;
		this.listed = { limit };
		return limit + 1;
	}

	/** How many records the whole list has, where an operation reads them all anyway (a tool says how many it left out). */
	countAll(total: number): void {
		if (this.listed) this.listed.total = total;
	}

	/**
	 * Whether to simplify records: the Simplify switch, or where the operation has none,
	 * `fallback`, and always as a tool (a model pays for every field).
	 */
	simplified(fallback: boolean): boolean {
		return this.value('simplify', this.asTool || fallback) === true;
	}

	/**
	 * What a tool hands the model: lean records (toolRecord), at most Limit of them, then a note
	 * saying how many more exist (or that more do), and no binary data: a file's record says where
	 * its bytes are instead.
	 */
	toolOutput(items: INodeExecutionData[]): INodeExecutionData[] {
		if (!this.asTool) return items;
		const output = items.map((entry) => {
			const json = toolRecord(entry.json);
			if (entry.binary !== undefined) json.bytes = bytesNote(entry.json);
			return { json, pairedItem: entry.pairedItem };
		});
		if (this.listed === undefined || output.length <= this.listed.limit) return output;
		const { limit, total } = this.listed;
		const more = total === undefined ? 'More results exist' : `${total - limit} more results exist`;
		return [
			...output.slice(0, limit),
			this.item({ note: `${more} than the ${limit} shown: raise Limit or narrow the filters to see them.` }),
		];
	}

	/** The item's Timeout, checked once, before its first request. */
	get call(): EndpointOptions {
		if (this.timeoutMs === undefined) {
			const timeout = this.value('options.timeout', DEFAULT_TIMEOUT_SECONDS);
			if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0 || timeout > MAX_TIMEOUT_SECONDS) {
				throw this.fail('options.timeout', `must be a number of seconds between 1 and ${MAX_TIMEOUT_SECONDS}`, {
					got: JSON.stringify(timeout),
				});
			}
			this.timeoutMs = timeout * 1000;
		}
		return { itemIndex: this.itemIndex, timeoutMs: this.timeoutMs };
	}

	/** Calls an endpoint of the table for this item. */
	async request<N extends EndpointName>(name: N, input: EndpointInput = {}): Promise<AnswerOf<N>> {
		return await callEndpoint(this.client, name, input, this.call);
	}

	/** An output item for a record, paired with this input item. */
	item(record: object): INodeExecutionData {
		return { json: record as IDataObject, pairedItem: { item: this.itemIndex } };
	}

	/** The one output item of an operation that answers with one record. */
	output(record: object): INodeExecutionData[] {
		return [this.item(record)];
	}

	/**
	 * A session as an output item, simplified when the Simplify switch is on (`fallback` when it
	 * is absent); a tool's simplified session is leaner still.
	 */
	session(session: SessionInfo, fallback = false): INodeExecutionData {
		return this.sessionShaper(fallback)(session);
	}

	/** Makes sessions output items as session() does, reading the Simplify switch once for a whole list. */
	sessionShaper(fallback: boolean): (session: SessionInfo) => INodeExecutionData {
		if (!this.simplified(fallback)) return (session) => this.item(session);
		const shape = this.asTool ? toolSession : simplifySession;
		return (session) => this.item(shape(session));
	}

	/** Whether to fetch files' bytes: as asked, except as a tool, which never hands bytes to a model. */
	downloads(asked: boolean): boolean {
		return asked && !this.asTool;
	}
}

/** Where a file's bytes are, for a model that gets its record only. */
export function bytesNote(file: IDataObject): string {
	const id = typeof file.id === 'string' ? ` ${file.id}` : '';
	return `Not given to AI tools. Evo Voice keeps them with file${id}; a workflow gets them with Evo Voice → File → Download.`;
}
