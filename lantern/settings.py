"""Django settings for Lantern, read from the environment (see docs/configuration.md)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from lantern.env import env_bool, env_choice, env_int, env_list, env_str
from lantern.secrets import local_secrets

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("LANTERN_DATA_DIR", str(BASE_DIR.parent / "var")))

# demo: a laptop or one office, plain HTTP on 127.0.0.1; production: behind HTTPS.
MODE = env_choice("LANTERN_MODE", ("demo", "production"), "demo")
PRODUCTION = MODE == "production"

if PRODUCTION:
    SECRET_KEY = env_str("SECRET_KEY")
    LANTERN_DATA_KEY = env_str("LANTERN_DATA_KEY")
    LANTERN_INDEX_KEY = env_str("LANTERN_INDEX_KEY")
else:
    _generated = local_secrets(DATA_DIR)
    SECRET_KEY = env_str("SECRET_KEY", _generated["SECRET_KEY"])
    LANTERN_DATA_KEY = env_str("LANTERN_DATA_KEY", _generated["LANTERN_DATA_KEY"])
    LANTERN_INDEX_KEY = env_str("LANTERN_INDEX_KEY", _generated["LANTERN_INDEX_KEY"])

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "lantern.core",
    "lantern.organizations",
    "lantern.accounts",
    "lantern.audit",
    "lantern.standard",
    "lantern.cases",
    "lantern.directory",
    "lantern.hotline",
    "lantern.referrals",
    "lantern.disclosures",
    "lantern.submissions",
    "lantern.linkage",
    "lantern.stats",
    "lantern.intelligence",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that only a fresh page needs (sessions, CSRF, accounts).
    "lantern.stats.middleware.PublicPageCacheMiddleware",
    # The public search and report form, for visitors without a session: the rest of this
    # list minus sessions, accounts and messages.
    "lantern.core.middleware.PublicPageMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantern.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lantern.core.middleware.PrivacyHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantern.urls"
WSGI_APPLICATION = "lantern.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lantern.core.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'lantern.sqlite3'}"),
        # Reusing a connection saves a PostgreSQL connection setup on every request, the
        # largest single cost the directory benchmark found (docs/performance.md).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, for the test database: the live server's threads then open
    # their own connections, as the web server and worker do in the demo.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-lantern.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:workspace"
LOGOUT_REDIRECT_URL = "core:home"

AXES_FAILURE_LIMIT = env_int("LANTERN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LANTERN_LOGIN_COOLOFF_MINUTES", 30, minimum=1) / 60
# Locking by username alone would let anyone lock any investigator out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same client address as the rate limits (behind a proxy: the hop the proxy added).
AXES_CLIENT_IP_CALLABLE = "lantern.core.ratelimit.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

OTP_TOTP_ISSUER = "Lantern"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Sessions and cookies. Secure cookies need HTTPS, so they are on in production only;
# the demo serves plain HTTP on 127.0.0.1.
SESSION_COOKIE_AGE = env_int("LANTERN_SESSION_SECONDS", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("LANTERN_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
# Government of Canada sites are expected on the HSTS preload list.
SECURE_HSTS_PRELOAD = env_bool("LANTERN_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "America/Toronto"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not PRODUCTION

TASKS = {
    "default": {
        "BACKEND": env_str("LANTERN_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LANTERN_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs can carry query strings; keep them to warnings and above.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every layout step of a bulletin at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Lantern's own settings.
LANTERN_HOTLINE_NUMBER = env_str("LANTERN_HOTLINE_NUMBER", "1-833-900-1010")
# After an import that stored people or incidents, queue an incremental linkage run.
LANTERN_LINK_AFTER_IMPORT = env_bool("LANTERN_LINK_AFTER_IMPORT", True)
# A running import whose run is elsewhere (another machine or container) and has committed
# nothing for this long is taken for stopped, and may be resumed; a run where the asking
# process runs is taken for stopped as soon as its process is gone.
LANTERN_IMPORT_STALL_MINUTES = env_int("LANTERN_IMPORT_STALL_MINUTES", 15, minimum=1)
# The same for a linkage run (marked failed), which may work long between two steps of its
# progress.
LANTERN_LINKAGE_STALL_MINUTES = env_int("LANTERN_LINKAGE_STALL_MINUTES", 120, minimum=1)
# Statistics releases: cells under the threshold are suppressed; a release covers this many
# years; all releases together may spend this much epsilon (0: no limit).
LANTERN_STATS_THRESHOLD = env_int("LANTERN_STATS_THRESHOLD", 10, minimum=1)
LANTERN_STATS_YEARS = env_int("LANTERN_STATS_YEARS", 10, minimum=1)
LANTERN_STATS_EPSILON_BUDGET = env_int("LANTERN_STATS_EPSILON_BUDGET", 0, minimum=0)
# The public statistics pages are kept this long for readers without a session (0: never).
LANTERN_PUBLIC_PAGE_SECONDS = env_int("LANTERN_PUBLIC_PAGE_SECONDS", 60, minimum=0)
# Each server process searches its own copy of the public directory; it asks the database
# this often whether another process changed the directory.
LANTERN_DIRECTORY_CHECK_SECONDS = env_int("LANTERN_DIRECTORY_CHECK_SECONDS", 5, minimum=1)
LANTERN_LEAVE_URL = env_str("LANTERN_LEAVE_URL", "https://weather.gc.ca/")
LANTERN_DEMO_DATA = env_bool("LANTERN_DEMO_DATA", not PRODUCTION)
# The hotline organization (its code) that receives public reports; empty: the first one.
LANTERN_HOTLINE_ORG = env_str("LANTERN_HOTLINE_ORG", "")
# Only behind a reverse proxy that appends the client address to X-Forwarded-For: rate limits
# and lockouts then count the entry the proxy added (the last). Off by default: without such
# a proxy, a client could choose the address it is counted under.
LANTERN_TRUST_X_FORWARDED_FOR = env_bool("LANTERN_TRUST_X_FORWARDED_FOR", False)
# Public tip form: submissions and follow-up look-ups allowed per address per hour.
LANTERN_TIP_LIMIT_PER_HOUR = env_int("LANTERN_TIP_LIMIT_PER_HOUR", 10, minimum=1)
LANTERN_FOLLOW_UP_LIMIT_PER_HOUR = env_int("LANTERN_FOLLOW_UP_LIMIT_PER_HOUR", 30, minimum=1)
