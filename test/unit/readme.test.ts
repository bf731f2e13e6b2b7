/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only */
import { readFileSync } from 'node:fs';

import { RESOURCES } from '../../nodes/EvoVoice/actions/resources';
import { README, retrySection, withRetrySection } from '../tools/retry-section';

/** The `###` headings of one `##` section of the README. */
function headingsOf(readme: string, section: string): string[] {
	const text = readme.split(/^## /m).find((part) => part.startsWith(`${section}\n`));
	if (text === undefined) throw new Error(`README.md has no "## ${section}" section`);
	return [...text.matchAll(/^### (.+)$/gm)].map(([, heading]) => heading.trim());
}

describe('README', () => {
	const readme = readFileSync(README, 'utf8');

	it("says what each operation does on a 429, a 5xx, a timeout and n8n's Retry On Fail, as the endpoint table decides", () => {
		// `npm run docs:retries` rewrites the section when the table or the operations change.
		expect(withRetrySection(readme, retrySection())).toBe(readme);
	});

	it('documents every operation the node declares, and no other, under "### <Resource> → <Operation>"', () => {
		const declared = RESOURCES.flatMap((resource) =>
			resource.operations.map((operation) => `${resource.name} → ${operation.name}`),
		);
		// Sorted: the README may order its operations for reading; a missing or extra one shows in the diff.
		expect(headingsOf(readme, 'Operations').sort()).toEqual(declared.sort());
	});
});
