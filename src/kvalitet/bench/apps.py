from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "kvalitet.bench"
    label = "bench"
    verbose_name = "Benchmark"
