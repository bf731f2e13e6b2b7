/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only */
import { readFileSync } from 'node:fs';

import { README, retrySection, withRetrySection } from '../tools/retry-section';

describe('README', () => {
	it("says what each operation does on a 429, a 5xx, a timeout and n8n's Retry On Fail, as the endpoint table decides", () => {
		const readme = readFileSync(README, 'utf8');
		// `npm run docs:retries` rewrites the section when the table or the operations change.
		expect(withRetrySection(readme, retrySection())).toBe(readme);
	});
});
