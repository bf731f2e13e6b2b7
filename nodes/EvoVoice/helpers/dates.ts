import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * A date parameter as ISO 8601, the only form Evo Voice is sure to read the same way: a
 * YYYY-MM-DD date stays as it is, a date-time with an offset is sent in UTC, one without an
 * offset as typed. Anything else (`2026`, `March 7`, an RFC 2822 date) fails before a request.
 */
export function isoDateOf(
	context: IExecuteFunctions,
	value: string | undefined,
	displayName: string,
	itemIndex: number,
	options: { dateOnly?: boolean } = {},
): string | undefined {
	if (value === undefined) return undefined;
	const parsed = Date.parse(value);
	const shaped = ISO_DATE.test(value) || (!options.dateOnly && ISO_DATE_TIME.test(value));
	if (!shaped || Number.isNaN(parsed)) {
		const example = options.dateOnly ? '2026-11-24' : '2026-11-24 or 2026-11-24T09:00:00Z';
		throw new NodeOperationError(
			context.getNode(),
			`The "${displayName}" parameter must be an ISO 8601 date such as ${example} for item ${itemIndex}, got "${value}"`,
			{ itemIndex, description: 'In an expression, format the date, e.g. {{ $now.toISODate() }}.' },
		);
	}
	return HAS_OFFSET.test(value) ? new Date(parsed).toISOString() : value;
}
