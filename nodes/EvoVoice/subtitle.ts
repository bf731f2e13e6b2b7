import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The canvas subtitle as words ("Hold a session"), taken from each operation's `action` so the
 * two cannot drift apart. Keys are `resource.operation`: several resources share an operation name.
 */
export function subtitleOf(properties: INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation') continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				if (option.action) actions[`${String(resource)}.${String(option.value)}`] = option.action;
			}
		}
	}
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + "." + $parameter["operation"]] }}`;
}
