from django_tasks import task

from . import services


@task()
def process_search_outbox() -> dict:
    return services.process_outbox()


@task()
def send_saved_search_digests() -> int:
    return services.send_saved_search_digests()


@task()
def reload_search_dictionary() -> str:
    return services.reload_dictionary()
