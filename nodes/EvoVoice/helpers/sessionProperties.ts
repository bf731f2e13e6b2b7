import type { INodeProperties } from 'n8n-workflow';

/** Parameters that the Evo Voice node's session lists and the trigger offer alike. */

export const SIMPLIFY_PROPERTY: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return a simplified version of each session instead of the raw data: ID, display name, channel, direction, call and queue state, whether it ended, caller, account, customer, answering agent, call SID and start date',
};

/** The Filters collection of a list or the trigger: what to keep, each filter added when wanted. */
export function filtersProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The Options collection: settings with sensible defaults, each added when wanted. */
export function optionsProperty(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}
