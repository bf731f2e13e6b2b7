/**
 * The e2e files' order: the trigger's restart and edit tests first. They wait the longest (many of n8n's minute
 * polls, and a restart), and jest, without timings from an earlier run (a fresh clone), starts the
 * biggest files first, which put these small ones last, with one worker left idle at the end.
 */
const Sequencer = require('@jest/test-sequencer').default;

const waitsLongest = (test) => (/\/trigger-(restart|edited)[^/]*\.e2e\.test\.ts$/.test(test.path) ? 0 : 1);

module.exports = class RestartTestsFirst extends Sequencer {
	sort(tests) {
		// Array sort is stable: within each group, jest's own order (timings, then size) stays.
		return [...super.sort(tests)].sort((a, b) => waitsLongest(a) - waitsLongest(b));
	}
};
