"""Settings that point a shared service at a port where nothing listens: the service is down."""

from __future__ import annotations

import socket

from botocore.config import Config


def closed_port() -> int:
    """A local port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url: str, prefix: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def down_redis_cache() -> dict:
    return redis_cache(f"redis://127.0.0.1:{closed_port()}/0", "down")


def s3_storages(base: dict, endpoint: str, bucket: str = "clinic-test") -> dict:
    """``base`` (settings.STORAGES) with the default storage in an S3 bucket at ``endpoint``."""
    return {
        **base,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "access_key": "testing",
                "secret_key": "testing",
                "region_name": "us-east-1",
                "default_acl": "private",
                "file_overwrite": False,
                "client_config": Config(
                    s3={"addressing_style": "path"},
                    connect_timeout=1,
                    read_timeout=2,
                    retries={"max_attempts": 1},
                ),
            },
        },
    }


def down_s3_storages(base: dict) -> dict:
    return s3_storages(base, f"http://127.0.0.1:{closed_port()}")
