#!/usr/bin/env bash
# The public form under load: gunicorn on loopback against PostgreSQL, locust headless beside it.
#   DATABASE_URL=postgres://... bench/feedback_load.sh [users] [seconds]
# Prints locust's summary and how many cases were stored (none may be lost).
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${1:-60}
SECONDS_TO_RUN=${2:-60}
PORT=${PORT:-8765}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database used only for this}"
export DATABASE_URL DEBUG=0 ALLOWED_HOSTS=127.0.0.1 CONN_MAX_AGE=600
export ALTCHA_MAX_COUNTER=${ALTCHA_MAX_COUNTER:-5} FEEDBACK_RATE_CAPACITY=${FEEDBACK_RATE_CAPACITY:-100000000}
.venv/bin/kvalitet migrate --noinput -v0
DEBUG=1 .venv/bin/kvalitet demo >/dev/null
count() { .venv/bin/kvalitet shell -v0 -c "from kvalitet.feedback.models import FeedbackCase as F; print(F.objects.filter(contact_email='bench@borger.example').count())" 2>/dev/null | tail -1; }
before=$(count)
.venv/bin/gunicorn kvalitet.wsgi -b "127.0.0.1:$PORT" -w "${WORKERS:-4}" -k gthread --threads "${THREADS:-2}" \
    --log-level warning --access-logfile /dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 3
.venv/bin/locust -f bench/feedback_locust.py --headless -u "$USERS" -r "$USERS" -t "${SECONDS_TO_RUN}s" \
    --host "http://127.0.0.1:$PORT" --only-summary --stop-timeout 10 2>&1 | tail -25
after=$(count)
echo "cases stored during the run: $((after - before))"
