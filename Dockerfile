# Image for the Telegram bot: `docker build -t kz-rights-bot .` (or `docker compose build`).
# Long polling by default; for webhook mode run `python -m bot run --webhook` (see compose.yaml).
#
# Where the bot finds its files, and why the source tree stays at /app:
#   - interface strings: bot/i18n.py reads LOCALES_DIR = <parent of the bot package>/locales,
#     so the package must be imported from /app/bot to find /app/locales. A normal
#     `pip install .` would put a second copy of the package in site-packages, whose parent has
#     no locales/ (`bot check` then fails). So the project is installed *editable*: the venv
#     holds only the dependencies and a finder that points `import bot` at /app/bot, from any
#     working directory.
#   - content: BOT_CONTENT_DIR defaults to the relative "content"; it is set to /app/content
#     so `docker compose exec bot python -m bot ...` works from any directory too.
#   - statistics: BOT_DB=/data/stats.sqlite3 on a volume owned by the bot user. The code and
#     content stay owned by root, read-only for the bot.
#
# The base is a build argument. By default the official Python image on Debian 12 (bookworm;
# named so, because plain python:3.11-slim moves to each new Debian release). Any Debian-like
# image with python3 (3.11 or newer, with its venv module) and useradd/groupadd works, e.g.
# one built from Debian packages where the official image cannot be pulled, as CI does (see
# .ci/image):  docker build --build-arg BASE=localhost/debian-python:bookworm .
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# A fixed uid/gid, so a bind-mounted or backed-up /data keeps a predictable owner.
RUN groupadd --system --gid 10001 bot \
 && useradd --system --uid 10001 --gid bot --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin bot

WORKDIR /app

# Optional extras to install: "redis" is needed only with BOT_REDIS_URL (several replicas)
# and is small; build with `--build-arg EXTRAS=` to leave it out. Never "test" or "chart".
ARG EXTRAS=redis

# Dependencies and the editable install first (this layer is rebuilt only when these change).
COPY pyproject.toml README.md ./
COPY bot/ bot/
RUN python3 -m venv /opt/venv \
 && pip install --no-cache-dir -e ".${EXTRAS:+[$EXTRAS]}" \
 && rm -rf /app/*.egg-info \
 && python -m compileall -q /app/bot

COPY content/ content/
COPY locales/ locales/

# Code and content: readable by the bot user whatever the umask of the checkout was, writable
# only by root. /data must exist and belong to the bot user *before* VOLUME: a new named
# volume is initialised from this directory, including its owner.
RUN chmod -R a+rX,go-w /app \
 && mkdir -p /data && chown bot:bot /data && chmod 0750 /data

ENV BOT_DB=/data/stats.sqlite3 \
    BOT_CONTENT_DIR=/app/content

VOLUME ["/data"]
USER bot:bot

# The image must not build if the content or interface strings do not validate; run as the
# bot user, this also proves it can read everything it needs.
RUN python -m bot check --content /app/content

# Webhook mode listens on BOT_LISTEN (set BOT_LISTEN=0.0.0.0:8080 in a container); the default
# polling mode listens on nothing.
EXPOSE 8080

# No HEALTHCHECK here: in polling mode (the default) the bot serves no HTTP at all. In webhook
# mode GET /healthz answers {"ok": true}; compose.yaml shows a health check for that variant.

# SIGTERM: stop taking updates, let running replies finish (up to 5 s), write the statistics,
# exit; the whole shutdown fits in 10 s. Give the container at least 15 s (compose.yaml does).
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "run"]
