# Shared helpers for the scripts in this folder. Source it; do not run it.
#
# Every ensure_* function is idempotent: it checks, installs only what is missing, and says
# what it installs, so the scripts work on a fresh Debian machine that has only Rust
# (rustup), Node and Python.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Tools that `cargo install` puts here must be found even in a shell that never sourced
# ~/.cargo/env (CI).
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
    *":$CARGO_BIN:"*) ;;
    *) export PATH="$CARGO_BIN:$PATH" ;;
esac

# say MESSAGE: print what is being done.
say() {
    printf '==> %s\n' "$*"
}

# die MESSAGE: print why we stop, and stop.
die() {
    printf '==> FAILED: %s\n' "$*" >&2
    exit 1
}

# as_root COMMAND...: run a command as root (directly, or with sudo when there is one).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (and sudo is not installed)"
    fi
}

# ensure_rust_tools: rustfmt and clippy (absent from rustup's minimal profile).
ensure_rust_tools() {
    command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust with rustup first"
    local comp
    for comp in rustfmt clippy; do
        if ! cargo "${comp/rustfmt/fmt}" --version >/dev/null 2>&1; then
            say "installing the rustup component $comp"
            rustup component add "$comp"
        fi
    done
}

# ensure_wasm_target: the Rust standard library for wasm32-unknown-unknown.
ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        say "installing the Rust target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
}

# wasm_bindgen_lock_version: the wasm-bindgen version Cargo.lock pins. The CLI must match it
# exactly, or wasm-bindgen refuses the module.
wasm_bindgen_lock_version() {
    grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" \
        | sed -n 's/^version = "\(.*\)"$/\1/p' | head -n1
}

# ensure_wasm_bindgen: wasm-bindgen and wasm-bindgen-test-runner at the locked version.
ensure_wasm_bindgen() {
    local want have_bindgen have_runner
    want="$(wasm_bindgen_lock_version)"
    [ -n "$want" ] || die "no wasm-bindgen entry in Cargo.lock (run cargo generate-lockfile)"
    have_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
    if [ "$have_bindgen" != "$want" ] || [ "$have_runner" != "$want" ]; then
        say "installing wasm-bindgen-cli $want (found: ${have_bindgen:-none}); this takes a few minutes"
        # Not --locked: the CLI's own lock file can name crates that no longer build on the
        # current toolchain; the version pin is what has to match.
        cargo install wasm-bindgen-cli --version "$want"
    fi
}

# ensure_node_modules: the page's tooling (wasm-opt from binaryen, playwright-core).
ensure_node_modules() {
    command -v npm >/dev/null 2>&1 || die "npm not found: install Node.js 20 or later"
    cd "$ROOT"
    if [ -f package-lock.json ]; then
        # npm writes node_modules/.package-lock.json on every install: older than the lock
        # file means the lock changed since.
        if [ ! -f node_modules/.package-lock.json ] \
            || [ package-lock.json -nt node_modules/.package-lock.json ]; then
            say "installing node modules (npm ci)"
            npm ci --no-audit --no-fund
        fi
    elif [ ! -d node_modules ]; then
        say "installing node modules (npm install)"
        npm install --no-audit --no-fund
    fi
}

# ensure_chromium: Debian's Chromium and its ChromeDriver, for the browser tests.
ensure_chromium() {
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        command -v apt-get >/dev/null 2>&1 \
            || die "Chromium and ChromeDriver are missing and this is not a Debian system: install them at /usr/bin/chromium and /usr/bin/chromedriver"
        say "installing chromium and chromium-driver (apt-get)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y \
            chromium chromium-driver
    fi
}
