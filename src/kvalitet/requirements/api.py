"""API endpoints of this area."""

from ninja import Router

router = Router(tags=["requirements"])
