/**
 * What the editor must show for each operation, derived from the node's declarations
 * (`RESOURCES`), so an operation added there is walked by `npm run test:editor` with no edit here:
 * the panel's parameter labels in order, its notices, and its list pickers.
 */
import type { INodeProperties } from 'n8n-workflow';

import { CURRENT_VERSION } from '../../../nodes/EvoVoice/actions/declaration';
import { RESOURCES } from '../../../nodes/EvoVoice/actions/resources';
import type { SessionInfo } from '../../../nodes/EvoVoice/transport/dto';

export interface PickerExpectation {
	/** The parameter's name (`resource-locator-<name>` in the editor) and its label. */
	parameter: string;
	label: string;
	/** The listSearch method the picker calls. */
	method: string;
}

export interface PanelExpectation {
	resource: { value: string; name: string };
	operation: { value: string; name: string; action: string };
	/** Every visible parameter label in the panel, top to bottom, as a new node shows them. */
	labels: string[];
	/** Notice texts the panel shows. */
	notices: string[];
	pickers: PickerExpectation[];
	/** Why the declaration cannot be read (a display condition naming no parameter): a failure of its own. */
	declarationProblem?: string;
}

type ParameterValue = INodeProperties['default'];

/**
 * Whether a parameter shows on a new node: its `show`/`hide` conditions read against its
 * siblings' defaults. Only plain value lists are understood; anything else (n8n's `_cnd`
 * conditions) fails loudly, so the walk is extended rather than silently wrong.
 */
function shownOnNewNode(property: INodeProperties, siblings: INodeProperties[]): boolean {
	const valueOf = (name: string): ParameterValue => {
		if (name === '@version') return CURRENT_VERSION;
		// The walk opens the node itself, not the Tool copy n8n makes of it for AI agents.
		if (name === '@tool') return false;
		const sibling = siblings.find((candidate) => candidate.name === name);
		if (!sibling) throw new Error(`${property.name}'s displayOptions name ${name}, which this operation does not declare`);
		return sibling.default;
	};
	const matches = (name: string, allowed: unknown[] | undefined) => {
		if (!allowed) return false;
		for (const value of allowed) {
			if (typeof value === 'object' && value !== null) {
				throw new Error(`${property.name}'s displayOptions use a condition the editor walk does not evaluate yet`);
			}
		}
		return allowed.includes(valueOf(name));
	};
	const { show = {}, hide = {} } = property.displayOptions ?? {};
	return (
		Object.entries(show).every(([name, allowed]) => matches(name, allowed as unknown[])) &&
		!Object.entries(hide).some(([name, allowed]) => matches(name, allowed as unknown[]))
	);
}

function pickerOf(property: INodeProperties): PickerExpectation | undefined {
	if (property.type !== 'resourceLocator') return undefined;
	const list = property.modes?.find((mode) => mode.type === 'list');
	const method = list?.typeOptions?.searchListMethod;
	return method ? { parameter: property.name, label: property.displayName, method } : undefined;
}

/** Every current operation of every resource, in the order the node declares them. */
export function panelExpectations(): PanelExpectation[] {
	return RESOURCES.flatMap((resource) =>
		resource.operations.map((declaration) => {
			let declarationProblem: string | undefined;
			const shown = declaration.properties.filter((property) => {
				if (property.type === 'hidden') return false;
				try {
					return shownOnNewNode(property, declaration.properties);
				} catch (error) {
					declarationProblem = (error as Error).message;
					return true;
				}
			});
			return {
				declarationProblem,
				resource: { value: resource.resource, name: resource.name },
				operation: { value: declaration.operation, name: declaration.name, action: declaration.action },
				// Every operation ends with the Options collection (declaration.ts adds it).
				labels: [
					'Resource',
					'Operation',
					...shown.filter((property) => property.type !== 'notice').map((property) => property.displayName),
					'Options',
				],
				notices: shown.filter((property) => property.type === 'notice').map((property) => property.displayName),
				pickers: shown.map(pickerOf).filter((picker): picker is PickerExpectation => picker !== undefined),
			};
		}),
	);
}

/**
 * The simulator's records each Session picker must list, by listSearch method. A picker whose
 * method is not here (a new one) is still opened, and must list records and narrow them by its
 * search text; add its records here to check which.
 */
export const SESSION_PICKER_RECORDS: Record<string, (session: SessionInfo) => boolean> = {
	searchActiveSessions: (session) => !session.ended,
	searchVoiceSessions: (session) => !session.ended && session.channel === 'Voice',
	searchChatSessions: (session) => !session.ended && session.channel === 'Chat',
	searchRecentSessions: () => true,
	searchRecentChatSessions: (session) => session.channel === 'Chat',
};
