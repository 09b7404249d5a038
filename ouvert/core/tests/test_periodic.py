import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ouvert.core import periodic
from ouvert.core.models import PeriodicRun

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class CountingTask:
    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1


@pytest.fixture
def job(monkeypatch):
    task = CountingTask()
    monkeypatch.setattr(periodic, "_jobs", {})
    periodic.periodic("essai", task, every=datetime.timedelta(hours=24))
    return task


def test_a_job_runs_at_the_first_tick_then_once_per_interval(job):
    start = timezone.now()
    assert periodic.run_due_jobs(start) == ["essai"]
    assert periodic.run_due_jobs(start + datetime.timedelta(hours=23)) == []
    assert periodic.run_due_jobs(start + datetime.timedelta(hours=24)) == ["essai"]
    assert job.enqueued == 2
    assert PeriodicRun.objects.get(name="essai").next_run_at == start + datetime.timedelta(hours=48)


def test_two_workers_ticking_at_once_run_the_job_once(job):
    now = timezone.now()
    periodic.run_due_jobs(now)
    PeriodicRun.objects.update(next_run_at=now)
    # Both saw the job due; only the first conditional update claims it.
    first = periodic.run_due_jobs(now)
    second = periodic.run_due_jobs(now)
    assert (first, second) == (["essai"], [])
    assert job.enqueued == 2


def test_nothing_is_scheduled_on_a_backend_that_cannot_defer():
    assert periodic.schedule_tick() is False
    assert not DBTaskResult.objects.exists()


def test_the_tick_chain_keeps_exactly_one_tick_waiting(settings):
    settings.TASKS = DATABASE_QUEUE
    assert periodic.schedule_tick() is True
    assert periodic.schedule_tick() is False
    [tick] = DBTaskResult.objects.all()
    assert tick.task_path == "ouvert.core.periodic.tick"
    assert tick.run_after > timezone.now()


def test_the_open_data_dump_is_a_daily_job():
    [dump] = [job for job in periodic.jobs() if job.name == "opendata-dump"]
    assert dump.every == datetime.timedelta(hours=24)


def test_old_task_results_are_pruned(settings):
    from ouvert.core.tasks import prune_task_results

    settings.TASKS = DATABASE_QUEUE
    old = timezone.now() - datetime.timedelta(days=8)
    DBTaskResult.objects.create(
        task_path="x.old", status="SUCCESSFUL", args_kwargs={}, backend_name="default",
        run_after=old, finished_at=old, queue_name="default", priority=0,
    )  # fmt: skip
    DBTaskResult.objects.create(
        task_path="x.pending", status="READY", args_kwargs={}, backend_name="default",
        run_after=old, queue_name="default", priority=0,
    )  # fmt: skip
    assert prune_task_results.call() == 1
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["x.pending"]


def test_a_daily_job_at_a_time_of_day_waits_for_it_then_comes_back_the_next_day(monkeypatch):
    task = CountingTask()
    monkeypatch.setattr(periodic, "_jobs", {})
    periodic.periodic("matin", task, at=datetime.time(7, 0))
    paris = timezone.get_current_timezone()
    evening = datetime.datetime(2026, 11, 27, 20, 0, tzinfo=paris)
    assert periodic.run_due_jobs(evening) == []
    assert PeriodicRun.objects.get().next_run_at == datetime.datetime(
        2026, 11, 28, 7, 0, tzinfo=paris
    )
    assert periodic.run_due_jobs(datetime.datetime(2026, 11, 28, 7, 0, 30, tzinfo=paris)) == [
        "matin"
    ]
    assert PeriodicRun.objects.get().next_run_at == datetime.datetime(
        2026, 11, 29, 7, 0, tzinfo=paris
    )


def test_participation_and_notifications_schedule_their_work():
    names = {job.name: job for job in periodic.jobs()}
    assert names["event-reminders"].every == datetime.timedelta(minutes=15)
    assert names["daily-digests"].at == datetime.time(7, 0)
