# Shared steps for scripts/run and scripts/test. Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Install Debian packages that are missing (root on these machines; sudo elsewhere).
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Create .venv and install the locked dependency set; skipped when the lock has not changed.
ensure_venv() {
  if [ ! -x "$PY" ]; then
    say "Creating virtual environment in .venv"
    python3 -m venv "$VENV"
  fi
  local stamp="$VENV/.lock-installed"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/requirements.lock" "$stamp"; then
    say "Installing Python packages from requirements.lock"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q --require-hashes -r "$ROOT/requirements.lock"
    cp "$ROOT/requirements.lock" "$stamp"
  fi
}

# Install the browser tests' JavaScript (axe-core) from package-lock.json; skipped when node_modules
# already matches the lock (npm writes its own copy of the lock into node_modules on install).
ensure_node_modules() {
  if ! command -v npm >/dev/null 2>&1; then
    ensure_debian_packages npm
  fi
  if [ ! -f "$ROOT/node_modules/.package-lock.json" ] \
    || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "Installing JavaScript packages from package-lock.json"
    (cd "$ROOT" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}
