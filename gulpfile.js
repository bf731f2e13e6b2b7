// Copies what tsc does not emit (icons and other static files) into dist, keeping each
// file's path so `file:` icon references resolve the same way from dist as from source.
const { src, dest } = require('gulp');

const STATIC_FILES = ['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'];

function copyStaticFiles() {
	return src(STATIC_FILES, { base: '.', encoding: false, allowEmpty: true }).pipe(dest('dist'));
}

exports.default = copyStaticFiles;
