#!/usr/bin/env bash
# The portable package, as a user gets it: build the archive with CPack, unpack it into an empty
# folder, and from there, on a clean environment (PATH=/usr/bin:/bin, a fresh HOME), run
# certrenew-cli --version, the conformance kit against the bundled softtoken, a whole renewal
# against a local certrenew-server, the desktop app to its first screen and its diagnostic view
# (listing the package's own drivers) under Xvfb (when built),
# and the vendor drop-in: a driver copied into plugins/ is used, a broken one is reported.
# Usage: portable_package_test.sh BUILD_DIR SERVER_BINARY EXAMPLE_DRIVER
set -euo pipefail
build=$1 server_bin=$2 example_driver=$3
work=$(mktemp -d)
server_pid=
xvfb_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== cpack"
(cd "$build" && cpack -G TGZ -B "$work/cpack" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
archive=$(ls "$work"/cpack/certrenew-*-portable.tar.gz)
mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$archive"
pkg=$(ls -d "$work"/unpacked/certrenew-*)
ls -R "$pkg"

# Nothing in the package may point into the build tree.
for f in "$pkg"/certrenew-cli "$pkg"/certrenew-driver-check "$pkg"/plugins/*.so; do
  if readelf -d "$f" | grep -E 'R(UN)?PATH' | grep -v '\$ORIGIN' | grep -q .; then
    fail "$f has a run path other than \$ORIGIN"
  fi
  if grep -qa -- "$build" "$f"; then fail "$f mentions the build folder $build"; fi
done
[[ -f "$pkg/certrenew.portable" ]] || fail "no portable marker"
[[ -f "$pkg/README.txt" ]] || fail "no README.txt"
[[ -f "$pkg/assets/console/index.html" && -f "$pkg/assets/console/js/app.js" ]] ||
  fail "no operators' console pages in assets/console"

run() { (cd "$pkg" && env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
          CERTRENEW_DEMO_PIN=123456 "$@"); }
mkdir -p "$work/home"

echo "== certrenew-cli --version"
run ./certrenew-cli --version | grep -q "certrenew-cli" || fail "--version"

echo "== the conformance kit against the bundled softtoken"
run ./certrenew-softtoken-tool init --dir "$work/kit-tokens/t" --label "Package test" \
  --pin-env CERTRENEW_DEMO_PIN >/dev/null
run ./certrenew-driver-check --plugin plugins/libcertrenew-softtoken.so \
  --config "{\"root\": \"$work/kit-tokens\"}" --pin-env CERTRENEW_DEMO_PIN --allow-writes \
  --no-prompt >"$work/kit.log" 2>&1 || { cat "$work/kit.log"; fail "driver check"; }
grep -q " 0 FAIL" "$work/kit.log" || grep -q "0 failed" "$work/kit.log" || { cat "$work/kit.log"; fail "kit reported failures"; }

echo "== a whole renewal against a local server"
"$server_bin" init --dir "$work/server" --demo --auto-approve >/dev/null
# The demo customer's token comes from the demo tool beside the server (the server has no token code).
"$(dirname "$server_bin")/certrenew-demo" enroll --instance "$work/server" >/dev/null
"$server_bin" serve --config "$work/server/config.json" --listen 127.0.0.1:0 \
  --port-file "$work/port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
port=$(cat "$work/port")
# Portable mode: no --config, the configuration is written beside the executable.
run ./certrenew-cli config init --service-url "https://127.0.0.1:$port" \
  --trust "$work/server/tls/root.crt" --language en \
  --driver "softtoken={\"root\": \"$work/server/demo/softtokens\"}" >/dev/null
[[ -f "$pkg/config.json" ]] || fail "portable mode did not keep the configuration beside the program"
cat >"$work/form.json" <<'FORM'
{"period_months": 12,
 "operator": {"id_number": "11010519491231002X", "name": "胡某", "mobile": "13800138000", "email": "hu@example.cn"},
 "recipient": {"name": "胡某", "mobile": "13800138000", "address": "广东省佛山市禅城区某某路1号"}}
FORM
no=$(run ./certrenew-cli --json apply --accept-agreement --form "$work/form.json" \
       --pin-env CERTRENEW_DEMO_PIN </dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["business_no"])')
run ./certrenew-cli pay bank-transfer "$no" --payer-account "6222 0202 0000 1234 567" \
  --payer-name "胡某" --amount 100.00 --date "$(date -u +%F)" </dev/null >/dev/null
"$server_bin" admin --config "$work/server/config.json" --listen "127.0.0.1:$port" \
  confirm-payment "$no" >/dev/null
run ./certrenew-cli install "$no" --pin-env CERTRENEW_DEMO_PIN </dev/null
[[ -f "$pkg/data/applications/$no.json" ]] || fail "portable mode did not keep the application beside the program"
state=$("$server_bin" admin --config "$work/server/config.json" --listen "127.0.0.1:$port" show "$no" \
          | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"]["code"])')
[[ $state == completed ]] || fail "the service says $state, not completed"

echo "== vendor drop-in"
cp "$example_driver" "$pkg/plugins/"
printf 'not a shared library\n' >"$pkg/plugins/libbroken-vendor.so"
run ./certrenew-cli --json tokens >"$work/tokens.json" 2>"$work/tokens.err" || fail "tokens failed with a broken driver present"
python3 -c 'import json,sys; ids=[t["id"] for t in json.load(open(sys.argv[1]))["tokens"]]; sys.exit(0 if "EXAMPLE-0001" in ids else 1)' \
  "$work/tokens.json" || { cat "$work/tokens.json"; fail "the dropped-in driver's token is not listed"; }
grep -q "libbroken-vendor.so" "$work/tokens.err" || { cat "$work/tokens.err"; fail "the broken driver is not reported"; }
rm "$pkg/plugins/libbroken-vendor.so"

if [[ -x "$pkg/certrenew" ]]; then
  echo "== the desktop app to its first screen under Xvfb"
  # In the sanitizer build the GUI's leak check is tests/gui's, which names Mesa's frames and
  # suppresses only those; in this empty environment Mesa's allocations have no names.
  gui_env=()
  [[ -n "${ASAN_OPTIONS:-}" ]] && gui_env=(ASAN_OPTIONS=detect_leaks=0)
  exec 5< <(Xvfb -displayfd 1 -screen 0 1280x900x24 -nolisten tcp 2>/dev/null)
  xvfb_pid=$!
  read -r -t 20 display <&5 || fail "Xvfb did not start"
  (cd "$pkg" && env -i "${gui_env[@]}" HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
     DISPLAY=":$display" timeout 60 ./certrenew --screenshot "$work/first.png") || fail "certrenew did not reach its first screen"
  [[ -s "$work/first.png" ]] || fail "no screenshot"

  echo "== certrenew --diagnostic: the report of this package's drivers and configuration"
  (cd "$pkg" && env -i "${gui_env[@]}" HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
     DISPLAY=":$display" timeout 90 ./certrenew --diagnostic --screenshot "$work/diagnostic.png" \
     --test-widget-map "$work/diagnostic-map.json") || fail "certrenew --diagnostic did not settle"
  [[ -s "$work/diagnostic.png" ]] || fail "no screenshot of the diagnostic view"
  grep -q '"screen": "diagnostics"' "$work/diagnostic-map.json" || fail "not on the diagnostic view"
  grep -q '"diag.runs": "1"' "$work/diagnostic-map.json" || fail "the diagnosis did not finish"
  grep -q "$pkg/plugins/libcertrenew-softtoken.so" "$work/diagnostic-map.json" ||
    fail "the diagnosis does not list the package's own softtoken driver"
fi
echo "PASS: portable package"
