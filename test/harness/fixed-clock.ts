/**
 * Every timer function n8n and the HTTP client use stays real; only `Date` (both `Date.now()`
 * and `new Date()`) is frozen, at the simulator's seeded "now".
 */
export function freezeDateAt(now: number) {
	jest.useFakeTimers({
		now,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}
