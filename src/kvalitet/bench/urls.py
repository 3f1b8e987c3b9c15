"""The application's URLs plus the bare "hello" view the portal's throughput is compared with."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [
    path("bench/hello", hello, name="bench_hello"),
    path("", include("kvalitet.urls")),
]
