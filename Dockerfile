# One image for the three processes (the Procfile's): web (gunicorn, the default command), worker
# (`mentorbot worker`) and release (`mentorbot migrate`). Runs as an unprivileged user; stops cleanly on SIGTERM
# (gunicorn drains its requests; the worker finishes its posts and releases claimed rows).
#
#   docker build -t mentorbot .            (or: podman build -t mentorbot .)
#   docker compose up                      (compose.yml: PostgreSQL, migrations, web, worker)
#
# BASE: any Debian-based image with Python 3.11+ (python:3.11-slim-bookworm by default).
ARG BASE=python:3.11-slim-bookworm

FROM ${BASE} AS build
WORKDIR /src
COPY pyproject.toml constraints.txt README.md LICENSE ./
COPY bot bot
COPY handlers handlers
COPY storage storage
# constraints.txt pins every dependency to the versions the tests ran with (see the README's deploy steps).
RUN python3 -m venv /opt/mentorbot \
 && /opt/mentorbot/bin/pip install --no-cache-dir --upgrade pip \
 && /opt/mentorbot/bin/pip install --no-cache-dir -c constraints.txt '.[sentry]'

FROM ${BASE}
RUN useradd --system --uid 10001 --user-group --home-dir /app --create-home mentorbot
COPY --from=build /opt/mentorbot /opt/mentorbot
ENV PATH=/opt/mentorbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PORT=3000 \
    HEARTBEAT_DIR=/tmp/mentorbot \
    PROMETHEUS_MULTIPROC_DIR=/tmp/mentorbot/prometheus
WORKDIR /app
USER mentorbot
EXPOSE 3000
# The Procfile's web line. PROMETHEUS_MULTIPROC_DIR is emptied at each start (prometheus_client's rule).
CMD ["sh", "-c", "rm -rf \"$PROMETHEUS_MULTIPROC_DIR\" && mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\" && exec gunicorn --preload bot.wsgi:application --bind 0.0.0.0:${PORT} --worker-class gthread --workers 2 --threads 8 --graceful-timeout 25"]
