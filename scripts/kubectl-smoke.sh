#!/usr/bin/env bash
# Smoke test of the real kubectl against a running `converge sandbox`.
#
#   KUBECONFIG=/path/to/sandbox/kubeconfig scripts/kubectl-smoke.sh
#
# Runs the same steps as KubectlCompatibilityTest in a fresh namespace and prints PASS/FAIL per
# step; exits non-zero when a step fails. Needs kubectl on PATH. Deployment status is written
# through the /status subresource because the sandbox runs no controllers.
set -u
: "${KUBECONFIG:?set KUBECONFIG to the sandbox kubeconfig}"
export KUBECONFIG
MANIFESTS="$(cd "$(dirname "$0")/.." && pwd)/converge-sandbox/src/test/resources/kubectl"
NS="smoke-$(date +%s)"
WORK="$(mktemp -d)"
export KUBECACHEDIR="$WORK/cache"
passed=0
failed=0
watch_pid=""

cleanup() {
  [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null
  kubectl delete namespace "$NS" --wait=false >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { # step NAME COMMAND... : runs COMMAND, reports PASS/FAIL
  local name="$1"; shift
  if "$@" >"$WORK/last.out" 2>&1; then
    echo "PASS  $name"; passed=$((passed + 1))
  else
    echo "FAIL  $name"; sed 's/^/      /' "$WORK/last.out" | head -20; failed=$((failed + 1))
  fi
}
expect() { # expect PATTERN COMMAND... : COMMAND succeeds and its output matches PATTERN
  local pattern="$1"; shift
  local out; out="$("$@" 2>&1)" || { echo "$out"; return 1; }
  echo "$out"; grep -Eq -- "$pattern" <<<"$out"
}
fails() { ! "$@"; }
exit_code_is() { # exit_code_is N COMMAND...
  local want="$1"; shift
  "$@"; local got=$?
  echo "exit code $got (want $want)"; [ "$got" -eq "$want" ]
}
eventually() { # eventually SECONDS COMMAND...
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do [ "$(date +%s)" -ge "$deadline" ] && return 1; sleep 0.5; done
}
completed_status() {
  local gen; gen="$(kubectl get deploy web -n "$NS" -o jsonpath='{.metadata.generation}')"
  kubectl patch deployment web -n "$NS" --subresource=status --type=merge -p "{\"status\":{
    \"observedGeneration\":$gen,\"replicas\":2,\"updatedReplicas\":2,\"readyReplicas\":2,
    \"availableReplicas\":2,\"conditions\":[
    {\"type\":\"Available\",\"status\":\"True\",\"reason\":\"MinimumReplicasAvailable\",\"message\":\"ok\"},
    {\"type\":\"Progressing\",\"status\":\"True\",\"reason\":\"NewReplicaSetAvailable\",\"message\":\"ok\"}]}}"
}

step "version reports a server" expect 'Server Version: v1\.' kubectl version
step "api-resources lists short names" expect 'deployments +deploy +apps/v1 +true +Deployment' \
  kubectl api-resources
step "create namespace (protobuf body)" expect "namespace/$NS created" kubectl create namespace "$NS"
step "create -f - from stdin" expect 'configmap/from-stdin created' kubectl create -n "$NS" -f - \
  <<<'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"from-stdin"}}'
step "create configmap --from-literal" expect 'configmap/lit created' \
  kubectl create configmap lit -n "$NS" --from-literal=a=1
step "create deployment (protobuf body)" expect 'deployment.apps/api created' \
  kubectl create deployment api -n "$NS" --image=nginx:1.27 --replicas=2
step "create -f" expect 'configmap/settings created' kubectl create -n "$NS" -f "$MANIFESTS/configmap.yaml"
step "get -o wide" expect 'settings +1 ' kubectl get cm settings -n "$NS" -o wide
step "get -o yaml" expect 'mode: fast' kubectl get cm settings -n "$NS" -o yaml
step "get -A" expect "$NS +settings" kubectl get cm -A
step "get namespace status" expect "$NS +Active" kubectl get ns "$NS"

kubectl get cm -n "$NS" -w >"$WORK/watch.out" 2>&1 &
watch_pid=$!
step "get -w lists current objects" eventually 20 grep -Eq 'settings +1 ' "$WORK/watch.out"
step "label" expect 'labeled' kubectl label cm settings -n "$NS" tier=frontend
step "annotate" expect 'annotated' kubectl annotate cm settings -n "$NS" owner=team-a
step "apply --server-side" expect 'deployment.apps/web serverside-applied' \
  kubectl apply --server-side -n "$NS" -f "$MANIFESTS/app.yaml"
step "get -w shows a later object" eventually 20 grep -Eq 'web-config +2 ' "$WORK/watch.out"
kill "$watch_pid" 2>/dev/null; watch_pid=""

step "get deployment columns" expect 'READY +UP-TO-DATE +AVAILABLE' kubectl get deploy -n "$NS"
step "get service columns" expect 'web +ClusterIP .* 80/TCP' kubectl get svc -n "$NS"
step "scale" expect 'scaled' kubectl scale deployment/web -n "$NS" --replicas=2
step "wait times out before status" fails kubectl wait --for=condition=Available deployment/web \
  -n "$NS" --timeout=1s
step "write completed status via /status" completed_status
step "wait --for=condition=Available" expect 'condition met' \
  kubectl wait --for=condition=Available deployment/web -n "$NS" --timeout=30s
step "rollout status" expect 'successfully rolled out' \
  kubectl rollout status deployment/web -n "$NS" --timeout=30s
step "diff --server-side unchanged exits 0" exit_code_is 0 \
  kubectl diff --server-side -n "$NS" -f "$MANIFESTS/app.yaml"
sed 's/greeting: hello/greeting: bye/' "$MANIFESTS/app.yaml" >"$WORK/app-changed.yaml"
step "diff --server-side changed exits 1" exit_code_is 1 \
  kubectl diff --server-side -n "$NS" -f "$WORK/app-changed.yaml"
step "delete -f" expect 'deployment.apps "web" deleted' kubectl delete -n "$NS" -f "$MANIFESTS/app.yaml"
kubectl wait --for=delete cm/settings -n "$NS" --timeout=30s >"$WORK/wait-delete.out" 2>&1 &
wait_pid=$!
kubectl delete cm settings -n "$NS" >/dev/null 2>&1
step "wait --for=delete" wait "$wait_pid"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
