'use strict';
// Loads the native addon through the napi-rs loader (binding.cjs: a local build
// first, then the per-platform package). When nothing fits, the loader's generic
// "npm has a bug related to optional dependencies" message misleads more often than
// not (a platform without a prebuilt binary, a too-old glibc, a skipped optional
// dependency), so the error is rewritten to say which platform this is, which
// package was looked for, what actually failed, and how to build from source.
const { readFileSync } = require('node:fs');

const PACKAGE = '@event-driven-io/dumbo';

// Rust target triple → Node's platform key, as the napi-rs loader names the packages.
const ARCHES = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm' };
function platformKeyOfTarget(triple) {
  const [arch] = triple.split('-');
  const abi = /-(gnu|musl|msvc)[a-z]*$/.exec(triple)?.[1];
  if (triple.includes('-linux-')) return `linux-${ARCHES[arch] ?? arch}-${abi}`;
  if (triple.includes('-apple-darwin')) return `darwin-${ARCHES[arch] ?? arch}`;
  if (triple.includes('-windows-')) return `win32-${ARCHES[arch] ?? arch}-${abi}`;
  return triple;
}

/** Platforms with a prebuilt binary package: package.json's napi.targets. */
const PREBUILT = require('../package.json').napi.targets.map(platformKeyOfTarget);

function libc() {
  if (process.platform !== 'linux') return null;
  try {
    if (readFileSync('/usr/bin/ldd', 'utf8').includes('musl')) return 'musl';
  } catch {
    // fall through to the report
  }
  const report = /** @type {{ header?: { glibcVersionRuntime?: string } } | undefined} */ (process.report?.getReport?.());
  return report?.header?.glibcVersionRuntime ? 'gnu' : 'musl';
}

/** `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`, … */
function platformKey() {
  /** @type {string[]} */
  const parts = [process.platform, process.arch];
  if (process.platform === 'linux') parts.push(libc());
  if (process.platform === 'win32') parts.push('msvc');
  return parts.join('-');
}

function causes(error) {
  const out = [];
  for (let e = error?.cause; e && out.length < 10; e = e.cause) out.push(e);
  return out;
}

function explain(error) {
  const key = platformKey();
  const packageName = `${PACKAGE}-${key}`;
  const reasons = causes(error).map((e) => String(e?.message ?? e).split('\n')[0]);
  const lines = [
    `${PACKAGE}: no native binary could be loaded for this platform (${key}, Node.js ${process.version}).`,
  ];
  if (!PREBUILT.includes(key)) {
    lines.push(`There is no prebuilt binary for ${key}; prebuilt platforms: ${PREBUILT.join(', ')}.`);
  } else {
    lines.push(`Looked for ./dumbo.${key}.node (a local build) and the package ${packageName}.`);
    if (reasons.some((r) => /GLIBC_[0-9.]+' not found|GLIBC_[0-9.]+ not found/.test(r))) {
      lines.push('The binary needs a newer glibc than this system has.');
    } else if (reasons.some((r) => r.includes(`Cannot find module '${packageName}'`))) {
      lines.push(
        `${packageName} is not installed: it is an optionalDependency, so check that optional dependencies are not omitted (--omit=optional, --no-optional) and reinstall.`,
      );
    }
  }
  lines.push(
    'To build from source instead: install Rust (https://rustup.rs), then in a clone of the repository run `npm ci && npm run build`; or point NAPI_RS_NATIVE_LIBRARY_PATH at a built .node file.',
  );
  if (reasons.length > 0) lines.push(`What failed: ${reasons.join(' | ')}`);
  return Object.assign(new Error(lines.join('\n')), {
    code: 'ERR_DUMBO_NATIVE_BINDING',
    platform: key,
    packageName,
    cause: error,
  });
}

/**
 * The binding: what binding.d.cts declares (generated), plus the plain entries
 * binding-entries.d.cts declares (see crates/dumbo-napi/src/sqlite_calls.rs).
 * @returns {typeof import('../binding.cjs') & typeof import('../binding-entries.cjs')}
 */
function loadBinding() {
  try {
    return /** @type {any} */ (require('../binding.cjs'));
  } catch (error) {
    throw explain(error);
  }
}

module.exports = { loadBinding, platformKey, platformKeyOfTarget, explain, PREBUILT };
