# Shell helpers shared by run.sh and loadtests/run.sh (sourced, not run).

# free_port START: the first port from START up that nothing on 127.0.0.1 listens on. Ports stay
# below Linux's ephemeral range (32768–60999): there, any outgoing connection (a reconnecting
# client) may hold the port as its source port, and a restarted server cannot bind it.
free_port() {
  local port=$1
  while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  if (( port >= 32768 )); then echo "free_port: no free port from $1 below the ephemeral range" >&2; return 1; fi
  echo "$port"
}

# start_component NAME LOG READY-LINE COMMAND...: starts COMMAND in the background with its output in
# LOG, waits (up to 120 s) for READY-LINE in it, and appends its pid to the array "pids".
start_component() {
  local name=$1 log=$2 ready=$3
  shift 3
  : >"$log" # exists before the first grep below, even if the command has not opened it yet
  "$@" >"$log" 2>&1 &
  local pid=$! waited=0
  pids+=("$pid")
  until grep -q "$ready" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then tail -n 40 "$log" >&2; echo "$name exited during start-up (log: $log)" >&2; return 1; fi
    if (( waited >= 1200 )); then tail -n 40 "$log" >&2; echo "$name did not become ready in 120 s (log: $log)" >&2; return 1; fi
    sleep 0.1; waited=$((waited + 1))
  done
  grep "$ready" "$log" | head -n 1
}

# stop_components: TERM every pid in "pids", then wait for them.
stop_components() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
