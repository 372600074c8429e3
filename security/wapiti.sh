#!/usr/bin/env bash
# Wapiti scan of the signed-in app (see docs/security-scan.md). Usage: bash security/wapiti.sh
# Needs: a JDK 17, python3 with requests, and wapiti (apt-get install -y wapiti; Debian's 3.0.4, run by /usr/bin/python3).
# Builds the app with the dev build profile (the only build that seeds the demo people), starts it on a fresh embedded
# PostgreSQL behind TLS (a throw-away self-signed certificate; https base URL, as in production: HSTS and Secure
# cookies), signs in as the demo owner (in the dev profile also the platform operator) and hands that session to
# wapiti, which runs every module (-m all) within a time bound. Writes target/wapiti/report.json and prints the
# counts; exits 1 when anything is reported.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PORT=${WAPITI_APP_PORT:-8091}
TLS_PORT=${WAPITI_TLS_PORT:-8453}
MANAGEMENT_PORT=${WAPITI_MANAGEMENT_PORT:-9091}
PG_PORT=${WAPITI_PG_PORT:-54339}
MAX_SCAN=${WAPITI_MAX_SCAN_SECONDS:-1800}
MAX_ATTACK=${WAPITI_MAX_ATTACK_SECONDS:-120}
OWNER=owner@demo.dailydoco.test
PASSWORD=demo-password-2026   # account.DemoData.PASSWORD, dev build only
WORK=target/wapiti
BASE="https://127.0.0.1:$TLS_PORT"
rm -rf "$WORK" && mkdir -p "$WORK"

command -v wapiti >/dev/null || { echo "wapiti is missing: apt-get install -y wapiti"; exit 1; }
if [ "${WAPITI_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/wapiti-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -DskipTests -Dquarkus.profile=dev -Dquarkus.package.output-directory=wapiti-app
fi

keytool -genkeypair -alias app -keyalg RSA -keysize 2048 -validity 2 -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 \
  -storetype PKCS12 -keystore "$WORK/tls.p12" -storepass scan-only -keypass scan-only >/dev/null 2>&1

echo "Starting the app on a fresh embedded PostgreSQL (port $PG_PORT), https on $TLS_PORT…"
DAILYDOCO_PGDATA="$PWD/$WORK/pgdata" DAILYDOCO_PGPORT=$PG_PORT DAILYDOCO_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  DAILYDOCO_BASE_URL="$BASE" \
  java -Xmx768m -Dquarkus.profile=dev -Dquarkus.http.port="$APP_PORT" -Dquarkus.http.ssl-port="$TLS_PORT" \
  -Dquarkus.tls.key-store.p12.path="$WORK/tls.p12" -Dquarkus.tls.key-store.p12.password=scan-only \
  -Dquarkus.http.insecure-requests=disabled -Dquarkus.mailer.mock=true -jar target/wapiti-app/quarkus-run.jar \
  >"$WORK/app.log" 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -skf -o /dev/null "$BASE/login" && break
  sleep 1
done
curl -skf -o /dev/null "$BASE/login" || { tail -50 "$WORK/app.log"; exit 1; }

echo "Signing in as $OWNER…"
/usr/bin/python3 - "$BASE" "$OWNER" "$PASSWORD" "$WORK/cookies.json" <<'PY'
import json, re, sys, requests, urllib3
urllib3.disable_warnings()
base, email, password, out = sys.argv[1:]
s = requests.Session()
# The scan's own throw-away certificate; per request, since a CA bundle in the environment overrides a session's.
page = s.get(base + "/login", verify=False).text
field, token = re.search(r'<input type="hidden" name="([^"]+)" value="([^"]+)"', page).groups()
answer = s.post(base + "/login", data={field: token, "email": email, "password": password}, allow_redirects=False,
                verify=False)
assert answer.status_code == 303 and "dd_session" in s.cookies, (answer.status_code, answer.text[:300])
# wapiti's cookie file: {domain: {path: {name: {value, expires, secure, port, version}}}}; an IP is its own key.
jar = {}
for c in s.cookies:
    jar.setdefault(c.domain.lstrip(".") or "127.0.0.1", {}).setdefault(c.path or "/", {})[c.name] = {
        "value": c.value, "expires": None, "secure": c.secure, "port": None, "version": 0}
json.dump(jar, open(out, "w"), indent=2)
print("signed in; cookies:", sorted(c.name for c in s.cookies))
PY

echo "Scanning (every module, at most ${MAX_SCAN}s, ${MAX_ATTACK}s per module)…"
START=$(date +%s)
# The crawler submits every form it finds with made-up values. Excluded: sign-out (it would end the session being
# scanned), the two actions that would take the scanned workspace away from the session (the operator suspending it,
# the owner handing it over), and the dev build's own tool pages, which production builds do not contain. Their CSRF
# and access checks are the same filters as every other form's, tested in the suite.
/usr/bin/python3 security/wapiti-run.py -u "$BASE/" --scope folder -m all -c "$WORK/cookies.json" \
  -x "$BASE/logout" -x "$BASE/operator/tenants/*/suspend" -x "$BASE/t/*/members/*/transfer-ownership" \
  -x "$BASE/dev/*" \
  --max-scan-time "$MAX_SCAN" --max-attack-time "$MAX_ATTACK" --flush-session \
  --store-session "$WORK/session" --store-config "$WORK/config" \
  -f json -o "$WORK/report.json" -v 1 --no-bugreport >"$WORK/wapiti.log" 2>&1 || true
SECONDS_TAKEN=$(( $(date +%s) - START ))

/usr/bin/python3 - "$WORK/report.json" "$SECONDS_TAKEN" "$WORK/app.log" <<'PY'
import json, sys
report, seconds, app_log = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
def count(section):
    return {k: len(v) for k, v in report.get(section, {}).items() if v}
vulns, anomalies, additionals = count("vulnerabilities"), count("anomalies"), count("additionals")
info = report.get("infos", {})
errors = sum(1 for line in open(app_log, errors="replace") if " ERROR " in line)
print(f"Scan of {info.get('target')} in {seconds}s, crawled {info.get('crawled_pages_nbr', '?')} pages")
print("findings:", sum(vulns.values()), vulns)
print("anomalies:", sum(anomalies.values()), anomalies)
print("additional notes:", sum(additionals.values()), additionals)
print("ERROR lines in the app's log:", errors)
for section in ("vulnerabilities", "anomalies"):
    for category, items in report.get(section, {}).items():
        for item in items:
            print(f"  [{section}] {category}: {item.get('method')} {item.get('path')} {item.get('parameter', '')} — {item.get('info', '')[:160]}")
sys.exit(1 if vulns or anomalies else 0)
PY
