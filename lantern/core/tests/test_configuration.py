"""Settings come from the environment and a bad value stops the process with a clear message."""

from __future__ import annotations

import base64
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lantern.env import env_bool, env_choice, env_int

KEY = base64.b64encode(b"k" * 32).decode()


def _lantern(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("LANTERN_", "SECRET_KEY", "DATABASE_URL", "DJANGO_"))}
    command = [sys.executable, "-m", "lantern.cli", *args]
    return subprocess.run(command, env={**clean, **env},  # noqa: S603 - our own CLI
                          capture_output=True, text=True, timeout=120, check=False)


def test_helpers_refuse_values_they_cannot_read(monkeypatch):
    monkeypatch.setenv("X_BOOL", "perhaps")
    monkeypatch.setenv("X_INT", "ten")
    monkeypatch.setenv("X_CHOICE", "staging")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL must be a boolean"):
        env_bool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="X_INT must be an integer"):
        env_int("X_INT", 1)
    with pytest.raises(ImproperlyConfigured, match="X_CHOICE must be one of"):
        env_choice("X_CHOICE", ("demo", "production"), "demo")


def test_production_refuses_to_start_without_its_secrets(tmp_path):
    result = _lantern("check", LANTERN_MODE="production", LANTERN_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_data_key_stops_start_up(tmp_path):
    result = _lantern("check", LANTERN_MODE="production", LANTERN_DATA_DIR=str(tmp_path),
                      SECRET_KEY="x" * 50, LANTERN_DATA_KEY="k1:not-base64!",
                      LANTERN_INDEX_KEY=KEY, ALLOWED_HOSTS="lantern.example")
    assert result.returncode != 0
    assert "LANTERN_DATA_KEY is not base64" in result.stderr or "not base64" in result.stderr


def test_production_with_its_secrets_passes_the_deployment_checks(tmp_path):
    result = _lantern("check", "--deploy", "--fail-level", "WARNING",
                      LANTERN_MODE="production", LANTERN_DATA_DIR=str(tmp_path),
                      SECRET_KEY=base64.b64encode(os.urandom(48)).decode(),
                      LANTERN_DATA_KEY=f"k1:{KEY}", LANTERN_INDEX_KEY=KEY,
                      ALLOWED_HOSTS="lantern.example")
    assert result.returncode == 0, result.stderr


def test_the_demo_starts_with_nothing_set(tmp_path):
    result = _lantern("check", LANTERN_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "local-secrets.json").exists()
