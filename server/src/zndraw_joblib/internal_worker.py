"""The taskiq worker of internal jobs in distributed deployments.

    taskiq worker zndraw_joblib.internal_worker:broker

reads the same settings as the server (`ZNDRAW_JOBLIB_*`: database_url, redis_url,
internal_extensions), runs the enqueued internal tasks, and reports their transitions through
the database, the Redis bus and a write-only Socket.IO manager, like a replica would.
"""

from __future__ import annotations

import socketio
from taskiq import TaskiqEvents, TaskiqState

from zndraw_joblib.context import Runtime
from zndraw_joblib.internal import InternalExecutor, load_extensions, make_broker
from zndraw_joblib.realtime.redis_bus import RedisBus
from zndraw_joblib.realtime.socketio import ManagerEmitter
from zndraw_joblib.settings import Settings
from zndraw_joblib.store.engine import make_engine, make_sessionmaker

settings = Settings()
if not settings.redis_url:
    raise SystemExit("the internal-job worker needs ZNDRAW_JOBLIB_REDIS_URL (the server enqueues through Redis)")
engine = make_engine(
    settings.effective_database_url, pool_size=settings.database_pool_size, timeout=settings.database_timeout_seconds
)
runtime = Runtime(
    settings=settings,
    sessionmaker=make_sessionmaker(engine),
    bus=RedisBus(settings.redis_url),
    emitter=ManagerEmitter(
        socketio.AsyncRedisManager(settings.redis_url, channel="zndraw-joblib:socketio", write_only=True)
    ),
)
broker = make_broker("redis", settings.redis_url)
executor = InternalExecutor(runtime, load_extensions(settings.internal_extensions), broker=broker)


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _shutdown(_state: TaskiqState) -> None:
    await runtime.bus.close()
    await engine.dispose()
