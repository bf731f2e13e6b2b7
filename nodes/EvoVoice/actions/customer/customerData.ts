/**
 * A customer's custom data fields: typed as name/value pairs or given as one JSON object, and
 * sent as Evo Voice's Struct, where each value names its kind ({"stringValue": "East"}).
 */
import type { INodeProperties } from 'n8n-workflow';

import type { Struct, StructValue } from '../../transport/dto';
import type { ItemRun } from '../itemRun';

export type DataMode = 'none' | 'fields' | 'json';

/** The Data parameters: how they are given, the name/value pairs, the JSON object. */
export function dataProperties(modes: DataMode[], fallback: DataMode): INodeProperties[] {
	const names: Record<DataMode, { name: string; description: string }> = {
		none: { name: 'Leave Unchanged', description: 'Send no data fields' },
		fields: { name: 'Fields', description: 'Name/value pairs, each value sent as text' },
		json: { name: 'JSON', description: 'One JSON object: text, numbers, true/false, objects and lists of objects' },
	};
	return [
		{
			displayName: 'Data Fields',
			name: 'dataMode',
			type: 'options',
			options: modes.map((mode) => ({ value: mode, ...names[mode] })),
			default: fallback,
			description: "How to give the customer's custom data fields",
		},
		{
			displayName: 'Data',
			name: 'dataFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Data Field',
			default: {},
			displayOptions: { show: { dataMode: ['fields'] } },
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Region', description: 'The data field\'s name, as the account defines it' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. East', description: 'The data field\'s value' },
					],
				},
			],
		},
		{
			displayName: 'Data (JSON)',
			name: 'dataJson',
			type: 'json',
			default: '{}',
			displayOptions: { show: { dataMode: ['json'] } },
			description: 'The data fields as one object, e.g. {"Region": "East", "Seats": 12, "Vip": true}',
		},
	];
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	return Array.isArray(value) ? 'a list' : typeof value;
}

/** A JSON value as a Struct value; `where` names it in an error ("Seats", "Address.City"). */
function structValueOf(item: ItemRun, where: string, value: unknown): StructValue {
	if (typeof value === 'string') return { stringValue: value };
	if (typeof value === 'number' && Number.isFinite(value)) return { numberValue: value };
	if (typeof value === 'boolean') return { boolValue: value };
	if (Array.isArray(value)) {
		return { listValue: value.map((entry, index) => structOf(item, `${where}[${index}]`, entry)) };
	}
	if (typeof value === 'object' && value !== null) return { structValue: structOf(item, where, value) };
	throw item.fail('dataJson', `gives "${where}" a value Evo Voice cannot store`, {
		got: kindOf(value),
		description: 'A data field is text, a number, true/false, an object, or a list of objects.',
	});
}

function structOf(item: ItemRun, where: string, value: unknown): Struct {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw item.fail('dataJson', `must be a JSON object${where ? ` at "${where}"` : ''}`, { got: kindOf(value) });
	}
	const struct: Struct = {};
	for (const [name, entry] of Object.entries(value)) {
		if (name.trim() === '') throw item.fail('dataJson', 'has a data field with an empty name');
		struct[name] = structValueOf(item, where ? `${where}.${name}` : name, entry);
	}
	return struct;
}

function fromJson(item: ItemRun): Struct {
	let value = item.value('dataJson', '{}');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value) as unknown;
		} catch {
			throw item.fail('dataJson', 'is not valid JSON', { description: 'Give one object, e.g. {"Region": "East"}.' });
		}
	}
	return structOf(item, '', value);
}

function fromFields(item: ItemRun): Struct {
	const fields = item.value('dataFields.field', []);
	if (!Array.isArray(fields)) throw item.fail('dataFields', 'must be a list of name/value pairs', { got: kindOf(fields) });
	const struct: Struct = {};
	fields.forEach((field: { name?: unknown; value?: unknown }, index) => {
		const name = typeof field?.name === 'string' ? field.name.trim() : '';
		if (name === '') throw item.fail('dataFields', `has a data field with an empty name (field ${index + 1})`);
		if (name in struct) throw item.fail('dataFields', `names the data field "${name}" twice`);
		const value = field.value ?? '';
		if (typeof value === 'object') {
			throw item.fail('dataFields', `gives the data field "${name}" a value that is not text`, { got: kindOf(value) });
		}
		struct[name] = { stringValue: String(value) };
	});
	return struct;
}

/** The data fields the user gave, or undefined when they gave none (Leave Unchanged, or no pairs). */
export function customerData(item: ItemRun, fallback: DataMode): Struct | undefined {
	const mode = item.oneOf<DataMode>('dataMode', ['none', 'fields', 'json'], fallback);
	if (mode === 'none') return undefined;
	const struct = mode === 'json' ? fromJson(item) : fromFields(item);
	return Object.keys(struct).length > 0 || mode === 'json' ? struct : undefined;
}
